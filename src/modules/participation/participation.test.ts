import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import type { Ctx } from "../../platform/ctx.js";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { demoCitizenIds } from "../accounts/index.js";
import { createKpi, kpiTargetsOf, lookupKpis } from "../performance/index.js";
import { addComment } from "./add-comment.js";
import { answerSurvey } from "./answer-survey.js";
import { checkResponseDeadlines } from "./check-response-deadlines.js";
import { closeDueSurveys } from "./close-due-surveys.js";
import { closeSurvey, tally } from "./close-survey.js";
import { getCall } from "./get-call.js";
import { getProposal } from "./get-proposal.js";
import { hideComment } from "./hide-comment.js";
import { hideProposal } from "./hide-proposal.js";
import { listCalls } from "./list-calls.js";
import { listResponseQueue } from "./list-response-queue.js";
import { responsesBySubject } from "./list-responses-by-subject.js";
import { openCall } from "./open-call.js";
import { openSurvey } from "./open-survey.js";
import { participationPersonalData } from "./personal-data.js";
import { respondToProposal } from "./respond-to-proposal.js";
import { configureParticipation } from "./rules.js";
import { DEMO_CALL_ID, DEMO_PM25_KPI } from "./seed-demo.js";
import { submitProposal } from "./submit-proposal.js";
import { supportProposal } from "./support-proposal.js";
import { unhideComment } from "./unhide-comment.js";
import { unhideProposal } from "./unhide-proposal.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const DAY = 86_400_000;
const anon: Actor = { kind: "anonymous", id: null, name: "anonymous", grants: [] };
const office = actor("strategy_officer", "area:province:57", "t-strategy-57");
const vice = actor("vice_governor", "area:province:57", "t-vice-57");
const citizens = demoCitizenIds();
const citizen = (k: number): Actor => ({ kind: "user", id: citizens[k]!, name: `c${k}`, grants: [{ role: "citizen", scope: "nation" }] });
const at = (who: Actor, ms = 0): Ctx => ({ ...ctxFor(db, who), now: () => new Date(FIXED_NOW.getTime() + ms) });
const q = async <T>(sql: string, params: unknown[] = []) => db.query<T & Record<string, unknown>>(sql, params);
const n = async (sql: string, params: unknown[] = []) => Number((await q<{ n: number }>(sql, params))[0]!.n);

let seq = 0;
/** A fresh call on the PM2.5 KPI's FY 2572 target (the demo uses 2571), with its own threshold and days. */
async function freshCall(threshold = 3, responseDays = 6, kind: "target" | "kpi" | "goal" = "target") {
  seq++;
  const subjectId = kind === "goal" ? "prov:57:goal:1.2" : DEMO_PM25_KPI;
  return openCall({ ctx: at(office), input: { provinceCode: "57", subjectKind: kind, subjectId, fiscalYear: kind === "target" ? 2572 : null, titleTh: `ร่วมกำหนดเป้าหมายทดสอบ ${seq}`, supportThreshold: threshold, responseDays, closesAt: new Date(FIXED_NOW.getTime() + 60 * DAY).toISOString() } });
}
const propose = (callId: string, k: number, extra: Partial<{ showName: boolean; titleTh: string }> = {}) => submitProposal({ ctx: at(citizen(k)), input: { callId, titleTh: extra.titleTh ?? `ข้อเสนอทดสอบที่ ${++seq}`, bodyTh: "รายละเอียดของข้อเสนอเพื่อทดสอบระบบรับฟังความคิดเห็น", showName: extra.showName ?? false } });

