import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bahtText, formatBaht, thaiNumberText, toSatang } from "./bahttext.js";

/** Independent reader of Thai number words back into a BigInt, used to check bahtText round-trips. */
function readThaiNumber(words: string): bigint {
  const digits: Record<string, bigint> = {
    ศูนย์: 0n, หนึ่ง: 1n, เอ็ด: 1n, สอง: 2n, ยี่: 2n, สาม: 3n, สี่: 4n, ห้า: 5n, หก: 6n, เจ็ด: 7n, แปด: 8n, เก้า: 9n,
  };
  const places: Record<string, bigint> = { สิบ: 10n, ร้อย: 100n, พัน: 1000n, หมื่น: 10_000n, แสน: 100_000n };
  const tokens = [...Object.keys(digits), ...Object.keys(places), "ล้าน"].sort((a, b) => b.length - a.length);
  let acc = 0n;
  let group = 0n;
  let pending: bigint | null = null;
  let rest = words;
  while (rest.length > 0) {
    const token = tokens.find((t) => rest.startsWith(t));
    if (!token) throw new Error(`cannot read ${JSON.stringify(rest)}`);
    rest = rest.slice(token.length);
    if (token in digits) pending = digits[token];
    else if (token === "ล้าน") {
      acc = (acc + group + (pending ?? 0n)) * 1_000_000n;
      group = 0n;
      pending = null;
    } else {
      group += (pending ?? 1n) * places[token];
      pending = null;
    }
  }
  return acc + group + (pending ?? 0n);
}

/** Reads a full bahtText output back into satang. */
function readBahtText(text: string): bigint {
  const m = /^(ลบ)?(?:(.+?)บาท)?(?:ถ้วน|(.+)สตางค์)$/.exec(text);
  if (!m) throw new Error(`unexpected shape: ${text}`);
  const baht = m[2] ? readThaiNumber(m[2]) : 0n;
  const satang = m[3] ? readThaiNumber(m[3]) : 0n;
  const total = baht * 100n + satang;
  return m[1] ? -total : total;
}

