import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../platform/errors.js";
import {
  differenceInDifferences,
  logGamma,
  normalCdf,
  normalQuantile,
  periodMeans,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  twoSampleT,
  type DidGroup,
  type DidObservation,
} from "./did.js";

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

function panel(rows: Array<[unit: string, group: DidGroup, values: Record<string, number>]>): DidObservation[] {
  return rows.flatMap(([unit, group, values]) => Object.entries(values).map(([period, value]) => ({ unit, group, period, value })));
}

function codes(warnings: Array<{ code: string }>): string[] {
  return warnings.map((w) => w.code);
}

function closeTo(actual: number | null | undefined, expected: number, tol: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tol);
}

/** Deterministic PRNG (mulberry32) and standard normal draws (Box–Muller). */
function rng(seed: number): { uniform: () => number; normal: () => number } {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    let u = 0;
    while (u === 0) u = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, normal };
}

/** A balanced (optionally thinned) panel: nP pilot and nC comparison units, T periods "2020"…, start index s. */
const panelArb = fc
  .record({ nP: fc.integer({ min: 2, max: 6 }), nC: fc.integer({ min: 2, max: 6 }), T: fc.integer({ min: 2, max: 6 }) })
  .chain(({ nP, nC, T }) =>
    fc.record({
      nP: fc.constant(nP),
      nC: fc.constant(nC),
      T: fc.constant(T),
      start: fc.integer({ min: 1, max: T - 1 }),
      values: fc.array(fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: T, maxLength: T }), {
        minLength: nP + nC,
        maxLength: nP + nC,
      }),
      keep: fc.array(fc.array(fc.boolean(), { minLength: T, maxLength: T }), { minLength: nP + nC, maxLength: nP + nC }),
    }),
  );

type PanelSpec = { nP: number; nC: number; T: number; start: number; values: number[][]; keep: boolean[][] };

function buildPanel(spec: PanelSpec, balanced: boolean): { obs: DidObservation[]; treatmentStart: string } {
  const obs: DidObservation[] = [];
  for (let i = 0; i < spec.nP + spec.nC; i++) {
    const pilot = i < spec.nP;
    for (let t = 0; t < spec.T; t++) {
      if (!balanced && !spec.keep[i][t]) continue;
      obs.push({ unit: pilot ? `P${i}` : `C${i}`, group: pilot ? "pilot" : "comparison", period: String(2020 + t), value: spec.values[i][t] });
    }
  }
  return { obs, treatmentStart: String(2020 + spec.start) };
}

/** OLS of y on [1, post, pilot, post·pilot] by normal equations; returns the coefficients. */
function olsInteraction(obs: DidObservation[], treatmentStart: string): number[] {
  const X = obs.map((o) => {
    const post = o.period >= treatmentStart ? 1 : 0;
    const pilot = o.group === "pilot" ? 1 : 0;
    return [1, post, pilot, post * pilot];
  });
  const k = 4;
  const A = Array.from({ length: k }, (_, r) => Array.from({ length: k + 1 }, (_, c) => 0));
  X.forEach((x, i) => {
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) A[r][c] += x[r] * x[c];
      A[r][k] += x[r] * obs[i].value;
    }
  });
  for (let col = 0; col < k; col++) {
    let piv = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(A[r][col]) > Math.abs(A[piv][col])) piv = r;
    [A[col], A[piv]] = [A[piv], A[col]];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = A[r][col] / A[col][col];
      for (let c = col; c <= k; c++) A[r][c] -= f * A[col][c];
    }
  }
  return A.map((row, r) => row[k] / row[r]);
}

// ---------------------------------------------------------------------------------------------------------
// Distribution functions
// ---------------------------------------------------------------------------------------------------------

