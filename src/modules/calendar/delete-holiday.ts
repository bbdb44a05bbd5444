import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { publicHolidays } from "./tables.js";

/** Removes a public holiday entered by mistake. */
export async function deleteHoliday({ ctx, input }: { ctx: Ctx; input: { date: string } }): Promise<void> {
  await requirePermission(ctx, "calendar:holiday.write", NATION);
  await withTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(publicHolidays).where(eq(publicHolidays.date, input.date)).limit(1);
    if (!before) throw new NotFoundError("holiday", input.date);
    await tx.db.delete(publicHolidays).where(eq(publicHolidays.date, input.date));
    await writeAudit(tx, { action: "calendar.holiday.delete", entityType: "holiday", entityId: input.date, before: { date: before.date, nameTh: before.nameTh, nameEn: before.nameEn, source: before.source } });
  });
}
