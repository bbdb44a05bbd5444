import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { migrationsFolder } from "../../platform/db/migrate.js";
import { searchText } from "../../platform/thai/segment.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { acceptCase } from "./accept-case.js";
import { addCaseEvent } from "./add-case-event.js";
import { assignCase } from "./assign-case.js";
import { bulkAssignCases } from "./bulk-assign-cases.js";
import { changeCaseCategory } from "./change-category.js";
import { redactPersonalData, routeCase, textSimilarity, mustGetCategory } from "./case-rules.js";
import { closeResolvedCases } from "./close-resolved-cases.js";
import { escalateCases, escalationLevelAt } from "./escalate-cases.js";
import { findDuplicatesAt } from "./find-duplicates.js";
import { BOARD_COUNT_CAP, getBoard } from "./get-board.js";
import { getCase } from "./get-case.js";
import { getCaseStats } from "./get-case-stats.js";
import { getPublicCase } from "./get-public-case.js";
import { listCases } from "./list-cases.js";
import { listAssignees } from "./list-assignees.js";
import { listMyCases } from "./list-my-cases.js";
import { mergeCase } from "./merge-case.js";
import { rateCase } from "./rate-case.js";
import { reopenCase } from "./reopen-case.js";
import { resolveCase } from "./resolve-case.js";
import { setRoutingRule } from "./set-routing-rule.js";
import { startCase } from "./start-case.js";
import { submitCase } from "./submit-case.js";
import { suggestRouting } from "./suggest-routing.js";
import { trackCase } from "./track-case.js";
import { transferCase } from "./transfer-case.js";
import { uploadCasePhoto } from "./upload-case-photo.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const HOUR = 3_600_000;
const anon: Actor = { kind: "anonymous", id: null, name: "anonymous", grants: [] };
const maeSai = () => actor("district_officer", "area:district:5709", "centre-5709");
const dpmOfficer = () => actor("agency_officer", "org:pro:57:disaster-prevention-mitigation", "dpm-officer-57");
const strategy = (p = "57") => actor("strategy_officer", `area:province:${p}`, `strategy-${p}`);
const at = (who: Actor, ms: number) => ({ ...ctxFor(db, who), now: () => new Date(FIXED_NOW.getTime() + ms) });
const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e as { status: number; code: string; fields?: { path: string; code: string }[] });
const count = async (table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
const snapshot = async () => `${await count("cases")}/${await count("case_reporters")}/${await count("case_events")}/${await count("audit_log")}/${(await db.query<{ h: string }>("select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from (select id, status, version, assigned_org_id, assignee_account_id from cases) x"))[0]!.h}`;
let seq = 0;
/** A fresh flood report near (lat, lon) in Mae Sai, by an anonymous reporter unless told. */
const report = (over: Record<string, unknown> = {}, who: Actor = anon, ms = 0) =>
  submitCase({ ctx: at(who, ms), input: { categoryId: "flood", descriptionTh: `น้ำท่วมถนนหน้าบ้านเลขที่ ${100 + seq++} สูงครึ่งเข่า รถผ่านไม่ได้`, lat: 20.40 + (seq % 20) * 0.001, lon: 99.87 + Math.floor(seq / 20) * 0.001, reporter: { anonymous: true }, consent: true, ...over } });

describe("intake", () => {
  it("places a pin in its district, routes by the category's office, starts the service clock and shows the tracking code once", async () => {
    const r = await report({ lat: 20.415, lon: 99.885, reporter: { name: "สมศรี ใจดี", phone: "0812345678", email: "somsri@example.invalid" } });
    expect(r.publicRef).toMatch(/^57-69-\d{6}$/);
    expect(r.trackingCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
    expect(r.assignedOrgId).toBe("pro:57:disaster-prevention-mitigation");
    expect(new Date(r.resolveDueAt).getTime() - FIXED_NOW.getTime()).toBe(72 * HOUR);
    const c = await getCase({ ctx: ctxFor(db, maeSai()), input: { id: r.id } });
    expect([c.districtCode, c.provinceCode, c.status, c.channel]).toEqual(["5709", "57", "received", "web"]);
    expect(c.reporters).toEqual([expect.objectContaining({ name: "สมศรี ใจดี", phone: "0812345678", email: "somsri@example.invalid", anonymous: false })]);
    expect(c.timeline.map((e) => e.kind)).toEqual(["received", "routed"]);
    // the tracking code is stored only as a hash
    expect((await db.query("select 1 from case_reporters where tracking_hash like $1", [`%${r.trackingCode}%`])).length).toBe(0);
  });

  it("refuses bad input with a field, a code and both languages, and writes nothing", async () => {
    const before = await snapshot();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ categoryId: "no-such" }, "categoryId", "cases.unknown-category"],
      [{ lat: undefined, lon: undefined }, "lat", "cases.location-required"],
      [{ consent: false }, "consent", ""],
      [{ descriptionTh: "สั้น" }, "descriptionTh", ""],
      [{ subdistrictCode: "999999" }, "subdistrictCode", "ref.unknown-area"],
      [{ subdistrictCode: "570101", districtCode: "5709" }, "subdistrictCode", "cases.area-mismatch"],
      [{ reporter: { anonymous: false } }, "reporter", "cases.contact-or-anonymous"],
      [{ lat: 11.5, lon: 100.0 }, "lat", "cases.outside-thailand"], // the middle of the Gulf of Thailand
      [{ reporter: { anonymous: true, phone: "call me maybe" } }, "reporter.phone", ""],
    ];
    for (const [over, path, code] of cases) {
      const e = await fail(report(over));
      expect(e.status, JSON.stringify(over)).toBe(400);
      expect(e.fields?.some((f) => f.path === path && (!code || f.code === code)), `${JSON.stringify(over)} → ${JSON.stringify(e.fields)}`).toBe(true);
    }
    expect(await snapshot()).toBe(before);
  });

  it("lets staff enter a 1567 call or a walk-in and route it themselves; the public cannot claim a staff channel", async () => {
    const before = await snapshot();
    expect((await fail(report({ channel: "hotline_1567" }))).status).toBe(401);
    expect((await fail(report({ channel: "walk_in" }, actor("citizen", "nation")))).status).toBe(403);
    expect((await fail(report({ channel: "hotline_1567", subdistrictCode: "400101", lat: undefined, lon: undefined }, maeSai()))).status).toBe(403); // Khon Kaen is not Mae Sai's
    expect(await snapshot()).toBe(before);
    const r = await report({ channel: "hotline_1567", orgId: "pao:57", subdistrictCode: "570901", reporter: { name: "ผู้โทร 1567", phone: "053-123-456" } }, maeSai());
    const c = await getCase({ ctx: ctxFor(db, maeSai()), input: { id: r.id } });
    expect([c.channel, c.assignedOrg?.id, c.routedBy]).toEqual(["hotline_1567", "pao:57", "staff"]);
    expect(c.timeline[0]!.actorLabelTh).toBe("ศูนย์ดำรงธรรมอำเภอแม่สาย");
  });

  it("removes phone numbers, e-mail addresses, ID numbers, LINE ids and names from what the public reads", () => {
    const t = redactPersonalData("ติดต่อ นายสมชาย ใจดี โทร 081-234-5678 หรือ 0 2123 4567 อีเมล a.b@mail.co.th บัตร 1-1037-00123-45-6 ไลน์ somchai99 ถนนพัง", ["สมหญิง รักดี"]);
    expect(t).not.toMatch(/สมชาย|081|2123|a\.b@|1037|somchai99/);
    expect(t).toContain("ถนนพัง");
    expect(redactPersonalData("สมหญิงแจ้งว่าไฟดับ", ["สมหญิง รักดี"])).not.toContain("สมหญิง");
    // house numbers: an exact home; a count of houses or a plain number stays
    for (const home of ["หน้าบ้านเลขที่ 73/1448 ทรุด", "บ้านเลขที่ 12 หมู่ 3", "ท่อแตก เลขที่ 401 / 77 ซอยวัด", "หน้าบ้าน 9/1 ไฟดับ", "House No. 55/12 flooded"]) expect(redactPersonalData(home), home).not.toMatch(/1448|\b12\b|401|9\/1|55\/12/);
    expect(redactPersonalData("น้ำท่วมบ้าน 3 หลัง ลึก 40 ซม.")).toBe("น้ำท่วมบ้าน 3 หลัง ลึก 40 ซม.");
  });

  it("migration 0024 redacts the house numbers of reports stored before, as new reports are", async () => {
    const texts = ["ถนนหน้าบ้านเลขที่ 73/1448 ทรุด โทร [ข้อมูลส่วนบุคคล]", "บ้านเลขที่ 12 หมู่ 3 น้ำท่วม", "ท่อแตก เลขที่ 401 / 77 ซอยวัด", "หน้าบ้าน 9/1 ไฟดับ", "House No. 55/12 flooded", "น้ำท่วมบ้าน 3 หลัง", "ใบเสร็จเลขที่ 12"];
    const ids = (await db.query<{ id: string }>("select id from cases order by id limit $1", [texts.length])).map((r) => r.id);
    for (const [k, id] of ids.entries()) await db.query("update cases set public_text = $2, public_search_text = $3 where id = $1", [id, texts[k], searchText(texts[k])]);
    await db.exec(fs.readFileSync(path.join(migrationsFolder(), "0024_issue8_redact_house_numbers.sql"), "utf8"));
    const after = await db.query<{ id: string; public_text: string; public_search_text: string }>("select id, public_text, public_search_text from cases where id = any($1)", [ids]);
    for (const [k, id] of ids.entries()) {
      const row = after.find((r) => r.id === id)!;
      expect(row.public_text, texts[k]).toBe(redactPersonalData(texts[k]!));
      expect(row.public_search_text, texts[k]).not.toMatch(/\b(1448|401|77|9|55)\b/);
    }
  });
});

