import { and, desc, eq, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { hasPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { ListPersonnelActionsInput, type PersonnelActionView } from "./contracts-personnel.js";
import { personnelActionViews, requireStaff } from "./personnel-rules.js";
import { personnelActions } from "./tables.js";

const READ = "delegation:personnel.read" as const;

/**
 * Personnel actions by kind, province, route and period, newest first. National staff read every province's;
 * others those of the provinces their grants reach, and a ministry's or department's officers those touching its offices.
 */
export async function listPersonnelActions({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListPersonnelActionsInput> }): Promise<{ items: PersonnelActionView[]; total: number }> {
  const scopes = requireStaff(ctx, READ);
  const i = parseInput(ListPersonnelActionsInput, input);
  if (i.from && i.to && i.to < i.from) throw new ValidationError([{ path: "to", code: "delegation.period-order", messageTh: "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น", messageEn: "The end of the period may not come before its start" }]);
  const where: SQL[] = [];
  if (scopes !== null) {
    const reach: SQL[] = [];
    const provinces = await ctx.db.selectDistinct({ p: personnelActions.provinceCode }).from(personnelActions);
    const readable: string[] = [];
    for (const { p } of provinces) if (await hasPermission(ctx, READ, { kind: "area", id: `province:${p}` })) readable.push(p);
    if (readable.length) reach.push(inArray(personnelActions.provinceCode, readable));
    if (scopes.some((s) => s.startsWith("org:"))) {
      const orgRows = await ctx.db.execute(sql`select distinct o from (select from_org_id as o from personnel_actions union select to_org_id from personnel_actions) x where o is not null`);
      const orgs: string[] = [];
      for (const { o } of rowsOf<{ o: string }>(orgRows)) if (await hasPermission(ctx, READ, { kind: "org", id: o })) orgs.push(o);
      if (orgs.length) reach.push(inArray(personnelActions.fromOrgId, orgs), inArray(personnelActions.toOrgId, orgs));
    }
    if (!reach.length) return { items: [], total: 0 };
    where.push(or(...reach)!);
  }
  if (i.kind) where.push(eq(personnelActions.kind, i.kind));
  if (i.provinceCode) where.push(eq(personnelActions.provinceCode, i.provinceCode));
  if (i.route) where.push(eq(personnelActions.route, i.route));
  if (i.from) where.push(gte(personnelActions.effectiveOn, i.from));
  if (i.to) where.push(lte(personnelActions.effectiveOn, i.to));
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(personnelActions).where(cond)) as [{ n: number }];
  const rows = await ctx.db.select().from(personnelActions).where(cond).orderBy(desc(personnelActions.effectiveOn), desc(personnelActions.createdAt), desc(personnelActions.id)).limit(i.limit).offset(i.offset);
  return { items: await personnelActionViews(ctx, rows), total: Number(n) };
}
