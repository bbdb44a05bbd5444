/**
 * Builds seed/reference/district-shapes.json: the outline of each of Thailand's 928 districts (อำเภอ/เขต), for
 * finding the district of a citizen's map pin (src/modules/cases/locate.ts).
 *
 *   npx tsx scripts/build-district-shapes.ts            # write seed/reference/district-shapes.json
 *   npx tsx scripts/build-district-shapes.ts --check    # exit 1 if the file is missing or out of date
 *
 * Environment: REFERENCE_DIR (default ../shared/reference, relative to the repository root) holds
 * geo/th_districts_adm2_simplified.geojson (HDX COD-AB 2019, already simplified with mapshaper); SEED_OUT_DIR
 * (default seed/reference) is where the file goes. The district codes must match seed/reference/districts.json.
 *
 * Output: one row per district, sorted by code: [code, provinceCode, bbox, centroid, point, rings].
 * Coordinates are [lon, lat] (GeoJSON order) rounded to 4 decimals (about 11 m); bbox = [minLon, minLat,
 * maxLon, maxLat]; centroid = area-weighted centroid; point = the centroid when it lies inside the district,
 * else an interior point far from the edges (concave or multi-part districts); rings = every ring of every
 * part as a flat [lon0, lat0, lon1, lat1, …] list without the closing vertex, read with the even-odd rule
 * (holes need no flag). Deterministic: no timestamps, fixed key order, one district per line.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

type Position = number[];
type Ring = Position[];
interface Feature {
  properties: Record<string, unknown>;
  geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const REFERENCE_DIR = resolve(ROOT, process.env.REFERENCE_DIR ?? "../shared/reference");
const OUT_DIR = resolve(ROOT, process.env.SEED_OUT_DIR ?? "seed/reference");
const INPUT = "geo/th_districts_adm2_simplified.geojson";
const OUTPUT = "district-shapes.json";
const CHECK_ONLY = process.argv.includes("--check");
/** Decimals kept: 4 ≈ 11 m, far below the simplified outlines' own error (hundreds of metres to kilometres). */
const DECIMALS = 4;
const SCALE = 10 ** DECIMALS;
/** Above this the file would be worth simplifying further (Douglas–Peucker); the input is far below it. */
const MAX_BYTES = 1_500_000;
const EXPECTED_DISTRICTS = 928;

const errors: string[] = [];
function check(cond: unknown, message: string): void {
  if (!cond) errors.push(message);
}
function abortIfErrors(stage: string): void {
  if (errors.length === 0) return;
  console.error(`build-district-shapes: FAILED (${stage}), ${errors.length} problem(s):`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}

const round = (v: number): number => Math.round(v * SCALE) / SCALE;

/** Rounds a ring, drops repeated vertices (rounding can merge neighbours) and the closing vertex. */
function cleanRing(ring: Ring): Position[] {
  const out: Position[] = [];
  for (const [x, y] of ring) {
    const p = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

/** Twice the signed area and the area-weighted vertex sums of a ring (shoelace formula). */
function ringMoments(r: Position[]): { a2: number; cx: number; cy: number } {
  let a2 = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < r.length; i++) {
    const [x0, y0] = r[i];
    const [x1, y1] = r[(i + 1) % r.length];
    const cross = x0 * y1 - x1 * y0;
    a2 += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { a2, cx, cy };
}

/** Even-odd point-in-rings test, written exactly as in locate.ts (edge taken from its lower end). */
function inside(rings: number[][], x: number, y: number): boolean {
  let c = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
      let x1 = r[i];
      let y1 = r[i + 1];
      let x2 = r[j];
      let y2 = r[j + 1];
      if (y1 > y === y2 > y) continue;
      if (y1 > y2) [x1, y1, x2, y2] = [x2, y2, x1, y1];
      if (x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) c = !c;
    }
  }
  return c;
}

/** Distance (degrees, longitude scaled by cos lat) from a point to the nearest edge. */
function edgeDistance(rings: number[][], x: number, y: number, k: number): number {
  let best = Infinity;
  for (const r of rings) {
    for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
      const ax = (r[j] - x) * k;
      const ay = r[j + 1] - y;
      const dx = (r[i] - r[j]) * k;
      const dy = r[i + 1] - r[j + 1];
      const len = dx * dx + dy * dy;
      const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
      best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
    }
  }
  return best;
}

