import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { lookupOrganizations } from "../registry/index.js";
import { DUPLICATE_SIMILARITY, type PlanDetail, type PlanProject } from "./contracts-plans.js";
import { planSummaries } from "./plan-presenters.js";
import { mayReadPlanningHistory, planningScopesOf } from "./history-scopes.js";
import { findDuplicateFlags, mustGetPlan, planProjectsWhere, requirePlanReader, type PlanRow } from "./plan-rules.js";
import { projectSummary } from "./presenters.js";
import { plans, projects } from "./tables.js";

const CLOSED = new Set(["rejected", "cancelled"]);

/** A plan with its projects in priority order, the likely duplicates among them and, for a province, the lower plans to pull in. */
export async function getPlan({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<PlanDetail> {
  requirePlanReader(ctx);
  const p = await mustGetPlan(ctx, input.id);
  const rows = await ctx.db.select().from(projects).where(planProjectsWhere(p));
  const fromPlans = new Map((rows.some((r) => r.planId && r.planId !== p.id) ? await ctx.db.select({ id: plans.id, level: plans.level }).from(plans).where(inArray(plans.id, [...new Set(rows.flatMap((r) => (r.planId ? [r.planId] : [])))])) : []).map((x) => [x.id, x.level]));
  const orgs = await lookupOrganizations(ctx, rows.map((r) => r.ownerOrgId));
  const rank = (r: (typeof rows)[number]) => (r.duplicateOf || CLOSED.has(r.status) ? 2 : r.priority === null ? 1 : 0);
  rows.sort((a, b) => rank(a) - rank(b) || (a.priority ?? 0) - (b.priority ?? 0) || a.code.localeCompare(b.code));
  const items: PlanProject[] = rows.map((r) => ({
    ...projectSummary(r, orgs),
    fromPlanId: r.planId,
    fromPlanLevel: ((r.planId === p.id ? p.level : fromPlans.get(r.planId ?? "")) ?? null) as PlanProject["fromPlanLevel"],
    areaCodes: r.areaCodes,
    duplicateOf: r.duplicateOf,
    goalCount: r.goalIds.length,
  }));
  const [summary] = await planSummaries(ctx, [p]);
  return {
    ...summary!,
    approvedBy: p.approvedBy,
    projects: items,
    duplicateFlags: p.status === "approved" ? [] : await findDuplicateFlags(ctx, p),
    lowerPlans: await lowerPlans(ctx, p),
    duplicateThreshold: DUPLICATE_SIMILARITY,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    may: { history: await mayReadPlanningHistory(ctx, planningScopesOf.plan(p)) },
  };
}

async function lowerPlans(ctx: Ctx, p: PlanRow): Promise<PlanDetail["lowerPlans"]> {
  if (p.level !== "province" || !p.provinceCode) return [];
  const lower = await ctx.db.select().from(plans).where(and(eq(plans.provinceCode, p.provinceCode), eq(plans.fiscalYear, p.fiscalYear), inArray(plans.level, ["district", "subdistrict"])));
  if (!lower.length) return [];
  const pending = await ctx.db
    .select({ planId: projects.planId, n: sql<number>`count(*)::int` })
    .from(projects)
    .where(and(inArray(projects.planId, lower.map((l) => l.id)), isNull(projects.consolidatedIntoPlanId), ne(projects.status, "cancelled"), ne(projects.status, "rejected")))
    .groupBy(projects.planId);
  const byPlan = new Map(pending.map((x) => [x.planId, x.n]));
  const sums = await planSummaries(ctx, lower);
  return sums.map((s) => ({ ...s, pendingProposals: byPlan.get(s.id) ?? 0 })).sort((a, b) => a.areaId.localeCompare(b.areaId));
}
