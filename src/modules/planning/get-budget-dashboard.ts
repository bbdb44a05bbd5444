import { and, eq, max, sql } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { fiscalMonthIndex, fiscalYearRange, fiscalQuarterRange } from "../../platform/thai/fiscal-year.js";
import { addDays } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganizations, requireProvince } from "../registry/index.js";
import { lookupGoalIssues, lookupStrategyNodes } from "../strategy/index.js";
import { noticesDue } from "./budget-deadlines.js";
import { bahtText, budgetActView, elapsedQuarter, findBudgetAct, loadHolidays, operatingPlanView, pct, satang, targetsOf, todayOf } from "./budget-rules.js";
import { BudgetSource, type BudgetSource as Source } from "./contracts.js";
import { DashboardInput, type BudgetDashboard, type DisbursementTargets, type LaggingItem } from "./contracts-budget.js";
import { frameShiftViews } from "./list-frame-shifts.js";
import { frameShifts, operatingPlans, allocationNotices } from "./tables.js";

/** Projects that count in the budget: not rejected, cancelled or merged into another as a duplicate. */
export const COUNTED = sql`status not in ('rejected', 'cancelled') and duplicate_of is null`;
const LAGGING_SHOWN = 20;

/** How many months of the fiscal year have begun by `asOf` (0 before October, 12 from September on). */
export function monthsBegun(fiscalYear: number, asOf: string): number {
  const { start, end } = fiscalYearRange(fiscalYear);
  if (asOf < start) return 0;
  if (asOf > end) return 12;
  return fiscalMonthIndex(asOf);
}

/** The quarterly target in force on `asOf` (that of the last quarter ended), or null before the first ends. */
export function targetOn(targets: DisbursementTargets | null, fiscalYear: number, asOf: string): number | null {
  const q = elapsedQuarter(fiscalYear, asOf);
  return targets && q ? targets[`q${q}` as const] : null;
}

/**
 * The province's budget for a fiscal year in one read: totals by source, agency and strategy (goal → issue), the
 * monthly disbursement curve against the plan and the quarterly targets, lagging agencies and projects (below the
 * target of the last quarter ended, or below their own planned curve, and by how much), deadline status, frame shifts.
 */
