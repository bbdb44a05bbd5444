// Deadline arithmetic on ISO calendar dates, counted as Thai law counts periods so the dates we show
// match what a court would compute: the event day is not counted, day 1 is the next day (CCC s.193/3),
// and a last day on a weekend/official holiday moves to the next working day (CCC s.193/8).

import { addDays, dayOfWeek, diffDays, parseIsoDate, toCalendarDate } from "./dates.js";

/** Source of official holidays (including substitution days, วันหยุดชดเชย) keyed by ISO calendar date. */
export interface HolidayCalendar {
  isHoliday(date: string): boolean;
}

/** Either a set of ISO holiday dates or a {@link HolidayCalendar}. */
export type Holidays = ReadonlySet<string> | HolidayCalendar;

/** Options for {@link calendarDeadline}. */
export interface CalendarDeadlineOptions {
  /** Move a deadline that lands on a weekend/holiday to the next business day (CCC s.193/8). */
  rollForward: boolean;
}

// Guards against a holiday calendar that (by mistake) marks every day as a holiday.
const MAX_CONSECUTIVE_NON_BUSINESS_DAYS = 366;

/** Adds a whole number of calendar days (may be negative) to an ISO calendar date. */
export function addCalendarDays(start: string, n: number): string {
  return addDays(start, n);
}

/** Returns true when the date is neither a Saturday, a Sunday nor one of the given holidays. */
export function isBusinessDay(date: string, holidays: Holidays): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !isHoliday(date, holidays);
}

/** Moves `n` business days from `start` (the start day itself is never counted; n = 0 returns `start`, negative n moves back). */
export function addBusinessDays(start: string, n: number, holidays: Holidays): string {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
  parseIsoDate(start);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let date = start;
  let skipped = 0;
  while (remaining > 0) {
    date = addDays(date, step);
    if (isBusinessDay(date, holidays)) {
      remaining--;
      skipped = 0;
    } else if (++skipped > MAX_CONSECUTIVE_NON_BUSINESS_DAYS) {
      throw new RangeError("Holiday calendar leaves no business days");
    }
  }
  return date;
}

/** Counts the business days stepped over going from a to b — those in (a, b], or minus those in [b, a) when b < a — so that businessDaysBetween(a, addBusinessDays(a, n)) === n. */
export function businessDaysBetween(a: string, b: string, holidays: Holidays): number {
  const span = diffDays(a, b);
  // Forward: (a, b]. Backward: [b, a), mirroring addBusinessDays with a negative n.
  const first = span < 0 ? b : a;
  const offset = span < 0 ? 0 : 1;
  let count = 0;
  for (let i = 0; i < Math.abs(span); i++) {
    if (isBusinessDay(addDays(first, i + offset), holidays)) count++;
  }
  return span < 0 && count > 0 ? -count : count;
}

/**
 * Returns the last day of a period "within `days` days of `start`": day 1 is the day after `start`
 * (CCC s.193/3) and, with `rollForward`, a last day on a weekend/holiday moves to the next business day (CCC s.193/8).
 */
export function calendarDeadline(
  start: string,
  days: number,
  holidays: Holidays,
  options: CalendarDeadlineOptions,
): string {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`days must be a positive integer, got ${days}`);
  }
  let deadline = addDays(start, days);
  if (options.rollForward) {
    let skipped = 0;
    while (!isBusinessDay(deadline, holidays)) {
      if (++skipped > MAX_CONSECUTIVE_NON_BUSINESS_DAYS) {
        throw new RangeError("Holiday calendar leaves no business days");
      }
      deadline = addDays(deadline, 1);
    }
  }
  return deadline;
}

/** Returns how many calendar days `today` is past `deadline` (0 when the deadline is today or later); a Date `today` uses its Bangkok date. */
export function daysOverdue(deadline: string, today: string | Date): number {
  return Math.max(0, diffDays(deadline, toCalendarDate(today)));
}

/** Builds a {@link HolidayCalendar} from ISO dates and inclusive ranges such as Songkran `{ start: '2025-04-13', end: '2025-04-15' }`. */
export function holidayCalendar(
  entries: Iterable<string | { start: string; end?: string }>,
): HolidayCalendar & { readonly dates: ReadonlySet<string> } {
  const dates = new Set<string>();
  for (const entry of entries) {
    if (typeof entry === "string") {
      parseIsoDate(entry);
      dates.add(entry);
      continue;
    }
    const end = entry.end ?? entry.start;
    if (diffDays(entry.start, end) < 0) {
      throw new RangeError(`Holiday range ends before it starts: ${entry.start} .. ${end}`);
    }
    for (let d = entry.start; diffDays(d, end) >= 0; d = addDays(d, 1)) dates.add(d);
  }
  return { dates, isHoliday: (date: string) => dates.has(date) };
}

function isHoliday(date: string, holidays: Holidays): boolean {
  const calendar = holidays as Partial<HolidayCalendar>;
  if (typeof calendar.isHoliday === "function") return calendar.isHoliday(date);
  return (holidays as ReadonlySet<string>).has(date);
}
