/** The colour scale of the oversight maps (tile grid and boundaries alike) and its legend. */
import { METRICS, type MetricId, type MetricMap } from "../../../modules/oversight/contracts.js";
import type { ProjectedShape } from "../map/geo-project.js";

/** Fill for a value between lo and hi: light to dark blue, darker is better (or more, for neutral figures). */
export function heatColor(metric: MetricId, value: number | null, lo: number | null, hi: number | null): string {
  if (value === null || lo === null || hi === null) return "#f1f3f5";
  const better = METRICS[metric].better;
  let x = hi === lo ? 0.5 : (value - lo) / (hi - lo);
  if (better === "down") x = 1 - x;
  // five steps of one hue (colour is never the only cue: the value is printed in the cell)
  const steps = ["#e7f5ff", "#a5d8ff", "#4dabf7", "#1971c2", "#0b4f8a"];
  return steps[Math.min(4, Math.floor(x * 5))]!;
}

/** Dark steps need light text. */
export const heatText = (fill: string) => (fill === "#1971c2" || fill === "#0b4f8a" ? "#ffffff" : "#1f2937");

/** The legend's values (one when every province has the same value, none without data). */
export function legendSteps(min: number | null, max: number | null): number[] {
  if (min === null || max === null) return [];
  return min === max ? [min] : [0, 0.25, 0.5, 0.75, 1].map((x) => min + (max - min) * x);
}

/** Outside the reader's scope, or a shape that is not a province: blank, not clickable. */
export const OUTSIDE = "#ffffff";

export type MetricShape = ProjectedShape & { fill: string; textFill: string; province: MetricMap["provinces"][number] | null };

/** Projected boundaries coloured by one figure: each province's shape takes the tile map's colour for its value. */
export function colourShapes(shapes: readonly ProjectedShape[], data: MetricMap): MetricShape[] {
  const byCode = new Map(data.provinces.map((p) => [p.code, p]));
  return shapes.map((s) => {
    const province = (s.code && byCode.get(s.code)) || null;
    const fill = province ? heatColor(data.metric, province.value, data.min, data.max) : OUTSIDE;
    return { ...s, province, fill, textFill: heatText(fill) };
  });
}
