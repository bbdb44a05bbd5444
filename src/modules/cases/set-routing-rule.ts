import { and, eq, isNull } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { fieldError, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupArea, lookupOrganization } from "../registry/index.js";
import { RoutingRuleInput } from "./contracts.js";
import { mustGetCategory, ROUTING_CACHE } from "./case-rules.js";
import { invalidateCached } from "../../platform/cache.js";
import { caseRoutingRules } from "./tables.js";

/**
 * Sets who handles a category (or every category) in an area of the province: one rule per area and category,
 * replaced when set again. The province's office (strategy office, governor) sets its own province's rules.
 */
export async function setRoutingRule({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: string }> {
  const i = parseInput(RoutingRuleInput, input);
  const area = await lookupArea(ctx, i.areaId);
  if (!area?.provinceCode) throw new ValidationError([fieldError("areaId", "ref.unknown-area", `ไม่พบพื้นที่ ${i.areaId}`, `Unknown area ${i.areaId}`)]);
  await requirePermission(ctx, "cases:routing.write", { kind: "area", id: `province:${area.provinceCode}` });
  if (i.categoryId) await mustGetCategory(ctx, i.categoryId).catch(() => {
    throw new ValidationError([fieldError("categoryId", "cases.unknown-category", `ไม่พบประเภทเรื่อง ${i.categoryId}`, `Unknown category ${i.categoryId}`)]);
  });
  const org = await lookupOrganization(ctx, i.orgId);
  if (!org) throw new ValidationError([fieldError("orgId", "ref.unknown-organization", `ไม่พบหน่วยงาน ${i.orgId}`, `Unknown organisation ${i.orgId}`)]);
  const out = await withTransaction(ctx, async (tx) => {
    const same = and(eq(caseRoutingRules.areaId, i.areaId), i.categoryId ? eq(caseRoutingRules.categoryId, i.categoryId) : isNull(caseRoutingRules.categoryId));
    const [old] = await tx.db.select().from(caseRoutingRules).where(same).limit(1).for("update");
    const now = tx.now();
    const id = old?.id ?? newId(now.getTime());
    if (old) await tx.db.update(caseRoutingRules).set({ orgId: org.id, noteTh: i.noteTh ?? "", updatedAt: now }).where(eq(caseRoutingRules.id, id));
    else await tx.db.insert(caseRoutingRules).values({ id, provinceCode: area.provinceCode!, areaId: i.areaId, categoryId: i.categoryId, orgId: org.id, noteTh: i.noteTh ?? "", createdBy: tx.actor.id, createdAt: now, updatedAt: now });
    await writeAudit(tx, { action: "cases.routing-rule.set", entityType: "case-routing-rule", entityId: id, provinceCode: area.provinceCode, before: old ? { orgId: old.orgId } : null, after: { areaId: i.areaId, categoryId: i.categoryId, orgId: org.id } });
    return { id };
  });
  invalidateCached(ctx, ROUTING_CACHE); // after the commit: this process routes by the new rule at once
  return out;
}
