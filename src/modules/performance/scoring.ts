/**
 * Performance-agreement scoring (คำรับรองการปฏิบัติราชการ) — a pure engine: no database, no I/O, no clock.
 *
 * Two schemes, recorded as JSON with each agreement (docs/SCORING.md states the rules and their sources):
 *  - "five-level" (เกณฑ์การให้คะแนน 5 ระดับ): each KPI has target values for scores 1..5; a result between two
 *    levels is interpolated linearly; the score is capped to [1, 5]; the direction says whether a higher or a
 *    lower value is better. Milestone KPIs (ระดับขั้นของความสำเร็จ) score the highest step reached in order.
 *    Round total = Σ(weight × score), weights summing to 1.
 *  - "pb-pt": Performance Base (70 %) + Potential Base (30 %); a tiered KPI has three targets — threshold
 *    (ขั้นต้น), standard (มาตรฐาน), challenge (ขั้นสูง) — worth 50 / 70 / 100 points (parameters), linear in
 *    between, `belowThresholdPoints` below the threshold and 100 above the challenge; an assessed item carries
 *    the assessor's points (0..100) directly.
 *
 * Arithmetic is exact: every input number is read as the decimal it prints as (0.1 is 1/10, not 0.1000000000000000055),
 * interpolation is done on BigInt fractions and rounded half-up to the scheme's `decimals`; weights are whole basis
 * points (0.01 %) and must sum to exactly 10 000. Item scores are rounded first, and the total is computed from the
 * rounded item scores, so the total always equals what the explanation shows.
 */
import { z } from "zod";
import { ValidationError, type FieldError } from "../../platform/errors.js";

// ───────────────────────────── schemas (stored as JSON with the agreement) ─────────────────────────────

/** Follow-up rounds of an agreement: 6, 9 and 12 months; the 12-month round is the final assessment. */
export const Round = z.union([z.literal(6), z.literal(9), z.literal(12)]);
export type Round = z.infer<typeof Round>;
export const ROUNDS: readonly Round[] = [6, 9, 12];

export const Direction = z.enum(["higher-is-better", "lower-is-better"]);
export type Direction = z.infer<typeof Direction>;

const finite = () => z.number().refine(Number.isFinite, "must be a finite number");

/** A weight as a fraction of 1, in whole basis points (0.0001 = 0.01 %). */
export const Weight = finite()
  .gt(0, "a weight must be greater than 0")
  .max(1, "a weight cannot exceed 1")
  .refine((w) => toBasisPoints(w) !== null, "a weight must be a multiple of 0.0001 (one basis point, 0.01 %)");

export const BilingualText = z.object({ th: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) });
export type BilingualText = z.infer<typeof BilingualText>;

/** Target values for scores 1, 2, 3, 4, 5 — strictly increasing (higher-is-better) or decreasing (lower-is-better). */
export const FiveLevelTargets = z.tuple([finite(), finite(), finite(), finite(), finite()]);
export type FiveLevelTargets = z.infer<typeof FiveLevelTargets>;

/** A measured KPI: ค่าเป้าหมายระดับ 1–5; optional different targets for the 6- and 9-month rounds. */
export const FiveLevelNumericCriteria = z.object({
  kind: z.literal("five-level-numeric"),
  direction: Direction,
  levels: FiveLevelTargets,
  roundLevels: z.object({ "6": FiveLevelTargets.optional(), "9": FiveLevelTargets.optional() }).optional(),
  unit: z.string().trim().max(60).optional(),
});
/** A milestone KPI (ระดับขั้นของความสำเร็จ, Milestone): the result is the highest step completed in order, 0..5. */
export const FiveLevelMilestoneCriteria = z.object({
  kind: z.literal("five-level-milestone"),
  steps: z.tuple([BilingualText, BilingualText, BilingualText, BilingualText, BilingualText]),
});

export const TierTargets = z.object({ threshold: finite(), standard: finite(), challenge: finite() });
export type TierTargets = z.infer<typeof TierTargets>;
/** A Performance-Base KPI with three targets: threshold (ขั้นต้น), standard (มาตรฐาน), challenge (ขั้นสูง). */
export const TieredCriteria = z.object({
  kind: z.literal("tiered"),
  direction: Direction,
  targets: TierTargets,
  roundTargets: z.object({ "6": TierTargets.optional(), "9": TierTargets.optional() }).optional(),
  unit: z.string().trim().max(60).optional(),
});
/** An item whose points (0..100) are given by the assessor, e.g. a Potential-Base assessment. */
export const AssessedCriteria = z.object({ kind: z.literal("assessed") });

export const Criteria = z.discriminatedUnion("kind", [FiveLevelNumericCriteria, FiveLevelMilestoneCriteria, TieredCriteria, AssessedCriteria]);
export type Criteria = z.infer<typeof Criteria>;

/** What happens to a KPI without a result: left out (remaining weights renormalised) or counted at the scale's minimum. */
export const MissingPolicy = z.enum(["exclude", "minimum"]);
export type MissingPolicy = z.infer<typeof MissingPolicy>;
const MissingResults = z.object({ interim: MissingPolicy, final: MissingPolicy });

export const FiveLevelScheme = z.object({
  type: z.literal("five-level"),
  /** Decimal places of item scores and of the total (OPDC reports 4: "ค่าคะแนนที่ได้ 3.5000"). */
  decimals: z.number().int().min(0).max(6).default(4),
  missingResults: MissingResults.default({ interim: "exclude", final: "minimum" }),
});
export type FiveLevelScheme = z.infer<typeof FiveLevelScheme>;

