import type { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { MapInput, METRICS, type MetricMap } from "./contracts.js";
import { requireAgenda } from "./get-matrix.js";
import { freshness, measuresOf, metricValue, sumMeasures } from "./read.js";
import { resolveScope } from "./scopes.js";

/** Every province of the scope with one metric's value, for the map coloured by it (and its legend's range). */
export async function getMetricMap({ ctx, input }: { ctx: Ctx; input: z.input<typeof MapInput> }): Promise<MetricMap> {
  const i = parseInput(MapInput, input);
  const scope = await resolveScope(ctx, i.scope ?? "nation");
  const def = METRICS[i.metric];
  if (i.agenda && !def.byAgenda)
    throw new ValidationError([{ path: "agenda", code: "oversight.metric-without-agenda", messageTh: `ตัวเลข "${def.th}" ไม่แยกตามวาระ`, messageEn: `"${def.en}" is not measured by agenda` }]);
  const agenda = await requireAgenda(ctx, i.agenda);
  const fy = i.fiscalYear ?? fiscalYearOf(bangkokToday(ctx.now()));
  const sums = scope.fn && !def.byFunction ? new Map() : await sumMeasures(ctx, { scope, fiscalYear: fy, measures: measuresOf([i.metric]), groupBy: "province", agenda: agenda?.id ?? null });
  const provinces = scope.frame
    .filter((p) => !scope.provinces || scope.provinces.includes(p.code))
    .map((p) => {
      const v = metricValue(i.metric, sums.get(p.code));
      // a province with no records at all has no value (not 0)
      return { code: p.code, nameTh: p.nameTh, nameEn: p.nameEn, value: sums.has(p.code) ? v.value : null, num: v.num, den: v.den };
    });
  const vals = provinces.flatMap((p) => (p.value === null ? [] : [p.value]));
  const fresh = await freshness(ctx, [def.family], scope.provinces);
  return { metric: i.metric, fiscalYear: fy, provinces, min: vals.length ? Math.min(...vals) : null, max: vals.length ? Math.max(...vals) : null, asOf: fresh.asOf };
}
