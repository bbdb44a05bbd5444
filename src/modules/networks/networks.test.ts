import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { addDays } from "../../platform/thai/dates.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { errorChain, failAuditWritesBy, snapshot } from "../../../test/snapshot.js";
import { listHistory } from "../audit/list-history.js";
import { listCommittees } from "../committees/list-committees.js";
import { getCommittee } from "../committees/get-committee.js";
import { listPartnerSeats } from "../committees/list-partner-seats.js";
import { addSeat, endSeat, updateSeat } from "../committees/seats.js";
import { createCommittee } from "../committees/create-committee.js";
import { contributionTotals } from "./contribution-totals.js";
import { createAgreement } from "./create-agreement.js";
import { createPartner } from "./create-partner.js";
import { endAgreement } from "./end-agreement.js";
import { getPartner } from "./get-partner.js";
import { listAgreements } from "./list-agreements.js";
import { listPartners } from "./list-partners.js";
import { partnerOptions } from "./partner-options.js";
import { recordContribution } from "./record-contribution.js";
import { updatePartner } from "./update-partner.js";
import { agreementState, sumBaht } from "./rules.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const TODAY = "2026-11-22"; // test/clock.ts FIXED_NOW in Bangkok
const day = (n: number) => addDays(TODAY, n);
const TABLES = { partners: "id", partner_agreements: "id", partner_agreement_agendas: "agreement_id, strategy_node_id", partner_contributions: "id", committee_seats: "id", audit_log: "id" };
const state = () => snapshot(db, TABLES);
const governor31 = () => ctxFor(db, actor("governor", "area:province:31", "gov-31"));
const vice31 = () => ctxFor(db, actor("vice_governor", "area:province:31", "vice-31"));
const governor57 = () => ctxFor(db, actor("governor", "area:province:57", "gov-57"));
const pmoc = () => ctxFor(db, actor("pmoc_viewer", "nation", "pmoc"));
const agency31 = () => ctxFor(db, actor("agency_head", "org:pro:31:labour", "head-labour-31"));
const anonymous = () => ctxFor(db, anonymousActor);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected the call to be refused").toBeInstanceOf(AppError);
  return err as AppError;
}

async function newPartner(nameTh: string, ctx = governor31()) {
  return (await createPartner({ ctx, input: { kind: "private_sector", provinceCode: "31", nameTh, nameEn: `${nameTh} (en)`, website: "https://partner.example.org" } })).id;
}

describe("rules", () => {
  it("an agreement is active until it ends, expiring soon in its last 90 days, then expired; ended early when ended", () => {
    expect(agreementState({ signedOn: day(-10), endsOn: day(200), endedOn: null }, TODAY)).toEqual({ status: "active", expiringSoon: false, daysLeft: 200 });
    expect(agreementState({ signedOn: day(-10), endsOn: day(90), endedOn: null }, TODAY)).toEqual({ status: "active", expiringSoon: true, daysLeft: 90 });
    expect(agreementState({ signedOn: day(-10), endsOn: TODAY, endedOn: null }, TODAY)).toMatchObject({ status: "active", daysLeft: 0 });
    expect(agreementState({ signedOn: day(-10), endsOn: day(-1), endedOn: null }, TODAY)).toMatchObject({ status: "expired", daysLeft: null });
    expect(agreementState({ signedOn: day(-10), endsOn: day(100), endedOn: day(-2) }, TODAY)).toMatchObject({ status: "ended", expiringSoon: false });
  });
  it("adds baht exactly, in satang", () => {
    expect(sumBaht(["0.10", "0.20", null, "1250000.05"])).toBe("1250000.35");
    expect(sumBaht([])).toBe("0.00");
    expect(sumBaht(["99999999999999.99", "0.01"])).toBe("100000000000000.00");
  });
});

