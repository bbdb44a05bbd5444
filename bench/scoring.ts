// npx tsx bench/scoring.ts — scores 76 CEO provinces × 30 KPIs × 3 rounds (6, 9, 12 months) with the pure scoring
// engine (src/modules/performance/scoring.ts) and prints the elapsed time as JSON. Goal: ≤ 1 s (issue "performance
// agreements"). Inputs are generated from a seeded PRNG, so every run scores the same agreements.
// Each pass validates every agreement definition (AgreementScoring.parse, as the API does when one is saved) and
// scores every round; the first pass is cold (JIT not warmed up), the median is over the following passes.
import os from "node:os";
import { AgreementScoring, ROUNDS, scoreRound, type Direction } from "../src/modules/performance/scoring.js";
import { emitResult } from "./result.js";

const PROVINCES = 76;
const KPIS = 30;
const PASSES = 9;
const SEED = 0x5eed_2567;

/** mulberry32: a small, fast, seeded PRNG (deterministic across runs and machines). */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const two = (x: number) => Math.round(x * 100) / 100;

/** n positive weights in basis points summing to exactly 10 000. */
function weights(n: number): number[] {
  const bp = Array.from({ length: n }, () => 150);
  let left = 10_000 - 150 * n;
  while (left > 0) {
    const step = Math.min(left, 50);
    bp[int(0, n - 1)] += step;
    left -= step;
  }
  return bp;
}
const steps = [1, 2, 3, 4, 5].map((i) => ({ th: `ขั้นที่ ${i}`, en: `step ${i}` }));

type Raw = { definition: unknown; results: Record<number, Record<string, number | null>> };

function fiveLevelAgreement(p: number): Raw {
  const bp = weights(KPIS);
  const items = bp.map((w, k) => {
    const id = `p${p}-k${k}`;
    const base = { id, nameTh: `ตัวชี้วัดที่ ${k + 1} จังหวัด ${p}`, nameEn: `KPI ${k + 1}, province ${p}`, weight: w / 10_000 };
    if (rnd() < 0.3) return { ...base, criteria: { kind: "five-level-milestone", steps } };
    const direction: Direction = rnd() < 0.5 ? "higher-is-better" : "lower-is-better";
    const start = two(rnd() * 1000);
    const gap = two(1 + rnd() * 50);
    const lv = [0, 1, 2, 3, 4].map((i) => two(start + i * gap));
    return { ...base, criteria: { kind: "five-level-numeric", direction, levels: direction === "higher-is-better" ? lv : lv.reverse(), unit: "%" } };
  });
  const results: Raw["results"] = {};
  for (const round of ROUNDS) {
    const missing = round === 6 ? 0.2 : round === 9 ? 0.1 : 0.02;
    results[round] = Object.fromEntries(
      items.map((it) => {
        if (rnd() < missing) return [it.id, null];
        if (it.criteria.kind === "five-level-milestone") return [it.id, int(0, 5)];
        const lv = it.criteria.levels as number[];
        const lo = Math.min(...lv);
        const hi = Math.max(...lv);
        return [it.id, two(lo - (hi - lo) * 0.25 + rnd() * (hi - lo) * 1.5)];
      }),
    );
  }
  return { definition: { scheme: { type: "five-level" }, items }, results };
}

function pbPtAgreement(p: number): Raw {
  // 25 Performance-Base KPIs share 0.7, 5 Potential-Base items share 0.3 (all in whole basis points)
  const pb = weights(25).map((w) => Math.round((w * 7) / 10));
  pb[0]! += 7_000 - pb.reduce((a, b) => a + b, 0);
  const pt = [600, 600, 600, 600, 600];
  const items = [
    ...pb.map((w, k) => {
      const direction: Direction = rnd() < 0.5 ? "higher-is-better" : "lower-is-better";
      const g1 = 5 + rnd() * 20;
      const g2 = 5 + rnd() * 20;
      const t = [100, two(100 + g1), two(100 + g1 + g2)];
      const [threshold, standard, challenge] = direction === "higher-is-better" ? t : t.reverse();
      return { id: `p${p}-pb${k}`, nameTh: `ตัวชี้วัด PB ${k + 1}`, nameEn: `PB KPI ${k + 1}`, weight: w / 10_000, component: "performance", criteria: { kind: "tiered", direction, targets: { threshold, standard, challenge } } };
    }),
    ...pt.map((w, k) => ({ id: `p${p}-pt${k}`, nameTh: `ตัวชี้วัด PT ${k + 1}`, nameEn: `PT item ${k + 1}`, weight: w / 10_000, component: "potential", criteria: { kind: "assessed" } })),
  ];
  const results: Raw["results"] = {};
  for (const round of ROUNDS) {
    const missing = round === 6 ? 0.2 : round === 9 ? 0.1 : 0.02;
    results[round] = Object.fromEntries(
      items.map((it) => [it.id, rnd() < missing ? null : it.criteria.kind === "assessed" ? two(rnd() * 100) : two(90 + rnd() * 80)]),
    );
  }
  return { definition: { scheme: { type: "pb-pt" }, items }, results };
}

function pass(agreements: Raw[]): { ms: number; checksum: number; scored: number } {
  const t0 = performance.now();
  let checksum = 0;
  let scored = 0;
  for (const a of agreements) {
    const def = AgreementScoring.parse(a.definition);
    for (const round of ROUNDS) {
      const r = scoreRound(def, round, a.results[round]!);
      checksum += r.total ?? 0;
      scored += r.items.length;
    }
  }
  return { ms: performance.now() - t0, checksum, scored };
}

function measure(agreements: Raw[]) {
  const runs = Array.from({ length: PASSES }, () => pass(agreements));
  const warm = runs.slice(1).map((r) => r.ms).sort((a, b) => a - b);
  return {
    itemScores: runs[0]!.scored,
    coldMs: Number(runs[0]!.ms.toFixed(1)),
    medianMs: Number(warm[Math.floor(warm.length / 2)]!.toFixed(1)),
    maxMs: Number(Math.max(...runs.map((r) => r.ms)).toFixed(1)),
    checksum: Number(runs[0]!.checksum.toFixed(4)),
  };
}

const five = Array.from({ length: PROVINCES }, (_, p) => fiveLevelAgreement(p + 1));
const pbpt = Array.from({ length: PROVINCES }, (_, p) => pbPtAgreement(p + 1));
const fiveLevel = measure(five);
const pbPt = measure(pbpt);
emitResult({
  bench: "scoring",
  provinces: PROVINCES,
  kpisPerProvince: KPIS,
  rounds: ROUNDS,
  passes: PASSES,
  seed: SEED,
  goalMs: 1000,
  fiveLevel,
  pbPt,
  met: fiveLevel.coldMs <= 1000 && pbPt.coldMs <= 1000,
  node: process.version,
  cpu: os.cpus()[0]?.model ?? "unknown",
  cpus: os.cpus().length,
  loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
});
