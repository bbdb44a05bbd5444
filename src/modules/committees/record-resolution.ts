import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, newId, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { NotFoundError, RuleViolation, ValidationError } from "../../platform/errors.js";
import { RecordResolutionInput } from "./contracts.js";
import { activeSeats, committeeScope, requireMeeting, requireMeetingUnderway } from "./load.js";
import { tallyVotes } from "./rules.js";
import { committeeAgendaItems, committeeResolutions, committeeVotes } from "./tables.js";

/**
 * Records a resolution on an agenda item: noted (no votes), or decided by the seats' recorded votes — one vote per
 * voting seat, each counting the same, with a quorum of more than half of the voting seats.
 */
export async function recordResolution({ ctx, meetingId, input }: { ctx: Ctx; meetingId: string; input: z.input<typeof RecordResolutionInput> }): Promise<{ id: string; outcome: "noted" | "adopted" | "rejected" }> {
  const i = RecordResolutionInput.parse(input);
  const { meeting, committee } = await requireMeeting(ctx, meetingId);
  await requirePermission(ctx, "committees:meeting.run", committeeScope(committee));
  requireMeetingUnderway(ctx, meeting);
  const [item] = await ctx.db.select().from(committeeAgendaItems).where(eq(committeeAgendaItems.id, i.agendaItemId)).limit(1);
  if (!item || item.meetingId !== meeting.id) throw new NotFoundError("agenda-item", i.agendaItemId);
  const votes = i.votes ?? [];
  const seats = await activeSeats(ctx, committee.id);
  const voting = new Map(seats.filter((s) => s.voting).map((s) => [s.id, s]));
  const seen = new Set<string>();
  votes.forEach((v, n) => {
    if (seen.has(v.seatId)) throw new ValidationError([{ path: `votes.${n}.seatId`, code: "vote.twice", messageTh: "ที่นั่งหนึ่งลงคะแนนได้หนึ่งเสียง", messageEn: "A seat has one vote" }]);
    seen.add(v.seatId);
    if (!voting.has(v.seatId)) throw new ValidationError([{ path: `votes.${n}.seatId`, code: "vote.not-a-voting-seat", messageTh: "ไม่ใช่ที่นั่งที่มีสิทธิ์ออกเสียงของคณะกรรมการนี้", messageEn: "Not a voting seat of this committee" }]);
  });
  let tally: ReturnType<typeof tallyVotes> | null = null;
  if (votes.length) {
    tally = tallyVotes(votes.map((v) => v.vote), voting.size);
    if (!tally.quorum)
      throw new RuleViolation("committees.no-quorum", `ไม่ครบองค์ประชุม: ลงคะแนน ${votes.length} จาก ${voting.size} ที่นั่ง ต้องเกินกึ่งหนึ่ง`, `No quorum: ${votes.length} of ${voting.size} voting seats took part; more than half must`, { present: votes.length, votingSeats: voting.size });
  }
  return withTransaction(ctx, async (tx) => {
    const id = newId(tx.now().getTime());
    const outcome = tally ? tally.outcome : ("noted" as const);
    const row = { id, agendaItemId: item.id, meetingId: meeting.id, textTh: i.textTh, textEn: i.textEn ?? "", outcome, votesFor: tally?.votesFor ?? 0, votesAgainst: tally?.votesAgainst ?? 0, abstentions: tally?.abstentions ?? 0, createdAt: tx.now() };
    await tx.db.insert(committeeResolutions).values(row);
    if (votes.length) await tx.db.insert(committeeVotes).values(votes.map((v) => ({ resolutionId: id, seatId: v.seatId, vote: v.vote })));
    // tallies, never who voted how nor the free text
    await emitEvent(tx, { type: "committee.resolution-recorded", provinceCode: committee.provinceCode, entityType: "committee", entityId: committee.id, isDemo: committee.isDemo, data: { committee: { id: committee.id, kind: committee.kind, provinceCode: committee.provinceCode }, meeting: { id: meeting.id, fiscalYear: meeting.fiscalYear, number: meeting.number, scheduledOn: meeting.scheduledOn }, resolution: { id, agendaItemId: item.id, linkType: item.linkType, linkId: item.linkId, outcome, votesFor: row.votesFor, votesAgainst: row.votesAgainst, abstentions: row.abstentions } } });
    await writeAudit(tx, { action: "committees.resolution.record", entityType: "committee", entityId: committee.id, provinceCode: committee.provinceCode, after: { ...row, votes } });
    return { id, outcome };
  });
}