describe("the demo", () => {
  it("has Chiang Rai's clean-air call with an answered proposal that changed the FY 2571 target and one awaiting its answer", async () => {
    const call = await getCall({ ctx: at(anon), input: { id: DEMO_CALL_ID } });
    expect(call.subject.id).toBe(DEMO_PM25_KPI);
    const states = call.proposalsList.map((p) => p.state);
    expect(states).toContain("responded");
    expect(states).toContain("awaiting_response");
    expect(states).toContain("hidden");
    const answered = call.proposalsList.find((p) => p.state === "responded")!;
    const detail = await getProposal({ ctx: at(anon), input: { id: answered.id } });
    expect(detail.response!.changes[0]).toMatchObject({ kind: "target", applied: true, before: "54 · 46 · 38 · 31 · 25", after: "50 · 42 · 34 · 27 · 20" });
    expect((await kpiTargetsOf(ctxFor(db), DEMO_PM25_KPI, 2571))[0]!.levels).toEqual([50, 42, 34, 27, 20]);
    expect((await kpiTargetsOf(ctxFor(db), DEMO_PM25_KPI, 2570)).find((t) => t.round === 12)!.levels).toEqual([60, 50, 40, 30, 25]); // the signed FY 2570 agreement's target is untouched
    expect((await listCalls({ ctx: at(anon), input: { state: "open" } })).items.map((c) => c.provinceCode).sort()).toEqual(expect.arrayContaining(["34", "40", "57", "76"]));
    // the KPI's page and Khon Kaen's goal page both have something "changed after public input"
    const onKpi = (await responsesBySubject(ctxFor(db), DEMO_PM25_KPI)).items;
    expect(onKpi.map((r) => [r.proposalId, r.decision, r.changes.map((c) => c.after)])).toEqual([[answered.id, "partly", ["50 · 42 · 34 · 27 · 20"]]]);
    expect([onKpi[0]!.callTitleTh, onKpi[0]!.callTitleEn]).toEqual([call.titleTh, call.titleEn]);
    expect((await responsesBySubject(ctxFor(db), "prov:40:goal:1.2")).items.map((r) => [r.decision, r.changes.map((c) => [c.fieldTh, c.before, c.applied])])).toEqual([["accepted", [["ชื่อเป้าหมาย", "ความพึงพอใจของประชาชนต่อบริการดิจิทัล (ตัวอย่าง)", false]]]]);
  });
});

