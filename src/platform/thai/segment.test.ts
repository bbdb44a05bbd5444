import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_QUERY_TERMS, MAX_TERM_LENGTH, searchTerms, searchText, thaiWords, tsQueryFromText, withThaiWordBreaks } from "./segment.js";

// A term is quoted and may only hold letters, combining marks (Thai vowels/tones) and digits.
const TERM = String.raw`'[\p{L}\p{M}\p{N}]+':\*`;
const TSQUERY_RE = new RegExp(`^${TERM}(?: & ${TERM})*$`, "u");

const SPECIALS = ["'", "&", "|", "!", ":", "(", ")", "\\", "*", "<->", "<", ">", '"', "''", "\\'", ":*", "-", " ", "\t", "\n", "\u0000", "\u200b", "\u0e31", "\u0301", "😀", "๑"];
const WORDS = ["ผู้ว่าราชการ", "จังหวัด", "ขอนแก่น", "งบประมาณ", "Khon", "Kaen", "O'Brien", "AT&T", "2568", "๒๕๖๘", "a:b", "x|y", "(z)", "\\n"];
const nastyText = fc
  .array(fc.oneof(fc.constantFrom(...SPECIALS), fc.constantFrom(...WORDS), fc.string({ maxLength: 6 }), fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 12 })
  .map((parts) => parts.join(""));
/** Random Thai + printable ASCII text, including invalid Thai sequences. */
const thaiAsciiText = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x0e01, max: 0x0e5b }))
    .map((c) => String.fromCharCode(c)),
  maxLength: 40,
});

describe("thaiWords", () => {
  it("segments Thai without spaces and drops spaces/punctuation", () => {
    const words = thaiWords("สวัสดีครับ, ผู้ว่าราชการจังหวัด!");
    expect(words).toContain("สวัสดี");
    expect(words).toContain("ครับ");
    expect(words).toContain("จังหวัด");
    expect(words.join("")).toBe("สวัสดีครับผู้ว่าราชการจังหวัด");
    expect(words.every((w) => !/[\s,!]/u.test(w))).toBe(true);
  });

  it("lower-cases Latin and keeps mixed scripts apart", () => {
    expect(thaiWords("Hello WORLD")).toEqual(["hello", "world"]);
    expect(thaiWords("จังหวัด Khon Kaen")).toEqual(["จังหวัด", "khon", "kaen"]);
  });

  it("converts Thai digits to Arabic digits", () => {
    expect(thaiWords("ปี ๒๕๖๘")).toEqual(["ปี", "2568"]);
    expect(thaiWords("๑๒๓")).toEqual(["123"]);
  });

  it("NFC-normalises (decomposed and composed input give the same words)", () => {
    expect(thaiWords("Cafe\u0301")).toEqual(["café"]);
    expect(thaiWords("Cafe\u0301")[0]).toBe("caf\u00e9");
    // Thai SARA AM written as NIKHAHIT + SARA AA is not canonically equivalent, but ำ itself must survive.
    expect(thaiWords("น้ำ").join("")).toBe("น้ำ");
  });

  it("returns [] for empty, whitespace-only, punctuation-only and nullish input", () => {
    expect(thaiWords("")).toEqual([]);
    expect(thaiWords("   \n\t")).toEqual([]);
    expect(thaiWords("!!! ... ,,,")).toEqual([]);
    expect(thaiWords(null)).toEqual([]);
    expect(thaiWords(undefined)).toEqual([]);
  });

  it("keeps the letters and digits of a run ICU calls not word-like (a stray mark after punctuation)", () => {
    expect(thaiWords("0_ิ").join("")).toContain("0"); // found by the property below (CI run 10)
  });

  it("loses no letters or digits of Thai/ASCII input", () => {
    fc.assert(fc.property(fc.oneof(thaiAsciiText, fc.constantFrom(...WORDS)), (text) => {
      const keep = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, "");
      const expected = keep(text.normalize("NFC").toLowerCase().normalize("NFC")).replace(/[๐-๙]/g, (c) =>
        String(c.charCodeAt(0) - 0x0e50),
      );
      expect(keep(thaiWords(text).join(""))).toBe(expected);
    }), { examples: [["0_ิ"]] });
  });
});

describe("searchTerms / searchText", () => {
  it("splits words on inner punctuation like PostgreSQL's parser would", () => {
    expect(searchTerms("O'Brien's AT&T 3.14 e-mail")).toEqual(["o", "brien", "s", "at", "t", "3", "14", "e", "mail"]);
  });

  it("joins the words of all parts with single spaces and skips nullish parts", () => {
    expect(searchText("Khon Kaen", null, undefined, "", "ขอนแก่น")).toBe("khon kaen ขอนแก่น");
    expect(searchText()).toBe("");
    expect(searchText(null, undefined)).toBe("");
    expect(searchText("ปี ๒๕๖๘/๑๒๓")).toBe("ปี 2568 123");
  });

  it("produces only letter/digit terms separated by single spaces", () => {
    fc.assert(fc.property(fc.array(fc.option(nastyText), { maxLength: 4 }), (parts) => {
      const doc = searchText(...parts);
      expect(doc).toMatch(/^(?:[\p{L}\p{M}\p{N}]+(?: [\p{L}\p{M}\p{N}]+)*)?$/u);
    }));
  });
});

