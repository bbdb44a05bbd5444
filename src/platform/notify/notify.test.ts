import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, ctxFor } from "../../../test/db.js";
import type { Database } from "../db/client.js";
import { deliverPending, logMailer, notify, type MailMessage, type Mailer } from "./notify.js";

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

  it("the default mailer logs the subject and kind, never the recipient or the body", async () => {
    const lines: [object, string][] = [];
    await logMailer({ info: (o, m) => void lines.push([o, m]) }).send({ id: "n1", recipient: "user:someone", kind: "test.notice", subjectTh: "ทดสอบ", subjectEn: "Test", bodyTh: "รายละเอียด", bodyEn: "Details", link: null });
    expect(lines).toEqual([[{ notification: "n1", kind: "test.notice", subject: "Test" }, expect.any(String)]]);
  });
});
