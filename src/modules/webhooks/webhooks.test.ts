import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor, type Actor } from "../../platform/auth/actor.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import type { Database } from "../../platform/db/client.js";
import { configureWebhooks, deliverDue, emitEvent, PAUSE_AFTER_FAILING_MS, RETRY_DELAYS_MS } from "../../platform/webhooks/index.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { acceptCase } from "../cases/accept-case.js";
import { getPublicCase } from "../cases/get-public-case.js";
import { submitCase } from "../cases/submit-case.js";
import type { MailMessage } from "../../platform/notify/notify.js";
import { createSubscription } from "./create-subscription.js";
import { webhooksModule } from "./module.js";
import { rotateSecret } from "./rotate-secret.js";
import { updateSubscription } from "./update-subscription.js";

let db: Database;
let receiver: http.Server;
let base = "";
type Got = { path: string; headers: http.IncomingHttpHeaders; body: string };
let got: Got[] = [];
/** What the receiver answers; each test sets its own. */
let answer: (req: Got, res: http.ServerResponse) => void = (_r, res) => res.end("ok");

beforeAll(async () => {
  db = await createTestDb();
  configureWebhooks({ allowPrivate: true, publicUrl: "https://changwat.example.go.th" });
  // the outside world: a real HTTP receiver on this machine
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const g = { path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      got.push(g);
      answer(g, res);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
  await db?.close();
});
beforeEach(() => {
  got = [];
  answer = (_r, res) => res.end("ok");
});

const anon: Actor = { kind: "anonymous", id: null, name: "anonymous", grants: [] };
const strategy57 = actor("strategy_officer", "area:province:57", "wh-strategy-57");
const admin = actor("administrator", "nation", "wh-admin");
/** A ctx at FIXED_NOW + ms (the fake clock). */
const at = (who: Actor, ms = 0): Ctx => ({ ...ctxFor(db, who), now: () => new Date(FIXED_NOW.getTime() + ms) });
const q = <T = Record<string, unknown>>(s: string, p: unknown[] = []) => db.query<T>(s, p);

const PII = { name: "สมหญิงลับเฉพาะ ทดสอบเว็บฮุก", phone: "0812345678", email: "hidden.reporter@example.invalid" };
const EXACT = { lat: 19.9011111, lon: 99.8322222 };
let seq = 0;
const report = (ms = 0, over: Record<string, unknown> = {}) =>
  submitCase({ ctx: at(anon, ms), input: { categoryId: "road", descriptionTh: `ถนนเป็นหลุมลึกหน้าวัด ซอย ${++seq} ติดต่อ ${PII.name} โทร ${PII.phone}`, lat: EXACT.lat + (seq % 30) * 0.001, lon: EXACT.lon + Math.floor(seq / 30) * 0.001, reporter: { ...PII, anonymous: false, notify: true }, consent: true, ...over } });

/** The receivers' side, written from the Standard Webhooks spec (not our signer): any listed v1 signature by the secret matches. */
function verifyStandardWebhook(secret: string, headers: http.IncomingHttpHeaders, body: string, nowSeconds: number): boolean {
  const id = String(headers["webhook-id"] ?? "");
  const ts = String(headers["webhook-timestamp"] ?? "");
  const sigs = String(headers["webhook-signature"] ?? "").split(" ");
  if (!id || !/^\d+$/.test(ts) || Math.abs(nowSeconds - Number(ts)) > 300) return false;
  const key = Buffer.from(secret.split("_")[1]!, "base64");
  const expected = createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest();
  return sigs.some((s) => {
    const [version, b64] = s.split(",");
    const given = Buffer.from(b64 ?? "", "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
const nowSec = (ms = 0) => Math.floor((FIXED_NOW.getTime() + ms) / 1000);

async function subscribe(over: Record<string, unknown> = {}, who: Actor = strategy57) {
  return createSubscription({ ctx: at(who), input: { url: `${base}/hook`, provinceCode: "57", eventTypes: ["case.*"], ...over } });
}
/** Pauses every subscription so far, so each test hears only its own. */
const quiet = () => q("update webhook_subscriptions set status = 'paused', paused_reason = 'manual' where status = 'active'");

describe("emission in the change's transaction (outbox)", () => {
  it("a new case in the province makes one event and one delivery per matching subscription; other provinces' subscriptions hear nothing", async () => {
    await quiet();
    const mine = await subscribe();
    const nation = await subscribe({ provinceCode: null, eventTypes: ["case.created"] }, admin);
    const elsewhere = await subscribe({ provinceCode: "76" }, actor("governor", "area:province:76"));
    const onlyResolve = await subscribe({ eventTypes: ["case.resolve"] });
    const c = await report();
    const rows = await q<{ type: string; subscription_id: string }>("select e.type, d.subscription_id from webhook_events e join webhook_deliveries d on d.event_id = e.id where e.entity_id = $1 order by e.type, d.subscription_id", [c.id]);
    expect(rows).toEqual(
      [
        { type: "case.created", subscription_id: mine.id },
        { type: "case.created", subscription_id: nation.id },
        { type: "case.routed", subscription_id: mine.id },
      ].sort((a, b) => (a.type + a.subscription_id).localeCompare(b.type + b.subscription_id)),
    );
    expect(rows.some((r) => r.subscription_id === elsewhere.id || r.subscription_id === onlyResolve.id)).toBe(false);
  });

  it("a case change that rolls back emits nothing; the same change committed emits once", async () => {
    await quiet();
    await subscribe();
    const c = await report();
    const before = await q<{ n: number }>("select count(*)::int as n from webhook_events");
    const failed = await withTransaction(at(strategy57), async (tx) => {
      await acceptCase({ ctx: tx, input: { id: c.id } });
      throw new Error("something later in the transaction failed");
    }).catch((e: Error) => e.message);
    expect(failed).toMatch(/later/);
    expect(await q("select count(*)::int as n from webhook_events")).toEqual(before);
    expect((await q<{ n: number }>("select count(*)::int as n from webhook_deliveries d join webhook_events e on e.id = d.event_id where e.entity_id = $1 and e.type = 'case.accept'", [c.id]))[0]!.n).toBe(0);
    await acceptCase({ ctx: at(strategy57), input: { id: c.id } });
    expect((await q<{ n: number }>("select count(*)::int as n from webhook_events where entity_id = $1 and type = 'case.accept'", [c.id]))[0]!.n).toBe(1);
  });

  it("refuses to emit outside a transaction (a change without its event could be committed)", async () => {
    await expect(emitEvent(at(systemActor), { type: "case.update", provinceCode: "57", entityType: "case", entityId: "x", data: {} })).rejects.toThrow(/inside the change's transaction/);
  });

  it("the payload is the case as the public board shows it: no reporter, no exact point, no internal note", async () => {
    await quiet();
    await subscribe();
    const c = await report();
    const [e] = await q<{ payload: { type: string; timestamp: string; data: { case: Record<string, unknown>; event: Record<string, unknown> } } }>("select payload from webhook_events where entity_id = $1 and type = 'case.created'", [c.id]);
    const pub = await getPublicCase({ ctx: at(anon), input: { publicRef: c.publicRef } });
    const { timeline: _t, afterPhoto: _a, ...board } = pub;
    expect(e!.payload.type).toBe("case.created");
    expect(e!.payload.data.case).toEqual({ ...board, boardUrl: `https://changwat.example.go.th/board/${c.publicRef}` });
    expect(e!.payload.data.event).toMatchObject({ kind: "received", toStatus: "received", actorLabelTh: "ผู้แจ้ง" });
    const text = JSON.stringify(e!.payload);
    for (const secret of [PII.name.split(" ")[0]!, PII.phone, PII.email, String(EXACT.lon), c.id, c.trackingCode]) expect(text).not.toContain(secret);
  });
});

describe("signing (Standard Webhooks)", () => {
  it("a delivered request verifies with the subscription's secret under an independent verifier; a tampered body or another secret does not", async () => {
    await quiet();
    const s = await subscribe();
    const c = await report();
    const r = await deliverDue(at(systemActor));
    expect(r.succeeded).toBeGreaterThanOrEqual(2);
    const req = got.find((g) => JSON.parse(g.body).data.case.publicRef === c.publicRef)!;
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["webhook-id"]).toEqual(expect.any(String));
    expect(req.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(s.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(verifyStandardWebhook(s.secret, req.headers, req.body, nowSec())).toBe(true);
    expect(verifyStandardWebhook(s.secret, req.headers, req.body.replace("case.", "casX."), nowSec())).toBe(false);
    expect(verifyStandardWebhook((await subscribe()).secret, req.headers, req.body, nowSec())).toBe(false);
    expect(verifyStandardWebhook(s.secret, req.headers, req.body, nowSec(10 * 60_000))).toBe(false); // replayed 10 minutes later
  });

  it("after a rotation both secrets sign for 24 hours, then only the new one", async () => {
    await quiet();
    const s = await subscribe();
    const rotated = await rotateSecret({ ctx: at(strategy57), input: { id: s.id } });
    expect(rotated.secret).not.toBe(s.secret);
    await report();
    await deliverDue(at(systemActor));
    const during = got.at(-1)!;
    expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verifyStandardWebhook(s.secret, during.headers, during.body, nowSec())).toBe(true);
    expect(verifyStandardWebhook(rotated.secret, during.headers, during.body, nowSec())).toBe(true);
    const day = 24 * 3600_000 + 1000;
    await report(day);
    await deliverDue(at(systemActor, day));
    const after = got.at(-1)!;
    expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verifyStandardWebhook(s.secret, after.headers, after.body, nowSec(day))).toBe(false);
    expect(verifyStandardWebhook(rotated.secret, after.headers, after.body, nowSec(day))).toBe(true);
  });
});

describe("delivery", () => {
  it("records the status code, latency and the start of the answer (a big answer is cut, not stored whole)", async () => {
    await quiet();
    const s = await subscribe();
    answer = (_r, res) => res.end("x".repeat(1024 * 1024));
    const c = await report();
    await deliverDue(at(systemActor));
    const rows = await q<{ status: string; last_status_code: number; last_latency_ms: number; attempts: number; len: number }>(
      "select d.status, d.last_status_code, d.last_latency_ms, d.attempts, length(a.response_excerpt)::int as len from webhook_deliveries d join webhook_events e on e.id = d.event_id join webhook_attempts a on a.delivery_id = d.id where d.subscription_id = $1 and e.entity_id = $2",
      [s.id, c.id],
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatchObject({ status: "succeeded", last_status_code: 200, attempts: 1, len: 2048 });
    expect(rows[0]!.last_latency_ms).toBeGreaterThanOrEqual(0);
    const [h] = await q<{ last_success_at: Date | null; consecutive_failures: number }>("select last_success_at, consecutive_failures from webhook_subscriptions where id = $1", [s.id]);
    expect(h!.last_success_at).not.toBeNull();
    expect(h!.consecutive_failures).toBe(0);
  });

  it("a failing receiver is retried after 1 min, 5 min, 30 min, 2 h, 6 h and 24 h (fake clock), then the delivery is given up", async () => {
    await quiet();
    const s = await subscribe({ eventTypes: ["case.created"] });
    answer = (_r, res) => {
      res.statusCode = 500;
      res.end("receiver broken");
    };
    const c = await report();
    const [{ id }] = (await q<{ id: string }>("select d.id from webhook_deliveries d join webhook_events e on e.id = d.event_id where e.entity_id = $1 and d.subscription_id = $2", [c.id, s.id])) as [{ id: string }];
    let t = 0;
    const gaps: number[] = [];
    for (let n = 1; n <= RETRY_DELAYS_MS.length + 1; n++) {
      // not yet due a moment before: nothing is sent
      if (n > 1) {
        await deliverDue(at(systemActor, t - 1000));
        expect(got.length, `attempt ${n} early`).toBe(n - 1);
      }
      await deliverDue(at(systemActor, t));
      expect(got.length).toBe(n);
      const [d] = await q<{ status: string; attempts: number; next_attempt_at: Date; last_status_code: number }>("select status, attempts, next_attempt_at, last_status_code from webhook_deliveries where id = $1", [id]);
      expect(d!.attempts).toBe(n);
      expect(d!.last_status_code).toBe(500);
      if (n <= RETRY_DELAYS_MS.length) {
        expect(d!.status).toBe("pending");
        gaps.push(d!.next_attempt_at.getTime() - (FIXED_NOW.getTime() + t));
        t = d!.next_attempt_at.getTime() - FIXED_NOW.getTime();
      } else expect(d!.status).toBe("gave_up");
    }
    expect(gaps.map((g) => g / 60_000)).toEqual([1, 5, 30, 120, 360, 1440]);
    await deliverDue(at(systemActor, t + 7 * 24 * 3600_000));
    expect(got.length).toBe(RETRY_DELAYS_MS.length + 1); // given up: never again
    expect(new Set(got.map((g) => g.headers["webhook-id"])).size).toBe(1); // one message id across retries
  });

  it("a subscription failing for three days without a success is paused, its owner notified and the pause audited", async () => {
    await quiet();
    const s = await subscribe({ eventTypes: ["case.created"] });
    answer = (_r, res) => {
      res.statusCode = 503;
      res.end();
    };
    const day = 24 * 3600_000;
    for (const ms of [0, day, 2 * day, PAUSE_AFTER_FAILING_MS - 60_000]) {
      await report(ms);
      await deliverDue(at(systemActor, ms));
    }
    expect((await q<{ status: string }>("select status from webhook_subscriptions where id = $1", [s.id]))[0]!.status).toBe("active");
    await report(PAUSE_AFTER_FAILING_MS);
    await deliverDue(at(systemActor, PAUSE_AFTER_FAILING_MS));
    const [sub] = await q<{ status: string; paused_reason: string; consecutive_failures: number }>("select status, paused_reason, consecutive_failures from webhook_subscriptions where id = $1", [s.id]);
    // five events and the retries due on the way, all failed
    expect(sub).toEqual({ status: "paused", paused_reason: "failing", consecutive_failures: expect.any(Number) });
    expect(sub!.consecutive_failures).toBeGreaterThanOrEqual(5);
    const notes = await q<{ recipient: string; kind: string; subject_en: string }>("select recipient, kind, subject_en from notifications where entity_id = $1", [s.id]);
    expect(notes).toEqual([{ recipient: "user:wh-strategy-57", kind: "webhooks.subscription-paused", subject_en: expect.stringMatching(/paused: deliveries failed for 3 days/) }]);
    expect((await q("select action from audit_log where entity_id = $1 and action = 'webhooks.subscription.auto-pause'", [s.id])).length).toBe(1);
    // the delivery job hands the notice to the mailer (it used to stay unsent: no job delivered "webhooks." notices)
    const mailed: MailMessage[] = [];
    const job = webhooksModule.jobs!.find((j) => j.name === "webhooks.deliver")!;
    await job.run(at(systemActor, PAUSE_AFTER_FAILING_MS), { mailer: { send: async (m) => void mailed.push(m) }, log: { info: () => {}, error: () => {} } });
    await job.run(at(systemActor, PAUSE_AFTER_FAILING_MS + 60_000), { mailer: { send: async (m) => void mailed.push(m) }, log: { info: () => {}, error: () => {} } });
    expect(mailed.filter((m) => m.recipient === "user:wh-strategy-57").map((m) => [m.kind, m.subjectEn])).toEqual([["webhooks.subscription-paused", expect.stringMatching(/paused: deliveries failed for 3 days/)]]);
    expect((await q<{ delivery: string }>("select delivery from notifications where entity_id = $1", [s.id]))[0]!.delivery).toBe("sent");
    // paused: due retries wait; nothing more is sent
    const sent = got.length;
    await report(PAUSE_AFTER_FAILING_MS + 10 * 60_000);
    await deliverDue(at(systemActor, PAUSE_AFTER_FAILING_MS + 2 * day));
    expect(got.length).toBe(sent);
    // resumed by its owner: a fresh start, and the waiting deliveries go out
    answer = (_r, res) => res.end("ok");
    await updateSubscription({ ctx: at(strategy57, PAUSE_AFTER_FAILING_MS + 2 * day), input: { id: s.id, status: "active" } });
    await deliverDue(at(systemActor, PAUSE_AFTER_FAILING_MS + 3 * day));
    expect(got.length).toBeGreaterThan(sent);
    expect((await q<{ consecutive_failures: number; status: string }>("select status, consecutive_failures from webhook_subscriptions where id = $1", [s.id]))[0]).toEqual({ status: "active", consecutive_failures: 0 });
  });

  it("two delivery runs at once send each delivery once", async () => {
    await quiet();
    const s = await subscribe({ eventTypes: ["case.created"] });
    answer = (_r, res) => setTimeout(() => res.end("ok"), 20);
    for (let k = 0; k < 24; k++) await report();
    const [a, b] = await Promise.all([deliverDue(at(systemActor), { batch: 5 }), deliverDue(at(systemActor), { batch: 5 })]);
    expect(a.sent + b.sent).toBe(24);
    expect(got).toHaveLength(24);
    expect(new Set(got.map((g) => g.headers["webhook-id"])).size).toBe(24);
    expect((await q<{ n: number }>("select count(*)::int as n from webhook_deliveries where subscription_id = $1 and status <> 'succeeded'", [s.id]))[0]!.n).toBe(0);
  });

  it("does not follow redirects: a 302 is a failed attempt and its target is never called", async () => {
    await quiet();
    const s = await subscribe({ eventTypes: ["case.created"] });
    answer = (g, res) => {
      if (g.path === "/hook") {
        res.statusCode = 302;
        res.setHeader("location", `${base}/elsewhere`);
      }
      res.end();
    };
    await report();
    await deliverDue(at(systemActor));
    expect(got.map((g) => g.path)).toEqual(["/hook"]);
    const [d] = await q<{ status: string; last_status_code: number; last_error: string }>("select status, last_status_code, last_error from webhook_deliveries where subscription_id = $1", [s.id]);
    expect(d).toEqual({ status: "pending", last_status_code: 302, last_error: "redirect-not-followed" });
  });

  it("a receiver that does not answer in time is a failed attempt (timeout), retried later", async () => {
    await quiet();
    const s = await subscribe({ eventTypes: ["case.created"] });
    answer = () => {}; // never answers
    await report();
    const r = await deliverDue(at(systemActor), { timeoutMs: 300 });
    expect(r).toMatchObject({ sent: 1, failed: 1 });
    const [d] = await q<{ status: string; last_status_code: number | null; last_error: string }>("select status, last_status_code, last_error from webhook_deliveries where subscription_id = $1", [s.id]);
    expect(d).toEqual({ status: "pending", last_status_code: null, last_error: "timeout" });
  });
});
