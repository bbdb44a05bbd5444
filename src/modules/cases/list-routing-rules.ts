import { asc, eq } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { lookupOrganizations } from "../registry/index.js";
import { caseRoutingRules } from "./tables.js";

/** A province's routing rules (staff of the province read them). */
export async function listRoutingRules({ ctx, input }: { ctx: Ctx; input: { provinceCode: string } }) {
  await requirePermission(ctx, "cases:read", { kind: "area", id: `province:${input.provinceCode}` });
  const rows = await ctx.db.select().from(caseRoutingRules).where(eq(caseRoutingRules.provinceCode, input.provinceCode)).orderBy(asc(caseRoutingRules.areaId), asc(caseRoutingRules.categoryId));
  const orgs = await lookupOrganizations(ctx, rows.map((r) => r.orgId));
  return { items: rows.map((r) => ({ id: r.id, provinceCode: r.provinceCode, areaId: r.areaId, categoryId: r.categoryId, orgId: r.orgId, orgNameTh: orgs.get(r.orgId)?.nameTh ?? r.orgId, noteTh: r.noteTh })) };
}