export const RatingBand = z.object({ min: finite().min(0).max(100), th: z.string().min(1).max(200), en: z.string().min(1).max(200) });
export type RatingBand = z.infer<typeof RatingBand>;

export const DEFAULT_RATING_BANDS: RatingBand[] = [
  { min: 90, th: "ระดับคุณภาพ", en: "Quality level" },
  { min: 75, th: "ระดับมาตรฐานขั้นสูง", en: "Standard level (upper)" },
  { min: 60, th: "ระดับมาตรฐานขั้นต้น", en: "Standard level (basic)" },
  { min: 0, th: "ระดับต้องปรับปรุง", en: "Needs improvement" },
];

export const PbPtScheme = z.object({
  type: z.literal("pb-pt"),
  componentWeights: z
    .object({ performance: finite().min(0).max(1), potential: finite().min(0).max(1) })
    .default({ performance: 0.7, potential: 0.3 }),
  tierPoints: z
    .object({ threshold: finite().min(0).max(100), standard: finite().min(0).max(100), challenge: finite().min(0).max(100) })
    .default({ threshold: 50, standard: 70, challenge: 100 }),
  belowThresholdPoints: finite().min(0).max(100).default(0),
  decimals: z.number().int().min(0).max(6).default(3),
  missingResults: MissingResults.default({ interim: "exclude", final: "minimum" }),
  /** Rating of the total, highest `min` first. */
  ratingBands: z.array(RatingBand).min(1).max(10).default(DEFAULT_RATING_BANDS),
});
export type PbPtScheme = z.infer<typeof PbPtScheme>;

export const ScoringScheme = z.discriminatedUnion("type", [FiveLevelScheme, PbPtScheme]);
export type ScoringScheme = z.infer<typeof ScoringScheme>;

export const Component = z.enum(["performance", "potential"]);
export type Component = z.infer<typeof Component>;

/** One KPI of an agreement as the scoring engine needs it. `component` is required by the pb-pt scheme only. */
export const ScoredItem = z.object({
  id: z.string().trim().min(1).max(100),
  nameTh: z.string().trim().min(1).max(500),
  nameEn: z.string().trim().min(1).max(500),
  weight: Weight,
  component: Component.optional(),
  criteria: Criteria,
});
export type ScoredItem = z.infer<typeof ScoredItem>;

/** Everything scoring needs from an agreement; validate with this at the API when an agreement is saved. */
export const AgreementScoring = z
  .object({ scheme: ScoringScheme, items: z.array(ScoredItem).min(1).max(500) })
  .superRefine((def, ctx) => {
    for (const f of definitionIssues(def)) ctx.addIssue({ code: "custom", message: f.messageEn, path: f.path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)) });
  });
export type AgreementScoring = z.infer<typeof AgreementScoring>;

/** Results of one round: item id → measured value (or steps completed, or points), null when not reported. */
export const RoundResults = z.record(z.string().min(1).max(100), finite().nullable());
export type RoundResults = z.infer<typeof RoundResults>;

export const ScoreRoundInput = z.object({ round: Round, results: RoundResults });
export type ScoreRoundInput = z.infer<typeof ScoreRoundInput>;

// ───────────────────────────── outputs ─────────────────────────────

export type ItemBasis =
  | { kind: "no-result" }
  | { kind: "below-minimum"; bound: number; boundLabel: string }
  | { kind: "at-or-beyond-maximum"; bound: number; boundLabel: string }
  | { kind: "at-level"; target: number; label: string }
  | { kind: "interpolated"; lower: { target: number; label: string; points: number }; upper: { target: number; label: string; points: number } }
  | { kind: "milestone"; stepsCompleted: number }
  | { kind: "assessed" };

export type ItemScore = {
  itemId: string;
  nameTh: string;
  nameEn: string;
  component: Component | null;
  weight: number;
  weightBasisPoints: number;
  /** The reported value; null = not reported. */
  result: number | null;
  /** Score on the scheme's scale (1..5 or 0..100), rounded to `decimals`; null when not reported and left out. */
  score: number | null;
  /** "scored", "no-result-minimum" (not reported, counted at the minimum) or "no-result-excluded" (left out). */
  status: "scored" | "no-result-minimum" | "no-result-excluded";
  /** weight × score as shown in the explanation; null when left out. */
  weightedScore: number | null;
  basis: ItemBasis;
  /** Targets the score was measured against in this round (numeric and tiered criteria). */
  targetsUsed: readonly number[] | null;
  explanation: { th: string; en: string };
};

export type RoundScore = {
  schemeType: ScoringScheme["type"];
  round: Round;
  final: boolean;
  scale: { min: number; max: number };
  decimals: number;
  items: ItemScore[];
  /** Weighted total on the scale; null when no item counted (nothing reported and all left out). */
  total: number | null;
  /** Share of the total weight with a reported result (0..1). */
  reportedWeight: number;
  /** Share of the total weight that counted in the total (reported, or counted at the minimum). */
  countedWeight: number;
  /** True when every item has a result. */
  complete: boolean;
  /** pb-pt only: the two component scores (renormalised within each component) and their weights. */
  components: { performance: { weight: number; score: number | null }; potential: { weight: number; score: number | null } } | null;
  /** pb-pt only: the rating band of the total. */
  rating: { th: string; en: string } | null;
  explanation: { th: string; en: string };
};

// ───────────────────────────── exact decimals ─────────────────────────────

type Dec = { m: bigint; e: number }; // value = m / 10^e

const DEC_RE = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;
const POW10: bigint[] = [];
function pow10(n: number): bigint {
  if (n < 64) return (POW10[n] ??= 10n ** BigInt(n));
  return 10n ** BigInt(n);
}

