import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { CreatePilotProgrammeInput, type PilotProgrammeSummary } from "./contracts.js";
import { PROGRAMME_SCOPE } from "./pilot-rules.js";
import { pilotProgrammes } from "./tables.js";

/** Creates a pilot programme: its code, names, the period observed and the day the model starts in the pilot provinces. */
export async function createProgramme({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreatePilotProgrammeInput> & { id?: string; isDemo?: boolean } }): Promise<PilotProgrammeSummary> {
  const i = parseInput(CreatePilotProgrammeInput, input);
  await requirePermission(ctx, "performance:pilot.write", PROGRAMME_SCOPE);
  if (!(i.periodStart < i.treatmentStart)) {
    throw new ValidationError([{ path: "treatmentStart", code: "performance.pilot.period-order", messageTh: "วันเริ่มโครงการต้องอยู่หลังวันเริ่มช่วงเวลาที่ติดตาม (ต้องมีข้อมูลก่อนเริ่มโครงการไว้เปรียบเทียบ)", messageEn: "The treatment start must come after the start of the observed period (there must be a before to compare with)" }]);
  }
  if (!(i.treatmentStart <= i.periodEnd)) {
    throw new ValidationError([{ path: "periodEnd", code: "performance.pilot.period-order", messageTh: "วันสิ้นสุดช่วงเวลาที่ติดตามต้องไม่ก่อนวันเริ่มโครงการ", messageEn: "The observed period must not end before the treatment starts" }]);
  }
  return withTransaction(ctx, async (tx) => {
    const [dup] = await tx.db.select({ id: pilotProgrammes.id }).from(pilotProgrammes).where(eq(pilotProgrammes.code, i.code)).limit(1);
    if (dup) throw new ConflictError("performance.pilot.code-taken", `มีโครงการนำร่องรหัส ${i.code} อยู่แล้ว`, `Pilot programme code ${i.code} is already used`);
    const id = input.id ?? newId();
    const [row] = await tx.db
      .insert(pilotProgrammes)
      .values({ id, code: i.code, nameTh: i.nameTh, nameEn: i.nameEn, descriptionTh: i.descriptionTh ?? null, descriptionEn: i.descriptionEn ?? null, periodStart: i.periodStart, periodEnd: i.periodEnd, treatmentStart: i.treatmentStart, isDemo: input.isDemo ?? false, createdAt: tx.now(), updatedAt: tx.now() })
      .returning();
    const out: PilotProgrammeSummary = { id, code: row!.code, nameTh: row!.nameTh, nameEn: row!.nameEn, periodStart: row!.periodStart, periodEnd: row!.periodEnd, treatmentStart: row!.treatmentStart, pilots: 0, comparisons: 0, outcomes: 0, isDemo: row!.isDemo };
    await writeAudit(tx, { action: "performance.pilot.create", entityType: "pilot-programme", entityId: id, after: out });
    return out;
  });
}