describe("the demo networks of the five 2024 pilot provinces", () => {
  it("has partners in every pilot, Buriram's chamber with an MOU expiring soon and contributions to the sports tourism project", async () => {
    const all = await listPartners({ ctx: anonymous(), input: { limit: 500 } });
    expect(new Set(all.items.filter((p) => p.isDemo).map((p) => p.provinceCode))).toEqual(new Set(["31", "34", "40", "57", "76"]));
    const chamber = (await listPartners({ ctx: anonymous(), input: { provinceCode: "31", q: "หอการค้า" } })).items;
    expect(chamber.map((p) => p.nameTh)).toEqual(["หอการค้าจังหวัดบุรีรัมย์ (ตัวอย่าง)"]);
    expect(chamber[0]).toMatchObject({ kind: "private_sector", activeAgreements: 1, expiringSoon: 1, contributedBaht: "350000.00", contributions: 1, isDemo: true, provinceName: { en: "Buri Ram" } });
    const view = await getPartner({ ctx: anonymous(), id: chamber[0]!.id });
    expect(view.agreements[0]).toMatchObject({ status: "active", expiringSoon: true, daysLeft: 45, partyOrgId: "prov:31", agendas: [{ id: "prov:31:pain" }] });
    expect(view.contributions[0]).toMatchObject({ kind: "money", amount: "350000.00", project: { code: "DEMO-31-2569-04" }, agreementId: view.agreements[0]!.id });
    expect(view.may).toEqual({ manage: false, history: false, seats: false });
    // every state of an MOU is in the demo
    const statuses = (await listAgreements({ ctx: anonymous(), input: { limit: 500 } })).items.filter((a) => a.isDemo).map((a) => a.status);
    expect(new Set(statuses)).toEqual(new Set(["active", "expired", "ended"]));
    const soon = await listAgreements({ ctx: anonymous(), input: { expiringSoon: true } });
    expect(soon.items.map((a) => a.daysLeft)).toEqual([...soon.items.map((a) => a.daysLeft)].sort((a, b) => a! - b!));
    expect(soon.items.map((a) => a.provinceCode)).toEqual(expect.arrayContaining(["31", "57"]));
  });

  it("totals what Buriram's partners gave per partner and per agenda", async () => {
    const t = await contributionTotals({ ctx: anonymous(), input: { provinceCode: "31" } });
    expect(t.totals).toMatchObject({ money: "600000.00", inKind: "120000.00", total: "720000.00", volunteers: 80, byKind: { money: 2, in_kind: 1, expertise: 2, volunteers: 1 } });
    expect(t.byPartner[0]).toMatchObject({ partnerName: { th: "หอการค้าจังหวัดบุรีรัมย์ (ตัวอย่าง)" }, total: "350000.00" });
    const debt = t.byAgenda.find((a) => a.agenda.id === "agenda:ag-debt")!;
    expect(debt).toMatchObject({ contributions: 3, volunteers: 80, byKind: { expertise: 2, volunteers: 1 } });
  });

  it("Buriram's private and civil committee seats name the partners holding them", async () => {
    const exec = (await listCommittees({ ctx: governor31(), input: { provinceCode: "31" } })).find((c) => c.kind === "executive")!;
    const c = await getCommittee({ ctx: governor31(), id: exec.id });
    const held = c.seats.filter((s) => s.partnerId);
    expect(held.map((s) => [s.kind, s.partnerName?.th])).toEqual(
      expect.arrayContaining([
        ["private", "หอการค้าจังหวัดบุรีรัมย์ (ตัวอย่าง)"],
        ["private", "สภาอุตสาหกรรมจังหวัดบุรีรัมย์ (ตัวอย่าง)"],
        ["civil", "สภาเกษตรกรจังหวัดบุรีรัมย์ (ตัวอย่าง)"],
      ]),
    );
    expect(c.seats.filter((s) => s.kind === "ministry").every((s) => s.partnerId === null)).toBe(true);
    const seats = await listPartnerSeats({ ctx: governor31(), partnerId: held[0]!.partnerId! });
    expect(seats[0]).toMatchObject({ committeeId: exec.id, voting: true, endedOn: null });
    expect((await getPartner({ ctx: governor31(), id: held[0]!.partnerId! })).may).toEqual({ manage: true, history: true, seats: true });
  });
});

