import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor, type Actor } from "../../platform/auth/actor.js";
import type { Ctx } from "../../platform/ctx.js";
import type { Database } from "../../platform/db/client.js";
import { configureWebhooks, DEFAULT_RETENTION_DAYS, DEVELOPMENT_KEY, purgeSettledDeliveries, sealStoredSecrets, secretKey, systemResolver, webhookSettings, type Resolver, type SecretKey } from "../../platform/webhooks/index.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { createSubscription } from "./create-subscription.js";
import { purgeWebhookDeliveriesJob, webhooksJobs } from "./jobs.js";
import { rotateSecret } from "./rotate-secret.js";
import { sendTestEvent } from "./send-test-event.js";

let db: Database;
let receiver: http.Server;
let base = "";
let receiverPort = 0;
type Got = { path: string; headers: http.IncomingHttpHeaders; body: string };
let got: Got[] = [];

beforeAll(async () => {
  db = await createTestDb();
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      got.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverPort = (receiver.address() as AddressInfo).port;
  base = `http://127.0.0.1:${receiverPort}`;
});
afterAll(async () => {
  configureWebhooks({ allowPrivate: false, resolve: systemResolver, secretKeys: { current: DEVELOPMENT_KEY, previous: [] }, retentionDays: DEFAULT_RETENTION_DAYS });
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
  await db?.close();
});
beforeEach(() => {
  got = [];
  configureWebhooks({ allowPrivate: true, resolve: systemResolver, secretKeys: { current: KEY_A, previous: [] }, retentionDays: DEFAULT_RETENTION_DAYS });
});

const KEY_A: SecretKey = secretKey(randomBytes(32));
const KEY_B: SecretKey = secretKey(randomBytes(32));
const strategy57 = actor("strategy_officer", "area:province:57", "hard-strategy-57");
const at = (who: Actor, ms = 0): Ctx => ({ ...ctxFor(db, who), now: () => new Date(FIXED_NOW.getTime() + ms) });
const q = <T = Record<string, unknown>>(s: string, p: unknown[] = []) => db.query<T>(s, p);
const DAY = 86_400_000;

/** The receiver's side, written from the Standard Webhooks spec (not our signer). */
function verifies(secret: string, g: Got): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${g.headers["webhook-id"]}.${g.headers["webhook-timestamp"]}.${g.body}`).digest();
  return String(g.headers["webhook-signature"] ?? "")
    .split(" ")
    .some((s) => {
      const given = Buffer.from(s.split(",")[1] ?? "", "base64");
      return s.startsWith("v1,") && given.length === expected.length && timingSafeEqual(given, expected);
    });
}
const subscribe = (url = `${base}/hook`) => createSubscription({ ctx: at(strategy57), input: { url, provinceCode: "57", eventTypes: ["webhook.test"] } });
const rowText = async (id: string) => (await q<{ t: string }>("select to_jsonb(w)::text as t from webhook_subscriptions w where id = $1", [id]))[0]!.t;

describe("DNS rebinding at delivery", () => {
  it("a name that passes the check with a public answer and then answers 127.0.0.1 is refused at connect time: recorded on the delivery, no connection made", async () => {
    let connections = 0;
    const inside = net.createServer((sock) => {
      connections++;
      sock.destroy();
    });
    await new Promise<void>((r) => inside.listen(0, "127.0.0.1", r));
    const port = (inside.address() as AddressInfo).port;
    // registration sees a public address; every later answer is loopback (so nothing can reach a public address)
    const answers = [["93.184.216.34"], ["127.0.0.1"]];
    const calls: string[] = [];
    const rebinding: Resolver = async (h) => {
      calls.push(h);
      return answers.length > 1 ? answers.shift()! : answers[0]!;
    };
    configureWebhooks({ allowPrivate: false, resolve: rebinding });
    try {
      const s = await subscribe(`https://rebind.partner.test:${port}/hook`);
      const r = await sendTestEvent({ ctx: at(strategy57), input: { id: s.id } });
      expect(r).toMatchObject({ ok: false, statusCode: null, error: "webhooks.url.private-address", status: "pending" });
      // one resolution at registration, one by the delivery's connection: the one that was checked
      expect(calls).toEqual(["rebind.partner.test", "rebind.partner.test"]);
      const [d] = await q<{ status: string; last_error: string; last_status_code: number | null }>("select status, last_error, last_status_code from webhook_deliveries where id = $1", [r.deliveryId]);
      expect(d).toEqual({ status: "pending", last_error: "webhooks.url.private-address", last_status_code: null });
      const [a] = await q<{ error: string; ok: boolean }>("select error, ok from webhook_attempts where delivery_id = $1", [r.deliveryId]);
      expect(a).toEqual({ error: "webhooks.url.private-address", ok: false });
      await new Promise((res) => setTimeout(res, 50));
      expect(connections).toBe(0);
    } finally {
      await new Promise((res) => inside.close(res));
    }
  });
});

