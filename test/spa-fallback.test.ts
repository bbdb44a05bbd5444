/** The web app's own routes are served index.html (ids carry dots); a missing asset is a real 404. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../src/platform/db/client.js";
import { buildApp } from "../src/server/app.js";
import { FIXED_NOW } from "./clock.js";
import { createTestDb } from "./db.js";

const ASSET = Buffer.from(`export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `จังหวัด-${i % 77}`))};\n`);
let db: Database;
let app: FastifyInstance;
beforeAll(async () => {
  db = await createTestDb();
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-web-"));
  fs.writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>Changwat</title>");
  // an asset with its brotli and gzip forms beside it, as scripts/build.mjs writes them
  fs.mkdirSync(path.join(webDir, "assets"));
  fs.writeFileSync(path.join(webDir, "assets", "app-abc123.js"), ASSET);
  fs.writeFileSync(path.join(webDir, "assets", "app-abc123.js.br"), zlib.brotliCompressSync(ASSET));
  fs.writeFileSync(path.join(webDir, "assets", "app-abc123.js.gz"), zlib.gzipSync(ASSET));
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

it("deep links with dots in ids get the app; missing assets and API routes get 404", async () => {
  for (const url of ["/organizations/moi.dopa", "/strategy/prov:57:goal:1.1", "/provinces/57", "/admin/imports?job=x"]) {
    const r = await app.inject({ method: "GET", url });
    expect(r.statusCode, url).toBe(200);
    expect(r.headers["content-type"], url).toMatch(/text\/html/);
  }
  for (const url of ["/assets/index-old.js", "/favicon.ico", "/assets/x.css"]) {
    const r = await app.inject({ method: "GET", url });
    expect(r.statusCode, url).toBe(404);
  }
  const api = await app.inject({ method: "GET", url: "/api/v1/nope" });
  expect(api.statusCode).toBe(404);
  expect(api.json().error.code).toBe("route.not-found");
});

it("sends an asset as brotli or gzip when the browser accepts it, as it is otherwise, and says it varies", async () => {
  const url = "/assets/app-abc123.js";
  const br = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip, deflate, br" } });
  expect(br.statusCode).toBe(200);
  expect(br.headers["content-encoding"]).toBe("br");
  expect(br.headers["content-type"]).toMatch(/javascript/);
  expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
  expect(zlib.brotliDecompressSync(br.rawPayload).equals(ASSET)).toBe(true);
  expect(br.rawPayload.length).toBeLessThan(ASSET.length / 3);
  const gz = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip" } });
  expect(gz.headers["content-encoding"]).toBe("gzip");
  expect(zlib.gunzipSync(gz.rawPayload).equals(ASSET)).toBe(true);
  const plain = await app.inject({ method: "GET", url, headers: { "accept-encoding": "identity" } });
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.rawPayload.equals(ASSET)).toBe(true);
});

