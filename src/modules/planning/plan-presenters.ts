import { inArray, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { lookupAreas } from "../registry/index.js";
import type { PlanSummary } from "./contracts-plans.js";
import type { PlanRow } from "./plan-rules.js";
import { projects } from "./tables.js";

/** Plans as lists show them: area names and, per plan, its active projects' count and total (one query for the page). */
export async function planSummaries(ctx: Ctx, rows: readonly PlanRow[]): Promise<PlanSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const clusterAreas = rows.filter((r) => r.level === "cluster").map((r) => r.areaId);
  const counts = await ctx.db
    .select({ planId: sql<string>`coalesce(${projects.consolidatedIntoPlanId}, ${projects.planId})`, n: sql<number>`count(*)::int`, total: sql<string>`coalesce(sum(${projects.totalBudget}), 0)::numeric(16,2)::text` })
    .from(projects)
    .where(sql`(${inArray(projects.planId, ids)} or ${inArray(projects.consolidatedIntoPlanId, ids)}) and ${projects.duplicateOf} is null and ${projects.status} not in ('rejected', 'cancelled')`)
    .groupBy(sql`1`);
  const byPlan = new Map(counts.map((c) => [c.planId, c]));
  const byCluster = new Map<string, { n: number; total: string }>();
  if (clusterAreas.length) {
    const cs = await ctx.db
      .select({ clusterId: projects.clusterId, fy: projects.fiscalYear, n: sql<number>`count(*)::int`, total: sql<string>`coalesce(sum(${projects.totalBudget}), 0)::numeric(16,2)::text` })
      .from(projects)
      .where(sql`${inArray(projects.clusterId, clusterAreas)} and ${projects.status} not in ('rejected', 'cancelled')`)
      .groupBy(projects.clusterId, projects.fiscalYear);
    for (const c of cs) byCluster.set(`${c.clusterId}|${c.fy}`, c);
  }
  const areas = await lookupAreas(ctx, rows.map((r) => r.areaId));
  return rows.map((r) => {
    const c = r.level === "cluster" ? byCluster.get(`${r.areaId}|${r.fiscalYear}`) : byPlan.get(r.id);
    const a = areas.get(r.areaId);
    return {
      id: r.id,
      fiscalYear: r.fiscalYear,
      level: r.level as PlanSummary["level"],
      areaId: r.areaId,
      areaNameTh: a?.nameTh ?? r.areaId,
      areaNameEn: a?.nameEn || a?.nameTh || r.areaId,
      provinceCode: r.provinceCode,
      titleTh: r.titleTh,
      titleEn: r.titleEn,
      status: r.status as PlanSummary["status"],
      approvedOn: r.approvedOn,
      projectCount: c?.n ?? 0,
      totalBudget: c?.total ?? "0.00",
      version: r.version,
      isDemo: r.isDemo,
    };
  });
}
