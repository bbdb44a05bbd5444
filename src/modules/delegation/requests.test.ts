import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, type Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import type { Ctx } from "../../platform/ctx.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { expectAll } from "../../../test/expect-all.js";
import { checkAuthority } from "./index.js";
import type { CreateRequestInput } from "./contracts-requests.js";
import { createDelegation } from "./create-delegation.js";
import { createPower } from "./create-power.js";
import { createRequest } from "./create-request.js";
import { getRequest } from "./get-request.js";
import { listRequests } from "./list-requests.js";
import { recordCabinetDecision } from "./record-cabinet-decision.js";
import { REQUEST_STAGE_DAYS } from "./requests-rules.js";
import { reviewRequestMoi } from "./review-request-moi.js";
import { reviewRequestOpdc } from "./review-request-opdc.js";
import { submitRequest } from "./submit-request.js";
import { updateRequest } from "./update-request.js";
import { withdrawRequest } from "./withdraw-request.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

// the clock is fixed at 22 Nov 2026, 10:00 Bangkok; a step "on" another day runs at 10:00 Bangkok that day
const TODAY = "2026-11-22";
const at = (who: Actor, date: string): Ctx => ({ ...ctxFor(db, who), now: () => new Date(`${date}T10:00:00+07:00`) });
const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);

const admin = actor("administrator", "nation", "t-admin");
const govKK = actor("governor", "area:province:40", "t-gov-40");
const stratKK = actor("strategy_officer", "area:province:40", "t-str-40");
const viceKK = actor("vice_governor", "area:province:40", "t-vice-40");
const govCR = actor("governor", "area:province:57", "t-gov-57");
const moi = actor("ministry_officer", "org:moi", "t-moi");
const moi2 = actor("ministry_officer", "org:moi", "t-moi-2");
const mof = actor("ministry_officer", "org:mof", "t-mof");
const dol = actor("department_officer", "org:moi.dol", "t-dol");
const opdc = actor("opdc_evaluator", "nation", "t-opdc");
const opdcKK = actor("opdc_evaluator", "area:province:40", "t-opdc-40");
const opdcCR = actor("opdc_evaluator", "area:province:57", "t-opdc-57");
const pmoc = actor("pmoc_viewer", "nation", "t-pmoc");
const citizen = actor("citizen", "nation", "t-citizen");

let seq = 0;
/** Each test asks for its own power (so no two tests share an open request). */
async function newPower(over: Record<string, unknown> = {}) {
  const code = `P-RQ-${String(++seq).padStart(3, "0")}`;
  return createPower({ ctx: ctxFor(db, admin), input: { code, area: "commands-permits", nameTh: `อำนาจทดสอบคำขอ ${seq}`, nameEn: `Request test power ${seq}`, legalBasisTh: "ประมวลกฎหมายที่ดิน มาตรา 9", centralOrgId: "moi.dol", isPermit: true, slaDaysDelegated: 15, slaDaysCentral: 60, ...over } });
}
const complete = (powerCode: string, over: Partial<CreateRequestInput> = {}): CreateRequestInput => ({
  provinceCode: "40",
  powerCode,
  yearlyVolume: 300,
  centralTurnaroundDays: 90,
  expectedTurnaroundDays: 30,
  benefitTh: "ประชาชนได้รับอนุญาตเร็วขึ้น 60 วัน",
  amountCap: 2_000_000,
  conditionsTh: "ต้องมีความเห็นของท้องถิ่น",
  maySubdelegate: true,
  ...over,
});
/** A request of Khon Kaen brought to a stage, each step on its own day. */
async function requestAt(stage: "draft" | "submitted" | "moi-forwarded" | "opdc-recommended" | "returned", over: Partial<CreateRequestInput> = {}) {
  const p = await newPower();
  const r = await createRequest({ ctx: at(stratKK, "2026-10-01"), input: complete(p.code, over) });
  if (stage === "draft") return r;
  const s = await submitRequest({ ctx: at(stratKK, "2026-10-02"), input: { id: r.id } });
  if (stage === "submitted") return s;
  if (stage === "returned") return reviewRequestMoi({ ctx: at(moi, "2026-10-10"), input: { id: r.id, decision: "return", comment: "ขอข้อมูลเพิ่ม" } });
  const f = await reviewRequestMoi({ ctx: at(moi, "2026-10-10"), input: { id: r.id, decision: "forward" } });
  if (stage === "moi-forwarded") return f;
  return reviewRequestOpdc({ ctx: at(opdc, "2026-11-01"), input: { id: r.id, decision: "recommend", opinion: "support" } });
}

/** Every row of the tables a request touches: proves a refused call wrote nothing. */
async function state(): Promise<string> {
  const out: string[] = [];
  for (const t of ["delegation_requests", "delegation_request_events", "delegations", "audit_log"]) {
    const [r] = await db.query<{ n: string; h: string }>(`select count(*)::text as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`);
    out.push(`${t}=${r!.n}:${r!.h}`);
  }
  return out.join(" ");
}
const auditOf = async (id: string) => db.query<{ action: string; actor_id: string; before: unknown; after: Record<string, unknown> }>("select action, actor_id, before, after from audit_log where entity_type = 'delegation-request' and entity_id = $1 order by id", [id]);

