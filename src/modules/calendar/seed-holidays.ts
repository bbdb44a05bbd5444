import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { readSeedJson } from "../../platform/paths.js";
import { publicHolidays } from "./tables.js";

/** Loads the seed holiday calendar into an empty table. */
export async function seedHolidays({ ctx }: { ctx: Ctx; input?: unknown }): Promise<number> {
  await requirePermission(ctx, "calendar:holiday.write", NATION);
  const data = readSeedJson<{ source: string; holidays: { date: string; nameTh: string; nameEn: string }[] }>("reference", "holidays.json");
  return withTransaction(ctx, async (tx) => {
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(publicHolidays)) as [{ n: number }];
    if (n > 0) return 0;
    await tx.db.insert(publicHolidays).values(data.holidays.map((h) => ({ ...h, source: "seed: Cabinet holiday announcements (verify yearly)" })));
    await writeAudit(tx, { action: "calendar.holiday.seed", entityType: "holiday", entityId: "seed", after: { count: data.holidays.length } });
    return data.holidays.length;
  });
}