describe("routing rules", () => {
  it("prefer the most specific area, then the category, and fall back to the category's office, then the province's centre", async () => {
    const so = ctxFor(db, strategy());
    const flood = await mustGetCategory(ctxFor(db), "flood");
    const inquiry = await mustGetCategory(ctxFor(db), "inquiry");
    const where = { provinceCode: "57", districtCode: "5701", subdistrictCode: "570103" };
    expect((await routeCase(ctxFor(db), { ...where, category: flood })).orgId).toBe("pro:57:disaster-prevention-mitigation");
    expect((await routeCase(ctxFor(db), { ...where, category: inquiry })).orgId).toBe("pro:57:provincial-office");
    await setRoutingRule({ ctx: so, input: { areaId: "district:5701", categoryId: null, orgId: "pao:57" } });
    expect((await routeCase(ctxFor(db), { ...where, category: flood })).orgId).toBe("pao:57");
    await setRoutingRule({ ctx: so, input: { areaId: "district:5701", categoryId: "flood", orgId: "pro:57:public-works-town-planning" } });
    expect((await routeCase(ctxFor(db), { ...where, category: flood })).orgId).toBe("pro:57:public-works-town-planning");
    expect((await routeCase(ctxFor(db), { ...where, category: inquiry })).orgId).toBe("pao:57");
    const { id } = await setRoutingRule({ ctx: so, input: { areaId: "subdistrict:570103", categoryId: null, orgId: "pro:57:provincial-administration" } });
    expect(await routeCase(ctxFor(db), { ...where, category: flood })).toEqual({ orgId: "pro:57:provincial-administration", ruleId: id });
    expect((await routeCase(ctxFor(db), { ...where, subdistrictCode: "570104", category: flood })).orgId).toBe("pro:57:public-works-town-planning");
    // set again: replaced, not duplicated; another province's office may not set Chiang Rai's rules
    await setRoutingRule({ ctx: so, input: { areaId: "subdistrict:570103", categoryId: null, orgId: "pao:57" } });
    expect((await db.query("select 1 from case_routing_rules where area_id = 'subdistrict:570103'")).length).toBe(1);
    expect((await fail(setRoutingRule({ ctx: ctxFor(db, strategy("76")), input: { areaId: "district:5701", categoryId: null, orgId: "pao:76" } }))).status).toBe(403);
    expect((await fail(setRoutingRule({ ctx: so, input: { areaId: "district:5701", categoryId: null, orgId: "no-such-org" } }))).status).toBe(400);
  });
});

