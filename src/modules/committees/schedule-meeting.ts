import { and, eq, max } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, newId, type Ctx } from "../../platform/ctx.js";
import { ConflictError, RuleViolation } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db/unique-violation.js";
import { ScheduleMeetingInput } from "./contracts.js";
import { carryOpenItemsInto } from "./carry-over.js";
import { committeeScope, requireCommittee, requireMeeting } from "./load.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { meetingLabel } from "./rules.js";
import { committeeMeetings } from "./tables.js";

/**
 * Schedules the committee's next meeting, numbered within its fiscal year ("ครั้งที่ 4/2570"). Every action item
 * still open from earlier meetings is put on its agenda as a follow-up, so nothing asked for is forgotten.
 */
export async function scheduleMeeting({ ctx, committeeId, input }: { ctx: Ctx; committeeId: string; input: z.input<typeof ScheduleMeetingInput> }): Promise<{ id: string; label: { th: string; en: string }; carried: number }> {
  const i = ScheduleMeetingInput.parse(input);
  const c = await requireCommittee(ctx, committeeId);
  await requirePermission(ctx, "committees:meeting.run", committeeScope(c));
  if (c.closedAt) throw new RuleViolation("committees.closed", "คณะกรรมการนี้ยุติแล้ว", "This committee has been closed");
  const fiscalYear = fiscalYearOf(i.scheduledOn);
  return withTransaction(ctx, async (tx) => {
    const [same] = await tx.db
      .select({ id: committeeMeetings.id })
      .from(committeeMeetings)
      .where(and(eq(committeeMeetings.committeeId, c.id), eq(committeeMeetings.scheduledOn, i.scheduledOn), eq(committeeMeetings.status, "scheduled")))
      .limit(1);
    if (same) throw new ConflictError("committees.meeting-same-day", "มีการประชุมของคณะกรรมการนี้ในวันดังกล่าวแล้ว", "The committee already has a meeting on that day", { meetingId: same.id });
    const [{ last } = { last: 0 }] = await tx.db
      .select({ last: max(committeeMeetings.number) })
      .from(committeeMeetings)
      .where(and(eq(committeeMeetings.committeeId, c.id), eq(committeeMeetings.fiscalYear, fiscalYear)));
    const number = (last ?? 0) + 1;
    const id = newId(tx.now().getTime());
    const row = { id, committeeId: c.id, fiscalYear, number, scheduledOn: i.scheduledOn, place: i.place ?? null, status: "scheduled", createdAt: tx.now(), updatedAt: tx.now() };
    await tx.db.insert(committeeMeetings).values(row);
    const carried = await carryOpenItemsInto(tx, row as typeof committeeMeetings.$inferSelect);
    await writeAudit(tx, { action: "committees.meeting.schedule", entityType: "committee", entityId: c.id, provinceCode: c.provinceCode, after: { ...row, carriedActionItems: carried } });
    return { id, label: meetingLabel(number, fiscalYear), carried: carried.length };
  }).catch((e: unknown) => {
    // two schedulers at once took the same number: the unique index refused the second
    if (isUniqueViolation(e)) throw new ConflictError("committees.meeting-number-taken", "มีผู้นัดประชุมพร้อมกัน กรุณาลองใหม่", "Someone scheduled a meeting at the same moment; please try again");
    throw e;
  });
}

/** Cancels a meeting that has not been held (its number stays used; open action items go to the next meeting). */
export async function cancelMeeting({ ctx, meetingId }: { ctx: Ctx; meetingId: string }): Promise<void> {
  const { meeting, committee } = await requireMeeting(ctx, meetingId);
  await requirePermission(ctx, "committees:meeting.run", committeeScope(committee));
  if (meeting.status !== "scheduled") throw new ConflictError("committees.meeting-not-scheduled", "ยกเลิกได้เฉพาะการประชุมที่ยังไม่ได้จัด", "Only a meeting not yet held can be cancelled", { status: meeting.status });
  await withTransaction(ctx, async (tx) => {
    await tx.db.update(committeeMeetings).set({ status: "cancelled", updatedAt: tx.now() }).where(and(eq(committeeMeetings.id, meeting.id), eq(committeeMeetings.status, "scheduled")));
    await writeAudit(tx, { action: "committees.meeting.cancel", entityType: "committee", entityId: committee.id, provinceCode: committee.provinceCode, before: meeting, after: { ...meeting, status: "cancelled" } });
  });
}
