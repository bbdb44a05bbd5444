// Money in the planning module is counted in satang as bigint: numeric(16,2) holds more than a double
// represents exactly, so no float ever adds, compares or stores baht. One place for the arithmetic.

/** Baht (numeric text from the database, or a number with at most two decimals from a contract) → satang. */
export const satang = (v: string | number | null | undefined): bigint => {
  if (v === null || v === undefined || v === "") return 0n;
  const t = typeof v === "number" ? v.toFixed(2) : v;
  const neg = t.startsWith("-");
  const [w, f = ""] = (neg ? t.slice(1) : t).split(".");
  const s = BigInt(w || "0") * 100n + BigInt((f + "00").slice(0, 2));
  return neg ? -s : s;
};

/** Satang → numeric(16,2) text ("1250000.50"), what the database stores and the API returns. */
export const bahtText = (s: bigint): string => {
  const neg = s < 0n;
  const a = neg ? -s : s;
  return `${neg ? "-" : ""}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
};

export const sumSatang = (xs: readonly (string | number | null | undefined)[]): bigint => xs.reduce<bigint>((s, x) => s + satang(x), 0n);

/** The total of budget lines as numeric text. */
export const sumLines = (xs: readonly { amount: string | number }[]): string => bahtText(sumSatang(xs.map((x) => x.amount)));

/** a / b as a percentage with two decimals (0 when b is 0). */
export const pct = (a: bigint, b: bigint): number => (b === 0n ? 0 : Number((a * 10000n) / b) / 100);

/** "1,250,000.50 บาท" / "1,250,000.50 baht" in messages. */
export const bahtWords = (s: bigint, lang: "th" | "en"): string =>
  `${Number(s / 100n).toLocaleString(lang === "th" ? "th-TH" : "en-GB")}${s % 100n ? `.${(s % 100n).toString().padStart(2, "0")}` : ""} ${lang === "th" ? "บาท" : "baht"}`;