describe("a call's lifecycle", () => {
  it("proposal → supports → threshold fixes the deadline (calendar days, weekend rolls forward) → response that changes the KPI target", async () => {
    const { id: callId } = await freshCall(3, 6);
    const p = await propose(callId, 0, { showName: true });
    const s1 = await supportProposal({ ctx: at(citizen(1)), input: { id: p.id } });
    expect(s1).toMatchObject({ supportCount: 1, counted: true, state: "open", responseDueOn: null });
    await supportProposal({ ctx: at(citizen(2)), input: { id: p.id } });
    // the third support reaches the threshold on Sunday 22 Nov 2026 (Bangkok): day 1 is Monday the 23rd, day 6
    // is Saturday the 28th, which rolls forward to Monday 30 Nov
    const s3 = await supportProposal({ ctx: at(citizen(3)), input: { id: p.id } });
    expect(s3).toMatchObject({ supportCount: 3, counted: true, state: "awaiting_response", responseDueOn: "2026-11-30" });
    const queue = await listResponseQueue({ ctx: at(office), input: { provinceCode: "57" } });
    expect(queue.items.find((x) => x.id === p.id)).toMatchObject({ daysLeft: 8, responseDueOn: "2026-11-30" });

    const before = await kpiTargetsOf(ctxFor(db), DEMO_PM25_KPI, 2572);
    const r = await respondToProposal({ ctx: at(office, 2 * DAY), input: { id: p.id, decision: "accepted", reasoningTh: "จังหวัดรับข้อเสนอและปรับค่าเป้าหมายตามที่เสนอ", changes: [{ kind: "target", kpiId: DEMO_PM25_KPI, fiscalYear: 2572, round: 12, levels: [50, 40, 30, 20, 10] }, { kind: "text", subjectKind: "goal", subjectId: "prov:57:goal:1.2", fieldTh: "ชื่อเป้าหมาย", afterTh: "จำนวนวันที่ค่า PM2.5 เกินมาตรฐานลดลงทุกอำเภอ" }] } });
    expect(before).toEqual([]);
    expect(r.onTime).toBe(true);
    expect(r.changes).toMatchObject([
      { kind: "target", before: "", after: "50 · 40 · 30 · 20 · 10", applied: true, fiscalYear: 2572, round: 12 },
      { kind: "text", subjectKind: "goal", before: "จำนวนวันที่ค่า PM2.5 เกินมาตรฐานลดลง (ตัวอย่าง)", after: "จำนวนวันที่ค่า PM2.5 เกินมาตรฐานลดลงทุกอำเภอ", applied: false },
    ]);
    // the KPI itself changed, and its own history records it in the same request
    expect((await kpiTargetsOf(ctxFor(db), DEMO_PM25_KPI, 2572))[0]!.levels).toEqual([50, 40, 30, 20, 10]);
    const audits = await q<{ action: string; entity_id: string }>("select action, entity_id from audit_log where request_id = (select request_id from audit_log where action = 'participation.proposal.respond' and entity_id = $1)", [p.id]);
    expect(audits.map((a) => a.action).sort()).toEqual(["participation.proposal.respond", "performance.targets.set"]);
    // readers: the proposal, the KPI's "changed after public input", the call's counts
    const d = await getProposal({ ctx: at(anon), input: { id: p.id } });
    expect(d.state).toBe("responded");
    expect(d.authorName).toBe("ประชาชน 1 (ตัวอย่าง)");
    expect((await responsesBySubject(ctxFor(db), DEMO_PM25_KPI)).items.map((x) => x.proposalId)).toContain(p.id);
    expect((await responsesBySubject(ctxFor(db), "prov:57:goal:1.2")).items.map((x) => x.proposalId)).toContain(p.id);
    const call = await getCall({ ctx: at(anon), input: { id: callId } });
    expect(call).toMatchObject({ proposals: 1, supports: 3, awaitingResponse: 0, responded: 1 });
    // and the author is told
    expect(await n("select count(*)::int as n from notifications where dedupe_key = $1 and recipient = $2", [`participation-responded:${p.id}`, `user:${citizens[0]}`])).toBe(1);
    // a second response is refused
    await expect(respondToProposal({ ctx: at(office), input: { id: p.id, decision: "accepted", reasoningTh: "ตอบซ้ำอีกครั้งเพื่อทดสอบ" } })).rejects.toMatchObject({ status: 409, code: "participation.already-responded" });
  });

  it("a vice governor may answer, but a target change needs the KPI right: refused whole, nothing written", async () => {
    const { id: callId } = await freshCall(1, 10);
    const p = await propose(callId, 4);
    await supportProposal({ ctx: at(citizen(5)), input: { id: p.id } });
    const audits = await n("select count(*)::int as n from audit_log");
    await expect(respondToProposal({ ctx: at(vice), input: { id: p.id, decision: "partly", reasoningTh: "ปรับเป้าหมายบางส่วนตามข้อเสนอ", changes: [{ kind: "target", kpiId: DEMO_PM25_KPI, fiscalYear: 2573, levels: [9, 8, 7, 6, 5] }] } })).rejects.toMatchObject({ status: 403 });
    expect(await n("select count(*)::int as n from audit_log")).toBe(audits);
    expect(await kpiTargetsOf(ctxFor(db), DEMO_PM25_KPI, 2573)).toEqual([]);
    const r = await respondToProposal({ ctx: at(vice), input: { id: p.id, decision: "not_accepted", reasoningTh: "ไม่สามารถดำเนินการได้ในปีนี้ เนื่องจากงบประมาณจำกัด" } });
    expect(r).toMatchObject({ decision: "not_accepted", changes: [] });
  });

  it("citizens act only while the call is open; closing stops new proposals", async () => {
    const { id: callId } = await freshCall();
    const p = await propose(callId, 6);
    await expect(supportProposal({ ctx: at(citizen(7), 61 * DAY), input: { id: p.id } })).rejects.toMatchObject({ status: 422, code: "participation.call-closed" });
    await expect(submitProposal({ ctx: at(citizen(7), 61 * DAY), input: { callId, titleTh: "เสนอหลังปิด", bodyTh: "ข้อเสนอที่ส่งมาหลังปิดรับฟังความคิดเห็นแล้ว" } })).rejects.toMatchObject({ code: "participation.call-closed" });
  });
});

