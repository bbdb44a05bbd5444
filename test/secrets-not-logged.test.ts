// No secrets in logs (issue 8, security): with the server logging everything it can (level trace), a day's worth of
// secret-bearing requests — logins with right and wrong passwords, an account created with a password, a reset token
// issued and used, an API key created and used, a webhook's signing secret created and rotated, a citizen signing up,
// a CSRF-refused write — leave none of those secrets, nor the session cookie or CSRF token, in any log line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../src/platform/db/client.js";
import { buildApp } from "../src/server/app.js";
import { configureWebhooks, systemResolver } from "../src/platform/webhooks/index.js";
import { createTestDb } from "./db.js";
import { FIXED_NOW } from "./clock.js";

let db: Database;
let app: FastifyInstance;
const lines: string[] = [];
beforeAll(async () => {
  configureWebhooks({ resolve: async () => ["93.184.215.14"] }); // DNS is the outside world: the receiver's name resolves to a public address
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "trace" }, now: () => FIXED_NOW, logStream: { write: (l) => void lines.push(l) }, webDir: null, rateLimitMax: 1_000_000 });
});
afterAll(async () => {
  configureWebhooks({ resolve: systemResolver });
  await app?.close();
  await db?.close();
});

describe("the logs", () => {
  it("never hold a password, session cookie, CSRF token, reset token, API key or webhook secret", async () => {
    const secrets: string[] = [];
    const keep = (s: string | undefined | null) => {
      expect(typeof s === "string" && s.length >= 8).toBe(true);
      secrets.push(s!);
      return s!;
    };
    // a wrong password, then the right one
    const wrong = keep("not-the-password-" + "x9y8z7");
    expect((await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "admin", password: wrong } })).statusCode).toBe(401);
    const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "admin", password: keep("changwat-demo") } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    keep(cookie.split("=")[1]);
    const csrf = keep(login.json().csrfToken);
    const h = { cookie, "x-csrf-token": csrf };

    // an account with a password; a reset token for it, used to set a new one
    const created = await app.inject({ method: "POST", url: "/api/v1/accounts", headers: h, payload: { username: "log.test", displayName: "Log test", password: keep("first-Password-4521") } });
    expect(created.statusCode).toBe(201);
    const reset = await app.inject({ method: "POST", url: `/api/v1/accounts/${created.json().id}/reset-token`, headers: h });
    expect(reset.statusCode).toBe(201);
    const token = keep(reset.json().token);
    expect((await app.inject({ method: "POST", url: "/api/v1/auth/reset-password", payload: { token, newPassword: keep("second-Password-7788") } })).statusCode).toBe(200);

    // an API key, created and used as a bearer token
    const key = await app.inject({ method: "POST", url: "/api/v1/api-keys", headers: h, payload: { name: "log test", grants: [{ role: "strategy_officer", scope: "area:province:57" }] } });
    expect(key.statusCode).toBe(201);
    const apiKey = keep(key.json().secret);
    expect((await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${apiKey}` } })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${apiKey}-revoked-or-wrong` } })).statusCode).toBe(401);

    // a webhook subscription's signing secret, and its rotation
    const sub = await app.inject({ method: "POST", url: "/api/v1/webhooks/subscriptions", headers: h, payload: { url: "https://hooks.example.org/changwat", provinceCode: "57", eventTypes: ["case.created"] } });
    expect(sub.statusCode, sub.body).toBe(201);
    keep(sub.json().secret);
    const rotated = await app.inject({ method: "POST", url: `/api/v1/webhooks/subscriptions/${sub.json().id}/rotate-secret`, headers: h });
    expect(rotated.statusCode).toBe(200);
    keep(rotated.json().secret);

    // a citizen signs up with a password
    const signUp = await app.inject({ method: "POST", url: "/api/v1/auth/sign-up", payload: { email: "log.test@example.org", displayName: "พลเมือง ทดสอบ", password: keep("citizen-Password-3141"), consent: true } });
    expect(signUp.statusCode, signUp.body).toBe(202);

    // a write without its CSRF token: refused, the refusal logged
    expect((await app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { cookie }, payload: { name: "no csrf", grants: [{ role: "strategy_officer", scope: "area:province:57" }] } })).statusCode).toBe(403);
    await app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: h });

    const all = lines.join("\n");
    expect(lines.length).toBeGreaterThan(10); // the log was on
    for (const s of secrets) expect(all, `a secret (${s.slice(0, 4)}…) is in the log`).not.toContain(s);
    expect(all).not.toMatch(/"(password|newPassword|secret|token|csrfToken)":\s*"[^"]{6,}/);
  });
});