describe("the whole path: draft → MOI → OPDC → Cabinet → approved, and the instrument it creates", () => {
  it("each step moves the status, sets the next holder's due date, writes an event and an audit record", async () => {
    const p = await newPower();
    const draft = await createRequest({ ctx: at(stratKK, "2026-10-20"), input: complete(p.code, { benefitTh: "" }) });
    expect(draft).toMatchObject({ status: "draft", holder: "province", stageDueOn: null, overdue: false, version: 1, provinceNameTh: "ขอนแก่น", powerNameTh: p.nameTh, centralOrgNameTh: "กรมที่ดิน", amountCap: "2000000.00", titleTh: `ขอรับมอบอำนาจ: ${p.nameTh}`, citizenDaysSavedPerYear: 18_000, createdByName: "t-str-40" });

    const edited = await updateRequest({ ctx: at(govKK, "2026-10-25"), input: { id: draft.id, benefitTh: "ประชาชนได้รับอนุญาตภายใน 30 วัน แทน 90 วัน", expectedVersion: 1 } });
    expect(edited).toMatchObject({ status: "draft", version: 2 });
    // a save that changes nothing writes nothing
    const before = await state();
    expect((await updateRequest({ ctx: at(govKK, "2026-10-25"), input: { id: draft.id, yearlyVolume: 300 } })).version).toBe(2);
    expect(await state()).toBe(before);

    const sub = await submitRequest({ ctx: at(stratKK, "2026-11-02"), input: { id: draft.id, expectedVersion: 2 } });
    expect(sub).toMatchObject({ status: "submitted", holder: "moi", stageDueOn: "2026-12-02", version: 3 });
    const fwd = await reviewRequestMoi({ ctx: at(moi, "2026-11-10"), input: { id: draft.id, decision: "forward", comment: "เห็นควรสนับสนุน", expectedVersion: 3 } });
    expect(fwd).toMatchObject({ status: "moi-forwarded", holder: "opdc", stageDueOn: "2026-12-25" });
    const rec = await reviewRequestOpdc({ ctx: at(opdc, "2026-11-15"), input: { id: draft.id, decision: "recommend", opinion: "support", comment: "สนับสนุน" } });
    expect(rec).toMatchObject({ status: "opdc-recommended", holder: "cabinet", stageDueOn: "2027-01-14", opdcOpinion: "support" });

    const done = await recordCabinetDecision({ ctx: ctxFor(db, admin), input: { id: draft.id, decision: "approve", cabinetDate: "2026-11-17", resolutionNo: "นร 0505/ว 501", effectiveFrom: "2026-12-01", expectedVersion: 5 } });
    expect(done).toMatchObject({ status: "approved", holder: null, stageDueOn: null, overdue: false, cabinetDate: "2026-11-17", cabinetResolutionNo: "นร 0505/ว 501", effectiveFrom: "2026-12-01", effectiveTo: null, version: 6 });
    expect(done.instrument).toMatchObject({
      powerCode: p.code,
      parentId: null,
      delegatorOrgId: "moi.dol",
      delegatorLabelTh: "กรมที่ดิน",
      delegateRole: "governor",
      delegateLabelTh: "ผู้ว่าราชการจังหวัดขอนแก่น",
      provinceCode: "40",
      amountCap: "2000000.00",
      conditionsTh: "ต้องมีความเห็นของท้องถิ่น",
      maySubdelegate: true,
      instrumentNo: "มติคณะรัฐมนตรี นร 0505/ว 501",
      instrumentDate: "2026-11-17",
      effectiveFrom: "2026-12-01",
      requestId: draft.id,
      status: "not-yet",
    });

    const detail = await getRequest({ ctx: ctxFor(db, govKK), input: { id: draft.id } });
    expect(detail.events.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorName])).toEqual([
      ["create", null, "draft", "t-str-40"],
      ["update", "draft", "draft", "t-gov-40"],
      ["submit", "draft", "submitted", "t-str-40"],
      ["moi-forward", "submitted", "moi-forwarded", "t-moi"],
      ["opdc-recommend", "moi-forwarded", "opdc-recommended", "t-opdc"],
      ["cabinet-approve", "opdc-recommended", "approved", "t-admin"],
    ]);
    expect(detail.events[0]!.at).toBe("2026-10-20T03:00:00.000Z");
    expect(detail.events[3]!.commentTh).toBe("เห็นควรสนับสนุน");
    expect(detail.events[4]!.details).toEqual({ opinion: "support" });
    expect(detail.events[5]!.details).toMatchObject({ cabinetDate: "2026-11-17", resolutionNo: "นร 0505/ว 501", effectiveFrom: "2026-12-01" });
    expect(detail.instruments.map((d) => d.id)).toEqual([done.instrument!.id]);
    expect(detail.may).toEqual({ update: false, submit: false, withdraw: false, reviewMoi: false, reviewOpdc: false, recordCabinet: false });
    // today (22 Nov) the matter is still central: the instrument is in force from 1 December
    expect(detail.authorityToday).toMatchObject({ decision: "central", date: TODAY });
    expect(detail.authorityToday.notApplicable.map((n) => n.reason)).toEqual(["not-yet-effective"]);

    const audit = await auditOf(draft.id);
    expect(audit.map((a) => `${a.action}:${a.actor_id}`)).toEqual([
      "delegation.request.create:t-str-40",
      "delegation.request.update:t-gov-40",
      "delegation.request.submit:t-str-40",
      "delegation.request.moi-forward:t-moi",
      "delegation.request.opdc-recommend:t-opdc",
      "delegation.request.cabinet-approve:t-admin",
    ]);
    expect(audit[1]).toMatchObject({ before: { status: "draft", version: 1, benefitTh: "" }, after: { status: "draft", version: 2, benefitTh: "ประชาชนได้รับอนุญาตภายใน 30 วัน แทน 90 วัน" } });
    const made = await db.query<{ action: string; actor_id: string }>("select action, actor_id from audit_log where entity_type = 'delegation' and entity_id = $1", [done.instrument!.id]);
    expect(made).toEqual([{ action: "delegation.instrument.create", actor_id: "t-admin" }]);
  });

  it("approval makes the authority check answer 'delegated' from effectiveFrom on, 'central' the day before", async () => {
    const r = await requestAt("opdc-recommended", { amountCap: 500_000 });
    const ask = (date: string, amount?: number) => checkAuthority({ ctx: ctxFor(db), input: { powerCode: r.powerCode, provinceCode: "40", date, amount } });
    expect((await ask("2026-11-20")).decision).toBe("central");
    // recorded by OPDC, who holds no delegation:instrument.write: the instrument is still issued
    const done = await recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: r.id, decision: "approve", cabinetDate: "2026-11-17", resolutionNo: "นร 0505/ว 502", effectiveFrom: "2026-11-20", effectiveTo: "2028-09-30" } });
    expect(done.instrument).toMatchObject({ effectiveFrom: "2026-11-20", effectiveTo: "2028-09-30", status: "in-force", amountCap: "500000.00" });
    expect((await ask("2026-11-19")).decision).toBe("central");
    const on = await ask("2026-11-20", 400_000);
    expect(on.decision).toBe("delegated");
    expect(on.deciders.map((d) => [d.delegationId, d.labelTh, d.chain[0]!.instrumentNo])).toEqual([[done.instrument!.id, "ผู้ว่าราชการจังหวัดขอนแก่น", "มติคณะรัฐมนตรี นร 0505/ว 502"]]);
    expect((await ask(TODAY, 600_000)).decision).toBe("central"); // over the cap asked for
    expect((await ask("2028-10-01")).decision).toBe("central");
    // without an effectiveFrom the instrument takes effect on the Cabinet's date
    const r2 = await requestAt("opdc-recommended");
    const d2 = await recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: r2.id, decision: "approve", cabinetDate: "2026-11-18", resolutionNo: "นร 0505/ว 503" } });
    expect(d2).toMatchObject({ effectiveFrom: "2026-11-18" });
    expect(d2.instrument).toMatchObject({ effectiveFrom: "2026-11-18", instrumentDate: "2026-11-18" });
    const ask2 = (date: string) => checkAuthority({ ctx: ctxFor(db), input: { powerCode: r2.powerCode, provinceCode: "40", date } });
    expect([(await ask2("2026-11-17")).decision, (await ask2("2026-11-18")).decision]).toEqual(["central", "delegated"]);
    // and once delegated, the province cannot ask for the same power again
    const again = await createRequest({ ctx: ctxFor(db, govKK), input: complete(r2.powerCode) });
    expect((await fail(submitRequest({ ctx: ctxFor(db, govKK), input: { id: again.id } }))).code).toBe("delegation.request.already-delegated");
  });
});

