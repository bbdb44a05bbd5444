import { and, asc, desc, eq, gt, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { hasPermission, scopesFor } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { noticeViews } from "./budget-presenters.js";
import { ListAllocationNoticesInput, type AllocationNoticeList } from "./contracts-budget.js";
import { allocationNotices as an } from "./tables.js";

/**
 * Allocation notices a reader may see: those sent to a province their grant covers, or sent by an organisation
 * it covers (a department sees everything it sent). Filters (year, province, sender, late only), sort, paging.
 */
export async function listAllocationNotices({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListAllocationNoticesInput> }): Promise<AllocationNoticeList> {
  const scopes = scopesFor(ctx, "planning:read");
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("planning:read");
  }
  const i = parseInput(ListAllocationNoticesInput, input);
  const where: SQL[] = [];
  if (scopes !== null) {
    const reach = await readable(ctx, i.fiscalYear);
    if (!reach) return { items: [], total: 0 };
    where.push(reach);
  }
  if (i.fiscalYear) where.push(eq(an.fiscalYear, i.fiscalYear));
  if (i.provinceCode) where.push(eq(an.provinceCode, i.provinceCode));
  if (i.fromOrgId) where.push(eq(an.fromOrgId, i.fromOrgId));
  if (i.late === true) where.push(gt(an.daysLate, 0));
  if (i.late === false) where.push(eq(an.daysLate, 0));
  if (i.q) {
    const q = `%${i.q.replace(/[%_\\]/g, "")}%`;
    where.push(or(ilike(an.referenceTh, q), ilike(an.fromOrgId, q))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const order = { notified: [asc(an.notifiedOn)], "-notified": [desc(an.notifiedOn)], late: [asc(an.daysLate)], "-late": [desc(an.daysLate)], total: [asc(an.total)], "-total": [desc(an.total)] }[i.sort];
  const rows = await ctx.db.select().from(an).where(cond).orderBy(...order, asc(an.id)).limit(i.limit).offset(i.offset);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(an).where(cond)) as [{ n: number }];
  return { items: await noticeViews(ctx, rows), total: Number(n) };
}

/** Provinces and senders the reader's grants reach, checked against those present. */
async function readable(ctx: Ctx, fiscalYear?: number): Promise<SQL | null> {
  const fy = fiscalYear ? eq(an.fiscalYear, fiscalYear) : undefined;
  const provinces: string[] = [];
  for (const { p } of await ctx.db.selectDistinct({ p: an.provinceCode }).from(an).where(fy)) if (await hasPermission(ctx, "planning:read", provinceScope(p))) provinces.push(p);
  const senders: string[] = [];
  for (const { o } of await ctx.db.selectDistinct({ o: an.fromOrgId }).from(an).where(fy)) if (await hasPermission(ctx, "planning:read", { kind: "org", id: o })) senders.push(o);
  const parts: SQL[] = [];
  if (provinces.length) parts.push(inArray(an.provinceCode, provinces));
  if (senders.length) parts.push(inArray(an.fromOrgId, senders));
  return parts.length ? or(...parts)! : null;
}
