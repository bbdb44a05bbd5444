import { and, asc, eq, inArray } from "drizzle-orm";
import { provinceScope, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError, RuleViolation } from "../../platform/errors.js";
import { bangkokToday, toCalendarDate } from "../../platform/thai/dates.js";
import { lookupPartners } from "../networks/index.js";
import { lookupOrganizations } from "../registry/index.js";
import type { ActionItemView, MeetingSummary, SeatView } from "./contracts.js";
import { cadenceOf, meetingLabel, type Cadence } from "./rules.js";
import { committeeActionItems, committeeMeetings, committees, committeeSeats } from "./tables.js";

export type CommitteeRow = typeof committees.$inferSelect;
export type MeetingRow = typeof committeeMeetings.$inferSelect;
export type ActionItemRow = typeof committeeActionItems.$inferSelect;

export const committeeScope = (c: { provinceCode: string }): ScopeRef => provinceScope(c.provinceCode);
export const today = (ctx: Ctx) => bangkokToday(ctx.now());

export async function requireCommittee(ctx: Ctx, id: string): Promise<CommitteeRow> {
  const [c] = await ctx.db.select().from(committees).where(eq(committees.id, id)).limit(1);
  if (!c) throw new NotFoundError("committee", id);
  return c;
}

export async function requireMeeting(ctx: Ctx, id: string): Promise<{ meeting: MeetingRow; committee: CommitteeRow }> {
  const [m] = await ctx.db.select().from(committeeMeetings).where(eq(committeeMeetings.id, id)).limit(1);
  if (!m) throw new NotFoundError("meeting", id);
  return { meeting: m, committee: await requireCommittee(ctx, m.committeeId) };
}

/** Decisions and action items belong to a meeting that has taken place (or takes place today), not a cancelled or future one. */
export function requireMeetingUnderway(ctx: Ctx, m: MeetingRow): void {
  if (m.status === "cancelled") throw new RuleViolation("committees.meeting-cancelled", "การประชุมครั้งนี้ถูกยกเลิกแล้ว", "This meeting was cancelled");
  if (m.status === "scheduled" && m.scheduledOn > today(ctx))
    throw new RuleViolation("committees.meeting-not-yet-held", `ยังไม่ถึงวันประชุม (${m.scheduledOn})`, `The meeting has not taken place yet (${m.scheduledOn})`, { scheduledOn: m.scheduledOn });
}

export function meetingSummary(m: MeetingRow): MeetingSummary {
  return {
    id: m.id,
    label: meetingLabel(m.number, m.fiscalYear),
    fiscalYear: m.fiscalYear,
    number: m.number,
    scheduledOn: m.scheduledOn,
    heldOn: m.heldOn,
    status: m.status as MeetingSummary["status"],
    place: m.place,
  };
}

export async function seatViews(ctx: Ctx, rows: (typeof committeeSeats.$inferSelect)[]): Promise<SeatView[]> {
  const [ministries, partners] = await Promise.all([
    lookupOrganizations(ctx, rows.flatMap((r) => (r.ministryId ? [r.ministryId] : []))),
    lookupPartners(ctx, rows.flatMap((r) => (r.partnerId ? [r.partnerId] : []))),
  ]);
  const order = ["chair", "ministry", "private", "civil", "academic", "secretary"];
  return rows
    .map((r) => {
      const min = r.ministryId ? ministries.get(r.ministryId) : undefined;
      const partner = r.partnerId ? partners.get(r.partnerId) : undefined;
      return {
        id: r.id,
        kind: r.kind as SeatView["kind"],
        ministryId: r.ministryId,
        ministryName: min ? { th: min.nameTh, en: min.nameEn } : null,
        holderOrgId: r.holderOrgId,
        partnerId: r.partnerId,
        partnerName: partner ? { th: partner.nameTh, en: partner.nameEn } : null,
        holderNameTh: r.holderNameTh,
        holderNameEn: r.holderNameEn,
        voting: r.voting,
        startedOn: r.startedOn,
        endedOn: r.endedOn,
      };
    })
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.ministryName?.th ?? a.holderNameTh).localeCompare(b.ministryName?.th ?? b.holderNameTh, "th"));
}

export async function activeSeats(ctx: Ctx, committeeId: string) {
  const rows = await ctx.db.select().from(committeeSeats).where(eq(committeeSeats.committeeId, committeeId));
  const day = today(ctx);
  return rows.filter((s) => s.startedOn <= day && (s.endedOn === null || s.endedOn > day));
}

export async function actionItemViews(ctx: Ctx, rows: ActionItemRow[]): Promise<ActionItemView[]> {
  const meetingIds = [...new Set(rows.map((r) => r.meetingId))];
  const meetings = meetingIds.length ? await ctx.db.select().from(committeeMeetings).where(inArray(committeeMeetings.id, meetingIds)) : [];
  const byId = new Map(meetings.map((m) => [m.id, m]));
  const owners = await lookupOrganizations(ctx, rows.map((r) => r.ownerOrgId));
  const day = today(ctx);
  return rows.map((r) => {
    const m = byId.get(r.meetingId);
    const o = owners.get(r.ownerOrgId);
    return {
      id: r.id,
      committeeId: r.committeeId,
      meetingId: r.meetingId,
      meetingLabel: m ? meetingLabel(m.number, m.fiscalYear) : { th: "", en: "" },
      agendaItemId: r.agendaItemId,
      titleTh: r.titleTh,
      titleEn: r.titleEn,
      ownerOrgId: r.ownerOrgId,
      ownerName: o ? { th: o.nameTh, en: o.nameEn } : { th: r.ownerOrgId, en: r.ownerOrgId },
      dueOn: r.dueOn,
      overdue: r.status === "open" && r.dueOn < day,
      status: r.status as ActionItemView["status"],
      progressTh: r.progressTh,
      closedOn: r.closedOn,
    };
  });
}

/** The committee's cadence from the meetings it held. */
export async function cadenceFor(ctx: Ctx, c: CommitteeRow): Promise<Cadence> {
  const held = await ctx.db
    .select({ heldOn: committeeMeetings.heldOn })
    .from(committeeMeetings)
    .where(and(eq(committeeMeetings.committeeId, c.id), eq(committeeMeetings.status, "held")))
    .orderBy(asc(committeeMeetings.heldOn));
  return cadenceOf(c.cadenceDays, held.flatMap((h) => (h.heldOn ? [h.heldOn] : [])), toCalendarDate(c.createdAt), today(ctx));
}
