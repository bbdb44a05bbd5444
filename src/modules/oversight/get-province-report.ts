import type { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { bangkokToday, formatThaiDate } from "../../platform/thai/dates.js";
import { fiscalQuarterRange, fiscalYearRange, type FiscalQuarter } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { getCommittee, listCommittees } from "../committees/index.js";
import { getCockpit, kpiTargetsOf } from "../performance/index.js";
import { getBudgetDashboard } from "../planning/index.js";
import { ProvinceReportQuery } from "./contracts-report.js";
import { getDashboard } from "./get-dashboard.js";
import { measuresOf, metricValue, sumMeasures } from "./read.js";
import type { ProvinceReport, ReportKpi } from "./report-model.js";
import { resolveScope } from "./scopes.js";

const num = (s: string | null | undefined) => (s == null ? 0 : Number(s));
const firstOfMonth = (d: string) => `${d.slice(0, 7)}-01`;
const thDate = (d: string) => formatThaiDate(d);
const enDate = (d: string) => formatThaiDate(d, { locale: "en" });

/**
 * The provincial 6- or 12-month report of a fiscal year: agenda progress, KPI targets against results, budget and
 * disbursement, citizens' cases and permits, committees and next steps, read from the operation centre's roll-ups and
 * the cockpit, budget dashboard and committees use cases (each checks its own permission), as of the period's end or
 * today while the period runs. Reads only, so not audited (as the round report).
 */
export async function getProvinceReport({ ctx, input }: { ctx: Ctx; input: z.input<typeof ProvinceReportQuery> }): Promise<ProvinceReport> {
  const i = parseInput(ProvinceReportQuery, input);
  const scope = await resolveScope(ctx, `area:province:${i.provinceCode}`);
  const period = Number(i.period) as 6 | 12;
  const fy = i.fiscalYear;
  const today = bangkokToday(ctx.now());
  const range = fiscalYearRange(fy);
  const periodEnd = period === 6 ? fiscalQuarterRange(fy, 2).end : range.end;
  if (today < range.start)
    throw new ValidationError([{ path: "fiscalYear", code: "oversight.report.not-begun", messageTh: `ปีงบประมาณ พ.ศ. ${fy} ยังไม่เริ่ม (เริ่ม ${thDate(range.start)}) จึงยังไม่มีข้อมูลสำหรับรายงาน`, messageEn: `Fiscal year ${fy} has not begun (it starts on ${enDate(range.start)}): nothing to report yet` }]);
  const asOf = today < periodEnd ? today : periodEnd;
  const months = { from: range.start, to: firstOfMonth(asOf) };

  const [dashboard, periodSums, cockpit, budget, committees] = await Promise.all([
    getDashboard({ ctx, input: { scope: scope.view.key, fiscalYear: fy } }),
    sumMeasures(ctx, { scope, fiscalYear: fy, measures: measuresOf(["cases.received", "cases.on_time_pct", "cases.open_overdue", "cases.satisfaction", "permits.on_time_pct", "permits.turnaround", "permits.delegated_pct", "permits.open_overdue"]), groupBy: "none", months }),
    getCockpit({ ctx, input: { provinceCode: i.provinceCode, fiscalYear: fy } }),
    getBudgetDashboard({ ctx, input: { provinceCode: i.provinceCode, fiscalYear: fy, asOf } }),
    listCommittees({ ctx, input: { provinceCode: i.provinceCode } }),
  ]);
  const [details, roundTargets] = await Promise.all([
    Promise.all(committees.filter((c) => c.openActionItems > 0).map((c) => getCommittee({ ctx, id: c.id }))),
    period === 6 ? Promise.all(cockpit.kpis.map((k) => kpiTargetsOf(ctx, k.id, fy))) : Promise.resolve(cockpit.kpis.map(() => [])),
  ]);

  // KPIs: the latest result of the year reported by asOf against the period round's standard target
  const kpis: (ReportKpi & { id: string })[] = cockpit.kpis.map((k, n) => {
    const six = roundTargets[n]!.find((t) => t.round === 6);
    const target = six ? six.levels[2]! : k.target;
    const last = k.trend.filter((m) => m.fiscalYear === fy && m.periodEnd <= asOf).at(-1) ?? null;
    const met = last && target !== null ? (k.direction === "lower" ? last.value <= target : last.value >= target) : null;
    return {
      id: k.id,
      code: k.code,
      nameTh: k.nameTh,
      nameEn: k.nameEn,
      unit: k.unit,
      direction: k.direction,
      target,
      targetRound: six ? 6 : k.target !== null ? 12 : null,
      result: last ? { value: last.value, periodEnd: last.periodEnd, verified: last.status === "verified" } : null,
      met,
      agendaNodeId: cockpit.agendas.find((a) => a.kpiIds.includes(k.id))?.agendaNodeId ?? null,
    };
  });

  // agendas: those assigned to the province first, then every agenda its projects and KPIs serve (from the roll-ups)
  const rollupDisbursedHolds = asOf === today || (period === 12 && periodEnd < today);
  const seen = new Set<string>();
  const agendas: ProvinceReport["agendas"] = [];
  for (const a of cockpit.agendas) {
    seen.add(a.agendaNodeId);
    const mine = kpis.filter((k) => a.kpiIds.includes(k.id));
    const r = dashboard.agendas.find((x) => x.id === a.agendaNodeId);
    agendas.push({ id: a.agendaNodeId, nameTh: a.nameTh, nameEn: a.nameEn, assigned: true, proposalStatus: a.proposalStatus, kpis: mine.length, met: mine.filter((k) => k.met === true).length, notMet: mine.filter((k) => k.met === false).length, noResult: mine.filter((k) => k.met === null).length, budget: r?.values["budget.total"] ?? null, disbursedPct: rollupDisbursedHolds ? (r?.values["budget.disbursed_pct"] ?? null) : null });
  }
  for (const r of dashboard.agendas) {
    if (seen.has(r.id)) continue;
    agendas.push({ id: r.id, nameTh: r.nameTh, nameEn: r.nameEn, assigned: false, proposalStatus: null, kpis: 0, met: 0, notMet: 0, noResult: 0, budget: r.values["budget.total"] ?? null, disbursedPct: rollupDisbursedHolds ? (r.values["budget.disbursed_pct"] ?? null) : null });
  }

  // budget as of the period's end (the dashboard's own asOf), the curve cut to the period's months
  const curve = budget.curve.slice(0, period).map((c) => ({ month: c.month, cumulativePct: c.cumulativePct, plannedPct: c.cumulativePlannedPct, targetPct: c.targetPct }));
  const begun = budget.curve.filter((c) => c.cumulative !== null);
  const total = num(budget.totals.budget);
  const disbursed = num(budget.totals.disbursed);
  const q = budget.elapsedQuarter;

  const v = (m: Parameters<typeof metricValue>[0]) => metricValue(m, periodSums.get(""));
  const casesMonths = dashboard.months.filter((m) => m.month >= months.from && m.month <= months.to);

  // next steps: meetings ahead, open action items, the agreement's rounds still open, KPI reports due, the next quarter's disbursement target
  const nextSteps: ProvinceReport["nextSteps"] = [];
  for (const c of committees)
    if (c.nextMeeting && c.nextMeeting.scheduledOn >= today)
      nextSteps.push({ kind: "meeting", date: c.nextMeeting.scheduledOn, overdue: false, title: { th: `ประชุม${c.nameTh} ${c.nextMeeting.label.th}`, en: `Meeting of the ${c.nameEn} ${c.nextMeeting.label.en}` }, owner: null });
  for (const d of details)
    for (const a of d.actionItems)
      if (a.status === "open") nextSteps.push({ kind: "action-item", date: a.dueOn, overdue: a.overdue, title: { th: a.titleTh, en: a.titleEn }, owner: a.ownerName });
  for (const r of cockpit.agreement?.rounds ?? [])
    if (r.status !== "closed" && r.round >= period && r.dueDate >= today)
      nextSteps.push({ kind: "round", date: r.dueDate, overdue: false, title: { th: `ส่งรายงานผลคำรับรองการปฏิบัติราชการ รอบ ${r.round} เดือน`, en: `Report the performance agreement's ${r.round}-month round` }, owner: null });
  for (const d of cockpit.due)
    if (d.kind === "report" || d.kind === "verify") nextSteps.push({ kind: "kpi-report", date: d.dueDate, overdue: d.overdue, title: d.title, owner: null });
  if (budget.targets && today <= range.end) {
    const next = (([1, 2, 3, 4] as FiscalQuarter[]).find((n) => fiscalQuarterRange(fy, n).end >= today) ?? null);
    if (next) {
      const end = fiscalQuarterRange(fy, next).end;
      const pct = budget.targets[`q${next}` as const];
      nextSteps.push({ kind: "budget", date: end, overdue: false, title: { th: `เบิกจ่ายงบประมาณให้ถึงร้อยละ ${pct} ภายในสิ้นไตรมาสที่ ${next}`, en: `Disburse ${pct} % of the budget by the end of quarter ${next}` }, owner: null });
    }
  }
  nextSteps.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.date ?? "9999").localeCompare(b.date ?? "9999"));

  return {
    province: { code: i.provinceCode, nameTh: scope.view.nameTh, nameEn: scope.view.nameEn },
    fiscalYear: fy,
    period,
    periodStart: range.start,
    periodEnd,
    asOf,
    periodComplete: periodEnd < today,
    isDemo: dashboard.isDemo || budget.isDemo || committees.some((c) => c.isDemo) || cockpit.kpis.some((k) => k.isDemo),
    generatedAt: ctx.now().toISOString(),
    generatedByName: ctx.actor.kind === "user" ? ctx.actor.name : "",
    rollupsAsOf: dashboard.asOf,
    agendas,
    kpis: kpis.map(({ id: _id, ...k }) => k),
    agreement: cockpit.agreement
      ? { titleTh: cockpit.agreement.titleTh, titleEn: cockpit.agreement.titleEn, schemeType: cockpit.agreement.schemeType, scaleMax: cockpit.agreement.scale.max, rounds: cockpit.agreement.rounds.filter((r) => r.round <= period).map((r) => ({ round: r.round, status: r.status, dueDate: r.dueDate, total: r.total, live: r.live })) }
      : null,
    agreementHistory: cockpit.history.filter((h) => h.fiscalYear < fy).flatMap((h) => h.rounds.filter((r) => r.round === period && r.total !== null).map((r) => ({ fiscalYear: h.fiscalYear, round: r.round, total: r.total! }))),
    budget: {
      total,
      disbursed,
      projects: budget.totals.projects,
      disbursedPct: total > 0 ? Math.round((disbursed / total) * 10_000) / 100 : null,
      plannedToDate: num(begun.at(-1)?.cumulativePlanned),
      targetPct: q && budget.targets ? budget.targets[`q${q}` as "q1"] : null,
      curve,
      bySource: budget.bySource.map((s) => ({ source: s.source, amount: num(s.amount) })),
      byAgency: budget.byAgency.slice(0, 8).map((a) => ({ nameTh: a.nameTh, nameEn: a.nameEn, budget: num(a.budget), disbursed: num(a.disbursed) })),
      laggingProjects: budget.lagging.projects.slice(0, 5).map((p) => ({ code: p.code ?? "", nameTh: p.nameTh, disbursedPct: p.disbursedPct, targetPct: p.targetPct })),
      laggingProjectsTotal: budget.lagging.projectsTotal,
    },
    cases: {
      received: v("cases.received").value ?? 0,
      resolved: v("cases.on_time_pct").den ?? 0,
      resolvedOnTime: v("cases.on_time_pct").num,
      onTimePct: v("cases.on_time_pct").value,
      openOverdue: v("cases.open_overdue").value ?? 0,
      satisfaction: v("cases.satisfaction").value,
      ratings: v("cases.satisfaction").den ?? 0,
      months: casesMonths,
    },
    permits: {
      received: v("permits.delegated_pct").den ?? 0,
      decided: v("permits.on_time_pct").den ?? 0,
      onTimePct: v("permits.on_time_pct").value,
      turnaroundDays: v("permits.turnaround").value,
      delegatedPct: v("permits.delegated_pct").value,
      openOverdue: v("permits.open_overdue").value ?? 0,
    },
    committees: committees.map((c) => ({ nameTh: c.nameTh, nameEn: c.nameEn, lastHeldOn: c.cadence.lastHeldOn, status: c.cadence.status, daysLate: c.cadence.daysLate, openActionItems: c.openActionItems, overdueActionItems: c.overdueActionItems })),
    nextSteps,
  };
}
