import { eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { fieldError, UnauthorizedError, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupArea, lookupOrganization } from "../registry/index.js";
import { RoutingPreviewInput, type RoutingPreview } from "./contracts.js";
import { mustGetCategory, routeCase } from "./case-rules.js";
import { requireRoutingReader } from "./list-routing-rules.js";
import { placeOf } from "./submit-case.js";
import { caseRoutingRules } from "./tables.js";

/**
 * Where a case of this category at this place would be sent, and why: the rule that decides (subdistrict, district
 * or whole province; for the category or for every category), else the category's provincial office, else the
 * province's Damrongdhama centre. Places and routes exactly as intake does; writes nothing.
 */
export async function previewRouting({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<RoutingPreview> {
  if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
  const i = parseInput(RoutingPreviewInput, input);
  const place = await placeOf(ctx, i);
  await requireRoutingReader(ctx, place.provinceCode);
  const category = await mustGetCategory(ctx, i.categoryId).catch(() => {
    throw new ValidationError([fieldError("categoryId", "cases.unknown-category", `ไม่พบประเภทเรื่อง ${i.categoryId}`, `Unknown category ${i.categoryId}`)]);
  });
  const routed = await routeCase(ctx, { ...place, category });
  const org = await lookupOrganization(ctx, routed.orgId);
  let rule: RoutingPreview["rule"] = null;
  if (routed.ruleId) {
    const [r] = await ctx.db.select().from(caseRoutingRules).where(eq(caseRoutingRules.id, routed.ruleId)).limit(1);
    if (r) {
      const area = await lookupArea(ctx, r.areaId);
      const level = r.areaId.split(":")[0] as "subdistrict" | "district" | "province";
      rule = { id: r.id, areaId: r.areaId, level, areaNameTh: area?.nameTh ?? r.areaId, areaNameEn: area?.nameEn || area?.nameTh || r.areaId, categoryId: r.categoryId, noteTh: r.noteTh };
    }
  }
  const reason = routed.ruleId ? "rule" : routed.orgId === `pro:${place.provinceCode}:${category.defaultOfficeType}` ? "category-office" : "province-centre";
  return { ...place, orgId: routed.orgId, orgNameTh: org?.nameTh ?? routed.orgId, orgNameEn: org?.nameEn || org?.nameTh || routed.orgId, reason, rule };
}