/** The decimal a finite number prints as (its shortest round-trip representation), exactly. */
function dec(x: number): Dec {
  const s = String(x);
  const g = DEC_RE.exec(s);
  if (!g) throw new Error(`not a finite number: ${s}`);
  const frac = g[3] ?? "";
  let m = BigInt(g[2]! + frac);
  let e = frac.length - Number(g[4] ?? 0);
  if (e < 0) {
    m *= pow10(-e);
    e = 0;
  }
  return { m: g[1] ? -m : m, e };
}
const at = (d: Dec, e: number): bigint => d.m * pow10(e - d.e);

/** floor(n / d + 1/2) for d > 0 (half-up), on BigInts. */
function divRoundHalfUp(n: bigint, d: bigint): bigint {
  const q = (2n * n + d) / (2n * d);
  // BigInt division truncates toward zero; correct it to floor for negative numerators
  return 2n * n + d < 0n && (2n * n + d) % (2n * d) !== 0n ? q - 1n : q;
}

/**
 * y0 + (r − x0) / (x1 − x0) × (y1 − y0), exactly, rounded half-up to `decimals`, as an integer count of 10^-decimals.
 * `sign` = −1 reads the x values negated (lower-is-better), so x0 < x1 always holds on the oriented axis.
 */
function interpolateScaled(r: number, x0: number, x1: number, y0: number, y1: number, sign: 1 | -1, decimals: number): bigint {
  const ds = [dec(r), dec(x0), dec(x1), dec(y0), dec(y1)];
  const E = Math.max(...ds.map((d) => d.e));
  const [R, X0, X1, Y0, Y1] = ds.map((d) => at(d, E)) as [bigint, bigint, bigint, bigint, bigint];
  const s = BigInt(sign);
  const dx = s * (X1 - X0); // > 0
  const rx = s * (R - X0); // 0 ≤ rx ≤ dx
  // value (in units of 10^-E) = (Y0·dx + rx·(Y1 − Y0)) / dx; in units of 10^-decimals multiply by 10^decimals / 10^E
  return divRoundHalfUp((Y0 * dx + rx * (Y1 - Y0)) * pow10(decimals), dx * pow10(E));
}
const toScaled = (x: number, decimals: number): bigint => {
  const d = dec(x);
  return divRoundHalfUp(at(d, Math.max(d.e, decimals)), pow10(Math.max(d.e, decimals) - decimals));
};
const scaledToNumber = (v: bigint, decimals: number): number => Number(v) / 10 ** decimals;

/** Fixed-point text of a scaled integer, e.g. (35000n, 4) → "3.5000" — exact, no float formatting. */
function fmtScaled(v: bigint, decimals: number): string {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(decimals + 1, "0");
  const body = decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
  return neg ? `-${body}` : body;
}
/** Like fmtScaled, without trailing zeros beyond `minDecimals` (for exact products such as weight × score). */
function fmtTrim(v: bigint, decimals: number, minDecimals: number): string {
  const s = fmtScaled(v, decimals);
  if (decimals <= minDecimals) return s;
  const [i, f] = s.split(".");
  let frac = f!;
  while (frac.length > minDecimals && frac.endsWith("0")) frac = frac.slice(0, -1);
  return frac.length ? `${i}.${frac}` : i!;
}
/** A reported value or target as written (shortest representation, thousands separated). */
function fmtValue(x: number): string {
  const s = String(x);
  if (Math.abs(x) < 10_000 || s.includes("e")) return s; // 4-digit numbers are written without a separator
  const dot = s.indexOf(".");
  const end = dot < 0 ? s.length : dot;
  const start = s[0] === "-" ? 1 : 0;
  let out = s.slice(end);
  let i = end;
  while (i - 3 > start) {
    out = `,${s.slice(i - 3, i)}${out}`;
    i -= 3;
  }
  return s.slice(0, i) + out;
}

/** Whole basis points of a weight, or null when it is not (within 1e-6 bp) a whole number of basis points. */
export function toBasisPoints(w: number): number | null {
  if (!Number.isFinite(w)) return null;
  const bp = Math.round(w * 10_000);
  return Math.abs(w * 10_000 - bp) <= 1e-6 ? bp : null;
}

// ───────────────────────────── validation ─────────────────────────────

const fe = (path: string, code: string, messageTh: string, messageEn: string): FieldError => ({ path, code, messageTh, messageEn });

const KINDS: Record<ScoringScheme["type"], readonly Criteria["kind"][]> = {
  "five-level": ["five-level-numeric", "five-level-milestone"],
  "pb-pt": ["tiered", "assessed"],
};

function strictlyOrdered(xs: readonly number[], direction: Direction): boolean {
  for (let i = 1; i < xs.length; i++) {
    if (direction === "higher-is-better" ? !(xs[i]! > xs[i - 1]!) : !(xs[i]! < xs[i - 1]!)) return false;
  }
  return true;
}
const dirTh = (d: Direction) => (d === "higher-is-better" ? "ค่ามากดี (เพิ่มขึ้นตามลำดับ)" : "ค่าน้อยดี (ลดลงตามลำดับ)");
const dirEn = (d: Direction) => (d === "higher-is-better" ? "higher is better (strictly increasing)" : "lower is better (strictly decreasing)");

function weightSumText(bp: number | null): string {
  return bp === null ? "?" : fmtScaled(BigInt(bp), 4);
}

/**
 * Every rule a definition must meet beyond its shape: weights sum to exactly 1, criteria fit the scheme, targets are
 * strictly ordered in the KPI's direction, pb-pt components add up to their weights. Empty when valid.
 */