describe("one support per verified account", () => {
  it("supporting twice is idempotent: counted once, answered counted=false", async () => {
    const { id: callId } = await freshCall(100);
    const p = await propose(callId, 0);
    const a = await supportProposal({ ctx: at(citizen(8)), input: { id: p.id } });
    const b = await supportProposal({ ctx: at(citizen(8)), input: { id: p.id } });
    expect([a.counted, b.counted, b.supportCount]).toEqual([true, false, 1]);
    expect(await n("select count(*)::int as n from participation_supports where proposal_id = $1", [p.id])).toBe(1);
  });

  it("under concurrent supports (each account three times at once) the count equals the distinct accounts", async () => {
    const { id: callId } = await freshCall(100);
    const p = await propose(callId, 0);
    const who = [10, 11, 12, 13, 14, 15];
    const results = await Promise.all(who.flatMap((k) => [0, 1, 2].map(() => supportProposal({ ctx: at(citizen(k)), input: { id: p.id } }))));
    expect(results.filter((r) => r.counted).length).toBe(who.length);
    const d = await getProposal({ ctx: at(anon), input: { id: p.id } });
    expect(d.supportCount).toBe(who.length);
    expect(await n("select count(*)::int as n from participation_supports where proposal_id = $1", [p.id])).toBe(who.length);
  });

  it("an unverified account may read and propose but not support: a clear, stable reason; nothing written", async () => {
    await db.exec("insert into accounts (id, username, display_name, email, password_hash) values ('t-unverified', 't-unverified', 'ยังไม่ยืนยัน', 'unverified@example.invalid', 'x') on conflict do nothing");
    const u: Actor = { kind: "user", id: "t-unverified", name: "u", grants: [{ role: "citizen", scope: "nation" }] };
    const { id: callId } = await freshCall();
    const p = await propose(callId, 0);
    const before = await n("select count(*)::int as n from participation_supports");
    const e = await supportProposal({ ctx: at(u), input: { id: p.id } }).catch((x) => x);
    expect(e).toMatchObject({ status: 403, code: "participation.account-not-verified" });
    expect(e.messageTh).toContain("ยืนยันอีเมล");
    expect(await n("select count(*)::int as n from participation_supports")).toBe(before);
    const view = await getCall({ ctx: at(u), input: { id: callId } });
    expect(view.viewer).toMatchObject({ loggedIn: true, canTakePart: true, verified: false, supportBlockedCode: "participation.account-not-verified" });
    expect((await getCall({ ctx: at(anon), input: { id: callId } })).viewer.supportBlockedCode).toBe("auth.required");
    await expect(supportProposal({ ctx: at(anon), input: { id: p.id } })).rejects.toMatchObject({ status: 401 });
  });
});

describe("deadlines with a fake clock", () => {
  it("notifies the governor's office before the deadline, flags and escalates once overdue; each once", async () => {
    const { id: callId } = await freshCall(1, 6);
    const p = await propose(callId, 20);
    const s = await supportProposal({ ctx: at(citizen(21)), input: { id: p.id } });
    expect(s.responseDueOn).toBe("2026-11-30");
    const job = (ms: number) => checkResponseDeadlines({ ctx: at({ kind: "system", id: null, name: "system", grants: [{ role: "administrator", scope: "nation" }] }, ms) });
    await job(2 * DAY); // 24 Nov: 6 days left, nothing yet
    expect(await n("select count(*)::int as n from notifications where entity_id = $1", [p.id])).toBe(0);
    await job(5 * DAY); // 27 Nov: 3 days left
    await job(5 * DAY + 3600_000);
    expect(await n("select count(*)::int as n from notifications where dedupe_key = $1 and recipient = 'area:province:57'", [`participation-due-soon:${p.id}`])).toBe(1);
    await job(8 * DAY); // 30 Nov: the last day, still in time
    expect((await getProposal({ ctx: at(anon), input: { id: p.id } })).state).toBe("awaiting_response");
    const r = await job(9 * DAY); // 1 Dec: overdue
    expect(r.overdue).toBeGreaterThanOrEqual(1);
    expect((await job(9 * DAY + 3600_000)).overdue).toBe(0);
    expect(await n("select count(*)::int as n from notifications where dedupe_key = $1", [`participation-overdue:${p.id}`])).toBe(1);
    expect(await n("select count(*)::int as n from audit_log where action = 'participation.proposal.overdue' and entity_id = $1", [p.id])).toBe(1);
    expect((await getProposal({ ctx: at(anon, 9 * DAY), input: { id: p.id } })).state).toBe("overdue");
    // answering late is still possible, and says it was late
    const late = await respondToProposal({ ctx: at(office, 10 * DAY), input: { id: p.id, decision: "accepted", reasoningTh: "ขออภัยที่ตอบล่าช้า จังหวัดรับข้อเสนอนี้" } });
    expect(late.onTime).toBe(false);
  });
});