export async function getBudgetDashboard({ ctx, input }: { ctx: Ctx; input: z.input<typeof DashboardInput> }): Promise<BudgetDashboard> {
  const i = parseInput(DashboardInput, input);
  await requirePermission(ctx, "planning:read", provinceScope(i.provinceCode));
  const province = await requireProvince(ctx, i.provinceCode);
  const today = todayOf(ctx);
  const asOf = i.asOf ?? today;
  const fy = fiscalYearRange(i.fiscalYear);
  const P = i.provinceCode;
  const FY = i.fiscalYear;
  const act = await findBudgetAct(ctx, FY);
  const targets = targetsOf(act);
  const target = targetOn(targets, FY, asOf);
  // Per-project actual and planned to date: element k of the curves kept on each project (migration 0008), k being
  // the fiscal months begun by asOf; the province's curve is the sum of those arrays, month by month.
  const k = monthsBegun(FY, asOf);
  const at = (col: string, n: number) => sql.raw(`coalesce(${col}[${n}], 0)`);
  const perProject = sql`
    with pd as (select id, code, agency_id, title_th, title_en, total_budget, goal_ids, cum_disbursed, cum_planned,
        ${at("cum_disbursed", k)} as disbursed, ${at("cum_planned", k)} as planned
      from projects where province_code = ${P} and fiscal_year = ${FY} and ${COUNTED})`;
  const sums = (col: string) => sql.join(Array.from({ length: 12 }, (_, j) => sql`sum(${at(col, j + 1)})::text`), sql`, `);

  const behind = target === null ? sql`false` : sql`(total_budget > 0 and disbursed * 100 < total_budget * ${target})`;
  // one statement over the province's projects for the year: agencies, goals, lagging projects and the curve
  type Agg = { agency_id: string; projects: number; budget: string; disbursed: string };
  type Goal = { goal_id: string; projects: number; budget: string; disbursed: string };
  type Lag = { id: string; code: string; title_th: string; title_en: string; budget: string; disbursed: string; planned: string; below_target: boolean; below_plan: boolean };
  // on PostgreSQL the pool runs the two statements at once (PGlite, one connection, runs them in turn)
  const [perProjectRows, sources] = await Promise.all([
    ctx.db.execute(sql`${perProject}
      select
        (select json_agg(a order by a.budget_n desc) from (select agency_id, count(*)::int as projects, sum(total_budget)::text as budget, sum(total_budget) as budget_n, sum(disbursed)::text as disbursed from pd group by agency_id) a) as agencies,
        (select json_agg(g) from (select g as goal_id, count(*)::int as projects, sum(total_budget)::text as budget, sum(disbursed)::text as disbursed from pd, unnest(goal_ids) g group by g) g) as goals,
        (select json_agg(l) from (select id, code, title_th, title_en, total_budget::text as budget, disbursed::text as disbursed, planned::text as planned, ${behind} as below_target, (disbursed < planned) as below_plan
           from pd where total_budget > 0 and (${behind} or disbursed < planned) order by (planned - disbursed) desc, code limit ${LAGGING_SHOWN}) l) as lag,
        (select count(*)::int from pd where total_budget > 0 and (${behind} or disbursed < planned)) as lag_n,
        (select array[${sums("cum_disbursed")}] from pd) as cum_disbursed,
        (select array[${sums("cum_planned")}] from pd) as cum_planned`),
    ctx.db.execute(sql`select l.source, sum(l.amount)::text as amount, count(distinct l.project_id)::int as projects
      from project_budget_lines l join projects p on p.id = l.project_id
      where l.province_code = ${P} and l.fiscal_year = ${FY} and p.province_code = ${P} and p.fiscal_year = ${FY} and p.${COUNTED}
      group by l.source`).then((r) => rowsOf<{ source: Source; amount: string; projects: number }>(r)),
  ]);
  const [one] = rowsOf<{ agencies: Agg[] | null; goals: Goal[] | null; lag: Lag[] | null; lag_n: number; cum_disbursed: (string | null)[] | null; cum_planned: (string | null)[] | null }>(perProjectRows);
  const agencies = one?.agencies ?? [];
  const goals = one?.goals ?? [];
  const lagRows = (one?.lag ?? []).map((r) => ({ ...r, n: one?.lag_n ?? 0 }));

  const totalBudget = agencies.reduce((s, a) => s + satang(a.budget), 0n);
  const totalDisbursed = agencies.reduce((s, a) => s + satang(a.disbursed), 0n);
  const orgs = await lookupOrganizations(ctx, agencies.map((a) => a.agency_id));
  const orgName = (id: string) => ({ nameTh: orgs.get(id)?.nameTh ?? id, nameEn: orgs.get(id)?.nameEn || orgs.get(id)?.nameTh || id });

  // strategy: goals rolled up to their strategic issue
  const issueOf = await lookupGoalIssues(ctx, goals.map((g) => g.goal_id));
  const nodes = await lookupStrategyNodes(ctx, [...goals.map((g) => g.goal_id), ...issueOf.values()]);
  const byIssue = new Map<string | null, BudgetDashboard["byStrategy"][number]>();
  for (const g of goals.sort((a, b) => (nodes.get(a.goal_id)?.code ?? a.goal_id).localeCompare(nodes.get(b.goal_id)?.code ?? b.goal_id))) {
    const issueId = issueOf.get(g.goal_id) ?? null;
    const issue = issueId ? nodes.get(issueId) : undefined;
    if (!byIssue.has(issueId)) byIssue.set(issueId, { issueId, issueCode: issue?.code ?? null, issueNameTh: issue?.nameTh ?? "ไม่ระบุประเด็นยุทธศาสตร์", issueNameEn: issue?.nameEn || issue?.nameTh || "No strategic issue", goals: [] });
    const n = nodes.get(g.goal_id);
    byIssue.get(issueId)!.goals.push({ goalId: g.goal_id, code: n?.code ?? null, nameTh: n?.nameTh ?? g.goal_id, nameEn: n?.nameEn || n?.nameTh || g.goal_id, budget: bahtText(satang(g.budget)), disbursed: bahtText(satang(g.disbursed)), projects: g.projects });
  }

  // the curve: twelve fiscal months from October (the month's figure is the cumulative one less the month before)
  const quarterEnds = new Map(([1, 2, 3, 4] as const).map((q) => [`${fiscalQuarterRange(FY, q).end.slice(0, 7)}-01`, targets ? targets[`q${q}` as const] : null]));
  const cumD = (j: number) => (j === 0 ? 0n : satang(one?.cum_disbursed?.[j - 1]));
  const cumP = (j: number) => (j === 0 ? 0n : satang(one?.cum_planned?.[j - 1]));
  const curve: BudgetDashboard["curve"] = [];
  for (let j = 1, m = fy.start; j <= 12; j++) {
    const begun = j <= k;
    curve.push({ month: m, disbursed: bahtText(cumD(j) - cumD(j - 1)), cumulative: begun ? bahtText(cumD(j)) : null, cumulativePct: begun ? pct(cumD(j), totalBudget) : null, planned: bahtText(cumP(j) - cumP(j - 1)), cumulativePlanned: bahtText(cumP(j)), cumulativePlannedPct: pct(cumP(j), totalBudget), targetPct: quarterEnds.get(m) ?? null });
    m = `${addDays(m, 32).slice(0, 7)}-01`;
  }

  const laggingAgencies: LaggingItem[] = target === null ? [] : agencies
    .filter((a) => satang(a.budget) > 0n && pct(satang(a.disbursed), satang(a.budget)) < target)
    .map((a) => {
      const p = pct(satang(a.disbursed), satang(a.budget));
      return { kind: "agency" as const, id: a.agency_id, code: null, ...orgName(a.agency_id), budget: bahtText(satang(a.budget)), disbursed: bahtText(satang(a.disbursed)), disbursedPct: p, targetPct: target, behindTargetPts: Math.round((target - p) * 100) / 100, plannedToDate: null, behindPlan: null, reasons: ["below-target" as const] };
    })
    .sort((a, b) => (b.behindTargetPts ?? 0) - (a.behindTargetPts ?? 0));
  const laggingProjects: LaggingItem[] = lagRows.map((r) => {
    const p = pct(satang(r.disbursed), satang(r.budget));
    const gap = satang(r.planned) - satang(r.disbursed);
    return {
      kind: "project",
      id: r.id,
      code: r.code,
      nameTh: r.title_th,
      nameEn: r.title_en || r.title_th,
      budget: bahtText(satang(r.budget)),
      disbursed: bahtText(satang(r.disbursed)),
      disbursedPct: p,
      targetPct: target,
      behindTargetPts: target === null ? null : Math.round((target - p) * 100) / 100,
      plannedToDate: bahtText(satang(r.planned)),
      behindPlan: bahtText(gap > 0n ? gap : 0n),
      reasons: [...(r.below_target ? ["below-target" as const] : []), ...(r.below_plan ? ["below-plan" as const] : [])],
    };
  });

  // deadlines
  const holidays = await loadHolidays(ctx);
  const due = act ? await noticesDue(ctx, act, [P], today) : [];
  const [opRow] = await ctx.db.select().from(operatingPlans).where(and(eq(operatingPlans.provinceCode, P), eq(operatingPlans.fiscalYear, FY)));
  const [{ last }] = (await ctx.db.select({ last: max(allocationNotices.notifiedOn) }).from(allocationNotices).where(and(eq(allocationNotices.provinceCode, P), eq(allocationNotices.fiscalYear, FY)))) as [{ last: string | null }];
  const shifts = await ctx.db.select().from(frameShifts).where(and(eq(frameShifts.provinceCode, P), eq(frameShifts.fiscalYear, FY)));
  const [{ demo }] = rowsOf<{ demo: boolean }>(await ctx.db.execute(sql`select exists (select 1 from projects where province_code = ${P} and fiscal_year = ${FY} and is_demo) as demo`)) as [{ demo: boolean }];

  return {
    provinceCode: P,
    provinceNameTh: province.nameTh,
    provinceNameEn: province.nameEn || province.nameTh,
    fiscalYear: FY,
    asOf,
    elapsedQuarter: elapsedQuarter(FY, asOf),
    targets,
    totals: { budget: bahtText(totalBudget), disbursed: bahtText(totalDisbursed), projects: agencies.reduce((s, a) => s + a.projects, 0) },
    bySource: BudgetSource.options.flatMap((s) => {
      const r = sources.find((x) => x.source === s);
      return r ? [{ source: s, amount: bahtText(satang(r.amount)), projects: r.projects }] : [];
    }),
    byAgency: agencies.map((a) => ({ agencyId: a.agency_id, ...orgName(a.agency_id), budget: bahtText(satang(a.budget)), disbursed: bahtText(satang(a.disbursed)), projects: a.projects })),
    byStrategy: [...byIssue.values()].sort((a, b) => (a.issueCode ?? "~").localeCompare(b.issueCode ?? "~")),
    curve,
    lagging: { agencies: laggingAgencies, projects: laggingProjects, projectsTotal: lagRows[0]?.n ?? 0 },
    deadlines: {
      act: act ? budgetActView(act) : null,
      notices: {
        expected: due.length,
        onTime: due.filter((d) => d.status === "on-time").length,
        late: due.filter((d) => d.status === "late").length,
        missing: due.filter((d) => !d.notice).length,
        overdue: due.filter((d) => d.status === "overdue").length,
      },
      operatingPlan: act ? operatingPlanView(P, FY, opRow ?? null, last, holidays, today) : null,
    },
    frameShifts: await frameShiftViews(ctx, shifts),
    isDemo: Boolean(demo),
  };
}
