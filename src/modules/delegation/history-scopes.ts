import { eq } from "drizzle-orm";
import { hasAnyPermission } from "../../platform/auth/permissions.js";
import { NATION, parseScopeKey, scopeKey, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { delegateScope, type Delegation } from "./rules.js";
import { delegations, powers } from "./tables.js";

/**
 * Where an instrument's history may be read: at the central authority that owns the power (its whole tree), in the
 * province the instrument names and where its delegate sits (a district, an agency). Nation-wide grants read all.
 */
export function delegationScopesOf(d: Pick<Delegation, "provinceCode" | "districtCode" | "delegateRole" | "delegateOrgId">, centralOrgId: string | null): ScopeRef[] {
  const out = new Map<string, ScopeRef>();
  const add = (s: ScopeRef | null) => s && out.set(scopeKey(s), s);
  if (centralOrgId) add({ kind: "org", id: centralOrgId });
  if (d.provinceCode) add({ kind: "area", id: `province:${d.provinceCode}` });
  add(parseScopeKey(delegateScope(d)));
  return out.size ? [...out.values()] : [NATION];
}

/** The scopes of instrument `id` for GET /history/delegation/:id (an unknown id: the nation). */
export async function delegationHistoryScopes(ctx: Ctx, id: string): Promise<ScopeRef[]> {
  const [row] = await ctx.db.select({ d: delegations, centralOrgId: powers.centralOrgId }).from(delegations).leftJoin(powers, eq(powers.code, delegations.powerCode)).where(eq(delegations.id, id)).limit(1);
  return row ? delegationScopesOf(row.d, row.centralOrgId) : [NATION];
}

/** Whether the actor may read this instrument's history (the rule GET /history applies). */
export async function mayReadDelegationHistory(ctx: Ctx, d: Pick<Delegation, "provinceCode" | "districtCode" | "delegateRole" | "delegateOrgId">, centralOrgId: string): Promise<boolean> {
  if (ctx.actor.kind === "anonymous") return false;
  return hasAnyPermission(ctx, "audit:read", delegationScopesOf(d, centralOrgId));
}
