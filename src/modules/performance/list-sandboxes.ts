import { and, asc, eq, gte, lt, lte, ne, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { addDays } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import { ListSandboxesInput, type SandboxSummary } from "./contracts.js";
import { sandboxSummary } from "./pilot-presenters.js";
import { provinceNames, requireStaffRead, todayOf } from "./pilot-rules.js";
import { sandboxes } from "./tables.js";

/** Lists sandboxes by province and status (active, expired — past expiry and not ended —, ended), soonest expiry first. */
export async function listSandboxes({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListSandboxesInput> }): Promise<{ items: SandboxSummary[]; total: number }> {
  requireStaffRead(ctx);
  const i = parseInput(ListSandboxesInput, input);
  const today = todayOf(ctx);
  const where: SQL[] = [];
  if (i.provinceCode) where.push(eq(sandboxes.provinceCode, i.provinceCode));
  if (i.status === "ended") where.push(eq(sandboxes.status, "ended"));
  if (i.status === "expired") where.push(ne(sandboxes.status, "ended"), lt(sandboxes.expiresOn, today));
  if (i.status === "active") where.push(ne(sandboxes.status, "ended"), gte(sandboxes.expiresOn, today));
  const cond = where.length ? and(...where) : undefined;
  const rows = await ctx.db.select().from(sandboxes).where(cond).orderBy(asc(sandboxes.expiresOn), asc(sandboxes.id)).limit(i.limit).offset(i.offset);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(sandboxes).where(cond)) as [{ n: number }];
  const names = await provinceNames(ctx, rows.map((r) => r.provinceCode));
  return { items: rows.map((r) => sandboxSummary(r, today, names)), total: n };
}

/**
 * For the scheduled reminder: sandboxes not ended whose expiry falls within the next `days` days (today
 * included), soonest first; with `includeExpired`, also those already past expiry and never ended.
 */
export async function sandboxesExpiringWithin(ctx: Ctx, days: number, opts: { includeExpired?: boolean } = {}): Promise<SandboxSummary[]> {
  await requirePermission(ctx, "performance:read", NATION);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`sandboxesExpiringWithin: days must be a whole number ≥ 0, got ${days}`);
  const today = todayOf(ctx);
  const until = addDays(today, days);
  const rows = await ctx.db
    .select()
    .from(sandboxes)
    .where(and(ne(sandboxes.status, "ended"), lte(sandboxes.expiresOn, until), opts.includeExpired ? undefined : gte(sandboxes.expiresOn, today)))
    .orderBy(asc(sandboxes.expiresOn), asc(sandboxes.id));
  const names = await provinceNames(ctx, rows.map((r) => r.provinceCode));
  return rows.map((r) => sandboxSummary(r, today, names));
}
