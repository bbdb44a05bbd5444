// Scoring engine: properties (fast-check) and the examples from public OPDC / government material (docs/SCORING.md).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../platform/errors.js";
import {
  AgreementScoring,
  DEFAULT_RATING_BANDS,
  FiveLevelScheme,
  PbPtScheme,
  Round,
  definitionIssues,
  scoreItem,
  scoreRound,
  toBasisPoints,
  type Direction,
  type ScoredItem,
  type ScoringScheme,
} from "./scoring.js";

const FIVE: ScoringScheme = FiveLevelScheme.parse({ type: "five-level" });
const PBPT: ScoringScheme = PbPtScheme.parse({ type: "pb-pt" });
const STEPS = [1, 2, 3, 4, 5].map((i) => ({ th: `ขั้นที่ ${i}`, en: `step ${i}` })) as [
  { th: string; en: string },
  { th: string; en: string },
  { th: string; en: string },
  { th: string; en: string },
  { th: string; en: string },
];

const numeric = (id: string, weight: number, direction: Direction, levels: number[]): ScoredItem => ({
  id,
  nameTh: `ตัวชี้วัด ${id}`,
  nameEn: `KPI ${id}`,
  weight,
  criteria: { kind: "five-level-numeric", direction, levels: levels as [number, number, number, number, number] },
});
const milestone = (id: string, weight: number): ScoredItem => ({ id, nameTh: `ตัวชี้วัด ${id}`, nameEn: `KPI ${id}`, weight, criteria: { kind: "five-level-milestone", steps: STEPS } });
const tiered = (id: string, weight: number, component: "performance" | "potential", direction: Direction, t: [number, number, number]): ScoredItem => ({
  id,
  nameTh: `ตัวชี้วัด ${id}`,
  nameEn: `KPI ${id}`,
  weight,
  component,
  criteria: { kind: "tiered", direction, targets: { threshold: t[0], standard: t[1], challenge: t[2] } },
});
const assessed = (id: string, weight: number, component: "performance" | "potential"): ScoredItem => ({
  id,
  nameTh: `ตัวชี้วัด ${id}`,
  nameEn: `KPI ${id}`,
  weight,
  component,
  criteria: { kind: "assessed" },
});
const score5 = (item: ScoredItem, r: number | null, round: Round = 12) => scoreItem(FIVE, item, round, r).score;

// ───────────── arbitraries ─────────────
/** Five strictly ordered targets with up to two decimals (exact decimals, as people write them). */
const levelsArb = (direction: Direction) =>
  fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 4, maxLength: 4 })).map(([start, gaps]) => {
    const xs = [start];
    for (const g of gaps) xs.push(xs[xs.length - 1]! + g);
    const levels = xs.map((x) => x / 100);
    return direction === "higher-is-better" ? levels : levels.reverse();
  });
const directionArb = fc.constantFrom<Direction>("higher-is-better", "lower-is-better");
/** Any finite double, and "human" decimals near the targets. */
const resultArb = fc.oneof(fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1_100_000, max: 1_500_000 }).map((x) => x / 100));
/** A partition of 10 000 basis points into 1..30 positive parts. */
const bpPartitionArb = fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), { maxLength: 29 }).map((cuts) => {
  const s = [0, ...cuts.sort((a, b) => a - b), 10_000];
  return s.slice(1).map((x, i) => x - s[i]!);
});
const roundArb = fc.constantFrom<Round>(6, 9, 12);

