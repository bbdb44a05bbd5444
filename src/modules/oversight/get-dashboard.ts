import type { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { rowsOf } from "../../platform/db/rows.js";
import { sql } from "drizzle-orm";
import { lookupOrganizations } from "../registry/index.js";
import { lookupStrategyNodes } from "../strategy/index.js";
import { DashboardInput, FAMILIES, METRIC_IDS, METRICS, type Dashboard, type MetricId } from "./contracts.js";
import { freshness, measuresOf, metricValue, sumMeasures, worseFirst } from "./read.js";
import { myScopes, resolveScope, type ResolvedScope } from "./scopes.js";

/** The figures shown per province, per function and per agenda (the cards show every metric). */
export const PROVINCE_METRICS: MetricId[] = ["kpi.on_target_pct", "budget.disbursed_pct", "cases.received", "cases.on_time_pct", "cases.satisfaction", "permits.on_time_pct", "agreement.score", "committees.late", "committees.actions_overdue"];
export const FUNCTION_METRICS: MetricId[] = ["kpi.on_target_pct", "budget.total", "budget.disbursed_pct", "cases.received", "cases.on_time_pct", "permits.on_time_pct"];
export const AGENDA_METRICS: MetricId[] = ["kpi.on_target_pct", "kpi.reported_pct", "budget.total", "budget.disbursed_pct"];

const values = (metrics: MetricId[], sums: Map<string, number> | undefined) => Object.fromEntries(metrics.map((m) => [m, metricValue(m, sums).value]));

/**
 * An operation centre's dashboard for one scope and fiscal year, from the roll-ups: every figure for the scope, the
 * same by province (worst on KPIs first), by function (ministries, or a ministry's departments) and by agenda, and
 * cases by month. Without a scope, the reader's own (the widest their grants open): a governor lands on the
 * province, a ministry on its function across provinces, the PMOC on the nation.
 */
export async function getDashboard({ ctx, input }: { ctx: Ctx; input: z.input<typeof DashboardInput> }): Promise<Dashboard> {
  const i = parseInput(DashboardInput, input);
  let key = i.scope;
  if (!key) {
    const mine = await myScopes({ ctx });
    if (!mine.landing) {
      if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
      throw new ForbiddenError("oversight:read");
    }
    key = mine.landing;
  }
  const scope = await resolveScope(ctx, key);
  const fy = i.fiscalYear ?? fiscalYearOf(bangkokToday(ctx.now()));
  const all = measuresOf(METRIC_IDS);
  const fnRows: "ministry" | "department" = scope.fn?.kind === "ministry" ? "department" : "ministry";
  const [totals, byProvince, byFunction, byAgenda, byMonth, fresh] = await Promise.all([
    sumMeasures(ctx, { scope, fiscalYear: fy, measures: [...all, "cases.demo", "budget.demo"], groupBy: "none" }),
    sumMeasures(ctx, { scope, fiscalYear: fy, measures: measuresOf(PROVINCE_METRICS), groupBy: "province" }),
    scope.fn?.kind === "office" || scope.fn?.kind === "department" ? Promise.resolve(new Map<string, Map<string, number>>()) : sumMeasures(ctx, { scope, fiscalYear: fy, measures: measuresOf(FUNCTION_METRICS), groupBy: fnRows }),
    sumMeasures(ctx, { scope, fiscalYear: fy, measures: measuresOf(AGENDA_METRICS), groupBy: "agenda" }),
    sumMeasures(ctx, { scope, fiscalYear: fy, measures: ["cases.received", "cases.resolved", "cases.resolved_on_time"], groupBy: "month" }),
    freshness(ctx, FAMILIES, scope.provinces),
  ]);
  const one = totals.get("");
  const figures = METRIC_IDS.map((m) => {
    const v = metricValue(m, one);
    // a function's dashboard has no province-wide figures (the agreement, committees' cadence): not zero, absent
    return scope.fn && !METRICS[m].byFunction ? { ...v, value: null } : v;
  });

  const names = new Map(scope.frame.map((p) => [p.code, p]));
  const provinces = [...byProvince.entries()]
    .filter(([code]) => names.has(code))
    .map(([code, sums]) => ({ code, nameTh: names.get(code)!.nameTh, nameEn: names.get(code)!.nameEn, values: values(PROVINCE_METRICS, sums) }))
    .sort((a, b) => worseFirst("kpi.on_target_pct")(a.values["kpi.on_target_pct"] ?? null, b.values["kpi.on_target_pct"] ?? null) || a.code.localeCompare(b.code));

  const fnIds = [...byFunction.keys()].filter((k) => k !== "" && k !== "*");
  const orgs = await lookupOrganizations(ctx, fnIds);
  const functions = fnIds
    .map((id) => ({ id, kind: fnRows, nameTh: orgs.get(id)?.nameTh ?? id, nameEn: orgs.get(id)?.nameEn || orgs.get(id)?.nameTh || id, values: values(FUNCTION_METRICS, byFunction.get(id)) }))
    .sort((a, b) => (b.values["budget.total"] ?? 0) - (a.values["budget.total"] ?? 0) || a.nameTh.localeCompare(b.nameTh, "th"));

  const agendaIds = [...byAgenda.keys()];
  const nodes = await lookupStrategyNodes(ctx, agendaIds);
  const agendas = agendaIds
    .map((id) => ({ id, nameTh: nodes.get(id)?.nameTh ?? id, nameEn: nodes.get(id)?.nameEn || nodes.get(id)?.nameTh || id, values: values(AGENDA_METRICS, byAgenda.get(id)) }))
    .sort((a, b) => a.nameTh.localeCompare(b.nameTh, "th"));

  const months = [...byMonth.entries()]
    .map(([month, s]) => ({ month, received: s.get("cases.received") ?? 0, resolved: s.get("cases.resolved") ?? 0, resolvedOnTime: s.get("cases.resolved_on_time") ?? 0 }))
    .sort((a, b) => a.month.localeCompare(b.month));

  return {
    scope: scope.view,
    fiscalYear: fy,
    asOf: fresh.asOf,
    pending: fresh.pending,
    figures,
    provinces,
    functions,
    agendas,
    months,
    clusterAgreements: await clusterAgreements(ctx, scope, fy),
    isDemo: (one?.get("cases.demo") ?? 0) + (one?.get("budget.demo") ?? 0) > 0,
  };
}

/**
 * The performance agreements of the clusters wholly inside a scope, with their latest closed round's score: a cluster
 * signs its own agreement, which no province's figure counts. Read from the agreements (a few rows a year), not
 * rolled up. A function's dashboard (ministry, department, office) has none.
 */
async function clusterAgreements(ctx: Ctx, scope: ResolvedScope, fy: number): Promise<Dashboard["clusterAgreements"]> {
  if (scope.fn) return [];
  const inScope = scope.provinces ? new Set(scope.provinces) : null;
  const clusters = new Map<string, { nameTh: string; nameEn: string; provinces: string[] }>();
  for (const p of scope.frame) {
    if (!p.cluster) continue;
    const c = clusters.get(p.cluster.id) ?? { nameTh: p.cluster.nameTh, nameEn: p.cluster.nameEn || p.cluster.nameTh, provinces: [] };
    c.provinces.push(p.code);
    clusters.set(p.cluster.id, c);
  }
  const ids = [...clusters.entries()].filter(([, c]) => !inScope || c.provinces.every((code) => inScope.has(code))).map(([id]) => id);
  if (!ids.length) return [];
  const rows = rowsOf<{ id: string; area_id: string; title_th: string; title_en: string; status: string; round: number | null; total: number | null }>(
    await ctx.db.execute(sql`select a.id, a.area_id, a.title_th, a.title_en, a.status, r.round, r.total
      from agreements a left join lateral (
        select round, total from agreement_rounds r where r.agreement_id = a.id and r.status = 'closed' and r.total is not null order by r.round desc limit 1) r on true
      where a.area_id = any(string_to_array(${ids.join(",")}, ',')) and a.fiscal_year = ${fy}
      order by a.area_id`),
  );
  return rows.map((r) => {
    const c = clusters.get(r.area_id)!;
    return { id: r.id, clusterId: r.area_id, clusterNameTh: c.nameTh, clusterNameEn: c.nameEn, titleTh: r.title_th, titleEn: r.title_en || r.title_th, status: r.status, round: r.round === null ? null : Number(r.round), score: r.total === null ? null : Number(r.total) };
  });
}
