import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { RuleViolation, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { ChangeStatusInput, type ProjectDetail } from "./contracts-projects.js";
import { getProject } from "./get-project.js";
import { assertVersion, mustGetProject, projectWriters } from "./project-rules.js";
import { projects } from "./tables.js";

/** Allowed moves: approved → in_progress → completed; cancelled (with a reason) from any open status. */
const NEXT: Record<string, readonly string[]> = {
  proposed: ["cancelled"],
  prioritised: ["cancelled"],
  approved: ["in_progress", "cancelled"],
  in_progress: ["completed", "cancelled"],
};

/** Moves a project along its life: started, completed, or cancelled with a reason. */
export async function changeProjectStatus({ ctx, input }: { ctx: Ctx; input: ChangeStatusInput & { id: string } }): Promise<ProjectDetail> {
  const i = parseInput(ChangeStatusInput, input);
  await withTransaction(ctx, async (tx) => {
    const p = await mustGetProject(tx, input.id, true);
    await requireAnyPermission(tx, "planning:project.write", projectWriters(p));
    assertVersion(p.version, i.version);
    if (i.status === "cancelled" && !i.reasonTh) throw new ValidationError([{ path: "reasonTh", code: "planning.reason-required", messageTh: "ต้องระบุเหตุผลที่ยกเลิก", messageEn: "A reason is required to cancel" }]);
    if (!(NEXT[p.status] ?? []).includes(i.status)) {
      throw new RuleViolation("planning.status-transition", `เปลี่ยนสถานะจาก ${p.status} เป็น ${i.status} ไม่ได้`, `A project cannot move from ${p.status} to ${i.status}`, { from: p.status, to: i.status });
    }
    await tx.db.update(projects).set({ status: i.status, version: p.version + 1, updatedAt: tx.now() }).where(eq(projects.id, p.id));
    await emitEvent(tx, { type: "project.status-changed", provinceCode: p.provinceCode, entityType: "project", entityId: p.id, isDemo: p.isDemo, data: { project: { id: p.id, code: p.code, fiscalYear: p.fiscalYear, provinceCode: p.provinceCode, ownerOrgId: p.ownerOrgId, status: i.status, totalBudget: p.totalBudget, version: p.version + 1 }, fromStatus: p.status } });
    await writeAudit(tx, { action: "planning.project.status", entityType: "project", entityId: p.id, provinceCode: p.provinceCode, before: { status: p.status }, after: { status: i.status, reasonTh: i.reasonTh ?? null } });
  });
  return getProject({ ctx, input: { id: input.id } });
}
