import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ListEmergencyInput, type EmergencyList } from "./contracts-funds.js";
import { emergencyViews } from "./emergency-rules.js";
import { readableProvinces } from "./funds-rules.js";
import { emergencyRequests as er } from "./tables.js";

/** Emergency central-fund requests the actor's grants reach: filter by province, year, status, deputy PM; search; sort; pages. */
export async function listEmergencyRequests({ ctx, input }: { ctx: Ctx; input: ListEmergencyInput }): Promise<EmergencyList> {
  const i = parseInput(ListEmergencyInput, input);
  const where: SQL[] = [];
  if (i.provinceCode) {
    await requirePermission(ctx, "planning:read", provinceScope(i.provinceCode));
    where.push(eq(er.provinceCode, i.provinceCode));
  } else {
    await requirePermission(ctx, "planning:read", []);
    const present = (await ctx.db.selectDistinct({ p: er.provinceCode }).from(er)).map((r) => r.p);
    const mine = await readableProvinces(ctx, "planning:read", present);
    if (mine !== null) where.push(mine.length ? inArray(er.provinceCode, mine) : eq(er.id, "∅"));
  }
  if (i.fiscalYear) where.push(eq(er.fiscalYear, i.fiscalYear));
  if (i.status) where.push(eq(er.status, i.status));
  if (i.deputyPmPostId) where.push(eq(er.deputyPmPostId, i.deputyPmPostId));
  if (i.q) {
    const like = `%${i.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(er.titleTh, like), ilike(er.justificationTh, like), ilike(er.id, like))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const order = { submitted: [asc(er.submittedOn)], "-submitted": [desc(er.submittedOn)], amount: [asc(er.amount)], "-amount": [desc(er.amount)] }[i.sort];
  const rows = await ctx.db.select().from(er).where(cond).orderBy(...order, asc(er.id)).limit(i.limit).offset(i.offset);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(er).where(cond);
  return { items: await emergencyViews(ctx, rows), total: Number(n) };
}
