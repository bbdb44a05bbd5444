/**
 * Where a case is: the district of a map pin, public coarsening of a location, distances and the fixed grid
 * cells of the duplicate search. Shapes come from seed/reference/district-shapes.json (HDX COD-AB 2019,
 * simplified: borders and coasts are off by up to a few kilometres, small islands are missing).
 */
import { ValidationError, fieldError } from "../../platform/errors.js";
import { readSeedJson } from "../../platform/paths.js";

/** A WGS 84 point in decimal degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** A district (DOPA 4-digit code) and its province (DOPA 2-digit code). */
export interface DistrictRef {
  districtCode: string;
  provinceCode: string;
}

/** How precisely a location may be shown in public output. */
export type LocationPrecision = "exact" | "block" | "district";

/** Mean Earth radius (IUGG), metres: the sphere used by distanceMeters and cellsAround. */
export const EARTH_RADIUS_M = 6_371_008.8;
/** Side of the fixed grid cells (cellOf, block coarsening), degrees: 0.001° ≈ 111 m north–south. */
export const CELL_DEG = 0.001;
const CELLS_PER_DEG = 1000;
const CELL_COLS = 360 * CELLS_PER_DEG;
/** cellsAround refuses larger circles: the duplicate search needs 50 m, and 5 km is already ~8,000 cells. */
export const MAX_CELL_RADIUS_M = 5_000;
/** nearestDistrict looks no further than this. */
export const MAX_NEAREST_M = 50_000;

// ---------------------------------------------------------------------------------------------------------
// The shapes and their grid index (built on first use)

type ShapeRow = [string, string, number[], number[], number[], number[][]];

interface Index {
  codes: string[];
  provinces: string[];
  byCode: Map<string, number>;
  bbox: Float64Array; // minLon, minLat, maxLon, maxLat per district
  centroid: Float64Array; // lon, lat per district
  point: Float64Array; // lon, lat per district
  rings: Float64Array[][];
  grid: { minLon: number; minLat: number; cols: number; rows: number; start: Int32Array; items: Int32Array };
}

/** Side of the index cells, degrees (~5.5 km): a cell overlaps the bounding boxes of 2–3 districts on average. */
const INDEX_CELL_DEG = 0.05;

let index: Index | undefined;

function loadIndex(): Index {
  const rows = readSeedJson<{ rows: ShapeRow[] }>("reference", "district-shapes.json").rows;
  return buildIndex(rows);
}

function buildIndex(rows: ShapeRow[]): Index {
  const n = rows.length;
  const bbox = new Float64Array(4 * n);
  const centroid = new Float64Array(2 * n);
  const point = new Float64Array(2 * n);
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  rows.forEach((r, i) => {
    bbox.set(r[2], 4 * i);
    centroid.set(r[3], 2 * i);
    point.set(r[4], 2 * i);
    [minLon, minLat] = [Math.min(minLon, r[2][0]), Math.min(minLat, r[2][1])];
    [maxLon, maxLat] = [Math.max(maxLon, r[2][2]), Math.max(maxLat, r[2][3])];
  });
  const cols = Math.floor((maxLon - minLon) / INDEX_CELL_DEG) + 1;
  const gridRows = Math.floor((maxLat - minLat) / INDEX_CELL_DEG) + 1;
  const cellRange = (i: number) => [
    Math.floor((bbox[4 * i] - minLon) / INDEX_CELL_DEG),
    Math.floor((bbox[4 * i + 1] - minLat) / INDEX_CELL_DEG),
    Math.floor((bbox[4 * i + 2] - minLon) / INDEX_CELL_DEG),
    Math.floor((bbox[4 * i + 3] - minLat) / INDEX_CELL_DEG),
  ];
  // Compressed rows: the districts of cell c are items[start[c] .. start[c+1]), in code order.
  const start = new Int32Array(cols * gridRows + 1);
  for (let i = 0; i < n; i++) {
    const [c0, r0, c1, r1] = cellRange(i);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) start[r * cols + c + 1]++;
  }
  for (let c = 0; c < cols * gridRows; c++) start[c + 1] += start[c];
  const fill = start.slice(0, -1);
  const items = new Int32Array(start[cols * gridRows]);
  for (let i = 0; i < n; i++) {
    const [c0, r0, c1, r1] = cellRange(i);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) items[fill[r * cols + c]++] = i;
  }
  return {
    codes: rows.map((r) => r[0]),
    provinces: rows.map((r) => r[1]),
    byCode: new Map(rows.map((r, i) => [r[0], i])),
    bbox,
    centroid,
    point,
    rings: rows.map((r) => r[5].map((ring) => Float64Array.from(ring))),
    grid: { minLon, minLat, cols, rows: gridRows, start, items },
  };
}

