import { diffDays } from "../../platform/thai/dates.js";
import { EXPIRING_SOON_DAYS } from "./contracts.js";

export type AgreementDates = { signedOn: string; endsOn: string; endedOn: string | null };
export type AgreementState = { status: "active" | "expired" | "ended"; expiringSoon: boolean; daysLeft: number | null };

/**
 * An agreement's status on a day, from its dates alone: ended early (endedOn), expired after endsOn, else active;
 * an active one ending within EXPIRING_SOON_DAYS is expiring soon.
 */
export function agreementState(a: AgreementDates, today: string): AgreementState {
  if (a.endedOn !== null && a.endedOn <= today) return { status: "ended", expiringSoon: false, daysLeft: null };
  if (a.endsOn < today) return { status: "expired", expiringSoon: false, daysLeft: null };
  const daysLeft = diffDays(today, a.endsOn);
  return { status: "active", expiringSoon: daysLeft <= EXPIRING_SOON_DAYS, daysLeft };
}

/** Adds baht amounts given as numeric(16,2) text, in satang (integers), so no float error creeps into a total. */
export function sumBaht(amounts: Iterable<string | null>): string {
  let satang = 0n;
  for (const a of amounts) {
    if (a === null) continue;
    const [whole, frac = ""] = a.split(".");
    satang += BigInt(whole!) * 100n + BigInt((frac + "00").slice(0, 2));
  }
  const s = satang.toString().padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** The strategy nodes a partner's agreement or contribution may serve: agendas and the province's own goals and issues. */
export const AGENDA_NODE_KINDS: readonly string[] = ["government_agenda", "pain_point", "provincial_strategy", "strategic_issue", "provincial_goal"];