describe("returns, resubmission, rejection and withdrawal", () => {
  it("MOI and OPDC return the request with a comment; the province revises and resubmits it to MOI", async () => {
    const r = await requestAt("submitted");
    const e = await fail(reviewRequestMoi({ ctx: at(moi, "2026-10-10"), input: { id: r.id, decision: "return" } }));
    expect(e).toMatchObject({ status: 400, code: "validation.failed" });
    expect(e.fields?.map((f) => f.path)).toEqual(["comment"]);
    const ret = await reviewRequestMoi({ ctx: at(moi, "2026-10-10"), input: { id: r.id, decision: "return", comment: "ขอให้ระบุปริมาณงานย้อนหลัง 3 ปี" } });
    expect(ret).toMatchObject({ status: "returned", holder: "province", returnedStage: "moi", stageDueOn: "2026-11-09", overdue: false });
    // views are as of the caller's today: on 22 November the province is 13 days late
    expect(await getRequest({ ctx: ctxFor(db, govKK), input: { id: r.id } })).toMatchObject({ overdue: true, daysOverdue: 13 });
    const revised = await updateRequest({ ctx: at(stratKK, "2026-10-12"), input: { id: r.id, yearlyVolume: 320, justificationTh: "สถิติ 3 ปี: 280, 300, 320" } });
    expect(revised).toMatchObject({ status: "returned", stageDueOn: "2026-11-09" }); // an edit does not move the due date
    const again = await submitRequest({ ctx: at(stratKK, "2026-10-13"), input: { id: r.id } });
    expect(again).toMatchObject({ status: "submitted", holder: "moi", returnedStage: null, stageDueOn: "2026-11-12", yearlyVolume: 320 });
    await reviewRequestMoi({ ctx: at(moi, "2026-10-20"), input: { id: r.id, decision: "forward" } });
    const opdcRet = await reviewRequestOpdc({ ctx: at(opdc, "2026-11-20"), input: { id: r.id, decision: "return", comment: "ขอแนวทางกำกับดูแล" } });
    expect(opdcRet).toMatchObject({ status: "returned", returnedStage: "opdc", stageDueOn: "2026-12-20", overdue: false, daysOverdue: 0, opdcOpinion: null });
    const third = await submitRequest({ ctx: ctxFor(db, govKK), input: { id: r.id } });
    expect(third).toMatchObject({ status: "submitted", holder: "moi", stageDueOn: "2026-12-22" });
    const d = await getRequest({ ctx: ctxFor(db, moi), input: { id: r.id } });
    expect(d.events.map((x) => x.action)).toEqual(["create", "submit", "moi-return", "update", "resubmit", "moi-forward", "opdc-return", "resubmit"]);
    expect(d.events.filter((x) => x.action.endsWith("return")).map((x) => x.commentTh)).toEqual(["ขอให้ระบุปริมาณงานย้อนหลัง 3 ปี", "ขอแนวทางกำกับดูแล"]);
    expect(d.may).toMatchObject({ reviewMoi: true, update: false });
    expect((await auditOf(r.id)).map((a) => a.action).slice(-3)).toEqual(["delegation.request.moi-forward", "delegation.request.opdc-return", "delegation.request.resubmit"]);
  });

  it("OPDC's 'not support' still goes to the Cabinet, which rejects: no instrument, the matter stays central", async () => {
    const r = await requestAt("moi-forwarded");
    const rec = await reviewRequestOpdc({ ctx: ctxFor(db, opdcKK), input: { id: r.id, decision: "recommend", opinion: "not-support", comment: "ผลกระทบข้ามพื้นที่" } });
    expect(rec).toMatchObject({ status: "opdc-recommended", opdcOpinion: "not-support", holder: "cabinet" });
    const rej = await recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: r.id, decision: "reject", cabinetDate: TODAY, resolutionNo: "นร 0505/ว 600", comment: "ให้คงไว้ที่ส่วนกลาง" } });
    expect(rej).toMatchObject({ status: "rejected", holder: null, cabinetDate: TODAY, cabinetResolutionNo: "นร 0505/ว 600", effectiveFrom: null, instrument: null });
    const d = await getRequest({ ctx: ctxFor(db, stratKK), input: { id: r.id } });
    expect(d.instruments).toEqual([]);
    expect(d.authorityToday.decision).toBe("central");
    expect(d.events.at(-1)).toMatchObject({ action: "cabinet-reject", commentTh: "ให้คงไว้ที่ส่วนกลาง", details: { cabinetDate: TODAY, resolutionNo: "นร 0505/ว 600" } });
    // a rejected request is closed: the province may ask again with a new one
    const next = await createRequest({ ctx: ctxFor(db, stratKK), input: complete(r.powerCode) });
    expect(next.status).toBe("draft");
  });

  it("the province withdraws a draft or a returned request, not one under review; one open request per power", async () => {
    const a = await requestAt("draft");
    expect((await fail(createRequest({ ctx: ctxFor(db, govKK), input: complete(a.powerCode) }))).code).toBe("delegation.request.duplicate");
    const w = await withdrawRequest({ ctx: ctxFor(db, govKK), input: { id: a.id, comment: "รวมกับคำขออื่น" } });
    expect(w).toMatchObject({ status: "withdrawn", holder: null, stageDueOn: null });
    expect((await createRequest({ ctx: ctxFor(db, govKK), input: complete(a.powerCode) })).status).toBe("draft");
    const b = await requestAt("returned");
    expect((await withdrawRequest({ ctx: ctxFor(db, stratKK), input: { id: b.id } })).status).toBe("withdrawn");
    const c = await requestAt("submitted");
    const before = await state();
    const e = await fail(withdrawRequest({ ctx: ctxFor(db, govKK), input: { id: c.id } }));
    expect(e).toMatchObject({ status: 409, code: "delegation.request.wrong-status" });
    expect(e.messageTh).toContain("รอกระทรวงมหาดไทยพิจารณา");
    expect((await fail(updateRequest({ ctx: ctxFor(db, govKK), input: { id: w.id, yearlyVolume: 5 } }))).code).toBe("delegation.request.wrong-status");
    expect((await fail(submitRequest({ ctx: ctxFor(db, govKK), input: { id: w.id } }))).code).toBe("delegation.request.wrong-status");
    expect(await state()).toBe(before);
    expect((await auditOf(a.id)).map((x) => x.action)).toEqual(["delegation.request.create", "delegation.request.withdraw"]);
  });
});