describe("lifecycle with a fake clock", () => {
  it("received → accepted → in progress → resolved (proof required) → rated and closed, each step audited and on the public timeline", async () => {
    const r = await report({ reporter: { name: "ผู้แจ้ง ทดสอบ", email: "t1@example.invalid", notify: true } });
    const officer = dpmOfficer();
    // a stranger office may not act; the reporter may not rate before resolution
    expect((await fail(acceptCase({ ctx: ctxFor(db, actor("agency_officer", "org:pro:57:land")), input: { id: r.id } }))).status).toBe(403);
    expect((await fail(rateCase({ ctx: ctxFor(db, anon), input: { id: r.id, trackingCode: r.trackingCode, rating: 5 } }))).code).toBe("cases.rate-before-resolution");
    const a = await acceptCase({ ctx: at(officer, HOUR), input: { id: r.id } });
    expect([a.status, a.acceptedAt]).toEqual(["accepted", new Date(FIXED_NOW.getTime() + HOUR).toISOString()]);
    expect((await fail(acceptCase({ ctx: at(officer, HOUR), input: { id: r.id } }))).code).toBe("cases.wrong-status");
    expect((await fail(startCase({ ctx: at(officer, HOUR), input: { id: r.id, version: 1 } }))).status).toBe(409);
    await startCase({ ctx: at(officer, 2 * HOUR), input: { id: r.id } });
    const before = await snapshot();
    expect((await fail(resolveCase({ ctx: at(officer, 3 * HOUR), input: { id: r.id } }))).code).toBe("validation.failed");
    expect((await fail(resolveCase({ ctx: at(officer, 3 * HOUR), input: { id: r.id, reasonTh: "เสร็จ" } }))).status).toBe(400); // too short a reason
    expect(await snapshot()).toBe(before);
    const done = await resolveCase({ ctx: at(officer, 3 * HOUR), input: { id: r.id, reasonTh: "สูบน้ำออกและลอกท่อระบายน้ำแล้ว ถนนสัญจรได้ตามปกติ" } });
    expect(done.status).toBe("resolved");
    const rated = await rateCase({ ctx: at(anon, 4 * HOUR), input: { id: r.id, trackingCode: r.trackingCode, rating: 4, commentTh: "ขอบคุณครับ" } });
    expect(rated).toMatchObject({ status: "closed", rating: 4 });
    const pub = await getPublicCase({ ctx: ctxFor(db, anon), input: { publicRef: r.publicRef } });
    expect(pub.timeline.map((e) => e.kind)).toEqual(["received", "routed", "accept", "start", "resolve", "rated"]);
    expect(pub.timeline.every((e) => e.visibility === "public")).toBe(true);
    expect(pub.timeline.find((e) => e.kind === "accept")!.actorLabelTh).toBe("สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดเชียงราย");
    const audit = await db.query<{ action: string }>("select action from audit_log where entity_id = $1 order by at, id", [r.id]);
    expect(audit.map((x) => x.action)).toEqual(["cases.case.submit", "cases.case.accept", "cases.case.start", "cases.case.resolve", "cases.case.rate"]);
    // the reporter who asked for e-mail got one notification per status change, addressed by reporter id, not address
    const notes = await db.query<{ recipient: string; subject_th: string }>("select recipient, subject_th from notifications where entity_id = $1 and kind = 'cases.status' order by created_at", [r.id]);
    expect(notes).toHaveLength(3);
    expect(notes.every((n) => n.recipient.startsWith("reporter:") && !n.recipient.includes("@"))).toBe(true);
  });

  it("refuses an after-photo that is the reporter's own photo or one already used on another case", async () => {
    const photo = (bytes: string) => ({ bytes: Buffer.from(bytes), mediaType: "image/jpeg", width: 10, height: 10, thumbnail: { bytes: Buffer.from(`t-${bytes}`) }, dhash: null });
    const a = await submitCase({ ctx: ctxFor(db, anon), input: { categoryId: "drain", descriptionTh: "ท่อระบายน้ำหน้าตลาดสดอุดตัน น้ำเน่าขัง", subdistrictCode: "570902", reporter: { anonymous: true }, consent: true }, photos: [photo("before-a")] });
    const b = await report();
    const officer = actor("agency_officer", "org:pro:57:public-works-town-planning");
    await acceptCase({ ctx: ctxFor(db, officer), input: { id: a.id } });
    await acceptCase({ ctx: ctxFor(db, dpmOfficer()), input: { id: b.id } });
    const own = await uploadCasePhoto({ ctx: ctxFor(db, officer), input: { id: a.id, photo: photo("before-a") } });
    expect((await fail(resolveCase({ ctx: ctxFor(db, officer), input: { id: a.id, afterPhotoId: own.id } }))).code).toBe("cases.after-photo-reused");
    const real = await uploadCasePhoto({ ctx: ctxFor(db, officer), input: { id: a.id, photo: photo("after-a") } });
    const reused = await uploadCasePhoto({ ctx: at(dpmOfficer(), HOUR), input: { id: b.id, photo: photo("after-a") } });
    expect((await fail(resolveCase({ ctx: ctxFor(db, officer), input: { id: a.id, afterPhotoId: reused.id } }))).fields?.[0]?.code).toBe("cases.after-photo-unknown"); // another case's photo
    expect((await fail(resolveCase({ ctx: ctxFor(db, dpmOfficer()), input: { id: b.id, afterPhotoId: reused.id } }))).code).toBe("cases.after-photo-reused");
    expect((await resolveCase({ ctx: ctxFor(db, officer), input: { id: a.id, afterPhotoId: real.id } })).status).toBe("resolved");
    const pub = await getPublicCase({ ctx: ctxFor(db, anon), input: { publicRef: a.publicRef } });
    expect(pub.afterPhoto?.id).toBe(real.id);
  });

  it("escalates past the service level: agency → district chief → governor, once each; a second run does nothing", async () => {
    const r = await report();
    const c0 = { receivedAt: FIXED_NOW, resolveDueAt: new Date(FIXED_NOW.getTime() + 72 * HOUR) };
    expect([71, 72, 73, 108, 109].map((h) => escalationLevelAt(c0, new Date(FIXED_NOW.getTime() + h * HOUR)))).toEqual([0, 0, 1, 1, 2]);
    const run = (h: number) => escalateCases({ ctx: at(actor("administrator", "nation"), h * HOUR) });
    await run(71);
    expect((await getCase({ ctx: ctxFor(db, maeSai()), input: { id: r.id } })).escalationLevel).toBe(0);
    expect((await run(73)).escalated).toBeGreaterThanOrEqual(1);
    expect((await getCase({ ctx: ctxFor(db, maeSai()), input: { id: r.id } })).escalationLevel).toBe(1);
    const once = await db.query<{ n: number }>("select count(*)::int as n from notifications where entity_id = $1 and kind = 'cases.escalated'", [r.id]);
    await run(74);
    expect(await db.query("select count(*)::int as n from notifications where entity_id = $1 and kind = 'cases.escalated'", [r.id])).toEqual(once);
    await run(109);
    const c = await getCase({ ctx: ctxFor(db, maeSai()), input: { id: r.id } });
    expect(c.escalationLevel).toBe(2);
    expect(c.overdue).toBe(false); // the fixed clock of getCase is before the due time
    const rec = await db.query<{ recipient: string }>("select recipient from notifications where entity_id = $1 and kind = 'cases.escalated' order by created_at", [r.id]);
    expect(rec.map((x) => x.recipient)).toEqual(["area:district:5709", "area:province:57"]);
    expect(c.timeline.filter((e) => e.kind === "escalated").map((e) => e.data.level)).toEqual([1, 2]);
    // the office that has not accepted in time got one reminder
    expect((await db.query("select 1 from notifications where entity_id = $1 and kind = 'cases.accept-overdue'", [r.id])).length).toBe(1);
  });

  it("lets the reporter dispute a resolution within 30 days (reopened, escalated, clock restarted) and closes undisputed ones after 7 days", async () => {
    const r = await report();
    const officer = dpmOfficer();
    await startCase({ ctx: ctxFor(db, officer), input: { id: r.id } });
    await resolveCase({ ctx: ctxFor(db, officer), input: { id: r.id, reasonTh: "ระบายน้ำออกจากถนนเรียบร้อยแล้ว" } });
    expect((await fail(reopenCase({ ctx: ctxFor(db, anon), input: { id: r.id, reasonTh: "น้ำยังท่วมอยู่เลย" } }))).status).toBe(401);
    expect((await fail(reopenCase({ ctx: ctxFor(db, anon), input: { id: r.id, trackingCode: "AAAA-BBBB-CC", reasonTh: "น้ำยังท่วมอยู่เลย" } }))).status).toBe(403);
    const back = await reopenCase({ ctx: at(anon, 5 * HOUR), input: { id: r.id, trackingCode: r.trackingCode, reasonTh: "น้ำยังท่วมอยู่เลย ไม่ได้ระบายจริง" } });
    expect(back.status).toBe("reopened");
    const c = await getCase({ ctx: ctxFor(db, maeSai()), input: { id: r.id } });
    expect([c.reopenCount, c.escalationLevel, c.disputedAt !== null, c.resolveDueAt]).toEqual([1, 1, true, new Date(FIXED_NOW.getTime() + 5 * HOUR + 72 * HOUR).toISOString()]);
    await resolveCase({ ctx: ctxFor(db, officer), input: { id: r.id, reasonTh: "สูบน้ำออกด้วยเครื่องสูบน้ำ 2 เครื่อง ตรวจซ้ำแล้ว" } });
    await closeResolvedCases({ ctx: at(anon, 6 * 24 * HOUR) });
    expect((await getCase({ ctx: ctxFor(db, maeSai()), input: { id: r.id } })).status).toBe("resolved");
    await closeResolvedCases({ ctx: at(anon, 8 * 24 * HOUR) });
    expect((await getCase({ ctx: ctxFor(db, maeSai()), input: { id: r.id } })).status).toBe("closed");
    expect((await fail(reopenCase({ ctx: at(anon, 31 * 24 * HOUR), input: { id: r.id, trackingCode: r.trackingCode, reasonTh: "กลับมาท่วมอีกแล้ว" } }))).code).toBe("cases.reopen-too-late");
  });
});

