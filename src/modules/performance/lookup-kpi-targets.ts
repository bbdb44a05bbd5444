import { and, asc, eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { KpiRef } from "./lookup-kpis.js";
import { kpis, kpiTargets } from "./tables.js";

export type KpiTargetRef = { fiscalYear: number; round: number; levels: number[] };

/** A KPI's score-level targets (read-only, for other modules that show or record a change of target), by year and round. */
export async function kpiTargetsOf(ctx: Ctx, kpiId: string, fiscalYear?: number): Promise<KpiTargetRef[]> {
  const rows = await ctx.db
    .select({ fiscalYear: kpiTargets.fiscalYear, round: kpiTargets.round, levels: kpiTargets.levels })
    .from(kpiTargets)
    .where(fiscalYear === undefined ? eq(kpiTargets.kpiId, kpiId) : and(eq(kpiTargets.kpiId, kpiId), eq(kpiTargets.fiscalYear, fiscalYear)))
    .orderBy(asc(kpiTargets.fiscalYear), asc(kpiTargets.round));
  return rows.map((r) => ({ fiscalYear: r.fiscalYear, round: r.round, levels: (r.levels as number[]).map(Number) }));
}

/** The KPIs answered for a province (read-only, for other modules' pickers), without their results. */
export async function provinceKpis(ctx: Ctx, provinceCode: string): Promise<Omit<KpiRef, "latest">[]> {
  return ctx.db
    .select({ id: kpis.id, code: kpis.code, nameTh: kpis.nameTh, nameEn: kpis.nameEn, unit: kpis.unit, direction: kpis.direction, provinceCode: kpis.provinceCode })
    .from(kpis)
    .where(eq(kpis.provinceCode, provinceCode))
    .orderBy(asc(kpis.code))
    .limit(500);
}
