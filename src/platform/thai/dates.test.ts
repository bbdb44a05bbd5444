import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  bangkokDateOf,
  bangkokToday,
  dateRange,
  dayOfWeek,
  daysInMonth,
  diffDays,
  formatThaiDate,
  fromBuddhistYear,
  isIsoDate,
  isLeapYear,
  isoDate,
  parseIsoDate,
  parseThaiDate,
  thaiDigitsToArabic,
  ThaiDateParseError,
  toBuddhistYear,
  toCalendarDate,
} from "./dates.js";

/** Any real calendar date between CE 1900 and 2200, as an ISO string. */
const isoDateArb = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2200, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

describe("Buddhist era", () => {
  it("converts CE ↔ BE with the 543-year offset", () => {
    expect(toBuddhistYear(2026)).toBe(2569);
    expect(toBuddhistYear(2024)).toBe(2567);
    expect(fromBuddhistYear(2569)).toBe(2026);
    expect(fromBuddhistYear(2500)).toBe(1957);
  });

  it("round-trips every year", () => {
    fc.assert(fc.property(fc.integer({ min: -5000, max: 12000 }), (y) => {
      expect(fromBuddhistYear(toBuddhistYear(y))).toBe(y);
    }));
  });

  it("rejects non-integer years", () => {
    expect(() => toBuddhistYear(2026.5)).toThrow(RangeError);
    expect(() => fromBuddhistYear(Number.NaN)).toThrow(RangeError);
  });
});

describe("leap years (always computed on the CE year)", () => {
  it("applies the Gregorian rules", () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2025)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2100)).toBe(false);
  });

  it("knows February's length", () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });
});

describe("isoDate / parseIsoDate / isIsoDate", () => {
  it("builds zero-padded ISO dates", () => {
    expect(isoDate(2026, 11, 22)).toBe("2026-11-22");
    expect(isoDate(2024, 2, 29)).toBe("2024-02-29");
    expect(isoDate(50, 1, 5)).toBe("0050-01-05");
  });

  it("rejects impossible dates", () => {
    expect(() => isoDate(2025, 2, 29)).toThrow(RangeError);
    expect(() => isoDate(2025, 13, 1)).toThrow(RangeError);
    expect(() => isoDate(2025, 4, 31)).toThrow(RangeError);
    expect(() => isoDate(2025, 1, 0)).toThrow(RangeError);
    expect(() => isoDate(2025.5, 1, 1)).toThrow(RangeError);
  });

  it("parses and validates strict YYYY-MM-DD", () => {
    expect(parseIsoDate("2026-11-22")).toEqual({ year: 2026, month: 11, day: 22 });
    expect(() => parseIsoDate("2026-11-31")).toThrow(RangeError);
    expect(() => parseIsoDate("2026-1-5")).toThrow(RangeError);
    expect(() => parseIsoDate("2026-11-22T00:00:00Z")).toThrow(RangeError);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate(20251122)).toBe(false);
    expect(isIsoDate(" 2025-11-22")).toBe(false);
  });
});