/** An interior point far from the edges (grid search, then three finer searches around the best point). */
function interiorPoint(rings: number[][], bbox: number[]): [number, number] {
  const k = Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  let best: [number, number] | null = null;
  let bestD = -1;
  let [x0, y0, x1, y1] = bbox;
  for (let pass = 0; pass < 4; pass++) {
    const n = 64;
    const sx = (x1 - x0) / n;
    const sy = (y1 - y0) / n;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const x = round(x0 + i * sx);
        const y = round(y0 + j * sy);
        if (!inside(rings, x, y)) continue;
        const d = edgeDistance(rings, x, y, k);
        if (d > bestD) [best, bestD] = [[x, y], d];
      }
    }
    if (!best) break;
    [x0, y0, x1, y1] = [best[0] - 2 * sx, best[1] - 2 * sy, best[0] + 2 * sx, best[1] + 2 * sy];
  }
  if (!best) throw new Error("no interior point found");
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// Read and validate

const inputFile = join(REFERENCE_DIR, INPUT);
if (!existsSync(inputFile)) {
  console.error(`build-district-shapes: missing reference file ${inputFile} (set REFERENCE_DIR)`);
  process.exit(1);
}
const geo = JSON.parse(readFileSync(inputFile, "utf8")) as { features: Feature[] };
const seedDistricts = JSON.parse(readFileSync(join(ROOT, "seed/reference/districts.json"), "utf8")) as {
  rows: [string, string, string, string][];
};
const seedProvinceOf = new Map(seedDistricts.rows.map((r) => [r[0], r[3]]));

type Row = [string, string, number[], number[], number[], number[][]];
const rows: Row[] = [];
const seen = new Set<string>();
let vertices = 0;
for (const f of geo.features) {
  const pcode = String(f.properties.ADM2_PCODE ?? "");
  const m = /^TH(\d{4})$/.exec(pcode);
  const p = /^TH(\d{2})$/.exec(String(f.properties.ADM1_PCODE ?? ""));
  check(m && p, `${INPUT}: bad ADM2_PCODE/ADM1_PCODE ${pcode}/${String(f.properties.ADM1_PCODE)}`);
  if (!m || !p) continue;
  const code = m[1];
  const provinceCode = p[1];
  check(!seen.has(code), `${INPUT}: duplicate district ${code}`);
  seen.add(code);
  check(code.startsWith(provinceCode), `${INPUT}: district ${code} is filed under province ${provinceCode}`);
  // The seed build already requires the 928 HDX codes to match districts.json (5025 Galyani Vadhana is taken
  // from this very file), so any mismatch here means one of the two changed: fail rather than guess a recoding.
  const seedProvince = seedProvinceOf.get(code);
  check(seedProvince !== undefined, `district ${code} (${String(f.properties.ADM2_EN)}) is not in seed/reference/districts.json`);
  check(seedProvince === undefined || seedProvince === provinceCode, `district ${code}: province ${provinceCode} here, ${seedProvince} in districts.json`);

  const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  const rings: number[][] = [];
  let a2 = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of polygons) {
    polygon.forEach((raw, i) => {
      const r = cleanRing(raw);
      const mo = ringMoments(r);
      if (r.length < 3 || mo.a2 === 0) {
        check(i > 0, `district ${code}: an outer ring collapses at ${DECIMALS} decimals`);
        return; // a hole that vanished at this precision
      }
      // Outer rings add, holes subtract, whatever the winding in the source.
      const sign = (i === 0 ? 1 : -1) * Math.sign(mo.a2);
      a2 += sign * mo.a2;
      cx += sign * mo.cx;
      cy += sign * mo.cy;
      rings.push(r.flat());
      vertices += r.length;
    });
  }
  const xs = rings.flatMap((r) => r.filter((_, i) => i % 2 === 0));
  const ys = rings.flatMap((r) => r.filter((_, i) => i % 2 === 1));
  const bbox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  const centroid = [round(cx / (3 * a2)), round(cy / (3 * a2))];
  const point = inside(rings, centroid[0], centroid[1]) ? centroid : interiorPoint(rings, bbox);
  check(inside(rings, point[0], point[1]), `district ${code}: its point ${point.join(",")} is not inside it`);
  if (point !== centroid) console.log(`district ${code} (${String(f.properties.ADM2_EN)}): centroid ${centroid.join(",")} lies outside; point ${point.join(",")}`);
  rows.push([code, provinceCode, bbox, centroid, point, rings]);
}
check(rows.length === EXPECTED_DISTRICTS, `expected ${EXPECTED_DISTRICTS} districts, got ${rows.length}`);
for (const code of seedProvinceOf.keys()) check(seen.has(code), `district ${code} of seed/reference/districts.json has no shape in ${INPUT}`);

