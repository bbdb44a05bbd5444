import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { isIsoDate } from "../../platform/thai/index.js";
import { UpsertHolidayInput, type Holiday } from "./contracts.js";
import { publicHolidays } from "./tables.js";

/** Adds or renames a public holiday (national administrators); deadlines counted in business days follow it. */
export async function upsertHoliday({ ctx, input }: { ctx: Ctx; input: z.input<typeof UpsertHolidayInput> }): Promise<Holiday> {
  const i = UpsertHolidayInput.parse(input);
  if (!isIsoDate(i.date)) throw new ValidationError([{ path: "date", code: "date.invalid", messageTh: "วันที่ไม่มีอยู่จริง", messageEn: "No such date" }]);
  await requirePermission(ctx, "calendar:holiday.write", NATION);
  return withTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(publicHolidays).where(eq(publicHolidays.date, i.date)).limit(1);
    const values = { date: i.date, nameTh: i.nameTh, nameEn: i.nameEn, source: i.source ?? null };
    if (before) await tx.db.update(publicHolidays).set({ ...values, updatedAt: tx.now() }).where(eq(publicHolidays.date, i.date));
    else await tx.db.insert(publicHolidays).values({ ...values, createdAt: tx.now(), updatedAt: tx.now() });
    await writeAudit(tx, {
      action: before ? "calendar.holiday.update" : "calendar.holiday.create",
      entityType: "holiday",
      entityId: i.date,
      before: before ? { date: before.date, nameTh: before.nameTh, nameEn: before.nameEn, source: before.source } : null,
      after: values,
    });
    return values;
  });
}
