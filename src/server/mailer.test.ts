import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor } from "../platform/auth/actor.js";
import type { Ctx } from "../platform/ctx.js";
import type { Database } from "../platform/db/client.js";
import { deliverPending, notify, type MailMessage } from "../platform/notify/notify.js";
import { actor, createTestDb, ctxFor } from "../../test/db.js";
import { FIXED_NOW } from "../../test/clock.js";
import { acceptCase } from "../modules/cases/accept-case.js";
import { resolveCase } from "../modules/cases/resolve-case.js";
import { submitCase } from "../modules/cases/submit-case.js";
import { configureMail, logTransport, outboxTransport, sendQueuedMail, type MailTransport } from "../modules/mail/index.js";
import { queueMail } from "../modules/mail/queue.js";
import { withTransaction } from "../platform/ctx.js";
import { resolvingMailer } from "./mailer.js";

let db: Database;
let outbox: MailTransport;
const lines: string[] = [];
const log = { info: (obj: object, msg: string) => void lines.push(JSON.stringify(obj) + " " + msg) };
beforeAll(async () => {
  db = await createTestDb();
  outbox = outboxTransport(db.db, "Changwat <no-reply@changwat.invalid>", () => FIXED_NOW);
  configureMail({ transport: outbox, publicUrl: "https://changwat.example.org" });
});
afterAll(async () => db?.close());

const HOUR = 3_600_000;
const at = (ms: number, who = actor("administrator", "nation")): Ctx => ({ ...ctxFor(db, who), now: () => new Date(FIXED_NOW.getTime() + ms) });
const system = () => ctxFor(db);
const mailer = (transport?: MailTransport) => resolvingMailer({ makeCtx: system, transport: transport ? () => transport : undefined, log });
const mailTo = (email: string) => db.query<{ kind: string; subject: string; text_body: string; html_body: string }>("select kind, subject, text_body, html_body from mail_outbox where lower(to_address) = $1 order by created_at, id", [email]);
const row = async (dedupeKey: string) => (await db.query<{ sent_at: Date | null; delivery: string | null }>("select sent_at, delivery from notifications where dedupe_key = $1", [dedupeKey]))[0]!;
let seq = 0;
const note = async (recipient: string, kind = "test.mail") => {
  const dedupeKey = `mailer-test:${seq++}`;
  await notify(system(), { dedupeKey, recipient, kind, subjectTh: "เรื่องทดสอบ", subjectEn: "A test", bodyTh: "เนื้อความ", bodyEn: "Body", link: "/board" });
  return dedupeKey;
};

