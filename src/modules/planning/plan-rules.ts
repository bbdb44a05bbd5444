import { and, eq, or, sql } from "drizzle-orm";
import type { ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { ForbiddenError, NotFoundError, RuleViolation, UnauthorizedError } from "../../platform/errors.js";
import { scopesFor } from "../../platform/auth/permissions.js";
import { DUPLICATE_SIMILARITY, type DuplicateFlag } from "./contracts-plans.js";
import { plans, projects } from "./tables.js";

export type PlanRow = typeof plans.$inferSelect;

/** The plan, or 404; `forUpdate` locks the row (prioritising, consolidating, approving serialise on it). */
export async function mustGetPlan(ctx: Ctx, id: string, forUpdate = false): Promise<PlanRow> {
  const q = ctx.db.select().from(plans).where(eq(plans.id, id)).limit(1);
  const [p] = forUpdate ? await q.for("update") : await q;
  if (!p) throw new NotFoundError("plan", id);
  return p;
}

/** Where a plan's permissions are checked: its own area (a subdistrict or district lies inside its province; a cluster is its own scope). */
export const planScope = (p: Pick<PlanRow, "areaId">): ScopeRef => ({ kind: "area", id: p.areaId });

/** The province of a plan's area (null for a cluster). */
export function provinceOfArea(areaId: string): string | null {
  const m = /^(?:subdistrict|district|province):(\d{2})/.exec(areaId);
  return m ? m[1]! : null;
}

/** The district (4 digits) of a plan's area, when the area is a district or subdistrict. */
export function districtOfArea(areaId: string | null | undefined): string | null {
  const m = /^(?:subdistrict|district):(\d{4})/.exec(areaId ?? "");
  return m ? m[1]! : null;
}

/** The projects a plan holds: proposed in it, pulled into it (a province plan), or a cluster's projects of the year (a cluster plan). */
export function planProjectsWhere(p: PlanRow) {
  const own = or(eq(projects.planId, p.id), eq(projects.consolidatedIntoPlanId, p.id));
  return p.level === "cluster" ? or(own, and(eq(projects.clusterId, p.areaId), eq(projects.fiscalYear, p.fiscalYear))) : own;
}

/** An approved plan is locked: nothing is added, edited, reordered or pulled in (amend its projects instead). */
export function assertNotApproved(p: PlanRow): void {
  if (p.status === "approved") throw new RuleViolation("planning.plan-approved", "แผนได้รับอนุมัติแล้ว แก้ไขไม่ได้ (ใช้การแก้ไขเปลี่ยนแปลงโครงการ)", "The plan is approved and locked (amend its projects instead)", { planId: p.id });
}

/** Project statuses that take part in a plan's order, duplicates and approval. */
export const ACTIVE_IN_PLAN = ["proposed", "prioritised", "approved", "in_progress", "completed"] as const;

/**
 * Likely duplicates among a plan's active projects: Thai titles with pg_trgm similarity ≥ DUPLICATE_SIMILARITY
 * (the `%` operator with the threshold set for this transaction, so the title trigram index can serve it) AND the
 * same area: shared subdistrict codes when both name some; otherwise the same district, taken from the codes or,
 * for a proposal without codes, from the district or subdistrict plan it was proposed in. Pairs staff dismissed,
 * and projects already confirmed as duplicates, are left out.
 */
export async function findDuplicateFlags(ctx: Ctx, p: PlanRow): Promise<DuplicateFlag[]> {
  if (p.level !== "province" && p.level !== "district") return [];
  // `%` (pg_trgm's default threshold 0.3) is the index-friendly pre-filter; the stricter threshold is compared
  // explicitly, so no session setting is needed on pooled connections
  const rows = await ctx.db.execute(sql`
    with mine as (
      select pr.id, pr.code, pr.plan_id, pr.title_th, pr.area_codes, pr.not_duplicates,
        coalesce((select array_agg(distinct left(c, 4)) from unnest(pr.area_codes) c), case when pl.area_id ~ '^(district|subdistrict):' then array[substring(pl.area_id from '\\d{4}')] else '{}'::text[] end) as districts
      from projects pr left join plans pl on pl.id = pr.plan_id
      where (pr.plan_id = ${p.id} or pr.consolidated_into_plan_id = ${p.id}) and pr.duplicate_of is null and pr.status in ('proposed', 'prioritised', 'approved', 'in_progress', 'completed')
    )
    select a.id as a, b.id as b, a.plan_id as a_plan, b.plan_id as b_plan, similarity(a.title_th, b.title_th)::float8 as sim,
      array(select unnest(a.area_codes) intersect select unnest(b.area_codes) order by 1) as shared,
      (cardinality(a.area_codes) > 0 and cardinality(b.area_codes) > 0) as both_coded
    from mine a join mine b on a.code < b.code and a.title_th % b.title_th
    where similarity(a.title_th, b.title_th) >= ${DUPLICATE_SIMILARITY}
      and not (b.id = any(a.not_duplicates)) and not (a.id = any(b.not_duplicates))
      and ((cardinality(a.area_codes) > 0 and cardinality(b.area_codes) > 0 and a.area_codes && b.area_codes)
        or ((cardinality(a.area_codes) = 0 or cardinality(b.area_codes) = 0) and a.districts && b.districts))
    order by sim desc, a.code, b.code`);
  // the proposal pulled in from a lower plan is the one that may duplicate the plan's own
  return rowsOf<{ a: string; b: string; a_plan: string | null; b_plan: string | null; sim: number; shared: string[]; both_coded: boolean }>(rows).map((r) => {
    const swap = r.a_plan === p.id && r.b_plan !== p.id;
    return { projectId: swap ? r.b : r.a, otherId: swap ? r.a : r.b, similarity: Math.round(Number(r.sim) * 1000) / 1000, areaMatch: r.both_coded ? "subdistricts" : "district", sharedAreaCodes: r.shared ?? [] } as DuplicateFlag;
  });
}

/** Plans are the province's published One Plan: any staff member reads them (project records stay scoped). */
export function requirePlanReader(ctx: Ctx): void {
  const scopes = scopesFor(ctx, "planning:read");
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("planning:read");
  }
}
