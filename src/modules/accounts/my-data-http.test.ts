import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { buildApp } from "../../server/app.js";
import { createTestDb } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { configureMail, logTransport, outboxTransport } from "../mail/index.js";

let db: Database;
let app: FastifyInstance;
let t = FIXED_NOW.getTime();
beforeAll(async () => {
  db = await createTestDb();
  configureMail({ transport: outboxTransport(db.db, "Changwat <no-reply@changwat.invalid>", () => new Date((t += 1000))), publicUrl: "http://localhost:4312" });
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const outbox = (address: string) => app.inject({ method: "POST", url: "/api/v1/dev/outbox", payload: { address } });
const tokenIn = (text: string) => decodeURIComponent(/\/account\/verify#token=([^\s"<&]+)/.exec(text)![1]!);

/** Signs up over HTTP, verifies from the outbox link, logs in with the address: the cookie and CSRF token. */
async function citizen(email: string): Promise<{ cookie: string; "x-csrf-token": string }> {
  const s = await app.inject({ method: "POST", url: "/api/v1/auth/sign-up", payload: { email, password: "a-long-enough-password", displayName: "พิมพ์ใจ ทดสอบ", phone: "0812345678", consent: true } });
  expect(s.statusCode, s.body).toBe(202);
  const mail = (await outbox(email)).json().items[0];
  expect((await app.inject({ method: "POST", url: "/api/v1/auth/verify-email", payload: { token: tokenIn(mail.text) } })).statusCode).toBe(200);
  const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: email, password: "a-long-enough-password" } });
  expect(login.statusCode, login.body).toBe(200);
  return { cookie: String(login.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": login.json().csrfToken as string };
}

describe("the development outbox page", () => {
  it("shows only the mail to the address asked for, under a banner; never a list of everyone's", async () => {
    await app.inject({ method: "POST", url: "/api/v1/auth/sign-up", payload: { email: "one@example.invalid", password: "a-long-enough-password", displayName: "หนึ่ง", consent: true } });
    await app.inject({ method: "POST", url: "/api/v1/auth/sign-up", payload: { email: "two@example.invalid", password: "a-long-enough-password", displayName: "สอง", consent: true } });
    const r = await outbox("ONE@example.invalid");
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.bannerEn).toBe("Development outbox: mail is not sent");
    expect(body.items.map((m: { to: string }) => m.to)).toEqual(["one@example.invalid"]);
    expect(r.body).not.toContain("two@example.invalid");
    for (const payload of [{}, { address: "" }, { address: "%" }, { address: "*@example.invalid" }, { address: "one@example.invalid", all: true }]) {
      const bad = await app.inject({ method: "POST", url: "/api/v1/dev/outbox", payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(bad.json().error.code).toBe("validation.failed");
    }
    // the old query-string form does not exist: an address never sits in a URL (request logs record URLs)
    expect((await app.inject({ method: "GET", url: "/api/v1/dev/outbox?address=one%40example.invalid" })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/api/v1/mail/info" })).json()).toEqual({ transport: "outbox", outbox: true });
  });

  it("does not exist unless MAIL_TRANSPORT=outbox", async () => {
    configureMail({ transport: logTransport("x") });
    try {
      const r = await outbox("one@example.invalid");
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe("mail.outbox-off");
      expect((await app.inject({ method: "GET", url: "/api/v1/mail/info" })).json()).toEqual({ transport: "log", outbox: false });
    } finally {
      configureMail({ transport: outboxTransport(db.db, "Changwat <no-reply@changwat.invalid>", () => new Date((t += 1000))) });
    }
  });
});

describe("my data", () => {
  it("a citizen's export holds their profile and their own cases, and nothing of another citizen's", async () => {
    const me = await citizen("pimjai@example.invalid");
    const other = await citizen("someone.else@example.invalid");
    const report = (auth: typeof me, text: string, email: string) =>
      app.inject({ method: "POST", url: "/api/v1/cases", remoteAddress: "198.51.100.7", headers: auth, payload: { categoryId: "flood", descriptionTh: text, lat: 20.42, lon: 99.88, reporter: { name: "ผู้แจ้ง", email, notify: true }, consent: true } });
    const mine = await report(me, "น้ำท่วมถนนหน้าวัดพระธาตุดอยเวา สูงครึ่งเข่า", "pimjai@example.invalid");
    expect(mine.statusCode, mine.body).toBe(201);
    const theirs = await report(other, "ไฟฟ้าส่องสว่างดับทั้งซอยหลังตลาดสายลมจอย", "someone.else@example.invalid");
    expect(theirs.statusCode, theirs.body).toBe(201);

    const r = await app.inject({ method: "GET", url: "/api/v1/me/data?download=true", headers: me });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers["content-disposition"]).toMatch(/attachment; filename="changwat-my-data-\d{4}-\d{2}-\d{2}\.json"/);
    const data = r.json();
    expect(data.sections.map((s: { key: string }) => s.key)).toEqual(["accounts.profile", "accounts.roles", "accounts.sessions", "cases", "participation.proposals", "participation.comments", "participation.supports", "participation.survey-answers"]);
    expect(data.sections[0].rows[0]).toMatchObject({ username: "pimjai@example.invalid", phone: "0812345678", consentVersion: "2026-11-account" });
    const cases = data.sections.find((s: { key: string }) => s.key === "cases");
    expect(cases.rows).toHaveLength(1);
    expect(cases.rows[0]).toMatchObject({ publicRef: mine.json().publicRef, description: "น้ำท่วมถนนหน้าวัดพระธาตุดอยเวา สูงครึ่งเข่า", myEmail: "pimjai@example.invalid" });
    expect(r.body).not.toContain(theirs.json().publicRef);
    expect(r.body).not.toContain("someone.else");
    expect(r.body).not.toMatch(/password|token_?hash|\$argon2/i);

    const csv = await app.inject({ method: "GET", url: "/api/v1/me/data/cases/csv", headers: me });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.body.startsWith("\uFEFFcaseId,publicRef,")).toBe(true);
    expect(csv.body).toContain(mine.json().publicRef);
    expect((await app.inject({ method: "GET", url: "/api/v1/me/data/nothing-here/csv", headers: me })).json().error.code).toBe("my-data.section-not-found");
  });

  it("asks anonymous visitors to log in, and changes a profile only with the CSRF token", async () => {
    for (const url of ["/api/v1/me/data", "/api/v1/me/profile", "/api/v1/me/data/cases/csv"]) expect((await app.inject({ method: "GET", url })).statusCode, url).toBe(401);
    const me = await citizen("csrf.check@example.invalid");
    const noCsrf = await app.inject({ method: "PATCH", url: "/api/v1/me/profile", headers: { cookie: me.cookie }, payload: { displayName: "ใหม่" } });
    expect(noCsrf.statusCode).toBe(403);
    const ok = await app.inject({ method: "PATCH", url: "/api/v1/me/profile", headers: me, payload: { displayName: "ชื่อใหม่", phone: null } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ displayName: "ชื่อใหม่", phone: null, emailVerified: true });
    const bad = await app.inject({ method: "PATCH", url: "/api/v1/me/profile", headers: me, payload: { phone: "0212345678" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe("body.phone");
  });
});