export function definitionIssues(def: { scheme: ScoringScheme; items: readonly ScoredItem[] }): FieldError[] {
  const out: FieldError[] = [];
  const { scheme, items } = def;
  const ids = new Set<string>();
  let sum = 0;
  let weightsOk = true;
  const componentSum: Record<Component, number> = { performance: 0, potential: 0 };
  items.forEach((it, i) => {
    const p = `items.${i}`;
    if (ids.has(it.id)) out.push(fe(`${p}.id`, "scoring.duplicate-item", `รหัสตัวชี้วัดซ้ำ (${it.id})`, `Duplicate item id (${it.id})`));
    ids.add(it.id);
    const bp = toBasisPoints(it.weight);
    if (bp === null || bp <= 0) {
      weightsOk = false;
      out.push(fe(`${p}.weight`, "scoring.weight-invalid", "น้ำหนักต้องมากกว่า 0 และเป็นพหุคูณของ 0.0001", "A weight must be above 0 and a multiple of 0.0001"));
    } else {
      sum += bp;
      if (it.component) componentSum[it.component] += bp;
    }
    if (!KINDS[scheme.type].includes(it.criteria.kind)) {
      out.push(
        fe(`${p}.criteria.kind`, "scoring.criteria-kind", `เกณฑ์แบบ ${it.criteria.kind} ใช้กับวิธีให้คะแนน ${scheme.type} ไม่ได้`, `Criteria of kind ${it.criteria.kind} cannot be used with the ${scheme.type} scheme`),
      );
      return;
    }
    const c = it.criteria;
    if (c.kind === "five-level-numeric") {
      const sets: [string, readonly number[] | undefined][] = [["levels", c.levels], ["roundLevels.6", c.roundLevels?.["6"]], ["roundLevels.9", c.roundLevels?.["9"]]];
      for (const [k, xs] of sets)
        if (xs && !strictlyOrdered(xs, c.direction))
          out.push(fe(`${p}.criteria.${k}`, "scoring.levels-order", `ค่าเป้าหมายระดับ 1–5 ต้องเรียงแบบ${dirTh(c.direction)}`, `Targets for levels 1–5 must be ordered: ${dirEn(c.direction)}`));
    }
    if (c.kind === "tiered") {
      const sets: [string, TierTargets | undefined][] = [["targets", c.targets], ["roundTargets.6", c.roundTargets?.["6"]], ["roundTargets.9", c.roundTargets?.["9"]]];
      for (const [k, t] of sets)
        if (t && !strictlyOrdered([t.threshold, t.standard, t.challenge], c.direction))
          out.push(
            fe(`${p}.criteria.${k}`, "scoring.tiers-order", `ค่าเป้าหมายขั้นต้น มาตรฐาน ขั้นสูง ต้องเรียงแบบ${dirTh(c.direction)}`, `Threshold, standard and challenge targets must be ordered: ${dirEn(c.direction)}`),
          );
    }
    if (scheme.type === "pb-pt" && !it.component)
      out.push(fe(`${p}.component`, "scoring.component-required", "ต้องระบุองค์ประกอบ (Performance Base หรือ Potential Base)", "Choose the component (Performance Base or Potential Base)"));
  });
  if (weightsOk && sum !== 10_000)
    out.push(
      fe(
        "items",
        "scoring.weights-sum",
        `ผลรวมน้ำหนักของตัวชี้วัดต้องเท่ากับ 1 (ร้อยละ 100) แต่ได้ ${weightSumText(sum)}`,
        `The KPI weights must sum to 1 (100 %), but they sum to ${weightSumText(sum)}`,
      ),
    );
  if (scheme.type === "pb-pt") {
    const cw = { performance: toBasisPoints(scheme.componentWeights.performance), potential: toBasisPoints(scheme.componentWeights.potential) };
    if (cw.performance === null || cw.potential === null || cw.performance + cw.potential !== 10_000) {
      out.push(
        fe("scheme.componentWeights", "scoring.component-weights-sum", "น้ำหนัก Performance Base และ Potential Base ต้องรวมกันเท่ากับ 1", "The Performance Base and Potential Base weights must sum to 1"),
      );
    } else if (weightsOk) {
      for (const k of ["performance", "potential"] as const)
        if (componentSum[k] !== cw[k])
          out.push(
            fe(
              "items",
              "scoring.component-sum",
              `น้ำหนักของตัวชี้วัดใน ${k === "performance" ? "Performance Base" : "Potential Base"} รวมได้ ${weightSumText(componentSum[k])} แต่ต้องเท่ากับ ${weightSumText(cw[k])}`,
              `The weights of the ${k === "performance" ? "Performance Base" : "Potential Base"} items sum to ${weightSumText(componentSum[k])}, but must equal ${weightSumText(cw[k])}`,
            ),
          );
    }
    const { threshold, standard, challenge } = scheme.tierPoints;
    if (!(scheme.belowThresholdPoints <= threshold && threshold < standard && standard < challenge))
      out.push(
        fe("scheme.tierPoints", "scoring.tier-points-order", "คะแนนต้องเรียง: ต่ำกว่าขั้นต้น ≤ ขั้นต้น < มาตรฐาน < ขั้นสูง", "Points must be ordered: below threshold ≤ threshold < standard < challenge"),
      );
  }
  return out;
}

/** Throws a ValidationError (HTTP 400 with fields) when the definition breaks a rule. */
export function assertValidDefinition(def: { scheme: ScoringScheme; items: readonly ScoredItem[] }): void {
  const issues = definitionIssues(def);
  if (issues.length)
    throw new ValidationError(
      issues,
      `เกณฑ์การให้คะแนนไม่ถูกต้อง: ${issues.map((f) => f.messageTh).join("; ")}`,
      `The scoring rules of this agreement are not valid: ${issues.map((f) => f.messageEn).join("; ")}`,
    );
}

