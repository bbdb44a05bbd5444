import { and, eq, gt, inArray } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission, requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, newId, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.js";
import { lookupOrganization } from "../registry/index.js";
import { AddActionItemInput, UpdateActionItemInput } from "./contracts.js";
import { carryOpenItemsInto, nextMeetingAfter } from "./carry-over.js";
import { committeeScope, requireCommittee, requireMeeting, requireMeetingUnderway, today } from "./load.js";
import { committeeActionItems, committeeAgendaItems, committeeMeetings } from "./tables.js";

/**
 * Records what the meeting asked an organisation to do by a date. The item comes back as a follow-up on the
 * committee's next meeting (at once when that meeting is already scheduled) and on every one after until done.
 */
export async function addActionItem({ ctx, meetingId, input }: { ctx: Ctx; meetingId: string; input: z.input<typeof AddActionItemInput> }): Promise<{ id: string; carriedTo: string | null }> {
  const i = AddActionItemInput.parse(input);
  const { meeting, committee } = await requireMeeting(ctx, meetingId);
  await requirePermission(ctx, "committees:meeting.run", committeeScope(committee));
  requireMeetingUnderway(ctx, meeting);
  if (i.agendaItemId) {
    const [item] = await ctx.db.select({ meetingId: committeeAgendaItems.meetingId }).from(committeeAgendaItems).where(eq(committeeAgendaItems.id, i.agendaItemId)).limit(1);
    if (!item || item.meetingId !== meeting.id) throw new NotFoundError("agenda-item", i.agendaItemId);
  }
  const owner = await lookupOrganization(ctx, i.ownerOrgId);
  if (!owner) throw new ValidationError([{ path: "ownerOrgId", code: "organization.unknown", messageTh: "ไม่พบหน่วยงานนี้ในทะเบียน", messageEn: "No such organisation in the registry" }]);
  if (i.dueOn < meeting.scheduledOn) throw new ValidationError([{ path: "dueOn", code: "action-item.due-before-meeting", messageTh: "กำหนดเสร็จต้องไม่ก่อนวันประชุม", messageEn: "The due date cannot be before the meeting" }]);
  return withTransaction(ctx, async (tx) => {
    const id = newId(tx.now().getTime());
    const row = { id, committeeId: committee.id, meetingId: meeting.id, agendaItemId: i.agendaItemId ?? null, titleTh: i.titleTh, titleEn: i.titleEn ?? "", ownerOrgId: owner.id, dueOn: i.dueOn, status: "open", createdAt: tx.now(), updatedAt: tx.now() };
    await tx.db.insert(committeeActionItems).values(row);
    const next = await nextMeetingAfter(tx, meeting);
    if (next) await carryOpenItemsInto(tx, next);
    await emitEvent(tx, { type: "committee.action-item-added", provinceCode: committee.provinceCode, entityType: "committee", entityId: committee.id, isDemo: committee.isDemo, data: { committee: { id: committee.id, kind: committee.kind, provinceCode: committee.provinceCode }, actionItem: { id, meetingId: meeting.id, agendaItemId: row.agendaItemId, ownerOrgId: owner.id, dueOn: i.dueOn, status: "open", carriedTo: next?.id ?? null } } });
    await writeAudit(tx, { action: "committees.action-item.add", entityType: "committee", entityId: committee.id, provinceCode: committee.provinceCode, after: { ...row, carriedTo: next?.id ?? null } });
    return { id, carriedTo: next?.id ?? null };
  });
}

/** The owner organisation (or the governor's office) reports progress or marks the item done; the office drops it or takes a dropped one back up. */
export async function updateActionItem({ ctx, actionItemId, input }: { ctx: Ctx; actionItemId: string; input: z.input<typeof UpdateActionItemInput> }): Promise<void> {
  const i = UpdateActionItemInput.parse(input);
  const [item] = await ctx.db.select().from(committeeActionItems).where(eq(committeeActionItems.id, actionItemId)).limit(1);
  if (!item) throw new NotFoundError("action-item", actionItemId);
  const committee = await requireCommittee(ctx, item.committeeId);
  // dropping an item is the meeting's call, and so is taking a dropped one back up; its owner reports progress and completion
  if (i.status === "dropped" || item.status === "dropped") await requirePermission(ctx, "committees:meeting.run", committeeScope(committee));
  else await requireAnyPermission(ctx, "committees:action.report", [committeeScope(committee), { kind: "org", id: item.ownerOrgId }]);
  if (item.status !== "open" && i.status !== "open") throw new ConflictError("committees.action-item-closed", "เรื่องนี้ปิดแล้ว", "This action item is already closed", { status: item.status });
  await withTransaction(ctx, async (tx) => {
    const after = { status: i.status, progressTh: i.progressTh ?? item.progressTh, closedOn: i.status === "open" ? null : today(tx), updatedAt: tx.now() };
    await tx.db.update(committeeActionItems).set(after).where(eq(committeeActionItems.id, item.id));
    // closed: it no longer waits on the agendas of meetings still to come; reopened: it goes back on the next one
    const upcoming = await tx.db
      .select({ id: committeeMeetings.id })
      .from(committeeMeetings)
      .where(and(eq(committeeMeetings.committeeId, committee.id), eq(committeeMeetings.status, "scheduled"), gt(committeeMeetings.scheduledOn, today(tx))));
    let withdrawnFrom: string[] = [];
    if (i.status !== "open" && upcoming.length) {
      const gone = await tx.db
        .delete(committeeAgendaItems)
        .where(and(eq(committeeAgendaItems.actionItemId, item.id), inArray(committeeAgendaItems.meetingId, upcoming.map((m) => m.id))))
        .returning({ meetingId: committeeAgendaItems.meetingId });
      withdrawnFrom = gone.map((g) => g.meetingId);
    }
    if (i.status === "open" && item.status !== "open") {
      const [origin] = await tx.db.select().from(committeeMeetings).where(eq(committeeMeetings.id, item.meetingId)).limit(1);
      const next = origin ? await nextMeetingAfter(tx, origin) : null;
      if (next) await carryOpenItemsInto(tx, next);
    }
    await emitEvent(tx, { type: "committee.action-item-updated", provinceCode: committee.provinceCode, entityType: "committee", entityId: committee.id, isDemo: committee.isDemo, data: { committee: { id: committee.id, kind: committee.kind, provinceCode: committee.provinceCode }, actionItem: { id: item.id, meetingId: item.meetingId, ownerOrgId: item.ownerOrgId, dueOn: item.dueOn, fromStatus: item.status, status: i.status, closedOn: after.closedOn } } });
    await writeAudit(tx, { action: "committees.action-item.update", entityType: "committee", entityId: committee.id, provinceCode: committee.provinceCode, before: item, after: { ...item, ...after, withdrawnFrom } });
  });
}