describe("tsQueryFromText", () => {
  it("builds an AND of quoted prefix terms", () => {
    expect(tsQueryFromText("Khon Kaen")).toBe("'khon':* & 'kaen':*");
    expect(tsQueryFromText("ขอนแก่น 2568")).toMatch(/^'ขอนแก่น':\* & '2568':\*$/u);
    expect(tsQueryFromText("๒๕๖๘")).toBe("'2568':*");
  });

  it("segments Thai queries the same way as the stored text", () => {
    const query = tsQueryFromText("ผู้ว่าราชการจังหวัด")!;
    const stored = new Set(searchText("สำนักงาน ผู้ว่าราชการจังหวัด ขอนแก่น").split(" "));
    for (const term of query.split(" & ")) expect(stored.has(term.slice(1, -3))).toBe(true);
  });

  it("strips tsquery syntax and quotes from user input", () => {
    expect(tsQueryFromText("it's")).toBe("'it':* & 's':*");
    expect(tsQueryFromText("a & b | !c")).toBe("'a':* & 'b':* & 'c':*");
    expect(tsQueryFromText("foo:* <-> (bar)")).toBe("'foo':* & 'bar':*");
    expect(tsQueryFromText("back\\slash'quote''")).toBe("'back':* & 'slash':* & 'quote':*");
  });

  it("returns null when nothing searchable remains", () => {
    expect(tsQueryFromText("")).toBeNull();
    expect(tsQueryFromText("   ")).toBeNull();
    expect(tsQueryFromText("' & | ! : ( ) \\ *")).toBeNull();
    expect(tsQueryFromText(null)).toBeNull();
    expect(tsQueryFromText(undefined)).toBeNull();
    expect(tsQueryFromText("\u0301\u0e31")).toBeNull(); // lone combining marks
  });

  it("de-duplicates terms", () => {
    expect(tsQueryFromText("Kaen kaen KAEN")).toBe("'kaen':*");
  });

  it("caps the number of terms and the length of each term", () => {
    const many = Array.from({ length: MAX_QUERY_TERMS + 10 }, (_, i) => `w${i}`).join(" ");
    expect(tsQueryFromText(many)!.split(" & ")).toHaveLength(MAX_QUERY_TERMS);
    const long = tsQueryFromText("a".repeat(5000))!;
    expect(long).toBe(`'${"a".repeat(MAX_TERM_LENGTH)}':*`);
    const longThai = tsQueryFromText("ก้".repeat(500));
    expect(longThai).toMatch(TSQUERY_RE);
    expect(Array.from(longThai!.slice(1, -3)).length).toBeLessThanOrEqual(MAX_TERM_LENGTH);
  });

  it("never emits anything but the strict tsquery shape (property)", () => {
    fc.assert(
      fc.property(nastyText, (text) => {
        const q = tsQueryFromText(text);
        if (q !== null) expect(q).toMatch(TSQUERY_RE);
      }),
      { numRuns: 2000 },
    );
  });

  it("never emits anything but the strict tsquery shape for arbitrary Unicode (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), (a, b) => {
        for (const text of [a, b, a + "'" + b, `${a}&${b}|!:(\\`]) {
          const q = tsQueryFromText(text);
          if (q !== null) expect(q).toMatch(TSQUERY_RE);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("only searches for terms that searchText would store for the same text (property)", () => {
    fc.assert(fc.property(nastyText, (text) => {
      const q = tsQueryFromText(text);
      if (q === null) {
        expect(searchText(text)).toBe("");
        return;
      }
      const stored = new Set(searchText(text).split(" "));
      for (const term of q.split(" & ")) expect(stored.has(term.slice(1, -3))).toBe(true);
    }));
  });
});

describe("withThaiWordBreaks", () => {
  it("puts a zero-width space between Thai words only, keeping the text otherwise unchanged", () => {
    const text = "ผลการดำเนินงาน 2,380 จุด อยู่ระหว่างค่าเป้าหมายระดับ 3 (พ.ย. 2569) Hotspots";
    const out = withThaiWordBreaks(text);
    expect(out.replaceAll("\u200B", "")).toBe(text);
    expect(out).toContain("ผล\u200Bการ");
    expect(out).toContain("อยู่\u200Bระหว่าง");
    expect(out).toContain("พ.ย.");
    expect(withThaiWordBreaks("Hello world")).toBe("Hello world");
  });

  it("never breaks before a combining mark, ๆ or ฯ, and is lossless on any Thai/ASCII text", () => {
    expect(withThaiWordBreaks("มากๆ")).not.toContain("\u200Bๆ");
    fc.assert(
      fc.property(thaiAsciiText, (t) => {
        const out = withThaiWordBreaks(t);
        expect(out.replaceAll("\u200B", "")).toBe(t.replaceAll("\u200B", ""));
        expect(out).not.toMatch(/\u200B[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E\u0E2F\u0E46]/u);
      }),
    );
  });
});
