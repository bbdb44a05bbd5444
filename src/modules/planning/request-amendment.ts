import { and, eq, inArray } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, RuleViolation, ValidationError } from "../../platform/errors.js";
import { bangkokDateOf } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import { RequestAmendmentInput, type AmendmentView } from "./contracts-projects.js";
import { amendmentAuthority, applyAmendment, deciderOf } from "./amendment-rules.js";
import { amendmentView } from "./project-presenters.js";
import { checkAreaCodes, checkFrameShifts, checkFunders, checkKpis, checkLineIds, mustGetProject, sumLines } from "./project-rules.js";
import { projectAmendments, projectBudgetLines } from "./tables.js";

/**
 * Asks to amend an approved project of the provincial plan. The delegation module's authority check (P-BUD-004, the
 * project's province, the project's total after the change, today) decides the route: delegated and asked by a
 * deciding post (governor / vice governor) → approved now and applied; delegated but asked by staff → waits for the
 * decider; central → sent to the central authority the answer names. The record keeps the answer (the chain).
 */
export async function requestAmendment({ ctx, input }: { ctx: Ctx; input: RequestAmendmentInput & { projectId: string; id?: string } }): Promise<AmendmentView> {
  const i = parseInput(RequestAmendmentInput, input);
  return withTransaction(ctx, async (tx) => {
    const p = await mustGetProject(tx, input.projectId, true);
    if (!p.provinceCode) throw new RuleViolation("planning.amend-province-only", "แก้ไขเปลี่ยนแปลงได้เฉพาะโครงการในแผนพัฒนาจังหวัด", "Only projects of a provincial plan are amended this way");
    await requirePermission(tx, "planning:project.amend", provinceScope(p.provinceCode));
    if (!["approved", "in_progress"].includes(p.status)) throw new RuleViolation("planning.amend-not-approved", "แก้ไขเปลี่ยนแปลงได้เฉพาะโครงการที่อนุมัติแล้วและยังไม่ปิด (ข้อเสนอที่ยังไม่อนุมัติให้แก้ไขโดยตรง)", "Only approved, open projects are amended (edit a proposal directly)", { status: p.status });
    const [open] = await tx.db.select({ id: projectAmendments.id }).from(projectAmendments).where(and(eq(projectAmendments.projectId, p.id), inArray(projectAmendments.status, ["pending_province", "pending_central"]))).limit(1);
    if (open) throw new ConflictError("planning.amendment-open", "โครงการนี้มีคำขอแก้ไขที่รอพิจารณาอยู่แล้ว", "This project already has an amendment awaiting a decision", { amendmentId: open.id });
    const c = i.changes;
    if (c.areaCodes) await checkAreaCodes(tx, c.areaCodes, p.provinceCode, "changes.areaCodes");
    if (c.budgetLines) {
      await checkFunders(tx, c.budgetLines, "changes.budgetLines");
      await checkFrameShifts(tx, c.budgetLines, p.provinceCode, p.fiscalYear, "changes.budgetLines");
    }
    if (c.outcomes) await checkKpis(tx, c.outcomes, p.provinceCode, "changes.outcomes");
    const start = c.startDate ?? p.startDate;
    const end = c.endDate ?? p.endDate;
    if (start && end && end < start) throw new ValidationError([{ path: "changes.endDate", code: "planning.dates-order", messageTh: "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม", messageEn: "The end date is before the start date" }]);
    const lines = c.budgetLines ? await tx.db.select().from(projectBudgetLines).where(eq(projectBudgetLines.projectId, p.id)) : [];
    if (c.budgetLines) checkLineIds(c.budgetLines, lines, "changes.budgetLines");
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    if (c.titleTh !== undefined) changes.titleTh = { before: p.titleTh, after: c.titleTh };
    if (c.startDate !== undefined) changes.startDate = { before: p.startDate, after: c.startDate };
    if (c.endDate !== undefined) changes.endDate = { before: p.endDate, after: c.endDate };
    if (c.areaCodes !== undefined) changes.areaCodes = { before: p.areaCodes, after: c.areaCodes };
    if (c.outcomes !== undefined) changes.outcomes = { before: p.outcomes, after: c.outcomes };
    if (c.budgetLines !== undefined) changes.budgetLines = { before: lines.map((l) => ({ id: l.id, source: l.source, funderOrgId: l.funderOrgId, amount: Number(l.amount) })), after: c.budgetLines };
    // the amount the instrument's cap is measured against: the project's total after the change
    const amount = c.budgetLines ? Number(sumLines(c.budgetLines)) : Number(p.totalBudget);
    const today = bangkokDateOf(tx.now());
    const authority = await amendmentAuthority(tx, p.provinceCode, amount, today);
    const decider = await deciderOf(tx, authority, p.provinceCode);
    const who = tx.actor.name ?? tx.actor.id ?? tx.actor.kind;
    const status = authority.decision === "central" ? "pending_central" : decider ? "approved" : "pending_province";
    const row = {
      id: input.id ?? newId(tx.now().getTime()),
      projectId: p.id,
      provinceCode: p.provinceCode,
      changes,
      reasonTh: i.reasonTh,
      amount: amount.toFixed(2),
      route: authority.decision,
      status,
      delegationId: decider?.delegationId ?? null,
      authority,
      centralOrgId: authority.decision === "central" ? authority.central.orgId : null,
      requestedBy: who,
      requestedOn: today,
      decidedBy: decider ? who : null,
      decidedOn: decider ? today : null,
    };
    const [saved] = await tx.db.insert(projectAmendments).values(row).returning();
    if (status === "approved") await applyAmendment(tx, p, changes);
    await writeAudit(tx, { action: "planning.amendment.request", entityType: "project", entityId: p.id, provinceCode: p.provinceCode, before: { version: p.version }, after: { amendmentId: row.id, route: row.route, status, delegationId: row.delegationId, instrumentNo: decider?.chain.at(-1)?.instrumentNo ?? null, centralOrgId: row.centralOrgId, changes } });
    return amendmentView(saved!);
  });
}