/** An agreement with 1..30 five-level KPIs (numeric either direction, or milestone) and results (some missing). */
const agreementArb = bpPartitionArb.chain((bps) =>
  fc.tuple(
    fc.tuple(...bps.map((bp, i) => fc.oneof(fc.tuple(directionArb, fc.constant(0)).chain(([d]) => levelsArb(d).map((lv) => numeric(`k${i}`, bp / 10_000, d, lv))), fc.constant(milestone(`k${i}`, bp / 10_000))))),
    fc.array(fc.oneof(resultArb, fc.constant(null)), { minLength: bps.length, maxLength: bps.length }),
    fc.array(fc.integer({ min: 0, max: 5 }), { minLength: bps.length, maxLength: bps.length }),
  ).map(([items, raw, steps]) => {
    const results: Record<string, number | null> = {};
    items.forEach((it, i) => (results[it.id] = raw[i] === null ? null : it.criteria.kind === "five-level-milestone" ? steps[i]! : raw[i]!));
    return { def: { scheme: FIVE, items }, results };
  }),
);

// ───────────── five-level: properties ─────────────
describe("five-level score of one KPI", () => {
  it("is monotonic: non-decreasing in the result when higher is better, non-increasing when lower is better", () => {
    fc.assert(
      fc.property(directionArb.chain((d) => fc.tuple(fc.constant(d), levelsArb(d))), resultArb, resultArb, ([d, levels], a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const item = numeric("x", 1, d, levels);
        const sLo = score5(item, lo)!;
        const sHi = score5(item, hi)!;
        if (d === "higher-is-better") expect(sLo).toBeLessThanOrEqual(sHi);
        else expect(sLo).toBeGreaterThanOrEqual(sHi);
      }),
      { numRuns: 2000 },
    );
  });

  it("is capped to [1, 5]: 1 up to the level-1 target, 5 from the level-5 target on", () => {
    fc.assert(
      fc.property(directionArb.chain((d) => fc.tuple(fc.constant(d), levelsArb(d))), resultArb, fc.double({ min: 0, max: 1e6, noNaN: true }), ([d, levels], r, beyond) => {
        const item = numeric("x", 1, d, levels);
        const s = score5(item, r)!;
        expect(s).toBeGreaterThanOrEqual(1);
        expect(s).toBeLessThanOrEqual(5);
        const sign = d === "higher-is-better" ? 1 : -1;
        expect(score5(item, levels[0]! - sign * beyond)).toBe(1);
        expect(score5(item, levels[4]! + sign * beyond)).toBe(5);
      }),
    );
  });

  it("is exactly k at the level-k target", () => {
    fc.assert(
      fc.property(directionArb.chain((d) => fc.tuple(fc.constant(d), levelsArb(d))), fc.integer({ min: 1, max: 5 }), ([d, levels], k) => {
        const s = scoreItem(FIVE, numeric("x", 1, d, levels), 12, levels[k - 1]!);
        expect(s.score).toBe(k);
        expect(s.basis.kind).toBe("at-level");
      }),
    );
  });

  it("is k + 0.5 at the midpoint between the level-k and level-(k+1) targets (linear interpolation)", () => {
    fc.assert(
      fc.property(directionArb.chain((d) => fc.tuple(fc.constant(d), levelsArb(d))), fc.integer({ min: 1, max: 4 }), ([d, levels], k) => {
        const mid = (levels[k - 1]! * 100 + levels[k]! * 100) / 200; // exact: the targets have two decimals
        expect(score5(numeric("x", 1, d, levels), mid)).toBe(k + 0.5);
      }),
    );
  });

  it("interpolates linearly between two levels (quarter points, both directions)", () => {
    const up = numeric("u", 1, "higher-is-better", [60, 70, 80, 90, 100]);
    expect(score5(up, 62.5)).toBe(1.25);
    expect(score5(up, 97.5)).toBe(4.75);
    const down = numeric("d", 1, "lower-is-better", [20, 18, 16, 14, 12]);
    expect(score5(down, 15.5)).toBe(3.25);
    expect(score5(down, 12.5)).toBe(4.75);
    expect(score5(down, 25)).toBe(1);
    expect(score5(down, 3)).toBe(5);
  });

  it("reads numbers as the decimals they print as, so 0.1 + 0.2 issues do not bite", () => {
    const item = numeric("x", 1, "higher-is-better", [0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(score5(item, 0.3)).toBe(3);
    expect(score5(item, 0.1 + 0.2)).toBe(3); // 0.30000000000000004: 3 + 4e-16, rounded to 4 decimals
    expect(score5(item, 0.25)).toBe(2.5);
    // half-up on the exact decimal: 1 + 0.005 = 1.005 → 1.01 at two decimals (binary floating point would give 1.00)
    const twoDecimals = FiveLevelScheme.parse({ type: "five-level", decimals: 2 });
    expect(scoreItem(twoDecimals, numeric("y", 1, "higher-is-better", [1, 2, 3, 4, 5]), 12, 1.005).score).toBe(1.01);
    expect(scoreItem(twoDecimals, numeric("y", 1, "higher-is-better", [0, 10, 20, 30, 40]), 12, 13.45).score).toBe(2.35);
  });

  it("scores a milestone KPI (ระดับขั้นของความสำเร็จ) as the step reached, at least 1, and refuses a fractional step", () => {
    const m = milestone("m", 1);
    expect([0, 1, 2, 3, 4, 5].map((n) => score5(m, n))).toEqual([1, 1, 2, 3, 4, 5]);
    expect(scoreItem(FIVE, m, 12, 3).explanation.th).toContain("ขั้นที่ 3");
    expect(() => score5(m, 2.5)).toThrow(ValidationError);
    expect(() => score5(m, 6)).toThrow(ValidationError);
  });

  it("uses the round's own targets when the agreement sets them for 6 or 9 months", () => {
    const item: ScoredItem = {
      ...numeric("x", 1, "higher-is-better", [60, 70, 80, 90, 100]),
      criteria: { kind: "five-level-numeric", direction: "higher-is-better", levels: [60, 70, 80, 90, 100], roundLevels: { "6": [30, 35, 40, 45, 50] } },
    };
    expect(score5(item, 40, 6)).toBe(3);
    expect(score5(item, 40, 9)).toBe(1);
    expect(score5(item, 40, 12)).toBe(1);
  });

  it("explains how the score was reached, in Thai and English", () => {
    const s = scoreItem(FIVE, { ...numeric("x", 0.25, "higher-is-better", [60, 70, 80, 90, 100]), criteria: { kind: "five-level-numeric", direction: "higher-is-better", levels: [60, 70, 80, 90, 100], unit: "%" } }, 12, 85);
    expect(s.explanation.th).toBe(
      "ผลการดำเนินงาน 85 % อยู่ระหว่างค่าเป้าหมายระดับ 3 (80) และค่าเป้าหมายระดับ 4 (90) เทียบสัดส่วนเชิงเส้น: คะแนน = 3 + (85 − 80) ÷ (90 − 80) = 3.5000; น้ำหนัก 0.2500 × 3.5000 = 0.8750",
    );
    expect(s.explanation.en).toBe(
      "The result 85 % lies between the level 3 target (80) and the level 4 target (90), interpolated linearly: score = 3 + (85 − 80) ÷ (90 − 80) = 3.5000; weight 0.2500 × 3.5000 = 0.8750",
    );
    const low = scoreItem(FIVE, numeric("y", 1, "lower-is-better", [20, 18, 16, 14, 12]), 12, 15);
    expect(low.explanation.th).toContain("3 + (16 − 15) ÷ (16 − 14) = 3.5000");
  });
});

// ───────────── weights ─────────────
describe("weights", () => {
  it("must sum to 1: any other sum is refused with a clear, bilingual error", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 30 }).filter((bps) => bps.reduce((a, b) => a + b, 0) !== 10_000), (bps) => {
        const def = { scheme: FIVE, items: bps.map((bp, i) => numeric(`k${i}`, bp / 10_000, "higher-is-better", [1, 2, 3, 4, 5])) };
        const issues = definitionIssues(def);
        expect(issues.map((f) => f.code)).toContain("scoring.weights-sum");
        const sum = issues.find((f) => f.code === "scoring.weights-sum")!;
        expect(sum.messageTh).toMatch(/^ผลรวมน้ำหนักของตัวชี้วัดต้องเท่ากับ 1/);
        expect(sum.messageEn).toMatch(/^The KPI weights must sum to 1 \(100 %\), but they sum to \d\.\d{4}$/);
        expect(() => scoreRound(def, 12, {})).toThrow(ValidationError);
        expect(AgreementScoring.safeParse(def).success).toBe(false);
      }),
    );
  });

  it("summing to exactly 1 in basis points are accepted however the floats add up", () => {
    fc.assert(
      fc.property(bpPartitionArb, (bps) => {
        const def = { scheme: FIVE, items: bps.map((bp, i) => numeric(`k${i}`, bp / 10_000, "higher-is-better", [1, 2, 3, 4, 5])) };
        expect(definitionIssues(def)).toEqual([]);
        expect(AgreementScoring.safeParse(def).success).toBe(true);
      }),
    );
    // 0.1 + 0.2 + 0.7 is 1.0000000000000002 in binary floating point; in basis points it is exactly 10 000
    expect(definitionIssues({ scheme: FIVE, items: [0.1, 0.2, 0.7].map((w, i) => numeric(`k${i}`, w, "higher-is-better", [1, 2, 3, 4, 5])) })).toEqual([]);
    expect(toBasisPoints(0.1 + 0.2)).toBe(3000);
    expect(toBasisPoints(0.12345)).toBeNull();
  });

  it("reports the field that is wrong (so the API answers 400 naming it)", () => {
    const r = AgreementScoring.safeParse({ scheme: { type: "five-level" }, items: [numeric("a", 0.5, "higher-is-better", [5, 4, 3, 2, 1]), numeric("a", 0.5, "higher-is-better", [1, 2, 3, 4, 5])] });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("items.0.criteria.levels");
    expect(paths).toContain("items.1.id");
  });
});

