// Sessions (issue 8, security): the cookie's flags, the absolute lifetime (SESSION_TTL_HOURS), the idle end
// (SESSION_IDLE_MINUTES) on a moving fake clock, a new token at every login, logout ending the session server-side.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../platform/db/client.js";
import { buildApp } from "./app.js";
import { createTestDb } from "../../test/db.js";
import { FIXED_NOW } from "../../test/clock.js";

let db: Database;
let app: FastifyInstance;
let secureApp: FastifyInstance;
let clock = FIXED_NOW.getTime();
const now = () => new Date(clock);
const MIN = 60_000;

beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, sessionIdleMinutes: 30, cookieSecure: "false", logLevel: "silent" }, now, logger: false, webDir: null, rateLimitMax: 1_000_000 });
  secureApp = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "true", logLevel: "silent" }, now, logger: false, webDir: null, rateLimitMax: 1_000_000 });
});
afterAll(async () => {
  await app?.close();
  await secureApp?.close();
  await db?.close();
});

async function login(on = app, username = "governor.buriram") {
  const r = await on.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password: "changwat-demo" } });
  expect(r.statusCode).toBe(200);
  const raw = r.headers["set-cookie"];
  const header = (Array.isArray(raw) ? raw : [raw]).find((c) => c?.startsWith("cw_session="))!;
  return { header, cookie: header.split(";")[0]!, csrf: (r.json() as { csrfToken: string }).csrfToken };
}
const me = (cookie: string) => app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie } });
const isUser = async (cookie: string) => (await me(cookie)).json().authenticated as boolean;

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax, for the whole site, ends with the session, and Secure when COOKIE_SECURE=true", async () => {
    clock = FIXED_NOW.getTime();
    const { header } = await login();
    const flags = header.split(";").map((x) => x.trim().toLowerCase());
    expect(flags).toContain("httponly");
    expect(flags).toContain("samesite=lax");
    expect(flags).toContain("path=/");
    expect(flags).not.toContain("secure");
    const expires = new Date(header.match(/Expires=([^;]+)/i)![1]!).getTime();
    expect(expires).toBe(FIXED_NOW.getTime() + 12 * 3600_000);
    const secure = await login(secureApp);
    expect(secure.header.split(";").map((x) => x.trim().toLowerCase())).toContain("secure");
  });

  it("holds no more than a random token: 32+ bytes, different at every login", async () => {
    const a = await login();
    const b = await login();
    const token = (c: string) => c.slice("cw_session=".length);
    expect(token(a.cookie)).not.toBe(token(b.cookie));
    expect(token(a.cookie).length).toBeGreaterThanOrEqual(43); // 32 bytes in base64url
    expect(a.csrf).not.toBe(b.csrf);
  });
});

describe("a session ends", () => {
  it("after SESSION_IDLE_MINUTES without use, and for good; use keeps it alive", async () => {
    clock = FIXED_NOW.getTime();
    const { cookie } = await login();
    expect(await isUser(cookie)).toBe(true);
    // used every 20 minutes for two hours: still alive
    for (let i = 0; i < 6; i++) {
      clock += 20 * MIN;
      expect(await isUser(cookie)).toBe(true);
    }
    // 31 minutes untouched: over
    clock += 31 * MIN;
    expect(await isUser(cookie)).toBe(false);
    // and it does not come back
    clock += 1 * MIN;
    expect(await isUser(cookie)).toBe(false);
    // a write with it is anonymous: refused, nothing done
    const w = await app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie } });
    expect(w.statusCode).toBeLessThan(500);
  });

  it("after SESSION_TTL_HOURS however busy it is", async () => {
    clock = FIXED_NOW.getTime();
    const { cookie } = await login();
    for (let i = 0; i < 12 * 3 - 1; i++) {
      clock += 20 * MIN;
      expect(await isUser(cookie)).toBe(true);
    }
    clock += 25 * MIN; // 12 h 5 min after login
    expect(await isUser(cookie)).toBe(false);
  });

  it("at logout, on the server: the same cookie sent again is anonymous", async () => {
    clock = FIXED_NOW.getTime();
    const { cookie, csrf } = await login();
    const out = await app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie, "x-csrf-token": csrf } });
    expect(out.statusCode).toBe(200);
    expect(await isUser(cookie)).toBe(false);
  });
});
