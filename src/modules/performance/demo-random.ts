/** The pilots' demo panel, drawn from the platform's fixed-seed generator (platform/demo-random.ts). */
import { demoRandom } from "../../platform/demo-random.js";

export { demoRandom, fnv1a, mulberry32 } from "../../platform/demo-random.js";

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