describe("satisfaction surveys feed the KPI", () => {
  it("verified citizens answer once; closing records mean, respondents and spread as the KPI's verified result", async () => {
    const kpiId = `t-sat-${Date.now()}`;
    await createKpi({ ctx: at(office), input: { id: kpiId, code: `57-T-${seq++}`, nameTh: "ความพึงพอใจทดสอบ", unit: "คะแนน", direction: "higher", level: "provincial", provinceCode: "57", frequency: "quarterly", ownerOrgId: "pro:57:provincial-office" } });
    const sv = await openSurvey({ ctx: at(office), input: { provinceCode: "57", kpiId, questionTh: "พึงพอใจบริการมากน้อยเพียงใด", periodEnd: "2026-12-31", closesAt: new Date(FIXED_NOW.getTime() + 7 * DAY).toISOString() } });
    for (const [k, score] of [4, 5, 3].entries()) await answerSurvey({ ctx: at(citizen(30 + k)), input: { id: sv.id, score } });
    await expect(answerSurvey({ ctx: at(citizen(30)), input: { id: sv.id, score: 1 } })).rejects.toMatchObject({ status: 409, code: "participation.already-answered" });
    await expect(answerSurvey({ ctx: at(citizen(31)), input: { id: sv.id, score: 6 } })).rejects.toMatchObject({ status: 400 });
    const closed = await closeSurvey({ ctx: at(office), input: { id: sv.id } });
    expect(closed.result).toMatchObject({ mean: 4, sd: 1, respondents: 3, distribution: [0, 0, 1, 1, 1], recordedAs: "verified" });
    expect((await lookupKpis(ctxFor(db), [kpiId])).get(kpiId)!.latest).toEqual({ periodEnd: "2026-12-31", value: 4 });
    await expect(answerSurvey({ ctx: at(citizen(33)), input: { id: sv.id, score: 2 } })).rejects.toMatchObject({ code: "participation.survey-closed" });
  });

  it("the job closes a due survey; the platform's result waits for the strategy office's verification", async () => {
    const kpiId = `t-sat-job-${Date.now()}`;
    await createKpi({ ctx: at(office), input: { id: kpiId, code: `57-T-${seq++}`, nameTh: "ความพึงพอใจทดสอบ 2", unit: "คะแนน", direction: "higher", level: "provincial", provinceCode: "57", frequency: "quarterly", ownerOrgId: "pro:57:provincial-office" } });
    const sv = await openSurvey({ ctx: at(office), input: { provinceCode: "57", kpiId, questionTh: "พึงพอใจบริการมากน้อยเพียงใด", periodEnd: "2026-12-31", closesAt: new Date(FIXED_NOW.getTime() + DAY).toISOString() } });
    await answerSurvey({ ctx: at(citizen(34)), input: { id: sv.id, score: 2 } });
    await answerSurvey({ ctx: at(citizen(35)), input: { id: sv.id, score: 3 } });
    const system: Actor = { kind: "system", id: null, name: "system", grants: [{ role: "administrator", scope: "nation" }] };
    expect((await closeDueSurveys({ ctx: at(system, DAY / 2) })).closed).toBe(0);
    await closeDueSurveys({ ctx: at(system, 2 * DAY) });
    const [row] = await q<{ recorded_as: string; status: string; value: number }>("select s.recorded_as, m.status, m.value from participation_surveys s join measurements m on m.id = s.measurement_id where s.id = $1", [sv.id]);
    expect(row).toMatchObject({ recorded_as: "submitted", status: "submitted", value: 2.5 });
    expect(await n("select count(*)::int as n from notifications where dedupe_key = $1", [`participation-survey-verify:${sv.id}`])).toBe(1);
    expect(tally([])).toMatchObject({ respondents: 0, mean: null });
  });
});