describe("the governor's office records partners, MOUs and contributions", () => {
  it("adds a partner, an MOU with agendas, contributions to an agenda and a project, and ends the MOU early, each with its audit record", async () => {
    const ctx = governor31();
    const id = await newPartner("บริษัท ทดสอบภาคีเครือข่าย จำกัด");
    const { id: mou } = await createAgreement({
      ctx,
      input: { partnerId: id, partyOrgId: "pro:31:tourism-sports", titleTh: "บันทึกข้อตกลงทดสอบ", purposeTh: "ร่วมพัฒนาการท่องเที่ยว", signedOn: day(-30), endsOn: day(60), agendaNodeIds: ["prov:31:pain", "agenda:ag-debt"] },
    });
    const project = "demo-proj-31-2569-04";
    await recordContribution({ ctx, input: { partnerId: id, kind: "money", amount: "1000.50", contributedOn: day(-5), descriptionTh: "เงินสนับสนุน", projectId: project, agreementId: mou } });
    await recordContribution({ ctx: vice31(), input: { partnerId: id, kind: "in_kind", amount: "200.25", contributedOn: day(-4), descriptionTh: "อุปกรณ์", agendaNodeId: "agenda:ag-debt" } });
    await recordContribution({ ctx, input: { partnerId: id, kind: "volunteers", volunteers: 12, contributedOn: day(-3), descriptionTh: "อาสาสมัคร", agendaNodeId: "prov:31:pain", projectId: project } });
    let v = await getPartner({ ctx, id });
    expect(v.agreements[0]).toMatchObject({ status: "active", expiringSoon: true, daysLeft: 60, partyName: { th: expect.stringContaining("ท่องเที่ยวและกีฬา") } });
    expect(v.agreements[0]!.agendas.map((a) => a.id).sort()).toEqual(["agenda:ag-debt", "prov:31:pain"]);
    expect(v.totals).toMatchObject({ money: "1000.50", inKind: "200.25", total: "1200.75", contributions: 3, volunteers: 12 });
    expect(v.byAgenda.map((a) => [a.agenda.id, a.total])).toEqual([
      ["agenda:ag-debt", "200.25"],
      ["prov:31:pain", "0.00"],
    ]);
    expect(v.contributions.map((c) => c.kind)).toEqual(["volunteers", "in_kind", "money"]);
    expect(v.contributions[2]!.project).toMatchObject({ id: project, code: "DEMO-31-2569-04" });

    await endAgreement({ ctx, agreementId: mou, input: { endedOn: day(-1), reasonTh: "คู่ภาคียุติความร่วมมือ" } });
    v = await getPartner({ ctx, id });
    expect(v.agreements[0]).toMatchObject({ status: "ended", endedOn: day(-1), endedReasonTh: "คู่ภาคียุติความร่วมมือ", expiringSoon: false });
    expect((await refusal(endAgreement({ ctx, agreementId: mou, input: { endedOn: TODAY, reasonTh: "อีกครั้ง" } }))).code).toBe("networks.agreement-ended");

    const history = await listHistory({ ctx, input: { entityType: "partner", entityId: id } });
    expect(history.items.map((h) => h.action)).toEqual(["networks.agreement.end", "networks.contribution.record", "networks.contribution.record", "networks.contribution.record", "networks.agreement.create", "networks.partner.create"]);
    expect(history.items.at(-1)!.actorName).toBe("gov-31");
  });

  it("lists partners searched, filtered, sorted and paged", async () => {
    const a = await newPartner("ภาคีค้นหา ก");
    const b = await createPartner({ ctx: governor31(), input: { kind: "academic", provinceCode: "31", nameTh: "ภาคีค้นหา ข", nameEn: "Search partner B" } });
    await recordContribution({ ctx: governor31(), input: { partnerId: b.id, kind: "money", amount: "99.00", contributedOn: TODAY, descriptionTh: "x", agendaNodeId: "prov:31:pain" } });
    const found = await listPartners({ ctx: anonymous(), input: { q: "ภาคีค้นหา" } });
    expect(found.items.map((p) => p.id)).toEqual([a, b.id]);
    expect(found.total).toBe(2);
    expect(found.items.map((p) => [p.contributions, p.contributedBaht])).toEqual([
      [0, "0.00"],
      [1, "99.00"],
    ]);
    expect((await listPartners({ ctx: anonymous(), input: { q: "search partner b" } })).items.map((p) => p.id)).toEqual([b.id]);
    expect((await listPartners({ ctx: anonymous(), input: { q: "ภาคีค้นหา", kind: "academic" } })).items.map((p) => p.id)).toEqual([b.id]);
    expect((await listPartners({ ctx: anonymous(), input: { q: "ภาคีค้นหา", sort: "contributed" } })).items.map((p) => p.id)).toEqual([b.id, a]);
    const page2 = await listPartners({ ctx: anonymous(), input: { q: "ภาคีค้นหา", limit: 1, offset: 1 } });
    expect([page2.items.map((p) => p.id), page2.total]).toEqual([[b.id], 2]);
    // % and _ are searched as themselves
    expect((await listPartners({ ctx: anonymous(), input: { q: "%" } })).total).toBe(0);
  });
});

