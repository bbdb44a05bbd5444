import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { acceptCase } from "./accept-case.js";
import { addCaseEvent } from "./add-case-event.js";
import { getCaseStats } from "./get-case-stats.js";
import { getPublicCase } from "./get-public-case.js";
import { purgePersonalDataJob } from "./jobs.js";
import { configureCases } from "./module.js";
import { rateCase } from "./rate-case.js";
import { resolveCase } from "./resolve-case.js";
import { consentVersion, DEFAULT_RETENTION_DAYS, purgePersonalData, retentionDays } from "./retention.js";
import { submitCase } from "./submit-case.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
  // the demo's closed cases go first (far in the future), so the counts below are this file's cases alone
  await purgePersonalData({ ctx: at(anon, 20 * 365 * DAY), limit: 10_000 });
});
afterAll(async () => db?.close());
afterEach(() => configureCases({ retentionDays: DEFAULT_RETENTION_DAYS }));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const anon: Actor = { kind: "anonymous", id: null, name: "anonymous", grants: [] };
const officer = () => actor("agency_officer", "org:pro:57:disaster-prevention-mitigation", "dpm-officer-57");
const at = (who: Actor, ms: number) => ({ ...ctxFor(db, who), now: () => new Date(FIXED_NOW.getTime() + ms) });
const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e as { status: number; code: string });
const count = async (table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

/** A named reporter's flood report in Mae Sai, resolved and rated (so closed) 4 hours after it came in. */
async function closedCase(startMs: number, i: number) {
  const r = await submitCase({
    ctx: at(anon, startMs),
    input: {
      categoryId: "flood",
      descriptionTh: `คุณสมศรี ใจดี แจ้งน้ำท่วมหน้าบ้านเลขที่ ${40 + i} โทร 081-234-5678 ถนนผ่านไม่ได้`,
      addressTh: `บ้านเลขที่ ${40 + i} ซอย 3 ตำบลเวียงพางคำ`,
      lat: 20.4123456 + i * 0.01,
      lon: 99.8765432,
      reporter: { name: "สมศรี ใจดี", phone: "0812345678", email: "somsri@example.invalid" },
      consent: true,
    },
  });
  await acceptCase({ ctx: at(officer(), startMs + HOUR), input: { id: r.id } });
  await addCaseEvent({ ctx: at(officer(), startMs + HOUR), input: { id: r.id, textTh: "โทรคุยกับคุณสมศรี ใจดี ที่ 0812345678 แล้ว นัดเข้าพื้นที่", visibility: "internal" } });
  await resolveCase({ ctx: at(officer(), startMs + 2 * HOUR), input: { id: r.id, reasonTh: "สูบน้ำออกและลอกท่อระบายน้ำแล้ว ถนนสัญจรได้ตามปกติ" } });
  await rateCase({ ctx: at(anon, startMs + 4 * HOUR), input: { id: r.id, trackingCode: r.trackingCode, rating: 5, commentTh: "ขอบคุณ คุณสมศรี ใจดี" } });
  return r;
}

describe("PDPA retention", () => {
  it("deletes reporters' personal data only after the retention period since closing, keeps what the public and statistics read, and audits it", async () => {
    expect(retentionDays()).toBe(365);
    const r = await closedCase(0, 0);
    const closedAt = FIXED_NOW.getTime() + 4 * HOUR;
    const publicBefore = await getPublicCase({ ctx: ctxFor(db, anon), input: { publicRef: r.publicRef } });
    const statsBefore = await getCaseStats({ ctx: ctxFor(db, anon), input: { provinceCode: "57", by: "category" } });

    // a day before the period ends: nothing goes
    expect(await purgePersonalData({ ctx: at(anon, 4 * HOUR + 364 * DAY) })).toEqual({ cases: 0, reporters: 0 });
    // a day after: the reporter's identity goes
    expect(await purgePersonalData({ ctx: at(anon, 4 * HOUR + 366 * DAY) })).toEqual({ cases: 1, reporters: 1 });
    const [rep] = await db.query<Record<string, unknown>>("select name, phone, email, account_id, rating, rating_comment, notify, purged_at from case_reporters where case_id = $1", [r.id]);
    expect(rep).toMatchObject({ name: null, phone: null, email: null, account_id: null, rating: 5, rating_comment: null, notify: false });
    expect(rep!.purged_at).not.toBeNull();
    const [c] = await db.query<{ description_th: string; public_text: string; address_th: string; lat: number; lon: number; search_text: string }>("select description_th, public_text, address_th, lat, lon, search_text from cases where id = $1", [r.id]);
    expect(c!.description_th).toBe(c!.public_text);
    expect(c!.description_th).not.toMatch(/สมศรี|081|5678/);
    expect(c!.address_th).toBe("");
    expect([c!.lat, c!.lon]).toEqual([20.412, 99.877]);
    expect(c!.search_text).not.toMatch(/สมศรี|5678/);
    const notes = await db.query<{ text_th: string }>("select text_th from case_events where case_id = $1 and visibility <> 'public' and text_th <> ''", [r.id]);
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) expect(n.text_th).not.toMatch(/สมศรี|ใจดี|0812345678/);
    // nothing the public or the statistics read changed
    expect(await getPublicCase({ ctx: ctxFor(db, anon), input: { publicRef: r.publicRef } })).toEqual(publicBefore);
    expect(await getCaseStats({ ctx: ctxFor(db, anon), input: { provinceCode: "57", by: "category" } })).toEqual(statsBefore);
    // audited without the deleted values
    const audit = await db.query<{ after: Record<string, unknown> }>("select after from audit_log where entity_id = $1 and action = 'cases.case.purge-personal-data'", [r.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ reporters: 1, retentionDays: 365, closedAt: new Date(closedAt).toISOString() });
    expect(JSON.stringify(audit[0]!.after)).not.toMatch(/สมศรี|0812345678|somsri/);
    // idempotent
    const auditRows = await count("audit_log");
    expect(await purgePersonalData({ ctx: at(anon, 4 * HOUR + 400 * DAY) })).toEqual({ cases: 0, reporters: 0 });
    expect(await count("audit_log")).toBe(auditRows);
  });

  it("follows the configured period, and the scheduled job purges a backlog larger than one batch", async () => {
    configureCases({ retentionDays: 30 });
    const start = 10 * DAY;
    const many = [];
    for (let i = 1; i <= 3; i++) many.push(await closedCase(start, i));
    expect(await purgePersonalData({ ctx: at(anon, start + 29 * DAY) })).toEqual({ cases: 0, reporters: 0 });
    expect(await purgePersonalData({ ctx: at(anon, start + 31 * DAY), limit: 2 })).toEqual({ cases: 2, reporters: 2 });
    const run = await purgePersonalDataJob.run(at({ kind: "system", id: "system", name: "jobs", grants: [] } as unknown as Actor, start + 31 * DAY), { mailer: { send: async () => {} }, log: { info: () => {}, warn: () => {}, error: () => {} } } as never);
    expect(run).toEqual({ cases: 1, reporters: 1 });
    const left = await db.query<{ n: number }>("select count(*)::int as n from case_reporters where case_id = any($1) and (name is not null or purged_at is null)", [many.map((m) => m.id)]);
    expect(left[0]!.n).toBe(0);
  });

  it("records the consent version naming the period, and refuses a report agreed to an older text without writing anything", async () => {
    configureCases({ retentionDays: 180 });
    expect(consentVersion()).toMatch(/-r180$/);
    const before = `${await count("cases")}/${await count("case_reporters")}/${await count("audit_log")}`;
    const e = await fail(submitCase({ ctx: ctxFor(db, anon), input: { categoryId: "flood", descriptionTh: "น้ำท่วมถนนสายหลักหน้าโรงเรียน", lat: 20.43, lon: 99.88, reporter: { anonymous: true }, consent: true, consentVersion: consentVersion().replace("-r180", "-r365") } }));
    expect([e.status, e.code]).toEqual([409, "cases.consent-changed"]);
    expect(`${await count("cases")}/${await count("case_reporters")}/${await count("audit_log")}`).toBe(before);
    const ok = await submitCase({ ctx: ctxFor(db, anon), input: { categoryId: "flood", descriptionTh: "น้ำท่วมถนนสายหลักหน้าโรงเรียน", lat: 20.43, lon: 99.88, reporter: { anonymous: true }, consent: true, consentVersion: consentVersion() } });
    const [rep] = await db.query<{ consent_version: string }>("select consent_version from case_reporters where case_id = $1", [ok.id]);
    expect(rep!.consent_version).toBe(consentVersion());
  });
});