describe("moderation", () => {
  it("the office hides a proposal and a comment with a reason (audited); the public sees only the reason", async () => {
    const { id: callId } = await freshCall();
    const p = await propose(callId, 22, { titleTh: "โฆษณาขายของที่ไม่เกี่ยวข้อง" });
    const cm = await addComment({ ctx: at(citizen(23)), input: { proposalId: p.id, bodyTh: "ข้อความหยาบคายที่ควรซ่อน" } });
    await expect(hideProposal({ ctx: at(citizen(23)), input: { id: p.id, reasonTh: "ไม่เหมาะสม" } })).rejects.toMatchObject({ status: 403 });
    await hideComment({ ctx: at(office), input: { id: cm.id, reasonTh: "ใช้ถ้อยคำไม่สุภาพ" } });
    await hideProposal({ ctx: at(office), input: { id: p.id, reasonTh: "เป็นการโฆษณาสินค้า" } });
    const d = await getProposal({ ctx: at(anon), input: { id: p.id } });
    expect(d).toMatchObject({ state: "hidden", titleTh: "", bodyTh: "", hiddenReasonTh: "เป็นการโฆษณาสินค้า" });
    expect(d.commentsList[0]).toMatchObject({ bodyTh: "", hiddenReasonTh: "ใช้ถ้อยคำไม่สุภาพ" });
    expect(JSON.stringify(d)).not.toContain("โฆษณาขายของ");
    expect(await n("select count(*)::int as n from audit_log where action in ('participation.proposal.hide', 'participation.comment.hide') and entity_id = $1", [p.id])).toBe(2);
    await expect(supportProposal({ ctx: at(citizen(24)), input: { id: p.id } })).rejects.toMatchObject({ code: "participation.proposal-hidden" });
  });

  it("the office puts a hidden proposal and comment back with a reason (audited, same right as hiding); the public reads them again", async () => {
    const { id: callId } = await freshCall();
    const p = await propose(callId, 36, { titleTh: "ข้อเสนอที่ถูกซ่อนโดยไม่ตั้งใจ" });
    const cm = await addComment({ ctx: at(citizen(37)), input: { proposalId: p.id, bodyTh: "ความเห็นที่ถูกซ่อนผิดพลาด" } });
    await hideComment({ ctx: at(office), input: { id: cm.id, reasonTh: "ซ่อนผิดรายการ" } });
    await hideProposal({ ctx: at(office), input: { id: p.id, reasonTh: "เข้าใจผิดว่าเป็นโฆษณา" } });
    await expect(unhideProposal({ ctx: at(citizen(36)), input: { id: p.id, reasonTh: "ขอให้แสดง" } })).rejects.toMatchObject({ status: 403 });
    await expect(unhideProposal({ ctx: at(office), input: { id: p.id, reasonTh: "" } })).rejects.toMatchObject({ status: 400, code: "validation.failed" });
    expect(await unhideProposal({ ctx: at(office), input: { id: p.id, reasonTh: "ตรวจสอบแล้วไม่ใช่โฆษณา" } })).toEqual({ id: p.id, hidden: false });
    expect(await unhideComment({ ctx: at(vice), input: { id: cm.id, reasonTh: "ตรวจสอบแล้วสุภาพ" } })).toEqual({ id: cm.id, hidden: false });
    const d = await getProposal({ ctx: at(anon), input: { id: p.id } });
    expect(d).toMatchObject({ state: "open", titleTh: "ข้อเสนอที่ถูกซ่อนโดยไม่ตั้งใจ", hiddenReasonTh: null });
    expect(d.commentsList[0]).toMatchObject({ bodyTh: "ความเห็นที่ถูกซ่อนผิดพลาด", hiddenReasonTh: null });
    const audits = await q<{ action: string; before: { hiddenReasonTh: string }; after: { unhideReasonTh: string } }>("select action, before, after from audit_log where action like 'participation.%.unhide' and entity_id = $1 order by id", [p.id]);
    expect(audits.map((a) => [a.action, a.before.hiddenReasonTh, a.after.unhideReasonTh])).toEqual([
      ["participation.proposal.unhide", "เข้าใจผิดว่าเป็นโฆษณา", "ตรวจสอบแล้วไม่ใช่โฆษณา"],
      ["participation.comment.unhide", "ซ่อนผิดรายการ", "ตรวจสอบแล้วสุภาพ"],
    ]);
    // unhiding what is not hidden is refused with a stable code, nothing written
    const before = await n("select count(*)::int as n from audit_log");
    await expect(unhideProposal({ ctx: at(office), input: { id: p.id, reasonTh: "แสดงอีกครั้ง" } })).rejects.toMatchObject({ status: 422, code: "participation.not-hidden" });
    await expect(unhideComment({ ctx: at(office), input: { id: cm.id, reasonTh: "แสดงอีกครั้ง" } })).rejects.toMatchObject({ status: 422, code: "participation.not-hidden" });
    await expect(unhideComment({ ctx: at(office), input: { id: "nope", reasonTh: "แสดงอีกครั้ง" } })).rejects.toMatchObject({ status: 404, code: "participation.comment.not-found" });
    expect(await n("select count(*)::int as n from audit_log")).toBe(before);
    // it takes part again
    expect((await supportProposal({ ctx: at(citizen(38)), input: { id: p.id } })).counted).toBe(true);
  });

  it("an answered proposal is part of the record: hiding it is refused (409, stable code), nothing written; its comments may still be hidden", async () => {
    const { id: callId } = await freshCall(1, 10);
    const p = await propose(callId, 39);
    const cm = await addComment({ ctx: at(citizen(0)), input: { proposalId: p.id, bodyTh: "ความเห็นบนข้อเสนอที่ตอบแล้ว" } });
    await respondToProposal({ ctx: at(office), input: { id: p.id, decision: "not_accepted", reasoningTh: "ยังไม่สามารถดำเนินการได้ในปีงบประมาณนี้" } });
    const before = await n("select count(*)::int as n from audit_log");
    const e = await hideProposal({ ctx: at(office), input: { id: p.id, reasonTh: "ไม่ต้องการให้แสดง" } }).catch((x) => x);
    expect(e).toMatchObject({ status: 409, code: "participation.responded-not-hideable" });
    expect(e.messageTh && e.messageEn).toBeTruthy();
    expect(await n("select count(*)::int as n from audit_log")).toBe(before);
    expect((await getProposal({ ctx: at(anon), input: { id: p.id } })).state).toBe("responded");
    await hideComment({ ctx: at(office), input: { id: cm.id, reasonTh: "ไม่เกี่ยวข้องกับข้อเสนอ" } });
  });

  it("rate-limits proposals and comments per account (configurable)", async () => {
    configureParticipation({ proposalsPerDay: 2, commentsPerHour: 1 });
    try {
      const { id: callId } = await freshCall();
      await propose(callId, 25);
      await propose(callId, 25);
      await expect(propose(callId, 25)).rejects.toMatchObject({ status: 429, code: "participation.proposal-rate-limited" });
      const p = await propose(callId, 26);
      await addComment({ ctx: at(citizen(25)), input: { proposalId: p.id, bodyTh: "ความเห็นแรก" } });
      await expect(addComment({ ctx: at(citizen(25)), input: { proposalId: p.id, bodyTh: "ความเห็นที่สอง" } })).rejects.toMatchObject({ status: 429, code: "participation.comment-rate-limited" });
      await addComment({ ctx: at(citizen(25), 2 * 3600_000), input: { proposalId: p.id, bodyTh: "ความเห็นสองชั่วโมงต่อมา" } });
    } finally {
      configureParticipation({ proposalsPerDay: 5, commentsPerHour: 20 });
    }
  });
});

