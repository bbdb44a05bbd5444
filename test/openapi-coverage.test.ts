import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/platform/db/client.js";
import { buildApp, routeCatalog } from "../src/server/app.js";
import { MODULES } from "../src/server/modules.js";
import { createTestDb } from "./db.js";
import { FIXED_NOW } from "./clock.js";

let db: Database;
let app: FastifyInstance;
beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

type Op = { tags?: string[]; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

/** Routes that answer a file or a stream rather than a JSON document: tagged, but their 200 is not a JSON schema. */
const FILE_ROUTES = new Set([
  "/api/v1/planning/ocds/releases.json",
  "/api/v1/planning/ocds/releases.jsonl",
  "/api/v1/me/data/:section/csv",
  "/api/v1/agreements/:id/rounds/:round/report",
  "/api/v1/oversight/reports/province",
  "/api/v1/planning/projects/:id/files/:fileId",
  "/api/v1/planning/imports/templates/:kind",
  "/api/v1/public/cases/:ref/photos/:photoId",
  "/api/v1/cases/:id/photos/:photoId",
]);
/** A module whose routes carry another tag than its name. */
const TAG_OF: Record<string, string> = { accounts: "auth" };

describe("OpenAPI: the read API of every module is documented", () => {
  it("every GET /api/v1 route in the OpenAPI document has a tag and a 200 response schema (hidden routes excepted)", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/docs/json" })).json() as { paths: Record<string, Record<string, Op>> };
    const reads = routeCatalog(app).filter((r) => r.method === "GET" && r.url.startsWith("/api/v1/") && !r.schema.hide);
    expect(reads.length).toBeGreaterThan(100);
    const missing: string[] = [];
    for (const r of reads) {
      const path = r.url.replace(/:(\w+)/g, "{$1}");
      const op = doc.paths[path]?.get;
      if (!op) {
        missing.push(`${r.url}: not in the document`);
        continue;
      }
      if (!op.tags?.length) missing.push(`${r.url}: no tag`);
      const ok = op.responses?.["200"] ?? op.responses?.["201"];
      if (!FILE_ROUTES.has(r.url) && !ok?.content?.["application/json"]?.schema) missing.push(`${r.url}: no 200 response schema`);
    }
    expect(missing).toEqual([]);
  });

  it("every module with routes has at least one documented read, under its own tag", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/docs/json" })).json() as { paths: Record<string, Record<string, Op>> };
    const tags = new Set(Object.values(doc.paths).flatMap((p) => (p.get?.responses?.["200"] ? (p.get.tags ?? []) : [])));
    const withRoutes = MODULES.filter((m) => m.routes || m.rootRoutes || m.openData).map((m) => m.name);
    // the accounts routes are mounted by the composition root, the catalogue too
    const without = [...withRoutes, "accounts", "catalog"].filter((name) => !tags.has(TAG_OF[name] ?? name));
    expect(without).toEqual([]);
  });
});