describe("bahtText", () => {
  it.each([
    [1234.5, "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"],
    [100, "หนึ่งร้อยบาทถ้วน"],
    [21, "ยี่สิบเอ็ดบาทถ้วน"],
    [11, "สิบเอ็ดบาทถ้วน"],
    [101, "หนึ่งร้อยเอ็ดบาทถ้วน"],
    [0, "ศูนย์บาทถ้วน"],
    [0.25, "ยี่สิบห้าสตางค์"],
    [1_000_000, "หนึ่งล้านบาทถ้วน"],
    [21_000_000, "ยี่สิบเอ็ดล้านบาทถ้วน"],
  ])("reads the documented example %s", (amount, words) => {
    expect(bahtText(amount)).toBe(words);
  });

  it.each([
    [1, "หนึ่งบาทถ้วน"],
    [2, "สองบาทถ้วน"],
    [10, "สิบบาทถ้วน"],
    [12, "สิบสองบาทถ้วน"],
    [20, "ยี่สิบบาทถ้วน"],
    [22, "ยี่สิบสองบาทถ้วน"],
    [31, "สามสิบเอ็ดบาทถ้วน"],
    [110, "หนึ่งร้อยสิบบาทถ้วน"],
    [111, "หนึ่งร้อยสิบเอ็ดบาทถ้วน"],
    [120, "หนึ่งร้อยยี่สิบบาทถ้วน"],
    [1001, "หนึ่งพันเอ็ดบาทถ้วน"],
    [1011, "หนึ่งพันสิบเอ็ดบาทถ้วน"],
    [2021, "สองพันยี่สิบเอ็ดบาทถ้วน"],
    [10_000, "หนึ่งหมื่นบาทถ้วน"],
    [100_001, "หนึ่งแสนเอ็ดบาทถ้วน"],
    [999_999, "เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทถ้วน"],
    [1_000_001, "หนึ่งล้านเอ็ดบาทถ้วน"],
    [1_000_010, "หนึ่งล้านสิบบาทถ้วน"],
    [1_000_021, "หนึ่งล้านยี่สิบเอ็ดบาทถ้วน"],
    [1_234_567, "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทถ้วน"],
    [10_000_000, "สิบล้านบาทถ้วน"],
    [11_000_000, "สิบเอ็ดล้านบาทถ้วน"],
    [11_000_001, "สิบเอ็ดล้านเอ็ดบาทถ้วน"],
    [101_000_000, "หนึ่งร้อยเอ็ดล้านบาทถ้วน"],
    [1_000_000_000, "หนึ่งพันล้านบาทถ้วน"],
  ])("reads the integer %s", (amount, words) => {
    expect(bahtText(amount)).toBe(words);
  });

  it("repeats ล้าน for amounts ≥ 10^12", () => {
    expect(bahtText("1000000000000")).toBe("หนึ่งล้านล้านบาทถ้วน");
    expect(bahtText("2000000000000.00")).toBe("สองล้านล้านบาทถ้วน");
    expect(bahtText("1000001000000")).toBe("หนึ่งล้านเอ็ดล้านบาทถ้วน");
    expect(bahtText("1000001000001")).toBe("หนึ่งล้านเอ็ดล้านเอ็ดบาทถ้วน");
    expect(bahtText("21000000000000")).toBe("ยี่สิบเอ็ดล้านล้านบาทถ้วน");
    expect(bahtText("1000000000000000000")).toBe("หนึ่งล้านล้านล้านบาทถ้วน");
    // numeric(16,2) maximum
    expect(bahtText("99999999999999.99")).toBe(
      "เก้าสิบเก้าล้านเก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าล้านเก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทเก้าสิบเก้าสตางค์",
    );
  });

  it("reads satang", () => {
    expect(bahtText(0.01)).toBe("หนึ่งสตางค์");
    expect(bahtText("0.10")).toBe("สิบสตางค์");
    expect(bahtText("0.11")).toBe("สิบเอ็ดสตางค์");
    expect(bahtText("0.21")).toBe("ยี่สิบเอ็ดสตางค์");
    expect(bahtText("0.99")).toBe("เก้าสิบเก้าสตางค์");
    expect(bahtText("1.01")).toBe("หนึ่งบาทหนึ่งสตางค์");
    expect(bahtText("100.50")).toBe("หนึ่งร้อยบาทห้าสิบสตางค์");
    expect(bahtText("21.21")).toBe("ยี่สิบเอ็ดบาทยี่สิบเอ็ดสตางค์");
    expect(bahtText("5.00")).toBe("ห้าบาทถ้วน");
    expect(bahtText("5.")).toBe("ห้าบาทถ้วน");
    expect(bahtText(".5")).toBe("ห้าสิบสตางค์");
  });

  it("rounds satang half-up on the decimal string, not on a float", () => {
    expect(bahtText("0.005")).toBe("หนึ่งสตางค์");
    expect(bahtText("0.0049999")).toBe("ศูนย์บาทถ้วน");
    expect(bahtText("0.995")).toBe("หนึ่งบาทถ้วน");
    expect(bahtText("9.999")).toBe("สิบบาทถ้วน");
    expect(bahtText("999999.995")).toBe("หนึ่งล้านบาทถ้วน");
    expect(bahtText(1.005)).toBe("หนึ่งบาทหนึ่งสตางค์"); // (1.005).toFixed(2) would give "1.00"
    expect(bahtText(1.015)).toBe("หนึ่งบาทสองสตางค์");
  });

  it("prefixes negative amounts with ลบ, but never reads ลบศูนย์", () => {
    expect(bahtText(-5)).toBe("ลบห้าบาทถ้วน");
    expect(bahtText("-1234.50")).toBe("ลบหนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์");
    expect(bahtText("-0.25")).toBe("ลบยี่สิบห้าสตางค์");
    expect(bahtText("-0.005")).toBe("ลบหนึ่งสตางค์"); // half away from zero
    expect(bahtText("-0.004")).toBe("ศูนย์บาทถ้วน");
    expect(bahtText(-0)).toBe("ศูนย์บาทถ้วน");
    expect(bahtText("-0.00")).toBe("ศูนย์บาทถ้วน");
  });

  it("accepts database strings, thousands separators, signs, spaces and exponents", () => {
    expect(bahtText("1,000,001")).toBe("หนึ่งล้านเอ็ดบาทถ้วน");
    expect(bahtText("1,234.50")).toBe("หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์");
    expect(bahtText(" +21 ")).toBe("ยี่สิบเอ็ดบาทถ้วน");
    expect(bahtText("000101.00")).toBe("หนึ่งร้อยเอ็ดบาทถ้วน");
    expect(bahtText(1e21)).toBe("หนึ่งพันล้านล้านล้านบาทถ้วน");
    expect(bahtText("1.5e3")).toBe("หนึ่งพันห้าร้อยบาทถ้วน");
    expect(bahtText("25e-2")).toBe("ยี่สิบห้าสตางค์");
    expect(bahtText(1.5e-7)).toBe("ศูนย์บาทถ้วน");
  });

  it.each(["", "   ", "abc", "1.2.3", "1,23", "12,34.5", "--1", "+-1", "1 000", "1e", ".", "-", "๑๐๐", "0x10", "1e99999"])(
    "rejects the string %j",
    (bad) => {
      expect(() => bahtText(bad)).toThrow(RangeError);
    },
  );

  it("rejects non-finite numbers and non-numeric types", () => {
    expect(() => bahtText(Number.NaN)).toThrow(RangeError);
    expect(() => bahtText(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => bahtText(null as unknown as number)).toThrow(TypeError);
    expect(() => bahtText({} as unknown as number)).toThrow(TypeError);
  });

  it("reads back to the same number of satang (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (satang) => {
        const abs = satang < 0n ? -satang : satang;
        const text = `${satang < 0n ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
        expect(readBahtText(bahtText(text))).toBe(satang);
      }),
      { numRuns: 3000 },
    );
  });

  it("reads back every amount below 10 000 baht exactly (exhaustive on the integer part)", () => {
    for (let n = 0; n < 10_000; n++) expect(readBahtText(bahtText(n))).toBe(BigInt(n) * 100n);
  });

  it("uses เอ็ด exactly when a units 1 follows a higher non-zero digit (property)", () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 18n }), (n) => {
      const words = bahtText(n.toString());
      if (n % 10n === 1n && n > 1n) expect(words.endsWith("เอ็ดบาทถ้วน")).toBe(true);
      if (n === 1n) expect(words).toBe("หนึ่งบาทถ้วน");
      expect(words).not.toMatch(/หนึ่งสิบ|สองสิบ|ศูนย์|undefined/);
    }));
  });
});

describe("toSatang", () => {
  it("converts exactly, beyond the float-safe range", () => {
    expect(toSatang("1234.5")).toBe(123450n);
    expect(toSatang(1234.5)).toBe(123450n);
    expect(toSatang("99999999999999.99")).toBe(9999999999999999n);
    expect(toSatang("123456789012345678.99")).toBe(12345678901234567899n);
    expect(toSatang("-0.005")).toBe(-1n);
    expect(toSatang("0.004999")).toBe(0n);
    expect(toSatang("-0")).toBe(0n);
  });

  it("matches exact integer arithmetic for any 2-decimal string (property)", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 999 }), (whole, thousandths) => {
      const text = `${whole}.${String(thousandths).padStart(3, "0")}`;
      const expected = whole * 100n + BigInt(Math.floor(thousandths / 10)) + (thousandths % 10 >= 5 ? 1n : 0n);
      expect(toSatang(text)).toBe(expected);
    }));
  });
});

describe("thaiNumberText", () => {
  it("reads digit strings without a currency unit", () => {
    expect(thaiNumberText("0")).toBe("ศูนย์");
    expect(thaiNumberText("000")).toBe("ศูนย์");
    expect(thaiNumberText("21")).toBe("ยี่สิบเอ็ด");
    expect(thaiNumberText("0101")).toBe("หนึ่งร้อยเอ็ด");
    expect(thaiNumberText("1000000000000")).toBe("หนึ่งล้านล้าน");
    expect(() => thaiNumberText("12.5")).toThrow(RangeError);
    expect(() => thaiNumberText("")).toThrow(RangeError);
  });
});

describe("formatBaht", () => {
  it("formats with separators and two decimals", () => {
    expect(formatBaht("1234567.5")).toBe("1,234,567.50 บาท");
    expect(formatBaht(1234567.5, "th")).toBe("1,234,567.50 บาท");
    expect(formatBaht("1234567.50", "en")).toBe("THB 1,234,567.50");
    expect(formatBaht(0)).toBe("0.00 บาท");
    expect(formatBaht(0.5, "en")).toBe("THB 0.50");
    expect(formatBaht(999)).toBe("999.00 บาท");
    expect(formatBaht(1000)).toBe("1,000.00 บาท");
    expect(formatBaht("99999999999999.99", "en")).toBe("THB 99,999,999,999,999.99");
  });

  it("rounds half-up and signs negatives", () => {
    expect(formatBaht("1.005")).toBe("1.01 บาท");
    expect(formatBaht("999.995")).toBe("1,000.00 บาท");
    expect(formatBaht("-1234.5")).toBe("-1,234.50 บาท");
    expect(formatBaht(-1234.5, "en")).toBe("-THB 1,234.50");
    expect(formatBaht("-0.001")).toBe("0.00 บาท");
  });

  it("rejects invalid amounts", () => {
    expect(() => formatBaht("abc")).toThrow(RangeError);
    expect(() => formatBaht(Number.NaN)).toThrow(RangeError);
  });
});
