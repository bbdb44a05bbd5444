import { asc, eq } from "drizzle-orm";
import { hasPermission } from "../../platform/auth/permissions.js";
import { POLICY } from "../../platform/auth/policy.js";
import { parseScopeKey, provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { lookupOrganizations } from "../registry/index.js";
import type { RoutingRuleList } from "./contracts.js";
import { caseRoutingRules } from "./tables.js";

/**
 * May the actor read a province's routing rules? `cases:routing.read` reaches the province from above (a province,
 * region or nation grant) or from inside it (a district's centre, an office of the province); readers above the
 * province who hold `cases:read` over it (cluster offices, the PMOC) keep reading them too.
 */
export async function mayReadRoutingRules(ctx: Ctx, provinceCode: string): Promise<boolean> {
  const province = provinceScope(provinceCode);
  if (await hasPermission(ctx, "cases:routing.read", province)) return true;
  const roles = POLICY["cases:routing.read"] as readonly string[];
  for (const g of ctx.actor.grants) {
    const scope = roles.includes(g.role) ? parseScopeKey(g.scope) : null;
    // the grant lies inside the province: its rules decide where that grant's own cases go
    if (scope && (await ctx.scopes.provinceOf(scope)) === provinceCode) return true;
  }
  return hasPermission(ctx, "cases:read", province);
}

/** Throws 401 for anonymous actors and 403 for readers outside the province (see mayReadRoutingRules). */
export async function requireRoutingReader(ctx: Ctx, provinceCode: string): Promise<void> {
  if (await mayReadRoutingRules(ctx, provinceCode)) return;
  if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
  throw new ForbiddenError("cases:routing.read");
}

/** A province's routing rules, for everyone who takes or handles its cases; `canWrite` only for the province's office and governor. */
export async function listRoutingRules({ ctx, input }: { ctx: Ctx; input: { provinceCode: string } }): Promise<RoutingRuleList> {
  await requireRoutingReader(ctx, input.provinceCode);
  const rows = await ctx.db.select().from(caseRoutingRules).where(eq(caseRoutingRules.provinceCode, input.provinceCode)).orderBy(asc(caseRoutingRules.areaId), asc(caseRoutingRules.categoryId));
  const orgs = await lookupOrganizations(ctx, rows.map((r) => r.orgId));
  return {
    items: rows.map((r) => ({ id: r.id, provinceCode: r.provinceCode, areaId: r.areaId, categoryId: r.categoryId, orgId: r.orgId, orgNameTh: orgs.get(r.orgId)?.nameTh ?? r.orgId, noteTh: r.noteTh })),
    canWrite: await hasPermission(ctx, "cases:routing.write", provinceScope(input.provinceCode)),
  };
}
