import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import type { MailMessage, Mailer } from "../../platform/notify/notify.js";
import { startJobs } from "../../server/bootstrap.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { createAgreement } from "./create-agreement.js";
import { createSandbox } from "./create-sandbox.js";
import { getAgreement } from "./get-agreement.js";
import { performanceModule } from "./module.js";
import { saveSelfAssessment } from "./save-self-assessment.js";
import { sendReminders } from "./send-reminders.js";
import { signAgreement } from "./sign-agreement.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

let seq = 0;
const gov = () => actor("governor", "area:province:57", `gov-${seq++}`);
const poc = () => actor("strategy_officer", "area:province:57", `poc-${seq++}`);
const dpm = () => actor("deputy_pm_office", "area:cluster:N2", `dpm-${seq++}`);
const opdc = () => actor("opdc_evaluator", "nation", `opdc-${seq++}`);

/** A signed Chiang Rai agreement for a fiscal year no other test uses (rounds due 30 days after 31 Mar, 30 Jun, 30 Sep). */
async function signedAgreement(fiscalYear: number, sign = true) {
  const a = await createAgreement({
    ctx: ctxFor(db, gov()),
    input: {
      fiscalYear,
      kind: "provincial",
      areaId: "province:57",
      titleTh: `คำรับรองการปฏิบัติราชการ จังหวัดเชียงราย ปี ${fiscalYear}`,
      titleEn: `Chiang Rai performance agreement ${fiscalYear}`,
      parties: [
        { role: "deputy_pm", nameTh: "รองนายกรัฐมนตรี (ทดสอบ)" },
        { role: "minister_interior", nameTh: "รัฐมนตรีว่าการกระทรวงมหาดไทย (ทดสอบ)" },
        { role: "governor", nameTh: "ผู้ว่าราชการจังหวัดเชียงราย (ทดสอบ)" },
      ],
      scheme: { type: "five-level" },
      items: [{ id: "m1", nameTh: "ศูนย์บัญชาการแก้ไขปัญหาหมอกควัน", nameEn: "Haze command centre", weight: 1, criteria: { kind: "five-level-milestone", steps: [1, 2, 3, 4, 5].map((n) => ({ th: `ขั้นที่ ${n}`, en: `Step ${n}` })) as never } }],
    },
  });
  if (sign) await signAgreement({ ctx: ctxFor(db, dpm()), input: { id: a.id } });
  return a;
}

const notificationsOf = (entityId: string) =>
  db.query<{ dedupe_key: string; recipient: string; province_code: string; subject_th: string; subject_en: string; sent_at: Date | null; id: string }>(
    "select id, dedupe_key, recipient, province_code, subject_th, subject_en, sent_at from notifications where entity_id = $1 order by dedupe_key",
    [entityId],
  );