describe("who may do what: every transition × role, in scope and out of it; nothing changes on refusal", () => {
  const both: Actor = { kind: "user", id: "t-both", name: "t-both", grants: [{ role: "strategy_officer", scope: "area:province:40" }, { role: "ministry_officer", scope: "org:moi" }, { role: "opdc_evaluator", scope: "nation" }] };
  const agencyKK = actor("agency_officer", "org:pro:40:land", "t-agency-40");
  const PROVINCE_REFUSED = [govCR, viceKK, agencyKK, moi, mof, dol, opdc, admin, pmoc, citizen];

  async function refused(calls: [Actor, (ctx: Ctx) => Promise<unknown>][], expectCode?: string) {
    const before = await state();
    for (const [who, call] of calls) {
      const e = await fail(call(ctxFor(db, who)));
      expect(e?.status, who.id ?? "anonymous").toBe(403);
      if (expectCode) expect(e.code, who.id ?? "").toBe(expectCode);
    }
    const anon = await fail(calls[0]![1](ctxFor(db, anonymousActor)));
    expect(anon.status).toBe(401);
    expect(await state()).toBe(before);
  }

  it("create, update, submit and withdraw: the governor or strategy office of the province only", async () => {
    const p = await newPower();
    await refused(PROVINCE_REFUSED.map((w) => [w, (ctx) => createRequest({ ctx, input: complete(p.code) })]), "auth.forbidden");
    const r = await createRequest({ ctx: ctxFor(db, govKK), input: complete(p.code) });
    await refused(PROVINCE_REFUSED.map((w) => [w, (ctx) => updateRequest({ ctx, input: { id: r.id, yearlyVolume: 1 } })]), "auth.forbidden");
    await refused(PROVINCE_REFUSED.map((w) => [w, (ctx) => submitRequest({ ctx, input: { id: r.id } })]), "auth.forbidden");
    await refused(PROVINCE_REFUSED.map((w) => [w, (ctx) => withdrawRequest({ ctx, input: { id: r.id } })]), "auth.forbidden");
    expect((await updateRequest({ ctx: ctxFor(db, stratKK), input: { id: r.id, yearlyVolume: 301 } })).version).toBe(2);
    expect((await submitRequest({ ctx: ctxFor(db, stratKK), input: { id: r.id } })).status).toBe("submitted");
  });

  it("the Ministry of Interior's review: its officers only, never the request's author", async () => {
    const r = await requestAt("submitted");
    await refused([govKK, stratKK, govCR, mof, dol, opdc, admin, pmoc, citizen].map((w) => [w, (ctx) => reviewRequestMoi({ ctx, input: { id: r.id, decision: "forward" } })]), "auth.forbidden");
    const p = await newPower();
    const mine = await createRequest({ ctx: ctxFor(db, both), input: complete(p.code) });
    await submitRequest({ ctx: ctxFor(db, both), input: { id: mine.id } });
    await refused([[both, (ctx) => reviewRequestMoi({ ctx, input: { id: mine.id, decision: "forward" } })]], "delegation.request.self-review");
    expect((await getRequest({ ctx: ctxFor(db, both), input: { id: mine.id } })).may.reviewMoi).toBe(false);
    expect((await getRequest({ ctx: ctxFor(db, moi), input: { id: mine.id } })).may.reviewMoi).toBe(true);
    expect((await reviewRequestMoi({ ctx: ctxFor(db, moi), input: { id: r.id, decision: "forward" } })).status).toBe("moi-forwarded");
  });

  it("OPDC's review: evaluators whose grant reaches the province, never the author", async () => {
    const r = await requestAt("moi-forwarded");
    await refused([govKK, stratKK, opdcCR, moi, mof, admin, pmoc, citizen].map((w) => [w, (ctx) => reviewRequestOpdc({ ctx, input: { id: r.id, decision: "recommend", opinion: "support" } })]), "auth.forbidden");
    const p = await newPower();
    const mine = await createRequest({ ctx: ctxFor(db, both), input: complete(p.code) });
    await submitRequest({ ctx: ctxFor(db, both), input: { id: mine.id } });
    await reviewRequestMoi({ ctx: ctxFor(db, moi), input: { id: mine.id, decision: "forward" } });
    await refused([[both, (ctx) => reviewRequestOpdc({ ctx, input: { id: mine.id, decision: "recommend", opinion: "support" } })]], "delegation.request.self-review");
    expect((await reviewRequestOpdc({ ctx: ctxFor(db, opdcKK), input: { id: r.id, decision: "recommend", opinion: "support" } })).status).toBe("opdc-recommended");
  });

  it("the Cabinet's decision: OPDC or an administrator at the national level, never the author", async () => {
    const r = await requestAt("opdc-recommended");
    const input = { id: r.id, decision: "approve" as const, cabinetDate: "2026-11-17", resolutionNo: "นร 0505/ว 700" };
    await refused([govKK, stratKK, opdcKK, moi, mof, dol, actor("administrator", "area:province:40", "t-admin-40"), pmoc, citizen].map((w) => [w, (ctx) => recordCabinetDecision({ ctx, input })]), "auth.forbidden");
    const p = await newPower();
    const mine = await createRequest({ ctx: at(both, "2026-11-01"), input: complete(p.code) });
    await submitRequest({ ctx: at(both, "2026-11-01"), input: { id: mine.id } });
    await reviewRequestMoi({ ctx: ctxFor(db, moi), input: { id: mine.id, decision: "forward" } });
    await reviewRequestOpdc({ ctx: ctxFor(db, opdc), input: { id: mine.id, decision: "recommend", opinion: "support" } });
    await refused([[both, (ctx) => recordCabinetDecision({ ctx, input: { ...input, id: mine.id } })]], "delegation.request.self-review");
    expect((await recordCabinetDecision({ ctx: ctxFor(db, opdc), input })).status).toBe("approved");
  });

  it("two reviewers cannot both act: the second is refused (stale version or wrong status), nothing doubled", async () => {
    const r = await requestAt("submitted");
    const results = await Promise.allSettled([
      reviewRequestMoi({ ctx: ctxFor(db, moi), input: { id: r.id, decision: "forward", expectedVersion: r.version } }),
      reviewRequestMoi({ ctx: ctxFor(db, moi2), input: { id: r.id, decision: "return", comment: "ส่งคืน", expectedVersion: r.version } }),
    ]);
    expect(results.map((x) => x.status).sort()).toEqual(["fulfilled", "rejected"]);
    const lost = results.find((x) => x.status === "rejected") as PromiseRejectedResult;
    expect((lost.reason as AppError).status).toBe(409);
    expect((await getRequest({ ctx: ctxFor(db, moi), input: { id: r.id } })).events.filter((e) => e.action.startsWith("moi-"))).toHaveLength(1);
    // a stale version is refused even where the status would allow the step
    const d = await requestAt("draft");
    await updateRequest({ ctx: ctxFor(db, govKK), input: { id: d.id, yearlyVolume: 310, expectedVersion: 1 } });
    const before = await state();
    const e = await fail(updateRequest({ ctx: ctxFor(db, stratKK), input: { id: d.id, yearlyVolume: 320, expectedVersion: 1 } }));
    expect(e).toMatchObject({ status: 409, code: "delegation.request.stale", details: { expectedVersion: 1, version: 2 } });
    expect(await state()).toBe(before);
  });
});

