import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { caseRoutingRules } from "./tables.js";
import { ROUTING_CACHE } from "./case-rules.js";
import { invalidateCached } from "../../platform/cache.js";

/** Removes a routing rule: cases of its area and category fall back to the next rule or the default office. */
export async function deleteRoutingRule({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [r] = await tx.db.select().from(caseRoutingRules).where(eq(caseRoutingRules.id, input.id)).limit(1).for("update");
    if (!r) throw new NotFoundError("case-routing-rule", input.id);
    await requirePermission(tx, "cases:routing.write", { kind: "area", id: `province:${r.provinceCode}` });
    await tx.db.delete(caseRoutingRules).where(eq(caseRoutingRules.id, r.id));
    await writeAudit(tx, { action: "cases.routing-rule.delete", entityType: "case-routing-rule", entityId: r.id, provinceCode: r.provinceCode, before: { areaId: r.areaId, categoryId: r.categoryId, orgId: r.orgId } });
  });
  invalidateCached(ctx, ROUTING_CACHE);
}
