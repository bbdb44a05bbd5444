import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ListMatchingInput, type MatchingList } from "./contracts-funds.js";
import { readableProvinces } from "./funds-rules.js";
import { matchingViews } from "./matching-rules.js";
import { matchingFunds as mf, projects } from "./tables.js";

/** Matching funds the actor's grants reach: by province, year and status; search by project; sort; pages. */
export async function listMatchingFunds({ ctx, input }: { ctx: Ctx; input: ListMatchingInput }): Promise<MatchingList> {
  const i = parseInput(ListMatchingInput, input);
  const where: SQL[] = [];
  if (i.provinceCode) {
    await requirePermission(ctx, "planning:read", provinceScope(i.provinceCode));
    where.push(eq(mf.provinceCode, i.provinceCode));
  } else {
    await requirePermission(ctx, "planning:read", []);
    const mine = await readableProvinces(ctx, "planning:read", (await ctx.db.selectDistinct({ p: mf.provinceCode }).from(mf)).map((r) => r.p));
    if (mine !== null) where.push(mine.length ? inArray(mf.provinceCode, mine) : eq(mf.id, "∅"));
  }
  if (i.fiscalYear) where.push(eq(mf.fiscalYear, i.fiscalYear));
  if (i.status) where.push(eq(mf.status, i.status));
  if (i.q) {
    const like = `%${i.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(projects.titleTh, like), ilike(projects.code, like))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const total = sql`${mf.provinceShare} + ${mf.localShare}`;
  const order = { created: [asc(mf.createdAt)], "-created": [desc(mf.createdAt)], total: [asc(total)], "-total": [desc(total)] }[i.sort];
  const rows = await ctx.db.select({ mf }).from(mf).innerJoin(projects, eq(projects.id, mf.projectId)).where(cond).orderBy(...order, asc(mf.id)).limit(i.limit).offset(i.offset);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(mf).innerJoin(projects, eq(projects.id, mf.projectId)).where(cond);
  return { items: await matchingViews(ctx, rows.map((r) => r.mf)), total: Number(n) };
}