describe("bad input: a 4xx with a stable code, nothing written", () => {
  it("missing or malformed fields, unknown power or province", async () => {
    const p = await newPower();
    const before = await state();
    const nationalGov = actor("governor", "nation", "t-gov-all");
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [{ powerCode: p.code }, 400, "validation.failed", "provinceCode"],
      [{ provinceCode: "40" }, 400, "validation.failed", "powerCode"],
      [{ provinceCode: "4", powerCode: p.code }, 400, "validation.failed", "provinceCode"],
      [{ provinceCode: "40", powerCode: p.code, yearlyVolume: -1 }, 400, "validation.failed", "yearlyVolume"],
      [{ provinceCode: "40", powerCode: p.code, yearlyVolume: 1.5 }, 400, "validation.failed", "yearlyVolume"],
      [{ provinceCode: "40", powerCode: p.code, amountCap: 1.234 }, 400, "validation.failed", "amountCap"],
      [{ provinceCode: "40", powerCode: "P-NOPE" }, 404, "delegation.power.unknown", "powerCode"],
      [{ provinceCode: "99", powerCode: p.code }, 400, "validation.failed", "provinceCode"],
    ];
    for (const [input, status, code, path] of cases) {
      const e = await fail(createRequest({ ctx: ctxFor(db, nationalGov), input: input as CreateRequestInput }));
      expect([e.status, e.code], JSON.stringify(input)).toEqual([status, code]);
      if (path) expect(e.fields?.map((f) => f.path)).toContain(path);
    }
    expect((await fail(getRequest({ ctx: ctxFor(db, admin), input: { id: "nope" } }))).code).toBe("delegation.request.not-found");
    expect((await fail(submitRequest({ ctx: ctxFor(db, govKK), input: { id: "nope" } }))).status).toBe(404);
    expect(await state()).toBe(before);
  });

  it("an incomplete request is not submitted: volume, turnarounds and benefit are checked", async () => {
    const p = await newPower();
    const r = await createRequest({ ctx: ctxFor(db, govKK), input: { provinceCode: "40", powerCode: p.code } });
    const d = await getRequest({ ctx: ctxFor(db, govKK), input: { id: r.id } });
    expect(d.issues.map((x) => x.code)).toEqual(["delegation.request.no-volume", "delegation.request.no-central-turnaround", "delegation.request.no-benefit"]);
    expect(d.may).toMatchObject({ update: true, submit: false, withdraw: true });
    const before = await state();
    const e = await fail(submitRequest({ ctx: ctxFor(db, govKK), input: { id: r.id } }));
    expect(e).toMatchObject({ status: 422, code: "delegation.request.incomplete" });
    expect(e.fields?.map((f) => f.path)).toEqual(["yearlyVolume", "centralTurnaroundDays", "benefitTh"]);
    await updateRequest({ ctx: ctxFor(db, govKK), input: { id: r.id, yearlyVolume: 10, centralTurnaroundDays: 30, expectedTurnaroundDays: 30, benefitTh: "เร็วขึ้น" } });
    const mid = await state();
    const e2 = await fail(submitRequest({ ctx: ctxFor(db, govKK), input: { id: r.id } }));
    expect(e2.fields?.map((f) => f.code)).toEqual(["delegation.request.no-gain"]);
    expect(await state()).toBe(mid);
    expect(before).not.toBe(mid);
  });

  it("wrong status, a wrong opinion, Cabinet dates in the future, before the submission or before effect", async () => {
    const draft = await requestAt("draft");
    const sub = await requestAt("submitted"); // submitted on 2 October
    const rec = await requestAt("opdc-recommended");
    const before = await state();
    const cases: [() => Promise<unknown>, number, string, string?][] = [
      [() => reviewRequestMoi({ ctx: ctxFor(db, moi), input: { id: draft.id, decision: "forward" } }), 409, "delegation.request.wrong-status"],
      [() => reviewRequestOpdc({ ctx: ctxFor(db, opdc), input: { id: sub.id, decision: "recommend", opinion: "support" } }), 409, "delegation.request.wrong-status"],
      [() => recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: sub.id, decision: "reject", cabinetDate: TODAY, resolutionNo: "x" } }), 409, "delegation.request.wrong-status"],
      [() => submitRequest({ ctx: ctxFor(db, govKK), input: { id: sub.id } }), 409, "delegation.request.wrong-status"],
      [() => reviewRequestMoi({ ctx: ctxFor(db, moi), input: { id: sub.id, decision: "approve" as never } }), 400, "validation.failed", "decision"],
      [() => reviewRequestOpdc({ ctx: ctxFor(db, opdc), input: { id: rec.id, decision: "recommend" } }), 400, "validation.failed", "opinion"],
      [() => reviewRequestOpdc({ ctx: ctxFor(db, opdc), input: { id: rec.id, decision: "return", opinion: "support", comment: "x" } }), 400, "validation.failed", "opinion"],
      [() => recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: rec.id, decision: "approve", cabinetDate: "2026-11-23", resolutionNo: "x" } }), 400, "validation.failed", "cabinetDate"],
      [() => recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: rec.id, decision: "approve", cabinetDate: "2026-10-01", resolutionNo: "x" } }), 400, "validation.failed", "cabinetDate"],
      [() => recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: rec.id, decision: "approve", cabinetDate: "2026-11-17", effectiveFrom: "2026-11-16", resolutionNo: "x" } }), 400, "validation.failed", "effectiveFrom"],
      [() => recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: rec.id, decision: "approve", cabinetDate: "2026-11-17", effectiveFrom: "2026-12-01", effectiveTo: "2026-11-30", resolutionNo: "x" } }), 400, "validation.failed", "effectiveTo"],
      [() => recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: rec.id, decision: "reject", cabinetDate: "2026-11-17", effectiveFrom: "2026-12-01", resolutionNo: "x" } }), 400, "validation.failed", "effectiveFrom"],
      [() => recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: rec.id, decision: "approve", cabinetDate: "2026-11-17", resolutionNo: "  " } }), 400, "validation.failed", "resolutionNo"],
      [() => recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: rec.id, decision: "approve", cabinetDate: "2026-02-30", resolutionNo: "x" } }), 400, "validation.failed", "cabinetDate"],
    ];
    for (const [call, status, code, path] of cases) {
      const e = await fail(call());
      expect([e.status, e.code, e.messageTh]).toEqual([status, code, expect.stringMatching(/[\u0E00-\u0E7F]/)]);
      if (path) expect(e.fields?.map((f) => f.path)).toContain(path);
    }
    const future = await fail(recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: rec.id, decision: "approve", cabinetDate: "2026-11-23", resolutionNo: "x" } }));
    expect(future.fields?.[0]?.code).toBe("delegation.request.cabinet-date-future");
    const early = await fail(recordCabinetDecision({ ctx: ctxFor(db, opdc), input: { id: rec.id, decision: "approve", cabinetDate: "2026-10-01", resolutionNo: "x" } }));
    expect(early.fields?.[0]?.code).toBe("delegation.request.cabinet-before-submission");
    expect(await state()).toBe(before);
  });

  it("a power the governor already holds today is not requested again (a higher cap may be)", async () => {
    const p = await newPower();
    await createDelegation({ ctx: ctxFor(db, dol), input: { powerCode: p.code, delegateRole: "governor", provinceCode: "40", amountCap: 1_000_000, instrumentNo: "คำสั่งกรมที่ดิน ที่ 9/2569", instrumentDate: "2026-01-05", effectiveFrom: "2026-01-05" } });
    const r = await createRequest({ ctx: ctxFor(db, govKK), input: complete(p.code, { amountCap: 500_000 }) });
    const before = await state();
    const e = await fail(submitRequest({ ctx: ctxFor(db, govKK), input: { id: r.id } }));
    expect(e).toMatchObject({ status: 422, code: "delegation.request.already-delegated", details: { instrumentNo: "คำสั่งกรมที่ดิน ที่ 9/2569", amountCap: "1000000.00" } });
    expect(e.messageTh).toContain("ผู้ว่าราชการจังหวัดขอนแก่นได้รับมอบอำนาจนี้อยู่แล้ว");
    const noCap = await fail(updateRequest({ ctx: ctxFor(db, govKK), input: { id: r.id, amountCap: null } }).then(() => submitRequest({ ctx: ctxFor(db, govKK), input: { id: r.id } })));
    expect(noCap).toBeNull(); // asking for no cap where a 1,000,000 cap is held is asking for more
    expect(before).not.toBe(await state());
    // another province is not affected by Khon Kaen's instrument
    const cr = await createRequest({ ctx: ctxFor(db, govCR), input: complete(p.code, { provinceCode: "57" }) });
    expect((await submitRequest({ ctx: ctxFor(db, govCR), input: { id: cr.id } })).status).toBe("submitted");
  });
});