function getIndex(): Index {
  index ??= loadIndex();
  return index;
}

/** Loads the shapes and builds the grid index now (otherwise the first lookup does); returns the time taken in ms. */
export function warmLocateIndex(): number {
  const t = performance.now();
  index = loadIndex();
  return performance.now() - t;
}

/**
 * Even-odd test over all rings of a district. Each edge is taken from its lower end, so the two districts
 * sharing an edge compute the same crossing bit for bit: a point on a shared border falls in exactly one of
 * them (the one east of the border; north for an east–west border).
 */
function contains(rings: Float64Array[], x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
      let x1 = r[i];
      let y1 = r[i + 1];
      let x2 = r[j];
      let y2 = r[j + 1];
      if (y1 > y === y2 > y) continue;
      if (y1 > y2) {
        [x1, x2] = [x2, x1];
        [y1, y2] = [y2, y1];
      }
      if (x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
    }
  }
  return inside;
}

/** Index positions of the districts whose shape contains the point, in code order. */
function hits(ix: Index, lat: number, lon: number, firstOnly: boolean): number[] {
  const out: number[] = [];
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return out;
  const g = ix.grid;
  const c = Math.floor((lon - g.minLon) / INDEX_CELL_DEG);
  const r = Math.floor((lat - g.minLat) / INDEX_CELL_DEG);
  if (c < 0 || r < 0 || c >= g.cols || r >= g.rows) return out;
  const cell = r * g.cols + c;
  for (let k = g.start[cell]; k < g.start[cell + 1]; k++) {
    const i = g.items[k];
    const b = 4 * i;
    if (lon < ix.bbox[b] || lat < ix.bbox[b + 1] || lon > ix.bbox[b + 2] || lat > ix.bbox[b + 3]) continue;
    if (contains(ix.rings[i], lon, lat)) {
      out.push(i);
      if (firstOnly) break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Districts

/** The district and province containing a point, or null outside every district (sea, neighbouring countries). */
export function locateDistrict(lat: number, lon: number): DistrictRef | null {
  const ix = getIndex();
  const [i] = hits(ix, lat, lon, true);
  return i === undefined ? null : { districtCode: ix.codes[i], provinceCode: ix.provinces[i] };
}

/** Every district whose shape contains the point (normally none or one; for tests and diagnostics). */
export function districtsAt(lat: number, lon: number): string[] {
  const ix = getIndex();
  return hits(ix, lat, lon, false).map((i) => ix.codes[i]);
}

/** The area-weighted centroid of a district (may lie outside a concave or multi-part district), or null for an unknown code. */
export function districtCentroid(code: string): LatLon | null {
  const ix = getIndex();
  const i = ix.byCode.get(code);
  return i === undefined ? null : { lat: ix.centroid[2 * i + 1], lon: ix.centroid[2 * i] };
}

/** A point inside the district for showing it on a map: its centroid, or an interior point where the centroid lies outside. */
export function districtPoint(code: string): LatLon | null {
  const ix = getIndex();
  const i = ix.byCode.get(code);
  return i === undefined ? null : { lat: ix.point[2 * i + 1], lon: ix.point[2 * i] };
}

/** The shapes of a province's districts, in code order: each ring a flat [lon, lat, …] list without its closing vertex. */
export function districtShapes(provinceCode: string): { code: string; rings: number[][] }[] {
  const ix = getIndex();
  const out: { code: string; rings: number[][] }[] = [];
  ix.codes.forEach((code, i) => {
    if (ix.provinces[i] === provinceCode) out.push({ code, rings: ix.rings[i].map((r) => Array.from(r)) });
  });
  return out;
}

/** Metres from a point to the segment a–b on a local equirectangular projection (k = cos lat). */
function segmentMeters(x: number, y: number, ax: number, ay: number, bx: number, by: number, k: number): number {
  const px = (ax - x) * k;
  const py = ay - y;
  const dx = (bx - ax) * k;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(px * dx + py * dy) / len));
  return Math.hypot(px + t * dx, py + t * dy) * ((Math.PI / 180) * EARTH_RADIUS_M);
}

/**
 * The district containing the point (meters 0), else the one whose outline is nearest within maxMeters,
 * else null: for pins on islands or coasts that the coarse outlines leave in the sea. Distances use a
 * local flat projection (error < 0.5 % within 50 km); ties go to the lower code.
 */
export function nearestDistrict(lat: number, lon: number, maxMeters: number): (DistrictRef & { meters: number }) | null {
  checkPoint(lat, lon);
  if (!Number.isFinite(maxMeters) || maxMeters < 0 || maxMeters > MAX_NEAREST_M) {
    throw new ValidationError([
      fieldError("maxMeters", "location.radius-out-of-range", `ระยะค้นหาต้องอยู่ระหว่าง 0 ถึง ${MAX_NEAREST_M} เมตร`, `The search distance must be between 0 and ${MAX_NEAREST_M} m`),
    ]);
  }
  const found = locateDistrict(lat, lon);
  if (found) return { ...found, meters: 0 };
  const ix = getIndex();
  const g = ix.grid;
  const k = Math.cos((lat * Math.PI) / 180);
  const dLat = (maxMeters / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLon = dLat / Math.max(k, 1e-6);
  const c0 = Math.max(0, Math.floor((lon - dLon - g.minLon) / INDEX_CELL_DEG));
  const c1 = Math.min(g.cols - 1, Math.floor((lon + dLon - g.minLon) / INDEX_CELL_DEG));
  const r0 = Math.max(0, Math.floor((lat - dLat - g.minLat) / INDEX_CELL_DEG));
  const r1 = Math.min(g.rows - 1, Math.floor((lat + dLat - g.minLat) / INDEX_CELL_DEG));
  const seen = new Set<number>();
  let best = -1;
  let bestM = Infinity;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * g.cols + c;
      for (let q = g.start[cell]; q < g.start[cell + 1]; q++) {
        const i = g.items[q];
        if (seen.has(i)) continue;
        seen.add(i);
        for (const ring of ix.rings[i]) {
          for (let a = 0, b = ring.length - 2; a < ring.length; b = a, a += 2) {
            const m = segmentMeters(lon, lat, ring[b], ring[b + 1], ring[a], ring[a + 1], k);
            if (m < bestM || (m === bestM && i < best)) [best, bestM] = [i, m];
          }
        }
      }
    }
  }
  if (best < 0 || bestM > maxMeters) return null;
  return { districtCode: ix.codes[best], provinceCode: ix.provinces[best], meters: bestM };
}

