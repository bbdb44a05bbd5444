// Baht amounts in words (as on cheques, receipts and contracts) and as figures. Amounts arrive as
// numeric(16,2) strings from the database, so all rounding is done on decimal digits with BigInt:
// a float would turn 1.005 into 1.00 and lose precision above 2^53 satang.

const DIGIT_WORDS = ["ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"];
const PLACE_WORDS = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"];
const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
const GROUPED_RE = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/** A money amount: a JS number or a decimal string such as `"1234.50"`, `"-0.25"` or `"1,234.50"`. */
export type MoneyInput = number | string;

/** Reads a baht amount in Thai words, e.g. 1234.5 → `หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์`, 100 → `หนึ่งร้อยบาทถ้วน` (satang rounded half-up). */
export function bahtText(amount: MoneyInput): string {
  const satang = toSatang(amount);
  if (satang === 0n) return "ศูนย์บาทถ้วน";
  const negative = satang < 0n;
  const abs = negative ? -satang : satang;
  const baht = abs / 100n;
  const cents = abs % 100n;
  let text = negative ? "ลบ" : "";
  if (baht > 0n) text += readInteger(baht.toString()) + "บาท";
  text += cents === 0n ? "ถ้วน" : readInteger(cents.toString()) + "สตางค์";
  return text;
}

/** Formats a baht amount with thousands separators and two decimals: `1,234,567.50 บาท` (th) or `THB 1,234,567.50` (en). */
export function formatBaht(amount: MoneyInput, locale: "th" | "en" = "th"): string {
  const satang = toSatang(amount);
  const negative = satang < 0n;
  const abs = negative ? -satang : satang;
  const figures = `${groupThousands((abs / 100n).toString())}.${(abs % 100n).toString().padStart(2, "0")}`;
  const sign = negative ? "-" : "";
  return locale === "th" ? `${sign}${figures} บาท` : `${sign}THB ${figures}`;
}

/** Converts an amount to an exact whole number of satang, rounding half away from zero on the decimal digits. */
export function toSatang(amount: MoneyInput): bigint {
  const { negative, intDigits, fracDigits } = parseDecimal(amount);
  let satang = BigInt((intDigits || "0") + fracDigits.slice(0, 2).padEnd(2, "0"));
  if ((fracDigits[2] ?? "0") >= "5") satang += 1n;
  return negative && satang !== 0n ? -satang : satang;
}

/** Reads a non-negative integer given as a digit string in Thai words (e.g. `"21"` → `ยี่สิบเอ็ด`), without the currency unit. */
export function thaiNumberText(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError(`Expected a digit string, got ${JSON.stringify(digits)}`);
  const trimmed = digits.replace(/^0+/, "");
  return trimmed === "" ? DIGIT_WORDS[0] : readInteger(trimmed);
}

// Reads a positive integer without leading zeros. Above six digits the part before the last six is
// read recursively and followed by ล้าน, so 10^12 → หนึ่งล้านล้าน. A units 1 reads เอ็ด whenever any
// higher digit of the whole number is non-zero (11, 101, 1,000,001 → …เอ็ด), as Excel BAHTTEXT does.
function readInteger(digits: string, hasHigher = false): string {
  if (digits.length > 6) {
    const high = digits.slice(0, -6).replace(/^0+/, "");
    const low = digits.slice(-6);
    return readInteger(high, hasHigher) + "ล้าน" + readGroup(low, true);
  }
  return readGroup(digits, hasHigher);
}

function readGroup(group: string, hasHigher: boolean): string {
  let out = "";
  let seenNonZero = hasHigher;
  for (let i = 0; i < group.length; i++) {
    const d = group.charCodeAt(i) - 48;
    const place = group.length - 1 - i;
    if (d === 0) continue;
    if (place === 1) out += d === 1 ? "สิบ" : d === 2 ? "ยี่สิบ" : DIGIT_WORDS[d] + "สิบ";
    else if (place === 0) out += d === 1 && seenNonZero ? "เอ็ด" : DIGIT_WORDS[d];
    else out += DIGIT_WORDS[d] + PLACE_WORDS[place];
    seenNonZero = true;
  }
  return out;
}

interface ParsedDecimal {
  negative: boolean;
  intDigits: string;
  fracDigits: string;
}

function parseDecimal(amount: MoneyInput): ParsedDecimal {
  let text: string;
  if (typeof amount === "number") {
    if (!Number.isFinite(amount)) throw new RangeError(`Amount must be finite, got ${amount}`);
    // String() gives the shortest round-trip decimal (1.005 → "1.005"), which we then round exactly.
    text = String(amount);
  } else if (typeof amount === "string") {
    text = amount.trim();
    if (GROUPED_RE.test(text)) text = text.replace(/,/g, "");
  } else {
    throw new TypeError(`Amount must be a number or a decimal string, got ${typeof amount}`);
  }
  const m = DECIMAL_RE.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) {
    throw new RangeError(`Not a decimal amount: ${JSON.stringify(amount)}`);
  }
  let intDigits = m[2];
  let fracDigits = m[3] ?? "";
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  if (Math.abs(exponent) > 1000) throw new RangeError(`Amount out of range: ${JSON.stringify(amount)}`);
  if (exponent > 0) {
    const moved = fracDigits.padEnd(exponent, "0");
    intDigits += moved.slice(0, exponent);
    fracDigits = moved.slice(exponent);
  } else if (exponent < 0) {
    const padded = intDigits.padStart(-exponent, "0");
    fracDigits = padded.slice(padded.length + exponent) + fracDigits;
    intDigits = padded.slice(0, padded.length + exponent);
  }
  return { negative: m[1] === "-", intDigits: intDigits.replace(/^0+(?=\d)/, ""), fracDigits };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