describe("duplicates", () => {
  it("offers an open case within 50 m and 14 days with similar Thai text; not farther, older, closed or different", async () => {
    const text = "ไฟฟ้าส่องสว่างบนถนนหน้าวัดดับทั้งซอย กลางคืนมืดมาก";
    const base = { categoryId: "lighting", descriptionTh: text, lat: 19.9, lon: 99.83, reporter: { anonymous: true }, consent: true };
    const first = await submitCase({ ctx: ctxFor(db, anon), input: base });
    const here = (dLat: number, t = text, ms = 0) => findDuplicatesAt(at(anon, ms), { lat: 19.9 + dLat, lon: 99.83, text: t });
    expect((await here(0.0004)).map((d) => d.id)).toEqual([first.id]); // ~44 m north
    expect(await here(0.0005)).toEqual([]); // ~56 m
    expect(await here(0.0001, "ขอให้ตัดต้นไม้ที่ล้มขวางทางเข้าหมู่บ้าน")).toEqual([]);
    expect(await here(0.0001, text, 15 * 24 * HOUR)).toEqual([]);
    expect(textSimilarity(text, "ไฟส่องสว่างหน้าวัดดับทั้งซอย มืดมากตอนกลางคืน")).toBeGreaterThan(0.3);
    const second = await submitCase({ ctx: ctxFor(db, anon), input: { ...base, lat: 19.9002, descriptionTh: "ไฟส่องสว่างหน้าวัดดับทั้งซอย มืดมากตอนกลางคืน" } });
    expect(second.possibleDuplicates.map((d) => d.id)).toEqual([first.id]);
    // merged: the reporters join, support counts both, tracking codes lead to the surviving case
    const centre = actor("district_officer", "area:district:5701", "centre-5701");
    const m = await mergeCase({ ctx: ctxFor(db, centre), input: { id: second.id, intoId: first.id } });
    expect(m).toEqual({ id: second.id, mergedInto: first.id, supportCount: 2 });
    const view = await trackCase({ ctx: ctxFor(db, anon), input: { trackingCode: second.trackingCode } });
    expect(view.publicRef).toBe(first.publicRef);
    expect((await getCase({ ctx: ctxFor(db, centre), input: { id: first.id } })).reporters).toHaveLength(2);
    expect((await findDuplicatesAt(ctxFor(db), { lat: 19.9, lon: 99.83, text })).map((d) => d.id)).toEqual([first.id]); // the merged one is gone
    expect((await fail(mergeCase({ ctx: ctxFor(db, centre), input: { id: first.id, intoId: second.id } }))).code).toBe("cases.wrong-status");
  });
});

