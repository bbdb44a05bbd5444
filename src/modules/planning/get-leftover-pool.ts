import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { requireProvince } from "../registry/index.js";
import { LeftoverPoolInput, type LeftoverPool } from "./contracts-funds.js";
import { bahtText, leftoverViews, reallocationViews, sumSatang } from "./funds-rules.js";
import { mayReadPlanningHistory } from "./history-scopes.js";
import { leftoverFunds, leftoverReallocations } from "./tables.js";

/** The province's pool of leftover funds, by agency (recorded and still unallocated), with the reallocations made. */
export async function getLeftoverPool({ ctx, input }: { ctx: Ctx; input: LeftoverPoolInput }): Promise<LeftoverPool> {
  const i = parseInput(LeftoverPoolInput, input);
  await requireProvince(ctx, i.provinceCode);
  await requirePermission(ctx, "planning:read", provinceScope(i.provinceCode));
  const where: SQL[] = [eq(leftoverFunds.provinceCode, i.provinceCode)];
  if (i.fiscalYear) where.push(eq(leftoverFunds.fiscalYear, i.fiscalYear));
  const rows = await ctx.db.select().from(leftoverFunds).where(and(...where)).orderBy(asc(leftoverFunds.agencyId), desc(leftoverFunds.recordedOn), asc(leftoverFunds.id));
  const views = await leftoverViews(ctx, rows);
  const byAgency = new Map<string, typeof views>();
  for (const v of views) byAgency.set(v.agency.id, [...(byAgency.get(v.agency.id) ?? []), v]);
  const reallocs = rows.length ? await ctx.db.select().from(leftoverReallocations).where(inArray(leftoverReallocations.fundId, rows.map((r) => r.id))).orderBy(desc(leftoverReallocations.createdAt)) : [];
  return {
    provinceCode: i.provinceCode,
    fiscalYear: i.fiscalYear ?? null,
    agencies: [...byAgency.values()].map((funds) => ({ agency: funds[0]!.agency, amount: bahtText(sumSatang(funds.map((f) => f.amount))), remaining: bahtText(sumSatang(funds.map((f) => f.remaining))), funds })),
    total: bahtText(sumSatang(rows.map((r) => r.amount))),
    remaining: bahtText(sumSatang(rows.map((r) => r.remaining))),
    reallocations: await reallocationViews(ctx, reallocs),
    // every fund of the pool lies in the province (one of its history scopes)
    may: { history: await mayReadPlanningHistory(ctx, [provinceScope(i.provinceCode)]) },
  };
}