describe("who may read and record networks", () => {
  it("anyone reads (organisations only); the province's governor's office records; another province, the PMOC, an agency and anonymous do not", async () => {
    const id = await newPartner("ภาคีทดสอบสิทธิ์");
    const before = await state();
    // thunks, called one at a time: promises started together would reject before they are awaited (unhandled)
    const writes = (ctx: ReturnType<typeof governor31>) => [
      () => createPartner({ ctx, input: { kind: "community", provinceCode: "31", nameTh: "ภาคีที่ไม่ควรเกิด" } }),
      () => createAgreement({ ctx, input: { partnerId: id, partyOrgId: "prov:31", titleTh: "x", purposeTh: "x", signedOn: day(-1), endsOn: day(10) } }),
      () => recordContribution({ ctx, input: { partnerId: id, kind: "expertise", contributedOn: TODAY, descriptionTh: "x", agendaNodeId: "prov:31:pain" } }),
      () => partnerOptions({ ctx, id }),
    ];
    for (const [who, ctx, status] of [
      ["other province", governor57(), 403],
      ["PMOC", pmoc(), 403],
      ["agency", agency31(), 403],
      ["anonymous", anonymous(), 401],
    ] as const) {
      for (const call of writes(ctx)) expect((await refusal(call())).status, who).toBe(status);
      const v = await getPartner({ ctx, id });
      expect(v.may.manage, who).toBe(false);
      expect((await listPartners({ ctx, input: { q: "ภาคีทดสอบสิทธิ์" } })).total, who).toBe(1);
    }
    expect(await state()).toEqual(before);
    // committee seats and history are for staff who read the province's committees and records
    expect((await refusal(listPartnerSeats({ ctx: anonymous(), partnerId: id }))).status).toBe(401);
    expect((await refusal(listPartnerSeats({ ctx: governor57(), partnerId: id }))).status).toBe(403);
    expect(await listPartnerSeats({ ctx: pmoc(), partnerId: id })).toEqual([]);
    expect((await refusal(listHistory({ ctx: anonymous(), input: { entityType: "partner", entityId: id } }))).status).toBe(401);
    expect((await refusal(listHistory({ ctx: governor57(), input: { entityType: "partner", entityId: id } }))).status).toBe(403);
    expect((await getPartner({ ctx: pmoc(), id })).may).toEqual({ manage: false, history: true, seats: true });
    // the options the forms offer: the province's agendas and its own goals, for those who record
    const options = await partnerOptions({ ctx: governor31(), id });
    expect(options.agendas.map((a) => a.id)).toEqual(expect.arrayContaining(["agenda:ag-debt", "prov:31:pain"]));
    expect(options.agendas.every((a) => !a.id.startsWith("prov:") || a.id.startsWith("prov:31:"))).toBe(true);
  });

  it("a committee seat may name a partner of its own province, on a private, civil or academic seat only", async () => {
    const ctx = governor31();
    const partner = await newPartner("ภาคีที่นั่งกรรมการ");
    const elsewhere = (await createPartner({ ctx: governor57(), input: { kind: "academic", provinceCode: "57", nameTh: "ภาคีเชียงราย" } })).id;
    const { id: committee } = await createCommittee({ ctx, input: { kind: "advisory", provinceCode: "31", nameTh: "คณะทดสอบที่นั่งภาคี", cadenceDays: 60 } });
    const before = await state();
    for (const input of [
      { kind: "ministry" as const, ministryId: "moi", holderOrgId: "pro:31:land", holderNameTh: "x", partnerId: partner },
      { kind: "chair" as const, holderNameTh: "x", partnerId: partner },
      { kind: "private" as const, holderNameTh: "x", partnerId: elsewhere },
      { kind: "private" as const, holderNameTh: "x", partnerId: "nope" },
    ]) {
      const err = await refusal(addSeat({ ctx, committeeId: committee, input }));
      expect([err.status, err.fields?.[0]?.path]).toEqual([400, "partnerId"]);
    }
    expect(await state()).toEqual(before);
    await addSeat({ ctx, committeeId: committee, input: { kind: "academic", holderNameTh: "ผู้แทนภาคี", partnerId: partner } });
    expect((await listPartnerSeats({ ctx, partnerId: partner })).map((s) => [s.committeeNameTh, s.kind])).toEqual([["คณะทดสอบที่นั่งภาคี", "academic"]]);
  });

  it("bad input changes nothing and answers in Thai and English with a stable code", async () => {
    const ctx = governor31();
    const id = await newPartner("ภาคีทดสอบข้อมูลผิด");
    const other = (await createPartner({ ctx, input: { kind: "community", provinceCode: "31", nameTh: "ภาคีอื่น" } })).id;
    const { id: mou } = await createAgreement({ ctx, input: { partnerId: other, partyOrgId: "prov:31", titleTh: "x", purposeTh: "x", signedOn: day(-10), endsOn: day(-2) } });
    const before = await state();
    const bad: [string, () => Promise<unknown>, string?][] = [
      ["same name", () => createPartner({ ctx, input: { kind: "community", provinceCode: "31", nameTh: "ภาคีทดสอบข้อมูลผิด" } }), "networks.partner-exists"],
      ["unknown province", () => createPartner({ ctx: ctxFor(db, actor("administrator", "nation", "admin")), input: { kind: "community", provinceCode: "99", nameTh: "x" } }), "validation.failed"],
      ["unknown registry org", () => createPartner({ ctx, input: { kind: "community", provinceCode: "31", nameTh: "y", registryOrgId: "nope" } }), "validation.failed"],
      ["no partner", () => createAgreement({ ctx, input: { partnerId: "nope", partyOrgId: "prov:31", titleTh: "x", purposeTh: "x", signedOn: day(-1), endsOn: day(5) } }), "partner.not-found"],
      ["party elsewhere", () => createAgreement({ ctx, input: { partnerId: id, partyOrgId: "pro:57:land", titleTh: "x", purposeTh: "x", signedOn: day(-1), endsOn: day(5) } }), "validation.failed"],
      ["party a ministry", () => createAgreement({ ctx, input: { partnerId: id, partyOrgId: "moi", titleTh: "x", purposeTh: "x", signedOn: day(-1), endsOn: day(5) } }), "validation.failed"],
      ["signed in the future", () => createAgreement({ ctx, input: { partnerId: id, partyOrgId: "prov:31", titleTh: "x", purposeTh: "x", signedOn: day(1), endsOn: day(5) } }), "validation.failed"],
      ["agenda of another province", () => createAgreement({ ctx, input: { partnerId: id, partyOrgId: "prov:31", titleTh: "x", purposeTh: "x", signedOn: day(-1), endsOn: day(5), agendaNodeIds: ["prov:57:pain"] } }), "validation.failed"],
      ["agenda unknown", () => createAgreement({ ctx, input: { partnerId: id, partyOrgId: "prov:31", titleTh: "x", purposeTh: "x", signedOn: day(-1), endsOn: day(5), agendaNodeIds: ["nope"] } }), "validation.failed"],
      ["end an expired one", () => endAgreement({ ctx, agreementId: mou, input: { endedOn: TODAY, reasonTh: "x" } }), "networks.agreement-expired"],
      ["project elsewhere", () => recordContribution({ ctx, input: { partnerId: id, kind: "expertise", contributedOn: TODAY, descriptionTh: "x", projectId: "demo-proj-57-2569-01" } }), "validation.failed"],
      ["project unknown", () => recordContribution({ ctx, input: { partnerId: id, kind: "expertise", contributedOn: TODAY, descriptionTh: "x", projectId: "nope" } }), "validation.failed"],
      ["another partner's MOU", () => recordContribution({ ctx, input: { partnerId: id, kind: "expertise", contributedOn: TODAY, descriptionTh: "x", agendaNodeId: "prov:31:pain", agreementId: mou } }), "validation.failed"],
      ["given tomorrow", () => recordContribution({ ctx, input: { partnerId: id, kind: "expertise", contributedOn: day(1), descriptionTh: "x", agendaNodeId: "prov:31:pain" } }), "validation.failed"],
    ];
    for (const [what, call, code] of bad) {
      const err = await refusal(call());
      expect(err.code, what).toBe(code);
      expect(err.status, what).toBeGreaterThanOrEqual(400);
      expect(err.status, what).toBeLessThan(500);
      expect(err.messageTh, what).toMatch(/[\u0E00-\u0E7F]/);
      expect(err.messageEn, what).toMatch(/[a-z]/);
      if (code === "validation.failed") expect(err.fields?.[0]?.messageTh, what).toMatch(/[\u0E00-\u0E7F]/);
    }
    // the contract's own checks (the HTTP layer answers these 400 validation.failed)
    const contract: [string, () => Promise<unknown>][] = [
      ["B.E. date", () => createAgreement({ ctx, input: { partnerId: id, partyOrgId: "prov:31", titleTh: "x", purposeTh: "x", signedOn: "2569-01-01", endsOn: "2570-01-01" } })],
      ["ends before signed", () => createAgreement({ ctx, input: { partnerId: id, partyOrgId: "prov:31", titleTh: "x", purposeTh: "x", signedOn: day(-1), endsOn: day(-5) } })],
      ["money without amount", () => recordContribution({ ctx, input: { partnerId: id, kind: "money", contributedOn: TODAY, descriptionTh: "x", agendaNodeId: "prov:31:pain" } })],
      ["float amount", () => recordContribution({ ctx, input: { partnerId: id, kind: "money", amount: "10.005", contributedOn: TODAY, descriptionTh: "x", agendaNodeId: "prov:31:pain" } })],
      ["amount on expertise", () => recordContribution({ ctx, input: { partnerId: id, kind: "expertise", amount: "10.00", contributedOn: TODAY, descriptionTh: "x", agendaNodeId: "prov:31:pain" } })],
      ["volunteers without people", () => recordContribution({ ctx, input: { partnerId: id, kind: "volunteers", contributedOn: TODAY, descriptionTh: "x", agendaNodeId: "prov:31:pain" } })],
      ["nothing it went to", () => recordContribution({ ctx, input: { partnerId: id, kind: "expertise", contributedOn: TODAY, descriptionTh: "x" } })],
      ["website not a URL", () => createPartner({ ctx, input: { kind: "community", provinceCode: "31", nameTh: "z", website: "javascript:alert(1)" } })],
    ];
    for (const [what, call] of contract) {
      const thrown = await call().then(() => null, (e: unknown) => e);
      expect((thrown as { name?: string } | null)?.name, what).toBe("ZodError");
    }
    expect(await state()).toEqual(before);
  });

  it("writes its audit record in the change's own transaction: a failed audit undoes the change", async () => {
    const id = await newPartner("ภาคีทดสอบบันทึกประวัติ");
    await failAuditWritesBy(db, "audit-boom-networks");
    const ctx = ctxFor(db, actor("governor", "area:province:31", "audit-boom-networks"));
    const before = await state();
    for (const call of [
      () => createPartner({ ctx, input: { kind: "community", provinceCode: "31", nameTh: "ภาคีที่ไม่ควรเกิด" } }),
      () => createAgreement({ ctx, input: { partnerId: id, partyOrgId: "prov:31", titleTh: "x", purposeTh: "x", signedOn: day(-1), endsOn: day(5), agendaNodeIds: ["prov:31:pain"] } }),
      () => recordContribution({ ctx, input: { partnerId: id, kind: "money", amount: "5.00", contributedOn: TODAY, descriptionTh: "x", agendaNodeId: "prov:31:pain" } }),
    ]) {
      const err = await call().then(() => null, (e: unknown) => e);
      expect(errorChain(err)).toMatch(/audit write refused/);
    }
    expect(await state()).toEqual(before);
  });
});