describe("staff workspace", () => {
  it("a handler corrects the category: the public timeline says so, the service times stay, a sensitive category leaves the public search, bad input changes nothing", async () => {
    const r = await report({ descriptionTh: "ถนนหน้าวัดเป็นหลุมลึก น้ำขังเวลาฝนตก รถจักรยานยนต์ล้ม" });
    const centre = maeSai();
    const before = await snapshot();
    expect((await fail(changeCaseCategory({ ctx: ctxFor(db, centre), input: { id: r.id, categoryId: "no-such" } }))).code).toBe("validation.failed");
    expect((await fail(changeCaseCategory({ ctx: ctxFor(db, centre), input: { id: r.id, categoryId: "flood" } }))).code).toBe("cases.category-unchanged");
    expect((await fail(changeCaseCategory({ ctx: ctxFor(db, centre), input: { id: r.id, categoryId: "road", version: 7 } }))).status).toBe(409);
    expect(await snapshot()).toBe(before);
    const due = (await getCase({ ctx: ctxFor(db, centre), input: { id: r.id } })).resolveDueAt;
    const moved = await changeCaseCategory({ ctx: at(centre, HOUR), input: { id: r.id, categoryId: "road", reasonTh: "เป็นเรื่องถนนชำรุด" } });
    expect(moved).toMatchObject({ categoryId: "road", version: 2 });
    const c = await getCase({ ctx: ctxFor(db, centre), input: { id: r.id } });
    expect([c.categoryId, c.resolveDueAt]).toEqual(["road", due]);
    const pub = await getPublicCase({ ctx: ctxFor(db, anon), input: { publicRef: r.publicRef } });
    expect(pub.timeline.at(-1)).toMatchObject({ kind: "category", visibility: "public" });
    expect(pub.timeline.at(-1)!.textTh).toContain("ถนน");
    await changeCaseCategory({ ctx: at(centre, 2 * HOUR), input: { id: r.id, categoryId: "welfare" } });
    const [row] = await db.query<{ public_search_text: string }>("select public_search_text from cases where id = $1", [r.id]);
    expect(row!.public_search_text).toBe("");
    const audit = await db.query<{ action: string }>("select action from audit_log where entity_id = $1 and action = 'cases.case.category'", [r.id]);
    expect(audit).toHaveLength(2);
  });

  it("queues by office and person, assigns (all or nothing in bulk) only to people who can handle, transfers with a reason", async () => {
    const one = await report();
    const two = await report();
    const centre = maeSai();
    const officer = dpmOfficer();
    const officerAccount = "demo-officer.health.chiangrai"; // a real demo account, but of public health: cannot handle flood cases of another office
    const queue = await listCases({ ctx: ctxFor(db, officer), input: { status: "received", pageSize: 200 } });
    expect(queue.items.map((x) => x.id)).toEqual(expect.arrayContaining([one.id, two.id]));
    expect(queue.items.every((x) => x.assignedOrg?.id === "pro:57:disaster-prevention-mitigation")).toBe(true);
    const before = await snapshot();
    expect((await fail(bulkAssignCases({ ctx: ctxFor(db, centre), input: { caseIds: [one.id, two.id], accountId: officerAccount } }))).code).toBe("validation.failed");
    expect((await fail(bulkAssignCases({ ctx: ctxFor(db, officer), input: { caseIds: [one.id], accountId: null } }))).status).toBe(403); // an officer does not assign
    expect(await snapshot()).toBe(before);
    const head = await db.query<{ id: string }>("select a.id from accounts a join grants g on g.account_id = a.id where g.scope = 'area:district:5709' and g.revoked_at is null limit 1");
    expect((await bulkAssignCases({ ctx: ctxFor(db, centre), input: { caseIds: [one.id, two.id], accountId: head[0]!.id } })).assigned).toBe(2);
    const mine = await listCases({ ctx: ctxFor(db, { ...centre, id: head[0]!.id }), input: { assignee: "me", pageSize: 200 } });
    expect(mine.items.map((x) => x.id)).toEqual(expect.arrayContaining([one.id, two.id]));
    // the queue names who has each case (staff views only; the board never carries it)
    const [{ display_name: headName }] = await db.query<{ display_name: string }>("select display_name from accounts where id = $1", [head[0]!.id]);
    expect(mine.items.filter((x) => x.id === one.id || x.id === two.id).map((x) => x.assigneeName)).toEqual([headName, headName]);
    expect((await fail(transferCase({ ctx: ctxFor(db, centre), input: { id: one.id, orgId: "pao:57", reasonTh: "ไม่" } }))).status).toBe(400);
    const t = await transferCase({ ctx: ctxFor(db, centre), input: { id: one.id, orgId: "pao:57", reasonTh: "ถนนเส้นนี้เป็นของ อบจ. ดูแล" } });
    expect(t.assignedOrgId).toBe("pao:57");
    const after = await getCase({ ctx: ctxFor(db, centre), input: { id: one.id } });
    expect([after.assigneeAccountId, after.routedBy]).toEqual([null, "staff"]);
    expect(after.timeline.at(-1)).toMatchObject({ kind: "transferred", visibility: "public", actorLabelTh: "ศูนย์ดำรงธรรมอำเภอแม่สาย" }); // who transferred, not the office it left
    // the old office lost it
    expect((await fail(getCase({ ctx: ctxFor(db, officer), input: { id: one.id } }))).status).toBe(403);
  });

  it("shows the reporter and internal notes to handlers only; readers above see the case without anyone's identity", async () => {
    const r = await report({ reporter: { name: "ชื่อลับ นามสกุลลับ", phone: "0899999999" } });
    await addCaseEvent({ ctx: ctxFor(db, maeSai()), input: { id: r.id, textTh: "ผู้แจ้งเป็นญาติของผู้ใหญ่บ้าน", visibility: "internal" } });
    await addCaseEvent({ ctx: ctxFor(db, maeSai()), input: { id: r.id, textTh: "ส่งเจ้าหน้าที่ลงพื้นที่แล้ว", visibility: "public" } });
    const handler = await getCase({ ctx: ctxFor(db, maeSai()), input: { id: r.id } });
    expect(handler.reporters?.[0]?.name).toBe("ชื่อลับ นามสกุลลับ");
    expect(handler.timeline.some((e) => e.visibility === "internal")).toBe(true);
    for (const reader of [actor("department_officer", "org:moi.ddpm"), actor("deputy_pm_office", "area:cluster:N2"), actor("pmoc_viewer", "nation")]) {
      const v = await getCase({ ctx: ctxFor(db, reader), input: { id: r.id } });
      expect(v.reporters, reader.grants[0]!.scope).toBeNull();
      expect([v.lat, v.lon]).toEqual([null, null]);
      expect(JSON.stringify(v)).not.toMatch(/ชื่อลับ|0899999999|ญาติของผู้ใหญ่บ้าน/);
    }
    const pub = JSON.stringify(await getPublicCase({ ctx: ctxFor(db, anon), input: { publicRef: r.publicRef } }));
    expect(pub).not.toMatch(/ชื่อลับ|0899999999|ญาติของผู้ใหญ่บ้าน/);
    expect(pub).toContain("ส่งเจ้าหน้าที่ลงพื้นที่แล้ว");
    expect((await fail(getCase({ ctx: ctxFor(db, actor("citizen", "nation")), input: { id: r.id } }))).status).toBe(403);
    expect((await fail(getCase({ ctx: ctxFor(db, actor("agency_officer", "org:pro:76:land")), input: { id: r.id } }))).status).toBe(403);
  });
});

