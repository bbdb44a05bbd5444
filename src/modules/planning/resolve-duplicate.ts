import { eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { ResolveDuplicateInput, type PlanDetail } from "./contracts-plans.js";
import { getPlan } from "./get-plan.js";
import { assertNotApproved, mustGetPlan, planScope } from "./plan-rules.js";
import { mustGetProject } from "./project-rules.js";
import { projects } from "./tables.js";

/**
 * Staff settle a likely-duplicate flag: confirm (the proposal is kept but marked `duplicate_of` the other and
 * rejected, so its proposer sees what happened) or dismiss (the pair is remembered and never flagged again).
 */
export async function resolveDuplicate({ ctx, input }: { ctx: Ctx; input: ResolveDuplicateInput & { planId: string } }): Promise<PlanDetail> {
  const i = parseInput(ResolveDuplicateInput, input);
  await withTransaction(ctx, async (tx) => {
    const p = await mustGetPlan(tx, input.planId, true);
    await requirePermission(tx, "planning:plan.write", planScope(p));
    assertNotApproved(p);
    if (i.projectId === i.otherId) throw new ValidationError([{ path: "otherId", code: "planning.duplicate-self", messageTh: "โครงการซ้ำกับตัวเองไม่ได้", messageEn: "A project cannot duplicate itself" }]);
    const [a, b] = [await mustGetProject(tx, i.projectId, true), await mustGetProject(tx, i.otherId, true)];
    const inPlan = (x: typeof a) => x.planId === p.id || x.consolidatedIntoPlanId === p.id;
    for (const [x, path] of [[a, "projectId"], [b, "otherId"]] as const)
      if (!inPlan(x)) throw new ValidationError([{ path, code: "planning.project-not-in-plan", messageTh: `โครงการ ${x.code} ไม่อยู่ในแผนนี้`, messageEn: `Project ${x.code} is not in this plan` }]);
    if (a.duplicateOf || b.duplicateOf) throw new ValidationError([{ path: "projectId", code: "planning.duplicate-already", messageTh: "โครงการนี้ถูกระบุว่าซ้ำไปแล้ว", messageEn: "One of these projects is already marked a duplicate" }]);
    if (i.decision === "confirm") {
      await tx.db.update(projects).set({ duplicateOf: b.id, status: "rejected", priority: null, version: a.version + 1, updatedAt: tx.now() }).where(eq(projects.id, a.id));
      await writeAudit(tx, { action: "planning.project.duplicate-confirm", entityType: "project", entityId: a.id, provinceCode: a.provinceCode, before: { status: a.status, duplicateOf: null }, after: { status: "rejected", duplicateOf: b.id, duplicateOfCode: b.code, planId: p.id } });
    } else {
      await tx.db.update(projects).set({ notDuplicates: sql`array_append(${projects.notDuplicates}, ${b.id})`, updatedAt: tx.now() }).where(eq(projects.id, a.id));
      await tx.db.update(projects).set({ notDuplicates: sql`array_append(${projects.notDuplicates}, ${a.id})`, updatedAt: tx.now() }).where(eq(projects.id, b.id));
      await writeAudit(tx, { action: "planning.project.duplicate-dismiss", entityType: "project", entityId: a.id, provinceCode: a.provinceCode, after: { notDuplicateOf: b.id, code: b.code, planId: p.id } });
    }
  });
  return getPlan({ ctx, input: { id: input.planId } });
}
