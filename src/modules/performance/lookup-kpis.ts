import { and, desc, eq, inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { kpis, measurements } from "./tables.js";

export type KpiRef = { id: string; code: string; nameTh: string; nameEn: string; unit: string; direction: string; provinceCode: string | null; latest: { periodEnd: string; value: number } | null };

/** Many KPIs at once, with their latest verified result, for other modules that link outcomes to KPIs (projects): a map by id of those that exist. */
export async function lookupKpis(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, KpiRef>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await ctx.db.select({ id: kpis.id, code: kpis.code, nameTh: kpis.nameTh, nameEn: kpis.nameEn, unit: kpis.unit, direction: kpis.direction, provinceCode: kpis.provinceCode }).from(kpis).where(inArray(kpis.id, list));
  const latest = await ctx.db
    .selectDistinctOn([measurements.kpiId], { kpiId: measurements.kpiId, periodEnd: measurements.periodEnd, value: measurements.value })
    .from(measurements)
    .where(and(inArray(measurements.kpiId, list), eq(measurements.status, "verified")))
    .orderBy(measurements.kpiId, desc(measurements.periodEnd));
  const byKpi = new Map(latest.map((m) => [m.kpiId, { periodEnd: m.periodEnd, value: m.value }]));
  return new Map(rows.map((r) => [r.id, { ...r, latest: byKpi.get(r.id) ?? null }]));
}
