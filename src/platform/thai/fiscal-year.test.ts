import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, diffDays } from "./dates.js";
import {
  fiscalMonthIndex,
  fiscalQuarterOf,
  fiscalQuarterRange,
  fiscalYearOf,
  fiscalYearRange,
  formatFiscalYear,
} from "./fiscal-year.js";

const isoDateArb = fc
  .integer({ min: Date.UTC(1950, 0, 1) / 86_400_000, max: Date.UTC(2150, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

describe("fiscalYearOf", () => {
  it("switches on 1 October", () => {
    expect(fiscalYearOf("2024-09-30")).toBe(2567);
    expect(fiscalYearOf("2024-10-01")).toBe(2568);
    expect(fiscalYearOf("2024-12-31")).toBe(2568);
    expect(fiscalYearOf("2025-01-01")).toBe(2568);
    expect(fiscalYearOf("2025-09-30")).toBe(2568);
    expect(fiscalYearOf("2025-10-01")).toBe(2569);
  });

  it("uses the Bangkok calendar date of an instant, not the UTC date", () => {
    // 2024-09-30T17:00Z is 00:00 on 1 Oct 2024 in Bangkok → FY 2568.
    expect(fiscalYearOf(new Date("2024-09-30T17:00:00Z"))).toBe(2568);
    expect(fiscalYearOf(new Date("2024-09-30T16:59:59.999Z"))).toBe(2567);
    // Still 30 Sep in UTC, already 1 Oct in Bangkok.
    expect(fiscalYearOf(new Date("2024-09-30T23:00:00Z"))).toBe(2568);
    expect(fiscalYearOf("2024-09-30T17:00:00Z")).toBe(2568);
    expect(fiscalYearOf("2024-10-01T06:59:59+07:00")).toBe(2568);
    expect(fiscalYearOf("2024-09-30T23:59:59+07:00")).toBe(2567);
  });

  it("rejects malformed dates", () => {
    expect(() => fiscalYearOf("2024-09-31")).toThrow(RangeError);
    expect(() => fiscalYearOf("30/09/2567")).toThrow(RangeError);
    expect(() => fiscalYearOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("fiscalYearRange", () => {
  it("runs 1 Oct of the previous CE year to 30 Sep", () => {
    expect(fiscalYearRange(2568)).toEqual({ start: "2024-10-01", end: "2025-09-30" });
    expect(fiscalYearRange(2569)).toEqual({ start: "2025-10-01", end: "2026-09-30" });
    expect(fiscalYearRange(2543)).toEqual({ start: "1999-10-01", end: "2000-09-30" });
  });

  it("has 366 days when it contains 29 February", () => {
    expect(diffDays(fiscalYearRange(2567).start, fiscalYearRange(2567).end) + 1).toBe(366); // Feb 2024
    expect(diffDays(fiscalYearRange(2568).start, fiscalYearRange(2568).end) + 1).toBe(365);
  });

  it("rejects CE years and non-integers (a CE year would be 543 years off)", () => {
    expect(() => fiscalYearRange(2025)).toThrow(RangeError);
    expect(() => fiscalYearRange(2568.5)).toThrow(RangeError);
    expect(() => formatFiscalYear(2025)).toThrow(RangeError);
  });

  it("is consistent with fiscalYearOf for every date", () => {
    fc.assert(fc.property(isoDateArb, (d) => {
      const { start, end } = fiscalYearRange(fiscalYearOf(d));
      expect(start <= d && d <= end).toBe(true);
      expect(fiscalYearOf(addDays(start, -1))).toBe(fiscalYearOf(d) - 1);
      expect(fiscalYearOf(addDays(end, 1))).toBe(fiscalYearOf(d) + 1);
    }));
  });
});

describe("fiscalMonthIndex / fiscalQuarterOf", () => {
  it.each([
    ["2024-10-01", 1, 1],
    ["2024-11-15", 2, 1],
    ["2024-12-31", 3, 1],
    ["2025-01-01", 4, 2],
    ["2025-03-31", 6, 2],
    ["2025-04-01", 7, 3],
    ["2025-06-30", 9, 3],
    ["2025-07-01", 10, 4],
    ["2025-09-30", 12, 4],
  ])("%s is fiscal month %i, quarter %i", (date, month, quarter) => {
    expect(fiscalMonthIndex(date)).toBe(month);
    expect(fiscalQuarterOf(date)).toBe(quarter);
  });

  it("uses Bangkok time at the quarter edge", () => {
    expect(fiscalQuarterOf(new Date("2024-12-31T16:59:59Z"))).toBe(1);
    expect(fiscalQuarterOf(new Date("2024-12-31T17:00:00Z"))).toBe(2);
    expect(fiscalMonthIndex(new Date("2024-09-30T17:00:00Z"))).toBe(1);
    expect(fiscalMonthIndex(new Date("2024-09-30T16:00:00Z"))).toBe(12);
  });

  it("agrees with fiscalQuarterRange for every date", () => {
    fc.assert(fc.property(isoDateArb, (d) => {
      const { start, end } = fiscalQuarterRange(fiscalYearOf(d), fiscalQuarterOf(d));
      expect(start <= d && d <= end).toBe(true);
    }));
  });
});

describe("fiscalQuarterRange", () => {
  it("splits FY 2568 into four quarters covering the whole year", () => {
    expect(fiscalQuarterRange(2568, 1)).toEqual({ start: "2024-10-01", end: "2024-12-31" });
    expect(fiscalQuarterRange(2568, 2)).toEqual({ start: "2025-01-01", end: "2025-03-31" });
    expect(fiscalQuarterRange(2568, 3)).toEqual({ start: "2025-04-01", end: "2025-06-30" });
    expect(fiscalQuarterRange(2568, 4)).toEqual({ start: "2025-07-01", end: "2025-09-30" });
  });

  it("rejects invalid quarters", () => {
    expect(() => fiscalQuarterRange(2568, 5 as 1)).toThrow(RangeError);
    expect(() => fiscalQuarterRange(2568, 0 as 1)).toThrow(RangeError);
  });
});

describe("formatFiscalYear", () => {
  it("formats in Thai by default and in English with the CE span", () => {
    expect(formatFiscalYear(2568)).toBe("ปีงบประมาณ พ.ศ. 2568");
    expect(formatFiscalYear(2568, "th")).toBe("ปีงบประมาณ พ.ศ. 2568");
    expect(formatFiscalYear(2568, "en")).toBe("FY 2568 (2024–25)");
    expect(formatFiscalYear(2543, "en")).toBe("FY 2543 (1999–00)");
    expect(formatFiscalYear(2553, "en")).toBe("FY 2553 (2009–10)");
  });
});
