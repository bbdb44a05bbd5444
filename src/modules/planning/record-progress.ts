import { and, eq, ne, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { RuleViolation, ValidationError } from "../../platform/errors.js";
import { fiscalYearRange } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { bahtText, satang, todayOf } from "./budget-rules.js";
import { RecordProgressInput, type ProjectProgressView } from "./contracts-budget.js";
import { getProjectProgress } from "./get-project-progress.js";
import { mustGetProject, projectWriters } from "./project-rules.js";
import { projectProgress as pp } from "./tables.js";

const CLOSED = ["rejected", "cancelled"];

/**
 * Records a project's progress for one month (upsert by month, audited): cumulative physical %, baht disbursed in
 * the month and the planned curve. Within the project's fiscal year; the year's disbursement (and plan) may not
 * exceed the project's budget; physical % never goes down from one month to the next; actuals not for months ahead.
 */
export async function recordProgress({ ctx, input }: { ctx: Ctx; input: RecordProgressInput & { recordedBy?: string } }): Promise<ProjectProgressView> {
  const i = parseInput(RecordProgressInput, input);
  await withTransaction(ctx, async (tx) => {
    // the project row lock serialises two recorders of the same project (the budget check sums every month)
    const p = await mustGetProject(tx, i.projectId, true);
    // the same people who keep its milestones and files: the owner's staff, the province's and its districts'
    await requireAnyPermission(tx, "planning:project.progress", projectWriters(p));
    if (CLOSED.includes(p.status)) throw new RuleViolation("planning.project-closed", `โครงการ ${p.code} ถูกยกเลิกหรือไม่ได้รับอนุมัติ บันทึกผลไม่ได้`, `Project ${p.code} is cancelled or rejected: no progress can be recorded`, { status: p.status });
    const fy = fiscalYearRange(p.fiscalYear);
    if (i.month < fy.start || i.month > fy.end) {
      throw new ValidationError([{ path: "month", code: "planning.month-outside-year", messageTh: `เดือนต้องอยู่ในปีงบประมาณ ${p.fiscalYear} (${fy.start.slice(0, 7)} ถึง ${fy.end.slice(0, 7)})`, messageEn: `The month must lie in FY ${p.fiscalYear} (${fy.start.slice(0, 7)} to ${fy.end.slice(0, 7)})` }]);
    }
    const thisMonth = `${todayOf(tx).slice(0, 7)}-01`;
    if (i.month > thisMonth && (i.disbursed !== undefined || i.physicalPct !== undefined)) {
      throw new ValidationError([{ path: i.disbursed !== undefined ? "disbursed" : "physicalPct", code: "planning.progress-month-ahead", messageTh: "เดือนนี้ยังมาไม่ถึง บันทึกได้เฉพาะแผนการเบิกจ่าย", messageEn: "That month is still ahead: only the planned amount may be recorded" }]);
    }
    const [before] = await tx.db.select().from(pp).where(and(eq(pp.projectId, p.id), eq(pp.month, i.month)));
    const [others] = (await tx.db
      .select({ d: sql<string>`coalesce(sum(${pp.disbursed}), 0)::text`, pl: sql<string>`coalesce(sum(${pp.plannedDisbursed}), 0)::text`, prev: sql<string | null>`max(${pp.physicalPct}) filter (where ${pp.month} < ${i.month})::text`, next: sql<string | null>`min(${pp.physicalPct}) filter (where ${pp.month} > ${i.month})::text` })
      .from(pp)
      .where(and(eq(pp.projectId, p.id), ne(pp.month, i.month)))) as [{ d: string; pl: string; prev: string | null; next: string | null }];
    const disbursed = i.disbursed !== undefined ? i.disbursed.toFixed(2) : (before?.disbursed ?? null);
    const planned = i.plannedDisbursed !== undefined ? i.plannedDisbursed.toFixed(2) : (before?.plannedDisbursed ?? null);
    const physical = i.physicalPct !== undefined ? i.physicalPct.toFixed(2) : (before?.physicalPct ?? null);
    const budget = satang(p.totalBudget);
    const cum = satang(others.d) + satang(disbursed);
    if (cum > budget) {
      throw new RuleViolation("planning.progress-over-budget", `เบิกจ่ายสะสม ${bahtText(cum)} บาท เกินงบประมาณโครงการ ${p.totalBudget} บาท`, `Disbursed to date (${bahtText(cum)} baht) would exceed the project's budget of ${p.totalBudget} baht`, { cumulative: bahtText(cum), budget: p.totalBudget });
    }
    const cumPlan = satang(others.pl) + satang(planned);
    if (cumPlan > budget) {
      throw new RuleViolation("planning.plan-over-budget", `แผนการเบิกจ่ายรวม ${bahtText(cumPlan)} บาท เกินงบประมาณโครงการ ${p.totalBudget} บาท`, `The planned curve (${bahtText(cumPlan)} baht) would exceed the project's budget of ${p.totalBudget} baht`, { planned: bahtText(cumPlan), budget: p.totalBudget });
    }
    if (physical !== null && ((others.prev !== null && Number(physical) < Number(others.prev)) || (others.next !== null && Number(physical) > Number(others.next)))) {
      throw new RuleViolation("planning.progress-physical-decreases", `ความก้าวหน้าทางกายภาพเป็นค่าสะสม ต้องไม่ลดลงจากเดือนก่อน (${others.prev ?? "-"}%) และไม่เกินเดือนถัดไป (${others.next ?? "-"}%)`, `Physical progress is cumulative: not below the month before (${others.prev ?? "-"}%) nor above the month after (${others.next ?? "-"}%)`, { previous: others.prev, next: others.next });
    }
    const row = { projectId: p.id, month: i.month, provinceCode: p.provinceCode, fiscalYear: p.fiscalYear, physicalPct: physical, disbursed, plannedDisbursed: planned, noteTh: i.noteTh ?? before?.noteTh ?? "", recordedBy: input.recordedBy ?? tx.actor.id ?? tx.actor.kind, updatedAt: tx.now() };
    await tx.db.insert(pp).values(row).onConflictDoUpdate({ target: [pp.projectId, pp.month], set: { physicalPct: row.physicalPct, disbursed: row.disbursed, plannedDisbursed: row.plannedDisbursed, noteTh: row.noteTh, recordedBy: row.recordedBy, updatedAt: row.updatedAt } });
    const pick = (r: typeof before) => (r ? { physicalPct: r.physicalPct, disbursed: r.disbursed, plannedDisbursed: r.plannedDisbursed, noteTh: r.noteTh } : undefined);
    await emitEvent(tx, { type: "project.progress-recorded", provinceCode: p.provinceCode, entityType: "project", entityId: p.id, isDemo: p.isDemo, data: { project: { id: p.id, code: p.code, fiscalYear: p.fiscalYear, provinceCode: p.provinceCode, ownerOrgId: p.ownerOrgId, totalBudget: p.totalBudget }, progress: { month: i.month, physicalPct: physical, disbursed, plannedDisbursed: planned, disbursedToDate: bahtText(cum) } } });
    await writeAudit(tx, { action: "planning.progress.record", entityType: "project", entityId: p.id, provinceCode: p.provinceCode, before: before ? { month: i.month, ...pick(before) } : undefined, after: { month: i.month, physicalPct: physical, disbursed, plannedDisbursed: planned, noteTh: row.noteTh } });
  });
  return getProjectProgress({ ctx, input: { projectId: i.projectId } });
}
