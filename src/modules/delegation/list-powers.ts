import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ListPowersInput, type PowerView } from "./contracts.js";
import { loadNames, powerView } from "./presenters.js";
import { todayOf } from "./rules.js";
import { delegations, powers } from "./tables.js";

/** The powers catalogue, filtered by area, ministry, central authority or words, with how many instruments are in force today. */
export async function listPowers({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListPowersInput> }): Promise<{ items: PowerView[]; total: number }> {
  const i = parseInput(ListPowersInput, input);
  await requirePermission(ctx, "delegation:read", NATION);
  const where: SQL[] = [];
  if (i.area) where.push(eq(powers.area, i.area));
  if (i.centralOrgId) where.push(eq(powers.centralOrgId, i.centralOrgId));
  if (i.ministryId) where.push(or(eq(powers.centralOrgId, i.ministryId), ilike(powers.centralOrgId, `${i.ministryId.replace(/[%_\\]/g, "")}.%`))!);
  if (i.isPermit !== undefined) where.push(eq(powers.isPermit, i.isPermit));
  if (i.q) {
    const like = `%${i.q.replace(/[%_\\]/g, "")}%`;
    where.push(or(ilike(powers.nameTh, like), ilike(powers.nameEn, like), ilike(powers.code, like), ilike(powers.legalBasisTh, like))!);
  }
  const rows = await ctx.db.select().from(powers).where(where.length ? and(...where) : undefined).orderBy(asc(powers.code));
  const today = todayOf(ctx);
  const counts = await ctx.db
    .select({ code: delegations.powerCode, n: sql<number>`count(*)::int` })
    .from(delegations)
    .where(sql`${delegations.effectiveFrom} <= ${today} and (${delegations.effectiveTo} is null or ${delegations.effectiveTo} >= ${today}) and (${delegations.revokedFrom} is null or ${delegations.revokedFrom} > ${today})`)
    .groupBy(delegations.powerCode);
  const byCode = new Map(counts.map((c) => [c.code, Number(c.n)]));
  const names = await loadNames(ctx, [], rows);
  return { items: rows.map((p) => powerView(p, names, byCode.get(p.code) ?? 0)), total: rows.length };
}
