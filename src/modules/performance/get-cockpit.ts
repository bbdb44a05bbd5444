import { and, asc, eq, inArray } from "drizzle-orm";
import { hasPermission, requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { addDays, bangkokToday, formatThaiDate } from "../../platform/thai/dates.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { lookupArea } from "../registry/index.js";
import { provinceAgendas } from "../strategy/index.js";
import { CockpitQuery, type Cockpit, type CockpitKpi } from "./contracts.js";
import { projectOffTrack } from "./get-kpi.js";
import { kpiSummary } from "./presenters.js";
import { loadAgreementItems, periodEnds } from "./rules.js";
import { scoreRoundNow } from "./score-rounds.js";
import type { RoundScore } from "./scoring.js";
import { agreementRounds, agreements, kpis, kpiTargets, measurements } from "./tables.js";

/** A period's result is due this many days after the period ends (an assumption: docs/SCORING.md). */
export const REPORT_DUE_DAYS = 15;
const SOON_DAYS = 7;
const thDate = (d: string) => formatThaiDate(d);
const enDate = (d: string) => formatThaiDate(d, { locale: "en" });

/**
 * The governor's cockpit for a province and fiscal year: agenda cards, KPI status and trends, the agreement's score
 * by round (live for open rounds), every year's totals, and what falls due this week. Read-only for those who do
 * not steer the province (OPDC, the deputy PM's office, the PMOC).
 */
export async function getCockpit({ ctx, input }: { ctx: Ctx; input: { provinceCode: string; fiscalYear?: number } }): Promise<Cockpit> {
  const i = parseInput(CockpitQuery, input);
  const areaId = `province:${i.provinceCode}`;
  const scope = { kind: "area" as const, id: areaId };
  await requirePermission(ctx, "performance:read", scope);
  const area = await lookupArea(ctx, areaId);
  if (!area) throw new ValidationError([{ path: "provinceCode", code: "ref.unknown-area", messageTh: `ไม่พบจังหวัด ${i.provinceCode}`, messageEn: `Unknown province ${i.provinceCode}` }]);
  const today = bangkokToday(ctx.now());
  const fy = i.fiscalYear ?? fiscalYearOf(today);
  const soon = addDays(today, SOON_DAYS);

  const [kpiRows, agreementRows, agendas, steer, verify, submit] = await Promise.all([
    ctx.db.select().from(kpis).where(eq(kpis.provinceCode, i.provinceCode)).orderBy(asc(kpis.code)),
    ctx.db.select().from(agreements).where(eq(agreements.areaId, areaId)).orderBy(asc(agreements.fiscalYear)),
    provinceAgendas(ctx, i.provinceCode),
    hasPermission(ctx, "performance:round.self-assess", scope),
    hasPermission(ctx, "performance:measurement.verify", scope),
    hasPermission(ctx, "performance:measurement.submit", scope),
  ]);
  const ids = kpiRows.map((k) => k.id);
  const [ms, targets, rounds] = await Promise.all([
    ids.length ? ctx.db.select().from(measurements).where(and(inArray(measurements.kpiId, ids), inArray(measurements.fiscalYear, [fy - 1, fy]))).orderBy(asc(measurements.periodEnd), asc(measurements.submittedAt)) : [],
    ids.length ? ctx.db.select().from(kpiTargets).where(and(inArray(kpiTargets.kpiId, ids), eq(kpiTargets.fiscalYear, fy), eq(kpiTargets.round, 12))) : [],
    agreementRows.length ? ctx.db.select().from(agreementRounds).where(inArray(agreementRounds.agreementId, agreementRows.map((a) => a.id))).orderBy(asc(agreementRounds.round)) : [],
  ]);

  const due: Cockpit["due"] = [];
  const cockpitKpis: CockpitKpi[] = kpiRows.map((k) => {
    const mine = ms.filter((m) => m.kpiId === k.id && m.status !== "returned");
    const levels = (targets.find((t) => t.kpiId === k.id)?.levels as number[] | undefined) ?? null;
    const verifiedThisYear = mine.filter((m) => m.fiscalYear === fy && m.status === "verified");
    const proj = levels ? projectOffTrack(k.direction, fy, verifiedThisYear, levels) : null;
    const pending = mine.filter((m) => m.status === "submitted");
    const reported = new Set(mine.filter((m) => m.fiscalYear === fy).map((m) => m.periodEnd));
    const missing = periodEnds(fy, k.frequency as "monthly").find((p) => p < today && !reported.has(p));
    const nextReport = missing ? { periodEnd: missing, dueDate: addDays(missing, REPORT_DUE_DAYS), overdue: addDays(missing, REPORT_DUE_DAYS) < today } : null;
    if (nextReport && nextReport.dueDate <= soon)
      due.push({ kind: "report", dueDate: nextReport.dueDate, overdue: nextReport.overdue, title: { th: `รายงานผล ${k.code} ${k.nameTh} งวดสิ้นสุด ${thDate(missing!)}`, en: `Report ${k.code} ${k.nameEn} for the period ending ${enDate(missing!)}` }, entityId: k.id, link: `/kpis/${k.id}`, kpiId: k.id, periodEnd: missing! });
    // a result waiting for verification is always listed (it is work in hand), overdue once its report date has passed
    for (const m of pending)
      due.push({ kind: "verify", dueDate: addDays(m.periodEnd, REPORT_DUE_DAYS), overdue: addDays(m.periodEnd, REPORT_DUE_DAYS) < today, title: { th: `ตรวจสอบผล ${k.code} งวดสิ้นสุด ${thDate(m.periodEnd)} (${m.value} ${k.unit})`, en: `Verify ${k.code} for the period ending ${enDate(m.periodEnd)} (${m.value} ${k.unit})` }, entityId: m.id, link: `/kpis/${k.id}`, kpiId: k.id, periodEnd: m.periodEnd });
    const last = mine[mine.length - 1];
    return {
      ...kpiSummary(k),
      latest: last ? { periodEnd: last.periodEnd, fiscalYear: last.fiscalYear, value: last.value, status: last.status as "submitted" } : null,
      target: levels ? levels[2]! : null,
      levels,
      offTrack: proj ? proj.offTrack : null,
      projected: proj ? proj.projected : null,
      trend: mine.map((m) => ({ periodEnd: m.periodEnd, fiscalYear: m.fiscalYear, value: m.value, status: m.status as "submitted" })),
      pendingVerification: pending.length,
      nextReport,
    };
  });

  const roundView = (r: (typeof rounds)[number], total: number | null, live: boolean) => ({ round: r.round, status: r.status as "open", dueDate: r.dueDate, total, live });
  const history = agreementRows.map((a) => ({
    fiscalYear: a.fiscalYear,
    agreementId: a.id,
    schemeType: (a.scheme as { type: "five-level" | "pb-pt" }).type,
    rounds: rounds.filter((r) => r.agreementId === a.id).map((r) => roundView(r, r.total, r.status !== "closed")),
  }));
  const current = agreementRows.find((a) => a.fiscalYear === fy) ?? null;
  let agreement: Cockpit["agreement"] = null;
  if (current) {
    const items = await loadAgreementItems(ctx, current.id);
    const views = [];
    let scale = { min: 1, max: 5 };
    for (const r of rounds.filter((x) => x.agreementId === current.id)) {
      const closed = r.status === "closed" && r.score;
      const s = closed ? (r.score as RoundScore) : await scoreRoundNow(ctx, current, items, r);
      scale = s.scale;
      views.push(roundView(r, s.total, !closed));
      if (!closed && current.status === "signed" && r.dueDate <= soon)
        due.push({ kind: "round-due", dueDate: r.dueDate, overdue: r.dueDate < today, title: { th: `ส่งรายงานการประเมินตนเองรอบ ${r.round} เดือน`, en: `Self-assessment for the ${r.round}-month round` }, entityId: current.id, link: `/agreements/${current.id}`, kpiId: null, periodEnd: r.periodEnd });
    }
    agreement = { id: current.id, titleTh: current.titleTh, titleEn: current.titleEn, status: current.status as "signed", version: current.version, schemeType: (current.scheme as { type: "five-level" }).type, scale, rounds: views };
    const h = history.find((x) => x.agreementId === current.id);
    if (h) h.rounds = views;
  }

  const cards = agendas.map((a) => {
    const mine = cockpitKpis.filter((k) => k.goalNodeId && a.coveredNodeIds.includes(k.goalNodeId));
    if (steer && (a.status === "draft" || a.status === "returned"))
      due.push({ kind: "proposal", dueDate: null, overdue: false, title: { th: `ข้อเสนอการขับเคลื่อนวาระ: ${a.nameTh} (${a.status === "returned" ? "ส่งกลับให้แก้ไข" : "ร่าง"})`, en: `Agenda proposal: ${a.nameEn} (${a.status})` }, entityId: a.assignmentId, link: `/agendas/${a.assignmentId}`, kpiId: null, periodEnd: null });
    return {
      assignmentId: a.assignmentId,
      agendaNodeId: a.agendaNodeId,
      nameTh: a.nameTh,
      nameEn: a.nameEn,
      proposalStatus: a.status,
      proposalVersion: a.currentVersion,
      kpiIds: mine.map((k) => k.id),
      onTrack: mine.filter((k) => k.offTrack === false).length,
      offTrack: mine.filter((k) => k.offTrack === true).length,
      noData: mine.filter((k) => k.offTrack === null).length,
    };
  });
  due.sort((x, y) => (x.dueDate ?? "9999").localeCompare(y.dueDate ?? "9999"));
  return {
    province: { code: i.provinceCode, nameTh: area.nameTh, nameEn: area.nameEn },
    fiscalYear: fy,
    today,
    mode: steer ? "steer" : "read-only",
    agendas: cards,
    kpis: cockpitKpis,
    agreement,
    history,
    due,
    may: { submit: steer && submit, verify: steer && verify, selfAssess: steer },
  };
}