describe("the governor's office edits a partner", () => {
  it("changes its fields (never its province) under the version it read, with before and after in the record", async () => {
    const ctx = governor31();
    const id = await newPartner("ภาคีทดสอบแก้ไข");
    const read = await getPartner({ ctx, id });
    expect(read.version).toBe(1);
    const v = await updatePartner({ ctx, id, input: { version: 1, kind: "academic", nameTh: "ภาคีทดสอบแก้ไขแล้ว", registryOrgId: "prov:31", website: null, focusTh: "การศึกษา" } });
    expect(v).toMatchObject({ version: 2, kind: "academic", nameTh: "ภาคีทดสอบแก้ไขแล้ว", nameEn: "ภาคีทดสอบแก้ไข (en)", provinceCode: "31", registryOrgId: "prov:31", website: null, focusTh: "การศึกษา" });
    expect(v.registryOrgName).not.toBeNull();
    const history = await listHistory({ ctx, input: { entityType: "partner", entityId: id } });
    const update = history.items.find((h) => h.action === "networks.partner.update")!;
    expect(update.before).toMatchObject({ kind: "private_sector", nameTh: "ภาคีทดสอบแก้ไข", registryOrgId: null, website: "https://partner.example.org", version: 1 });
    expect(update.after).toMatchObject({ kind: "academic", nameTh: "ภาคีทดสอบแก้ไขแล้ว", registryOrgId: "prov:31", website: null, version: 2 });
    // the province is not a field of the edit: it is not taken, and nothing moves
    const moved = await updatePartner({ ctx, id, input: { version: 2, provinceCode: "57", registryOrgId: null } as never });
    expect(moved).toMatchObject({ provinceCode: "31", registryOrgId: null, version: 3 });
    // the same values again change nothing: no new version, no new record
    const before = await state();
    expect((await updatePartner({ ctx, id, input: { version: 3, nameTh: "ภาคีทดสอบแก้ไขแล้ว" } })).version).toBe(3);
    expect(await state()).toEqual(before);
  });

  it("refuses a stale version (409, in Thai and English), another province's governor (403), bad input (400 naming the field) and a taken name (409), changing nothing", async () => {
    const ctx = governor31();
    const id = await newPartner("ภาคีทดสอบแก้ไขชน");
    await newPartner("ภาคีชื่อที่มีแล้ว");
    await updatePartner({ ctx, id, input: { version: 1, focusTh: "ครั้งแรก" } });
    const before = await state();
    const stale = await refusal(updatePartner({ ctx, id, input: { version: 1, focusTh: "ครั้งที่สองจากฉบับเก่า" } }));
    expect([stale.status, stale.code]).toEqual([409, "networks.partner-version-conflict"]);
    expect(stale.messageTh).toMatch(/[\u0E00-\u0E7F]/);
    expect(stale.messageEn).toMatch(/reload/i);
    expect((await refusal(updatePartner({ ctx: governor57(), id, input: { version: 2, nameTh: "ยึด" } }))).status).toBe(403);
    expect((await refusal(updatePartner({ ctx: anonymous(), id, input: { version: 2, nameTh: "ยึด" } }))).status).toBe(401);
    // permission comes first: another province's governor learns nothing of the registry or the version
    expect((await refusal(updatePartner({ ctx: governor57(), id, input: { version: 9, registryOrgId: "nope" } }))).status).toBe(403);
    const unknownOrg = await refusal(updatePartner({ ctx, id, input: { version: 2, registryOrgId: "nope" } }));
    expect([unknownOrg.status, unknownOrg.fields?.[0]?.path]).toEqual([400, "registryOrgId"]);
    const taken = await refusal(updatePartner({ ctx, id, input: { version: 2, nameTh: "ภาคีชื่อที่มีแล้ว" } }));
    expect([taken.status, taken.code]).toEqual([409, "networks.partner-exists"]);
    expect((await refusal(updatePartner({ ctx, id: "nope", input: { version: 1, nameTh: "x" } }))).status).toBe(404);
    for (const input of [{ version: 2, website: "javascript:alert(1)" }, { version: 2, nameTh: "  " }, { version: 2, kind: "ministry" }, { nameTh: "ไม่มีฉบับ" }]) {
      const thrown = await updatePartner({ ctx, id, input: input as never }).then(() => null, (e: unknown) => e);
      expect((thrown as { name?: string } | null)?.name, JSON.stringify(input)).toBe("ZodError");
    }
    expect(await state()).toEqual(before);
    expect((await getPartner({ ctx, id })).version).toBe(2);
  });

  it("writes its audit record in the edit's own transaction", async () => {
    const id = await newPartner("ภาคีทดสอบแก้ไขประวัติ");
    await failAuditWritesBy(db, "audit-boom-netedit");
    const ctx = ctxFor(db, actor("governor", "area:province:31", "audit-boom-netedit"));
    const before = await state();
    const err = await updatePartner({ ctx, id, input: { version: 1, nameTh: "ไม่ควรเปลี่ยน" } }).then(() => null, (e: unknown) => e);
    expect(errorChain(err)).toMatch(/audit write refused/);
    expect(await state()).toEqual(before);
  });
});

