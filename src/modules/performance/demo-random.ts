/**
 * The demo data's random numbers: a fixed-seed PRNG, so every start produces the same demo panel.
 * mulberry32 (a 32-bit state, period 2³²) seeded by FNV-1a of a text key; normal variates by Box–Muller.
 * Pure and dependency-free; not for anything that needs real randomness.
 */

/** FNV-1a 32-bit hash of a text: one independent stream per key (programme × outcome). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: uniform numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded stream with uniform and standard-normal draws. */
export function demoRandom(key: string): { uniform: () => number; normal: () => number } {
  const u = mulberry32(fnv1a(key));
  return {
    uniform: u,
    // Box–Muller; 1 − u() keeps the logarithm's argument in (0, 1]
    normal: () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()),
  };
}

export interface PanelModel {
  /** level of the outcome before any province effect (per province when given) */
  base: number | Record<string, number>;
  /** spread of the province effects α_i (added to the base) */
  unitSd: number;
  /** common change per period */
  trend: number;
  /** spread of the common period shocks β_t (the same for every province in a period) */
  periodSd: number;
  /** spread of the idiosyncratic noise ε_it */
  noiseSd: number;
  /** the effect the demo assumes in pilot provinces from the treatment start on */
  effect: number;
  /** decimals kept, and bounds */
  decimals: number;
  min?: number;
  max?: number;
}

/**
 * y_it = base_i + α_i + trend·t + β_t + effect·[pilot_i and period t ≥ start] + ε_it, drawn in a fixed order
 * (province effects in the order given, then period shocks, then noise province by province) from one stream.
 */
export function generatePanel(key: string, model: PanelModel, provinces: readonly { code: string; pilot: boolean }[], periods: readonly string[], treatmentStart: string): { provinceCode: string; periodEnd: string; value: number }[] {
  const rnd = demoRandom(key);
  const alpha = new Map(provinces.map((p) => [p.code, rnd.normal() * model.unitSd]));
  const beta = periods.map(() => rnd.normal() * model.periodSd);
  const out: { provinceCode: string; periodEnd: string; value: number }[] = [];
  for (const p of provinces) {
    const base = typeof model.base === "number" ? model.base : (model.base[p.code] ?? 0);
    periods.forEach((period, t) => {
      let y = base + alpha.get(p.code)! + model.trend * t + beta[t]! + (p.pilot && period >= treatmentStart ? model.effect : 0) + rnd.normal() * model.noiseSd;
      if (model.min !== undefined) y = Math.max(model.min, y);
      if (model.max !== undefined) y = Math.min(model.max, y);
      const f = 10 ** model.decimals;
      out.push({ provinceCode: p.code, periodEnd: period, value: Math.round(y * f) / f });
    });
  }
  return out;
}
