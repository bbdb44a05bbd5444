import { and, asc, gte, lte } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ListHolidaysInput, type Holiday } from "./contracts.js";
import { publicHolidays } from "./tables.js";

/** Public holidays, optionally for one calendar year (C.E. or B.E. accepted). */
export async function listHolidays({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListHolidaysInput> }): Promise<Holiday[]> {
  await requirePermission(ctx, "calendar:read", NATION);
  const i = ListHolidaysInput.parse(input);
  const year = i.year ? (i.year > 2400 ? i.year - 543 : i.year) : undefined;
  const where = year ? and(gte(publicHolidays.date, `${year}-01-01`), lte(publicHolidays.date, `${year}-12-31`)) : undefined;
  const rows = await ctx.db.select().from(publicHolidays).where(where).orderBy(asc(publicHolidays.date));
  return rows.map((r) => ({ date: r.date, nameTh: r.nameTh, nameEn: r.nameEn, source: r.source }));
}

/** The holiday dates as a set, for deadline arithmetic (platform/thai addBusinessDays). */
export async function holidaySet(ctx: Ctx): Promise<Set<string>> {
  const rows = await ctx.db.select({ d: publicHolidays.date }).from(publicHolidays);
  return new Set(rows.map((r) => r.d));
}
