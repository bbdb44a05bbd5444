import type { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganizations } from "../registry/index.js";
import { lookupStrategyNodes } from "../strategy/index.js";
import { MatrixInput, METRICS, type Matrix, type MetricId } from "./contracts.js";
import { freshness, measuresOf, metricValue, sumMeasures, worseFirst, type Sums } from "./read.js";
import { resolveScope, type ResolvedScope } from "./scopes.js";

const NO_FUNCTION = { th: "ไม่สังกัดกระทรวง (เช่น ท้องถิ่น) หรือไม่ระบุ", en: "No ministry (e.g. local government) or not given" };
const WHOLE_PROVINCE = { th: "ทั้งจังหวัด", en: "Whole province" };

/** Adds b's measures into a. */
function addInto(a: Map<string, number>, b: Map<string, number> | undefined) {
  for (const [k, v] of b ?? []) a.set(k, (a.get(k) ?? 0) + v);
}

/** The columns of a matrix or map: provinces, or the clusters / regions they form, within the scope. */
export function columnsOf(scope: ResolvedScope, kind: "province" | "cluster" | "region"): Matrix["columns"] {
  const inScope = scope.frame.filter((p) => !scope.provinces || scope.provinces.includes(p.code));
  if (kind === "province") return inScope.map((p) => ({ id: p.code, code: p.code, nameTh: p.nameTh, nameEn: p.nameEn, provinces: [p.code] }));
  const cols = new Map<string, Matrix["columns"][number]>();
  for (const p of inScope) {
    const g = kind === "cluster" ? p.cluster : { ...p.region, code: p.region.id.split(":").pop() ?? p.region.id };
    if (!g) continue;
    if (!cols.has(g.id)) cols.set(g.id, { id: g.id, code: g.code, nameTh: g.nameTh, nameEn: g.nameEn || g.nameTh, provinces: [] });
    cols.get(g.id)!.provinces.push(p.code);
  }
  return [...cols.values()];
}

/** A known agenda (a government agenda or a pain point), or a 400 naming the field. */
export async function requireAgenda(ctx: Ctx, id: string | undefined) {
  if (!id) return null;
  const n = (await lookupStrategyNodes(ctx, [id])).get(id);
  if (!n || !["government_agenda", "pain_point"].includes(n.kind))
    throw new ValidationError([{ path: "agenda", code: "oversight.unknown-agenda", messageTh: `ไม่พบวาระ ${id}`, messageEn: `Unknown agenda ${id}` }]);
  return { id, nameTh: n.nameTh, nameEn: n.nameEn || n.nameTh };
}

/**
 * The matrix of function × area (× agenda) for one metric: ministries or departments down, provinces, clusters or
 * regions across, each cell the metric over the records of that function in that area; with totals and the worst
 * column. Metrics that belong to the province as a whole (the agreement, committees' cadence) have one row.
 */
export async function getMatrix({ ctx, input }: { ctx: Ctx; input: z.input<typeof MatrixInput> }): Promise<Matrix> {
  const i = parseInput(MatrixInput, input);
  const scope = await resolveScope(ctx, i.scope ?? "nation");
  const metric: MetricId = i.metric;
  const def = METRICS[metric];
  if (i.agenda && !def.byAgenda)
    throw new ValidationError([{ path: "agenda", code: "oversight.metric-without-agenda", messageTh: `ตัวเลข "${def.th}" ไม่แยกตามวาระ`, messageEn: `"${def.en}" is not measured by agenda` }]);
  const agenda = await requireAgenda(ctx, i.agenda);
  const fy = i.fiscalYear ?? fiscalYearOf(bangkokToday(ctx.now()));
  const measures = measuresOf([metric]);
  const rowKind = scope.fn?.kind === "ministry" && i.rows === "ministry" ? "department" : i.rows;
  const sums: Sums = def.byFunction
    ? await sumMeasures(ctx, { scope, fiscalYear: fy, measures, groupBy: [rowKind, "province"], agenda: agenda?.id ?? null })
    : scope.fn
      ? new Map() // a function's matrix has no province-wide figures
      : new Map([...(await sumMeasures(ctx, { scope, fiscalYear: fy, measures, groupBy: "province" })).entries()].map(([p, s]) => [`*|${p}`, s]));
  const columns = columnsOf(scope, i.columns);
  const colOf = new Map(columns.flatMap((c) => c.provinces.map((p) => [p, c.id] as const)));

  // sum the measures per cell, row and column, then compute the metric (a ratio of sums, never a mean of ratios)
  const cellSums = new Map<string, Map<string, number>>();
  const rowSums = new Map<string, Map<string, number>>();
  const colSums = new Map<string, Map<string, number>>();
  const total = new Map<string, number>();
  for (const [k, s] of sums) {
    const [row, province] = k.split("|") as [string, string];
    const col = colOf.get(province);
    if (col === undefined) continue;
    for (const [map, key] of [[cellSums, `${row}|${col}`], [rowSums, row], [colSums, col]] as const) {
      if (!map.has(key)) map.set(key, new Map());
      addInto(map.get(key)!, s);
    }
    addInto(total, s);
  }
  const rowIds = [...rowSums.keys()];
  const orgs = await lookupOrganizations(ctx, rowIds.filter((r) => r !== "" && r !== "*"));
  const rows = rowIds
    .map((id) =>
      id === "*" ? { id, nameTh: WHOLE_PROVINCE.th, nameEn: WHOLE_PROVINCE.en } : id === "" ? { id, nameTh: NO_FUNCTION.th, nameEn: NO_FUNCTION.en } : { id, nameTh: orgs.get(id)?.nameTh ?? id, nameEn: orgs.get(id)?.nameEn || orgs.get(id)?.nameTh || id },
    )
    .sort((a, b) => (a.id === "" ? 1 : b.id === "" ? -1 : a.nameTh.localeCompare(b.nameTh, "th")));
  const cells = [...cellSums.entries()].map(([k, s]) => {
    const [row, column] = k.split("|") as [string, string];
    const v = metricValue(metric, s);
    return { row, column, value: v.value, num: v.num, den: v.den };
  });
  const columnTotals = columns.filter((c) => colSums.has(c.id)).map((c) => ({ column: c.id, ...metricValue(metric, colSums.get(c.id)) }));
  const worst = [...columnTotals].filter((c) => c.value !== null).sort((a, b) => worseFirst(metric)(a.value, b.value))[0];
  const fresh = await freshness(ctx, [def.family], scope.provinces);
  return {
    metric,
    fiscalYear: fy,
    agenda,
    rowKind,
    columnKind: i.columns,
    rows,
    columns,
    cells,
    rowTotals: rows.map((r) => ({ row: r.id, ...metricValue(metric, rowSums.get(r.id)) })),
    columnTotals,
    total: metricValue(metric, total),
    worstColumn: def.better === "none" ? null : (worst?.column ?? null),
    asOf: fresh.asOf,
  };
}
