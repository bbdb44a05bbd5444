import { sql, type SQL } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { METRICS, type MetricDef, type MetricId, type MetricValue } from "./contracts.js";
import type { ResolvedScope } from "./scopes.js";

export type GroupBy = "none" | "province" | "ministry" | "department" | "agenda" | "month";
/** Sums by group key then measure. */
export type Sums = Map<string, Map<string, number>>;

const GROUP_COL: Record<GroupBy, string> = { none: "''", province: "province_code", ministry: "ministry_id", department: "department_id", agenda: "agenda_id", month: "to_char(month, 'YYYY-MM-DD')" };

/** The measures the metrics are computed from. */
export function measuresOf(metrics: readonly MetricId[]): string[] {
  return [...new Set(metrics.flatMap((m): string[] => {
    const def: MetricDef = METRICS[m];
    return def.den ? [def.num, def.den] : [def.num];
  }))];
}

/**
 * Sums measures of the roll-up over a scope and fiscal year, grouped: one indexed read of (at most) a few thousand
 * rows however many records lie behind them. Grouping by function reads the organisation rows; otherwise the
 * province totals ('*'), unless the scope is itself a function.
 */
export async function sumMeasures(ctx: Ctx, q: { scope: ResolvedScope; fiscalYear: number; measures: string[]; groupBy: GroupBy | GroupBy[]; agenda?: string | null; provinces?: string[] | null; months?: { from: string; to: string } }): Promise<Sums> {
  const by = Array.isArray(q.groupBy) ? q.groupBy : [q.groupBy];
  const byFunction = by.includes("ministry") || by.includes("department");
  const where: SQL[] = [sql`fiscal_year = ${q.fiscalYear}`, sql`measure = any(string_to_array(${q.measures.join(",")}, ','))`];
  if (by.includes("agenda")) where.push(sql`agenda_id <> '*'`);
  else where.push(sql`agenda_id = ${q.agenda ?? "*"}`);
  const fn = q.scope.fn;
  if (fn?.kind === "ministry") where.push(sql`ministry_id = ${fn.id}`);
  else if (fn?.kind === "department") where.push(sql`department_id = ${fn.id}`);
  else if (fn?.kind === "office") where.push(sql`org_id = ${fn.id}`);
  else if (byFunction) where.push(sql`org_id <> '*'`);
  else where.push(sql`org_id = '*'`);
  // a month range (first days, ISO) only means something for the families summed by month (cases, permits)
  if (q.months) where.push(sql`month between ${q.months.from}::date and ${q.months.to}::date`);
  const provinces = q.provinces !== undefined ? q.provinces : q.scope.provinces;
  if (provinces) where.push(sql`province_code = any(string_to_array(${provinces.join(",")}, ','))`);
  // a composite group's key joins its parts with "|"
  const key = sql.raw(by.map((g) => GROUP_COL[g]).join(" || '|' || "));
  const rows = rowsOf<{ k: string; measure: string; v: number }>(
    await ctx.db.execute(sql`select ${key} as k, measure, sum(value)::float8 as v from oversight_rollups where ${sql.join(where, sql` and `)} group by 1, 2`),
  );
  const out: Sums = new Map();
  for (const r of rows) {
    if (!out.has(r.k)) out.set(r.k, new Map());
    out.get(r.k)!.set(r.measure, Number(r.v));
  }
  return out;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** A metric's value from summed measures: a sum, or a ratio (null when its denominator is 0). */
export function metricValue(metric: MetricId, sums: Map<string, number> | undefined): MetricValue {
  const def: MetricDef = METRICS[metric];
  const num = sums?.get(def.num) ?? 0;
  if (!def.den) return { metric, value: round(num, 2), num: round(num, 2), den: null };
  const den = sums?.get(def.den) ?? 0;
  const scale = def.scale ?? 1;
  return { metric, value: den === 0 ? null : round((num / den) * scale, 2), num: round(num, 2), den: round(den, 2) };
}

/** Is a worse than b for this metric (nulls last)? For "worst first" orderings. */
export function worseFirst(metric: MetricId): (a: number | null, b: number | null) => number {
  const better = METRICS[metric].better;
  return (a, b) => {
    if (a === null) return b === null ? 0 : 1;
    if (b === null) return -1;
    return better === "down" ? b - a : a - b;
  };
}

/** The "as of" of the roll-ups behind a view (the oldest refresh of the families read) and how many are waiting. */
export async function freshness(ctx: Ctx, families: readonly string[], provinces: string[] | null): Promise<{ asOf: string | null; pending: number }> {
  const fam = families.join(",");
  const prov = provinces ? sql`and province_code = any(string_to_array(${provinces.join(",")}, ','))` : sql``;
  const [r] = rowsOf<{ as_of: string | Date | null; pending: number }>(
    await ctx.db.execute(sql`select
      (select min(refreshed_at) from oversight_refreshes where family = any(string_to_array(${fam}, ',')) ${prov}) as as_of,
      (select count(*)::int from oversight_dirty where family = any(string_to_array(${fam}, ',')) ${prov}) as pending`),
  );
  const asOf = r?.as_of ? new Date(r.as_of).toISOString() : null;
  return { asOf, pending: r?.pending ?? 0 };
}