describe("bad input changes nothing", () => {
  it("answers 4xx with a stable code and Thai + English messages, and writes nothing", async () => {
    const { id: callId } = await freshCall();
    const p = await propose(callId, 27);
    const snap = async () => (await q<{ h: string }>("select (select count(*) from participation_calls) || '/' || (select count(*) from participation_proposals) || '/' || (select count(*) from participation_supports) || '/' || (select count(*) from participation_comments) || '/' || (select count(*) from participation_responses) || '/' || (select count(*) from participation_surveys) || '/' || (select count(*) from audit_log) || '/' || (select count(*) from kpi_targets) as h"))[0]!.h;
    const before = await snap();
    const bad: [string, () => Promise<unknown>, number, string][] = [
      ["call on another province's KPI", () => openCall({ ctx: at(office), input: { provinceCode: "57", subjectKind: "kpi", subjectId: "demo-kpi-76-1", titleTh: "ผิดจังหวัด" } }), 400, "validation.failed"],
      ["call on a target without a year", () => openCall({ ctx: at(office), input: { provinceCode: "57", subjectKind: "target", subjectId: DEMO_PM25_KPI, titleTh: "ไม่มีปี" } }), 400, "validation.failed"],
      ["call closing in the past", () => openCall({ ctx: at(office), input: { provinceCode: "57", subjectKind: "kpi", subjectId: DEMO_PM25_KPI, titleTh: "ปิดไปแล้ว", closesAt: "2020-01-01T00:00:00Z" } }), 400, "validation.failed"],
      ["empty proposal", () => submitProposal({ ctx: at(citizen(28)), input: { callId, titleTh: "", bodyTh: "สั้น" } }), 400, "validation.failed"],
      ["unknown call", () => submitProposal({ ctx: at(citizen(28)), input: { callId: "nope", titleTh: "ข้อเสนอ", bodyTh: "รายละเอียดของข้อเสนอที่ยาวพอ" } }), 404, "participation.call.not-found"],
      ["unknown proposal", () => supportProposal({ ctx: at(citizen(28)), input: { id: "nope" } }), 404, "participation.proposal.not-found"],
      ["targets out of order", () => respondToProposal({ ctx: at(office), input: { id: p.id, decision: "accepted", reasoningTh: "ปรับเป้าหมายตามข้อเสนอ", changes: [{ kind: "target", kpiId: DEMO_PM25_KPI, fiscalYear: 2574, levels: [1, 2, 3, 4, 5] }] } }), 400, "validation.failed"],
      ["a change to another province's KPI", () => respondToProposal({ ctx: at(office), input: { id: p.id, decision: "accepted", reasoningTh: "ปรับเป้าหมายตามข้อเสนอ", changes: [{ kind: "target", kpiId: "demo-kpi-76-1", fiscalYear: 2574, levels: [10, 20, 30, 40, 50] }] } }), 400, "validation.failed"],
      ["a decision that is not one", () => respondToProposal({ ctx: at(office), input: { id: p.id, decision: "maybe" as never, reasoningTh: "ไม่ชัดเจนว่าจะทำอย่างไร" } }), 400, "validation.failed"],
      ["survey on an unknown KPI", () => openSurvey({ ctx: at(office), input: { provinceCode: "57", kpiId: "nope", questionTh: "คำถามทดสอบ", periodEnd: "2026-12-31", closesAt: "2027-01-01T00:00:00Z" } }), 400, "validation.failed"],
      ["hide without a reason", () => hideProposal({ ctx: at(office), input: { id: p.id, reasonTh: "" } }), 400, "validation.failed"],
    ];
    for (const [name, run, status, code] of bad) {
      const e = (await run().then(() => null, (x) => x)) as { status: number; code: string; messageTh: string; messageEn: string } | null;
      expect(e, name).not.toBeNull();
      expect([e!.status, e!.code], name).toEqual([status, code]);
      expect(e!.messageTh && e!.messageEn, name).toBeTruthy();
    }
    expect(await snap()).toBe(before);
  });
});

