import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { scopesFor } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { ListKpisInput, type KpiSummary } from "./contracts.js";
import { kpiSummary } from "./presenters.js";
import { kpis } from "./tables.js";

/** Lists KPIs by province, level or owner; staff only (each KPI page checks its own scope). */
export async function listKpis({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListKpisInput> }): Promise<{ items: KpiSummary[]; total: number }> {
  const scopes = scopesFor(ctx, "performance:read");
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("performance:read");
  }
  const i = ListKpisInput.parse(input);
  const where: SQL[] = [];
  if (i.provinceCode) where.push(eq(kpis.provinceCode, i.provinceCode));
  if (i.level) where.push(eq(kpis.level, i.level));
  if (i.ownerOrgId) where.push(eq(kpis.ownerOrgId, i.ownerOrgId));
  const cond = where.length ? and(...where) : undefined;
  const rows = await ctx.db.select().from(kpis).where(cond).orderBy(asc(kpis.provinceCode), asc(kpis.code)).limit(i.limit).offset(i.offset);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(kpis).where(cond)) as [{ n: number }];
  return { items: rows.map(kpiSummary), total: n };
}