describe("public board and statistics", () => {
  it("lists cases with coarsened points and redacted text, sensitive categories without text or subdistrict; counts by category and agency", async () => {
    const r = await report({ lat: 20.43123, lon: 99.88456, descriptionTh: "น้ำท่วมหน้าบ้าน โทร 0812345678 นายมานะ ขยันยิ่ง" });
    const s = await submitCase({ ctx: ctxFor(db, anon), input: { categoryId: "corruption", descriptionTh: "เจ้าหน้าที่เรียกรับเงินใต้โต๊ะที่จุดตรวจ", subdistrictCode: "570101", lat: 19.9105, lon: 99.8406, reporter: { anonymous: true }, consent: true } });
    const board = await getBoard({ ctx: ctxFor(db, anon), input: { provinceCode: "57", pageSize: 100 } });
    const item = board.items.find((x) => x.publicRef === r.publicRef)!;
    expect([item.lat, item.lon]).toEqual([20.431, 99.885]);
    expect(item.publicText).not.toMatch(/0812345678|มานะ/);
    const secret = board.items.find((x) => x.publicRef === s.publicRef)!;
    expect([secret.publicText, secret.subdistrictCode]).toEqual(["", null]);
    expect(secret.lat).not.toBe(19.9105);
    // searching the board never finds a case by what was redacted or by a sensitive case's text
    expect((await getBoard({ ctx: ctxFor(db, anon), input: { q: "0812345678" } })).items).toEqual([]);
    expect((await getBoard({ ctx: ctxFor(db, anon), input: { q: "ใต้โต๊ะ" } })).items).toEqual([]);
    expect((await getBoard({ ctx: ctxFor(db, anon), input: { q: r.publicRef } })).items.map((x) => x.publicRef)).toEqual([r.publicRef]);
    const stats = await getCaseStats({ ctx: ctxFor(db, anon), input: { provinceCode: "57", by: "category" } });
    const flood = stats.rows.find((x) => x.key === "flood")!;
    const [n] = await db.query<{ n: number; resolved: number }>("select count(*)::int as n, count(*) filter (where status in ('resolved','closed'))::int as resolved from cases where province_code = '57' and category_id = 'flood' and merged_into is null");
    expect([flood.cases, flood.resolved]).toEqual([n!.n, n!.resolved]);
    expect(flood.nameTh).toBe("น้ำท่วม");
    const agencies = await getCaseStats({ ctx: ctxFor(db, anon), input: { provinceCode: "57", by: "agency" } });
    expect(agencies.rows.find((x) => x.key === "pro:57:disaster-prevention-mitigation")?.nameTh).toBe("สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดเชียงราย");
  });

  it("counts exactly up to its cap, and beyond it says the total is capped (the web shows \"10,000+\")", async () => {
    expect(BOARD_COUNT_CAP).toBe(10_000);
    // a word only these reports carry, so that the count is theirs alone; the cap is 3 instead of 10,000
    const mark = "ฝายชะลอน้ำพังxq";
    const board = (countCap?: number) => getBoard({ ctx: ctxFor(db, anon), input: { q: mark, pageSize: 2 }, countCap });
    for (let k = 0; k < 3; k++) await report({ descriptionTh: `น้ำท่วมเพราะ ${mark} ที่หมู่ ${k + 1} ไหลเข้าบ้าน` });
    expect(await board(3)).toMatchObject({ total: 3, totalCapped: false });
    await report({ descriptionTh: `น้ำท่วมเพราะ ${mark} ที่หมู่ 4 ไหลเข้าบ้าน` });
    const over = await board(3);
    expect([over.total, over.totalCapped, over.items.length]).toEqual([3, true, 2]);
    // with the real cap, four is counted exactly
    expect(await board()).toMatchObject({ total: 4, totalCapped: false });
  });
});

