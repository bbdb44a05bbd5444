import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, ctxFor } from "../../../test/db.js";
import type { Database } from "../db/client.js";
import { deliverPending, logMailer, notify, NOTIFICATION_CLAIM_MS, throwIfUndelivered, type MailMessage, type Mailer } from "./notify.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const input = (key: string) => ({ dedupeKey: key, recipient: "area:province:57", provinceCode: "57", kind: "test.notice", subjectTh: "ทดสอบ", subjectEn: "Test" });

describe("notifications", () => {
  it("an occasion is recorded once, even when two writers race for it", async () => {
    const ctx = ctxFor(db);
    const results = await Promise.all([notify(ctx, input("race:1")), notify(ctx, input("race:1")), notify(ctx, input("race:1"))]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await notify(ctx, input("race:1"))).toEqual({ created: false, id: null });
    expect(await db.query("select 1 from notifications where dedupe_key = 'race:1'")).toHaveLength(1);
  });

  it("pending notifications are handed to the mailer once, even by two deliveries at the same time; a failed send stays pending", async () => {
    const ctx = ctxFor(db);
    await notify(ctx, input("deliver:1"));
    await notify(ctx, input("deliver:2"));
    const mails: MailMessage[] = [];
    let calls = 0;
    const mailer: Mailer = {
      send: async (m) => {
        if (++calls === 1) throw new Error("mail server down");
        mails.push(m);
      },
    };
    const [a, b] = await Promise.all([deliverPending(ctx, mailer, { kindPrefix: "test." }), deliverPending(ctx, mailer, { kindPrefix: "test." })]);
    expect(a.failed + b.failed).toBe(1);
    // the one that failed is released: the other delivery may take it at once, or the next pass does
    const again = await deliverPending(ctx, mailer, { kindPrefix: "test." });
    expect(again.failed).toBe(0);
    expect(a.sent + b.sent + again.sent).toBe(3); // race:1, deliver:1, deliver:2: each mailed exactly once
    expect(mails.map((m) => m.subjectEn)).toEqual(["Test", "Test", "Test"]);
    expect(new Set(mails.map((m) => m.id)).size).toBe(3);
    expect(await deliverPending(ctx, mailer, { kindPrefix: "test." })).toEqual({ sent: 0, failed: 0 });
    expect(await db.query("select 1 from notifications where kind = 'test.notice' and sent_at is null")).toEqual([]);
  });

  it("a run cut off between claiming a notification and marking it sent leaves it to a later run once the claim lapses: delivered, not lost", async () => {
    const ctx = ctxFor(db);
    await notify(ctx, { ...input("crash:1"), kind: "crash.notice" });
    // the first run's mailer never returns: as far as the database can tell, the process died mid-send
    const stuck: MailMessage[] = [];
    void deliverPending(ctx, { send: (m) => new Promise(() => void stuck.push(m)) }, { kindPrefix: "crash." });
    while (!stuck.length) await new Promise((r) => setTimeout(r, 5));
    const mails: MailMessage[] = [];
    const mailer: Mailer = { send: async (m) => void mails.push(m) };
    const later = (ms: number) => ({ ...ctx, now: () => new Date(ctx.now().getTime() + ms) });
    // while its claim holds, another run leaves it alone and says so (the job fails, so pg-boss retries it)
    expect(await deliverPending(later(NOTIFICATION_CLAIM_MS - 1_000), mailer, { kindPrefix: "crash." })).toEqual({ sent: 0, failed: 0, held: 1 });
    expect(() => throwIfUndelivered({ sent: 0, failed: 0, held: 1 })).toThrow(/still claimed/);
    // once it lapses, the next run hands it on: the same notification (the mailer's Message-ID is made from its id)
    expect(await deliverPending(later(NOTIFICATION_CLAIM_MS), mailer, { kindPrefix: "crash." })).toEqual({ sent: 1, failed: 0 });
    expect(mails.map((m) => m.id)).toEqual([stuck[0]!.id]);
    const [row] = await db.query<{ sent_at: Date | null; claimed_until: Date | null; attempts: number; delivery: string }>("select sent_at, claimed_until, attempts, delivery from notifications where dedupe_key = 'crash:1'");
    expect(row).toEqual({ sent_at: expect.any(Date), claimed_until: null, attempts: 2, delivery: "sent" });
    expect(await deliverPending(later(10 * NOTIFICATION_CLAIM_MS), mailer, { kindPrefix: "crash." })).toEqual({ sent: 0, failed: 0 });
  });

  it("the default mailer logs the subject and kind, never the recipient or the body", async () => {
    const lines: [object, string][] = [];
    await logMailer({ info: (o, m) => void lines.push([o, m]) }).send({ id: "n1", recipient: "user:someone", kind: "test.notice", subjectTh: "ทดสอบ", subjectEn: "Test", bodyTh: "รายละเอียด", bodyEn: "Details", link: null });
    expect(lines).toEqual([[{ notification: "n1", kind: "test.notice", subject: "Test" }, expect.any(String)]]);
  });
});
