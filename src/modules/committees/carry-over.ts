import { and, asc, eq, gt, inArray, lt, max } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { newId } from "../../platform/ctx.js";
import { committeeActionItems, committeeAgendaItems, committeeMeetings } from "./tables.js";
import type { MeetingRow } from "./load.js";

/**
 * Puts every open action item raised at an earlier meeting of the committee on this meeting's agenda as a
 * follow-up item (once: a unique index on meeting × action item). Runs inside the caller's transaction.
 */
export async function carryOpenItemsInto(tx: Ctx, meeting: MeetingRow): Promise<string[]> {
  const earlier = await tx.db
    .select({ id: committeeMeetings.id })
    .from(committeeMeetings)
    .where(and(eq(committeeMeetings.committeeId, meeting.committeeId), lt(committeeMeetings.scheduledOn, meeting.scheduledOn)));
  if (earlier.length === 0) return [];
  const open = await tx.db
    .select()
    .from(committeeActionItems)
    .where(and(inArray(committeeActionItems.meetingId, earlier.map((m) => m.id)), eq(committeeActionItems.status, "open")))
    .orderBy(asc(committeeActionItems.dueOn), asc(committeeActionItems.id));
  const already = new Set(
    (await tx.db.select({ a: committeeAgendaItems.actionItemId }).from(committeeAgendaItems).where(eq(committeeAgendaItems.meetingId, meeting.id))).map((r) => r.a),
  );
  const toAdd = open.filter((a) => !already.has(a.id));
  if (toAdd.length === 0) return [];
  const [{ last } = { last: 0 }] = await tx.db.select({ last: max(committeeAgendaItems.position) }).from(committeeAgendaItems).where(eq(committeeAgendaItems.meetingId, meeting.id));
  let position = last ?? 0;
  await tx.db.insert(committeeAgendaItems).values(
    toAdd.map((a) => ({
      id: newId(tx.now().getTime()),
      meetingId: meeting.id,
      position: ++position,
      kind: "follow_up",
      titleTh: `ติดตามผล: ${a.titleTh}`,
      titleEn: a.titleEn ? `Follow-up: ${a.titleEn}` : "",
      actionItemId: a.id,
      createdAt: tx.now(),
    })),
  );
  return toAdd.map((a) => a.id);
}

/** The committee's next meeting after `meeting` that has not been held (where a new action item is followed up). */
export async function nextMeetingAfter(tx: Ctx, meeting: MeetingRow): Promise<MeetingRow | null> {
  const [next] = await tx.db
    .select()
    .from(committeeMeetings)
    .where(and(eq(committeeMeetings.committeeId, meeting.committeeId), gt(committeeMeetings.scheduledOn, meeting.scheduledOn), eq(committeeMeetings.status, "scheduled")))
    .orderBy(asc(committeeMeetings.scheduledOn))
    .limit(1);
  return next ?? null;
}
