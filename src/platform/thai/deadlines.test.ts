import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayOfWeek } from "./dates.js";
import {
  addBusinessDays,
  addCalendarDays,
  businessDaysBetween,
  calendarDeadline,
  daysOverdue,
  holidayCalendar,
  isBusinessDay,
  type HolidayCalendar,
} from "./deadlines.js";

// Test fixture (not the official calendar). April 2025: Fri 11, Sat 12, Sun 13, Mon 14 … Fri 18.
// A Songkran-like block Mon 14 – Wed 16 follows the weekend, so Sat 12 – Wed 16 are all non-working.
const SONGKRAN = ["2025-04-14", "2025-04-15", "2025-04-16"];
const HOLIDAYS: ReadonlySet<string> = new Set([...SONGKRAN, "2025-05-01", "2025-12-31", "2026-01-01"]);
const NONE: ReadonlySet<string> = new Set();

const isoDateArb = fc
  .integer({ min: Date.UTC(2020, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

describe("fixture sanity", () => {
  it("has the weekdays the tests assume", () => {
    expect(dayOfWeek("2025-04-11")).toBe(5);
    expect(dayOfWeek("2025-04-12")).toBe(6);
    expect(dayOfWeek("2025-04-13")).toBe(0);
    expect(dayOfWeek("2025-04-14")).toBe(1);
    expect(dayOfWeek("2025-05-01")).toBe(4);
  });
});

describe("addCalendarDays", () => {
  it("counts every day, weekends and holidays included", () => {
    expect(addCalendarDays("2025-04-11", 1)).toBe("2025-04-12");
    expect(addCalendarDays("2025-04-11", 7)).toBe("2025-04-18");
    expect(addCalendarDays("2024-02-28", 2)).toBe("2024-03-01");
    expect(addCalendarDays("2025-01-01", -1)).toBe("2024-12-31");
  });
});

describe("isBusinessDay", () => {
  it("excludes weekends and holidays", () => {
    expect(isBusinessDay("2025-04-11", HOLIDAYS)).toBe(true);
    expect(isBusinessDay("2025-04-12", HOLIDAYS)).toBe(false);
    expect(isBusinessDay("2025-04-13", HOLIDAYS)).toBe(false);
    expect(isBusinessDay("2025-04-14", HOLIDAYS)).toBe(false);
    expect(isBusinessDay("2025-04-14", NONE)).toBe(true);
    expect(isBusinessDay("2025-04-17", HOLIDAYS)).toBe(true);
  });

  it("accepts a HolidayCalendar as well as a Set", () => {
    const calendar: HolidayCalendar = { isHoliday: (d) => d === "2025-04-17" };
    expect(isBusinessDay("2025-04-17", calendar)).toBe(false);
    expect(isBusinessDay("2025-04-14", calendar)).toBe(true);
  });

  it("rejects malformed dates", () => {
    expect(() => isBusinessDay("2025-02-30", HOLIDAYS)).toThrow(RangeError);
  });
});

describe("addBusinessDays", () => {
  it("does not count the start day", () => {
    expect(addBusinessDays("2025-04-07", 1, NONE)).toBe("2025-04-08");
    expect(addBusinessDays("2025-04-07", 4, NONE)).toBe("2025-04-11");
  });

  it("skips weekends", () => {
    expect(addBusinessDays("2025-04-04", 1, NONE)).toBe("2025-04-07"); // Fri → Mon
    expect(addBusinessDays("2025-04-07", 5, NONE)).toBe("2025-04-14"); // Mon → next Mon
    expect(addBusinessDays("2025-04-05", 1, NONE)).toBe("2025-04-07"); // from Sat
  });

  it("skips a multi-day holiday block adjoining a weekend", () => {
    expect(addBusinessDays("2025-04-11", 1, HOLIDAYS)).toBe("2025-04-17"); // Fri → Thu after Songkran
    expect(addBusinessDays("2025-04-11", 2, HOLIDAYS)).toBe("2025-04-18");
    expect(addBusinessDays("2025-04-10", 3, HOLIDAYS)).toBe("2025-04-18");
    expect(addBusinessDays("2025-04-14", 1, HOLIDAYS)).toBe("2025-04-17"); // from inside the block
  });

  it("spans a year-end holiday pair", () => {
    // Tue 30 Dec 2025 → Wed 31 (holiday), Thu 1 Jan (holiday) → Fri 2 Jan 2026.
    expect(addBusinessDays("2025-12-30", 1, HOLIDAYS)).toBe("2026-01-02");
  });

  it("returns the start for n = 0 and moves back for negative n", () => {
    expect(addBusinessDays("2025-04-12", 0, HOLIDAYS)).toBe("2025-04-12");
    expect(addBusinessDays("2025-04-17", -1, HOLIDAYS)).toBe("2025-04-11");
    expect(addBusinessDays("2025-04-07", -1, NONE)).toBe("2025-04-04");
  });

  it("accepts a HolidayCalendar", () => {
    const calendar = holidayCalendar([{ start: "2025-04-14", end: "2025-04-16" }]);
    expect(addBusinessDays("2025-04-11", 1, calendar)).toBe("2025-04-17");
  });

  it("rejects bad arguments and a calendar with no business days", () => {
    expect(() => addBusinessDays("2025-04-11", 1.5, NONE)).toThrow(RangeError);
    expect(() => addBusinessDays("2025-13-01", 1, NONE)).toThrow(RangeError);
    expect(() => addBusinessDays("2025-04-11", 1, { isHoliday: () => true })).toThrow(/no business days/);
  });

  it("always lands on a business day", () => {
    fc.assert(fc.property(isoDateArb, fc.integer({ min: -60, max: 60 }).filter((n) => n !== 0), (d, n) => {
      expect(isBusinessDay(addBusinessDays(d, n, HOLIDAYS), HOLIDAYS)).toBe(true);
    }));
  });
});

describe("businessDaysBetween", () => {
  it("counts business days in (a, b]", () => {
    expect(businessDaysBetween("2025-04-11", "2025-04-11", HOLIDAYS)).toBe(0);
    expect(businessDaysBetween("2025-04-11", "2025-04-16", HOLIDAYS)).toBe(0);
    expect(businessDaysBetween("2025-04-11", "2025-04-17", HOLIDAYS)).toBe(1);
    expect(businessDaysBetween("2025-04-04", "2025-04-07", NONE)).toBe(1);
    expect(businessDaysBetween("2025-04-07", "2025-04-14", NONE)).toBe(5);
    expect(businessDaysBetween("2025-04-07", "2025-04-14", HOLIDAYS)).toBe(4);
  });

  it("is negative when b is before a, counting [b, a)", () => {
    expect(businessDaysBetween("2025-04-17", "2025-04-11", HOLIDAYS)).toBe(-1);
    expect(businessDaysBetween("2025-04-12", "2025-04-11", NONE)).toBe(-1); // Sat → Fri
    expect(businessDaysBetween("2025-04-13", "2025-04-12", NONE)).toBe(0); // Sun → Sat, not -0
    expect(businessDaysBetween("2025-04-14", "2025-04-07", NONE)).toBe(-5);
  });

  it("inverts addBusinessDays", () => {
    fc.assert(fc.property(isoDateArb, fc.integer({ min: -90, max: 90 }), (d, n) => {
      expect(businessDaysBetween(d, addBusinessDays(d, n, HOLIDAYS), HOLIDAYS)).toBe(n);
    }));
  });
});

describe("calendarDeadline (day 1 = day after the event; CCC s.193/3, s.193/8)", () => {
  it("does not count the day of the event", () => {
    expect(calendarDeadline("2025-01-06", 1, NONE, { rollForward: false })).toBe("2025-01-07");
    expect(calendarDeadline("2025-01-06", 15, NONE, { rollForward: false })).toBe("2025-01-21");
    expect(calendarDeadline("2025-01-31", 30, NONE, { rollForward: false })).toBe("2025-03-02");
    expect(calendarDeadline("2024-01-31", 30, NONE, { rollForward: false })).toBe("2024-03-01"); // leap year
  });

  it("counts weekends and holidays inside the period", () => {
    // 7 days from Thu 10 Apr covers the whole Songkran block but ends on Thu 17 Apr.
    expect(calendarDeadline("2025-04-10", 7, HOLIDAYS, { rollForward: true })).toBe("2025-04-17");
  });

  it("rolls a Saturday/Sunday deadline to Monday only when asked", () => {
    // Mon 7 Apr + 5 = Sat 12 Apr (the following Mon–Wed is Songkran in HOLIDAYS).
    expect(calendarDeadline("2025-04-07", 5, NONE, { rollForward: false })).toBe("2025-04-12");
    expect(calendarDeadline("2025-04-07", 5, NONE, { rollForward: true })).toBe("2025-04-14");
    expect(calendarDeadline("2025-04-07", 6, NONE, { rollForward: true })).toBe("2025-04-14");
  });

  it("rolls a deadline landing on a holiday past the whole holiday block", () => {
    // Mon 7 Apr + 7 = Mon 14 Apr, first day of the Songkran block.
    expect(calendarDeadline("2025-04-07", 7, HOLIDAYS, { rollForward: false })).toBe("2025-04-14");
    expect(calendarDeadline("2025-04-07", 7, HOLIDAYS, { rollForward: true })).toBe("2025-04-17");
    // Landing on the weekend before the block rolls over weekend + block.
    expect(calendarDeadline("2025-04-07", 5, HOLIDAYS, { rollForward: true })).toBe("2025-04-17");
  });

  it("rolls over a single holiday and a year boundary", () => {
    expect(calendarDeadline("2025-04-16", 15, HOLIDAYS, { rollForward: true })).toBe("2025-05-02"); // 1 May holiday
    expect(calendarDeadline("2025-12-16", 15, HOLIDAYS, { rollForward: true })).toBe("2026-01-02");
    expect(calendarDeadline("2025-12-16", 15, HOLIDAYS, { rollForward: false })).toBe("2025-12-31");
  });

  it("leaves a deadline on a business day unchanged", () => {
    expect(calendarDeadline("2025-04-10", 1, HOLIDAYS, { rollForward: true })).toBe("2025-04-11");
  });

  it("rejects non-positive or fractional periods", () => {
    expect(() => calendarDeadline("2025-04-10", 0, HOLIDAYS, { rollForward: true })).toThrow(RangeError);
    expect(() => calendarDeadline("2025-04-10", -3, HOLIDAYS, { rollForward: true })).toThrow(RangeError);
    expect(() => calendarDeadline("2025-04-10", 1.5, HOLIDAYS, { rollForward: true })).toThrow(RangeError);
    expect(() => calendarDeadline("2025-04-10", 1, { isHoliday: () => true }, { rollForward: true })).toThrow(
      /no business days/,
    );
  });

  it("with roll-forward is the first business day on or after the nominal deadline", () => {
    fc.assert(fc.property(isoDateArb, fc.integer({ min: 1, max: 120 }), (d, n) => {
      const nominal = calendarDeadline(d, n, HOLIDAYS, { rollForward: false });
      const rolled = calendarDeadline(d, n, HOLIDAYS, { rollForward: true });
      expect(nominal).toBe(addDays(d, n));
      expect(rolled >= nominal).toBe(true);
      expect(isBusinessDay(rolled, HOLIDAYS)).toBe(true);
      for (let x = nominal; x < rolled; x = addDays(x, 1)) expect(isBusinessDay(x, HOLIDAYS)).toBe(false);
    }));
  });
});

describe("daysOverdue", () => {
  it("is 0 on or before the deadline and counts calendar days after it", () => {
    expect(daysOverdue("2025-04-17", "2025-04-10")).toBe(0);
    expect(daysOverdue("2025-04-17", "2025-04-17")).toBe(0);
    expect(daysOverdue("2025-04-17", "2025-04-18")).toBe(1);
    expect(daysOverdue("2025-02-28", "2025-03-01")).toBe(1);
    expect(daysOverdue("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysOverdue("2024-12-31", "2025-12-31")).toBe(365);
  });

  it("uses the Bangkok date of a Date 'today'", () => {
    expect(daysOverdue("2025-04-17", new Date("2025-04-17T16:59:59Z"))).toBe(0);
    expect(daysOverdue("2025-04-17", new Date("2025-04-17T17:00:00Z"))).toBe(1);
  });

  it("rejects malformed dates", () => {
    expect(() => daysOverdue("2025-04-31", "2025-05-01")).toThrow(RangeError);
  });
});

describe("holidayCalendar", () => {
  it("expands single dates and inclusive ranges", () => {
    const cal = holidayCalendar(["2025-05-01", { start: "2025-04-13", end: "2025-04-15" }, { start: "2025-12-31" }]);
    expect([...cal.dates].sort()).toEqual(["2025-04-13", "2025-04-14", "2025-04-15", "2025-05-01", "2025-12-31"]);
    expect(cal.isHoliday("2025-04-14")).toBe(true);
    expect(cal.isHoliday("2025-04-16")).toBe(false);
  });

  it("expands a range across a month boundary", () => {
    const cal = holidayCalendar([{ start: "2024-02-28", end: "2024-03-01" }]);
    expect(cal.dates.size).toBe(3);
    expect(cal.isHoliday("2024-02-29")).toBe(true);
  });

  it("rejects reversed ranges and malformed dates", () => {
    expect(() => holidayCalendar([{ start: "2025-04-15", end: "2025-04-13" }])).toThrow(RangeError);
    expect(() => holidayCalendar(["2025-04-31"])).toThrow(RangeError);
    expect(() => holidayCalendar(["13/04/2568"])).toThrow(RangeError);
  });
});
