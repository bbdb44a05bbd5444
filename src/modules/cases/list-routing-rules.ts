import { asc, eq } from "drizzle-orm";
import { hasPermission } from "../../platform/auth/permissions.js";
import { POLICY } from "../../platform/auth/policy.js";
import { NATION, parseScopeKey, provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { listProvinceCodes, lookupOrganizations } from "../registry/index.js";
import type { RoutingProvinces, RoutingRuleList } from "./contracts.js";
import { caseRoutingRules } from "./tables.js";

/**
 * May the actor read a province's routing rules? `cases:routing.read` reaches the province from above (a province,
 * region or nation grant) or from inside it (a district's centre, an office of the province); readers above the
 * province who hold `cases:read` over it (cluster offices, the PMOC) keep reading them too.
 */
export async function mayReadRoutingRules(ctx: Ctx, provinceCode: string): Promise<boolean> {
  return readsFrom(ctx, provinceCode, await provincesInside(ctx));
}

/** The provinces the actor's routing readers' grants lie inside (a district's centre: its province). */
async function provincesInside(ctx: Ctx): Promise<Set<string>> {
  const roles = POLICY["cases:routing.read"] as readonly string[];
  const out = new Set<string>();
  for (const g of ctx.actor.grants) {
    const scope = roles.includes(g.role) ? parseScopeKey(g.scope) : null;
    const p = scope ? await ctx.scopes.provinceOf(scope) : null;
    if (p) out.add(p);
  }
  return out;
}

async function readsFrom(ctx: Ctx, provinceCode: string, inside: Set<string>): Promise<boolean> {
  const province = provinceScope(provinceCode);
  if (await hasPermission(ctx, "cases:routing.read", province)) return true;
  // the grant lies inside the province: its rules decide where that grant's own cases go
  if (inside.has(provinceCode)) return true;
  return hasPermission(ctx, "cases:read", province);
}

/** The provinces whose routing rules the actor may read (the rules page offers only these); 401 for anonymous actors. */
export async function listRoutingProvinces({ ctx }: { ctx: Ctx }): Promise<RoutingProvinces> {
  if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
  const all = await listProvinceCodes(ctx);
  // a nation-wide reader (the PMOC, an administrator) reads every province: no need to ask 77 times
  if ((await hasPermission(ctx, "cases:routing.read", NATION)) || (await hasPermission(ctx, "cases:read", NATION))) return { provinceCodes: all };
  const inside = await provincesInside(ctx);
  const codes: string[] = [];
  for (const code of all) if (await readsFrom(ctx, code, inside)) codes.push(code);
  return { provinceCodes: codes };
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
