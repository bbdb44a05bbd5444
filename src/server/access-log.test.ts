import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../platform/db/client.js";
import { buildApp } from "./app.js";
import { createTestDb } from "../../test/db.js";
import { FIXED_NOW } from "../../test/clock.js";

let db: Database;
let app: FastifyInstance;
const lines: Record<string, unknown>[] = [];
beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "info" }, now: () => FIXED_NOW, logStream: { write: (l) => void lines.push(JSON.parse(l)) }, webDir: null });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe("the access log", () => {
  it("has one line per request: method, path without its query, status and time; no citizen's words, no cookie", async () => {
    lines.length = 0;
    const words = "นายสมชาย ใจดี 0812345678";
    const r = await app.inject({ method: "GET", url: `/api/v1/cases/similar?lat=13.1&lon=99.9&text=${encodeURIComponent(words)}`, headers: { cookie: "changwat_session=secret-session-token" } });
    expect(r.statusCode).toBe(200);
    await app.inject({ method: "GET", url: "/api/v1/no-such-route?x=1" });
    const access = lines.filter((l) => l.msg === "request");
    expect(access).toHaveLength(2);
    expect(access[0]).toMatchObject({ method: "GET", path: "/api/v1/cases/similar", statusCode: 200, reqId: r.headers["x-request-id"] ?? expect.any(String) });
    expect(typeof access[0]!.ms).toBe("number");
    expect(access[1]).toMatchObject({ path: "/api/v1/no-such-route", statusCode: 404 });
    // Fastify's own two lines per request are off
    expect(lines.filter((l) => l.msg === "incoming request" || l.msg === "request completed")).toHaveLength(0);
    const all = JSON.stringify(lines);
    for (const secret of ["สมชาย", "0812345678", encodeURIComponent("สมชาย"), "secret-session-token", "text="]) expect(all).not.toContain(secret);
  });
});