// ───────────────────────────── scoring one KPI ─────────────────────────────

const LEVEL_TH = (k: number) => `ระดับ ${k}`;
const LEVEL_EN = (k: number) => `level ${k}`;
const TIER = [
  { key: "threshold", th: "ค่าเป้าหมายขั้นต้น", en: "threshold target" },
  { key: "standard", th: "ค่าเป้าหมายมาตรฐาน", en: "standard target" },
  { key: "challenge", th: "ค่าเป้าหมายขั้นสูง", en: "challenge target" },
] as const;

const scaleOf = (scheme: ScoringScheme) => (scheme.type === "five-level" ? { min: 1, max: 5 } : { min: 0, max: 100 });
const isBetterOrEqual = (a: number, b: number, d: Direction) => (d === "higher-is-better" ? a >= b : a <= b);

type Scored = { scaled: bigint; basis: ItemBasis; targetsUsed: readonly number[] | null; th: string; en: string };

function levelsFor(c: z.infer<typeof FiveLevelNumericCriteria>, round: Round): FiveLevelTargets {
  return (round !== 12 ? c.roundLevels?.[String(round) as "6" | "9"] : undefined) ?? c.levels;
}
function tiersFor(c: z.infer<typeof TieredCriteria>, round: Round): TierTargets {
  return (round !== 12 ? c.roundTargets?.[String(round) as "6" | "9"] : undefined) ?? c.targets;
}

/**
 * Piecewise-linear score through the points (targets[i], points[i]), flat outside: `below` before the first target,
 * the last points at or beyond the last target. Shared by both schemes.
 */
function piecewise(
  r: number,
  direction: Direction,
  targets: readonly number[],
  points: readonly number[],
  below: number,
  labels: readonly { th: string; en: string }[],
  d: number,
  unit: string,
): Scored {
  const sign = direction === "higher-is-better" ? 1 : -1;
  const v = fmtValue(r) + unit;
  const n = targets.length;
  const last = n - 1;
  const fmtP = (p: number) => fmtScaled(toScaled(p, d), d);
  if (isBetterOrEqual(r, targets[last]!, direction)) {
    const exact = r === targets[last];
    const scaled = toScaled(points[last]!, d);
    return {
      scaled,
      basis: exact ? { kind: "at-level", target: targets[last]!, label: labels[last]!.en } : { kind: "at-or-beyond-maximum", bound: targets[last]!, boundLabel: labels[last]!.en },
      targetsUsed: targets,
      th: exact
        ? `ผลการดำเนินงาน ${v} เท่ากับ${labels[last]!.th} (${fmtValue(targets[last]!)}) ได้คะแนน ${fmtP(points[last]!)}`
        : `ผลการดำเนินงาน ${v} ดีกว่า${labels[last]!.th} (${fmtValue(targets[last]!)}) ได้คะแนนสูงสุด ${fmtP(points[last]!)}`,
      en: exact
        ? `The result ${v} equals the ${labels[last]!.en} (${fmtValue(targets[last]!)}): score ${fmtP(points[last]!)}`
        : `The result ${v} is better than the ${labels[last]!.en} (${fmtValue(targets[last]!)}): the maximum score, ${fmtP(points[last]!)}`,
    };
  }
  if (!isBetterOrEqual(r, targets[0]!, direction)) {
    const scaled = toScaled(below, d);
    return {
      scaled,
      basis: { kind: "below-minimum", bound: targets[0]!, boundLabel: labels[0]!.en },
      targetsUsed: targets,
      th: `ผลการดำเนินงาน ${v} ไม่ถึง${labels[0]!.th} (${fmtValue(targets[0]!)}) ได้คะแนน ${fmtP(below)}`,
      en: `The result ${v} does not reach the ${labels[0]!.en} (${fmtValue(targets[0]!)}): score ${fmtP(below)}`,
    };
  }
  // here targets[0] ≤ r < targets[last] on the oriented axis: find k with targets[k] ≤ r < targets[k + 1]
  let k = 0;
  while (k + 1 < last && isBetterOrEqual(r, targets[k + 1]!, direction)) k++;
  if (r === targets[k]) {
    return {
      scaled: toScaled(points[k]!, d),
      basis: { kind: "at-level", target: targets[k]!, label: labels[k]!.en },
      targetsUsed: targets,
      th: `ผลการดำเนินงาน ${v} เท่ากับ${labels[k]!.th} (${fmtValue(targets[k]!)}) ได้คะแนน ${fmtP(points[k]!)}`,
      en: `The result ${v} equals the ${labels[k]!.en} (${fmtValue(targets[k]!)}): score ${fmtP(points[k]!)}`,
    };
  }
  const scaled = interpolateScaled(r, targets[k]!, targets[k + 1]!, points[k]!, points[k + 1]!, sign, d);
  const [lo, hi] = [targets[k]!, targets[k + 1]!];
  const [plo, phi] = [points[k]!, points[k + 1]!];
  const diff = sign === 1 ? `(${fmtValue(r)} − ${fmtValue(lo)}) ÷ (${fmtValue(hi)} − ${fmtValue(lo)})` : `(${fmtValue(lo)} − ${fmtValue(r)}) ÷ (${fmtValue(lo)} − ${fmtValue(hi)})`;
  const step = phi - plo === 1 ? diff : `${diff} × ${fmtValue(phi - plo)}`;
  const formula = `${fmtValue(plo)} + ${step} = ${fmtScaled(scaled, d)}`;
  return {
    scaled,
    basis: { kind: "interpolated", lower: { target: lo, label: labels[k]!.en, points: plo }, upper: { target: hi, label: labels[k + 1]!.en, points: phi } },
    targetsUsed: targets,
    th: `ผลการดำเนินงาน ${v} อยู่ระหว่าง${labels[k]!.th} (${fmtValue(lo)}) และ${labels[k + 1]!.th} (${fmtValue(hi)}) เทียบสัดส่วนเชิงเส้น: คะแนน = ${formula}`,
    en: `The result ${v} lies between the ${labels[k]!.en} (${fmtValue(lo)}) and the ${labels[k + 1]!.en} (${fmtValue(hi)}), interpolated linearly: score = ${formula}`,
  };
}

