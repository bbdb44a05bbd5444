import { and, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import type { ConsolidateResult } from "./contracts-plans.js";
import { getPlan } from "./get-plan.js";
import { assertNotApproved, mustGetPlan, planScope } from "./plan-rules.js";
import { plans, projects } from "./tables.js";

/**
 * Pulls the subdistrict and district proposals of the province and fiscal year into the provincial plan (each keeps
 * its own plan and gets `consolidated_into_plan_id`), then answers with the likely duplicates among the plan's
 * projects. Pulling in again takes only what arrived since; the province plan becomes "consolidated".
 */
export async function consolidatePlan({ ctx, input }: { ctx: Ctx; input: { planId: string } }): Promise<ConsolidateResult> {
  let pulledIn = 0;
  await withTransaction(ctx, async (tx) => {
    const p = await mustGetPlan(tx, input.planId, true);
    await requirePermission(tx, "planning:plan.write", planScope(p));
    if (p.level !== "province" || !p.provinceCode) throw new RuleViolation("planning.consolidate-province-only", "รวบรวมข้อเสนอจากแผนตำบลและอำเภอได้เฉพาะแผนพัฒนาจังหวัด", "Only a provincial plan consolidates subdistrict and district proposals");
    assertNotApproved(p);
    const lower = tx.db.select({ id: plans.id }).from(plans).where(and(eq(plans.provinceCode, p.provinceCode), eq(plans.fiscalYear, p.fiscalYear), inArray(plans.level, ["district", "subdistrict"])));
    const moved = await tx.db
      .update(projects)
      .set({ consolidatedIntoPlanId: p.id, updatedAt: tx.now() })
      .where(and(inArray(projects.planId, lower), isNull(projects.consolidatedIntoPlanId), notInArray(projects.status, ["rejected", "cancelled"])))
      .returning({ id: projects.id, code: projects.code, planId: projects.planId, provinceCode: projects.provinceCode });
    for (const m of moved) await writeAudit(tx, { action: "planning.project.consolidate", entityType: "project", entityId: m.id, provinceCode: m.provinceCode, before: { consolidatedIntoPlanId: null }, after: { consolidatedIntoPlanId: p.id, fromPlanId: m.planId } });
    pulledIn = moved.length;
    await tx.db.update(plans).set({ status: "consolidated", version: p.version + 1, updatedAt: tx.now() }).where(eq(plans.id, p.id));
    await writeAudit(tx, { action: "planning.plan.consolidate", entityType: "plan", entityId: p.id, provinceCode: p.provinceCode, before: { status: p.status }, after: { status: "consolidated", pulledIn: moved.map((m) => ({ id: m.id, code: m.code, fromPlanId: m.planId })) } });
  });
  const plan = await getPlan({ ctx, input: { id: input.planId } });
  return { plan, pulledIn, flagged: plan.duplicateFlags.length };
}
