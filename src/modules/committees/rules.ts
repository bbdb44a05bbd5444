import { addDays, diffDays } from "../../platform/thai/dates.js";

/** How a meeting is named in minutes and letters: "ครั้งที่ 3/2570", "No. 3/2570". */
export function meetingLabel(number: number, fiscalYear: number): { th: string; en: string } {
  return { th: `ครั้งที่ ${number}/${fiscalYear}`, en: `No. ${number}/${fiscalYear}` };
}

export type Vote = "for" | "against" | "abstain";

/**
 * Counts a decision's votes: every voting seat has one equal vote; the decision needs a quorum (more than half of
 * the voting seats took part) and is adopted when more voted for than against.
 */
export function tallyVotes(votes: readonly Vote[], votingSeats: number): { votesFor: number; votesAgainst: number; abstentions: number; quorum: boolean; outcome: "adopted" | "rejected" } {
  const votesFor = votes.filter((v) => v === "for").length;
  const votesAgainst = votes.filter((v) => v === "against").length;
  const abstentions = votes.length - votesFor - votesAgainst;
  return { votesFor, votesAgainst, abstentions, quorum: votes.length * 2 > votingSeats, outcome: votesFor > votesAgainst ? "adopted" : "rejected" };
}

export type Cadence = {
  /** the committee's own rule: it meets at least every this many days */
  everyDays: number;
  lastHeldOn: string | null;
  /** the last day the next meeting may be held without missing one */
  nextDueOn: string;
  /** days past nextDueOn (0 when not late) */
  daysLate: number;
  /** meetings missed in the last 365 days (or since the committee was set up): gaps longer than the cadence */
  missed: number;
  status: "on_track" | "late";
};

/**
 * Whether a committee keeps its meetings (the review that stops meeting is how CitiStat-style reviews died):
 * every gap between held meetings longer than the cadence counts the meetings that should have been in it.
 */
export function cadenceOf(everyDays: number, heldOn: readonly string[], since: string, today: string): Cadence {
  const windowStart = [since, addDays(today, -365)].sort()[1]!;
  const held = [...new Set(heldOn)].filter((d) => d <= today).sort();
  const lastHeldOn = held.at(-1) ?? null;
  const nextDueOn = addDays(lastHeldOn ?? since, everyDays);
  let missed = 0;
  let from = windowStart;
  for (const d of held.filter((x) => x >= windowStart)) {
    missed += Math.max(0, Math.ceil(diffDays(from, d) / everyDays) - 1);
    from = d;
  }
  missed += Math.floor(diffDays(from, today) / everyDays);
  const daysLate = Math.max(0, diffDays(nextDueOn, today));
  return { everyDays, lastHeldOn, nextDueOn, daysLate, missed, status: daysLate > 0 ? "late" : "on_track" };
}
