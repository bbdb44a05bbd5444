import { asc, desc, eq } from "drizzle-orm";
import { hasAnyPermission, hasPermission, requireAnyPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { diffDays } from "../../platform/thai/dates.js";
import { fiscalYearRange } from "../../platform/thai/fiscal-year.js";
import type { KpiDetail } from "./contracts.js";
import { kpiSummary, measurementView } from "./presenters.js";
import { kpiScope, mustGetKpi, reporterScopes } from "./rules.js";
import { kpiContributors, kpiTargets, measurements } from "./tables.js";

type Point = { periodEnd: string; value: number };

/**
 * Projects verified values to the fiscal year's last day by least squares over time (one value: flat), and
 * compares the projection with the standard (level 3) target of the 12-month round.
 */
export function projectOffTrack(direction: string, fiscalYear: number, points: readonly Point[], levels: readonly number[]): KpiDetail["offTrack"] {
  if (!points.length || levels.length !== 5) return null;
  const { start, end } = fiscalYearRange(fiscalYear);
  const xs = points.map((p) => diffDays(start, p.periodEnd));
  const ys = points.map((p) => p.value);
  const xEnd = diffDays(start, end);
  let projected = ys[ys.length - 1]!;
  if (points.length >= 2) {
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    const slope = sxx === 0 ? 0 : xs.reduce((a, x, k) => a + (x - mx) * (ys[k]! - my), 0) / sxx;
    projected = my + slope * (xEnd - mx);
  }
  const target = levels[2]!;
  return { fiscalYear, projected: Math.round(projected * 1e4) / 1e4, target, offTrack: direction === "higher" ? projected < target : projected > target };
}

/** A KPI with its targets, every measurement (newest first) and whether it is on track. */
export async function getKpi({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<KpiDetail> {
  const kpi = await mustGetKpi(ctx, input.id);
  // a joint KPI is seen by both sides: the province and the bound ministry or department
  await requireAnyPermission(ctx, "performance:read", [kpiScope(kpi), ...reporterScopes(kpi)]);
  const contributors = await ctx.db.select().from(kpiContributors).where(eq(kpiContributors.kpiId, kpi.id));
  const targets = await ctx.db.select().from(kpiTargets).where(eq(kpiTargets.kpiId, kpi.id)).orderBy(asc(kpiTargets.fiscalYear), asc(kpiTargets.round));
  const ms = await ctx.db.select().from(measurements).where(eq(measurements.kpiId, kpi.id)).orderBy(desc(measurements.periodEnd), desc(measurements.submittedAt));
  const finalTargets = targets.filter((t) => t.round === 12);
  const latest = finalTargets[finalTargets.length - 1];
  const verified = latest ? ms.filter((m) => m.status === "verified" && m.fiscalYear === latest.fiscalYear).reverse() : [];
  return {
    ...kpiSummary(kpi),
    baseline: kpi.baseline,
    baselineYear: kpi.baselineYear,
    definitionTh: kpi.definitionTh,
    formula: kpi.formula,
    dataSource: kpi.dataSource,
    contributors: contributors.map((c) => c.orgId),
    targets: targets.map((t) => ({ fiscalYear: t.fiscalYear, round: t.round, levels: t.levels as [number, number, number, number, number] })),
    measurements: ms.map(measurementView),
    offTrack: latest ? projectOffTrack(kpi.direction, latest.fiscalYear, verified, latest.levels as number[]) : null,
    may: {
      submit: ctx.actor.kind !== "anonymous" && (await hasAnyPermission(ctx, "performance:measurement.submit", reporterScopes(kpi))),
      verify: ctx.actor.kind !== "anonymous" && (await hasPermission(ctx, "performance:measurement.verify", kpiScope(kpi))),
      edit: ctx.actor.kind !== "anonymous" && (await hasPermission(ctx, "performance:kpi.write", kpiScope(kpi))),
    },
  };
}
