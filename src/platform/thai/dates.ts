// Thai dates: Buddhist-era years, Bangkok-time formatting and ISO calendar-date arithmetic.
// Calendar dates are plain `YYYY-MM-DD` strings (no time, no zone) so they never shift by a day;
// arithmetic goes through Date.UTC, and instants are mapped to Bangkok dates with Intl.

/** Offset between the Buddhist era and the Common era (BE = CE + 543). */
export const BE_OFFSET = 543;

/** Time zone of every "calendar date" in the platform (UTC+7, no DST). */
export const BANGKOK_TIME_ZONE = "Asia/Bangkok";

/** Thai month abbreviations as printed on official documents, January first. */
export const THAI_MONTHS_SHORT: readonly string[] = [
  "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
  "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
];

/** Full Thai month names, January first. */
export const THAI_MONTHS_LONG: readonly string[] = [
  "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
  "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
];

/** English month abbreviations, January first. */
export const ENGLISH_MONTHS_SHORT: readonly string[] = [
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/** Full English month names, January first. */
export const ENGLISH_MONTHS_LONG: readonly string[] = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** Options for {@link formatThaiDate}. */
export interface ThaiDateFormatOptions {
  locale?: "th" | "en";
  style?: "short" | "long";
  withTime?: boolean;
}

/** Year, month (1–12) and day of an ISO calendar date, year in CE. */
export interface CalendarDateParts {
  year: number;
  month: number;
  day: number;
}

/** Error thrown by {@link parseThaiDate}; carries a stable code and bilingual messages for the UI. */
export class ThaiDateParseError extends Error {
  readonly code = "thai.date.invalid" as const;
  readonly messageTh: string;
  readonly messageEn: string;
  readonly input: string;

  constructor(input: string, messageTh: string, messageEn: string) {
    super(messageEn);
    this.name = "ThaiDateParseError";
    this.input = input;
    this.messageTh = messageTh;
    this.messageEn = messageEn;
  }
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME_RE =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const MS_PER_DAY = 86_400_000;

/** Converts a CE (Gregorian) year to the Buddhist-era year, e.g. 2026 → 2569. */
export function toBuddhistYear(ceYear: number): number {
  assertInteger(ceYear, "ceYear");
  return ceYear + BE_OFFSET;
}

/** Converts a Buddhist-era year to the CE (Gregorian) year, e.g. 2569 → 2026. */
export function fromBuddhistYear(beYear: number): number {
  assertInteger(beYear, "beYear");
  return beYear - BE_OFFSET;
}

/** Returns true when the CE year is a Gregorian leap year (apply to CE, never to BE years). */
export function isLeapYear(ceYear: number): boolean {
  return (ceYear % 4 === 0 && ceYear % 100 !== 0) || ceYear % 400 === 0;
}

/** Returns the number of days in a month (1–12) of a CE year. */
export function daysInMonth(ceYear: number, month: number): number {
  if (month === 2) return isLeapYear(ceYear) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Builds an ISO calendar date `YYYY-MM-DD` from a CE year, month (1–12) and day, throwing RangeError if the date does not exist. */
export function isoDate(year: number, month: number, day: number): string {
  if (!isValidParts(year, month, day)) {
    throw new RangeError(`Invalid calendar date: ${year}-${month}-${day}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Returns true when the value is a real calendar date in strict `YYYY-MM-DD` form. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = ISO_DATE_RE.exec(value);
  return m !== null && isValidParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Splits a strict `YYYY-MM-DD` date into numeric parts, throwing RangeError when it is malformed or impossible. */
export function parseIsoDate(date: string): CalendarDateParts {
  const m = typeof date === "string" ? ISO_DATE_RE.exec(date) : null;
  const parts = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  if (!parts || !isValidParts(parts.year, parts.month, parts.day)) {
    throw new RangeError(`Expected an ISO calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return parts;
}

/** Adds a whole number of days (may be negative) to an ISO calendar date. */
export function addDays(date: string, days: number): string {
  assertInteger(days, "days");
  return fromEpochDay(toEpochDay(date) + days);
}

/** Returns the signed number of calendar days from `from` to `to` (positive when `to` is later). */
export function diffDays(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Returns the day of the week of an ISO calendar date, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

/** Lists every ISO calendar date from `start` to `end` inclusive (empty when end < start), e.g. a multi-day holiday. */
export function dateRange(start: string, end: string): string[] {
  const first = toEpochDay(start);
  const last = toEpochDay(end);
  const out: string[] = [];
  for (let d = first; d <= last; d++) out.push(fromEpochDay(d));
  return out;
}

/** Returns the calendar date (`YYYY-MM-DD`) that an instant falls on in Asia/Bangkok. */
export function bangkokDateOf(instant: Date): string {
  const p = bangkokParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Returns today's calendar date in Asia/Bangkok (pass `now` to make it deterministic). */
export function bangkokToday(now: Date = new Date()): string {
  return bangkokDateOf(now);
}

/** Normalises a Date, ISO calendar date or ISO date-time with offset to the Asia/Bangkok calendar date. */
export function toCalendarDate(value: Date | string): string {
  if (value instanceof Date) return bangkokDateOf(value);
  if (ISO_DATE_RE.test(value)) {
    parseIsoDate(value);
    return value;
  }
  return bangkokDateOf(instantFromString(value));
}

/** Formats a date in Asia/Bangkok as e.g. `22 พ.ย. 2569`, `22 พฤศจิกายน 2569 14:05 น.` or `22 Nov 2026` (date-only strings carry no time, so `withTime` is ignored for them). */
export function formatThaiDate(date: Date | string, opts: ThaiDateFormatOptions = {}): string {
  const locale = opts.locale ?? "th";
  const style = opts.style ?? "short";
  let year: number;
  let month: number;
  let day: number;
  let time: string | null = null;

  if (typeof date === "string" && ISO_DATE_RE.test(date)) {
    ({ year, month, day } = parseIsoDate(date));
  } else {
    const instant = typeof date === "string" ? instantFromString(date) : date;
    const p = bangkokParts(instant);
    year = Number(p.year);
    month = Number(p.month);
    day = Number(p.day);
    if (opts.withTime) time = `${p.hour}:${p.minute}`;
  }

  const months =
    locale === "th"
      ? style === "long" ? THAI_MONTHS_LONG : THAI_MONTHS_SHORT
      : style === "long" ? ENGLISH_MONTHS_LONG : ENGLISH_MONTHS_SHORT;
  const shownYear = locale === "th" ? toBuddhistYear(year) : year;
  const text = `${day} ${months[month - 1]} ${shownYear}`;
  if (time === null) return text;
  return locale === "th" ? `${text} ${time} น.` : `${text} ${time}`;
}

// Month-name lookup keyed without dots/spaces/dashes so `พ.ย.`, `พ. ย.` and `พย` all match.
const MONTH_LOOKUP: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  const lists = [THAI_MONTHS_SHORT, THAI_MONTHS_LONG, ENGLISH_MONTHS_SHORT, ENGLISH_MONTHS_LONG];
  for (const list of lists) list.forEach((name, i) => map.set(monthKey(name), i + 1));
  map.set("sept", 9);
  return map;
})();

const THAI_ERA_RE = /(?:พ\.?\s*ศ\.?)$/;
const CE_ERA_RE = /(?:ค\.?\s*ศ\.?)$/;

/** Parses a Thai or ISO date text (`22/11/2569`, `2569-11-22`, `22 พ.ย. 69`, `2026-11-22` …) into an ISO calendar date, throwing {@link ThaiDateParseError} when it is malformed or impossible. */
export function parseThaiDate(text: string): string {
  const input = typeof text === "string" ? text : String(text);
  const s = thaiDigitsToArabic(input.normalize("NFC")).trim().replace(/\s+/g, " ");
  const fail = (th: string, en: string): never => {
    throw new ThaiDateParseError(input, th, en);
  };
  if (s === "") fail("กรุณาระบุวันที่", "Please enter a date");

  let day: number;
  let month: number;
  let yearText: string;
  let era: "be" | "ce" | null = null;

  let m: RegExpExecArray | null;
  if ((m = /^(\d{4}) ?([/.-]) ?(\d{1,2}) ?\2 ?(\d{1,2})$/.exec(s))) {
    yearText = m[1]; month = Number(m[3]); day = Number(m[4]);
  } else if ((m = /^(\d{1,2}) ?([/.-]) ?(\d{1,2}) ?\2 ?(\d{2}|\d{4})$/.exec(s))) {
    day = Number(m[1]); month = Number(m[3]); yearText = m[4];
  } else if ((m = /^(\d{1,2}) ?(\D+?) ?(\d{2}|\d{4})$/.exec(s))) {
    day = Number(m[1]);
    yearText = m[3];
    let monthText = m[2].trim();
    if (THAI_ERA_RE.test(monthText)) {
      era = "be";
      monthText = monthText.replace(THAI_ERA_RE, "");
    } else if (CE_ERA_RE.test(monthText)) {
      era = "ce";
      monthText = monthText.replace(CE_ERA_RE, "");
    }
    const found = MONTH_LOOKUP.get(monthKey(monthText));
    if (found === undefined) {
      return fail(`ไม่รู้จักชื่อเดือน "${monthText}"`, `Unknown month name "${monthText}"`);
    }
    month = found;
  } else {
    return fail(
      `รูปแบบวันที่ไม่ถูกต้อง: "${input}" (ตัวอย่าง 22/11/2569)`,
      `Unrecognised date format: "${input}" (e.g. 22/11/2569)`,
    );
  }

  let ceYear: number;
  const y = Number(yearText);
  if (yearText.length === 2) {
    if (era === "ce") {
      return fail("ปี ค.ศ. ต้องระบุ 4 หลัก", "A CE year must have 4 digits");
    }
    ceYear = fromBuddhistYear(2500 + y);
  } else if (era === "be" || (era === null && y >= 2400)) {
    ceYear = fromBuddhistYear(y);
  } else {
    ceYear = y;
  }
  if (ceYear < 1000 || ceYear > 9999) {
    return fail(`ปีไม่ถูกต้อง: ${yearText}`, `Year out of range: ${yearText}`);
  }
  if (month < 1 || month > 12) {
    return fail(`เดือนไม่ถูกต้อง: ${month}`, `Month out of range: ${month}`);
  }
  if (day < 1 || day > daysInMonth(ceYear, month)) {
    return fail(
      `ไม่มีวันที่ ${day} ${THAI_MONTHS_LONG[month - 1]} ${toBuddhistYear(ceYear)}`,
      `${ENGLISH_MONTHS_LONG[month - 1]} ${ceYear} has no day ${day}`,
    );
  }
  return isoDate(ceYear, month, day);
}

/** Replaces Thai digits ๐–๙ with Arabic digits 0–9, leaving everything else unchanged. */
export function thaiDigitsToArabic(text: string): string {
  return text.replace(/[๐-๙]/g, (c) => String(c.charCodeAt(0) - 0x0e50));
}

// ---- internals -------------------------------------------------------------

interface BangkokParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

let bangkokFormatter: Intl.DateTimeFormat | null = null;

function bangkokParts(instant: Date): BangkokParts {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError("Invalid Date");
  }
  bangkokFormatter ??= new Intl.DateTimeFormat("en-CA", {
    timeZone: BANGKOK_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const out: BangkokParts = { year: "", month: "", day: "", hour: "", minute: "" };
  for (const part of bangkokFormatter.formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof BangkokParts] = part.value;
  }
  out.year = out.year.padStart(4, "0");
  // Some ICU builds print midnight as "24" even with h23; normalise defensively.
  if (out.hour === "24") out.hour = "00";
  return out;
}

function instantFromString(value: string): Date {
  const m = ISO_DATETIME_RE.exec(value.trim());
  if (!m) {
    throw new RangeError(
      `Expected YYYY-MM-DD or an ISO date-time with Z/offset, got ${JSON.stringify(value)}`,
    );
  }
  let zone = m[3].toUpperCase();
  if (zone !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    zone = `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || "00"}`;
  }
  const instant = new Date(`${m[1]}T${m[2]}${zone}`);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Invalid date-time: ${value}`);
  return instant;
}

function toEpochDay(date: string): number {
  const { year, month, day } = parseIsoDate(date);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // setUTCFullYear avoids Date.UTC's 0–99 → 1900s quirk
  return Math.round(d.getTime() / MS_PER_DAY);
}

function fromEpochDay(epochDay: number): string {
  const d = new Date(epochDay * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range (year ${year})`);
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function isValidParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 0 && year <= 9999 && month >= 1 && month <= 12 &&
    day >= 1 && day <= daysInMonth(year, month)
  );
}

function monthKey(name: string): string {
  return name.normalize("NFC").replace(/[.,/\s-]/g, "").toLowerCase();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function assertInteger(n: number, name: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${name} must be an integer, got ${n}`);
}