const FIVE_POINTS = [1, 2, 3, 4, 5] as const;
const FIVE_LABELS = FIVE_POINTS.map((k) => ({ th: `ค่าเป้าหมาย${LEVEL_TH(k)}`, en: `${LEVEL_EN(k)} target` }));
const TIER_LABELS = TIER.map((t) => ({ th: t.th, en: t.en }));

function resultIssue(item: ScoredItem, result: number): FieldError | null {
  const c = item.criteria;
  if (c.kind === "five-level-milestone" && !(Number.isInteger(result) && result >= 0 && result <= 5))
    return fe(`results.${item.id}`, "scoring.milestone-result", "ผลของตัวชี้วัดแบบขั้นความสำเร็จต้องเป็นจำนวนเต็ม 0–5 (ขั้นที่ทำสำเร็จ)", "A milestone result must be a whole number 0–5 (the step completed)");
  if (c.kind === "assessed" && !(result >= 0 && result <= 100))
    return fe(`results.${item.id}`, "scoring.assessed-result", "คะแนนที่ประเมินต้องอยู่ระหว่าง 0 ถึง 100", "Assessed points must be between 0 and 100");
  return null;
}

function scoreReported(scheme: ScoringScheme, item: ScoredItem, round: Round, r: number): Scored {
  const c = item.criteria;
  const d = scheme.decimals;
  const unit = "unit" in c && c.unit ? ` ${c.unit}` : "";
  switch (c.kind) {
    case "five-level-numeric":
      return piecewise(r, c.direction, levelsFor(c, round), FIVE_POINTS, 1, FIVE_LABELS, d, unit);
    case "five-level-milestone": {
      const n = r;
      const scaled = toScaled(Math.max(1, n), d);
      const s = fmtScaled(scaled, d);
      return {
        scaled,
        basis: { kind: "milestone", stepsCompleted: n },
        targetsUsed: null,
        th:
          n === 0
            ? `ยังไม่สำเร็จขั้นที่ 1 (${c.steps[0].th}) ได้คะแนนต่ำสุด ${s}`
            : `ดำเนินการสำเร็จตามลำดับถึงขั้นที่ ${n} (${c.steps[n - 1]!.th}) ได้คะแนน ${s}`,
        en: n === 0 ? `Step 1 (${c.steps[0].en}) is not yet complete: the minimum score, ${s}` : `Steps completed in order up to step ${n} (${c.steps[n - 1]!.en}): score ${s}`,
      };
    }
    case "tiered": {
      if (scheme.type !== "pb-pt") throw new Error("unreachable: tiered criteria outside pb-pt");
      const t = tiersFor(c, round);
      const tp = scheme.tierPoints;
      return piecewise(r, c.direction, [t.threshold, t.standard, t.challenge], [tp.threshold, tp.standard, tp.challenge], scheme.belowThresholdPoints, TIER_LABELS, d, unit);
    }
    case "assessed": {
      const scaled = toScaled(r, d);
      const s = fmtScaled(scaled, d);
      return { scaled, basis: { kind: "assessed" }, targetsUsed: null, th: `คะแนนจากผลการประเมิน ${s}`, en: `Points given by the assessment: ${s}` };
    }
  }
}

/**
 * Scores one KPI for one round. `result` null = not reported: depending on the scheme's `missingResults` for this
 * round (the 12-month round is final) it is left out or counted at the scale's minimum (1, or 0 points) — never
 * silently 0 on the five-level scale.
 */
export function scoreItem(scheme: ScoringScheme, item: ScoredItem, round: Round, result: number | null): ItemScore {
  return scoreItemScaled(scheme, item, round, result).item;
}