describe("deadlines and overdue (calendar days, Bangkok)", () => {
  it("each stage has its due date; views and lists show what is overdue and by how many days", async () => {
    expect(REQUEST_STAGE_DAYS).toEqual({ moi: 30, opdc: 45, cabinet: 60, province: 30 });
    const p = await newPower();
    const r = await createRequest({ ctx: at(govKK, "2026-09-01"), input: complete(p.code) });
    // submitted at 23:30 Bangkok on 30 September: the MOI's 30 days count from that Bangkok date
    const late = await submitRequest({ ctx: { ...ctxFor(db, govKK), now: () => new Date("2026-09-30T16:30:00Z") }, input: { id: r.id } });
    expect(late).toMatchObject({ stageDueOn: "2026-10-30", overdue: false });
    expect(await getRequest({ ctx: ctxFor(db, moi), input: { id: r.id } })).toMatchObject({ stageDueOn: "2026-10-30", overdue: true, daysOverdue: 23 });
    const onTime = await requestAt("moi-forwarded"); // forwarded 10 October: OPDC due 24 November
    expect((await getRequest({ ctx: ctxFor(db, opdc), input: { id: onTime.id } })).stageDueOn).toBe("2026-11-24");
    const dueToday = await createRequest({ ctx: at(govKK, "2026-10-23"), input: complete((await newPower()).code) });
    const t = await submitRequest({ ctx: at(govKK, "2026-10-23"), input: { id: dueToday.id } });
    expect(t).toMatchObject({ stageDueOn: TODAY, overdue: false, daysOverdue: 0 });

    const overdue = await listRequests({ ctx: ctxFor(db, moi), input: { overdue: true, limit: 500 } });
    expectAll(overdue.items, (x) => x.overdue && x.daysOverdue > 0);
    expect(overdue.items.map((x) => x.id)).toContain(late.id);
    expect(overdue.items.map((x) => x.id)).not.toContain(dueToday.id);
    const notOverdue = await listRequests({ ctx: ctxFor(db, moi), input: { overdue: "false" as never, limit: 500 } });
    expect(notOverdue.items.map((x) => x.id)).toContain(dueToday.id);
    expect(notOverdue.items.some((x) => x.overdue)).toBe(false);
    expect(overdue.total + notOverdue.total).toBe((await listRequests({ ctx: ctxFor(db, moi), input: { limit: 1 } })).total);
  });
});

