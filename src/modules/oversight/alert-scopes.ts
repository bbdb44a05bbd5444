import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { AppError } from "../../platform/errors.js";
import type { AlertRule, DigestFrequency } from "./contracts-alerts.js";
import { myScopes, resolveScope, type ResolvedScope } from "./scopes.js";
import { oversightAlertSubscriptions } from "./tables.js";

/** A scope an inbox or a digest reads, with the rules followed there (null = all). */
export type AlertScope = { scope: ResolvedScope; rules: AlertRule[] | null };

/** Resolves a scope the actor may still read, or null (a grant revoked since they subscribed, an area gone). */
async function readable(ctx: Ctx, key: string): Promise<ResolvedScope | null> {
  try {
    return await resolveScope(ctx, key);
  } catch (e) {
    if (e instanceof AppError && e.status < 500) return null;
    throw e;
  }
}

/**
 * The scopes an account's inbox reads: its subscriptions (of a frequency, for a digest), each checked again against
 * the account's grants today; with no subscription at all, its landing scope (the widest dashboard its grants open)
 * with every rule and no mail.
 */
export async function alertScopesOf(ctx: Ctx, opts: { frequency?: DigestFrequency } = {}): Promise<{ scopes: AlertScope[]; source: "subscriptions" | "landing" }> {
  const accountId = ctx.actor.id;
  const subs = accountId
    ? await ctx.db
        .select({ scope: oversightAlertSubscriptions.scope, rules: oversightAlertSubscriptions.rules })
        .from(oversightAlertSubscriptions)
        .where(and(eq(oversightAlertSubscriptions.accountId, accountId), opts.frequency ? eq(oversightAlertSubscriptions.frequency, opts.frequency) : undefined))
        .orderBy(oversightAlertSubscriptions.scope)
    : [];
  if (subs.length || opts.frequency) {
    const scopes: AlertScope[] = [];
    for (const s of subs) {
      const scope = await readable(ctx, s.scope);
      if (scope) scopes.push({ scope, rules: s.rules?.length ? (s.rules as AlertRule[]) : null });
    }
    return { scopes, source: "subscriptions" };
  }
  const landing = (await myScopes({ ctx })).landing;
  const scope = landing ? await readable(ctx, landing) : null;
  return { scopes: scope ? [{ scope, rules: null }] : [], source: "landing" };
}

/** The SQL condition "an alert (alias a) lies in one of these scopes under its rules"; false for none. */
export function alertsInScopes(scopes: readonly AlertScope[]): SQL {
  if (!scopes.length) return sql`false`;
  const one = ({ scope, rules }: AlertScope): SQL => {
    const parts: SQL[] = [];
    if (scope.provinces) parts.push(sql`a.province_code = any(string_to_array(${scope.provinces.join(",")}, ','))`);
    const fn = scope.fn;
    if (fn?.kind === "ministry") parts.push(sql`a.ministry_id = ${fn.id}`);
    else if (fn?.kind === "department") parts.push(sql`a.department_id = ${fn.id}`);
    else if (fn?.kind === "office") parts.push(sql`a.org_id = ${fn.id}`);
    if (rules) parts.push(sql`a.rule = any(string_to_array(${rules.join(",")}, ','))`);
    return parts.length ? sql`(${sql.join(parts, sql` and `)})` : sql`true`;
  };
  return sql`(${sql.join(scopes.map(one), sql` or `)})`;
}
