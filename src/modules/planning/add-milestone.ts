import { eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { AddMilestoneInput, type MilestoneView } from "./contracts-projects.js";
import { milestoneView } from "./project-presenters.js";
import { mustGetProject, projectWriters } from "./project-rules.js";
import { projectMilestones } from "./tables.js";

/** Adds a milestone (a planned step with its due date) to a project that is not closed. */
export async function addMilestone({ ctx, input }: { ctx: Ctx; input: AddMilestoneInput & { projectId: string } }): Promise<MilestoneView> {
  const i = parseInput(AddMilestoneInput, input);
  return withTransaction(ctx, async (tx) => {
    const p = await mustGetProject(tx, input.projectId, true);
    await requireAnyPermission(tx, "planning:project.progress", projectWriters(p));
    if (["completed", "cancelled", "rejected"].includes(p.status)) throw new RuleViolation("planning.project-closed", "โครงการปิดแล้ว เพิ่มขั้นตอนไม่ได้", "The project is closed", { status: p.status });
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(projectMilestones).where(eq(projectMilestones.projectId, p.id))) as [{ n: number }];
    const row = { id: newId(tx.now().getTime()), projectId: p.id, provinceCode: p.provinceCode, titleTh: i.titleTh, titleEn: i.titleEn ?? "", dueOn: i.dueOn, sortOrder: n };
    const [saved] = await tx.db.insert(projectMilestones).values(row).returning();
    await writeAudit(tx, { action: "planning.milestone.add", entityType: "project", entityId: p.id, provinceCode: p.provinceCode, after: row });
    return milestoneView(saved!, tx.now());
  });
}