describe("people and citizens", () => {
  it("lists who a case may be assigned to (its handlers), and a citizen's own cases with what they gave", async () => {
    const [c] = await db.query<{ id: string }>("select id from cases where is_demo and district_code = '5709' and status <> 'closed' limit 1");
    const people = await listAssignees({ ctx: ctxFor(db, maeSai()), input: { id: c!.id } });
    const ids = people.items.map((p) => p.id);
    expect(ids).toContain("demo-district.maesai");
    expect(ids).toContain("demo-strategy.chiangrai");
    expect(ids).not.toContain("demo-officer.health.chiangrai");
    expect(ids).not.toContain("demo-governor.ubon");
    expect((await fail(listAssignees({ ctx: ctxFor(db, actor("agency_officer", "org:pro:57:land")), input: { id: c!.id } }))).status).toBe(403);
    const mine = await listMyCases({ ctx: ctxFor(db, actor("citizen", "nation", "demo-citizen")) });
    expect(mine.items.length).toBeGreaterThanOrEqual(2);
    expect(mine.items[0]!.myReport).toMatchObject({ consentVersion: expect.any(String), anonymous: false });
    expect((await listMyCases({ ctx: ctxFor(db, actor("citizen", "nation", "someone-else")) })).items).toEqual([]);
    expect((await fail(listMyCases({ ctx: ctxFor(db, anon) }))).status).toBe(401);
  });
});