describe("addDays / diffDays / dayOfWeek / dateRange", () => {
  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(addDays("2024-10-01", 365)).toBe("2025-10-01");
    expect(addDays("2026-11-22", 0)).toBe("2026-11-22");
  });

  it("works for years below 100 (no Date.UTC 19xx quirk)", () => {
    expect(addDays("0050-12-31", 1)).toBe("0051-01-01");
    expect(dayOfWeek("0001-01-01")).toBe(1); // proleptic Gregorian Monday
  });

  it("rejects fractional days and malformed dates", () => {
    expect(() => addDays("2025-01-01", 1.5)).toThrow(RangeError);
    expect(() => addDays("2025-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
  });

  it("is not affected by the host time zone", () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ["America/Los_Angeles", "Pacific/Kiritimati", "Europe/London"]) {
        process.env.TZ = tz;
        expect(addDays("2025-03-08", 1)).toBe("2025-03-09");
        expect(addDays("2025-03-30", 1)).toBe("2025-03-31");
        expect(dayOfWeek("2026-11-22")).toBe(0);
        expect(bangkokDateOf(new Date("2024-09-30T17:00:00Z"))).toBe("2024-10-01");
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("diffDays is signed and inverse to addDays", () => {
    expect(diffDays("2024-10-01", "2025-09-30")).toBe(364);
    expect(diffDays("2025-09-30", "2024-10-01")).toBe(-364);
    expect(diffDays("2024-01-01", "2025-01-01")).toBe(366);
    fc.assert(fc.property(isoDateArb, fc.integer({ min: -20_000, max: 20_000 }), (d, n) => {
      expect(diffDays(d, addDays(d, n))).toBe(n);
    }));
  });

  it("dayOfWeek uses 0 = Sunday and agrees with Date#getUTCDay", () => {
    expect(dayOfWeek("2026-11-22")).toBe(0);
    expect(dayOfWeek("2000-01-01")).toBe(6);
    expect(dayOfWeek("2024-10-01")).toBe(2);
    fc.assert(fc.property(isoDateArb, (d) => {
      expect(dayOfWeek(d)).toBe(new Date(`${d}T00:00:00Z`).getUTCDay());
    }));
  });

  it("dateRange lists an inclusive range", () => {
    expect(dateRange("2025-04-13", "2025-04-15")).toEqual(["2025-04-13", "2025-04-14", "2025-04-15"]);
    expect(dateRange("2024-02-28", "2024-03-01")).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(dateRange("2025-04-13", "2025-04-13")).toEqual(["2025-04-13"]);
    expect(dateRange("2025-04-15", "2025-04-13")).toEqual([]);
  });
});

describe("bangkokDateOf / toCalendarDate", () => {
  it("maps instants to the Bangkok calendar date (UTC+7) at the midnight edge", () => {
    expect(bangkokDateOf(new Date("2024-09-30T16:59:59.999Z"))).toBe("2024-09-30");
    expect(bangkokDateOf(new Date("2024-09-30T17:00:00.000Z"))).toBe("2024-10-01");
    expect(bangkokDateOf(new Date("2024-12-31T17:00:00Z"))).toBe("2025-01-01");
    expect(bangkokDateOf(new Date("2024-02-28T17:00:00Z"))).toBe("2024-02-29");
  });

  it("agrees with a fixed +7h shift for any instant (Bangkok has no DST)", () => {
    fc.assert(fc.property(
      fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2200, 0, 1) }),
      (ms) => {
        expect(bangkokDateOf(new Date(ms))).toBe(new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10));
      },
    ));
  });

  it("rejects an invalid Date", () => {
    expect(() => bangkokDateOf(new Date("nope"))).toThrow(RangeError);
  });

  it("bangkokToday uses the given clock", () => {
    expect(bangkokToday(new Date("2025-04-12T18:30:00Z"))).toBe("2025-04-13");
    expect(bangkokToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("toCalendarDate passes date-only strings through and converts instants", () => {
    expect(toCalendarDate("2024-09-30")).toBe("2024-09-30");
    expect(toCalendarDate("2024-09-30T17:00:00Z")).toBe("2024-10-01");
    expect(toCalendarDate("2024-10-01T00:30:00+07:00")).toBe("2024-10-01");
    expect(toCalendarDate("2024-10-01 00:30:00+07")).toBe("2024-10-01");
    expect(toCalendarDate(new Date("2024-09-30T17:00:00Z"))).toBe("2024-10-01");
    expect(() => toCalendarDate("2024-09-31")).toThrow(RangeError);
    // No offset: would be read in the host's zone, so it is refused.
    expect(() => toCalendarDate("2024-09-30T17:00:00")).toThrow(RangeError);
  });
});

describe("formatThaiDate", () => {
  const instant = new Date("2026-11-22T07:05:00Z"); // 14:05 in Bangkok

  it("formats the four locale/style combinations", () => {
    expect(formatThaiDate(instant)).toBe("22 พ.ย. 2569");
    expect(formatThaiDate(instant, { style: "long" })).toBe("22 พฤศจิกายน 2569");
    expect(formatThaiDate(instant, { locale: "en" })).toBe("22 Nov 2026");
    expect(formatThaiDate(instant, { locale: "en", style: "long" })).toBe("22 November 2026");
  });

  it("appends the Bangkok time when asked", () => {
    expect(formatThaiDate(instant, { withTime: true })).toBe("22 พ.ย. 2569 14:05 น.");
    expect(formatThaiDate(instant, { style: "long", withTime: true })).toBe("22 พฤศจิกายน 2569 14:05 น.");
    expect(formatThaiDate(instant, { locale: "en", withTime: true })).toBe("22 Nov 2026 14:05");
  });

  it("uses Bangkok, not UTC, around midnight", () => {
    const edge = new Date("2024-09-30T17:00:00Z");
    expect(formatThaiDate(edge, { withTime: true })).toBe("1 ต.ค. 2567 00:00 น.");
    expect(formatThaiDate(new Date("2024-09-30T16:59:00Z"), { withTime: true })).toBe("30 ก.ย. 2567 23:59 น.");
    expect(formatThaiDate(new Date("2025-12-31T17:05:00Z"), { locale: "en", withTime: true })).toBe(
      "1 Jan 2026 00:05",
    );
  });

  it("formats ISO date-only strings as calendar dates without shifting", () => {
    expect(formatThaiDate("2026-11-22")).toBe("22 พ.ย. 2569");
    expect(formatThaiDate("2024-01-01", { style: "long" })).toBe("1 มกราคม 2567");
    expect(formatThaiDate("2026-11-22", { withTime: true })).toBe("22 พ.ย. 2569");
  });

  it("accepts ISO date-times with Z or an offset", () => {
    expect(formatThaiDate("2026-11-22T07:05:00Z", { withTime: true })).toBe("22 พ.ย. 2569 14:05 น.");
    expect(formatThaiDate("2026-11-22T14:05:00+07:00", { withTime: true })).toBe("22 พ.ย. 2569 14:05 น.");
    expect(formatThaiDate("2026-11-22 14:05:00.123456+07", { withTime: true })).toBe(
      "22 พ.ย. 2569 14:05 น.",
    );
  });

  it("uses every month name", () => {
    const th = Array.from({ length: 12 }, (_, i) => formatThaiDate(isoDate(2025, i + 1, 1), { style: "long" }));
    expect(th).toEqual([
      "1 มกราคม 2568", "1 กุมภาพันธ์ 2568", "1 มีนาคม 2568", "1 เมษายน 2568", "1 พฤษภาคม 2568",
      "1 มิถุนายน 2568", "1 กรกฎาคม 2568", "1 สิงหาคม 2568", "1 กันยายน 2568", "1 ตุลาคม 2568",
      "1 พฤศจิกายน 2568", "1 ธันวาคม 2568",
    ]);
    const short = Array.from({ length: 12 }, (_, i) => formatThaiDate(isoDate(2025, i + 1, 1)).split(" ")[1]);
    expect(short).toEqual([
      "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ]);
  });

  it("rejects invalid input", () => {
    expect(() => formatThaiDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => formatThaiDate("2026-02-30")).toThrow(RangeError);
    expect(() => formatThaiDate("yesterday")).toThrow(RangeError);
    expect(() => formatThaiDate("2026-11-22T14:05")).toThrow(RangeError);
  });
});

describe("parseThaiDate", () => {
  it.each([
    ["22/11/2569", "2026-11-22"],
    ["22-11-2569", "2026-11-22"],
    ["22.11.2569", "2026-11-22"],
    ["2569-11-22", "2026-11-22"],
    ["2569/11/22", "2026-11-22"],
    ["22 พ.ย. 2569", "2026-11-22"],
    ["22 พฤศจิกายน 2569", "2026-11-22"],
    ["22 พ.ย. 69", "2026-11-22"],
    ["22/11/69", "2026-11-22"],
    ["2026-11-22", "2026-11-22"],
    ["22/11/2026", "2026-11-22"],
    ["1/1/2500", "1957-01-01"],
    ["๒๒ พ.ย. ๒๕๖๙", "2026-11-22"],
    ["๒๒/๑๑/๒๕๖๙", "2026-11-22"],
    ["  22   พ.ย.   2569  ", "2026-11-22"],
    ["22พ.ย.2569", "2026-11-22"],
    ["22 พย 2569", "2026-11-22"],
    ["22 พ. ย. 2569", "2026-11-22"],
    ["22 พฤศจิกายน พ.ศ. 2569", "2026-11-22"],
    ["22 พ.ย. พ.ศ. 69", "2026-11-22"],
    ["22 พฤศจิกายน ค.ศ. 2026", "2026-11-22"],
    ["22 Nov 2026", "2026-11-22"],
    ["22 november 2026", "2026-11-22"],
    ["1 ม.ค. 2568", "2025-01-01"],
    ["31 ธ.ค. 2567", "2024-12-31"],
    ["5 กุมภาพันธ์ 2568", "2025-02-05"],
    ["13 เม.ย. 68", "2025-04-13"],
    ["30 ก.ย. 2568", "2025-09-30"],
    ["1 ต.ค. 2567", "2024-10-01"],
  ])("parses %j → %s", (text, iso) => {
    expect(parseThaiDate(text)).toBe(iso);
  });

  it("decides the era by the year: ≥ 2400 is BE, < 2400 is CE", () => {
    expect(parseThaiDate("01/01/2399")).toBe("2399-01-01");
    expect(parseThaiDate("01/01/2400")).toBe("1857-01-01");
  });

  it("checks leap years on the CE year, not the BE number", () => {
    expect(parseThaiDate("29/02/2567")).toBe("2024-02-29"); // 2567 is not divisible by 4, 2024 is
    expect(parseThaiDate("29 ก.พ. 2543")).toBe("2000-02-29");
    expect(parseThaiDate("29/02/2024")).toBe("2024-02-29");
    expect(() => parseThaiDate("29/02/2568")).toThrow(ThaiDateParseError);
    expect(() => parseThaiDate("29/02/2643")).toThrow(ThaiDateParseError); // CE 2100
    expect(() => parseThaiDate("29/02/2564")).toThrow(ThaiDateParseError); // BE divisible by 4, CE 2021 not leap
  });

  it.each([
    "31/02/2569", "30 กุมภาพันธ์ 2567", "31/04/2569", "0/11/2569", "32/01/2569", "22/13/2569", "22/00/2569",
    "2569-02-30", "22 พ.ย.", "22/11/569", "22/11/25690", "22/11-2569", "22 พฤศจิ 2569", "22 abc 2569",
    "hello", "", "   ", "2569", "22 พ.ย. ค.ศ. 69", "01/01/0999", "22 พฤศจิกายน 2569 14:05",
  ])("rejects %j", (text) => {
    expect(() => parseThaiDate(text)).toThrow(ThaiDateParseError);
  });

  it("throws a coded, bilingual error", () => {
    let error: unknown;
    try {
      parseThaiDate("31/02/2569");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ThaiDateParseError);
    expect(error).toBeInstanceOf(Error);
    const e = error as ThaiDateParseError;
    expect(e.code).toBe("thai.date.invalid");
    expect(e.name).toBe("ThaiDateParseError");
    expect(e.input).toBe("31/02/2569");
    expect(e.messageTh).toContain("กุมภาพันธ์");
    expect(e.messageEn).toContain("February");
    expect(e.message).toBe(e.messageEn);
  });

  it("round-trips formatThaiDate output in every locale and style", () => {
    fc.assert(fc.property(
      isoDateArb,
      fc.constantFrom("th" as const, "en" as const),
      fc.constantFrom("short" as const, "long" as const),
      (d, locale, style) => {
        expect(parseThaiDate(formatThaiDate(d, { locale, style }))).toBe(d);
      },
    ));
  });

  it("never throws anything but ThaiDateParseError", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (s) => {
      try {
        expect(parseThaiDate(s)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      } catch (e) {
        expect(e).toBeInstanceOf(ThaiDateParseError);
      }
    }));
  });
});

describe("thaiDigitsToArabic", () => {
  it("converts ๐–๙ and leaves other characters alone", () => {
    expect(thaiDigitsToArabic("๐๑๒๓๔๕๖๗๘๙")).toBe("0123456789");
    expect(thaiDigitsToArabic("ปี ๒๕๖๙ (2026)")).toBe("ปี 2569 (2026)");
  });
});
