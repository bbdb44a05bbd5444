import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { cancelProcurement } from "./cancel-procurement.js";
import { completeProcurement } from "./complete-procurement.js";
import { isValidThaiTaxId, juristicTaxId } from "./contracts-procurement.js";
import { createProcurement } from "./create-procurement.js";
import { createProject } from "./create-project.js";
import { getProcurement } from "./get-procurement.js";
import { getProjectTimeline } from "./get-project-timeline.js";
import { listProcurements } from "./list-procurements.js";
import { openTender } from "./open-tender.js";
import { recordAward } from "./record-award.js";
import { recordPayment } from "./record-payment.js";
import { signContract } from "./sign-contract.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const tin = juristicTaxId;

let seq = 0;
const OWNER = "pro:76:agricultural-extension";
const poc = (p = "76"): Actor => actor("strategy_officer", `area:province:${p}`, `poc-${p}-${seq++}`);
const officer = (org = OWNER): Actor => actor("agency_officer", `org:${org}`, `officer-${seq++}`);
const as = (a: Actor = poc()) => ctxFor(db, a);
const count = async (table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
const audits = async (id: string) => (await db.query<{ action: string }>("select action from audit_log where entity_id = $1 order by id", [id])).map((r) => r.action);

async function project(fiscalYear = 2570, budget = 2_000_000) {
  return createProject({ ctx: as(), input: { fiscalYear, provinceCode: "76", origin: "agency", ownerOrgId: OWNER, titleTh: `ปรับปรุงแหล่งน้ำเพื่อการเกษตร ${seq++}`, goalIds: ["prov:76:goal:1.1"], areaCodes: ["760101"], budgetLines: [{ source: "province", amount: budget }] } });
}
const plan = async (projectId: string, plannedValue = 1_000_000) => createProcurement({ ctx: as(), input: { projectId, titleTh: "ก่อสร้างฝายชะลอน้ำ", method: "open", methodDetailsTh: "e-bidding", category: "works", plannedValue } });
const tenderers = [
  { nameTh: "บริษัท ตัวอย่างก่อสร้าง จำกัด", taxId: tin(105_500_001), bidAmount: 900_000 },
  { nameTh: "ห้างหุ้นส่วนจำกัด ตัวอย่างโยธา", taxId: tin(105_500_002), bidAmount: 950_000 },
];
async function toTender(projectId?: string) {
  const p = await plan(projectId ?? (await project()).id);
  return openTender({ ctx: as(), input: { id: p.id, version: p.version, tenderValue: 950_000, tenderStart: "2026-10-01", tenderEnd: "2026-10-20" } });
}
async function toContract() {
  const t = await toTender();
  const a = await recordAward({ ctx: as(), input: { id: t.id, version: t.version, tenderers, supplierTaxId: tenderers[0]!.taxId, awardAmount: 900_000, awardDate: "2026-10-25" } });
  return signContract({ ctx: as(), input: { id: a.id, version: a.version, contractNo: "76/2570", contractAmount: 890_000, signedOn: "2026-11-01", periodStart: "2026-11-02", periodEnd: "2027-03-31" } });
}

describe("the tax id check digit", () => {
  it("accepts the published check digit and refuses any other", () => {
    expect(isValidThaiTaxId("0105536092641")).toBe(true); // weights 13..2 give 252; (11 − 252 mod 11) mod 10 = 1
    expect(isValidThaiTaxId("0105536092642")).toBe(false);
    expect(isValidThaiTaxId(tin(1))).toBe(true);
    expect(isValidThaiTaxId("010553609264")).toBe(false);
  });
});

describe("a procurement from planning to completion", () => {
  it("walks every stage, bumping the version and writing one audit record per step", async () => {
    const c = await toContract();
    expect(c.stage).toBe("contract");
    expect(c.contracts[0]).toMatchObject({ contractAmount: "890000.00", awardAmount: "900000.00", status: "active", supplierNameTh: "บริษัท ตัวอย่างก่อสร้าง จำกัด" });
    const p1 = await recordPayment({ ctx: as(), input: { id: c.id, version: c.version, amount: 400_000, paidOn: "2026-11-10" } });
    const p2 = await recordPayment({ ctx: as(), input: { id: p1.id, version: p1.version, amount: 490_000, paidOn: "2026-11-22" } });
    expect(p2).toMatchObject({ stage: "implementation", paid: "890000.00" });
    const done = await completeProcurement({ ctx: as(), input: { id: p2.id, version: p2.version, completedOn: "2026-11-22" } });
    expect(done).toMatchObject({ stage: "complete", version: 7, completedOn: "2026-11-22", releaseId: `${done.ocid}-7` });
    expect(done.contracts[0]!.status).toBe("terminated");
    expect(await audits(done.id)).toEqual(["planning.procurement.create", "planning.procurement.tender", "planning.procurement.award", "planning.procurement.contract", "planning.procurement.payment", "planning.procurement.payment", "planning.procurement.complete"]);
    expect(done.ocid).toMatch(/^ocds-[a-z0-9]{6}-/);
    expect(done).toMatchObject({ provinceCode: "76", fiscalYear: 2570, buyerOrgId: OWNER });
  });

  it("refuses a step out of order (a contract before the award, a payment before the contract)", async () => {
    const t = await toTender();
    await expect(signContract({ ctx: as(), input: { id: t.id, version: t.version, contractNo: "x", contractAmount: 1, signedOn: "2026-11-01", periodStart: "2026-11-01", periodEnd: "2026-11-02" } })).rejects.toMatchObject({ status: 422, code: "planning.procurement.stage-order" });
    await expect(recordPayment({ ctx: as(), input: { id: t.id, version: t.version, amount: 1, paidOn: "2026-11-01" } })).rejects.toMatchObject({ code: "planning.procurement.stage-order" });
    await expect(completeProcurement({ ctx: as(), input: { id: t.id, version: t.version, completedOn: "2026-11-01" } })).rejects.toMatchObject({ code: "planning.procurement.stage-order" });
    expect((await getProcurement({ ctx: as(), input: { id: t.id } })).version).toBe(t.version);
  });

  it("refuses a stale version (someone else recorded a step first)", async () => {
    const p = await plan((await project()).id);
    await openTender({ ctx: as(), input: { id: p.id, version: p.version, tenderValue: 1, tenderStart: "2026-10-01", tenderEnd: "2026-10-02" } });
    await expect(openTender({ ctx: as(), input: { id: p.id, version: p.version, tenderValue: 2, tenderStart: "2026-10-01", tenderEnd: "2026-10-02" } })).rejects.toMatchObject({ status: 409, code: "planning.procurement.version-conflict" });
  });
});

describe("amounts", () => {
  it("keeps the planned values of a project's live processes within its budget (exactly the budget passes)", async () => {
    const pr = await project(2570, 1_000_000);
    const a = await plan(pr.id, 600_000);
    await expect(plan(pr.id, 400_000.01)).rejects.toMatchObject({ status: 422, code: "planning.procurement.over-project-budget" });
    await cancelProcurement({ ctx: as(), input: { id: a.id, version: a.version, outcome: "cancelled", reasonTh: "เปลี่ยนแผน", closedOn: "2026-11-01" } });
    await plan(pr.id, 1_000_000); // a cancelled process frees its share
    await expect(plan(pr.id, 0.01)).rejects.toMatchObject({ code: "planning.procurement.over-project-budget" });
  });

  it("refuses a tender estimate above the planned value", async () => {
    const p = await plan((await project()).id, 500_000);
    await expect(openTender({ ctx: as(), input: { id: p.id, version: 1, tenderValue: 500_000.01, tenderStart: "2026-10-01", tenderEnd: "2026-10-20" } })).rejects.toMatchObject({ code: "planning.procurement.tender-over-plan" });
    await openTender({ ctx: as(), input: { id: p.id, version: 1, tenderValue: 500_000, tenderStart: "2026-10-01", tenderEnd: "2026-10-20" } });
  });

  it("allows an award above the estimate only with a justification, never above the bid or the planned value", async () => {
    const t = await toTender(); // estimate 950,000, planned 1,000,000
    const bids = [{ nameTh: "บริษัท ตัวอย่าง จำกัด", taxId: tin(7), bidAmount: 990_000 }, { nameTh: "บริษัท ตัวอย่างสอง จำกัด", taxId: tin(8), bidAmount: 1_200_000 }];
    const base = { id: t.id, version: t.version, tenderers: bids, supplierTaxId: tin(7), awardDate: "2026-10-20" };
    await expect(recordAward({ ctx: as(), input: { ...base, awardAmount: 950_000.01 } })).rejects.toMatchObject({ status: 422, code: "planning.procurement.award-over-tender" });
    await expect(recordAward({ ctx: as(), input: { ...base, awardAmount: 990_000.01, justificationTh: "ราคาวัสดุก่อสร้างสูงขึ้นตามดัชนี" } })).rejects.toMatchObject({ code: "validation.failed", fields: [{ path: "awardAmount", code: "planning.procurement.award-over-bid" }] });
    await expect(recordAward({ ctx: as(), input: { ...base, supplierTaxId: tin(8), awardAmount: 1_000_000.01, justificationTh: "ราคาวัสดุก่อสร้างสูงขึ้นตามดัชนี" } })).rejects.toMatchObject({ code: "planning.procurement.award-over-plan" });
    expect(await count(`procurement_parties where procurement_id = '${t.id}'`)).toBe(0);
    const a = await recordAward({ ctx: as(), input: { ...base, awardAmount: 960_000, justificationTh: "ราคาวัสดุก่อสร้างสูงขึ้นตามดัชนี" } });
    expect(a.contracts[0]).toMatchObject({ awardAmount: "960000.00", awardJustificationTh: "ราคาวัสดุก่อสร้างสูงขึ้นตามดัชนี" });
    // exactly the estimate needs no justification
    const t2 = await toTender();
    await recordAward({ ctx: as(), input: { ...base, id: t2.id, version: t2.version, awardAmount: 950_000 } });
  });

  it("refuses a contract above the award and payments beyond the contract (exactly the contract passes)", async () => {
    const t = await toTender();
    const a = await recordAward({ ctx: as(), input: { id: t.id, version: t.version, tenderers, supplierTaxId: tenderers[0]!.taxId, awardAmount: 900_000, awardDate: "2026-10-25" } });
    const sign = { id: a.id, version: a.version, contractNo: "1/2570", signedOn: "2026-11-01", periodStart: "2026-11-01", periodEnd: "2027-01-31" };
    await expect(signContract({ ctx: as(), input: { ...sign, contractAmount: 900_000.01 } })).rejects.toMatchObject({ code: "planning.procurement.contract-over-award" });
    const c = await signContract({ ctx: as(), input: { ...sign, contractAmount: 900_000 } });
    const p = await recordPayment({ ctx: as(), input: { id: c.id, version: c.version, amount: 899_999.99, paidOn: "2026-11-05" } });
    await expect(recordPayment({ ctx: as(), input: { id: p.id, version: p.version, amount: 0.02, paidOn: "2026-11-06" } })).rejects.toMatchObject({ code: "planning.procurement.payment-over-contract" });
    const last = await recordPayment({ ctx: as(), input: { id: p.id, version: p.version, amount: 0.01, paidOn: "2026-11-06" } });
    expect(last.paid).toBe("900000.00");
  });

  it("refuses a tenderer listed twice, a winner who did not bid and a personal id number", async () => {
    const t = await toTender();
    const base = { id: t.id, version: t.version, awardAmount: 900_000, awardDate: "2026-10-25" };
    await expect(recordAward({ ctx: as(), input: { ...base, tenderers: [tenderers[0]!, tenderers[0]!], supplierTaxId: tenderers[0]!.taxId } })).rejects.toMatchObject({ fields: [{ code: "planning.procurement.duplicate-tenderer" }] });
    await expect(recordAward({ ctx: as(), input: { ...base, tenderers, supplierTaxId: tin(99) } })).rejects.toMatchObject({ fields: [{ code: "planning.procurement.supplier-not-tenderer" }] });
    // a citizen's id (leading 1) with a valid check digit is personal data, refused
    const citizen = "1101700203450";
    expect(isValidThaiTaxId(citizen)).toBe(true);
    await expect(recordAward({ ctx: as(), input: { ...base, tenderers: [{ nameTh: "นาย ก", taxId: citizen, bidAmount: 1 }], supplierTaxId: citizen } })).rejects.toMatchObject({ status: 400, fields: expect.arrayContaining([expect.objectContaining({ path: "tenderers.0.taxId" })]) });
    await expect(recordAward({ ctx: as(), input: { ...base, tenderers: [{ ...tenderers[0]!, taxId: "0105536092642" }], supplierTaxId: "0105536092642" } })).rejects.toMatchObject({ status: 400 });
  });
});

describe("dates", () => {
  it("lets a tender open from the start of the previous fiscal year and close by the end of the project's (boundaries)", async () => {
    const pr = await project(2570, 10_000_000);
    const p = await plan(pr.id);
    const base = { id: p.id, version: 1, tenderValue: 1 };
    await expect(openTender({ ctx: as(), input: { ...base, tenderStart: "2025-09-30", tenderEnd: "2025-10-30" } })).rejects.toMatchObject({ fields: [{ path: "tenderStart", code: "planning.procurement.tender-too-early" }] });
    await expect(openTender({ ctx: as(), input: { ...base, tenderStart: "2027-09-01", tenderEnd: "2027-10-01" } })).rejects.toMatchObject({ fields: [{ path: "tenderEnd", code: "planning.procurement.tender-after-fiscal-year" }] });
    await expect(openTender({ ctx: as(), input: { ...base, tenderStart: "2026-10-02", tenderEnd: "2026-10-01" } })).rejects.toMatchObject({ fields: [{ path: "tenderEnd", code: "planning.dates-order" }] });
    await openTender({ ctx: as(), input: { ...base, tenderStart: "2025-10-01", tenderEnd: "2027-09-30" } });
  });

  it("awards from the tender's closing day, not before, and never in the future", async () => {
    const t = await toTender(); // closes 2026-10-20
    const base = { id: t.id, version: t.version, tenderers, supplierTaxId: tenderers[0]!.taxId, awardAmount: 900_000 };
    await expect(recordAward({ ctx: as(), input: { ...base, awardDate: "2026-10-19" } })).rejects.toMatchObject({ fields: [{ path: "awardDate", code: "planning.dates-order" }] });
    await expect(recordAward({ ctx: as(), input: { ...base, awardDate: "2026-11-23" } })).rejects.toMatchObject({ fields: [{ path: "awardDate", code: "planning.procurement.date-in-future" }] });
    await recordAward({ ctx: as(), input: { ...base, awardDate: "2026-10-20" } });
  });

  it("signs only within the project's fiscal year: 30 September passes, 1 October does not", async () => {
    const setup = async () => {
      const pr = await project(2569);
      const p = await plan(pr.id);
      const t = await openTender({ ctx: as(), input: { id: p.id, version: 1, tenderValue: 950_000, tenderStart: "2026-08-01", tenderEnd: "2026-08-20" } });
      return recordAward({ ctx: as(), input: { id: t.id, version: t.version, tenderers, supplierTaxId: tenderers[0]!.taxId, awardAmount: 900_000, awardDate: "2026-09-01" } });
    };
    const a = await setup();
    const sign = { contractNo: "9/2569", contractAmount: 900_000, periodEnd: "2027-03-01" };
    await expect(signContract({ ctx: as(), input: { ...sign, id: a.id, version: a.version, signedOn: "2026-10-01", periodStart: "2026-10-01" } })).rejects.toMatchObject({ fields: [{ path: "signedOn", code: "planning.procurement.contract-after-fiscal-year" }] });
    await expect(signContract({ ctx: as(), input: { ...sign, id: a.id, version: a.version, signedOn: "2026-08-31", periodStart: "2026-09-01" } })).rejects.toMatchObject({ fields: [{ path: "signedOn", code: "planning.dates-order" }] });
    await expect(signContract({ ctx: as(), input: { ...sign, id: a.id, version: a.version, signedOn: "2026-09-30", periodStart: "2026-09-29" } })).rejects.toMatchObject({ fields: [{ path: "periodStart" }] });
    await signContract({ ctx: as(), input: { ...sign, id: a.id, version: a.version, signedOn: "2026-09-30", periodStart: "2026-09-30" } });
  });

  it("pays from the signing day to today and completes not before the last payment", async () => {
    const c = await toContract(); // signed 2026-11-01
    await expect(recordPayment({ ctx: as(), input: { id: c.id, version: c.version, amount: 1, paidOn: "2026-10-31" } })).rejects.toMatchObject({ fields: [{ path: "paidOn", code: "planning.dates-order" }] });
    await expect(recordPayment({ ctx: as(), input: { id: c.id, version: c.version, amount: 1, paidOn: "2026-11-23" } })).rejects.toMatchObject({ fields: [{ code: "planning.procurement.date-in-future" }] });
    const p = await recordPayment({ ctx: as(), input: { id: c.id, version: c.version, amount: 1, paidOn: "2026-11-15" } });
    await expect(completeProcurement({ ctx: as(), input: { id: p.id, version: p.version, completedOn: "2026-11-14" } })).rejects.toMatchObject({ fields: [{ path: "completedOn" }] });
    await completeProcurement({ ctx: as(), input: { id: p.id, version: p.version, completedOn: "2026-11-15" } });
  });
});

describe("cancelled and unsuccessful", () => {
  it("declares a tender unsuccessful only while it is a tender; cancels an unsigned award (and its award), never a signed contract", async () => {
    const p = await plan((await project()).id);
    await expect(cancelProcurement({ ctx: as(), input: { id: p.id, version: 1, outcome: "unsuccessful", reasonTh: "ไม่มีผู้ยื่น", closedOn: "2026-11-01" } })).rejects.toMatchObject({ code: "planning.procurement.stage-order" });
    const t = await toTender();
    const u = await cancelProcurement({ ctx: as(), input: { id: t.id, version: t.version, outcome: "unsuccessful", reasonTh: "ไม่มีผู้ยื่นข้อเสนอ", closedOn: "2026-10-21" } });
    expect(u).toMatchObject({ stage: "unsuccessful", closedReasonTh: "ไม่มีผู้ยื่นข้อเสนอ" });
    const t2 = await toTender();
    const a = await recordAward({ ctx: as(), input: { id: t2.id, version: t2.version, tenderers, supplierTaxId: tenderers[0]!.taxId, awardAmount: 900_000, awardDate: "2026-10-25" } });
    const x = await cancelProcurement({ ctx: as(), input: { id: a.id, version: a.version, outcome: "cancelled", reasonTh: "ผู้ชนะไม่มาทำสัญญา", closedOn: "2026-11-01" } });
    expect(x.contracts[0]!.status).toBe("cancelled");
    const c = await toContract();
    await expect(cancelProcurement({ ctx: as(), input: { id: c.id, version: c.version, outcome: "cancelled", reasonTh: "x", closedOn: "2026-11-02" } })).rejects.toMatchObject({ code: "planning.procurement.stage-order" });
  });
});

describe("permissions", () => {
  it("lets the owner's officers and the province's strategy office write; not another office, province, role or anonymous", async () => {
    const pr = await project(2570, 50_000_000);
    const input = { projectId: pr.id, titleTh: "จัดซื้อ", method: "direct" as const, category: "goods" as const, plannedValue: 1000 };
    const may: Actor[] = [officer(), actor("agency_head", `org:${OWNER}`), poc("76"), actor("agency_officer", "org:moac.doae")];
    const mayNot: [Actor, number][] = [
      [officer("pro:76:land"), 403],
      [poc("57"), 403],
      [actor("governor", "area:province:76"), 403],
      [actor("citizen", "nation"), 403],
      [{ kind: "anonymous", id: null, name: "anonymous", grants: [] } as unknown as Actor, 401],
    ];
    for (const a of may) await expect(createProcurement({ ctx: as(a), input })).resolves.toMatchObject({ stage: "planning" });
    const before = await count("procurements");
    for (const [a, status] of mayNot) await expect(createProcurement({ ctx: as(a), input })).rejects.toMatchObject({ status });
    const t = await toTender();
    for (const [a, status] of mayNot) await expect(recordAward({ ctx: as(a), input: { id: t.id, version: t.version, tenderers, supplierTaxId: tenderers[0]!.taxId, awardAmount: 1, awardDate: "2026-10-25" } })).rejects.toMatchObject({ status });
    expect(await count("procurements")).toBe(before + 1);
    expect((await getProcurement({ ctx: as(), input: { id: t.id } })).stage).toBe("tender");
  });

  it("shows the process to anyone, with its audit trail and write rights only for the province's staff", async () => {
    const t = await toTender();
    const anon = await getProcurement({ ctx: as({ kind: "anonymous", id: null, name: "anonymous", grants: [] } as unknown as Actor), input: { id: t.id } });
    expect(anon).toMatchObject({ canWrite: false, history: [] });
    const staff = await getProcurement({ ctx: as(), input: { id: t.id } });
    expect(staff.canWrite).toBe(true);
    expect(staff.history.map((h) => h.action)).toEqual(["planning.procurement.tender", "planning.procurement.create"]);
  });
});

describe("bad input changes nothing", () => {
  it("leaves every table as it was after refused steps", async () => {
    const c = await toContract();
    const tables = ["procurements", "procurement_parties", "procurement_contracts", "procurement_payments", "audit_log"];
    const snap = async () => Promise.all(tables.map(count));
    const before = await snap();
    const bad = [
      () => createProcurement({ ctx: as(), input: { projectId: "nope", titleTh: "x", method: "open", category: "works", plannedValue: 1 } }),
      () => createProcurement({ ctx: as(), input: { projectId: c.projectId, titleTh: "", method: "auction" as never, category: "works", plannedValue: -1 } }),
      () => recordPayment({ ctx: as(), input: { id: c.id, version: c.version, amount: 1.001, paidOn: "2026-11-10" } }),
      () => recordPayment({ ctx: as(), input: { id: c.id, version: c.version, amount: 10_000_000, paidOn: "2026-11-10" } }),
      () => recordPayment({ ctx: as(), input: { id: c.id, version: c.version + 1, amount: 1, paidOn: "2026-11-10" } }),
      () => signContract({ ctx: as(), input: { id: c.id, version: c.version, contractNo: "x", contractAmount: 1, signedOn: "2026-02-30", periodStart: "2026-11-01", periodEnd: "2026-11-01" } }),
      () => completeProcurement({ ctx: as(), input: { id: c.id, version: c.version, completedOn: "2026-11-20" } }),
    ];
    for (const f of bad) await expect(f()).rejects.toMatchObject({ status: expect.any(Number) });
    for (const f of bad) await f().catch((e: { status: number }) => expect(e.status).toBeGreaterThanOrEqual(400));
    expect(await snap()).toEqual(before);
  });
});

describe("the list", () => {
  it("filters by province, fiscal year, stage and method, searches titles and pages", async () => {
    await toContract();
    const all = await listProcurements({ ctx: as(), input: { provinceCode: "76", fiscalYear: 2570, limit: 500 } });
    expect(all.total).toBeGreaterThan(3);
    const contracts = await listProcurements({ ctx: as(), input: { stage: "contract", method: "open", limit: 500 } });
    expect(contracts.items.length).toBeGreaterThan(0);
    for (const x of contracts.items) expect([x.stage, x.method]).toEqual(["contract", "open"]);
    const page = await listProcurements({ ctx: as(), input: { provinceCode: "76", limit: 2, offset: 2, sort: "title" } });
    expect(page.items).toHaveLength(2);
    expect((await listProcurements({ ctx: as(), input: { q: "ฝายชะลอ" } })).total).toBeGreaterThan(0);
    expect((await listProcurements({ ctx: as(), input: { provinceCode: "57", q: "ฝายชะลอ" } })).total).toBe(0);
  });
});

describe("the demo tells one project's whole story", () => {
  it("a FY 2569 One Plan project of each pilot province runs from proposal through allocation, contract and progress to its outcome", async () => {
    const demo = db; // a copy of the demo-seeded template
    {
      for (const p of ["57", "34", "31", "40", "76"]) {
        const [done] = await demo.query<{ id: string; stage: string; paid: string; contract: string }>(
          `select pr.id, pr.stage, (select coalesce(sum(amount), 0)::text from procurement_payments y where y.procurement_id = pr.id) as paid, c.contract_amount::text as contract
             from procurements pr join projects p on p.id = pr.project_id join procurement_contracts c on c.procurement_id = pr.id where p.code = $1`, [`DEMO-${p}-2569-03`]);
        expect(done, p).toMatchObject({ stage: "complete" });
        expect(done!.paid).toBe(done!.contract);
        const [running] = await demo.query<{ stage: string }>("select pr.stage from procurements pr join projects p on p.id = pr.project_id where p.code = $1", [`DEMO-${p}-2569-01`]);
        expect(running, p).toMatchObject({ stage: "implementation" });
      }
      const [pb] = await demo.query<{ id: string }>("select id from projects where code = 'DEMO-76-2569-03'");
      const t = await getProjectTimeline({ ctx: ctxFor(demo, actor("governor", "area:province:76")), input: { id: pb!.id } });
      for (const kind of ["proposed", "approved", "allocation", "procurement", "contract", "progress", "milestone"]) expect(t.events.map((e) => e.kind), kind).toContain(kind);
      // payments never run ahead of what the project disbursed
      const [r] = await demo.query<{ paid: string; disbursed: string }>(
        `select (select sum(amount) from procurement_payments y join procurements pr on pr.id = y.procurement_id where pr.project_id = $1)::text as paid,
                (select sum(disbursed) from project_progress where project_id = $1 and month <= '2026-08-01')::text as disbursed`, [pb!.id]);
      expect(Number(r!.paid)).toBeLessThanOrEqual(Number(r!.disbursed) + 1);
      // the waste plant: still running, amended under the governor's delegation, with its outcome KPI
      const [wp] = await demo.query<{ id: string }>("select id from projects where code = 'DEMO-76-2569-01'");
      const w = await getProjectTimeline({ ctx: ctxFor(demo, actor("governor", "area:province:76")), input: { id: wp!.id } });
      for (const kind of ["proposed", "approved", "procurement", "contract", "progress", "amendment", "outcome"]) expect(w.events.map((e) => e.kind), kind).toContain(kind);
    }
  });
});
