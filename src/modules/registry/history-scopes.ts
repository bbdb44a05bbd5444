import { eq } from "drizzle-orm";
import { hasAnyPermission } from "../../platform/auth/permissions.js";
import { NATION, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { memberships, posts } from "./tables.js";

/**
 * Where a registry entity's history may be read from: an area or organisation is its own scope; a post or a
 * membership is its organisation's; a person is any organisation they hold or held a post in (so a province's
 * staff read the history of the officials serving there). Anything else is national.
 */
export async function historyScopes(ctx: Ctx, entityType: string, id: string): Promise<ScopeRef[]> {
  if (entityType === "area") return [{ kind: "area", id }];
  if (entityType === "organization") return [{ kind: "org", id }];
  if (entityType === "post") {
    const [p] = await ctx.db.select({ org: posts.organizationId }).from(posts).where(eq(posts.id, id)).limit(1);
    return p ? [{ kind: "org", id: p.org }] : [NATION];
  }
  if (entityType === "membership") {
    const [m] = await ctx.db.select({ org: memberships.organizationId }).from(memberships).where(eq(memberships.id, id)).limit(1);
    return m ? [{ kind: "org", id: m.org }] : [NATION];
  }
  if (entityType === "person") {
    const orgs = await ctx.db.selectDistinct({ org: memberships.organizationId }).from(memberships).where(eq(memberships.personId, id));
    return orgs.length ? orgs.map((o) => ({ kind: "org" as const, id: o.org })) : [NATION];
  }
  return [NATION];
}

/** Whether the actor may read this entity's change history (the same rule GET /history applies). */
export async function mayReadHistory(ctx: Ctx, entityType: string, id: string): Promise<boolean> {
  if (ctx.actor.kind === "anonymous") return false;
  return hasAnyPermission(ctx, "audit:read", await historyScopes(ctx, entityType, id));
}
