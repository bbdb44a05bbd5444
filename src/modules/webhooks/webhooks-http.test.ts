import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { configureWebhooks, deliverDue } from "../../platform/webhooks/index.js";
import { buildApp, routeCatalog } from "../../server/app.js";
import { createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { webhooksRoutes } from "./routes.js";
import { DEMO_WEBHOOK_URL, seedDemoWebhooks } from "./seed-demo-webhooks.js";

let db: Database;
let app: FastifyInstance;
let receiver: http.Server;
let base = "";
type Got = { path: string; headers: http.IncomingHttpHeaders; body: string };
let got: Got[] = [];
/** A fake DNS (the outside world): names the tests use, and where they point now. */
const dns = new Map<string, string[]>();

beforeAll(async () => {
  db = await createTestDb();
  configureWebhooks({ allowPrivate: true, resolve: async (h) => dns.get(h) ?? Promise.reject(new Error("ENOTFOUND")) });
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
  // mounted by server/modules.ts once the module is listed there; until then the test mounts its routes the same way
  if (!routeCatalog(app).some((r) => r.url === "/api/v1/webhooks/subscriptions")) await app.register(webhooksRoutes, { prefix: "/api/v1" });
  await seedDemoWebhooks({ ctx: ctxFor(db) });
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      got.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => receiver?.close(r));
  await app?.close();
  await db?.close();
});
beforeEach(() => {
  got = [];
  configureWebhooks({ allowPrivate: true });
});

