import { and, eq, inArray, isNull } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation, ValidationError } from "../../platform/errors.js";
import { bangkokDateOf } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import { ApprovePlanInput, type PlanDetail } from "./contracts-plans.js";
import { getPlan } from "./get-plan.js";
import { assertNotApproved, mustGetPlan, planProjectsWhere, planScope } from "./plan-rules.js";
import { assertVersion } from "./project-rules.js";
import { plans, projects } from "./tables.js";

/**
 * The governor (a cluster plan: the cluster office) approves the plan: it is locked and its active proposals are
 * approved with it. Nothing is approved without a goal; duplicates confirmed and rejected proposals stay out.
 */
export async function approvePlan({ ctx, input }: { ctx: Ctx; input: ApprovePlanInput & { planId: string } }): Promise<PlanDetail> {
  const i = parseInput(ApprovePlanInput, input);
  await withTransaction(ctx, async (tx) => {
    const p = await mustGetPlan(tx, input.planId, true);
    // a cluster office reaches every province of its cluster, but approves only the cluster's own plan
    await requirePermission(tx, p.level === "cluster" ? "planning:cluster-plan.approve" : "planning:plan.approve", planScope(p));
    assertNotApproved(p);
    assertVersion(p.version, i.version, "plan");
    const on = i.approvedOn ?? bangkokDateOf(tx.now());
    if (on > bangkokDateOf(tx.now())) throw new ValidationError([{ path: "approvedOn", code: "planning.date-in-future", messageTh: "วันอนุมัติต้องไม่เป็นวันในอนาคต", messageEn: "The approval date cannot be in the future" }]);
    const rows = await tx.db.select().from(projects).where(and(planProjectsWhere(p), isNull(projects.duplicateOf), inArray(projects.status, ["proposed", "prioritised"]))).for("update");
    if (rows.length === 0) throw new RuleViolation("planning.plan-empty", "แผนยังไม่มีโครงการที่รอพิจารณา", "The plan has no proposals to approve");
    const noGoal = rows.filter((r) => r.goalIds.length === 0);
    if (noGoal.length) throw new RuleViolation("planning.project-without-goal", `โครงการ ${noGoal.map((r) => r.code).join(", ")} ยังไม่ระบุเป้าหมายของจังหวัด`, `Projects ${noGoal.map((r) => r.code).join(", ")} serve no provincial goal`);
    await tx.db.update(projects).set({ status: "approved", approvedOn: on, updatedAt: tx.now() }).where(inArray(projects.id, rows.map((r) => r.id)));
    await tx.db.update(plans).set({ status: "approved", approvedOn: on, approvedBy: tx.actor.name ?? tx.actor.id ?? tx.actor.kind, version: p.version + 1, updatedAt: tx.now() }).where(eq(plans.id, p.id));
    await writeAudit(tx, { action: "planning.plan.approve", entityType: "plan", entityId: p.id, provinceCode: p.provinceCode, before: { status: p.status }, after: { status: "approved", approvedOn: on, projects: rows.map((r) => r.code) } });
    for (const r of rows) await writeAudit(tx, { action: "planning.project.approve", entityType: "project", entityId: r.id, provinceCode: r.provinceCode, before: { status: r.status }, after: { status: "approved", approvedOn: on, planId: p.id } });
  });
  return getPlan({ ctx, input: { id: input.planId } });
}