describe("Student t quantile", () => {
  // R: qt(0.975, df); df = Inf is the normal quantile 1.959963985.
  const table: Array<[number, number]> = [
    [1, 12.70620474],
    [2, 4.30265273],
    [4, 2.776445105],
    [9, 2.262157163],
    [30, 2.042272456],
    [Infinity, 1.959963985],
  ];
  it.each(table)("t_{0.975, %s} matches the table", (df, expected) => {
    expect(Math.abs(studentTQuantile(0.975, df) - expected)).toBeLessThan(1e-4);
    expect(Math.abs(studentTQuantile(0.975, df) - expected)).toBeLessThan(1e-8);
    expect(Math.abs(studentTQuantile(0.025, df) + expected)).toBeLessThan(1e-8);
  });

  it("matches other tabulated quantiles", () => {
    closeTo(studentTQuantile(0.95, 4), 2.131846786, 1e-8);
    closeTo(studentTQuantile(0.995, 9), 3.249835541, 1e-8);
    closeTo(studentTQuantile(0.9, 30), 1.310415025, 1e-8);
    closeTo(studentTQuantile(0.975, 1e12), 1.959963985, 1e-8);
    closeTo(normalQuantile(0.995), 2.575829304, 1e-8);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
    expect(studentTQuantile(0, 3)).toBe(-Infinity);
  });

  it("agrees with the closed forms for df = 1 (Cauchy) and df = 2", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => {
        const cauchy = Math.tan(Math.PI * (p - 0.5));
        expect(Math.abs(studentTQuantile(p, 1) - cauchy)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(cauchy)));
        const two = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
        expect(Math.abs(studentTQuantile(p, 2) - two)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(two)));
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (t) => {
        expect(Math.abs(studentTCdf(t, 1) - (0.5 + Math.atan(t) / Math.PI))).toBeLessThan(1e-12);
        expect(Math.abs(studentTCdf(t, 2) - (0.5 + t / (2 * Math.sqrt(2 + t * t))))).toBeLessThan(1e-12);
      }),
    );
  });

  it("inverts the CDF for fractional degrees of freedom (Welch df)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1e4, noNaN: true }), fc.double({ min: 1e-8, max: 1 - 1e-8, noNaN: true }), (df, p) => {
        const q = studentTQuantile(p, df);
        expect(Math.abs(studentTCdf(q, df) - p)).toBeLessThan(1e-10);
      }),
    );
  });

  it("is continuous where it switches to the large-df expansion", () => {
    const z = 1.959963984540054;
    for (const df of [9.99e6, 1.001e7]) closeTo(studentTQuantile(0.975, df), z + (z * (z * z + 1)) / (4 * df), 1e-9);
  });

  it("rejects bad arguments", () => {
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(1.5, 3)).toThrow(RangeError);
    expect(() => studentTCdf(1, -1)).toThrow(RangeError);
  });
});

describe("special functions", () => {
  it("logGamma matches factorials and Γ(½) = √π", () => {
    closeTo(logGamma(1), 0, 1e-14);
    closeTo(logGamma(5), Math.log(24), 1e-13);
    closeTo(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-13);
    closeTo(logGamma(101), 363.73937555556347, 1e-10);
  });

  it("regularized incomplete beta matches closed forms", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 50, noNaN: true }), (x, a) => {
        expect(Math.abs(regularizedIncompleteBeta(x, 1, 1) - x)).toBeLessThan(1e-13);
        expect(Math.abs(regularizedIncompleteBeta(x, a, 1) - x ** a)).toBeLessThan(1e-12);
        expect(Math.abs(regularizedIncompleteBeta(x, 1, a) - (1 - (1 - x) ** a))).toBeLessThan(1e-12);
        expect(Math.abs(regularizedIncompleteBeta(0.5, a, a) - 0.5)).toBeLessThan(1e-12);
      }),
    );
  });

  it("normal CDF and quantile are inverse and accurate in the tails", () => {
    closeTo(normalCdf(1.959963984540054), 0.975, 1e-15);
    expect(Math.abs(normalCdf(-10) / 7.619853024160527e-24 - 1)).toBeLessThan(1e-10);
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1 - 1e-12, noNaN: true }), (p) => {
        const z = normalQuantile(p);
        expect(Math.abs(normalCdf(z) - p)).toBeLessThanOrEqual(1e-12 * Math.max(p, 1e-3));
      }),
    );
  });
});