// ---------------------------------------------------------------------------------------------------------
// Distances and grid cells

function checkPoint(lat: number, lon: number): void {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    throw new ValidationError([
      fieldError("location", "location.out-of-range", "พิกัดไม่ถูกต้อง (ละติจูด −90 ถึง 90, ลองจิจูด −180 ถึง 180)", "Invalid coordinates (latitude −90 to 90, longitude −180 to 180)"),
    ]);
  }
}

const toRad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine on a sphere of radius EARTH_RADIUS_M). */
export function distanceMeters(a: LatLon, b: LatLon): number {
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

const cellRow = (lat: number) => Math.min(180 * CELLS_PER_DEG - 1, Math.floor((lat + 90) * CELLS_PER_DEG));
const cellCol = (lon: number) => Math.floor((lon + 180) * CELLS_PER_DEG);
const cellId = (row: number, col: number) => row * CELL_COLS + (((col % CELL_COLS) + CELL_COLS) % CELL_COLS);

/**
 * The id of the fixed 0.001° cell holding a point: row × 360000 + col, with row = ⌊(lat + 90) × 1000⌋ and
 * col = ⌊(lon + 180) × 1000⌋ mod 360000. Ids run 0 … 6.48 × 10¹⁰: store them in a bigint column.
 */
export function cellOf(lat: number, lon: number): number {
  checkPoint(lat, lon);
  return cellId(cellRow(lat), cellCol(lon));
}

/**
 * Ids (ascending) of every fixed cell that a circle of `meters` around the point touches, so that any point
 * within that distance has its cellOf in the list. Cells whose nearest corner or side is farther than the
 * radius (plus 1 m for rounding) are left out: a 50 m circle touches at most 4 cells.
 */
export function cellsAround(lat: number, lon: number, meters: number): number[] {
  checkPoint(lat, lon);
  if (!Number.isFinite(meters) || meters < 0 || meters > MAX_CELL_RADIUS_M) {
    throw new ValidationError([
      fieldError("meters", "location.radius-out-of-range", `รัศมีต้องอยู่ระหว่าง 0 ถึง ${MAX_CELL_RADIUS_M} เมตร`, `The radius must be between 0 and ${MAX_CELL_RADIUS_M} m`),
    ]);
  }
  const delta = meters / EARTH_RADIUS_M; // angular radius
  const dLat = (delta * 180) / Math.PI + 1e-9;
  const sinRatio = Math.sin(delta) / Math.cos(toRad(lat));
  // The widest longitude of a spherical cap is asin(sin δ / cos φ); near a pole the cap covers every meridian.
  const dLon = sinRatio >= 1 ? 180 : (Math.asin(sinRatio) * 180) / Math.PI + 1e-9;
  const row0 = cellRow(Math.max(-90, lat - dLat));
  const row1 = cellRow(Math.min(90, lat + dLat));
  const col0 = cellCol(lon - dLon);
  const col1 = Math.min(col0 + CELL_COLS - 1, cellCol(lon + dLon));
  const out: number[] = [];
  for (let row = row0; row <= row1; row++) {
    const south = row / CELLS_PER_DEG - 90;
    const nearLat = Math.min(Math.max(lat, south), south + CELL_DEG);
    for (let col = col0; col <= col1; col++) {
      const west = col / CELLS_PER_DEG - 180;
      const nearLon = Math.min(Math.max(lon, west), west + CELL_DEG);
      if (distanceMeters({ lat, lon }, { lat: nearLat, lon: nearLon }) <= meters + 1) out.push(cellId(row, col));
    }
  }
  return out.sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------------------
// Public coarsening

function unknownDistrict(code: string): ValidationError {
  return new ValidationError([fieldError("districtCode", "location.district-unknown", `ไม่รู้จักรหัสอำเภอ ${code}`, `Unknown district code ${code}`)]);
}

/**
 * The location to show in public output: "exact" as given; "block" snapped to a node of the 0.001° grid
 * (≤ 79 m away, ≤ 157 m when keeping the district forces another corner); "district" the district's map
 * point. Returns null when "district" is asked for a point in no known district and no districtCode is given.
 */
export function coarsenLocation(lat: number, lon: number, precision: LocationPrecision, districtCode?: string): LatLon | null {
  checkPoint(lat, lon);
  if (districtCode !== undefined && !getIndex().byCode.has(districtCode)) throw unknownDistrict(districtCode);
  if (precision === "exact") return { lat, lon };
  const district = districtCode ?? locateDistrict(lat, lon)?.districtCode;
  if (precision === "district") return district === undefined ? null : districtPoint(district);
  // "block": the nodes are 0.001° apart in both directions; at 5.6–20.5° N a 0.001° longitude step is
  // 104–111 m against 111 m of latitude, square within 6 %, and the snapped values are plain 3-decimal numbers.
  const la = Math.floor(lat * CELLS_PER_DEG);
  const lo = Math.floor(lon * CELLS_PER_DEG);
  const k = Math.cos(toRad(lat));
  const corners = [
    [la, lo],
    [la, lo + 1],
    [la + 1, lo],
    [la + 1, lo + 1],
  ]
    .map(([a, o]) => ({ lat: a / CELLS_PER_DEG, lon: o / CELLS_PER_DEG }))
    .map((p) => ({ p, d: (p.lat - lat) ** 2 + ((p.lon - lon) * k) ** 2 }))
    .sort((x, y) => x.d - y.d || x.p.lat - y.p.lat || x.p.lon - y.p.lon)
    .map((x) => x.p);
  // Keep the case in its district on the public map where a corner of its cell allows; otherwise the
  // nearest node (never the unsnapped point, and not the centroid, which can be tens of km away).
  if (district !== undefined) {
    for (const c of corners) if (locateDistrict(c.lat, c.lon)?.districtCode === district) return c;
  }
  return corners[0];
}
