/** Real province boundaries from an operator-supplied GeoJSON file (the reference file in ../shared/reference/geo). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/platform/db/client.js";
import { buildApp } from "../src/server/app.js";
import { FIXED_NOW } from "./clock.js";
import { createTestDb } from "./db.js";
import { referenceDir } from "./reference.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

const appWith = (geojsonProvinces?: string) =>
  buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent", geojsonProvinces }, now: () => FIXED_NOW, logger: false, webDir: null });

describe("GET /api/v1/map/geojson", () => {
  it("serves the configured boundaries with a two-digit DOPA code on every province, matching the registry", async () => {
    const app = await appWith(path.join(referenceDir(), "geo", "th_provinces_adm1_simplified.geojson"));
    expect((await app.inject({ method: "GET", url: "/api/v1/meta" })).json().boundaries).toBe(true);
    const r = await app.inject({ method: "GET", url: "/api/v1/map/geojson" });
    expect(r.statusCode).toBe(200);
    const geo = r.json() as { type: string; features: { properties: { code: string; ADM1_TH: string } }[] };
    expect(geo.type).toBe("FeatureCollection");
    const codes = geo.features.map((f) => f.properties.code).sort();
    const provinces = ((await app.inject({ method: "GET", url: "/api/v1/provinces" })).json() as { code: string; nameTh: string }[]);
    expect(codes).toEqual(provinces.map((p) => p.code).sort());
    const chiangRai = geo.features.find((f) => f.properties.code === "57")!;
    expect(chiangRai.properties.ADM1_TH).toBe(provinces.find((p) => p.code === "57")!.nameTh);
    await app.close();
  });

  it("says clearly when no file is configured (404) or the file is not GeoJSON (503), in Thai and English", async () => {
    const none = await appWith(undefined);
    expect((await none.inject({ method: "GET", url: "/api/v1/meta" })).json().boundaries).toBe(false); // the web app then does not ask
    const r = await none.inject({ method: "GET", url: "/api/v1/map/geojson" });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe("map.no-geojson");
    await none.close();

    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "changwat-geo-")), "broken.geojson");
    fs.writeFileSync(bad, '{"type":"Feature');
    const broken = await appWith(bad);
    const b = await broken.inject({ method: "GET", url: "/api/v1/map/geojson" });
    expect(b.statusCode).toBe(503);
    expect(b.json().error.code).toBe("map.bad-geojson");
    expect(b.json().error.messageTh).toMatch(/GeoJSON/);
    await broken.close();
  });
});