describe("reading: who sees which requests, filters and paging", () => {
  it("a province sees its own, a ministry those for its powers, MOI and national staff all; citizens none", async () => {
    const kk = await requestAt("submitted");
    const mofPower = await newPower({ centralOrgId: "mof.trd" });
    const cr = await createRequest({ ctx: ctxFor(db, govCR), input: complete(mofPower.code, { provinceCode: "57" }) });
    const ids = async (who: Actor, input: Record<string, unknown> = {}) => (await listRequests({ ctx: ctxFor(db, who), input: { limit: 500, ...input } })).items.map((x) => x.id);
    for (const who of [moi, opdc, admin, pmoc]) {
      const seen = await ids(who);
      expect(seen, who.id!).toContain(kk.id);
      expect(seen, who.id!).toContain(cr.id);
    }
    expect(await ids(govKK)).toContain(kk.id);
    expect(await ids(govKK)).not.toContain(cr.id);
    expectAll((await ids(govCR)), (id) => id !== kk.id);
    expect(await ids(govCR)).toContain(cr.id);
    // the Treasury Department's ministry sees the request for its power, not Khon Kaen's land request
    expect(await ids(mof)).toEqual(expect.arrayContaining([cr.id]));
    expect(await ids(mof)).not.toContain(kk.id);
    expect(await ids(dol)).toContain(kk.id);
    expect(await ids(dol)).not.toContain(cr.id);
    // a provincial agency's staff see their province's requests
    expect(await ids(actor("agency_officer", "org:pro:57:land", "t-agency-57"))).toContain(cr.id);
    expect((await fail(listRequests({ ctx: ctxFor(db, citizen), input: {} }))).status).toBe(403);
    expect((await fail(listRequests({ ctx: ctxFor(db, anonymousActor), input: {} }))).status).toBe(401);
    expect((await fail(getRequest({ ctx: ctxFor(db, govCR), input: { id: kk.id } }))).code).toBe("auth.forbidden");
    expect((await fail(getRequest({ ctx: ctxFor(db, citizen), input: { id: kk.id } }))).status).toBe(403);
    expect((await getRequest({ ctx: ctxFor(db, mof), input: { id: cr.id } })).id).toBe(cr.id);
  });

  it("filters by province, status, power and holder; pages with a total", async () => {
    const a = await requestAt("returned");
    const b = await requestAt("opdc-recommended");
    const list = (input: Record<string, unknown>) => listRequests({ ctx: ctxFor(db, moi), input: { limit: 500, ...input } });
    expect((await list({ powerCode: a.powerCode })).items.map((x) => x.id)).toEqual([a.id]);
    expectAll((await list({ provinceCode: "40", status: "returned" })).items, (x) => x.provinceCode === "40" && x.status === "returned");
    expect((await list({ holder: "cabinet" })).items.map((x) => x.id)).toContain(b.id);
    expectAll((await list({ holder: "cabinet" })).items, (x) => x.status === "opdc-recommended");
    expectAll((await list({ holder: "province" })).items, (x) => x.status === "draft" || x.status === "returned");
    const all = await list({});
    const page = await list({ limit: 2, offset: 1 });
    expect(page.total).toBe(all.total);
    expect(page.items.map((x) => x.id)).toEqual(all.items.slice(1, 3).map((x) => x.id));
    // soonest due first, requests with no due date last
    const dues = all.items.map((x) => x.stageDueOn);
    const firstNull = dues.indexOf(null);
    expect(dues.slice(0, firstNull === -1 ? undefined : firstNull)).toEqual([...dues.slice(0, firstNull === -1 ? undefined : firstNull)].sort());
    expectAll(dues.slice(firstNull === -1 ? dues.length : firstNull), (d) => d === null);
  });
});

