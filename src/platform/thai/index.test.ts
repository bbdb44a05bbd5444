import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as thai from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("Thai kernel public surface", () => {
  it("re-exports every public function", () => {
    const functions = [
      // dates
      "toBuddhistYear", "fromBuddhistYear", "isLeapYear", "daysInMonth", "isoDate", "isIsoDate", "parseIsoDate",
      "addDays", "diffDays", "dayOfWeek", "dateRange", "bangkokDateOf", "bangkokToday", "toCalendarDate",
      "formatThaiDate", "parseThaiDate", "thaiDigitsToArabic", "ThaiDateParseError",
      // fiscal-year
      "fiscalYearOf", "fiscalYearRange", "fiscalMonthIndex", "fiscalQuarterOf", "fiscalQuarterRange", "formatFiscalYear",
      // deadlines
      "addCalendarDays", "isBusinessDay", "addBusinessDays", "businessDaysBetween", "calendarDeadline", "daysOverdue",
      "holidayCalendar",
      // segment
      "thaiWords", "searchTerms", "searchText", "tsQueryFromText",
      // bahttext
      "bahtText", "formatBaht", "toSatang", "thaiNumberText",
    ];
    const exported = thai as Record<string, unknown>;
    for (const name of functions) expect(typeof exported[name], name).toBe("function");
    expect(thai.BE_OFFSET).toBe(543);
    expect(thai.BANGKOK_TIME_ZONE).toBe("Asia/Bangkok");
  });

  it("kernel sources are browser-safe: only relative imports, no Node globals", () => {
    expect(sources).toEqual(
      expect.arrayContaining(["bahttext.ts", "dates.ts", "deadlines.ts", "fiscal-year.ts", "index.ts", "segment.ts"]),
    );
    for (const file of sources) {
      const code = readFileSync(join(here, file), "utf8");
      const specifiers = [...code.matchAll(/\bfrom\s+["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']/g)].map(
        (m) => m[1] ?? m[2],
      );
      for (const spec of specifiers) expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[\w-]+\.js$/);
      expect(code, file).not.toMatch(/\b(?:process|Buffer|require|__dirname)\b|node:/);
    }
  });
});