describe("e-mail to reporters on status changes, end to end", () => {
  it("submit with e-mail and notices on → staff accepts and resolves → delivery → the outbox holds the mails; the notifications hold no address", async () => {
    const email = "reporter.flood@example.invalid";
    const c = await submitCase({ ctx: ctxFor(db, anonymousActor), input: { categoryId: "flood", descriptionTh: "น้ำท่วมถนนหน้าโรงเรียนบ้านสันทราย สูงครึ่งเข่า", lat: 20.43, lon: 99.88, reporter: { name: "ผู้แจ้ง ทดสอบ", email, notify: true }, consent: true } });
    const officer = actor("agency_officer", "org:pro:57:disaster-prevention-mitigation", "dpm-officer-57");
    await acceptCase({ ctx: at(HOUR, officer), input: { id: c.id } });
    await resolveCase({ ctx: at(2 * HOUR, officer), input: { id: c.id, reasonTh: "สูบน้ำออกและลอกท่อระบายน้ำแล้ว ถนนสัญจรได้ตามปกติ" } });
    const r = await deliverPending(at(3 * HOUR), mailer(), { kindPrefix: "cases." });
    expect(r.failed).toBe(0);
    const mails = await mailTo(email);
    expect(mails).toHaveLength(2);
    // (stored at one instant by the fixed clock, so in either order)
    const subjects = mails.map((m) => m.subject.replace(/^.* \/ /, "")).sort();
    expect(subjects).toEqual([`Case ${c.publicRef}: accepted`, `Case ${c.publicRef}: resolved`]);
    expect(mails.every((m) => m.subject.startsWith(`เรื่อง ${c.publicRef}: `))).toBe(true);
    expect(mails[0]!.text_body).toContain(`https://changwat.example.org/board/${c.publicRef}`);
    const rows = await db.query<Record<string, unknown>>("select * from notifications where entity_id = $1", [c.id]);
    expect(rows.length).toBe(2);
    expect(rows.every((x) => x.delivery === "sent" && x.recipient === `reporter:${(x.recipient as string).slice(9)}`)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(email);
    expect(lines.join("\n")).not.toContain("@");
  });
});

describe("the resolving mailer", () => {
  it("user:<id> goes to the account's verified address only", async () => {
    const k = await note("user:demo-citizen");
    await db.query("insert into accounts (id, username, display_name, password_hash, email) values ('mailer-unverified', 'mailer-unverified', 'x', 'x', 'unverified@example.invalid')");
    const k2 = await note("user:mailer-unverified");
    expect(await deliverPending(system(), mailer(), { kindPrefix: "test." })).toEqual({ sent: 1, failed: 0, noAddress: 1 });
    expect((await mailTo("citizen@demo.changwat.invalid")).map((m) => m.subject)).toEqual(["เรื่องทดสอบ / A test"]);
    expect(await mailTo("unverified@example.invalid")).toEqual([]);
    expect(await row(k)).toMatchObject({ delivery: "sent" });
    expect(await row(k2)).toMatchObject({ delivery: "no-address" });
  });

  it("a scope key goes to the verified addresses of the accounts holding a role exactly there", async () => {
    await db.exec(`
      insert into accounts (id, username, display_name, password_hash, email, email_verified_at) values
        ('mailer-land-head', 'mailer-land-head', 'x', 'x', 'land.head@example.invalid', now()),
        ('mailer-land-unverified', 'mailer-land-unverified', 'x', 'x', 'land.unverified@example.invalid', null),
        ('mailer-prov', 'mailer-prov', 'x', 'x', 'province.staff@example.invalid', now());
      insert into grants (id, account_id, role, scope, created_at) values
        ('mailer-g1', 'mailer-land-head', 'agency_head', 'org:pro:57:land', now()),
        ('mailer-g2', 'mailer-land-unverified', 'agency_officer', 'org:pro:57:land', now()),
        ('mailer-g3', 'mailer-prov', 'strategy_officer', 'area:province:57', now());`);
    await note("org:pro:57:land");
    await deliverPending(system(), mailer(), { kindPrefix: "test." });
    expect(await mailTo("land.head@example.invalid")).toHaveLength(1);
    expect(await mailTo("land.unverified@example.invalid")).toEqual([]);
    expect(await mailTo("province.staff@example.invalid")).toEqual([]); // the province above is not "exactly there"
  });

  it("no address (a purged reporter, an unknown recipient) is done as no-address, and not tried again", async () => {
    const c = await submitCase({ ctx: ctxFor(db, anonymousActor), input: { categoryId: "flood", descriptionTh: "น้ำท่วมถนนทางเข้าหมู่บ้านป่าซาง รถเล็กผ่านไม่ได้", lat: 20.44, lon: 99.89, reporter: { email: "purged@example.invalid", notify: true }, consent: true } });
    const [rep] = await db.query<{ id: string }>("select id from case_reporters where case_id = $1", [c.id]);
    await db.query("update case_reporters set purged_at = now(), email = null where id = $1", [rep!.id]);
    const k1 = await note(`reporter:${rep!.id}`);
    const k2 = await note("reporter:no-such-reporter");
    const k3 = await note("team:somewhere");
    expect(await deliverPending(system(), mailer(), { kindPrefix: "test." })).toEqual({ sent: 0, failed: 0, noAddress: 3 });
    for (const k of [k1, k2, k3]) expect(await row(k)).toMatchObject({ delivery: "no-address", sent_at: expect.any(Date) });
    expect(await deliverPending(system(), mailer(), { kindPrefix: "test." })).toEqual({ sent: 0, failed: 0 });
  });

  it("a transport that throws leaves the notification pending; the next run sends it", async () => {
    const k = await note("user:demo-citizen");
    const broken: MailTransport = { kind: "smtp", from: "x", send: async () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:465 for citizen@demo.changwat.invalid"), { code: "ECONNREFUSED" })) };
    expect(await deliverPending(system(), mailer(broken), { kindPrefix: "test." })).toEqual({ sent: 0, failed: 1 });
    expect(await row(k)).toEqual({ sent_at: null, delivery: null });
    expect(await deliverPending(system(), mailer(), { kindPrefix: "test." })).toEqual({ sent: 1, failed: 0 });
    expect(await row(k)).toMatchObject({ delivery: "sent" });
    expect(lines.join("\n")).not.toContain("@");
  });
});

describe("the transactional mail queue", () => {
  it("keeps a message the transport refused and sends it on a later run; the sent message leaves the queue", async () => {
    const to = "queued@example.invalid";
    const id = await withTransaction(system(), (tx) => queueMail(tx, { kind: "test.queued", to, content: { subjectTh: "ทดสอบ", subjectEn: "Test", link: "/x" } }));
    const broken: MailTransport = { kind: "smtp", from: "x", send: async () => Promise.reject(Object.assign(new Error("boom"), { code: "EAUTH" })) };
    expect(await sendQueuedMail(system(), broken, { ids: [id] })).toEqual({ sent: 0, failed: 1 });
    const [q] = await db.query<{ attempts: number; last_error: string; next_attempt_at: Date }>("select attempts, last_error, next_attempt_at from mail_queue where id = $1", [id]);
    expect(q).toEqual({ attempts: 1, last_error: "EAUTH", next_attempt_at: new Date(FIXED_NOW.getTime() + 60_000) });
    expect(await sendQueuedMail(system(), outbox)).toEqual({ sent: 0, failed: 0 }); // not due yet
    expect(await sendQueuedMail(at(61_000), outbox)).toEqual({ sent: 1, failed: 0 });
    expect(await mailTo(to)).toHaveLength(1);
    expect(await db.query("select count(*)::int as n from mail_queue where id = $1", [id])).toEqual([{ n: 0 }]);
  });

  it("a message handed over again (a crash before it was marked sent) carries the same Message-ID, and the outbox keeps it once", async () => {
    // a queued mail: the claim of a sender that died lapses after 5 minutes, and the next run sends it again
    const to = "twice@example.invalid";
    const id = await withTransaction(system(), (tx) => queueMail(tx, { kind: "test.queued", to, content: { subjectTh: "ทดสอบ", subjectEn: "Again", link: "/x" } }));
    const seen: string[] = [];
    const recording: MailTransport = { kind: "smtp", from: "Changwat <no-reply@changwat.invalid>", send: async (e) => void seen.push(e.messageId!) };
    await db.query("update mail_queue set claimed_until = $2 where id = $1", [id, new Date(FIXED_NOW.getTime() + 5 * 60_000)]); // a claim left by a dead sender
    expect(await sendQueuedMail(system(), recording, { ids: [id] })).toEqual({ sent: 0, failed: 0 });
    expect(await sendQueuedMail(at(5 * 60_000), recording, { ids: [id] })).toEqual({ sent: 1, failed: 0 });
    expect(seen).toEqual([`<mail.${id}@changwat.invalid>`]);
    // a notification to two addresses: one Message-ID per address, the same on every hand-over, naming no address
    const k = await note("org:pro:57:land");
    await db.exec(`
      insert into accounts (id, username, display_name, password_hash, email, email_verified_at) values ('mailer-land-2', 'mailer-land-2', 'x', 'x', 'land.second@example.invalid', now());
      insert into grants (id, account_id, role, scope, created_at) values ('mailer-g4', 'mailer-land-2', 'agency_officer', 'org:pro:57:land', now());`);
    const [n] = await db.query<MailMessage & { subject_th: string; subject_en: string }>("select id, recipient, kind, subject_th, subject_en from notifications where dedupe_key = $1", [k]);
    const message: MailMessage = { id: n!.id, recipient: n!.recipient, kind: n!.kind, subjectTh: n!.subject_th, subjectEn: n!.subject_en, bodyTh: null, bodyEn: null, link: null };
    const ids: string[] = [];
    const capture: MailTransport = { kind: "smtp", from: "Changwat <no-reply@changwat.invalid>", send: async (e) => void ids.push(e.messageId!) };
    await mailer(capture).send(message);
    await mailer(capture).send(message);
    const half = ids.length / 2; // every address there (the land office's head from the test above, and this one)
    expect(half).toBeGreaterThanOrEqual(1);
    expect(new Set(ids).size).toBe(half);
    expect(ids.slice(0, half)).toEqual(ids.slice(half));
    expect(ids.every((x) => x.startsWith(`<notification.${n!.id}.`) && x.endsWith("@changwat.invalid>") && !x.includes("land"))).toBe(true);
    // the development outbox is a receiver that drops a repeat by its Message-ID
    await mailer().send(message);
    await mailer().send(message);
    expect(await mailTo("land.second@example.invalid")).toHaveLength(1);
  });

  it("the log transport logs the kind only", async () => {
    const got: string[] = [];
    await logTransport("x", { info: (o, m) => void got.push(JSON.stringify(o) + m) }).send({ kind: "accounts.verify-email", to: "someone@example.invalid", subject: "secret subject", text: "token=abc", html: "" });
    expect(got.join()).toContain("accounts.verify-email");
    expect(got.join()).not.toMatch(/someone|secret|token/);
  });
});