describe("the demo scenario (labelled demo)", () => {
  it("requests from the pilot provinces at every stage; the approved one's instrument is in force; none for Khon Kaen's P-ADM-013", async () => {
    const demo = (await listRequests({ ctx: ctxFor(db, admin), input: { limit: 500 } })).items.filter((x) => x.isDemo);
    expect(new Set(demo.map((x) => x.status))).toEqual(new Set(["draft", "submitted", "moi-forwarded", "opdc-recommended", "returned", "rejected", "approved"]));
    expectAll(demo, (x) => ["34", "31", "57", "76"].includes(x.provinceCode));
    expect(demo.some((x) => x.provinceCode === "40")).toBe(false);
    expectAll(demo, (x) => x.benefitTh === "" || x.benefitTh.includes("(ตัวอย่าง)"));
    const atMoi = demo.find((x) => x.status === "submitted")!;
    expect(atMoi).toMatchObject({ provinceCode: "34", overdue: true, daysOverdue: 22 });
    expect(demo.find((x) => x.status === "returned")).toMatchObject({ provinceCode: "31", returnedStage: "opdc", overdue: false });
    expect(demo.find((x) => x.status === "rejected")).toMatchObject({ provinceCode: "57", opdcOpinion: "not-support" });
    const approved = demo.find((x) => x.status === "approved")!;
    expect(approved).toMatchObject({ provinceCode: "76", powerCode: "P-ADM-016" });
    expect(approved.cabinetDate! >= "2025-10-01" && approved.cabinetDate! <= "2026-09-30").toBe(true);
    const d = await getRequest({ ctx: ctxFor(db, admin), input: { id: approved.id } });
    expect(d.instruments.map((i) => [i.status, i.instrumentNo, i.isDemo])).toEqual([["in-force", "มติคณะรัฐมนตรี นร 0505/ว 41 (ตัวอย่าง)", true]]);
    expect(d.authorityToday.decision).toBe("delegated");
    expect(d.events.map((e) => e.actorName)).toEqual(["ผู้ว่าราชการจังหวัดเพชรบุรี (ตัวอย่าง)", "ผู้ว่าราชการจังหวัดเพชรบุรี (ตัวอย่าง)", "เจ้าหน้าที่กระทรวงมหาดไทย (ตัวอย่าง)", "ผู้ประเมิน สำนักงาน ก.พ.ร. (ตัวอย่าง)", "ผู้ประเมิน สำนักงาน ก.พ.ร. (ตัวอย่าง)"]);
    // Khon Kaen's state-land lease is still central, for the browser journey to ask for
    const kk = await checkAuthority({ ctx: ctxFor(db), input: { powerCode: "P-ADM-013", provinceCode: "40" } });
    expect(kk.decision).toBe("central");
  });
});