const sessions = new Map<string, Record<string, string>>();
async function as(username: string): Promise<Record<string, string>> {
  if (!sessions.has(username)) {
    const s = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password: "changwat-demo" } });
    expect(s.statusCode, s.body).toBe(200);
    sessions.set(username, { cookie: String(s.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": s.json().csrfToken as string });
  }
  return sessions.get(username)!;
}
const call = async (username: string | null, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
  app.inject({ method, url: `/api/v1${url}`, headers: username ? await as(username) : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
const snapshot = async () =>
  (await db.query<{ h: string }>("select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from (select id, url, event_types, status, version, secret, province_code from webhook_subscriptions) x"))[0]!.h +
  (await db.query<{ n: number }>("select (select count(*) from audit_log) + (select count(*) from webhook_deliveries) * 1000 as n"))[0]!.n;

describe("subscriptions over HTTP", () => {
  it("Chiang Rai's strategy office registers its dashboard: 201 with the secret, shown this once (never in the list, the audit or a log)", async () => {
    const r = await call("strategy.chiangrai", "POST", "/webhooks/subscriptions", { url: `${base}/cr`, provinceCode: "57", eventTypes: ["case.created", "case.resolve"], descriptionTh: "แดชบอร์ดจังหวัด" });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.headers["cache-control"]).toBe("no-store");
    const s = r.json();
    expect(s).toMatchObject({ provinceCode: "57", status: "active", eventTypes: ["case.created", "case.resolve"], health: { consecutiveFailures: 0, lastSuccessAt: null } });
    expect(s.secret).toMatch(/^whsec_/);
    const list = await call("strategy.chiangrai", "GET", "/webhooks/subscriptions");
    expect(list.body).not.toContain(s.secret);
    expect(list.body).not.toContain(s.secret.slice(6, 20));
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(s.id);
    const audit = await db.query<{ t: string }>("select coalesce(before::text, '') || coalesce(after::text, '') as t from audit_log where entity_id = $1", [s.id]);
    expect(audit.length).toBe(1);
    expect(audit[0]!.t).not.toContain(s.secret.slice(6, 20));
    // a rotation shows the new secret once; the list says the old one still signs, until when
    const rot = await call("strategy.chiangrai", "POST", `/webhooks/subscriptions/${s.id}/rotate-secret`);
    expect(rot.statusCode).toBe(200);
    const again = (await call("strategy.chiangrai", "GET", "/webhooks/subscriptions")).json().items.find((x: { id: string }) => x.id === s.id);
    expect(again.previousSecretExpiresAt).toBe(new Date(FIXED_NOW.getTime() + 24 * 3600_000).toISOString());
    expect(JSON.stringify(again)).not.toContain(rot.json().secret.slice(6, 20));
  });

  it("scope: a province's office sees and registers only its province; nation-wide subscriptions are the administrators'", async () => {
    const ok = await call("governor.phetchaburi", "POST", "/webhooks/subscriptions", { url: `${base}/pb`, provinceCode: "76", eventTypes: ["case.*"] });
    expect(ok.statusCode).toBe(201);
    for (const [who, body, status] of [
      ["governor.phetchaburi", { provinceCode: "57" }, 403],
      ["strategy.chiangrai", { provinceCode: "76" }, 403],
      ["strategy.chiangrai", { provinceCode: null }, 403],
      ["district.maesai", { provinceCode: "57" }, 403],
      ["citizen", { provinceCode: "57" }, 403],
      [null, { provinceCode: "57" }, 401],
      ["admin", { provinceCode: null }, 201],
    ] as const) {
      const r = await call(who, "POST", "/webhooks/subscriptions", { url: `${base}/x`, eventTypes: ["case.*"], ...body });
      expect(r.statusCode, `${who} → ${JSON.stringify(body)}`).toBe(status);
    }
    const pb = (await call("governor.phetchaburi", "GET", "/webhooks/subscriptions")).json().items as { provinceCode: string | null; url: string }[];
    expect(pb.length).toBeGreaterThan(0);
    expect(pb.every((x) => x.provinceCode === "76")).toBe(true);
    const cr = (await call("strategy.chiangrai", "GET", "/webhooks/subscriptions")).json().items as { provinceCode: string | null; url: string }[];
    expect(cr.every((x) => x.provinceCode === "57")).toBe(true);
    expect(cr.some((x) => x.url === DEMO_WEBHOOK_URL)).toBe(true);
    const all = (await call("admin", "GET", "/webhooks/subscriptions")).json().items as { provinceCode: string | null }[];
    expect(new Set(all.map((x) => x.provinceCode))).toEqual(new Set(["57", "76", null]));
    // another province's subscription and its deliveries: refused, unchanged
    const other = pb[0] as unknown as { id: string };
    const before = await snapshot();
    expect((await call("strategy.chiangrai", "PATCH", `/webhooks/subscriptions/${other.id}`, { status: "paused" })).statusCode).toBe(403);
    expect((await call("strategy.chiangrai", "DELETE", `/webhooks/subscriptions/${other.id}`)).statusCode).toBe(403);
    expect((await call("strategy.chiangrai", "POST", `/webhooks/subscriptions/${other.id}/rotate-secret`)).statusCode).toBe(403);
    expect((await call("strategy.chiangrai", "GET", `/webhooks/deliveries?subscriptionId=${other.id}`)).statusCode).toBe(403);
    expect(await snapshot()).toBe(before);
    expect((await call(null, "GET", "/webhooks/subscriptions")).statusCode).toBe(401);
    expect((await call("citizen", "GET", "/webhooks/deliveries")).statusCode).toBe(403);
  });

  it("bad input is refused with a stable code in Thai and English, and changes nothing", async () => {
    const good = { url: `${base}/ok`, provinceCode: "57", eventTypes: ["case.*"] };
    const cases: [string, Record<string, unknown>, string, boolean?][] = [
      ["plain http to a public host", { url: "http://hooks.partner.example/x" }, "webhooks.url.not-https"],
      ["ftp", { url: "ftp://hooks.partner.example/x" }, "webhooks.url.not-https"],
      ["not a URL", { url: "hooks partner" }, "webhooks.url.invalid"],
      ["user and password", { url: "https://u:p@hooks.partner.example/x" }, "webhooks.url.credentials"],
      ["an unknown event type", { eventTypes: ["case.nope"] }, "validation.failed"],
      ["no event type", { eventTypes: [] }, "validation.failed"],
      ["the same type twice", { eventTypes: ["case.created", "case.created"] }, "validation.failed"],
      ["a bad province code", { provinceCode: "5" }, "validation.failed"],
      ["a long description", { descriptionTh: "ก".repeat(501) }, "validation.failed"],
      ["a loopback address", { url: "https://127.0.0.1/x" }, "webhooks.url.private-address", true],
      ["the cloud metadata address", { url: "https://169.254.169.254/latest" }, "webhooks.url.private-address", true],
      ["a private network", { url: "https://10.1.2.3/x" }, "webhooks.url.private-address", true],
      ["IPv6 loopback", { url: "https://[::1]/x" }, "webhooks.url.private-address", true],
      ["IPv4 mapped in IPv6", { url: "https://[::ffff:192.168.1.1]/x" }, "webhooks.url.private-address", true],
      ["localhost", { url: "https://localhost/x" }, "webhooks.url.private-address", true],
      ["a name resolving to a private address", { url: "https://intranet.partner.example/x" }, "webhooks.url.private-address", true],
      ["a name that does not resolve", { url: "https://nowhere.partner.example/x" }, "webhooks.url.unresolvable", true],
    ];
    dns.set("intranet.partner.example", ["93.184.216.34", "10.20.30.40"]);
    const before = await snapshot();
    for (const [what, over, code, strict] of cases) {
      configureWebhooks({ allowPrivate: !strict });
      const r = await call("strategy.chiangrai", "POST", "/webhooks/subscriptions", { ...good, ...over });
      expect(r.statusCode, what).toBe(400);
      const e = r.json().error;
      expect([e.code, ...(e.fields ?? []).map((f: { code: string }) => f.code)], what).toContain(code);
      expect(e.messageTh, what).toMatch(/[ก-๙]/);
      expect(e.messageEn, what).toMatch(/[a-z]/);
    }
    configureWebhooks({ allowPrivate: true });
    expect((await call("admin", "POST", "/webhooks/subscriptions", { ...good, provinceCode: "99" })).statusCode).toBe(400);
    expect((await call("strategy.chiangrai", "PATCH", "/webhooks/subscriptions/nope", { status: "paused" })).statusCode).toBe(404);
    expect((await call("strategy.chiangrai", "GET", "/webhooks/deliveries?status=lost")).statusCode).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it("the SSRF check runs again at delivery: a name that now points inside is refused there, without a request", async () => {
    configureWebhooks({ allowPrivate: false });
    dns.set("hooks.partner.example", ["93.184.216.34"]);
    const r = await call("admin", "POST", "/webhooks/subscriptions", { url: "https://hooks.partner.example/changwat", provinceCode: "31", eventTypes: ["webhook.test"] });
    expect(r.statusCode, r.body).toBe(201);
    dns.set("hooks.partner.example", ["192.168.0.10"]);
    const t = await call("admin", "POST", `/webhooks/subscriptions/${r.json().id}/test`);
    expect(t.statusCode).toBe(200);
    expect(t.json()).toMatchObject({ ok: false, statusCode: null, error: "webhooks.url.private-address", status: "pending" });
  });
});

describe("test events, the delivery log and redelivery", () => {
  it("sends a signed webhook.test now, lists it with its status code, and redelivers it with the same webhook-id", async () => {
    const s = (await call("strategy.chiangrai", "POST", "/webhooks/subscriptions", { url: `${base}/test`, provinceCode: "57", eventTypes: ["webhook.test"] })).json();
    const t = await call("strategy.chiangrai", "POST", `/webhooks/subscriptions/${s.id}/test`);
    expect(t.statusCode, t.body).toBe(200);
    expect(t.json()).toMatchObject({ ok: true, statusCode: 200, status: "succeeded" });
    expect(got).toHaveLength(1);
    expect(JSON.parse(got[0]!.body)).toMatchObject({ type: "webhook.test", data: { subscriptionId: s.id } });
    const log = (await call("strategy.chiangrai", "GET", `/webhooks/deliveries?subscriptionId=${s.id}&eventType=webhook.test`)).json();
    expect(log.total).toBe(1);
    expect(log.items[0]).toMatchObject({ status: "succeeded", lastStatusCode: 200, attempts: 1, eventType: "webhook.test" });
    const re = await call("strategy.chiangrai", "POST", `/webhooks/deliveries/${log.items[0].id}/redeliver`);
    expect(re.json()).toMatchObject({ ok: true, statusCode: 200 });
    expect(got).toHaveLength(2);
    expect(got[1]!.headers["webhook-id"]).toBe(got[0]!.headers["webhook-id"]);
    const detail = (await call("strategy.chiangrai", "GET", `/webhooks/deliveries/${log.items[0].id}`)).json();
    expect(detail.attemptsLog.map((a: { trigger: string; statusCode: number }) => [a.trigger, a.statusCode])).toEqual([["manual", 200], ["manual", 200]]);
    expect(detail.attemptsLog[0].responseExcerpt).toBe('{"received":true}');
    expect((await db.query("select action from audit_log where entity_id in ($1, $2) order by id", [s.id, log.items[0].id])).map((a) => (a as { action: string }).action)).toEqual(["webhooks.subscription.create", "webhooks.subscription.test", "webhooks.delivery.redeliver"]);
  });

  it("the demo subscription is paused at an .invalid address, shows its recorded deliveries, and is never called", async () => {
    const demo = (await call("strategy.chiangrai", "GET", "/webhooks/subscriptions")).json().items.find((x: { url: string }) => x.url === DEMO_WEBHOOK_URL);
    expect(demo).toMatchObject({ status: "paused", isDemo: true, provinceCode: "57" });
    const log = (await call("strategy.chiangrai", "GET", `/webhooks/deliveries?subscriptionId=${demo.id}`)).json();
    expect(log.items.map((d: { status: string; lastStatusCode: number | null }) => [d.status, d.lastStatusCode])).toEqual([["gave_up", null], ["succeeded", 200], ["succeeded", 200]]);
    const before = await snapshot();
    expect((await call("strategy.chiangrai", "POST", `/webhooks/subscriptions/${demo.id}/test`)).json().error.code).toBe("webhooks.demo-not-sent");
    expect((await call("strategy.chiangrai", "POST", `/webhooks/deliveries/${log.items[0].id}/redeliver`)).statusCode).toBe(422);
    expect(await snapshot()).toBe(before);
  });
});

describe("no personal data in any webhook payload (automated scan)", () => {
  it("follows a case with a named reporter through its public lifecycle and an internal note; no body sent and no delivery shown carries the reporter, the exact point or the note", async () => {
    const s = (await call("admin", "POST", "/webhooks/subscriptions", { url: `${base}/all`, provinceCode: null, eventTypes: ["*"] })).json();
    const PII = { name: "บุษบาลับเฉพาะ ทดสอบ", phone: "0898765432", email: "private.person@example.invalid" };
    const EXACT = { lat: 20.4287654, lon: 99.8798765 };
    const c = await app.inject({ method: "POST", url: "/api/v1/cases", payload: { categoryId: "flood", descriptionTh: `น้ำท่วมถนนหน้าบ้าน ${PII.name} โทร ${PII.phone} อีเมล ${PII.email}`, ...EXACT, reporter: { ...PII, anonymous: false, notify: true }, consent: true } });
    expect(c.statusCode, c.body).toBe(201);
    const made = c.json() as { id: string; publicRef: string; trackingCode: string };
    const staff = "district.maesai";
    expect((await call(staff, "POST", `/cases/${made.id}/events`, { textTh: "บันทึกภายในลับมาก ห้ามเผยแพร่", visibility: "internal" })).statusCode).toBe(200);
    expect((await call(staff, "POST", `/cases/${made.id}/accept`, {})).statusCode).toBe(200);
    expect((await call(staff, "POST", `/cases/${made.id}/events`, { textTh: "ลงพื้นที่ตรวจสอบแล้ว", visibility: "public" })).statusCode).toBe(200);
    expect((await call(staff, "POST", `/cases/${made.id}/start`, {})).statusCode).toBe(200);
    expect((await call(staff, "POST", `/cases/${made.id}/resolve`, { reasonTh: "สูบน้ำออกแล้ว ถนนสัญจรได้" })).statusCode).toBe(200);
    await deliverDue({ ...ctxFor(db), now: () => FIXED_NOW });
    const bodies = got.filter((g) => g.path === "/all").map((g) => g.body);
    const types = bodies.map((b) => JSON.parse(b).type as string);
    expect(types).toEqual(expect.arrayContaining(["case.created", "case.routed", "case.accept", "case.update", "case.start", "case.resolve"]));
    const log = (await call("admin", "GET", `/webhooks/deliveries?subscriptionId=${s.id}&pageSize=200`)).json();
    const details = await Promise.all(log.items.map(async (d: { id: string }) => (await call("admin", "GET", `/webhooks/deliveries/${d.id}`)).body));
    const needles = [PII.name.split(" ")[0]!, PII.phone, PII.email, "บันทึกภายในลับ", String(EXACT.lat), String(EXACT.lon), made.trackingCode, made.id];
    for (const text of [...bodies, ...details, log && JSON.stringify(log)]) for (const n of needles) expect(text.includes(n), `leaks ${n}`).toBe(false);
    expect(bodies.every((b) => JSON.parse(b).data.case?.publicRef === made.publicRef || JSON.parse(b).type === "webhook.test")).toBe(true);
  });
});
