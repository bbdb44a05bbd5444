import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { ConflictError, ValidationError } from "../../platform/errors.js";
import { HoldMeetingInput } from "./contracts.js";
import { committeeScope, requireMeeting, today } from "./load.js";
import { committeeMeetings } from "./tables.js";

/** Records that the meeting was held, with its minutes (the secretary's record; corrections replace them, audited). */
export async function holdMeeting({ ctx, meetingId, input }: { ctx: Ctx; meetingId: string; input: z.input<typeof HoldMeetingInput> }): Promise<void> {
  const i = HoldMeetingInput.parse(input);
  const { meeting, committee } = await requireMeeting(ctx, meetingId);
  await requirePermission(ctx, "committees:meeting.run", committeeScope(committee));
  if (meeting.status === "cancelled") throw new ConflictError("committees.meeting-cancelled", "การประชุมครั้งนี้ถูกยกเลิกแล้ว", "This meeting was cancelled");
  if (i.heldOn > today(ctx)) throw new ValidationError([{ path: "heldOn", code: "meeting.held-in-future", messageTh: "วันประชุมต้องไม่เป็นวันในอนาคต", messageEn: "A meeting cannot be held in the future" }]);
  await withTransaction(ctx, async (tx) => {
    const after = { status: "held", heldOn: i.heldOn, minutesTh: i.minutesTh, minutesEn: i.minutesEn ?? null, updatedAt: tx.now() };
    await tx.db.update(committeeMeetings).set(after).where(and(eq(committeeMeetings.id, meeting.id)));
    const entry = { entityType: "committee", entityId: committee.id, provinceCode: committee.provinceCode, before: meeting, after: { ...meeting, ...after } };
    if (meeting.status === "held") await writeAudit(tx, { action: "committees.meeting.minutes-correct", ...entry });
    else await writeAudit(tx, { action: "committees.meeting.hold", ...entry });
    // minutes are free text (names of attendees): the event says that and when, the API has the minutes
    await emitEvent(tx, { type: "committee.meeting-held", provinceCode: committee.provinceCode, entityType: "committee", entityId: committee.id, isDemo: committee.isDemo, data: { committee: { id: committee.id, kind: committee.kind, provinceCode: committee.provinceCode }, meeting: { id: meeting.id, fiscalYear: meeting.fiscalYear, number: meeting.number, scheduledOn: meeting.scheduledOn, heldOn: i.heldOn, minutesCorrected: meeting.status === "held" } } });
  });
}
