import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ListDelegationsInput, type DelegationView } from "./contracts.js";
import { delegationView, loadNames } from "./presenters.js";
import { todayOf } from "./rules.js";
import { delegations, powers } from "./tables.js";

/**
 * The registry of delegation instruments by province, ministry or power (public: instruments are public orders).
 * A province's list includes the nation-wide instruments that reach it; status is as of `on` (default today).
 */
export async function listDelegations({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListDelegationsInput> }): Promise<{ items: DelegationView[]; total: number; on: string }> {
  const i = parseInput(ListDelegationsInput, input);
  await requirePermission(ctx, "delegation:read", NATION);
  const on = i.on ?? todayOf(ctx);
  const where: SQL[] = [];
  if (i.powerCode) where.push(eq(delegations.powerCode, i.powerCode));
  if (i.provinceCode) where.push(or(eq(delegations.provinceCode, i.provinceCode), isNull(delegations.provinceCode))!);
  if (i.delegateRole) where.push(eq(delegations.delegateRole, i.delegateRole));
  if (i.area || i.ministryId) {
    const pw: SQL[] = [];
    if (i.area) pw.push(eq(powers.area, i.area));
    if (i.ministryId) pw.push(or(eq(powers.centralOrgId, i.ministryId), ilike(powers.centralOrgId, `${i.ministryId.replace(/[%_\\]/g, "")}.%`))!);
    where.push(inArray(delegations.powerCode, ctx.db.select({ c: powers.code }).from(powers).where(and(...pw))));
  }
  if (i.status === "revoked") where.push(sql`${delegations.revokedFrom} <= ${on}`);
  else if (i.status) {
    where.push(sql`(${delegations.revokedFrom} is null or ${delegations.revokedFrom} > ${on})`);
    if (i.status === "in-force") where.push(sql`${delegations.effectiveFrom} <= ${on} and (${delegations.effectiveTo} is null or ${delegations.effectiveTo} >= ${on})`);
    if (i.status === "not-yet") where.push(sql`${delegations.effectiveFrom} > ${on}`);
    if (i.status === "expired") where.push(sql`${delegations.effectiveTo} < ${on}`);
  }
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(delegations).where(cond)) as [{ n: number }];
  const rows = await ctx.db.select().from(delegations).where(cond).orderBy(asc(delegations.powerCode), asc(delegations.rootId), asc(delegations.depth), desc(delegations.effectiveFrom), asc(delegations.id)).limit(i.limit).offset(i.offset);
  const ps = rows.length ? await ctx.db.select().from(powers).where(inArray(powers.code, [...new Set(rows.map((r) => r.powerCode))])) : [];
  const byCode = new Map(ps.map((p) => [p.code, p]));
  const names = await loadNames(ctx, rows);
  return { items: rows.map((r) => delegationView(r, byCode.get(r.powerCode), names, on)), total: Number(n), on };
}
