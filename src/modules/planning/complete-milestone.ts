import { and, eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { bangkokDateOf } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import { CompleteMilestoneInput, type MilestoneView } from "./contracts-projects.js";
import { milestoneView } from "./project-presenters.js";
import { mustGetProject, projectWriters } from "./project-rules.js";
import { projectMilestones } from "./tables.js";

/** Marks a milestone done (on a day not in the future); done once. */
export async function completeMilestone({ ctx, input }: { ctx: Ctx; input: { projectId: string; milestoneId: string; doneOn?: string } }): Promise<MilestoneView> {
  const i = parseInput(CompleteMilestoneInput, { doneOn: input.doneOn });
  return withTransaction(ctx, async (tx) => {
    const p = await mustGetProject(tx, input.projectId, true);
    await requireAnyPermission(tx, "planning:project.progress", projectWriters(p));
    const [m] = await tx.db.select().from(projectMilestones).where(and(eq(projectMilestones.id, input.milestoneId), eq(projectMilestones.projectId, p.id))).for("update");
    if (!m) throw new NotFoundError("milestone", input.milestoneId);
    if (m.doneOn) throw new ConflictError("planning.milestone-done", "ขั้นตอนนี้บันทึกว่าเสร็จแล้ว", "The milestone is already done", { doneOn: m.doneOn });
    const today = bangkokDateOf(tx.now());
    const doneOn = i.doneOn ?? today;
    if (doneOn > today) throw new ValidationError([{ path: "doneOn", code: "planning.date-in-future", messageTh: "วันที่เสร็จต้องไม่เป็นวันในอนาคต", messageEn: "The done date cannot be in the future" }]);
    const [saved] = await tx.db.update(projectMilestones).set({ doneOn, updatedAt: tx.now() }).where(eq(projectMilestones.id, m.id)).returning();
    await writeAudit(tx, { action: "planning.milestone.complete", entityType: "project", entityId: p.id, provinceCode: p.provinceCode, before: { milestoneId: m.id, doneOn: null }, after: { milestoneId: m.id, titleTh: m.titleTh, doneOn } });
    return milestoneView(saved!, tx.now());
  });
}
