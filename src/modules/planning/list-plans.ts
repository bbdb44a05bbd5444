import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ListPlansInput, type PlanList } from "./contracts-plans.js";
import { planSummaries } from "./plan-presenters.js";
import { requirePlanReader } from "./plan-rules.js";
import { plans } from "./tables.js";

/** Plans by fiscal year, level, province and status (the province's published One Plan: any staff reads the list). */
export async function listPlans({ ctx, input }: { ctx: Ctx; input: ListPlansInput }): Promise<PlanList> {
  const i = parseInput(ListPlansInput, input);
  requirePlanReader(ctx);
  const where: SQL[] = [];
  if (i.fiscalYear) where.push(eq(plans.fiscalYear, i.fiscalYear));
  if (i.level) where.push(eq(plans.level, i.level));
  if (i.provinceCode) where.push(eq(plans.provinceCode, i.provinceCode));
  if (i.status) where.push(eq(plans.status, i.status));
  if (i.q) {
    const like = `%${i.q.replace(/[%_\\]/g, "")}%`;
    where.push(or(ilike(plans.titleTh, like), ilike(plans.titleEn, like), ilike(plans.areaId, like))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(plans).where(cond)) as [{ n: number }];
  const levelOrder = sql`case ${plans.level} when 'cluster' then 0 when 'province' then 1 when 'district' then 2 else 3 end`;
  const rows = await ctx.db.select().from(plans).where(cond).orderBy(desc(plans.fiscalYear), asc(plans.provinceCode), levelOrder, asc(plans.areaId)).limit(i.pageSize).offset((i.page - 1) * i.pageSize);
  return { items: await planSummaries(ctx, rows), total: n, page: i.page, pageSize: i.pageSize };
}