describe("my data (PDPA right of access)", () => {
  it("returns what the account wrote, supported and answered — its own only", async () => {
    const call = await freshCall(50);
    const mine = await propose(call.id, 30, { titleTh: "ข้อเสนอสำหรับทดสอบข้อมูลของฉัน" });
    await supportProposal({ ctx: at(citizen(31)), input: { id: mine.id } });
    await addComment({ ctx: at(citizen(31)), input: { proposalId: mine.id, bodyTh: "เห็นด้วยกับข้อเสนอนี้ เพื่อสุขภาพของเด็ก" } });
    const [author, supporter] = [await participationPersonalData(at(anon), citizens[30]!), await participationPersonalData(at(anon), citizens[31]!)];
    const rows = (d: typeof author, key: string) => d.find((s) => s.key === key)!.rows;
    expect(rows(author, "participation.proposals").map((r) => r.title)).toContain("ข้อเสนอสำหรับทดสอบข้อมูลของฉัน");
    expect(rows(supporter, "participation.proposals").map((r) => r.proposalId)).not.toContain(mine.id);
    expect(rows(supporter, "participation.supports").map((r) => r.proposalId)).toContain(mine.id);
    expect(rows(supporter, "participation.comments").map((r) => r.text)).toContain("เห็นด้วยกับข้อเสนอนี้ เพื่อสุขภาพของเด็ก");
    expect(rows(author, "participation.comments").map((r) => r.proposalId)).not.toContain(mine.id);
  });
});