describe("naming the partner on an existing committee seat", () => {
  it("sets and clears a private or civil seat's partner, audited; refuses a ministry seat, a partner of another province, another province's governor and an ended seat, changing nothing", async () => {
    const ctx = governor31();
    const partner = await newPartner("ภาคีที่นั่งเดิม");
    const elsewhere = (await createPartner({ ctx: governor57(), input: { kind: "civil_society", provinceCode: "57", nameTh: "ภาคีเชียงรายที่นั่งเดิม" } })).id;
    const { id: committee } = await createCommittee({ ctx, input: { kind: "advisory", provinceCode: "31", nameTh: "คณะทดสอบแก้ไขที่นั่ง", cadenceDays: 60 } });
    const { id: civil } = await addSeat({ ctx, committeeId: committee, input: { kind: "civil", holderNameTh: "ผู้แทนภาคประชาสังคม" } });
    const { id: ministry } = await addSeat({ ctx, committeeId: committee, input: { kind: "ministry", ministryId: "moi", holderOrgId: "pro:31:land", holderNameTh: "เจ้าพนักงานที่ดินจังหวัด" } });
    const { id: ended } = await addSeat({ ctx, committeeId: committee, input: { kind: "private", holderNameTh: "ผู้แทนเดิม", startedOn: day(-30) } });
    await endSeat({ ctx, seatId: ended, input: { endedOn: day(-1) } });

    await updateSeat({ ctx, seatId: civil, input: { partnerId: partner, holderNameEn: "Civil society representative" } });
    let seat = (await getCommittee({ ctx, id: committee })).seats.find((s) => s.id === civil)!;
    expect(seat).toMatchObject({ partnerId: partner, partnerName: { th: "ภาคีที่นั่งเดิม" }, holderNameTh: "ผู้แทนภาคประชาสังคม", holderNameEn: "Civil society representative" });
    expect((await listPartnerSeats({ ctx, partnerId: partner })).map((s) => s.committeeNameTh)).toEqual(["คณะทดสอบแก้ไขที่นั่ง"]);
    const record = (await listHistory({ ctx, input: { entityType: "committee", entityId: committee } })).items.find((h) => h.action === "committees.seat.update")!;
    expect(record.before).toMatchObject({ id: civil, partnerId: null });
    expect(record.after).toMatchObject({ id: civil, partnerId: partner });

    const before = await state();
    for (const [what, call, status, path] of [
      ["ministry seat", () => updateSeat({ ctx, seatId: ministry, input: { partnerId: partner } }), 400, "partnerId"],
      ["partner of another province", () => updateSeat({ ctx, seatId: civil, input: { partnerId: elsewhere } }), 400, "partnerId"],
      ["unknown partner", () => updateSeat({ ctx, seatId: civil, input: { partnerId: "nope" } }), 400, "partnerId"],
      ["other province's governor", () => updateSeat({ ctx: governor57(), seatId: civil, input: { partnerId: null } }), 403, undefined],
      ["anonymous", () => updateSeat({ ctx: anonymous(), seatId: civil, input: { partnerId: null } }), 401, undefined],
      ["ended seat", () => updateSeat({ ctx, seatId: ended, input: { partnerId: partner } }), 409, undefined],
      ["no seat", () => updateSeat({ ctx, seatId: "nope", input: { partnerId: null } }), 404, undefined],
    ] as const) {
      const err = await refusal(call());
      expect([err.status, err.fields?.[0]?.path], what).toEqual([status, path]);
    }
    const thrown = await updateSeat({ ctx, seatId: civil, input: { holderNameTh: " " } }).then(() => null, (e: unknown) => e);
    expect((thrown as { name?: string } | null)?.name).toBe("ZodError");
    // the same partner again is no change and no record
    await updateSeat({ ctx, seatId: civil, input: { partnerId: partner } });
    expect(await state()).toEqual(before);

    await updateSeat({ ctx, seatId: civil, input: { partnerId: null } });
    seat = (await getCommittee({ ctx, id: committee })).seats.find((s) => s.id === civil)!;
    expect([seat.partnerId, seat.partnerName]).toEqual([null, null]);
    expect(await listPartnerSeats({ ctx, partnerId: partner })).toEqual([]);
  });

  it("writes the seat's audit record in the change's own transaction", async () => {
    const ctx = governor31();
    const partner = await newPartner("ภาคีที่นั่งประวัติ");
    const { id: committee } = await createCommittee({ ctx, input: { kind: "advisory", provinceCode: "31", nameTh: "คณะทดสอบประวัติที่นั่ง", cadenceDays: 60 } });
    const { id: seat } = await addSeat({ ctx, committeeId: committee, input: { kind: "private", holderNameTh: "ผู้แทนภาคเอกชน" } });
    await failAuditWritesBy(db, "audit-boom-seatedit");
    const before = await state();
    const err = await updateSeat({ ctx: ctxFor(db, actor("governor", "area:province:31", "audit-boom-seatedit")), seatId: seat, input: { partnerId: partner } }).then(() => null, (e: unknown) => e);
    expect(errorChain(err)).toMatch(/audit write refused/);
    expect(await state()).toEqual(before);
  });
});
