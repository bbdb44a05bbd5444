import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission, requirePermission } from "../../platform/auth/permissions.js";
import { parseScopeKey } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { AlertSubscriptionsInput, type AlertRule, type AlertSubscriptions, type DigestFrequency } from "./contracts-alerts.js";
import type { DashboardScope } from "./contracts.js";
import { myScopes, resolveScope } from "./scopes.js";
import { oversightAlertSubscriptions } from "./tables.js";

type Row = typeof oversightAlertSubscriptions.$inferSelect;

function userOf(ctx: Ctx): string {
  if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
  if (ctx.actor.kind !== "user" || !ctx.actor.id) throw new ForbiddenError("oversight:alerts.subscribe");
  return ctx.actor.id;
}

async function present(ctx: Ctx, rows: Row[]): Promise<AlertSubscriptions> {
  const mine = await myScopes({ ctx });
  const views = new Map<string, DashboardScope>(mine.scopes.map((s) => [s.key, s]));
  const subscriptions: AlertSubscriptions["subscriptions"] = [];
  for (const r of rows) {
    // a subscription whose scope the account no longer reads is kept (a grant may come back) but not shown
    const view = views.get(r.scope) ?? (await resolveScope(ctx, r.scope).then((s) => s.view, () => null));
    if (view) subscriptions.push({ scope: view, rules: r.rules?.length ? (r.rules as AlertRule[]) : null, frequency: r.frequency as DigestFrequency, updatedAt: r.updatedAt.toISOString() });
  }
  return { subscriptions, available: mine.scopes, defaultScope: mine.landing };
}

/** The calling account's alert subscriptions, the scopes it may subscribe to, and what it sees without any. */
export async function getAlertSubscriptions({ ctx }: { ctx: Ctx }): Promise<AlertSubscriptions> {
  const account = userOf(ctx);
  const rows = await ctx.db.select().from(oversightAlertSubscriptions).where(eq(oversightAlertSubscriptions.accountId, account)).orderBy(oversightAlertSubscriptions.scope);
  return present(ctx, rows);
}

/**
 * Replaces the calling account's alert subscriptions: each scope must be one the account reads (403 otherwise, 400 for a
 * scope that is no dashboard), at most once; rules chosen or all; digest none, daily or weekly. Audited. An empty list
 * unsubscribes: the inbox falls back to the landing scope and no digest is mailed.
 */
export async function setAlertSubscriptions({ ctx, input }: { ctx: Ctx; input: z.input<typeof AlertSubscriptionsInput> }): Promise<AlertSubscriptions> {
  const account = userOf(ctx);
  const i = parseInput(AlertSubscriptionsInput, input);
  const seen = new Map<string, number>();
  i.subscriptions.forEach((s, n) => {
    if (seen.has(s.scope))
      throw new ValidationError([{ path: `subscriptions.${n}.scope`, code: "oversight.duplicate-subscription", messageTh: `ขอบเขต ${s.scope} ซ้ำกับรายการที่ ${seen.get(s.scope)! + 1}`, messageEn: `Scope ${s.scope} is listed twice (also item ${seen.get(s.scope)! + 1})` }]);
    seen.set(s.scope, n);
  });
  // unsubscribing from everything needs the right somewhere the account's grants reach
  if (i.subscriptions.length === 0) await requireAnyPermission(ctx, "oversight:alerts.subscribe", ctx.actor.grants.flatMap((g) => parseScopeKey(g.scope) ?? []));
  for (const s of i.subscriptions) {
    const scope = await resolveScope(ctx, s.scope); // readable, and a scope with a dashboard
    await requirePermission(ctx, "oversight:alerts.subscribe", scope.targets);
  }
  const rules = (r: readonly AlertRule[] | null | undefined) => (r?.length ? [...new Set(r)].sort() : null);
  const rows = await withTransaction(ctx, async (tx) => {
    const before = await tx.db.select().from(oversightAlertSubscriptions).where(eq(oversightAlertSubscriptions.accountId, account)).for("update");
    const createdAt = new Map(before.map((b) => [b.scope, b.createdAt]));
    await tx.db.delete(oversightAlertSubscriptions).where(eq(oversightAlertSubscriptions.accountId, account));
    const next = i.subscriptions.map((s) => ({ accountId: account, scope: s.scope, rules: rules(s.rules), frequency: s.frequency, isDemo: false, createdAt: createdAt.get(s.scope) ?? ctx.now(), updatedAt: ctx.now() }));
    if (next.length) await tx.db.insert(oversightAlertSubscriptions).values(next);
    const shape = (r: { scope: string; rules: string[] | null; frequency: string }) => ({ scope: r.scope, rules: r.rules, frequency: r.frequency });
    await writeAudit(tx, { action: "oversight.alert-subscriptions.set", entityType: "oversight-alert-subscriptions", entityId: account, before: before.map(shape), after: next.map(shape) });
    return tx.db.select().from(oversightAlertSubscriptions).where(eq(oversightAlertSubscriptions.accountId, account)).orderBy(oversightAlertSubscriptions.scope);
  });
  return present(ctx, rows);
}