describe("the demo", () => {
  it("has cases in all five pilot provinces, a merged duplicate with two supporters, an escalated case and the Mae Sai roads rule", async () => {
    const rows = await db.query<{ province_code: string; n: number }>("select province_code, count(*)::int as n from cases where is_demo group by 1 order by 1");
    expect(rows.map((x) => x.province_code)).toEqual(["31", "34", "40", "57", "76"]);
    expect((await db.query("select 1 from cases where is_demo and support_count = 2")).length).toBe(1);
    expect((await db.query("select 1 from cases where is_demo and escalation_level > 0")).length).toBeGreaterThan(0);
    const mine = await db.query("select 1 from case_reporters r join cases c on c.id = r.case_id where c.is_demo and r.account_id = 'demo-citizen'");
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect((await db.query("select org_id from case_routing_rules where is_demo is false and area_id = 'district:5709' and category_id = 'road'"))).toEqual([{ org_id: "pao:57" }]);
  });

  it("its routing suggestions have learnt from its closed history (the nightly job, run once by the seed)", async () => {
    const models = await db.query<{ kind: string; examples: number }>("select kind, examples from case_routing_models order by kind");
    expect(models.map((m) => m.kind)).toEqual(["category", "organization"]);
    expect(models.every((m) => m.examples >= 40)).toBe(true);
    const s = await suggestRouting({ ctx: ctxFor(db, maeSai()), input: { text: "ถนนหน้าบ้านเป็นหลุมบ่อลึก รถจักรยานยนต์ล้ม" } });
    expect(s.categories.map((c) => c.id)).toContain("road");
    expect(s.categories.length).toBeGreaterThan(0);
  });
});
