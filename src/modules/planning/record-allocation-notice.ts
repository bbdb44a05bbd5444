import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, RuleViolation, ValidationError, type FieldError, fieldError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganization, requireProvince } from "../registry/index.js";
import { bahtText, daysLateOf, mustGetBudgetAct, satang, todayOf } from "./budget-rules.js";
import { RecordAllocationNoticeInput, type AllocationNoticeView } from "./contracts-budget.js";
import { getAllocationNotice } from "./get-allocation-notice.js";
import { allocationNotices, projectBudgetLines, projects } from "./tables.js";

const fe = fieldError;

/**
 * A department or ministry notifies a governor of the amounts allocated to the province for a fiscal year.
 * The notice is due 30 days after the Budget Act (docs/adr/0007): one sent later is recorded with its days late.
 * Lines naming a project tie that project's budget line from the sender to the notice, or add the line.
 */
export async function recordAllocationNotice({ ctx, input }: { ctx: Ctx; input: RecordAllocationNoticeInput & { isDemo?: boolean } }): Promise<AllocationNoticeView> {
  const i = parseInput(RecordAllocationNoticeInput, input);
  const id = newId(ctx.now().getTime());
  await withTransaction(ctx, async (tx) => {
    const from = await lookupOrganization(tx, i.fromOrgId);
    if (!from) throw new ValidationError([fe("fromOrgId", "ref.unknown-organization", `ไม่พบหน่วยงาน ${i.fromOrgId}`, `Unknown organisation ${i.fromOrgId}`)]);
    await requirePermission(tx, "planning:allocation.notify", { kind: "org", id: from.id });
    if (from.classification !== "department" && from.classification !== "ministry") {
      throw new ValidationError([fe("fromOrgId", "planning.notice-sender-not-central", `${from.nameTh} ไม่ใช่กระทรวงหรือกรม`, `${from.nameEn || from.nameTh} is not a ministry or department`)]);
    }
    await requireProvince(tx, i.provinceCode);
    const act = await mustGetBudgetAct(tx, i.fiscalYear);
    const today = todayOf(tx);
    const notifiedOn = i.notifiedOn ?? today;
    const errors: FieldError[] = [];
    if (notifiedOn < act.passedOn) errors.push(fe("notifiedOn", "planning.notice-before-act", `วันที่แจ้งต้องไม่ก่อนวันที่ พ.ร.บ.งบประมาณผ่านรัฐสภา (${act.passedOn})`, `A notice cannot precede the Budget Act (${act.passedOn})`));
    if (notifiedOn > today) errors.push(fe("notifiedOn", "planning.date-in-future", `วันที่แจ้งต้องไม่เกินวันนี้ (${today})`, `The notice date may not be in the future (today is ${today})`));
    const codes = [...new Set(i.lines.flatMap((l) => (l.projectCode ? [l.projectCode] : [])))];
    const found = codes.length ? await tx.db.select().from(projects).where(inArray(projects.code, codes)) : [];
    const byCode = new Map(found.map((p) => [p.code, p]));
    i.lines.forEach((l, k) => {
      if (!l.projectCode) return;
      const p = byCode.get(l.projectCode);
      if (!p) errors.push(fe(`lines.${k}.projectCode`, "ref.unknown-project", `ไม่พบโครงการรหัส ${l.projectCode}`, `Unknown project ${l.projectCode}`));
      else if (p.provinceCode !== i.provinceCode || p.fiscalYear !== i.fiscalYear) errors.push(fe(`lines.${k}.projectCode`, "planning.project-other-province-year", `โครงการ ${l.projectCode} เป็นของจังหวัดหรือปีงบประมาณอื่น`, `Project ${l.projectCode} belongs to another province or fiscal year`));
    });
    if (errors.length) throw new ValidationError(errors);
    const linesSum = i.lines.reduce((s, l) => s + satang(l.amount), 0n);
    if (linesSum > satang(i.total)) {
      throw new RuleViolation("planning.notice-lines-exceed-total", `รายการรวม ${bahtText(linesSum)} บาท เกินยอดที่แจ้ง ${i.total.toFixed(2)} บาท`, `The lines add up to ${bahtText(linesSum)} baht, more than the total of ${i.total.toFixed(2)}`, { linesSum: bahtText(linesSum), total: i.total.toFixed(2) });
    }
    const daysLate = daysLateOf(act.noticeDueOn, notifiedOn);
    const lines = i.lines.map((l) => ({ projectId: l.projectCode ? byCode.get(l.projectCode)!.id : null, projectCode: l.projectCode ?? null, descriptionTh: l.descriptionTh, amount: l.amount.toFixed(2) }));
    const row = { id, fiscalYear: i.fiscalYear, fromOrgId: from.id, provinceCode: i.provinceCode, total: i.total.toFixed(2), notifiedOn, dueOn: act.noticeDueOn, daysLate, lines, referenceTh: i.referenceTh ?? "", isDemo: input.isDemo ?? false, createdBy: tx.actor.id ?? tx.actor.kind };
    // the unique (sender, province, year) index decides a race between two sends: the second gets 409
    const inserted = await tx.db.insert(allocationNotices).values(row).onConflictDoNothing().returning({ id: allocationNotices.id });
    if (!inserted.length) {
      throw new ConflictError("planning.notice-already-sent", `${from.nameTh} แจ้งจัดสรรงบประมาณปี ${i.fiscalYear} ให้จังหวัดนี้แล้ว`, `${from.nameEn || from.nameTh} has already notified this province for FY ${i.fiscalYear}`, { fromOrgId: from.id, provinceCode: i.provinceCode, fiscalYear: i.fiscalYear });
    }
    const tied: { projectId: string; lineId: string; added: boolean }[] = [];
    for (const [k, l] of lines.entries()) {
      if (!l.projectId) continue;
      const [p] = await tx.db.select().from(projects).where(eq(projects.id, l.projectId)).for("update");
      const [line] = await tx.db
        .select()
        .from(projectBudgetLines)
        .where(and(eq(projectBudgetLines.projectId, p!.id), eq(projectBudgetLines.source, "function"), isNull(projectBudgetLines.allocationNoticeId), sql`coalesce(${projectBudgetLines.funderOrgId}, ${p!.agencyId}) = ${from.id}`))
        .orderBy(sql`${projectBudgetLines.amount} = ${l.amount} desc`, projectBudgetLines.id)
        .limit(1);
      if (line) {
        await tx.db.update(projectBudgetLines).set({ allocationNoticeId: id, updatedAt: tx.now() }).where(eq(projectBudgetLines.id, line.id));
        tied.push({ projectId: p!.id, lineId: line.id, added: false });
        continue;
      }
      const lineId = newId(tx.now().getTime() + k);
      await tx.db.insert(projectBudgetLines).values({ id: lineId, projectId: p!.id, provinceCode: i.provinceCode, fiscalYear: i.fiscalYear, source: "function", funderOrgId: from.id, amount: l.amount, allocationNoticeId: id, noteTh: l.descriptionTh });
      const total = bahtText(satang(p!.totalBudget) + satang(l.amount));
      await tx.db.update(projects).set({ totalBudget: total, version: p!.version + 1, updatedAt: tx.now() }).where(eq(projects.id, p!.id));
      await writeAudit(tx, { action: "planning.project.budget-line.add", entityType: "project", entityId: p!.id, provinceCode: i.provinceCode, before: { totalBudget: p!.totalBudget }, after: { totalBudget: total, line: { id: lineId, source: "function", funderOrgId: from.id, amount: l.amount, allocationNoticeId: id } } });
      tied.push({ projectId: p!.id, lineId, added: true });
    }
    await writeAudit(tx, { action: "planning.allocation-notice.record", entityType: "allocation-notice", entityId: id, provinceCode: i.provinceCode, after: { ...row, tiedLines: tied } });
  });
  return getAllocationNotice({ ctx, input: { id } });
}
