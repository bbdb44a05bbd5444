/**
 * Builds the national tile-grid map (src/web/features/map/tile-grid.json): one unique square cell per
 * province, placed near its geographic centroid. Cells are assigned by an optimal (Hungarian) assignment
 * that minimises the total squared displacement, so the output is deterministic and keeps neighbours near.
 *
 *   npx tsx scripts/build-tile-grid.ts            (REFERENCE_DIR overrides ../shared/reference)
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

type Position = number[];
type Ring = Position[];
interface Feature {
  properties: Record<string, unknown>;
  geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
}

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const referenceDir = process.env.REFERENCE_DIR ? resolve(process.env.REFERENCE_DIR) : resolve(root, "../shared/reference");
const input = resolve(referenceDir, "geo/th_provinces_adm1_simplified.geojson");
const output = resolve(root, "src/web/features/map/tile-grid.json");

/** Grid size the national extent is scaled into (columns × rows); Thailand is about twice as tall as wide. */
const COLS = 11;
const ROWS = 20;

/** Area-weighted centroid of all outer rings (shoelace formula), in lon/lat degrees. */
function centroid(f: Feature): { lon: number; lat: number } {
  const polygons: Ring[][] = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const poly of polygons) {
    const ring = poly[0];
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i];
      const [x1, y1] = ring[i + 1];
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
  }
  a /= 2;
  return { lon: cx / (6 * a), lat: cy / (6 * a) };
}

/** Hungarian algorithm (rectangular: rows ≤ columns), returns the column assigned to each row. */
function hungarian(cost: number[][]): number[] {
  const n = cost.length;
  const m = cost[0].length;
  const INF = Number.POSITIVE_INFINITY;
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(m + 1).fill(0);
  const p = new Array<number>(m + 1).fill(0);
  const way = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(m + 1).fill(INF);
    const used = new Array<boolean>(m + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const result = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j] > 0) result[p[j] - 1] = j - 1;
  return result;
}

const geo = JSON.parse(readFileSync(input, "utf8")) as { features: Feature[] };
const points = geo.features
  .map((f) => {
    const pcode = String(f.properties.ADM1_PCODE ?? "");
    const m = /^TH(\d{2})$/.exec(pcode);
    if (!m) throw new Error(`unexpected ADM1_PCODE ${pcode}`);
    return { code: m[1], ...centroid(f) };
  })
  .sort((a, b) => a.code.localeCompare(b.code));
if (points.length !== 77) throw new Error(`expected 77 provinces, found ${points.length}`);

// Equirectangular projection at Thailand's mean latitude, then scale the extent into the grid.
const meanLat = points.reduce((s, p) => s + p.lat, 0) / points.length;
const k = Math.cos((meanLat * Math.PI) / 180);
const xs = points.map((p) => p.lon * k);
const ys = points.map((p) => -p.lat);
const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
const scale = Math.min((COLS - 1) / (maxX - minX), (ROWS - 1) / (maxY - minY));
const scaled = points.map((p, i) => ({ code: p.code, x: (xs[i] - minX) * scale, y: (ys[i] - minY) * scale }));

const cells: { x: number; y: number }[] = [];
for (let y = 0; y < ROWS; y++) for (let x = 0; x < COLS; x++) cells.push({ x, y });
const cost = scaled.map((p) => cells.map((c) => (c.x - p.x) ** 2 + (c.y - p.y) ** 2));
const assignment = hungarian(cost);

const grid = scaled.map((p, i) => ({ code: p.code, x: cells[assignment[i]].x, y: cells[assignment[i]].y }));
const seen = new Set(grid.map((g) => `${g.x},${g.y}`));
if (seen.size !== grid.length) throw new Error("cells are not unique");
// Trim empty leading rows/columns so the grid starts at 0,0.
const x0 = Math.min(...grid.map((g) => g.x));
const y0 = Math.min(...grid.map((g) => g.y));
const final = grid.map((g) => ({ code: g.code, x: g.x - x0, y: g.y - y0 }));

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, "[\n" + final.map((g) => "  " + JSON.stringify(g)).join(",\n") + "\n]\n");
const displacement = scaled.reduce((s, p, i) => s + Math.hypot(p.x - cells[assignment[i]].x, p.y - cells[assignment[i]].y), 0);
console.log(`wrote ${final.length} cells to ${output} (mean displacement ${(displacement / final.length).toFixed(2)} cells)`);

if (process.argv.includes("--print")) {
  const w = Math.max(...final.map((g) => g.x)) + 1;
  const h = Math.max(...final.map((g) => g.y)) + 1;
  for (let y = 0; y < h; y++) {
    let line = "";
    for (let x = 0; x < w; x++) line += (final.find((g) => g.x === x && g.y === y)?.code ?? " .") + " ";
    console.log(line);
  }
}
