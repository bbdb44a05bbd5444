import { asc, eq, inArray } from "drizzle-orm";
import { hasPermission, requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import type { MeetingView } from "./contracts.js";
import { linkLabels } from "./agenda.js";
import { actionItemViews, committeeScope, meetingSummary, requireMeeting, seatViews, today } from "./load.js";
import { committeeActionItems, committeeAgendaItems, committeeResolutions, committeeSeats, committeeVotes } from "./tables.js";

/** A meeting as its minutes read: the agenda in order (follow-ups with their action item), resolutions with every seat's vote, and the action items it raised. */
export async function getMeeting({ ctx, id }: { ctx: Ctx; id: string }): Promise<MeetingView> {
  const { meeting, committee } = await requireMeeting(ctx, id);
  const scope = committeeScope(committee);
  await requirePermission(ctx, "committees:read", scope);
  const [items, resolutions, seats, raised, mayRunMeeting] = await Promise.all([
    ctx.db.select().from(committeeAgendaItems).where(eq(committeeAgendaItems.meetingId, meeting.id)).orderBy(asc(committeeAgendaItems.position)),
    ctx.db.select().from(committeeResolutions).where(eq(committeeResolutions.meetingId, meeting.id)).orderBy(asc(committeeResolutions.createdAt), asc(committeeResolutions.id)),
    ctx.db.select().from(committeeSeats).where(eq(committeeSeats.committeeId, committee.id)),
    ctx.db.select().from(committeeActionItems).where(eq(committeeActionItems.meetingId, meeting.id)).orderBy(asc(committeeActionItems.dueOn)),
    hasPermission(ctx, "committees:meeting.run", scope),
  ]);
  const votes = resolutions.length ? await ctx.db.select().from(committeeVotes).where(inArray(committeeVotes.resolutionId, resolutions.map((r) => r.id))) : [];
  const followed = items.flatMap((i) => (i.actionItemId ? [i.actionItemId] : []));
  const followedRows = followed.length ? await ctx.db.select().from(committeeActionItems).where(inArray(committeeActionItems.id, followed)) : [];
  const [followedViews, raisedViews, links, seatList] = await Promise.all([
    actionItemViews(ctx, followedRows),
    actionItemViews(ctx, raised),
    linkLabels(ctx, items.flatMap((i) => (i.linkType && i.linkId ? [{ type: i.linkType as "kpi", id: i.linkId }] : []))),
    seatViews(ctx, seats),
  ]);
  const seatById = new Map(seatList.map((s) => [s.id, s]));
  const followedById = new Map(followedViews.map((a) => [a.id, a]));
  return {
    ...meetingSummary(meeting),
    committeeId: committee.id,
    committeeNameTh: committee.nameTh,
    committeeNameEn: committee.nameEn,
    provinceCode: committee.provinceCode,
    minutesTh: meeting.minutesTh,
    minutesEn: meeting.minutesEn,
    agenda: items.map((i) => ({
      id: i.id,
      position: i.position,
      kind: i.kind as MeetingView["agenda"][number]["kind"],
      titleTh: i.titleTh,
      titleEn: i.titleEn,
      link: i.linkType && i.linkId ? (links.get(`${i.linkType}:${i.linkId}`) ?? { type: i.linkType as "kpi", id: i.linkId, label: i.linkId, labelEn: "", status: null, href: null, provinceCode: null }) : null,
      followsUp: i.actionItemId ? (followedById.get(i.actionItemId) ?? null) : null,
      resolutions: resolutions
        .filter((r) => r.agendaItemId === i.id)
        .map((r) => ({
          id: r.id,
          textTh: r.textTh,
          textEn: r.textEn,
          outcome: r.outcome as "noted",
          votesFor: r.votesFor,
          votesAgainst: r.votesAgainst,
          abstentions: r.abstentions,
          votes: votes
            .filter((v) => v.resolutionId === r.id)
            .map((v) => ({ seatId: v.seatId, holderNameTh: seatById.get(v.seatId)?.holderNameTh ?? "", holderNameEn: seatById.get(v.seatId)?.holderNameEn ?? "", vote: v.vote as "for" })),
        })),
    })),
    actionItems: raisedViews,
    seats: seatList,
    mayRunMeeting,
    underway: meeting.status === "held" || (meeting.status === "scheduled" && meeting.scheduledOn <= today(ctx)),
  };
}
