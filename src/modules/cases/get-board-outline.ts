import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { AppError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupArea, lookupAreas } from "../registry/index.js";
import { BoardOutlineInput, type BoardOutline } from "./contracts.js";
import { districtShapes } from "./locate.js";

/** Douglas–Peucker tolerance of the board map's outlines: about a pixel of a province drawn 400 px wide. */
export const OUTLINE_TOLERANCE_M = 100;
const OUTLINE_ATTRIBUTION = "District outlines: HDX COD-AB Thailand (OCHA / Royal Thai Survey Department, 2019), CC BY-IGO; simplified, approximate";
const M_PER_DEG = 111_320;

type Position = [number, number];
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Twice the signed area of a ring (shoelace, in degrees): positive when counter-clockwise. */
function signedArea2(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return a;
}

/** True when two edges of an open ring (no closing vertex) cross or touch anywhere but at their shared vertex. */
export function ringSelfIntersects(ring: readonly Position[]): boolean {
  const n = ring.length;
  const orient = (a: Position, b: Position, c: Position) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const onSeg = (a: Position, b: Position, p: Position) => Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
  for (let i = 0; i < n; i++) {
    const a = ring[i]!, b = ring[(i + 1) % n]!;
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue; // neighbours share a vertex
      const c = ring[j]!, d = ring[(j + 1) % n]!;
      const [o1, o2, o3, o4] = [orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)];
      if (o1 !== o2 && o3 !== o4) return true;
      if ((o1 === 0 && onSeg(a, b, c)) || (o2 === 0 && onSeg(a, b, d)) || (o3 === 0 && onSeg(c, d, a)) || (o4 === 0 && onSeg(c, d, b))) return true;
    }
  }
  return false;
}

/** Consecutive equal positions dropped, the last compared with the first (an open ring). */
function dedupe(ring: Position[]): Position[] {
  const out = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  return out;
}

/**
 * Simplifies one closed ring for display (Douglas–Peucker, tolerance in metres on a local equirectangular
 * projection) and returns it as GeoJSON wants it: closed, counter-clockwise, coordinates rounded to 5 decimals.
 * A ring is never reduced below a triangle, and a simplification that would make it cross itself is not taken.
 */
export function simplifyRing(flat: readonly number[], toleranceMeters: number): Position[] {
  const full = dedupe(Array.from({ length: flat.length >> 1 }, (_, i) => [round5(flat[2 * i]!), round5(flat[2 * i + 1]!)] as Position));
  let ring = full;
  if (full.length > 3) {
    const k = Math.cos(((full.reduce((s, p) => s + p[1], 0) / full.length) * Math.PI) / 180);
    const xy = full.map((p) => [p[0] * k * M_PER_DEG, p[1] * M_PER_DEG] as const);
    const dist = (i: number, a: number, b: number) => {
      const [px, py] = xy[i]!, [ax, ay] = xy[a]!, [bx, by] = xy[b]!;
      const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
      const t = len2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
      return Math.hypot(px - ax - t * dx, py - ay - t * dy);
    };
    // a closed ring is split at vertex 0 and the vertex farthest from it; each half is simplified as a line
    const n = full.length;
    let far = 1;
    for (let i = 2; i < n; i++) if (Math.hypot(xy[i]![0] - xy[0]![0], xy[i]![1] - xy[0]![1]) > Math.hypot(xy[far]![0] - xy[0]![0], xy[far]![1] - xy[0]![1])) far = i;
    const keep = new Uint8Array(n);
    keep[0] = keep[far] = 1;
    const stack: [number, number][] = [[0, far], [far, n]]; // index n stands for vertex 0 again
    while (stack.length) {
      const [a, b] = stack.pop()!;
      let best = -1, bestD = toleranceMeters;
      for (let i = a + 1; i < b; i++) {
        const d = dist(i, a, b % n);
        if (d > bestD) [best, bestD] = [i, d];
      }
      if (best >= 0) {
        keep[best] = 1;
        stack.push([a, best], [best, b]);
      }
    }
    if (keep.reduce((s, x) => s + x, 0) < 3) {
      // a sliver within the tolerance: keep the vertex farthest from the chord so that it stays a triangle
      let best = -1, bestD = -1;
      for (let i = 1; i < n; i++) if (!keep[i] && dist(i, 0, far) > bestD) [best, bestD] = [i, dist(i, 0, far)];
      keep[best] = 1;
    }
    const simple = full.filter((_, i) => keep[i]);
    if (!ringSelfIntersects(simple) && signedArea2(simple) !== 0) ring = simple;
  }
  const ccw = signedArea2(ring) >= 0 ? [...ring] : [...ring].reverse();
  return [...ccw, ccw[0]!];
}

const cache = new Map<string, { code: string; parts: Position[][] }[]>();

/**
 * The public board map's district outlines of a province as GeoJSON: one MultiPolygon per district with its code
 * and Thai and English names (from the registry), simplified to OUTLINE_TOLERANCE_M. 404 for a province code the
 * registry does not know.
 */
export async function getBoardOutline({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<BoardOutline> {
  const i = parseInput(BoardOutlineInput, input);
  await requirePermission(ctx, "cases:public", NATION);
  const province = await lookupArea(ctx, `province:${i.provinceCode}`);
  if (!province || province.classification !== "province") {
    throw new AppError("cases.unknown-province", 404, `ไม่พบจังหวัดรหัส ${i.provinceCode}`, `No province has the code ${i.provinceCode}`, undefined, { provinceCode: i.provinceCode });
  }
  let shapes = cache.get(i.provinceCode);
  if (!shapes) {
    shapes = districtShapes(i.provinceCode)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((d) => ({ code: d.code, parts: d.rings.map((r) => simplifyRing(r, OUTLINE_TOLERANCE_M)) }));
    cache.set(i.provinceCode, shapes);
  }
  const names = await lookupAreas(ctx, shapes.map((d) => `district:${d.code}`));
  return {
    type: "FeatureCollection",
    provinceCode: i.provinceCode,
    toleranceMeters: OUTLINE_TOLERANCE_M,
    attribution: OUTLINE_ATTRIBUTION,
    features: shapes.map((d) => {
      const a = names.get(`district:${d.code}`);
      return {
        type: "Feature" as const,
        id: d.code,
        properties: { code: d.code, nameTh: a?.nameTh ?? d.code, nameEn: a?.nameEn || a?.nameTh || d.code },
        geometry: { type: "MultiPolygon" as const, coordinates: d.parts.map((ring) => [ring]) },
      };
    }),
  };
}