function scoreItemScaled(scheme: ScoringScheme, item: ScoredItem, round: Round, result: number | null): { item: ItemScore; scaled: bigint | null } {
  const d = scheme.decimals;
  const bp = toBasisPoints(item.weight);
  if (bp === null) throw new ValidationError([fe("weight", "scoring.weight-invalid", "น้ำหนักต้องเป็นพหุคูณของ 0.0001", "A weight must be a multiple of 0.0001")]);
  if (!KINDS[scheme.type].includes(item.criteria.kind))
    throw new ValidationError([fe("criteria.kind", "scoring.criteria-kind", `เกณฑ์แบบ ${item.criteria.kind} ใช้กับวิธีให้คะแนน ${scheme.type} ไม่ได้`, `Criteria of kind ${item.criteria.kind} cannot be used with the ${scheme.type} scheme`)]);
  const base = {
    itemId: item.id,
    nameTh: item.nameTh,
    nameEn: item.nameEn,
    component: item.component ?? null,
    weight: item.weight,
    weightBasisPoints: bp,
    result,
  };
  const w = fmtScaled(BigInt(bp), 4);
  if (result === null) {
    const policy = round === 12 ? scheme.missingResults.final : scheme.missingResults.interim;
    const roundTh = round === 12 ? "รอบ 12 เดือน (รอบสุดท้าย)" : `รอบ ${round} เดือน`;
    const roundEn = round === 12 ? "the 12-month (final) round" : `the ${round}-month round`;
    if (policy === "exclude") {
      const item: ItemScore = {
        ...base,
        score: null,
        status: "no-result-excluded",
        weightedScore: null,
        basis: { kind: "no-result" },
        targetsUsed: null,
        explanation: {
          th: `ยังไม่รายงานผล (ไม่มีผลการดำเนินงาน) — ใน${roundTh} ไม่นำมาคิดคะแนน และปรับสัดส่วนน้ำหนักของตัวชี้วัดที่เหลือ`,
          en: `No result reported — in ${roundEn} it is left out, and the other KPIs' weights are renormalised`,
        },
      };
      return { item, scaled: null };
    }
    const scaled = toScaled(scaleOf(scheme).min, d);
    const weighted = BigInt(bp) * scaled;
    const item: ItemScore = {
      ...base,
      score: scaledToNumber(scaled, d),
      status: "no-result-minimum",
      weightedScore: scaledToNumber(weighted, d + 4),
      basis: { kind: "no-result" },
      targetsUsed: null,
      explanation: {
        th: `ยังไม่รายงานผล (ไม่มีผลการดำเนินงาน) — ใน${roundTh} นับเป็นคะแนนต่ำสุด ${fmtScaled(scaled, d)}; น้ำหนัก ${w} × ${fmtScaled(scaled, d)} = ${fmtTrim(weighted, d + 4, d)}`,
        en: `No result reported — in ${roundEn} it counts at the minimum score, ${fmtScaled(scaled, d)}; weight ${w} × ${fmtScaled(scaled, d)} = ${fmtTrim(weighted, d + 4, d)}`,
      },
    };
    return { item, scaled };
  }
  if (!Number.isFinite(result)) throw new ValidationError([fe("result", "scoring.result-invalid", "ผลการดำเนินงานต้องเป็นตัวเลข", "A result must be a finite number")]);
  const issue = resultIssue(item, result);
  if (issue) throw new ValidationError([{ ...issue, path: "result" }]);
  const s = scoreReported(scheme, item, round, result);
  const weighted = BigInt(bp) * s.scaled;
  const scoredItem: ItemScore = {
    ...base,
    score: scaledToNumber(s.scaled, d),
    status: "scored",
    weightedScore: scaledToNumber(weighted, d + 4),
    basis: s.basis,
    targetsUsed: s.targetsUsed,
    explanation: {
      th: `${s.th}; น้ำหนัก ${w} × ${fmtScaled(s.scaled, d)} = ${fmtTrim(weighted, d + 4, d)}`,
      en: `${s.en}; weight ${w} × ${fmtScaled(s.scaled, d)} = ${fmtTrim(weighted, d + 4, d)}`,
    },
  };
  return { item: scoredItem, scaled: s.scaled };
}

// ───────────────────────────── scoring a round ─────────────────────────────

/** Σ bp·score / Σ bp over the counted items, exact and rounded half-up; null when nothing counted. */
function weightedMean(parts: readonly { bp: number; scaled: bigint }[]): bigint | null {
  let num = 0n;
  let den = 0n;
  for (const p of parts) {
    num += BigInt(p.bp) * p.scaled;
    den += BigInt(p.bp);
  }
  return den === 0n ? null : divRoundHalfUp(num, den);
}

function ratingOf(bands: readonly RatingBand[], total: number): { th: string; en: string } | null {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  const band = sorted.find((b) => total >= b.min);
  return band ? { th: band.th, en: band.en } : null;
}

/**
 * Scores one round of an agreement: every item, the weighted total and a bilingual explanation.
 * `results` maps item id → value (null or absent = not reported). Throws ValidationError (400) when the
 * definition breaks a rule (e.g. weights not summing to 1) or a result is out of range for its criteria.
 */
