import { asc, desc, eq } from "drizzle-orm";
import { hasPermission, requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import type { CommitteeView } from "./contracts.js";
import { summarise } from "./list-committees.js";
import { actionItemViews, committeeScope, meetingSummary, requireCommittee, seatViews, today } from "./load.js";
import { committeeActionItems, committeeMeetings, committeeSeats } from "./tables.js";

/** A committee with its seats, its meetings (newest first), its action items (open first) and its cadence. */
export async function getCommittee({ ctx, id }: { ctx: Ctx; id: string }): Promise<CommitteeView> {
  const c = await requireCommittee(ctx, id);
  const scope = committeeScope(c);
  await requirePermission(ctx, "committees:read", scope);
  const [seats, meetings, items, [summary], mayManage, mayRunMeetings] = await Promise.all([
    ctx.db.select().from(committeeSeats).where(eq(committeeSeats.committeeId, c.id)),
    ctx.db.select().from(committeeMeetings).where(eq(committeeMeetings.committeeId, c.id)).orderBy(desc(committeeMeetings.scheduledOn)),
    ctx.db.select().from(committeeActionItems).where(eq(committeeActionItems.committeeId, c.id)).orderBy(asc(committeeActionItems.dueOn)),
    summarise(ctx, [c]),
    hasPermission(ctx, "committees:manage", scope),
    hasPermission(ctx, "committees:meeting.run", scope),
  ]);
  const seatList = await seatViews(ctx, seats);
  const day = today(ctx);
  const rank = (s: string) => ["open", "done", "dropped"].indexOf(s);
  const actionItems = (await actionItemViews(ctx, items)).sort((a, b) => rank(a.status) - rank(b.status) || a.dueOn.localeCompare(b.dueOn));
  return {
    ...summary!,
    registryOrgId: c.registryOrgId,
    seats: seatList,
    votingSeats: seatList.filter((s) => s.voting && s.startedOn <= day && (s.endedOn === null || s.endedOn > day)).length,
    meetings: meetings.map(meetingSummary),
    actionItems,
    mayManage,
    mayRunMeetings,
  };
}