describe("twoSampleT", () => {
  it("computes Welch's test", () => {
    // x = 2, 3, 4: mean 3, s² = 1; y = 0, 0, 2, 2: mean 1, s² = 4/3.
    const r = twoSampleT([2, 3, 4], [0, 0, 2, 2], 0.95);
    expect(r.method).toBe("welch");
    closeTo(r.estimate, 2, 1e-12);
    const vx = 1 / 3;
    const vy = 4 / 3 / 4;
    closeTo(r.se, Math.sqrt(vx + vy), 1e-12);
    closeTo(r.df, (vx + vy) ** 2 / (vx ** 2 / 2 + vy ** 2 / 3), 1e-12);
  });

  it("falls back to a pooled variance when one sample has a single value, and gives up with none", () => {
    const r = twoSampleT([5], [1, 2, 3]);
    expect(r.method).toBe("pooled");
    closeTo(r.estimate, 3, 1e-12);
    closeTo(r.se, Math.sqrt(1 * (1 + 1 / 3)), 1e-12);
    expect(r.df).toBe(2);
    expect(twoSampleT([1], [2]).se).toBeNull();
    expect(twoSampleT([], [2, 3]).estimate).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------
// Difference-in-differences: exact small panels
// ---------------------------------------------------------------------------------------------------------

describe("differenceInDifferences: hand-computed panels", () => {
  it("2 × 2 units, one period before and after", () => {
    const obs = panel([
      ["P1", "pilot", { "2022": 10, "2023": 15 }], // D = 5
      ["P2", "pilot", { "2022": 12, "2023": 19 }], // D = 7
      ["C1", "comparison", { "2022": 8, "2023": 10 }], // D = 2
      ["C2", "comparison", { "2022": 9, "2023": 13 }], // D = 4
    ]);
    const r = differenceInDifferences(obs, { treatmentStart: "2023" });
    expect(r.method).toBe("unit-differences-welch");
    expect(r.cells.pilot.pre).toEqual({ group: "pilot", phase: "pre", mean: 11, nUnits: 2, nObs: 2 });
    expect(r.cells.pilot.post.mean).toBe(17);
    expect(r.cells.comparison.pre.mean).toBe(8.5);
    expect(r.cells.comparison.post.mean).toBe(11.5);
    // (17 − 11) − (11.5 − 8.5) = 3; s²_P = s²_C = 2 → se² = 2/2 + 2/2 = 2; Welch df = 2² / (1/1 + 1/1) = 2.
    expect(r.estimate).toBe(3);
    closeTo(r.se, Math.SQRT2, 1e-14);
    closeTo(r.df, 2, 1e-12);
    closeTo(r.tCritical, 4.30265273, 1e-8);
    closeTo(r.ci?.low, 3 - 4.302652729749463 * Math.SQRT2, 1e-9); // −3.08487
    closeTo(r.ci?.high, 3 + 4.302652729749463 * Math.SQRT2, 1e-9); // 9.08487
    expect(r.ci?.level).toBe(0.95);
    // t = 3/√2, df 2: p = 1 − t/√(2 + t²).
    const t = 3 / Math.SQRT2;
    closeTo(r.pValue, 1 - t / Math.sqrt(2 + t * t), 1e-12);
    expect(r.units).toEqual({ pilot: 2, comparison: 2, total: 4 });
    expect(r.observations).toEqual({ used: 8, total: 8 });
    expect(r.unitDifferences.map((d) => [d.unit, d.difference])).toEqual([
      ["C1", 2],
      ["C2", 4],
      ["P1", 5],
      ["P2", 7],
    ]);
    expect(codes(r.warnings).sort()).toEqual(["few-units", "single-pre-period"]);
  });

  it("unbalanced panel with a dropped unit", () => {
    const obs = panel([
      ["A", "pilot", { "2021": 10, "2022": 12, "2023": 15, "2024": 17 }], // pre 11, post 16, D 5
      ["B", "pilot", { "2021": 20, "2022": 20, "2023": 26 }], // pre 20, post 26, D 6
      ["E", "pilot", { "2021": 5 }], // no post → dropped
      ["C", "comparison", { "2021": 7, "2022": 9, "2023": 10, "2024": 12 }], // pre 8, post 11, D 3
      ["D", "comparison", { "2022": 4, "2023": 5, "2024": 7 }], // pre 4, post 6, D 2
      ["F", "comparison", { "2021": 1, "2022": 3, "2023": 4, "2024": 8 }], // pre 2, post 6, D 4
    ]);
    const r = differenceInDifferences(obs, { treatmentStart: "2023" });
    // Pilot D: 5, 6 (mean 5.5, s² ½); comparison D: 3, 2, 4 (mean 3, s² 1).
    closeTo(r.estimate, 2.5, 1e-12);
    const v = 0.5 / 2 + 1 / 3; // 7/12
    closeTo(r.se, Math.sqrt(v), 1e-12);
    closeTo(r.df, 49 / 17, 1e-12); // (7/12)² / ((1/4)²/1 + (1/3)²/2)
    const tc = studentTQuantile(0.975, 49 / 17);
    closeTo(r.ci?.low, 2.5 - tc * Math.sqrt(v), 1e-9);
    closeTo(r.ci?.high, 2.5 + tc * Math.sqrt(v), 1e-9);
    closeTo(r.cells.pilot.pre.mean, 15.5, 1e-12);
    closeTo(r.cells.pilot.post.mean, 21, 1e-12);
    closeTo(r.cells.comparison.pre.mean, 14 / 3, 1e-12);
    closeTo(r.cells.comparison.post.mean, 23 / 3, 1e-12);
    expect([r.cells.pilot.pre.nObs, r.cells.pilot.post.nObs, r.cells.comparison.pre.nObs, r.cells.comparison.post.nObs]).toEqual([4, 3, 5, 6]);
    expect([r.cells.pilot.pre.nUnits, r.cells.comparison.post.nUnits]).toEqual([2, 3]);
    expect(r.observations).toEqual({ used: 18, total: 19 });
    expect(r.droppedUnits).toEqual([{ unit: "E", group: "pilot", reason: "no-post", nObs: 1 }]);
    expect(codes(r.warnings).sort()).toEqual(["few-units", "unbalanced-panel", "units-dropped"]);
    const unbalanced = r.warnings.find((w) => w.code === "unbalanced-panel")!;
    expect(unbalanced.details).toEqual({ missingUnitPeriods: 2, periods: 4 });
    expect(r.warnings.find((w) => w.code === "units-dropped")!.messageTh).toContain("E");

    // Over time: all observations (E included), unit-level means per period.
    expect(r.overTime.map((p) => [p.period, p.phase])).toEqual([
      ["2021", "pre"],
      ["2022", "pre"],
      ["2023", "post"],
      ["2024", "post"],
    ]);
    const p2021 = r.overTime[0];
    expect(p2021.pilot?.n).toBe(3);
    closeTo(p2021.pilot?.mean, 35 / 3, 1e-12);
    const p2024 = r.overTime[3];
    expect(p2024.pilot).toEqual({ n: 1, mean: 17, sd: null, se: null, ci: null });
    // Comparison 2024: 12, 7, 8 → mean 9, sd √7, t interval with 2 df.
    closeTo(p2024.comparison?.mean, 9, 1e-12);
    closeTo(p2024.comparison?.sd, Math.sqrt(7), 1e-12);
    closeTo(p2024.comparison?.ci?.high, 9 + 4.302652729749463 * Math.sqrt(7 / 3), 1e-9);
    // Gap 2024: pilot has one unit → pooled variance from the comparison units: se² = 7·(1 + 1/3), df 2.
    closeTo(p2024.gap?.estimate, 8, 1e-12);
    closeTo(p2024.gap?.se, Math.sqrt(28 / 3), 1e-12);
    expect(p2024.gap?.df).toBe(2);
    expect(periodMeans(obs, { treatmentStart: "2023" })).toEqual(r.overTime);
  });

  it("equals the OLS interaction coefficient on balanced panels", () => {
    fc.assert(
      fc.property(panelArb, (spec) => {
        const { obs, treatmentStart } = buildPanel(spec, true);
        const r = differenceInDifferences(obs, { treatmentStart });
        const d = olsInteraction(obs, treatmentStart)[3];
        expect(Math.abs((r.estimate as number) - d)).toBeLessThanOrEqual(1e-8 * 1000);
        expect(r.warnings.some((w) => w.code === "unbalanced-panel")).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it("has the HC2 (CR2) variance of the unit-level regression D_i = α + d·pilot_i", () => {
    fc.assert(
      fc.property(panelArb, (spec) => {
        const { obs, treatmentStart } = buildPanel(spec, true);
        const r = differenceInDifferences(obs, { treatmentStart });
        // Sandwich with HC2 weights e_i²/(1 − h_ii) on X = [1, pilot]; Var(d) is the [1][1] entry.
        const D = r.unitDifferences;
        const X = D.map((u) => [1, u.group === "pilot" ? 1 : 0]);
        const n = D.length;
        const n1 = X.filter((x) => x[1] === 1).length;
        const XtX = [
          [n, n1],
          [n1, n1],
        ];
        const det = XtX[0][0] * XtX[1][1] - XtX[0][1] * XtX[1][0];
        const inv = [
          [XtX[1][1] / det, -XtX[0][1] / det],
          [-XtX[1][0] / det, XtX[0][0] / det],
        ];
        const beta = [0, 1].map((r_) => D.reduce((s, u, i) => s + (inv[r_][0] * X[i][0] + inv[r_][1] * X[i][1]) * u.difference, 0));
        const meat = [
          [0, 0],
          [0, 0],
        ];
        D.forEach((u, i) => {
          const x = X[i];
          const e = u.difference - (beta[0] + beta[1] * x[1]);
          const h = x[0] * (inv[0][0] * x[0] + inv[0][1] * x[1]) + x[1] * (inv[1][0] * x[0] + inv[1][1] * x[1]);
          for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) meat[a][b] += (x[a] * x[b] * e * e) / (1 - h);
        });
        let v = 0;
        for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) v += inv[1][a] * meat[a][b] * inv[b][1];
        expect(Math.abs((r.se as number) ** 2 - v)).toBeLessThanOrEqual(1e-7 * (1 + v));
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------

describe("differenceInDifferences: invariances", () => {
  const tol = (scale: number) => 1e-9 * (1 + scale);

  it("is invariant to adding a constant to every value", () => {
    fc.assert(
      fc.property(panelArb, fc.boolean(), fc.double({ min: -1e4, max: 1e4, noNaN: true }), (spec, balanced, c) => {
        const { obs, treatmentStart } = buildPanel(spec, balanced);
        const a = differenceInDifferences(obs, { treatmentStart });
        const b = differenceInDifferences(
          obs.map((o) => ({ ...o, value: o.value + c })),
          { treatmentStart },
        );
        if (a.estimate === null) {
          expect(b.estimate).toBeNull();
          return;
        }
        expect(Math.abs((b.estimate as number) - a.estimate)).toBeLessThanOrEqual(tol(Math.abs(c) + 1000));
        if (a.se !== null && b.se !== null) expect(Math.abs(b.se - a.se)).toBeLessThanOrEqual(tol(Math.abs(c) + 1000));
      }),
      { numRuns: 200 },
    );
  });

  it("is invariant to adding a unit fixed effect", () => {
    fc.assert(
      fc.property(
        panelArb,
        fc.boolean(),
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 12, maxLength: 12 }),
        (spec, balanced, effects) => {
          const { obs, treatmentStart } = buildPanel(spec, balanced);
          const alpha = (unit: string) => effects[Number(unit.slice(1))];
          const a = differenceInDifferences(obs, { treatmentStart });
          const b = differenceInDifferences(
            obs.map((o) => ({ ...o, value: o.value + alpha(o.unit) })),
            { treatmentStart },
          );
          if (a.estimate === null) {
          expect(b.estimate).toBeNull();
          return;
        }
          expect(Math.abs((b.estimate as number) - a.estimate)).toBeLessThanOrEqual(tol(1e4 + 1000));
          if (a.se !== null && b.se !== null) expect(Math.abs(b.se - a.se)).toBeLessThanOrEqual(tol(1e4 + 1000));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("is invariant to a period effect shared by all units (balanced panels)", () => {
    fc.assert(
      fc.property(panelArb, fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 6, maxLength: 6 }), (spec, gamma) => {
        const { obs, treatmentStart } = buildPanel(spec, true);
        const a = differenceInDifferences(obs, { treatmentStart });
        const b = differenceInDifferences(
          obs.map((o) => ({ ...o, value: o.value + gamma[Number(o.period) - 2020] })),
          { treatmentStart },
        );
        expect(Math.abs((b.estimate as number) - (a.estimate as number))).toBeLessThanOrEqual(tol(1e4 + 1000));
      }),
      { numRuns: 100 },
    );
  });

  it("shifts by exactly δ when δ is added to every pilot observation from the start on", () => {
    fc.assert(
      fc.property(panelArb, fc.boolean(), fc.double({ min: -1e3, max: 1e3, noNaN: true }), (spec, balanced, delta) => {
        const { obs, treatmentStart } = buildPanel(spec, balanced);
        const a = differenceInDifferences(obs, { treatmentStart });
        const b = differenceInDifferences(
          obs.map((o) => (o.group === "pilot" && o.period >= treatmentStart ? { ...o, value: o.value + delta } : o)),
          { treatmentStart },
        );
        if (a.estimate === null) {
          expect(b.estimate).toBeNull();
          return;
        }
        expect(Math.abs((b.estimate as number) - (a.estimate + delta))).toBeLessThanOrEqual(tol(2000));
        // The whole interval moves with it (same spread of unit changes within each group).
        if (a.ci && b.ci) {
          expect(Math.abs(b.ci.low - (a.ci.low + delta))).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(a.ci.low)));
          expect(Math.abs(b.ci.high - (a.ci.high + delta))).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(a.ci.high)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("does not depend on the order of the observations, and swapping groups negates the estimate", () => {
    fc.assert(
      fc.property(panelArb, fc.boolean(), fc.integer(), (spec, balanced, seed) => {
        const { obs, treatmentStart } = buildPanel(spec, balanced);
        const r = rng(seed);
        const shuffled = obs
          .map((o) => ({ o, k: r.uniform() }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.o);
        const a = differenceInDifferences(obs, { treatmentStart });
        const b = differenceInDifferences(shuffled, { treatmentStart });
        const swapped = differenceInDifferences(
          obs.map((o) => ({ ...o, group: o.group === "pilot" ? "comparison" : "pilot" })),
          { treatmentStart },
        );
        if (a.estimate === null) return;
        expect(Math.abs((b.estimate as number) - a.estimate)).toBeLessThanOrEqual(1e-9 * 1000);
        expect(Math.abs((swapped.estimate as number) + a.estimate)).toBeLessThanOrEqual(1e-9 * 1000);
        expect(b.units).toEqual(a.units);
        expect(b.observations).toEqual(a.observations);
      }),
      { numRuns: 100 },
    );
  });

  it("the 2×2 cells add up to the estimate", () => {
    fc.assert(
      fc.property(panelArb, fc.boolean(), (spec, balanced) => {
        const { obs, treatmentStart } = buildPanel(spec, balanced);
        const r = differenceInDifferences(obs, { treatmentStart });
        if (r.estimate === null) return;
        const c = r.cells;
        const fromCells = c.pilot.post.mean! - c.pilot.pre.mean! - (c.comparison.post.mean! - c.comparison.pre.mean!);
        expect(Math.abs(fromCells - r.estimate)).toBeLessThanOrEqual(1e-9 * 1000);
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Coverage of the confidence interval (seeded simulation)
// ---------------------------------------------------------------------------------------------------------

interface Scenario {
  name: string;
  nP: number;
  nC: number;
  T: number;
  start: number;
  sigmaP: number;
  sigmaC: number;
  rho: number;
}

function simulateCoverage(s: Scenario, runs: number, seed: number, delta = 2): { coverage: number; meanEstimate: number } {
  const r = rng(seed);
  let covered = 0;
  let sum = 0;
  for (let run = 0; run < runs; run++) {
    const gamma = Array.from({ length: s.T }, () => 3 * r.normal()); // common period shocks
    const obs: DidObservation[] = [];
    for (let i = 0; i < s.nP + s.nC; i++) {
      const pilot = i < s.nP;
      const sigma = pilot ? s.sigmaP : s.sigmaC;
      const alpha = 50 + 10 * r.normal(); // unit fixed effect
      let e = (r.normal() * sigma) / Math.sqrt(1 - s.rho * s.rho); // stationary AR(1) start
      for (let t = 0; t < s.T; t++) {
        if (t > 0) e = s.rho * e + sigma * r.normal();
        const treated = pilot && t >= s.start ? delta : 0;
        obs.push({ unit: `${pilot ? "P" : "C"}${i}`, group: pilot ? "pilot" : "comparison", period: `${2560 + t}`, value: alpha + gamma[t] + treated + e });
      }
    }
    const res = differenceInDifferences(obs, { treatmentStart: `${2560 + s.start}` });
    sum += res.estimate as number;
    if (res.ci && res.ci.low <= delta && delta <= res.ci.high) covered++;
  }
  return { coverage: covered / runs, meanEstimate: sum / runs };
}

describe("differenceInDifferences: confidence interval coverage (400 seeded simulations each)", () => {
  const scenarios: Scenario[] = [
    { name: "5 pilot vs 5 comparison provinces, iid noise", nP: 5, nC: 5, T: 6, start: 3, sigmaP: 1, sigmaC: 1, rho: 0 },
    { name: "5 vs 5, strongly serially correlated noise (AR(1), ρ = 0.8)", nP: 5, nC: 5, T: 8, start: 4, sigmaP: 1, sigmaC: 1, rho: 0.8 },
    { name: "3 vs 7, pilot noise three times larger", nP: 3, nC: 7, T: 4, start: 2, sigmaP: 3, sigmaC: 1, rho: 0.3 },
  ];
  it.each(scenarios)("$name", (s) => {
    const { coverage, meanEstimate } = simulateCoverage(s, 400, 20260101 + s.nP * 31 + s.T);
    expect(coverage).toBeGreaterThanOrEqual(0.9);
    expect(coverage).toBeLessThanOrEqual(0.99);
    expect(Math.abs(meanEstimate - 2)).toBeLessThan(0.25); // unbiased
  });
});

// ---------------------------------------------------------------------------------------------------------
// Warnings and validation
// ---------------------------------------------------------------------------------------------------------

describe("differenceInDifferences: warnings", () => {
  const base = panel([
    ["P1", "pilot", { "2022": 1, "2023": 2, "2024": 4 }],
    ["P2", "pilot", { "2022": 2, "2023": 2, "2024": 5 }],
    ["P3", "pilot", { "2022": 3, "2023": 5, "2024": 7 }],
    ["C1", "comparison", { "2022": 1, "2023": 1, "2024": 2 }],
    ["C2", "comparison", { "2022": 2, "2023": 3, "2024": 3 }],
    ["C3", "comparison", { "2022": 4, "2023": 5, "2024": 5 }],
  ]);

  it("gives none on a clean balanced panel", () => {
    const r = differenceInDifferences(base, { treatmentStart: "2024" });
    expect(r.warnings).toEqual([]);
    expect(r.method).toBe("unit-differences-welch");
  });

  it("reports a missing cell (no pilot observation after the start) and gives no estimate", () => {
    const obs = base.filter((o) => !(o.group === "pilot" && o.period >= "2024"));
    const r = differenceInDifferences(obs, { treatmentStart: "2024" });
    expect(r.estimate).toBeNull();
    expect(r.ci).toBeNull();
    expect(r.method).toBe("none");
    const missing = r.warnings.filter((w) => w.code === "missing-cell");
    expect(missing).toHaveLength(1);
    expect(missing[0].details).toEqual({ group: "pilot", phase: "post" });
    expect(missing[0].messageTh).toContain("จังหวัดนำร่อง");
    expect(missing[0].messageEn).toContain("pilot");
    expect(r.cells.pilot.post).toEqual({ group: "pilot", phase: "post", mean: null, nUnits: 0, nObs: 0 });
  });

  it("reports every cell as missing for an empty panel, and when the start is after every period", () => {
    expect(codes(differenceInDifferences([], { treatmentStart: "2024" }).warnings).filter((c) => c === "missing-cell")).toHaveLength(4);
    const late = differenceInDifferences(base, { treatmentStart: "2030" });
    expect(late.warnings.filter((w) => w.code === "missing-cell").map((w) => w.details)).toEqual([
      { group: "pilot", phase: "post" },
      { group: "comparison", phase: "post" },
    ]);
  });

  it("reports a group with no complete unit", () => {
    const obs = panel([
      ["P1", "pilot", { "2022": 1 }],
      ["P2", "pilot", { "2024": 2 }],
      ["C1", "comparison", { "2022": 1, "2024": 2 }],
      ["C2", "comparison", { "2022": 1, "2024": 3 }],
    ]);
    const r = differenceInDifferences(obs, { treatmentStart: "2024" });
    expect(r.estimate).toBeNull();
    expect(codes(r.warnings)).toContain("no-complete-units");
    expect(r.droppedUnits.map((d) => [d.unit, d.reason])).toEqual([
      ["P1", "no-post"],
      ["P2", "no-pre"],
    ]);
  });

  it("falls back to a pooled variance with a single pilot unit, and gives no interval with one unit each", () => {
    const one = base.filter((o) => o.unit !== "P2" && o.unit !== "P3");
    const r = differenceInDifferences(one, { treatmentStart: "2024" });
    expect(r.method).toBe("unit-differences-pooled-t");
    expect(r.df).toBe(2);
    expect(r.ci).not.toBeNull();
    expect(codes(r.warnings)).toContain("single-unit-group");

    const two = base.filter((o) => o.unit === "P1" || o.unit === "C1");
    const s = differenceInDifferences(two, { treatmentStart: "2024" });
    expect(s.method).toBe("none");
    expect(s.estimate).not.toBeNull();
    expect(s.se).toBeNull();
    expect(codes(s.warnings)).toContain("too-few-units");
  });

  it("reports few units, zero variance, duplicates, one pre period and mixed period formats", () => {
    const few = differenceInDifferences(
      base.filter((o) => o.unit !== "P3"),
      { treatmentStart: "2024" },
    );
    expect(codes(few.warnings)).toEqual(["few-units"]);

    const flat = panel([
      ["P1", "pilot", { "2022": 1, "2023": 1, "2024": 3 }],
      ["P2", "pilot", { "2022": 5, "2023": 5, "2024": 7 }],
      ["C1", "comparison", { "2022": 1, "2023": 1, "2024": 2 }],
      ["C2", "comparison", { "2022": 4, "2023": 4, "2024": 5 }],
    ]);
    const z = differenceInDifferences(flat, { treatmentStart: "2024" });
    expect(z.estimate).toBe(1);
    expect(z.se).toBe(0);
    expect(z.ci).toBeNull();
    expect(codes(z.warnings)).toContain("zero-variance");

    const dup = differenceInDifferences([...base, { unit: "P1", group: "pilot", period: "2024", value: 6 }], { treatmentStart: "2024" });
    expect(codes(dup.warnings)).toEqual(["duplicate-observations"]);
    closeTo(dup.unitDifferences.find((d) => d.unit === "P1")?.postMean, 5, 1e-12);

    const onePre = differenceInDifferences(base, { treatmentStart: "2023" });
    expect(codes(onePre.warnings)).toEqual(["single-pre-period"]);

    const mixed = differenceInDifferences(base, { treatmentStart: "2024-Q1" });
    expect(codes(mixed.warnings)).toContain("mixed-period-formats");
  });

  it("uses the requested confidence level", () => {
    const r95 = differenceInDifferences(base, { treatmentStart: "2024" });
    const r90 = differenceInDifferences(base, { treatmentStart: "2024", level: 0.9 });
    expect(r90.ci?.level).toBe(0.9);
    closeTo(r90.tCritical, studentTQuantile(0.95, r90.df as number), 1e-12);
    expect(r90.ci!.high - r90.ci!.low).toBeLessThan(r95.ci!.high - r95.ci!.low);
    expect(r90.overTime[0].pilot?.ci?.level).toBe(0.9);
  });
});

describe("differenceInDifferences: input validation", () => {
  function fieldsOf(fn: () => unknown): Array<{ path: string; code: string; messageTh: string; messageEn: string }> {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const err = e as ValidationError;
      expect(err.status).toBe(400);
      expect(err.messageTh).toBeTruthy();
      return err.fields ?? [];
    }
    throw new Error("expected a ValidationError");
  }
  const ok: DidObservation = { unit: "P1", group: "pilot", period: "2023", value: 1 };

  it("names each bad field with Thai and English messages", () => {
    const fields = fieldsOf(() =>
      differenceInDifferences(
        [
          ok,
          { unit: "", group: "pilot", period: "2023", value: 1 },
          { unit: "P2", group: "treated" as DidGroup, period: "2023", value: 1 },
          { unit: "P3", group: "pilot", period: "", value: 1 },
          { unit: "P4", group: "pilot", period: "2023", value: Number.NaN },
          { unit: "P5", group: "pilot", period: "2023", value: Infinity },
          null as unknown as DidObservation,
        ],
        { treatmentStart: "2024" },
      ),
    );
    expect(fields.map((f) => [f.path, f.code])).toEqual([
      ["observations[1].unit", "did.unit-required"],
      ["observations[2].group", "did.group-invalid"],
      ["observations[3].period", "did.period-required"],
      ["observations[4].value", "did.value-finite"],
      ["observations[5].value", "did.value-finite"],
      ["observations[6]", "did.observation-object"],
    ]);
    for (const f of fields) {
      expect(f.messageTh).toMatch(/[\u0E00-\u0E7F]/);
      expect(f.messageEn).toMatch(/[a-z]/);
    }
  });

  it("refuses a unit in both groups", () => {
    const fields = fieldsOf(() => differenceInDifferences([ok, { ...ok, group: "comparison", period: "2024" }], { treatmentStart: "2024" }));
    expect(fields).toHaveLength(1);
    expect(fields[0]).toMatchObject({ path: "observations[1].group", code: "did.unit-group-conflict" });
    expect(fields[0].messageEn).toContain("P1");
  });

  it("checks the options", () => {
    expect(fieldsOf(() => differenceInDifferences([ok], { treatmentStart: "" })).map((f) => f.path)).toEqual(["treatmentStart"]);
    for (const level of [0, 1, 95, -0.5, Number.NaN]) {
      expect(fieldsOf(() => differenceInDifferences([ok], { treatmentStart: "2024", level })).map((f) => f.code)).toEqual(["did.level-range"]);
    }
    expect(fieldsOf(() => differenceInDifferences("x" as unknown as DidObservation[], { treatmentStart: "2024" })).map((f) => f.path)).toEqual([
      "observations",
    ]);
    expect(fieldsOf(() => periodMeans([{ ...ok, value: Number.NaN }], { treatmentStart: "2024" }))[0].path).toBe("observations[0].value");
  });

  it("caps the number of reported fields", () => {
    const bad = Array.from({ length: 100 }, () => ({ ...ok, value: Number.NaN }));
    expect(fieldsOf(() => differenceInDifferences(bad, { treatmentStart: "2024" }))).toHaveLength(20);
  });
});