export function scoreRound(def: { scheme: ScoringScheme; items: readonly ScoredItem[] }, round: Round, results: Readonly<Record<string, number | null | undefined>> | ReadonlyMap<string, number | null>): RoundScore {
  assertValidDefinition(def);
  const { scheme, items } = def;
  if (!ROUNDS.includes(round)) throw new ValidationError([fe("round", "scoring.round", "รอบการประเมินต้องเป็น 6, 9 หรือ 12 เดือน", "The round must be 6, 9 or 12 months")]);
  const get = (id: string): number | null => (results instanceof Map ? results.get(id) : (results as Record<string, number | null | undefined>)[id]) ?? null;
  const known = new Set(items.map((i) => i.id));
  const keys = results instanceof Map ? [...results.keys()] : Object.keys(results);
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length)
    throw new ValidationError(unknown.map((k) => fe(`results.${k}`, "scoring.unknown-item", `ไม่มีตัวชี้วัดรหัส ${k} ในคำรับรองนี้`, `This agreement has no KPI with id ${k}`)));

  const d = scheme.decimals;
  const problems: FieldError[] = [];
  const scored: ItemScore[] = [];
  const scaledBy = new Map<ItemScore, bigint>();
  for (const item of items) {
    try {
      const r = scoreItemScaled(scheme, item, round, get(item.id));
      scored.push(r.item);
      if (r.scaled !== null) scaledBy.set(r.item, r.scaled);
    } catch (e) {
      if (e instanceof ValidationError && e.fields) problems.push(...e.fields.map((f) => ({ ...f, path: `results.${item.id}` })));
      else throw e;
    }
  }
  if (problems.length) throw new ValidationError(problems, "ผลการดำเนินงานไม่ถูกต้อง", "Some results are not valid");

  const scaledOf = (s: ItemScore) => scaledBy.get(s)!;
  const counted = scored.filter((s) => s.status !== "no-result-excluded");
  const reportedBp = scored.filter((s) => s.status === "scored").reduce((a, s) => a + s.weightBasisPoints, 0);
  const countedBp = counted.reduce((a, s) => a + s.weightBasisPoints, 0);
  const final = round === 12;
  const scale = scaleOf(scheme);

  let totalScaled: bigint | null;
  let components: RoundScore["components"] = null;
  let th: string;
  let en: string;
  const roundTh = `รอบ ${round} เดือน${final ? " (รอบสุดท้าย)" : ""}`;
  const roundEn = `${round}-month round${final ? " (final)" : ""}`;

  if (scheme.type === "five-level") {
    totalScaled = weightedMean(counted.map((s) => ({ bp: s.weightBasisPoints, scaled: scaledOf(s) })));
    const terms = counted.map((s) => `${fmtScaled(BigInt(s.weightBasisPoints), 4)} × ${fmtScaled(scaledOf(s), d)}`).join(" + ");
    if (totalScaled === null) {
      th = `${roundTh}: ยังไม่มีตัวชี้วัดที่รายงานผล จึงยังคำนวณคะแนนรวมไม่ได้`;
      en = `${roundEn}: no KPI has a result yet, so there is no total`;
    } else if (countedBp === 10_000) {
      th = `${roundTh}: คะแนนรวมถ่วงน้ำหนัก = Σ(น้ำหนัก × คะแนน) = ${terms} = ${fmtScaled(totalScaled, d)} (เต็ม 5)`;
      en = `${roundEn}: weighted total = Σ(weight × score) = ${terms} = ${fmtScaled(totalScaled, d)} (out of 5)`;
    } else {
      const w = fmtScaled(BigInt(countedBp), 4);
      th = `${roundTh}: คะแนนรวมถ่วงน้ำหนัก = Σ(น้ำหนัก × คะแนน) ÷ น้ำหนักที่นำมาคิด = (${terms}) ÷ ${w} = ${fmtScaled(totalScaled, d)} (เต็ม 5; ตัวชี้วัดที่ยังไม่รายงานผลไม่นำมาคิด)`;
      en = `${roundEn}: weighted total = Σ(weight × score) ÷ weight counted = (${terms}) ÷ ${w} = ${fmtScaled(totalScaled, d)} (out of 5; KPIs without a result are left out)`;
    }
  } else {
    const cw = { performance: toBasisPoints(scheme.componentWeights.performance)!, potential: toBasisPoints(scheme.componentWeights.potential)! };
    const compScaled = {
      performance: weightedMean(counted.filter((s) => s.component === "performance").map((s) => ({ bp: s.weightBasisPoints, scaled: scaledOf(s) }))),
      potential: weightedMean(counted.filter((s) => s.component === "potential").map((s) => ({ bp: s.weightBasisPoints, scaled: scaledOf(s) }))),
    };
    const parts = (["performance", "potential"] as const).filter((k) => compScaled[k] !== null && cw[k] > 0).map((k) => ({ k, bp: cw[k], scaled: compScaled[k]! }));
    totalScaled = weightedMean(parts);
    components = {
      performance: { weight: scheme.componentWeights.performance, score: compScaled.performance === null ? null : scaledToNumber(compScaled.performance, d) },
      potential: { weight: scheme.componentWeights.potential, score: compScaled.potential === null ? null : scaledToNumber(compScaled.potential, d) },
    };
    const name = { performance: "Performance Base", potential: "Potential Base" } as const;
    const terms = parts.map((p) => `${fmtScaled(BigInt(p.bp), 4)} × ${fmtScaled(p.scaled, d)} (${name[p.k]})`).join(" + ");
    if (totalScaled === null) {
      th = `${roundTh}: ยังไม่มีตัวชี้วัดที่รายงานผล จึงยังคำนวณคะแนนรวมไม่ได้`;
      en = `${roundEn}: no item has a result yet, so there is no total`;
    } else {
      const partial = parts.length < 2 || countedBp !== 10_000;
      const denom = parts.reduce((a, p) => a + p.bp, 0);
      th = `${roundTh}: คะแนนรวม = ${denom === 10_000 ? terms : `(${terms}) ÷ ${fmtScaled(BigInt(denom), 4)}`} = ${fmtScaled(totalScaled, d)} (เต็ม 100${partial ? "; คะแนนแต่ละองค์ประกอบคิดจากตัวชี้วัดที่รายงานผลแล้ว" : ""})`;
      en = `${roundEn}: total = ${denom === 10_000 ? terms : `(${terms}) ÷ ${fmtScaled(BigInt(denom), 4)}`} = ${fmtScaled(totalScaled, d)} (out of 100${partial ? "; each component counts the items reported so far" : ""})`;
    }
  }

  const total = totalScaled === null ? null : scaledToNumber(totalScaled, d);
  const rating = scheme.type === "pb-pt" && total !== null ? ratingOf(scheme.ratingBands, total) : null;
  if (rating) {
    th += ` — ${rating.th}`;
    en += ` — ${rating.en}`;
  }
  return {
    schemeType: scheme.type,
    round,
    final,
    scale,
    decimals: d,
    items: scored,
    total,
    reportedWeight: reportedBp / 10_000,
    countedWeight: countedBp / 10_000,
    complete: reportedBp === 10_000,
    components,
    rating,
    explanation: { th, en },
  };
}
