import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { buildApp } from "../../server/app.js";
import { createTestDb } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import type { BoardOutline } from "./contracts.js";
import { OUTLINE_TOLERANCE_M, ringSelfIntersects, simplifyRing } from "./get-board-outline.js";
import { districtShapes, locateDistrict } from "./locate.js";

let db: Database;
let app: FastifyInstance;
beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

type Position = [number, number];
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: "GET", url, headers });
/** Twice the signed area (shoelace, degrees): positive counter-clockwise. */
const area2 = (r: Position[]) => r.slice(0, -1).reduce((s, p, i) => s + p[0] * r[i + 1]![1] - r[i + 1]![0] * p[1], 0);
/** Metres from p to the closest point of the closed ring's edges (equirectangular at p's latitude). */
function metresToRing(p: Position, ring: Position[]): number {
  const k = Math.cos((p[1] * Math.PI) / 180);
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = [(ring[i]![0] - p[0]) * k, ring[i]![1] - p[1]];
    const [bx, by] = [(ring[i + 1]![0] - p[0]) * k, ring[i + 1]![1] - p[1]];
    const [dx, dy] = [bx - ax, by - ay];
    const t = dx || dy ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy))) : 0;
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy) * 111_320);
  }
  return best;
}

describe("GET /api/v1/public/cases/map/outline (the board map's district outlines)", () => {
  let chiangRai: BoardOutline;
  let body = "";
  let etag = "";

  it("answers anyone with Chiang Rai's 18 districts as GeoJSON, named in Thai and English from the registry, cacheable", async () => {
    const r = await get("/api/v1/public/cases/map/outline?provinceCode=57");
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers["content-type"]).toMatch(/^application\/json/);
    expect(r.headers["cache-control"]).toBe("public, max-age=604800");
    etag = String(r.headers.etag);
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    body = r.body;
    chiangRai = r.json();
    expect(chiangRai).toMatchObject({ type: "FeatureCollection", provinceCode: "57", toleranceMeters: OUTLINE_TOLERANCE_M });
    expect(chiangRai.attribution).toContain("CC BY-IGO");
    expect(chiangRai.features.map((f) => f.id)).toEqual(Array.from({ length: 18 }, (_, i) => `57${String(i + 1).padStart(2, "0")}`));
    const maeSai = chiangRai.features.find((f) => f.id === "5709")!;
    expect(maeSai.properties).toEqual({ code: "5709", nameTh: "แม่สาย", nameEn: "Mae Sai" });
    const names = await db.query<{ id: string; name_th: string }>("select id, name_th from areas where classification = 'district' and province_code = '57'");
    for (const n of names) expect(chiangRai.features.find((f) => `district:${f.id}` === n.id)?.properties.nameTh, n.id).toBe(n.name_th);
    // the same again: 304 for the ETag, and for a list of ETags or a weak one
    for (const inm of [etag, `"nope", ${etag}`, `W/${etag}`]) {
      const again = await get("/api/v1/public/cases/map/outline?provinceCode=57", { "if-none-match": inm });
      expect(again.statusCode, inm).toBe(304);
      expect(again.body).toBe("");
    }
    expect((await get("/api/v1/public/cases/map/outline?provinceCode=57", { "if-none-match": '"stale"' })).statusCode).toBe(200);
    expect(String((await get("/api/v1/public/cases/map/outline?provinceCode=34")).headers.etag)).not.toBe(etag);
  });

  it("keeps every district a valid closed ring after simplification: ≥ 4 positions, closed, counter-clockwise, not crossing itself, 5 decimals, near the source", () => {
    const source = new Map(districtShapes("57").map((d) => [d.code, d.rings]));
    let kept = 0, had = 0;
    for (const f of chiangRai.features) {
      expect(f.geometry.type).toBe("MultiPolygon");
      const rings = source.get(f.id)!;
      expect(f.geometry.coordinates.length, f.id).toBe(rings.length);
      f.geometry.coordinates.forEach((polygon, k) => {
        expect(polygon.length, f.id).toBe(1); // the source has no holes
        const ring = polygon[0] as Position[];
        expect(ring.length, f.id).toBeGreaterThanOrEqual(4);
        expect(ring[0], f.id).toEqual(ring[ring.length - 1]);
        expect(area2(ring), f.id).toBeGreaterThan(0);
        expect(ringSelfIntersects(ring.slice(0, -1)), f.id).toBe(false);
        for (const [lon, lat] of ring) {
          expect(Math.round(lon * 1e5) / 1e5).toBe(lon);
          expect(Math.round(lat * 1e5) / 1e5).toBe(lat);
        }
        // every source vertex lies within the tolerance of the simplified outline (a little slack for rounding)
        const src = rings[k]!;
        for (let i = 0; i < src.length; i += 2) expect(metresToRing([src[i]!, src[i + 1]!], ring), f.id).toBeLessThan(OUTLINE_TOLERANCE_M + 2);
        kept += ring.length - 1;
        had += src.length / 2;
      });
    }
    expect(kept).toBeLessThanOrEqual(had);
    // the outline still places a district's own interior point in that district (e.g. Mae Sai's town)
    expect(locateDistrict(20.43, 99.88)?.districtCode).toBe("5709");
  });

  it("is small enough for a phone on a slow link: Chiang Rai under 12 kB", () => {
    expect(Buffer.byteLength(body)).toBeLessThan(12_000);
  });

  it("carries no personal data and nothing about cases: codes, names, shapes and the source only", async () => {
    expect(Object.keys(chiangRai).sort()).toEqual(["attribution", "features", "provinceCode", "toleranceMeters", "type"]);
    for (const f of chiangRai.features) {
      expect(Object.keys(f).sort()).toEqual(["geometry", "id", "properties", "type"]);
      expect(Object.keys(f.properties).sort()).toEqual(["code", "nameEn", "nameTh"]);
    }
    const people = await db.query<{ v: string }>("select v from (select name as v from case_reporters union select phone from case_reporters union select email from case_reporters union select public_ref from cases where province_code = '57') x where v is not null and length(v) > 3");
    expect(people.length).toBeGreaterThan(0);
    for (const { v } of people) expect(body.includes(v), v).toBe(false);
  });

  it("refuses a malformed province code (400) and names an unknown one (404), in Thai and English", async () => {
    for (const q of ["provinceCode=5", "provinceCode=abc", "provinceCode=570", ""]) {
      const r = await get(`/api/v1/public/cases/map/outline?${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(r.json().error.code, q).toBe("validation.failed");
    }
    const r = await get("/api/v1/public/cases/map/outline?provinceCode=99");
    expect(r.statusCode).toBe(404);
    expect(r.json().error).toMatchObject({ code: "cases.unknown-province", messageTh: "ไม่พบจังหวัดรหัส 99", messageEn: "No province has the code 99" });
  });
});

describe("simplifyRing", () => {
  it("drops vertices within the tolerance, never below a triangle, closes and orients the ring", () => {
    // a 1 km square drawn clockwise with a 30 m bump and a near-duplicate vertex
    const d = 0.009;
    const sq = [100, 15, 100, 15 + d, 100 + d / 2, 15 + d + 0.00027, 100 + d, 15 + d, 100 + d, 15, 100 + d, 15.0000001];
    const r = simplifyRing(sq, 100);
    expect(r).toEqual([[100.009, 15], [100.009, 15.009], [100, 15.009], [100, 15], [100.009, 15]]);
    // a sliver thinner than the tolerance stays a triangle
    const sliver = simplifyRing([100, 15, 100.01, 15.0001, 100.02, 15, 100.01, 14.9999], 100);
    expect(sliver.length).toBe(4);
    expect(area2(sliver)).toBeGreaterThan(0);
    // nothing to drop at a tolerance of zero
    expect(simplifyRing(sq, 0).length).toBe(6);
  });
});