// ───────────── rounds and totals ─────────────
describe("weighted total of a round", () => {
  it("stays within [1, 5] and equals Σ(weight × score) when every KPI has a result", () => {
    fc.assert(
      fc.property(agreementArb, roundArb, ({ def, results }, round) => {
        const r = scoreRound(def, round, results);
        if (r.total !== null) {
          expect(r.total).toBeGreaterThanOrEqual(1);
          expect(r.total).toBeLessThanOrEqual(5);
        }
        const counted = r.items.filter((i) => i.score !== null);
        const w = counted.reduce((a, i) => a + i.weight, 0);
        if (counted.length) expect(Math.abs(r.total! - counted.reduce((a, i) => a + i.weight * i.score!, 0) / w)).toBeLessThanOrEqual(0.00005 + 1e-9);
        else expect(r.total).toBeNull();
        if (r.complete) expect(r.countedWeight).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves unreported KPIs out of interim rounds (weights renormalised) and counts them at 1 in the final round — never 0", () => {
    const def = { scheme: FIVE, items: [numeric("a", 0.6, "higher-is-better", [60, 70, 80, 90, 100]), numeric("b", 0.4, "higher-is-better", [60, 70, 80, 90, 100])] };
    const six = scoreRound(def, 6, { a: 90, b: null });
    expect(six.total).toBe(4);
    expect(six.items[1]!.status).toBe("no-result-excluded");
    expect(six.complete).toBe(false);
    expect(six.reportedWeight).toBe(0.6);
    const twelve = scoreRound(def, 12, { a: 90 }); // absent = not reported
    expect(twelve.items[1]!.status).toBe("no-result-minimum");
    expect(twelve.items[1]!.score).toBe(1);
    expect(twelve.total).toBe(2.8); // 0.6 × 4 + 0.4 × 1
    expect(scoreRound(def, 9, { a: null, b: null }).total).toBeNull();
    const custom = { scheme: FiveLevelScheme.parse({ type: "five-level", missingResults: { interim: "minimum", final: "exclude" } }), items: def.items };
    expect(scoreRound(custom, 6, { a: 90 }).total).toBe(2.8);
    expect(scoreRound(custom, 12, { a: 90 }).total).toBe(4);
  });

  it("in the final round, reporting a result never lowers the total compared with not reporting it", () => {
    fc.assert(
      fc.property(agreementArb, ({ def, results }) => {
        const withNulls = scoreRound(def, 12, results).total!;
        const filled = Object.fromEntries(def.items.map((it) => [it.id, results[it.id] ?? (it.criteria.kind === "five-level-milestone" ? 0 : -1e9)]));
        expect(scoreRound(def, 12, filled).total!).toBeGreaterThanOrEqual(withNulls);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses results for KPIs the agreement does not have, and rounds other than 6, 9, 12", () => {
    const def = { scheme: FIVE, items: [numeric("a", 1, "higher-is-better", [1, 2, 3, 4, 5])] };
    expect(() => scoreRound(def, 12, { zz: 3 })).toThrow(ValidationError);
    expect(() => scoreRound(def, 3 as Round, { a: 3 })).toThrow(ValidationError);
    expect(Round.safeParse(3).success).toBe(false);
  });

  it("survives a JSON round trip: the definition is stored with the agreement and parsed back unchanged", () => {
    const def = AgreementScoring.parse({ scheme: { type: "five-level" }, items: [numeric("a", 0.3, "lower-is-better", [9, 7, 5, 3, 1]), milestone("b", 0.7)] });
    const back = AgreementScoring.parse(JSON.parse(JSON.stringify(def)));
    expect(back).toEqual(def);
    expect(scoreRound(back, 12, { a: 4, b: 2 })).toEqual(scoreRound(def, 12, { a: 4, b: 2 }));
  });
});

// ───────────── Performance Base / Potential Base ─────────────
describe("pb-pt scheme (Performance Base 70 % / Potential Base 30 %)", () => {
  const tierArb = directionArb.chain((d) =>
    fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 1, max: 50_000 })).map(([a, g1, g2]) => {
      const t = [a / 100, (a + g1) / 100, (a + g1 + g2) / 100] as [number, number, number];
      return { d, t: d === "higher-is-better" ? t : ([-t[0], -t[1], -t[2]] as [number, number, number]) };
    }),
  );

  it("gives 50 / 70 / 100 points at the threshold / standard / challenge targets, 0 below, 100 beyond, linear in between", () => {
    fc.assert(
      fc.property(tierArb, ({ d, t }) => {
        const item = tiered("p", 1, "performance", d, t);
        const pts = (r: number) => scoreItem(PBPT, item, 12, r).score;
        expect(pts(t[0])).toBe(50);
        expect(pts(t[1])).toBe(70);
        expect(pts(t[2])).toBe(100);
        const sign = d === "higher-is-better" ? 1 : -1;
        expect(pts(t[0] - sign * 0.01)).toBe(0);
        expect(pts(t[2] + sign * 1000)).toBe(100);
        expect(pts((t[0] * 100 + t[1] * 100) / 200)).toBe(60);
        expect(pts((t[1] * 100 + t[2] * 100) / 200)).toBe(85);
      }),
    );
  });

  it("is monotonic in the result and within [0, 100]", () => {
    fc.assert(
      fc.property(tierArb, resultArb, resultArb, ({ d, t }, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const item = tiered("p", 1, "performance", d, t);
        const sLo = scoreItem(PBPT, item, 12, lo).score!;
        const sHi = scoreItem(PBPT, item, 12, hi).score!;
        for (const s of [sLo, sHi]) expect(s >= 0 && s <= 100).toBe(true);
        if (d === "higher-is-better") expect(sLo).toBeLessThanOrEqual(sHi);
        else expect(sLo).toBeGreaterThanOrEqual(sHi);
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps the tier points a parameter of the scheme (e.g. 50 / 75 / 100)", () => {
    const s75 = PbPtScheme.parse({ type: "pb-pt", tierPoints: { threshold: 50, standard: 75, challenge: 100 } });
    const item = tiered("p", 1, "performance", "higher-is-better", [80, 90, 100]);
    expect(scoreItem(s75, item, 12, 90).score).toBe(75);
    expect(scoreItem(s75, item, 12, 95).score).toBe(87.5);
    expect(scoreItem(s75, item, 12, 85).score).toBe(62.5);
  });

  it("totals 0.7 × Performance Base + 0.3 × Potential Base, each a weighted mean of its items", () => {
    const def = AgreementScoring.parse({
      scheme: { type: "pb-pt" },
      items: [tiered("p1", 0.4, "performance", "higher-is-better", [80, 90, 100]), tiered("p2", 0.3, "performance", "lower-is-better", [10, 8, 5]), assessed("t1", 0.3, "potential")],
    });
    const r = scoreRound(def, 12, { p1: 90, p2: 5, t1: 80 });
    // PB = (0.4 × 70 + 0.3 × 100) ÷ 0.7 = 82.857; PT = 80; total = 0.7 × 82.857 + 0.3 × 80 = 81.9999 → 82.000
    expect(r.components).toEqual({ performance: { weight: 0.7, score: 82.857 }, potential: { weight: 0.3, score: 80 } });
    expect(r.total).toBe(82);
    expect(r.rating).toEqual({ th: "ระดับมาตรฐานขั้นสูง", en: "Standard level (upper)" });
    expect(r.explanation.th).toContain("0.7000 × 82.857 (Performance Base) + 0.3000 × 80.000 (Potential Base) = 82.000");
  });

  it("checks that the items of each component add up to its weight", () => {
    const bad = { scheme: PBPT, items: [tiered("p1", 0.5, "performance", "higher-is-better", [1, 2, 3]), assessed("t1", 0.5, "potential")] };
    expect(definitionIssues(bad).map((f) => f.code)).toContain("scoring.component-sum");
    const mixed = { scheme: PBPT, items: [numeric("x", 0.7, "higher-is-better", [1, 2, 3, 4, 5]), assessed("t1", 0.3, "potential")] };
    expect(definitionIssues(mixed).map((f) => f.code)).toContain("scoring.criteria-kind");
    expect(definitionIssues({ scheme: PBPT, items: [{ ...assessed("t", 1, "potential"), component: undefined }] }).map((f) => f.code)).toContain("scoring.component-required");
  });

  it("total stays within [0, 100] for any results", () => {
    fc.assert(
      fc.property(tierArb, tierArb, resultArb, resultArb, fc.option(fc.integer({ min: 0, max: 100 })), roundArb, (a, b, r1, r2, pt, round) => {
        const def = { scheme: PBPT, items: [tiered("a", 0.35, "performance", a.d, a.t), tiered("b", 0.35, "performance", b.d, b.t), assessed("c", 0.3, "potential")] };
        const res = scoreRound(def, round, { a: r1, b: r2, c: pt });
        expect(res.total! >= 0 && res.total! <= 100).toBe(true);
      }),
    );
  });
});

// ───────────── published material ─────────────
describe("examples from public material", () => {
  // Source: กองบัญชาการกองทัพไทย, "คู่มือการประเมินผลการปฏิบัติราชการ ตามคำรับรองการปฏิบัติราชการของส่วนราชการใน
  // บก.ทท. ประจำปีงบประมาณ พ.ศ. 2563", p. 76, "ตารางและสูตรการคำนวณของระบบ Management Cockpit"
  // (https://online.anyflip.com/neydm/wsas/files/basic-html/page76.html) — a manual that applies the OPDC
  // performance-agreement method: criteria 60 / 70 / 80 / 90 / 100 % of the target for scores 1 / 2 / 3 / 4 / 5,
  // ΣWi = 1, and the weighted total Σ(Wi × SMi) ÷ ΣWi.
  it("the Management Cockpit table: 60/70/80/90/100 % → scores 1..5, weights summing to 1, total Σ(W × SM)", () => {
    const kpi = (id: string, w: number) => numeric(id, w, "higher-is-better", [60, 70, 80, 90, 100]);
    expect([60, 70, 80, 90, 100].map((p) => score5(kpi("x", 1), p))).toEqual([1, 2, 3, 4, 5]);
    // our worked example on that table (not printed in the source): three projects weighted 0.5 / 0.3 / 0.2
    const def = { scheme: FIVE, items: [kpi("p1", 0.5), kpi("p2", 0.3), kpi("p3", 0.2)] };
    const r = scoreRound(def, 12, { p1: 85, p2: 100, p3: 62 });
    expect(r.items.map((i) => i.score)).toEqual([3.5, 5, 1.2]);
    expect(r.total).toBe(3.49); // 0.5 × 3.5 + 0.3 × 5 + 0.2 × 1.2
    expect(() => scoreRound({ scheme: FIVE, items: [kpi("p1", 0.5), kpi("p2", 0.3)] }, 12, {})).toThrow(/sum to 1/);
  });

  // Source: สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ, รายงานประจำปี 2564, p. 141
  // (https://www.nesdc.go.th/ebook/NESDCReport64/files/basic-html/page141.html): the Cabinet (15 Sep 2020) approved
  // OPDC's framework for evaluating provinces in FY 2564: Performance Base weight 70 % (3–5 KPIs) and Potential Base
  // weight 30 %; results graded in three levels — quality, standard (upper and basic), needs improvement.
  it("the FY 2564 provincial framework: Performance Base 70 %, Potential Base 30 %, graded quality / standard (upper, basic) / needs improvement", () => {
    const s = PbPtScheme.parse({ type: "pb-pt" });
    expect(s.type === "pb-pt" && s.componentWeights).toEqual({ performance: 0.7, potential: 0.3 });
    expect(DEFAULT_RATING_BANDS.map((b) => b.th)).toEqual(["ระดับคุณภาพ", "ระดับมาตรฐานขั้นสูง", "ระดับมาตรฐานขั้นต้น", "ระดับต้องปรับปรุง"]);
    const pb = (weights: number[]) => weights.map((w, i) => tiered(`pb${i}`, w, "performance", "higher-is-better", [50, 75, 100]));
    expect(definitionIssues({ scheme: s, items: [...pb([0.2334, 0.2333, 0.2333]), assessed("pt", 0.3, "potential")] })).toEqual([]);
    expect(definitionIssues({ scheme: s, items: [...pb([0.14, 0.14, 0.14, 0.14, 0.14]), assessed("pt", 0.3, "potential")] })).toEqual([]);
    expect(definitionIssues({ scheme: s, items: [...pb([0.35, 0.35]), assessed("pt", 0.2, "potential"), assessed("pt2", 0.1, "performance")] }).map((f) => f.code)).toContain("scoring.component-sum");
  });

  // Source: OPDC, "Results-Based Management (RBM) in the Thai Public Sector" (video conference at the World Bank,
  // Thailand; https://studylib.net/doc/5362764/results-based-management--rbm-): self-assessment reports at the ends of
  // the sixth, ninth and twelfth months after signing; a performance score above 3.00 (on the 1–5 scale) qualifies
  // for the performance-related incentive.
  it("rounds are the 6th, 9th and 12th month; the five-level scale puts the target at 3", () => {
    expect([6, 9, 12].every((m) => Round.safeParse(m).success)).toBe(true);
    const r = scoreRound({ scheme: FIVE, items: [numeric("a", 1, "higher-is-better", [60, 70, 80, 90, 100])] }, 12, { a: 80.5 });
    expect(r.total).toBe(3.05);
    expect(r.total! > 3).toBe(true);
  });
});