// Neighbours must share their border edge for edge (mapshaper keeps the topology): an edge used by three
// districts, or a border drawn twice slightly apart, would make pins on it ambiguous.
const edgeUse = new Map<string, number>();
for (const r of rows)
  for (const ring of r[5])
    for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      const a = `${ring[j]},${ring[j + 1]}`;
      const b = `${ring[i]},${ring[i + 1]}`;
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      edgeUse.set(key, (edgeUse.get(key) ?? 0) + 1);
    }
const overused = [...edgeUse.values()].filter((n) => n > 2).length;
check(overused === 0, `${overused} edge(s) are used by more than two districts`);
abortIfErrors("validation");
rows.sort((a, b) => a[0].localeCompare(b[0]));

// ---------------------------------------------------------------------------------------------------------
// Emit

const header = {
  source:
    "../shared/reference/geo/th_districts_adm2_simplified.geojson: HDX COD-AB Thailand (Royal Thai Survey Department, 2019-02), simplified with mapshaper by piyayut-ch/mapthai @ 2e20a60189cf1737429e7f0b9359e9cc8d794e1a (data-raw/geojson/th_adm2.geojson); ADM2_PCODE TH1001 → DOPA 1001",
  licence: "CC BY-IGO (attribution: OCHA / Royal Thai Survey Department)",
  notes:
    "Coarse outlines (about 10 vertices per district): borders and coasts are off by hundreds of metres to a few kilometres and small islands (Ko Tao, Ko Phi Phi, the Similans, Ko Lipe, Ko Samet, Ko Larn) are missing. Coordinates [lon, lat] rounded to 4 decimals; rings are flat [lon, lat, …] lists without the closing vertex, read with the even-odd rule; point = centroid if inside the district, else an interior point.",
  columns: ["code", "provinceCode", "bbox", "centroid", "point", "rings"],
  count: rows.length,
};
const text =
  "{\n" +
  Object.entries(header)
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`)
    .join("") +
  '  "rows": [\n' +
  rows.map((r) => "    " + JSON.stringify(r)).join(",\n") +
  "\n  ]\n}\n";
const bytes = Buffer.byteLength(text);
check(bytes <= MAX_BYTES, `${OUTPUT} is ${bytes} bytes (> ${MAX_BYTES}); simplify further`);
abortIfErrors("size");

const file = join(OUT_DIR, OUTPUT);
const current = existsSync(file) ? readFileSync(file, "utf8") : null;
if (CHECK_ONLY) {
  if (current !== text) {
    console.error(`build-district-shapes --check: ${file} is missing or out of date; run npx tsx scripts/build-district-shapes.ts`);
    process.exit(1);
  }
  console.log(`build-district-shapes --check: ${file} is up to date`);
} else {
  mkdirSync(OUT_DIR, { recursive: true });
  if (current !== text) writeFileSync(file, text, "utf8");
  const shared = [...edgeUse.values()].filter((n) => n === 2).length;
  console.log(
    `${OUTPUT}: ${rows.length} districts, ${rows.reduce((s, r) => s + r[5].length, 0)} rings, ${vertices} vertices, ${shared} shared border edges, ${edgeUse.size - shared} outer edges, ${bytes} bytes${current === text ? " (unchanged)" : ""}`,
  );
}
