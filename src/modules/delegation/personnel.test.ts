import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, type Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import type { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { expectAll } from "../../../test/expect-all.js";
import { addCandidates } from "./add-candidates.js";
import { PERSONNEL_KIND_POWER } from "./contracts-personnel.js";
import { createCommittee } from "./create-committee.js";
import { createDelegation } from "./create-delegation.js";
import { decideSelection } from "./decide-selection.js";
import { getCommittee } from "./get-committee.js";
import { getPersonnelAction } from "./get-personnel-action.js";
import { listCommittees } from "./list-committees.js";
import { listDelegations } from "./list-delegations.js";
import { listPersonnelActions } from "./list-personnel-actions.js";
import { listPowers } from "./list-powers.js";
import { recordAssessment } from "./record-assessment.js";
import { recordPersonnelAction } from "./record-personnel-action.js";
import { revokeDelegation } from "./revoke-delegation.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);
const admin = actor("administrator", "nation", "t-admin");
const moi = actor("ministry_officer", "org:moi", "t-moi");
const dol = actor("department_officer", "org:moi.dol", "t-dol");
const dopa = actor("department_officer", "org:moi.dopa", "t-dopa");
const moph = actor("ministry_officer", "org:moph", "t-moph");
const gov = (p: string) => actor("governor", `area:province:${p}`, `t-gov-${p}`);
const vice = (p: string) => actor("vice_governor", `area:province:${p}`, `t-vice-${p}`);
const govKK = gov("40");
const citizen = actor("citizen", "nation", "t-citizen");

const PERSONNEL_TABLES = ["personnel_actions", "recruitment_committees", "recruitment_committee_members", "recruitment_candidates", "audit_log"];
async function state(): Promise<string> {
  const out: string[] = [];
  for (const t of PERSONNEL_TABLES) {
    const [r] = await db.query<{ n: string; h: string }>(`select count(*)::text as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`);
    out.push(`${t}=${r!.n}:${r!.h}`);
  }
  return out.join(" ");
}
async function auditOf(entityId: string) {
  return db.query<{ action: string; actor_id: string | null; after: Record<string, unknown> }>("select action, actor_id, after from audit_log where entity_id = $1 order by id", [entityId]);
}

let seq = 0;
const transfer = (over: Record<string, unknown> = {}) => ({
  provinceCode: "40",
  kind: "transfer" as const,
  personName: `นางทดสอบ ย้ายที่ ${++seq}`,
  positionTh: "นักวิชาการที่ดินชำนาญการ",
  fromOrgId: "pro:40:land",
  toOrgId: "pro:40:provincial-office",
  detailsTh: "ย้ายไปกลุ่มงานยุทธศาสตร์",
  effectiveOn: "2026-12-01",
  orderNo: `คำสั่งจังหวัดขอนแก่น ที่ ${seq}/2570`,
  ...over,
});
const appointment = (over: Record<string, unknown> = {}) => ({ ...transfer(), kind: "appointment" as const, fromOrgId: null, toOrgId: "pro:40:land", positionTh: "นักวิชาการที่ดินปฏิบัติการ", ...over });
const record = (who: Actor, input: Record<string, unknown>) => recordPersonnelAction({ ctx: ctxFor(db, who), input: input as never });

/** The demo instrument of a power that reaches a province (nation-wide, or the province's own). */
async function demoInstrument(powerCode: string, provinceCode: string | null) {
  const list = await listDelegations({ ctx: ctxFor(db), input: { powerCode, limit: 500 } });
  const d = list.items.find((x) => x.isDemo && x.provinceCode === provinceCode);
  if (!d) throw new Error(`no demo instrument for ${powerCode} / ${provinceCode}`);
  return d;
}

describe("kinds and powers", () => {
  it("each kind is taken under one power of the personnel area of the catalogue", async () => {
    expect(PERSONNEL_KIND_POWER).toEqual({ transfer: "P-HR-003", appointment: "P-HR-004", "special-recruitment": "P-HR-002", "temporary-hire": "P-HR-005", "minor-discipline": "P-HR-007" });
    const personnel = (await listPowers({ ctx: ctxFor(db), input: { area: "personnel" } })).items.map((p) => p.code);
    for (const code of Object.values(PERSONNEL_KIND_POWER)) expect(personnel).toContain(code);
  });
});

describe("each personnel action is checked against the delegations on its effective date", () => {
  it("a transfer within Khon Kaen is the governor's under the nation-wide instrument, recorded with it and audited", async () => {
    const inst = await demoInstrument("P-HR-003", null);
    const a = await record(govKK, transfer());
    expect(a).toMatchObject({ route: "delegated", powerCode: "P-HR-003", deciderDelegationId: inst.id, deciderInstrumentNo: inst.instrumentNo, deciderLabelTh: "ผู้ว่าราชการจังหวัดขอนแก่น", deciderLabelEn: "Governor of Khon Kaen", deciderScope: "area:province:40", status: "recorded" });
    expect(a).toMatchObject({ provinceNameTh: "ขอนแก่น", fromOrgNameTh: "สำนักงานที่ดินจังหวัดขอนแก่น", toOrgId: "pro:40:provincial-office", createdByName: "t-gov-40" });
    const audit = await auditOf(a.id);
    expect(audit.map((x) => [x.action, x.actor_id])).toEqual([["delegation.personnel.record", "t-gov-40"]]);
    expect(audit[0]!.after).toMatchObject({ id: a.id, route: "delegated", deciderDelegationId: inst.id });
    expect(await getPersonnelAction({ ctx: ctxFor(db, govKK), input: { id: a.id } })).toEqual(a);
  });

  it("an appointment (P-HR-004, not delegated) is refused for the province with the central authority named, and accepted from the ministry", async () => {
    const before = await state();
    for (const who of [govKK, vice("40")]) {
      const e = await fail(record(who, appointment()));
      expect(e.code).toBe("delegation.personnel.not-delegated");
      expect(e.status).toBe(422);
      expect(e.messageTh).toContain("ปลัดกระทรวง / อธิบดี");
      expect(e.messageEn).toContain("Permanent Secretary / Director-General");
      expect(e.details?.central).toMatchObject({ orgId: "opm.ocsc" });
    }
    expect(await state()).toBe(before);
    for (const who of [moi, dol]) {
      const a = await record(who, appointment());
      expect(a).toMatchObject({ route: "central", powerCode: "P-HR-004", deciderDelegationId: null, deciderInstrumentNo: null, deciderLabelTh: "ปลัดกระทรวง / อธิบดี ตามหลักเกณฑ์ ก.พ.", deciderScope: "org:opm.ocsc" });
      expect((await auditOf(a.id)).map((x) => x.action)).toEqual(["delegation.personnel.record"]);
    }
  });

  it("temporary hires and minor discipline stay central until delegated; a vice governor decides under an onward instrument", async () => {
    const hire = { ...appointment(), kind: "temporary-hire", positionTh: "พนักงานราชการ (นักวิชาการ)" };
    const discipline = { ...transfer(), kind: "minor-discipline", toOrgId: null, positionTh: "เจ้าพนักงานที่ดินชำนาญงาน", detailsTh: "ภาคทัณฑ์" };
    expect((await fail(record(govKK, hire))).code).toBe("delegation.personnel.not-delegated");
    expect((await fail(record(govKK, discipline))).code).toBe("delegation.personnel.not-delegated");
    expect(await record(dol, hire)).toMatchObject({ route: "central", powerCode: "P-HR-005" });

    // OCSC delegates minor discipline to the governor of Khon Kaen, who passes it on to a vice governor
    const root = await createDelegation({ ctx: ctxFor(db, admin), input: { powerCode: "P-HR-007", delegateRole: "governor", provinceCode: "40", instrumentNo: "คำสั่ง ก.พ. ที่ 7/2569 (ทดสอบ)", instrumentDate: "2026-01-05", effectiveFrom: "2026-01-05", effectiveTo: "2027-09-30", maySubdelegate: true } });
    const onward = await createDelegation({ ctx: ctxFor(db, govKK), input: { powerCode: "P-HR-007", parentId: root.id, delegateRole: "vice_governor", provinceCode: "40", instrumentNo: "คำสั่งจังหวัดขอนแก่น ที่ 77/2569 (ทดสอบ)", instrumentDate: "2026-02-01", effectiveFrom: "2026-02-01", effectiveTo: "2027-09-30" } });
    expect(await record(vice("40"), discipline)).toMatchObject({ route: "delegated", powerCode: "P-HR-007", deciderDelegationId: onward.id, deciderInstrumentNo: "คำสั่งจังหวัดขอนแก่น ที่ 77/2569 (ทดสอบ)", deciderLabelTh: "รองผู้ว่าราชการจังหวัดขอนแก่น" });
    expect(await record(govKK, { ...discipline, personName: "นายอื่น ทดสอบ" })).toMatchObject({ route: "delegated", deciderDelegationId: root.id, deciderLabelTh: "ผู้ว่าราชการจังหวัดขอนแก่น" });
    // delegated: the ministry no longer records it as central; the decision is the province's
    const e = await fail(record(moi, discipline));
    expect([e.code, e.status]).toEqual(["delegation.personnel.not-decider", 403]);
    // a transfer is the governor's alone: the vice governor holds no instrument for it
    const v = await fail(record(vice("40"), transfer()));
    expect([v.code, v.status]).toEqual(["delegation.personnel.not-decider", 403]);
    expect(v.messageTh).toContain("ผู้ว่าราชการจังหวัดขอนแก่น");
  });

  it.each(["94", "95", "96"])("special local recruitment is delegated to the governor of southern border province %s", async (p) => {
    const inst = await demoInstrument("P-HR-002", p);
    const a = await record(gov(p), { provinceCode: p, kind: "special-recruitment", personName: `นายคนพื้นที่ ทดสอบ ${p}`, positionTh: "เจ้าพนักงานปกครองปฏิบัติงาน", toOrgId: `pro:${p}:provincial-administration`, effectiveOn: "2026-11-01", orderNo: `คำสั่งจังหวัด ที่ ${p}/2569` });
    expect(a).toMatchObject({ route: "delegated", powerCode: "P-HR-002", deciderDelegationId: inst.id, deciderScope: `area:province:${p}` });
  });

  it.each(["40", "57", "34"])("a governor elsewhere (%s) may not recruit locally: the matter is the Civil Service Commission's", async (p) => {
    const before = await state();
    const e = await fail(record(gov(p), { provinceCode: p, kind: "special-recruitment", personName: "นายคนพื้นที่ ทดสอบ", positionTh: "เจ้าพนักงานปกครองปฏิบัติงาน", toOrgId: `pro:${p}:provincial-administration`, effectiveOn: "2026-11-01", orderNo: "คำสั่งจังหวัด ที่ 1/2569" }));
    expect(e.code).toBe("delegation.personnel.not-delegated");
    expect(e.messageTh).toContain("คณะกรรมการข้าราชการพลเรือน (ก.พ.)");
    expect(e.messageEn).toContain("The Civil Service Commission (OCSC)");
    expect(await state()).toBe(before);
  });

  it("a provincial decision covers the province's own offices only; organisations must exist and fit the kind", async () => {
    const before = await state();
    const out = await fail(record(govKK, transfer({ toOrgId: "pro:57:land" })));
    expect([out.code, out.status, out.fields?.map((f) => [f.path, f.code])]).toEqual(["delegation.personnel.org-outside-province", 422, [["toOrgId", "delegation.personnel.org-outside-province"]]]);
    expect(out.fields?.[0]?.messageTh).toContain("ไม่ใช่หน่วยงานในจังหวัดขอนแก่น");
    expect((await fail(record(govKK, transfer({ fromOrgId: "moi.dol" })))).fields?.[0]?.path).toBe("fromOrgId");
    for (const [over, path, code] of [
      [{ toOrgId: "pro:40:nope" }, "toOrgId", "ref.unknown-organization"],
      [{ fromOrgId: null }, "fromOrgId", "delegation.personnel.org-required"],
      [{ toOrgId: "pro:40:land" }, "toOrgId", "delegation.personnel.same-org"],
      [{ kind: "appointment", toOrgId: null }, "toOrgId", "delegation.personnel.org-required"],
      [{ kind: "minor-discipline" }, "toOrgId", "delegation.personnel.org-not-expected"],
      [{ provinceCode: "99" }, "provinceCode", "ref.unknown-area"],
    ] as const) {
      const e = await fail(record(govKK, transfer(over)));
      expect([e.status, e.fields?.map((f) => [f.path, f.code])], JSON.stringify(over)).toEqual([400, [[path, code]]]);
    }
    expect(await state()).toBe(before);
  });

  it("an action dated on or after the instrument's revocation (or after its expiry) is refused", async () => {
    const inst = await demoInstrument("P-HR-002", "94");
    await revokeDelegation({ ctx: ctxFor(db, admin), input: { delegationId: inst.id, revokedFrom: "2026-12-01", reasonTh: "ทดสอบการยกเลิก" } });
    const input = (effectiveOn: string) => ({ provinceCode: "94", kind: "special-recruitment", personName: `นางสาวคนพื้นที่ ${effectiveOn}`, positionTh: "เจ้าพนักงานปกครองปฏิบัติงาน", toOrgId: "pro:94:provincial-administration", effectiveOn, orderNo: "คำสั่งจังหวัดปัตตานี ที่ 9/2569" });
    expect(await record(gov("94"), input("2026-11-30"))).toMatchObject({ route: "delegated", deciderDelegationId: inst.id });
    const before = await state();
    const e = await fail(record(gov("94"), input("2026-12-01")));
    expect(e.code).toBe("delegation.personnel.not-delegated");
    expect(e.details?.notApplicable).toEqual([expect.objectContaining({ delegationId: inst.id, reason: "revoked" })]);
    expect(e.messageTh).toContain("ถูกยกเลิกแล้ว");
    // Yala's instrument ends on 30 Sep 2027
    const y = await fail(record(gov("95"), { ...input("2027-10-01"), provinceCode: "95", toOrgId: "pro:95:provincial-administration" }));
    expect(y.code).toBe("delegation.personnel.not-delegated");
    expect(y.details?.notApplicable).toEqual([expect.objectContaining({ reason: "expired" })]);
    expect(await state()).toBe(before);
  });
});

describe("permission matrix: roles × in/out of scope, nothing changed on refusal", () => {
  const delegated: [string, Actor, string | null][] = [
    ["governor of the province", govKK, null],
    ["governor of another province", gov("57"), "auth.forbidden"],
    ["vice governor of the province (no instrument)", vice("40"), "delegation.personnel.not-decider"],
    ["strategy officer of the province", actor("strategy_officer", "area:province:40"), "auth.forbidden"],
    ["head of the land office (may act only under an instrument to the office head, none here)", actor("agency_head", "org:pro:40:land"), "delegation.personnel.not-decider"],
    ["ministry officer (MOI): decided in the province", moi, "delegation.personnel.not-decider"],
    ["department officer (DOL): decided in the province", dol, "delegation.personnel.not-decider"],
    ["ministry officer of another ministry", moph, "auth.forbidden"],
    ["administrator (no personnel operation)", admin, "auth.forbidden"],
    ["OPDC evaluator", actor("opdc_evaluator", "nation"), "auth.forbidden"],
    ["citizen", citizen, "auth.forbidden"],
    ["anonymous", anonymousActor, "auth.required"],
  ];
  it.each(delegated)("a transfer in Khon Kaen (delegated) by the %s", async (_l, who, code) => {
    const before = await state();
    if (code === null) {
      expect(await record(who, transfer())).toMatchObject({ route: "delegated" });
      expect(await state()).not.toBe(before);
      return;
    }
    const e = await fail(record(who, transfer()));
    expect(e.code).toBe(code);
    expect(e.status).toBe(code === "auth.required" ? 401 : 403);
    expect(await state()).toBe(before);
  });

  const central: [string, Actor, string | null][] = [
    ["ministry officer (MOI)", moi, null],
    ["department officer of the post's department (DOL)", dol, null],
    ["department officer of another department (DOPA)", dopa, "auth.forbidden"],
    ["ministry officer of another ministry", moph, "auth.forbidden"],
    ["governor of the province", govKK, "delegation.personnel.not-delegated"],
    ["vice governor of the province", vice("40"), "delegation.personnel.not-delegated"],
    ["governor of another province", gov("57"), "auth.forbidden"],
    ["administrator", admin, "auth.forbidden"],
    ["citizen", citizen, "auth.forbidden"],
  ];
  it.each(central)("an appointment in Khon Kaen's land office (central) by the %s", async (_l, who, code) => {
    const before = await state();
    if (code === null) {
      expect(await record(who, appointment())).toMatchObject({ route: "central" });
      return;
    }
    const e = await fail(record(who, appointment()));
    expect(e.code).toBe(code);
    expect(await state()).toBe(before);
  });

  it("bad input is a 400 naming the field, and writes nothing", async () => {
    const before = await state();
    for (const [over, path] of [
      [{ provinceCode: "4" }, "provinceCode"],
      [{ kind: "promotion" }, "kind"],
      [{ effectiveOn: "2026-02-30" }, "effectiveOn"],
      [{ effectiveOn: "2569-12-01" }, "effectiveOn"],
      [{ orderNo: " " }, "orderNo"],
      [{ personName: "" }, "personName"],
      [{ positionTh: "ก".repeat(301) }, "positionTh"],
      [{ toOrgId: 12 }, "toOrgId"],
    ] as const) {
      const e = await fail(record(govKK, transfer(over)));
      expect([e.status, e.code], JSON.stringify(over)).toEqual([400, "validation.failed"]);
      expect(e.fields?.map((f) => f.path)).toContain(path);
    }
    expect(await state()).toBe(before);
  });
});

describe("reading personnel actions: staff, narrowed to their provinces and agencies", () => {
  it("a governor sees the province's; a ministry officer what touches its offices; national staff all", async () => {
    const kk = await listPersonnelActions({ ctx: ctxFor(db, govKK), input: { limit: 500 } });
    expect(kk.items.length).toBeGreaterThan(3);
    expect(new Set(kk.items.map((a) => a.provinceCode))).toEqual(new Set(["40"]));
    const all = await listPersonnelActions({ ctx: ctxFor(db, actor("opdc_evaluator", "nation")), input: { limit: 500 } });
    expect(all.total).toBe(all.items.length);
    expect(new Set(all.items.map((a) => a.provinceCode))).toEqual(new Set(["31", "34", "40", "57", "76", "94", "95", "96"]));
    // the Narathiwat nurse was recruited into the public health office (Ministry of Public Health)
    const health = await listPersonnelActions({ ctx: ctxFor(db, moph), input: {} });
    expect(health.items.map((a) => [a.provinceCode, a.toOrgId])).toEqual([["96", "pro:96:public-health"]]);
    const interior = await listPersonnelActions({ ctx: ctxFor(db, moi), input: { limit: 500 } });
    expect(interior.items.some((a) => a.toOrgId === "pro:96:public-health")).toBe(false);
    expect(interior.items.length).toBe(all.items.length - 1);
    const other = all.items.find((a) => a.provinceCode === "57")!;
    expect((await fail(getPersonnelAction({ ctx: ctxFor(db, govKK), input: { id: other.id } }))).code).toBe("auth.forbidden");
    expect((await fail(getPersonnelAction({ ctx: ctxFor(db, govKK), input: { id: "nope" } }))).code).toBe("delegation.personnel.not-found");
    for (const [who, code] of [[citizen, "auth.forbidden"], [anonymousActor, "auth.required"]] as const) {
      expect((await fail(listPersonnelActions({ ctx: ctxFor(db, who), input: {} }))).code).toBe(code);
      expect((await fail(listCommittees({ ctx: ctxFor(db, who), input: {} }))).code).toBe(code);
    }
  });

  it("filters by kind, province, route and period; pages; refuses a period that ends before it starts", async () => {
    const ctx = ctxFor(db, actor("pmoc_viewer", "nation"));
    const t = await listPersonnelActions({ ctx, input: { kind: "transfer", limit: 500 } });
    expectAll(t.items, (a) => a.kind === "transfer" && a.route === "delegated");
    const c = await listPersonnelActions({ ctx, input: { route: "central", provinceCode: "40" } });
    expect(c.items.length).toBeGreaterThan(0);
    expectAll(c.items, (a) => a.route === "central" && a.provinceCode === "40");
    const period = await listPersonnelActions({ ctx, input: { from: "2026-06-01", to: "2026-06-30", limit: 500 } });
    expect(period.items.length).toBeGreaterThan(0);
    expectAll(period.items, (a) => a.effectiveOn >= "2026-06-01" && a.effectiveOn <= "2026-06-30");
    const page1 = await listPersonnelActions({ ctx, input: { limit: 2 } });
    const page2 = await listPersonnelActions({ ctx, input: { limit: 2, offset: 2 } });
    expect(page1.items.length).toBe(2);
    expect(page1.total).toBe(page2.total);
    expect(page1.items.map((a) => a.id)).not.toContain(page2.items[0]!.id);
    const e = await fail(listPersonnelActions({ ctx, input: { from: "2026-06-30", to: "2026-06-01" } }));
    expect([e.status, e.fields?.[0]?.path]).toEqual([400, "to"]);
  });
});

describe("recruitment and selection committees", () => {
  const members = [
    { name: "ประธาน ทดสอบ", role: "chair" as const, positionTh: "ปลัดกระทรวงมหาดไทย", orgId: "moi.ops" },
    { name: "กรรมการ ทดสอบ", role: "member" as const },
    { name: "เลขานุการ ทดสอบ", role: "secretary" as const },
  ];
  const recruitment = (over: Record<string, unknown> = {}) => ({ kind: "recruitment" as const, provinceCode: "57", titleTh: "คณะกรรมการสรรหาผู้ว่าราชการจังหวัดเชียงราย (ทดสอบ)", positionTh: "ผู้ว่าราชการจังหวัดเชียงราย", appointedOn: "2026-10-01", orderNo: "คำสั่ง มท. ที่ 1/2570", members, ...over });
  const selection = (parentCommitteeId: string, over: Record<string, unknown> = {}) => ({ ...recruitment(), kind: "selection" as const, provinceCode: undefined, titleTh: "คณะกรรมการคัดเลือก (ทดสอบ)", appointedOn: "2026-11-01", parentCommitteeId, ...over });
  const create = (who: Actor, input: Record<string, unknown>) => createCommittee({ ctx: ctxFor(db, who), input: input as never });

  it("only administrators and the Ministry of Interior officer appoint committees; staff read them", async () => {
    const before = await state();
    for (const who of [dopa, moph, govKK, actor("opdc_evaluator", "nation"), citizen]) expect((await fail(create(who, recruitment()))).code).toBe("auth.forbidden");
    expect((await fail(create(anonymousActor, recruitment()))).code).toBe("auth.required");
    expect(await state()).toBe(before);
    const a = await create(moi, recruitment());
    expect(a).toMatchObject({ kind: "recruitment", status: "open", provinceNameTh: "เชียงราย", memberCount: 3, candidateCount: 0, may: { write: true } });
    expect(a.members.map((m) => [m.role, m.orgNameTh])).toEqual([["chair", "สำนักงานปลัดกระทรวงมหาดไทย"], ["member", null], ["secretary", null]]);
    expect((await auditOf(a.id)).map((x) => [x.action, x.actor_id])).toEqual([["delegation.committee.create", "t-moi"]]);
    expect((await create(admin, recruitment({ provinceCode: null }))).provinceCode).toBeNull();
    const seen = await getCommittee({ ctx: ctxFor(db, govKK), input: { id: a.id } });
    expect(seen).toMatchObject({ id: a.id, may: { write: false } });
    expect((await listCommittees({ ctx: ctxFor(db, govKK), input: { provinceCode: "57", kind: "recruitment" } })).items.map((c) => c.id)).toContain(a.id);
    expect((await fail(getCommittee({ ctx: ctxFor(db, govKK), input: { id: "nope" } }))).code).toBe("delegation.committee.not-found");
  });

  it("committee rules: exactly one chair, at least three members, a selection committee follows a recruitment committee", async () => {
    const before = await state();
    for (const [input, path, code] of [
      [recruitment({ members: members.map((m) => ({ ...m, role: "member" })) }), "members", "delegation.committee.one-chair"],
      [recruitment({ members: [...members, { name: "ประธานสอง", role: "chair" }] }), "members", "delegation.committee.one-chair"],
      [recruitment({ members: members.slice(0, 2) }), "members", "validation.failed"],
      [recruitment({ members: [...members, { name: "ประธาน ทดสอบ", role: "member" }] }), "members.3.name", "delegation.committee.duplicate-member"],
      [recruitment({ kind: "selection" }), "parentCommitteeId", "delegation.committee.parent-required"],
      [recruitment({ parentCommitteeId: "x" }), "parentCommitteeId", "delegation.committee.parent-not-allowed"],
      [selection("nope"), "parentCommitteeId", "delegation.committee.unknown-parent"],
      [recruitment({ appointedOn: "2026-11-23" }), "appointedOn", "delegation.committee.future-date"],
      [recruitment({ provinceCode: "99" }), "provinceCode", "ref.unknown-area"],
      [recruitment({ members: [...members, { name: "ผู้แทน", role: "member", orgId: "nope" }] }), "members.3.orgId", "ref.unknown-organization"],
    ] as const) {
      const e = await fail(create(moi, input));
      expect(e.status, code).toBe(400);
      const f = e.fields?.find((x) => x.path === path);
      expect(f, `${code}: ${JSON.stringify(e.fields)}`).toBeDefined();
      if (code !== "validation.failed") expect(f!.code).toBe(code);
    }
    expect(await state()).toBe(before);
  });

  it("candidates, assessment with a shortlist, a selection among the shortlist only, decided once; nothing changes after", async () => {
    const rec = await create(moi, recruitment());
    const sel = await create(moi, selection(rec.id));
    expect(sel).toMatchObject({ kind: "selection", status: "appointed", provinceCode: "57", parentCommitteeId: rec.id, candidates: [] });
    expect((await fail(create(moi, selection(rec.id)))).code).toBe("delegation.committee.selection-exists");
    expect((await fail(create(moi, selection(sel.id)))).code).toBe("delegation.committee.parent-not-recruitment");
    expect((await fail(create(moi, selection(rec.id, { provinceCode: "40" })))).code).toBe("delegation.committee.selection-exists");

    // candidates go before the recruitment committee only
    const add = (committeeId: string, names: string[], who: Actor = moi) => addCandidates({ ctx: ctxFor(db, who), input: { committeeId, candidates: names.map((name) => ({ name, currentPositionTh: "รองผู้ว่าราชการจังหวัด", currentOrgId: "prov:57" })) } });
    expect((await fail(add(rec.id, ["ก"], govKK))).code).toBe("auth.forbidden");
    expect((await fail(add(sel.id, ["ก"]))).code).toBe("delegation.committee.not-recruitment");
    expect((await fail(decideSelection({ ctx: ctxFor(db, moi), input: { committeeId: sel.id, selectedCandidateId: "x", decisionOn: "2026-11-10", decisionTh: "เลือก" } }))).code).toBe("delegation.committee.no-shortlist");
    const withCands = await add(rec.id, ["ผู้สมัคร หนึ่ง", "ผู้สมัคร สอง", "ผู้สมัคร สาม", "ผู้สมัคร สี่"]);
    expect((await fail(add(rec.id, ["ผู้สมัคร  หนึ่ง"]))).fields?.[0]?.code).toBe("delegation.committee.duplicate-candidate");
    const [c1, c2, c3, c4] = withCands.candidates.map((c) => c.id) as [string, string, string, string];
    expect(withCands).toMatchObject({ status: "open", candidateCount: 4 });

    const assess = (over: Record<string, unknown> = {}) => recordAssessment({ ctx: ctxFor(db, moi), input: { committeeId: rec.id, assessedOn: "2026-10-20", scores: [{ candidateId: c1, score: 80 }, { candidateId: c2, score: 92.5 }, { candidateId: c3, score: 80 }, { candidateId: c4, score: 60 }], shortlist: [c2, c1, c3], ...over } as never });
    const before = await state();
    expect((await fail(assess({ scores: [{ candidateId: c1, score: 80 }] }))).fields?.map((f) => f.code)).toEqual(["delegation.committee.unscored"]);
    expect((await fail(assess({ shortlist: ["not-a-candidate"] }))).fields?.map((f) => [f.path, f.code])).toEqual([["shortlist.0", "delegation.committee.unknown-candidate"]]);
    expect((await fail(assess({ shortlist: [c1, c1] }))).fields?.map((f) => f.code)).toEqual(["delegation.committee.duplicate-shortlist"]);
    expect((await fail(assess({ assessedOn: "2026-09-30" }))).fields?.map((f) => f.code)).toEqual(["delegation.committee.before-appointment"]);
    expect((await fail(assess({ scores: [{ candidateId: c1, score: 100.5 }] }))).status).toBe(400);
    expect((await fail(recordAssessment({ ctx: ctxFor(db, moi), input: { committeeId: sel.id, assessedOn: "2026-10-20", scores: [{ candidateId: c1, score: 1 }], shortlist: [c1] } }))).code).toBe("delegation.committee.not-recruitment");
    expect(await state()).toBe(before);
    const assessed = await assess();
    expect(assessed.status).toBe("assessed");
    expect(assessed.candidates.map((c) => [c.score, c.rank, c.shortlisted])).toEqual([["80.00", 2, true], ["92.50", 1, true], ["80.00", 2, true], ["60.00", 4, false]]);
    expect((await getCommittee({ ctx: ctxFor(db, moi), input: { id: sel.id } })).candidates.map((c) => c.id)).toEqual([c1, c2, c3]);
    // other staff see the committee and, once decided, whom it chose — never the candidates, their posts or scores
    expect(await getCommittee({ ctx: ctxFor(db, govKK), input: { id: sel.id } })).toMatchObject({ candidates: [], candidatesHidden: true });

    const decide = (over: Record<string, unknown> = {}) => decideSelection({ ctx: ctxFor(db, moi), input: { committeeId: sel.id, selectedCandidateId: c2, decisionOn: "2026-11-10", decisionTh: "มีมติเลือกผู้มีคะแนนสูงสุด", ...over } as never });
    const b2 = await state();
    expect((await fail(decide({ selectedCandidateId: c4 }))).code).toBe("delegation.committee.not-shortlisted");
    expect((await fail(decide({ selectedCandidateId: "nope" }))).code).toBe("delegation.committee.not-shortlisted");
    expect((await fail(decide({ committeeId: rec.id }))).code).toBe("delegation.committee.not-selection");
    expect((await fail(decide({ decisionOn: "2026-10-31" }))).fields?.[0]?.code).toBe("delegation.committee.decision-too-early");
    expect((await fail(decide({ decisionOn: "2026-11-23" }))).fields?.[0]?.code).toBe("delegation.committee.future-date");
    expect((await fail(decideSelection({ ctx: ctxFor(db, dopa), input: { committeeId: sel.id, selectedCandidateId: c2, decisionOn: "2026-11-10", decisionTh: "x" } }))).code).toBe("auth.forbidden");
    expect(await state()).toBe(b2);

    const decided = await decide();
    expect(decided).toMatchObject({ status: "decided", decisionOn: "2026-11-10", selectedCandidateId: c2, selectedCandidateName: "ผู้สมัคร สอง", may: { write: false } });
    expect(await getCommittee({ ctx: ctxFor(db, moi), input: { id: rec.id } })).toMatchObject({ status: "decided", selectionCommitteeId: sel.id, selectedCandidateId: c2 });
    expect((await auditOf(sel.id)).map((x) => x.action)).toEqual(["delegation.committee.create", "delegation.committee.decide"]);
    expect((await auditOf(rec.id)).map((x) => x.action)).toEqual(["delegation.committee.create", "delegation.committee.candidates.add", "delegation.committee.assess", "delegation.committee.close"]);
    // candidate names stay out of the audit trail
    expect(JSON.stringify((await auditOf(rec.id)).map((x) => x.after))).not.toContain("ผู้สมัคร");

    const b3 = await state();
    expect((await fail(decide({ selectedCandidateId: c1 }))).code).toBe("delegation.committee.already-decided");
    expect((await fail(add(rec.id, ["ผู้สมัคร ห้า"]))).code).toBe("delegation.committee.decided");
    expect((await fail(assess())).code).toBe("delegation.committee.decided");
    expect((await fail(create(moi, selection(rec.id)))).status).toBe(409);
    expect(await state()).toBe(b3);
  });
});

describe("the demo scenario (labelled demo)", () => {
  it("transfers under the governors' instrument, appointments recorded centrally, local recruitment in the south, one governor recruited", async () => {
    const all = (await listPersonnelActions({ ctx: ctxFor(db, admin), input: { limit: 500 } })).items.filter((a) => a.isDemo);
    const p003 = await demoInstrument("P-HR-003", null);
    const transfers = all.filter((a) => a.kind === "transfer");
    expect(transfers.map((a) => a.provinceCode).sort()).toEqual(["31", "34", "40", "57", "76"]);
    expectAll(transfers, (a) => a.route === "delegated" && a.deciderDelegationId === p003.id && a.personName.includes("(ตัวอย่าง)"));
    const appointments = all.filter((a) => a.kind === "appointment");
    expect(appointments.map((a) => a.provinceCode).sort()).toEqual(["31", "34", "40", "57", "76"]);
    expectAll(appointments, (a) => a.route === "central" && a.createdByName === "เจ้าหน้าที่กระทรวงมหาดไทย (ตัวอย่าง)");
    const south = all.filter((a) => a.kind === "special-recruitment");
    expect(south.map((a) => a.provinceCode).sort()).toEqual(["94", "95", "96"]);
    expectAll(south, (a) => a.route === "delegated" && a.deciderLabelTh.startsWith("ผู้ว่าราชการจังหวัด"));

    const sel = await getCommittee({ ctx: ctxFor(db, moi), input: { id: "demo-committee-select-76" } });
    expect(sel).toMatchObject({ kind: "selection", status: "decided", provinceCode: "76", parentCommitteeId: "demo-committee-recruit-76", isDemo: true });
    expect(sel.candidates.length).toBe(3);
    const seenByAGovernor = await getCommittee({ ctx: ctxFor(db, govKK), input: { id: "demo-committee-select-76" } });
    expect(seenByAGovernor).toMatchObject({ candidates: [], candidatesHidden: true, selectedCandidateId: sel.selectedCandidateId });
    expect(seenByAGovernor.selectedCandidateName).toBe(sel.candidates.find((c) => c.id === sel.selectedCandidateId)!.name);
    expect(sel.candidates.map((c) => c.id)).toContain(sel.selectedCandidateId);
    const rec = await getCommittee({ ctx: ctxFor(db, govKK), input: { id: "demo-committee-recruit-76" } });
    expect(rec).toMatchObject({ status: "decided", candidateCount: 4, selectionCommitteeId: sel.id });
    expect(rec.members.filter((m) => m.role === "chair").length).toBe(1);
  });
});
