// Thai government fiscal year: 1 October – 30 September, named by the BE year in which it ends
// (FY 2568 = 2024-10-01 .. 2025-09-30). Instants are first mapped to their Bangkok calendar date,
// because a budget posting made at 00:30 Bangkok time on 1 Oct belongs to the new year.

import { fromBuddhistYear, parseIsoDate, toBuddhistYear, toCalendarDate } from "./dates.js";

/** Inclusive ISO calendar-date range. */
export interface DateRange {
  start: string;
  end: string;
}

/** Fiscal quarter number, Q1 = October–December. */
export type FiscalQuarter = 1 | 2 | 3 | 4;

/** Returns the fiscal year (BE) a date belongs to; Date values and date-times use the Bangkok calendar date. */
export function fiscalYearOf(date: string | Date): number {
  const { year, month } = parseIsoDate(toCalendarDate(date));
  return toBuddhistYear(month >= 10 ? year + 1 : year);
}

/** Returns the first and last calendar dates of a fiscal year given in BE, e.g. 2568 → 2024-10-01 .. 2025-09-30. */
export function fiscalYearRange(fyBE: number): DateRange {
  assertFiscalYear(fyBE);
  const endCe = fromBuddhistYear(fyBE);
  return { start: `${endCe - 1}-10-01`, end: `${endCe}-09-30` };
}

/** Returns the fiscal month index 1..12 of a date, October = 1 and September = 12. */
export function fiscalMonthIndex(date: string | Date): number {
  const { month } = parseIsoDate(toCalendarDate(date));
  return ((month + 2) % 12) + 1;
}

/** Returns the fiscal quarter 1..4 of a date (Q1 = Oct–Dec, Q2 = Jan–Mar, Q3 = Apr–Jun, Q4 = Jul–Sep). */
export function fiscalQuarterOf(date: string | Date): FiscalQuarter {
  return Math.ceil(fiscalMonthIndex(date) / 3) as FiscalQuarter;
}

/** Returns the first and last calendar dates of a quarter of a fiscal year given in BE. */
export function fiscalQuarterRange(fyBE: number, quarter: FiscalQuarter): DateRange {
  assertFiscalYear(fyBE);
  if (![1, 2, 3, 4].includes(quarter)) throw new RangeError(`Invalid fiscal quarter: ${quarter}`);
  const endCe = fromBuddhistYear(fyBE);
  switch (quarter) {
    case 1: return { start: `${endCe - 1}-10-01`, end: `${endCe - 1}-12-31` };
    case 2: return { start: `${endCe}-01-01`, end: `${endCe}-03-31` };
    case 3: return { start: `${endCe}-04-01`, end: `${endCe}-06-30` };
    default: return { start: `${endCe}-07-01`, end: `${endCe}-09-30` };
  }
}

/** Formats a fiscal year for display: `ปีงบประมาณ พ.ศ. 2568` (th) or `FY 2568 (2024–25)` (en). */
export function formatFiscalYear(fyBE: number, locale: "th" | "en" = "th"): string {
  assertFiscalYear(fyBE);
  if (locale === "th") return `ปีงบประมาณ พ.ศ. ${fyBE}`;
  const endCe = fromBuddhistYear(fyBE);
  return `FY ${fyBE} (${endCe - 1}–${String(endCe % 100).padStart(2, "0")})`;
}

// Fiscal years are BE; a CE year (e.g. 2025) passed by mistake would silently be 543 years off.
function assertFiscalYear(fyBE: number): void {
  if (!Number.isInteger(fyBE) || fyBE < 2400 || fyBE > 9999) {
    throw new RangeError(`Fiscal year must be a BE year (e.g. 2568), got ${fyBE}`);
  }
}