describe("signing secrets at rest", () => {
  it("the database row holds no plaintext secret; the request is signed with the secret shown once, also after a rotation", async () => {
    const s = await subscribe();
    const t = await rowText(s.id);
    expect(t).not.toContain(s.secret);
    expect(t).not.toContain(s.secret.slice(6, 26));
    expect(t).not.toContain(Buffer.from(s.secret.slice(6), "base64").toString("hex").slice(0, 20));
    const [row] = await q<{ secret: string | null; secret_key_id: string; secret_ciphertext: string; previous_secret_ciphertext: string | null }>("select secret, secret_key_id, secret_ciphertext, previous_secret_ciphertext from webhook_subscriptions where id = $1", [s.id]);
    expect(row).toMatchObject({ secret: null, secret_key_id: KEY_A.id, previous_secret_ciphertext: null });
    expect(row!.secret_ciphertext).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect((await sendTestEvent({ ctx: at(strategy57), input: { id: s.id } })).ok).toBe(true);
    expect(verifies(s.secret, got[0]!)).toBe(true);

    const rotated = await rotateSecret({ ctx: at(strategy57), input: { id: s.id } });
    const t2 = await rowText(s.id);
    for (const x of [s.secret, rotated.secret]) expect(t2).not.toContain(x.slice(6, 26));
    expect((await q<{ p: string | null; pc: string | null }>("select previous_secret as p, previous_secret_ciphertext as pc from webhook_subscriptions where id = $1", [s.id]))[0]).toEqual({ p: null, pc: expect.any(String) });
    await sendTestEvent({ ctx: at(strategy57), input: { id: s.id } });
    expect(verifies(s.secret, got[1]!)).toBe(true);
    expect(verifies(rotated.secret, got[1]!)).toBe(true);
    // nothing else stored holds it either
    const audit = await q<{ t: string }>("select coalesce(before::text, '') || coalesce(after::text, '') as t from audit_log where entity_id = $1", [s.id]);
    for (const a of audit) for (const x of [s.secret, rotated.secret]) expect(a.t).not.toContain(x.slice(6, 26));
  });

  it("with a key that does not open the secret the attempt fails with a clear code and nothing is sent; the old key as previous key opens it and it is re-sealed under the new one", async () => {
    const s = await subscribe();
    configureWebhooks({ secretKeys: { current: KEY_B, previous: [] } });
    const r = await sendTestEvent({ ctx: at(strategy57), input: { id: s.id } });
    expect(r).toMatchObject({ ok: false, statusCode: null, error: "webhooks.secret-unreadable", status: "pending" });
    expect(got).toHaveLength(0);
    expect((await q<{ last_error: string }>("select last_error from webhook_deliveries where id = $1", [r.deliveryId]))[0]!.last_error).toBe("webhooks.secret-unreadable");

    configureWebhooks({ secretKeys: { current: KEY_B, previous: [KEY_A] } });
    expect((await sendTestEvent({ ctx: at(strategy57), input: { id: s.id } })).ok).toBe(true);
    expect(verifies(s.secret, got[0]!)).toBe(true);
    expect((await q<{ k: string }>("select secret_key_id as k from webhook_subscriptions where id = $1", [s.id]))[0]!.k).toBe(KEY_B.id);
    expect((await q("select after from audit_log where entity_id = $1 and action = 'webhooks.secrets.seal'", [s.id])).length).toBe(1);
    // re-sealed: the new key alone is enough from now on
    configureWebhooks({ secretKeys: { current: KEY_B, previous: [] } });
    expect((await sendTestEvent({ ctx: at(strategy57), input: { id: s.id } })).ok).toBe(true);
    expect(verifies(s.secret, got[1]!)).toBe(true);
  });

  it("rotating recovers a subscription whose secret no configured key opens: a new secret at once, no overlap", async () => {
    const s = await subscribe();
    configureWebhooks({ secretKeys: { current: KEY_B, previous: [] } });
    const rotated = await rotateSecret({ ctx: at(strategy57, 1000), input: { id: s.id } });
    expect(rotated.previousSecretExpiresAt).toBe(new Date(FIXED_NOW.getTime() + 1000).toISOString());
    await sendTestEvent({ ctx: at(strategy57, 2000), input: { id: s.id } });
    expect(String(got[0]!.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verifies(rotated.secret, got[0]!)).toBe(true);
    expect(verifies(s.secret, got[0]!)).toBe(false);
  });

  it("rows stored in plaintext before migration 0016 are sealed by the start-up step (and a row first read by a delivery on use); the database refuses a secret stored twice or not at all", async () => {
    const plain = "whsec_" + randomBytes(32).toString("base64");
    const plainPrev = "whsec_" + randomBytes(32).toString("base64");
    const insertPlain = (id: string, secret: string, previous: string | null) =>
      q(
        `insert into webhook_subscriptions (id, province_code, url, event_types, status, secret, previous_secret, previous_secret_expires_at, created_by, created_at, updated_at)
         values ($1, '57', $2, '{webhook.test}', 'active', $3, $4, $5, 'hard-strategy-57', $6, $6)`,
        [id, `${base}/legacy`, secret, previous, previous ? new Date(FIXED_NOW.getTime() + DAY) : null, FIXED_NOW],
      );
    await insertPlain("legacy-1", plain, plainPrev);
    // the demo subscription was sealed under the development key when the template was seeded; earlier tests left some under B
    configureWebhooks({ secretKeys: { current: KEY_A, previous: [DEVELOPMENT_KEY, KEY_B] } });
    const r = await sealStoredSecrets(at(systemActor));
    expect(r.plaintext).toBe(1);
    expect(r.unreadable).toBe(0);
    const t = await rowText("legacy-1");
    for (const x of [plain, plainPrev]) expect(t).not.toContain(x.slice(6, 26));
    expect((await q("select 1 from webhook_subscriptions where secret is not null or previous_secret is not null or secret_key_id <> $1", [KEY_A.id])).length).toBe(0);
    expect((await q<{ after: { trigger: string; plaintext: number } }>("select after from audit_log where action = 'webhooks.secrets.seal' and entity_id = 'all'"))[0]!.after).toMatchObject({ trigger: "start-up", plaintext: 1 });
    // both secrets still sign during the overlap
    await sendTestEvent({ ctx: at(strategy57), input: { id: "legacy-1" } });
    expect(verifies(plain, got[0]!) && verifies(plainPrev, got[0]!)).toBe(true);
    // a second run has nothing left to do
    expect(await sealStoredSecrets(at(systemActor))).toEqual({ plaintext: 0, resealed: 0, unreadable: 0 });

    // a plaintext row that a delivery reads first is sealed then
    const plain2 = "whsec_" + randomBytes(32).toString("base64");
    await insertPlain("legacy-2", plain2, null);
    await sendTestEvent({ ctx: at(strategy57), input: { id: "legacy-2" } });
    expect(verifies(plain2, got[1]!)).toBe(true);
    expect((await q("select 1 from webhook_subscriptions where id = 'legacy-2' and secret is null and secret_key_id = $1", [KEY_A.id])).length).toBe(1);

    // a row under a key nobody configured is counted, left alone, and start-up goes on
    configureWebhooks({ secretKeys: { current: KEY_B, previous: [] } });
    const r2 = await sealStoredSecrets(at(systemActor));
    expect(r2.unreadable).toBeGreaterThanOrEqual(2);
    expect((await q<{ k: string }>("select secret_key_id as k from webhook_subscriptions where id = 'legacy-1'"))[0]!.k).toBe(KEY_A.id);

    // the hand-written checks of migration 0016
    await expect(insertPlain("legacy-bad", plain, null).then(() => q("update webhook_subscriptions set secret_ciphertext = 'x', secret_nonce = 'x', secret_tag = 'x', secret_key_id = 'x' where id = 'legacy-bad'"))).rejects.toThrow(/secret_stored_once/);
    await expect(q("update webhook_subscriptions set secret = null where id = 'legacy-bad'")).rejects.toThrow(/secret_stored_once/);
  });
});

describe("retention of settled deliveries", () => {
  it("deletes deliveries that succeeded or were given up more than WEBHOOKS_RETENTION_DAYS ago with their attempts and events, in batches, audited once a run; pending ones, events still owed and the demo stay", async () => {
    await q("delete from webhook_attempts where not exists (select 1 from webhook_deliveries d where d.id = delivery_id and d.is_demo)");
    await q("delete from webhook_deliveries where not is_demo");
    await q("delete from webhook_events where not is_demo");
    const demoBefore = (await q<{ n: number }>("select count(*)::int as n from webhook_deliveries where is_demo"))[0]!.n;
    expect(demoBefore).toBe(3);
    const s1 = await subscribe();
    const s2 = await subscribe();
    const now = FIXED_NOW.getTime() + 200 * DAY; // the fake clock: 200 days on
    const ago = (days: number) => new Date(now - days * DAY);
    const event = (id: string, days: number) => q("insert into webhook_events (id, type, province_code, entity_type, entity_id, payload, occurred_at) values ($1, 'webhook.test', '57', 'webhook-subscription', $2, '{}', $3)", [id, s1.id, ago(days)]);
    const delivery = async (id: string, eventId: string, sub: string, status: string, createdDays: number, settledDays: number | null) => {
      await q(
        "insert into webhook_deliveries (id, event_id, subscription_id, province_code, status, attempts, next_attempt_at, last_attempt_at, delivered_at, created_at) values ($1, $2, $3, '57', $4, 1, $5, $6, $7, $5)",
        [id, eventId, sub, status, ago(createdDays), settledDays === null ? null : ago(settledDays), status === "succeeded" && settledDays !== null ? ago(settledDays) : null],
      );
      await q("insert into webhook_attempts (id, delivery_id, subscription_id, attempt, at, ok) values ($1, $2, $3, 1, $4, $5)", [`${id}-a1`, id, sub, ago(settledDays ?? createdDays), status === "succeeded"]);
    };
    await event("e-old-ok", 45);
    await delivery("d-old-ok", "e-old-ok", s1.id, "succeeded", 45, 45);
    await event("e-gave-up", 35);
    // created 35 days ago, given up a day and a half later: 33.5 days since it settled
    await delivery("d-gave-up", "e-gave-up", s1.id, "gave_up", 35, 33.5);
    await event("e-recent", 29);
    await delivery("d-recent", "e-recent", s1.id, "succeeded", 29, 29);
    await event("e-stuck", 90);
    await delivery("d-stuck", "e-stuck", s1.id, "pending", 90, 89);
    await event("e-shared", 60);
    await delivery("d-shared-ok", "e-shared", s1.id, "succeeded", 60, 60);
    await delivery("d-shared-pending", "e-shared", s2.id, "pending", 60, 59);
    await event("e-also-old", 40);
    await delivery("d-also-old", "e-also-old", s2.id, "succeeded", 40, 40);
    await event("e-orphan-old", 50); // its subscription was deleted with its deliveries
    await event("e-orphan-new", 5);

    const r = await purgeSettledDeliveries(at(systemActor, 200 * DAY), { batch: 2 });
    expect(r).toEqual({ deliveries: 4, attempts: 4, events: 4, batches: 3, retentionDays: 30, cutoff: ago(30).toISOString() });
    const left = async (table: string) => (await q<{ id: string }>(`select id from ${table} where not is_demo order by id`)).map((x) => x.id);
    expect(await left("webhook_deliveries")).toEqual(["d-recent", "d-shared-pending", "d-stuck"]);
    expect(await left("webhook_events")).toEqual(["e-orphan-new", "e-recent", "e-shared", "e-stuck"]);
    expect((await q<{ id: string }>("select id from webhook_attempts where delivery_id not in (select id from webhook_deliveries where is_demo) order by id")).map((x) => x.id)).toEqual(["d-recent-a1", "d-shared-pending-a1", "d-stuck-a1"]);
    expect((await q<{ n: number }>("select count(*)::int as n from webhook_deliveries where is_demo"))[0]!.n).toBe(demoBefore);
    const audits = await q<{ actor_kind: string; after: Record<string, unknown> }>("select actor_kind, after from audit_log where action = 'webhooks.deliveries.purge'");
    expect(audits).toEqual([{ actor_kind: "system", after: { deliveries: 4, attempts: 4, events: 4, batches: 3, retentionDays: 30, cutoff: ago(30).toISOString() } }]);

    // the next run finds nothing and writes no record; a shorter period reaches the recent one
    expect((await purgeSettledDeliveries(at(systemActor, 200 * DAY))).deliveries).toBe(0);
    expect((await q("select 1 from audit_log where action = 'webhooks.deliveries.purge'")).length).toBe(1);
    configureWebhooks({ retentionDays: 7 });
    expect(webhookSettings().retentionDays).toBe(7);
    expect(await purgeWebhookDeliveriesJob.run(at(systemActor, 200 * DAY), { mailer: {} as never, log: { info() {}, error() {} } })).toMatchObject({ deliveries: 1, events: 1 });
    expect(await left("webhook_deliveries")).toEqual(["d-shared-pending", "d-stuck"]);
    expect(webhooksJobs.map((j) => [j.name, j.cron])).toContainEqual(["webhooks.purge-deliveries", "5 3 * * *"]);
    expect(() => configureWebhooks({ retentionDays: 0 })).toThrow(/≥ 1/);
  });
});
