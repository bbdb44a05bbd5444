import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Grant } from "../../platform/auth/actor.js";
import type { Ctx } from "../../platform/ctx.js";
import { accounts, grants } from "./tables.js";

/** Display names of accounts (for "assigned to …"), by id; unknown ids are left out. */
export async function accountNames(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const rows = await ctx.db.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(inArray(accounts.id, list));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** An enabled account with its current grants (to check what another person may do, e.g. before assigning work). */
export async function lookupAccount(ctx: Ctx, id: string): Promise<{ id: string; displayName: string; grants: Grant[] } | null> {
  const [a] = await ctx.db.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts).where(and(eq(accounts.id, id), isNull(accounts.disabledAt))).limit(1);
  if (!a) return null;
  const g = await ctx.db.select({ id: grants.id, role: grants.role, scope: grants.scope }).from(grants).where(and(eq(grants.accountId, id), isNull(grants.revokedAt)));
  return { ...a, grants: g as Grant[] };
}
/** An account id by its user name (seeds link demo records to demo accounts). */
export async function accountIdByUsername(ctx: Ctx, username: string): Promise<string | null> {
  const [a] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username)).limit(1);
  return a?.id ?? null;
}

/** Enabled accounts holding one of `roles` at one of the scope keys (e.g. who can work on something in a district). */
export async function accountsHolding(ctx: Ctx, roles: readonly string[], scopeKeys: readonly string[]): Promise<{ id: string; displayName: string; role: string; scope: string }[]> {
  if (!roles.length || !scopeKeys.length) return [];
  return ctx.db
    .select({ id: accounts.id, displayName: accounts.displayName, role: grants.role, scope: grants.scope })
    .from(grants)
    .innerJoin(accounts, eq(accounts.id, grants.accountId))
    .where(and(inArray(grants.role, [...roles]), inArray(grants.scope, [...scopeKeys]), isNull(grants.revokedAt), isNull(accounts.disabledAt)))
    .orderBy(accounts.displayName)
    .limit(500);
}

/** Whether an enabled account has a verified e-mail address (what "one support per verified account" counts). */
export async function isVerifiedAccount(ctx: Ctx, id: string): Promise<boolean> {
  const [a] = await ctx.db.select({ v: accounts.emailVerifiedAt }).from(accounts).where(and(eq(accounts.id, id), isNull(accounts.disabledAt))).limit(1);
  return !!a?.v;
}

/** The verified e-mail address of an enabled account, or null (the mailer resolves "user:<id>" with it at send time). */
export async function verifiedEmailOf(ctx: Ctx, id: string): Promise<string | null> {
  const [a] = await ctx.db.select({ email: accounts.email, v: accounts.emailVerifiedAt }).from(accounts).where(and(eq(accounts.id, id), isNull(accounts.disabledAt))).limit(1);
  return a?.v && a.email ? a.email : null;
}

/** The verified addresses of the enabled accounts holding any role at exactly this scope key (the mailer's "org:…"/"area:…"). */
export async function verifiedEmailsAtScope(ctx: Ctx, scopeKey: string): Promise<string[]> {
  const rows = await ctx.db
    .selectDistinct({ email: accounts.email })
    .from(grants)
    .innerJoin(accounts, eq(accounts.id, grants.accountId))
    .where(and(eq(grants.scope, scopeKey), isNull(grants.revokedAt), isNull(accounts.disabledAt), isNotNull(accounts.emailVerifiedAt), isNotNull(accounts.email)))
    .limit(200);
  return rows.map((r) => r.email!).sort();
}
