import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { readHistory } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { bangkokDateOf } from "../../platform/thai/dates.js";
import { lookupKpis } from "../performance/index.js";
import type { ProjectTimeline, TimelineEvent } from "./contracts-projects.js";
import { mustGetProject, projectReadScopes } from "./project-rules.js";
import { allocationNotices, projectAmendments, projectBudgetLines, projectMilestones, projectProgress, procurementContracts, procurements } from "./tables.js";

const baht = (s: string | null) => (s === null ? "" : `${Number(s).toLocaleString("th-TH", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} บาท`);
const bahtEn = (s: string | null) => (s === null ? "" : `${Number(s).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} baht`);

/**
 * One timeline from proposal to outcome: proposed, consolidated, prioritised, approved (from the audit), allocation
 * notices (through the project's budget lines), procurement and contracts, monthly progress, milestones,
 * amendments, status changes and the latest outcome-KPI results; with the project's audit history.
 */
export async function getProjectTimeline({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<ProjectTimeline> {
  const p = await mustGetProject(ctx, input.id);
  await requireAnyPermission(ctx, "planning:read", projectReadScopes(p));
  const history = await readHistory(ctx, "project", p.id, { limit: 200 });
  const ev: TimelineEvent[] = [];
  const add = (e: Omit<TimelineEvent, "amount" | "ref" | "planned"> & Partial<Pick<TimelineEvent, "amount" | "ref" | "planned">>) => ev.push({ amount: null, ref: null, planned: false, ...e });
  const day = (d: Date) => bangkokDateOf(d);

  add({ date: day(p.createdAt), kind: "proposed", titleTh: "เสนอโครงการ", titleEn: "Proposed" });
  for (const h of [...history].reverse()) {
    const after = (h.after ?? {}) as Record<string, unknown>;
    if (h.action === "planning.project.approve") add({ date: String(after.approvedOn ?? day(h.at)), kind: "approved", titleTh: "อนุมัติในแผน", titleEn: "Approved in the plan", ref: String(after.planId ?? "") || null });
    else if (h.action === "planning.project.status") add({ date: day(h.at), kind: "status", titleTh: `สถานะ: ${String(after.status)}${after.reasonTh ? ` (${String(after.reasonTh)})` : ""}`, titleEn: `Status: ${String(after.status)}` });
  }
  if (p.consolidatedIntoPlanId) {
    const h = history.find((x) => x.action === "planning.project.consolidate");
    add({ date: h ? day(h.at) : day(p.updatedAt), kind: "consolidated", titleTh: "รวมเข้าแผนพัฒนาจังหวัด", titleEn: "Consolidated into the provincial plan", ref: p.consolidatedIntoPlanId });
  }
  if (p.priority !== null) {
    // the plan's last reorder that placed the project (the plan's own history); else the day it was proposed
    const planId = p.consolidatedIntoPlanId ?? p.planId;
    const reorder = planId ? (await readHistory(ctx, "plan", planId, { limit: 50 })).find((h) => h.action === "planning.plan.prioritise") : undefined;
    add({ date: reorder ? day(reorder.at) : day(p.createdAt), kind: "prioritised", titleTh: `จัดลำดับความสำคัญ อันดับ ${p.priority}`, titleEn: `Prioritised: rank ${p.priority}`, ref: planId });
  }
  if (p.approvedOn && !ev.some((e) => e.kind === "approved")) add({ date: p.approvedOn, kind: "approved", titleTh: "อนุมัติในแผน", titleEn: "Approved in the plan" });

  const lines = await ctx.db.select({ noticeId: projectBudgetLines.allocationNoticeId, amount: projectBudgetLines.amount, source: projectBudgetLines.source }).from(projectBudgetLines).where(and(eq(projectBudgetLines.projectId, p.id), isNotNull(projectBudgetLines.allocationNoticeId)));
  const noticeIds = [...new Set(lines.map((l) => l.noticeId!))];
  const notices = noticeIds.length ? await ctx.db.select().from(allocationNotices).where(inArray(allocationNotices.id, noticeIds)) : [];
  for (const n of notices) {
    const amount = lines.filter((l) => l.noticeId === n.id).reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0) / 100;
    const late = n.daysLate > 0 ? ` (ช้า ${n.daysLate} วัน)` : "";
    add({ date: n.notifiedOn, kind: "allocation", titleTh: `แจ้งจัดสรรงบประมาณ ${baht(amount.toFixed(2))}${late}`, titleEn: `Allocation notified: ${bahtEn(amount.toFixed(2))}${n.daysLate > 0 ? ` (${n.daysLate} days late)` : ""}`, amount: amount.toFixed(2), ref: n.id });
  }

  const procs = await ctx.db.select().from(procurements).where(eq(procurements.projectId, p.id));
  for (const pr of procs) {
    add({ date: pr.tenderStart ?? day(pr.createdAt), kind: "procurement", titleTh: `จัดซื้อจัดจ้าง: ${pr.titleTh} (${pr.methodDetailsTh || pr.method})`, titleEn: `Procurement: ${pr.titleTh} (${pr.method})`, amount: pr.tenderValue ?? pr.plannedValue, ref: pr.ocid });
  }
  const contracts = procs.length ? await ctx.db.select().from(procurementContracts).where(inArray(procurementContracts.procurementId, procs.map((x) => x.id))) : [];
  for (const c of contracts) {
    add({ date: c.signedOn ?? c.awardDate, kind: "contract", titleTh: `${c.signedOn ? "ลงนามสัญญา" : "ประกาศผู้ชนะ"}${c.contractNo ? ` เลขที่ ${c.contractNo}` : ""} ${baht(c.contractAmount ?? c.awardAmount)}`, titleEn: `${c.signedOn ? "Contract signed" : "Award"}${c.contractNo ? ` no. ${c.contractNo}` : ""} ${bahtEn(c.contractAmount ?? c.awardAmount)}`, amount: c.contractAmount ?? c.awardAmount, ref: procs.find((x) => x.id === c.procurementId)?.ocid ?? null });
  }

  const progress = await ctx.db.select().from(projectProgress).where(eq(projectProgress.projectId, p.id)).orderBy(asc(projectProgress.month));
  // a month counts as an event once something happened in it (a plan-only month still ahead is not an event)
  for (const r of progress.filter((x) => x.disbursed !== null || x.physicalPct !== null)) {
    add({ date: r.month, kind: "progress", titleTh: `ความก้าวหน้า ${r.physicalPct ?? "–"}% เบิกจ่าย ${baht(r.disbursed ?? "0")}`, titleEn: `Progress ${r.physicalPct ?? "–"}%, disbursed ${bahtEn(r.disbursed ?? "0")}`, amount: r.disbursed });
  }
  const ms = await ctx.db.select().from(projectMilestones).where(eq(projectMilestones.projectId, p.id));
  for (const m of ms) add({ date: m.doneOn ?? m.dueOn, kind: "milestone", titleTh: `${m.doneOn ? "เสร็จ" : "กำหนด"}: ${m.titleTh}`, titleEn: `${m.doneOn ? "Done" : "Due"}: ${m.titleEn || m.titleTh}`, planned: !m.doneOn });
  const ams = await ctx.db.select().from(projectAmendments).where(eq(projectAmendments.projectId, p.id));
  for (const a of ams) {
    const routeTh = a.route === "delegated" ? "จังหวัดพิจารณาตามการมอบอำนาจ" : "ส่งส่วนกลางพิจารณา";
    add({ date: a.requestedOn, kind: "amendment", titleTh: `ขอแก้ไขเปลี่ยนแปลงโครงการ (${routeTh})`, titleEn: `Amendment requested (${a.route === "delegated" ? "decided in the province under delegation" : "sent to the central agency"})`, amount: a.amount, ref: a.id });
    if (a.decidedOn) add({ date: a.decidedOn, kind: "amendment", titleTh: `${a.status === "approved" ? "อนุมัติ" : "ไม่อนุมัติ"}การแก้ไขเปลี่ยนแปลง โดย ${a.decidedBy ?? ""}`, titleEn: `Amendment ${a.status === "approved" ? "approved" : "rejected"} by ${a.decidedBy ?? ""}`, ref: a.id });
  }
  const outcomes = p.outcomes as { kpiId: string; kind: string }[];
  const kpis = await lookupKpis(ctx, outcomes.map((o) => o.kpiId));
  for (const o of outcomes) {
    const k = kpis.get(o.kpiId);
    if (k?.latest) add({ date: k.latest.periodEnd, kind: "outcome", titleTh: `ตัวชี้วัด ${k.nameTh}: ${k.latest.value.toLocaleString("th-TH")} ${k.unit}`, titleEn: `KPI ${k.nameEn || k.nameTh}: ${k.latest.value.toLocaleString("en-GB")} ${k.unit}`, ref: k.id });
  }
  const order: Record<TimelineEvent["kind"], number> = { proposed: 0, consolidated: 1, prioritised: 2, approved: 3, allocation: 4, procurement: 5, contract: 6, progress: 7, milestone: 8, amendment: 9, status: 10, outcome: 11 };
  ev.sort((a, b) => a.date.localeCompare(b.date) || order[a.kind] - order[b.kind]);
  return { projectId: p.id, events: ev, history: history.map((h) => ({ id: h.id, at: h.at.toISOString(), actorName: h.actorName, action: h.action, before: h.before, after: h.after })) };
}
