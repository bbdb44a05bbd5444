import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganizations } from "../registry/index.js";
import { lookupGoalIssues } from "../strategy/index.js";
import { findBudgetAct, pct, satang, targetsOf, todayOf } from "./budget-rules.js";
import { BudgetProjectsInput, type BudgetProjectList } from "./contracts-budget.js";
import { COUNTED, monthsBegun, targetOn } from "./get-budget-dashboard.js";
import { projectSummary } from "./presenters.js";
import type { ProjectRow } from "./project-rules.js";

type Row = { id: string; code: string; fiscal_year: number; province_code: string | null; plan_id: string | null; origin: string; owner_org_id: string; agency_id: string; title_th: string; title_en: string; status: string; priority: number | null; total_budget: string; is_demo: boolean; disbursed: string; physical: string | null; source_amount: string | null; n: number };

/** The projects behind a figure of the budget dashboard (a source, an agency, a goal or issue, a frame shift, a notice, the lagging list), with what each disbursed to date. */
export async function listBudgetProjects({ ctx, input }: { ctx: Ctx; input: z.input<typeof BudgetProjectsInput> }): Promise<BudgetProjectList> {
  const i = parseInput(BudgetProjectsInput, input);
  await requirePermission(ctx, "planning:read", provinceScope(i.provinceCode));
  const asOf = i.asOf ?? todayOf(ctx);
  // disbursed and planned to date: the curves kept on each project (migration 0008), at the months begun by asOf
  const k = monthsBegun(i.fiscalYear, asOf);
  const D = sql.raw(`coalesce(p.cum_disbursed[${k}], 0)`);
  const PL = sql.raw(`coalesce(p.cum_planned[${k}], 0)`);
  const where: SQL[] = [sql`p.province_code = ${i.provinceCode}`, sql`p.fiscal_year = ${i.fiscalYear}`, sql`p.${COUNTED}`];
  const lineFilter: SQL[] = [];
  if (i.source) lineFilter.push(sql`l.source = ${i.source}`);
  if (i.frameShiftId) lineFilter.push(sql`l.frame_shift_id = ${i.frameShiftId}`);
  if (i.allocationNoticeId) lineFilter.push(sql`l.allocation_notice_id = ${i.allocationNoticeId}`);
  const lineCond = lineFilter.length ? sql.join(lineFilter, sql` and `) : null;
  if (lineCond) where.push(sql`exists (select 1 from project_budget_lines l where l.project_id = p.id and ${lineCond})`);
  if (i.agencyId) where.push(sql`p.agency_id = ${i.agencyId}`);
  if (i.goalId) where.push(sql`${i.goalId} = any(p.goal_ids)`);
  if (i.issueId) {
    // the goals of the province that are part of the issue
    const goalRows = rowsOf<{ g: string }>(await ctx.db.execute(sql`select distinct unnest(goal_ids) as g from projects where province_code = ${i.provinceCode} and fiscal_year = ${i.fiscalYear}`));
    const issues = await lookupGoalIssues(ctx, goalRows.map((r) => r.g));
    const goals = [...issues].filter(([, iss]) => iss === i.issueId).map(([g]) => g);
    where.push(goals.length ? sql`p.goal_ids && array[${sql.join(goals.map((g) => sql`${g}`), sql`, `)}]::text[]` : sql`false`);
  }
  if (i.q) where.push(sql`(p.code ilike ${`%${i.q.replace(/[%_\\]/g, "")}%`} or p.title_th ilike ${`%${i.q.replace(/[%_\\]/g, "")}%`})`);
  if (i.lagging) {
    const target = targetOn(targetsOf(await findBudgetAct(ctx, i.fiscalYear)), i.fiscalYear, asOf);
    where.push(sql`p.total_budget > 0 and (${D} < ${PL} ${target === null ? sql`` : sql`or ${D} * 100 < p.total_budget * ${target}`})`);
  }
  const order = { code: sql`p.code`, budget: sql`p.total_budget, p.code`, "-budget": sql`p.total_budget desc, p.code`, disbursed: sql`${D}, p.code`, "-disbursed": sql`${D} desc, p.code`, pct: sql`${D} / nullif(p.total_budget, 0) nulls first, p.code`, "-pct": sql`${D} / nullif(p.total_budget, 0) desc nulls last, p.code` }[i.sort];
  const rows = rowsOf<Row>(
    await ctx.db.execute(sql`
      select q.*, (select x.physical_pct::text from project_progress x where x.project_id = q.id and x.month <= ${asOf} and x.physical_pct is not null order by x.month desc limit 1) as physical
      from (select p.id, p.code, p.fiscal_year, p.province_code, p.plan_id, p.origin, p.owner_org_id, p.agency_id, p.title_th, p.title_en, p.status, p.priority,
        p.total_budget::text as total_budget, p.is_demo, ${D}::text as disbursed,
        ${lineCond ? sql`(select sum(l.amount)::text from project_budget_lines l where l.project_id = p.id and ${lineCond})` : sql`null`} as source_amount,
        count(*) over ()::int as n
      from projects p
      where ${sql.join(where, sql` and `)}
      order by ${order} limit ${i.limit} offset ${i.offset}) q`),
  );
  const orgs = await lookupOrganizations(ctx, rows.map((r) => r.owner_org_id));
  return {
    total: rows[0]?.n ?? (i.offset > 0 ? await countOnly() : 0),
    items: rows.map((r) => ({
      ...projectSummary({ id: r.id, code: r.code, fiscalYear: r.fiscal_year, provinceCode: r.province_code, planId: r.plan_id, origin: r.origin, ownerOrgId: r.owner_org_id, agencyId: r.agency_id, titleTh: r.title_th, titleEn: r.title_en, status: r.status, priority: r.priority, totalBudget: r.total_budget, isDemo: r.is_demo } as ProjectRow, orgs),
      budget: r.total_budget,
      disbursed: r.disbursed,
      disbursedPct: pct(satang(r.disbursed), satang(r.total_budget)),
      physicalPct: r.physical === null ? null : Number(r.physical),
      sourceAmount: r.source_amount,
    })),
  };
  // a page past the end still reports how many there are
  async function countOnly(): Promise<number> {
    const [c] = rowsOf<{ n: number }>(await ctx.db.execute(sql`
      select count(*)::int as n from projects p where ${sql.join(where, sql` and `)}`));
    return c?.n ?? 0;
  }
}