describe("the performance module's scheduled jobs", () => {
  it("declares its two daily jobs in Bangkok time", () => {
    expect(performanceModule.jobs?.map((j) => [j.name, j.cron, j.tz])).toEqual([
      ["performance.close-due-rounds", "10 0 * * *", "Asia/Bangkok"],
      ["performance.reminders", "0 7 * * *", "Asia/Bangkok"],
    ]);
  });

  it("reminds a round's area 7 days and 1 day before it is due, each once, the nearest threshold only when first seen late", async () => {
    const a = await signedAgreement(2576); // rounds due 2033-04-30, 2033-07-30, 2033-10-30
    const draft = await signedAgreement(2577, false);
    const at = (iso: string) => ({ ...ctxFor(db), now: () => new Date(iso) });
    await sendReminders({ ctx: at("2033-04-22T03:00:00Z") }); // 8 days before: nothing yet
    expect(await notificationsOf(a.id)).toEqual([]);
    await sendReminders({ ctx: at("2033-04-23T03:00:00Z") }); // 7 days
    await sendReminders({ ctx: at("2033-04-25T03:00:00Z") }); // 5 days: the 7-day reminder exists
    await sendReminders({ ctx: at("2033-04-29T03:00:00Z") }); // 1 day
    await sendReminders({ ctx: at("2033-04-30T16:59:00Z") }); // due today, 23:59 Bangkok
    // first seen 1 day before (the job did not run in the week before): only the 1-day reminder
    await saveSelfAssessment({ ctx: ctxFor(db, poc()), input: { id: a.id, round: 9, selfAssessmentTh: "ดำเนินการตามแผน", submit: true } });
    await sendReminders({ ctx: at("2033-07-29T03:00:00Z") });
    const rows = await notificationsOf(a.id);
    expect(rows.map((r) => r.dedupe_key)).toEqual([`round-due:${a.id}:6:1`, `round-due:${a.id}:6:7`, `round-due:${a.id}:9:1`]);
    expect(rows.every((r) => r.recipient === "area:province:57" && r.province_code === "57" && r.sent_at === null)).toBe(true);
    const seven = rows.find((r) => r.dedupe_key.endsWith(":6:7"))!;
    expect(seven.subject_th).toBe(`ครบกำหนดส่งรายงานผลการประเมินรอบ 6 เดือน ภายใน 7 วัน: คำรับรองการปฏิบัติราชการ จังหวัดเชียงราย ปี 2576`);
    expect(seven.subject_en).toBe("The 6-month evaluation report is due within 7 days: Chiang Rai performance agreement 2576");
    // a submitted round is told when it closes rather than asked for its report
    expect(rows.find((r) => r.dedupe_key.endsWith(":9:1"))!.subject_th).toMatch(/^รอบการประเมิน 9 เดือน จะปิดและตรึงคะแนนภายใน 1 วัน/);
    expect(await notificationsOf(draft.id)).toEqual([]); // unsigned: its rounds have not started
  });

  it("after a restart, the catch-up closes a round whose due date passed while no process ran; reminders are created and mailed once however often the jobs run", async () => {
    const a = await signedAgreement(2575); // rounds due 2032-04-30, 2032-07-30, 2032-10-30
    const s = await createSandbox({
      ctx: ctxFor(db, poc()),
      input: { provinceCode: "57", nameTh: "พื้นที่ทดลองลดขั้นตอนอนุญาต", nameEn: "Fewer permit steps", scopeTh: "อำเภอเมืองเชียงราย", rules: [{ ruleTh: "ระเบียบทดสอบ", change: "waived" }], startsOn: "2031-01-01", expiresOn: "2032-08-20" },
    });
    const mails: MailMessage[] = [];
    const mailer: Mailer = { send: async (m) => void mails.push(m) };
    let now = new Date("2032-07-25T03:00:00Z"); // 10:00 Bangkok: round 6 overdue since 30 Apr, round 9 due in 5 days, the sandbox expires in 26
    const run = async () => {
      const jobs = await startJobs(db, { now: () => now, mailer, pollingIntervalSeconds: 0.5, cronWorkerIntervalSeconds: 1, retryDelaySeconds: 1, retryBackoff: false });
      await jobs.whenIdle(60_000);
      await jobs.stop();
    };
    const mailed = async (entityId: string) => {
      const rows = await notificationsOf(entityId);
      return rows.map((r) => [r.dedupe_key, mails.filter((m) => m.id === r.id).length, r.sent_at !== null]);
    };

    await run(); // the first start after the server was down since before 30 April
    const d1 = await getAgreement({ ctx: ctxFor(db, opdc()), input: { id: a.id } });
    expect(d1.rounds.map((r) => r.status)).toEqual(["closed", "open", "open"]);
    expect(await mailed(a.id)).toEqual([[`round-due:${a.id}:9:7`, 1, true]]);
    expect(await mailed(s.id)).toEqual([[`sandbox-expiry:${s.id}:30`, 1, true]]);
    const sandboxMail = mails.find((m) => m.recipient === "area:province:57" && m.kind === "performance.sandbox-expiry" && m.link === `/sandboxes/${s.id}`);
    expect(sandboxMail?.subjectTh).toBe("พื้นที่ทดลอง (Sandbox) จะหมดอายุภายใน 30 วัน: พื้นที่ทดลองลดขั้นตอนอนุญาต");

    await run(); // restarted the same morning: nothing new, nothing mailed twice, the round closed once
    expect(await mailed(a.id)).toEqual([[`round-due:${a.id}:9:7`, 1, true]]);
    expect(await mailed(s.id)).toEqual([[`sandbox-expiry:${s.id}:30`, 1, true]]);
    const closes = await db.query("select 1 from audit_log where action = 'performance.round.close' and entity_id = $1", [a.id]);
    expect(closes).toHaveLength(1);
    const [closer] = await db.query<{ actor_kind: string }>("select actor_kind from audit_log where action = 'performance.round.close' and entity_id = $1", [a.id]);
    expect(closer?.actor_kind).toBe("system");

    now = new Date("2032-07-29T03:00:00Z"); // four days on: the 1-day reminder
    await run();
    expect(await mailed(a.id)).toEqual([
      [`round-due:${a.id}:9:1`, 1, true],
      [`round-due:${a.id}:9:7`, 1, true],
    ]);
    const d2 = await getAgreement({ ctx: ctxFor(db, opdc()), input: { id: a.id } });
    expect(d2.rounds.map((r) => r.status)).toEqual(["closed", "open", "open"]);
  });

  it("a mailer that fails leaves the reminder pending; the retry hands it on", async () => {
    const a = await signedAgreement(2578); // round 6 due 2035-04-30
    let calls = 0;
    const sent: MailMessage[] = [];
    const mailer: Mailer = {
      send: async (m) => {
        if (m.subjectEn.includes("2578") && ++calls === 1) throw new Error("SMTP unavailable");
        sent.push(m);
      },
    };
    const jobs = await startJobs(db, { now: () => new Date("2035-04-24T03:00:00Z"), mailer, pollingIntervalSeconds: 0.5, retryDelaySeconds: 0, retryBackoff: false });
    await jobs.whenIdle(60_000);
    await jobs.stop();
    const rows = await notificationsOf(a.id);
    expect(rows.map((r) => [r.dedupe_key, r.sent_at !== null])).toEqual([[`round-due:${a.id}:6:7`, true]]);
    expect(sent.filter((m) => m.id === rows[0]!.id)).toHaveLength(1);
    expect(calls).toBe(2);
  });
});
