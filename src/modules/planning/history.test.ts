import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, systemActor, type Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import type { AppError } from "../../platform/errors.js";
import { buildApp } from "../../server/app.js";
import en from "../../web/i18n/en.json";
import th from "../../web/i18n/th.json";
import { FIXED_NOW } from "../../../test/clock.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { addProcurement, makeProject } from "../../../test/planning-funds-fixture.js";
import { listHistory } from "../audit/list-history.js";
import { changeMatchingStatus } from "./change-matching-status.js";
import { juristicTaxId } from "./contracts-procurement.js";
import { createMatchingFund } from "./create-matching-fund.js";
import { createPlan } from "./create-plan.js";
import { createProcurement } from "./create-procurement.js";
import { createProject } from "./create-project.js";
import { getEmergencyRequest } from "./get-emergency-request.js";
import { getLeftoverPool } from "./get-leftover-pool.js";
import { getMatchingFund } from "./get-matching-fund.js";
import { getPlan } from "./get-plan.js";
import { getProcurement } from "./get-procurement.js";
import { getProjectPage } from "./get-project-page.js";
import { PLANNING_HISTORY_TYPES, type PlanningHistoryType } from "./history-scopes.js";
import { planningModule } from "./module.js";
import { openTender } from "./open-tender.js";
import { prioritisePlan } from "./prioritise-plan.js";
import { recordAllocationNotice } from "./record-allocation-notice.js";
import { recordAward } from "./record-award.js";
import { recordBudgetAct } from "./record-budget-act.js";
import { recordFrameShift } from "./record-frame-shift.js";
import { recordLeftoverFund } from "./record-leftover-fund.js";
import { recordOperatingPlan } from "./record-operating-plan.js";
import { screenEmergencyRequest } from "./screen-emergency-request.js";
import { submitEmergencyRequest } from "./submit-emergency-request.js";
import { updateProject } from "./update-project.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

let seq = 0;
/** A ctx whose clock reads `day` at 10:00 Bangkok (for the budget cycle of a later fiscal year). */
const at = (day: string, who: Actor = systemActor) => ({ ...ctxFor(db, who), now: () => new Date(`${day}T03:00:00Z`) });
const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);

const OWNER = "pro:76:agricultural-extension";
const admin = actor("administrator", "nation", "h-admin");
const pmoc = actor("pmoc_viewer", "nation", "h-pmoc");
const gov76 = actor("governor", "area:province:76", "h-gov-76");
const poc76 = actor("strategy_officer", "area:province:76", "h-poc-76");
const gov57 = actor("governor", "area:province:57", "h-gov-57");
const poc57 = actor("strategy_officer", "area:province:57", "h-poc-57");
const owner = actor("agency_officer", `org:${OWNER}`, "h-owner-officer");
const otherOffice = actor("agency_head", "org:pro:76:land", "h-land-head-76");
const doae = actor("department_officer", "org:moac.doae", "h-doae");
const dopa = actor("department_officer", "org:moi.dopa", "h-dopa");
const pao76 = actor("agency_officer", "org:pao:76", "h-pao-76");
const dpmC4 = actor("deputy_pm_office", "area:cluster:C4", "h-dpm-c4"); // the cluster of Phetchaburi
const dpmNE3 = actor("deputy_pm_office", "area:cluster:NE3", "h-dpm-ne3");
const citizen = actor("citizen", "nation", "h-citizen");

const history = (who: Actor, entityType: PlanningHistoryType, entityId: string) => listHistory({ ctx: ctxFor(db, who), input: { entityType, entityId } });

/** `readers` read the record's history (newest first: `actions`); `refused` get 403 (anonymous: 401) and nothing else. */
async function expectHistory(entityType: PlanningHistoryType, entityId: string, actions: string[], readers: Actor[], refused: Actor[]) {
  for (const who of readers) expect((await history(who, entityType, entityId)).items.map((i) => i.action), `${entityType} read by ${who.id}`).toEqual(actions);
  for (const who of [...refused, citizen]) {
    const e = await fail(history(who, entityType, entityId));
    expect([e?.status, e?.code], `${entityType} refused to ${who.id}`).toEqual([403, "auth.forbidden"]);
  }
  expect((await fail(history(anonymousActor, entityType, entityId)))?.status).toBe(401);
  return (await history(readers[0]!, entityType, entityId)).items;
}

describe("the change history of planning records (GET /history/:entityType/:entityId)", () => {
  it("a project: read by its owner office, the department above it and its province; not by another office, another province or a citizen", async () => {
    const p = await createProject({ ctx: ctxFor(db, poc76), input: { fiscalYear: 2570, provinceCode: "76", origin: "agency", ownerOrgId: OWNER, titleTh: "ส่งเสริมการปลูกมะนาวแป้นเพชรบุรี (ประวัติ)", goalIds: ["prov:76:goal:1.1"], areaCodes: ["760101"], budgetLines: [{ source: "province", amount: 300_000 }] } });
    await updateProject({ ctx: ctxFor(db, poc76), input: { id: p.id, version: p.version, titleTh: "ส่งเสริมการปลูกมะนาวแป้นเพชรบุรี ระยะที่ 2" } });
    const items = await expectHistory("project", p.id, ["planning.project.update", "planning.project.create"], [gov76, poc76, owner, doae, admin], [gov57, otherOffice, dopa]);
    expect(items[0]).toMatchObject({ actorName: "h-poc-76", before: { titleTh: "ส่งเสริมการปลูกมะนาวแป้นเพชรบุรี (ประวัติ)" }, after: { titleTh: "ส่งเสริมการปลูกมะนาวแป้นเพชรบุรี ระยะที่ 2" } });
    expect(items[1]).toMatchObject({ before: null, after: { code: p.code, ownerOrgId: OWNER } });
    expect(Date.parse(items[0]!.at)).toBeGreaterThanOrEqual(Date.parse(items[1]!.at));
    // the page says who may: the same rule
    for (const [who, may] of [[gov76, true], [owner, true], [doae, true], [otherOffice, false]] as const) {
      const page = await getProjectPage({ ctx: ctxFor(db, who), input: { id: p.id } }).catch(() => null);
      if (page) expect(page.may.history, `${who.id}`).toBe(may);
      else expect(may, `${who.id} cannot open the page`).toBe(false);
    }
  });

  it("a plan: read in its area (the province); staff elsewhere may open the published plan but not its history", async () => {
    const plan = await createPlan({ ctx: ctxFor(db, poc76), input: { fiscalYear: 2572, level: "province", areaId: "province:76" } });
    const a = await createProject({ ctx: ctxFor(db, poc76), input: { fiscalYear: 2572, provinceCode: "76", origin: "province", planId: plan.id, ownerOrgId: OWNER, titleTh: "ฟื้นฟูป่าชายเลนบ้านแหลม", goalIds: ["prov:76:goal:1.1"], budgetLines: [{ source: "province", amount: 500_000 }] } });
    const b = await createProject({ ctx: ctxFor(db, poc76), input: { fiscalYear: 2572, provinceCode: "76", origin: "province", planId: plan.id, ownerOrgId: OWNER, titleTh: "ตลาดเกษตรกรริมทางเพชรเกษม", goalIds: ["prov:76:goal:1.1"], budgetLines: [{ source: "province", amount: 200_000 }] } });
    const fresh = await getPlan({ ctx: ctxFor(db, poc76), input: { id: plan.id } });
    await prioritisePlan({ ctx: ctxFor(db, poc76), input: { planId: plan.id, version: fresh.version, order: [b.id, a.id] } });
    const items = await expectHistory("plan", plan.id, ["planning.plan.prioritise", "planning.plan.create"], [gov76, poc76, dpmC4, admin], [gov57, owner]);
    expect(items[0]!.after).toMatchObject({ order: [{ id: b.id, priority: 1 }, { id: a.id, priority: 2 }] });
    expect((await getPlan({ ctx: ctxFor(db, gov76), input: { id: plan.id } })).may.history).toBe(true);
    expect((await getPlan({ ctx: ctxFor(db, gov57), input: { id: plan.id } })).may.history).toBe(false);
  });

  it("a budget act: national, read by nation-wide grants only", async () => {
    await recordBudgetAct({ ctx: at("2031-09-20", admin), input: { fiscalYear: 2575, passedOn: "2031-09-18" } });
    await recordBudgetAct({ ctx: at("2031-09-25", admin), input: { fiscalYear: 2575, passedOn: "2031-09-19", referenceTh: "ราชกิจจานุเบกษา เล่ม 148" } });
    const items = await expectHistory("budget-act", "2575", ["planning.budget-act.update", "planning.budget-act.create"], [admin, pmoc], [gov76, poc76, doae]);
    expect(items[0]).toMatchObject({ before: { passedOn: "2031-09-18" }, after: { passedOn: "2031-09-19", referenceTh: "ราชกิจจานุเบกษา เล่ม 148" } });
  });

  it("an allocation notice, a frame shift and an operating plan: read by the province and by the sending department", async () => {
    await recordBudgetAct({ ctx: at("2032-09-20", admin), input: { fiscalYear: 2576, passedOn: "2032-09-18" } });
    const n = await recordAllocationNotice({ ctx: at("2032-10-05", doae), input: { fiscalYear: 2576, fromOrgId: "moac.doae", provinceCode: "76", total: 1_500_000, notifiedOn: "2032-10-04" } });
    const items = await expectHistory("allocation-notice", n.id, ["planning.allocation-notice.record"], [gov76, doae, admin], [gov57, dopa, owner]);
    expect(items[0]).toMatchObject({ before: null, after: { fromOrgId: "moac.doae", provinceCode: "76", total: "1500000.00" } });

    const f = await recordFrameShift({ ctx: at("2032-10-06", dopa), input: { fiscalYear: 2576, fromOrgId: "moi.dopa", provinceCode: "76", amount: 2_000_000, purposeTh: "ปรับกรอบวงเงินให้จังหวัดตามความต้องการของพื้นที่" } });
    await expectHistory("frame-shift", f.id, ["planning.frame-shift.record"], [poc76, dopa], [poc57, doae]);

    await recordOperatingPlan({ ctx: at("2032-10-10", poc76), input: { provinceCode: "76", fiscalYear: 2576 } });
    await recordOperatingPlan({ ctx: at("2032-10-20", poc76), input: { provinceCode: "76", fiscalYear: 2576, submittedOn: "2032-10-20" } });
    const op = await expectHistory("operating-plan", "76:2576", ["planning.operating-plan.record", "planning.operating-plan.record"], [gov76, poc76, admin], [gov57, doae]);
    expect(op[0]).toMatchObject({ before: { submittedOn: null }, after: { submittedOn: "2032-10-20" } });
  });

  it("a leftover fund and a matching fund: read by the province and by the owner office / the local government sharing it", async () => {
    const src = await makeProject(db, { budget: 5_000_000 });
    await addProcurement(db, src, "contract", 3_500_000);
    const fund = await recordLeftoverFund({ ctx: ctxFor(db, poc76), input: { projectId: src.id, amount: 1_000_000 } });
    const lf = await expectHistory("leftover-fund", fund.id, ["planning.leftover.record"], [gov76, owner, doae], [gov57, otherOffice]);
    expect(lf[0]!.after).toMatchObject({ amount: "1000000.00", projectId: src.id });
    expect((await getLeftoverPool({ ctx: ctxFor(db, gov76), input: { provinceCode: "76" } })).may.history).toBe(true);

    const p = await makeProject(db, { budget: 0 });
    const m = await createMatchingFund({ ctx: ctxFor(db, poc76), input: { projectId: p.id, localGovOrgId: "pao:76", provinceShare: 600_000, localShare: 400_000 } });
    await changeMatchingStatus({ ctx: ctxFor(db, gov76), input: { id: m.id, action: "agree", on: "2026-11-01" } });
    const mf = await expectHistory("matching-fund", m.id, ["planning.matching.agree", "planning.matching.create"], [gov76, poc76, pao76], [gov57, owner]);
    expect(mf[0]).toMatchObject({ actorName: "h-gov-76", before: { status: "proposed" }, after: { status: "agreed" } });
    expect((await getMatchingFund({ ctx: ctxFor(db, gov76), input: { id: m.id } })).may.history).toBe(true);
  });

  it("an emergency request: read by the province and the deputy PM's office over its cluster, not by another cluster's", async () => {
    const r = await submitEmergencyRequest({ ctx: ctxFor(db, gov76), input: { provinceCode: "76", titleTh: "น้ำท่วมฉับพลันอำเภอแก่งกระจาน", amount: 3_000_000, justificationTh: "น้ำป่าไหลหลากทำให้ถนนและสะพานเสียหาย", areaCodes: ["760101"], urgency: "immediate" } });
    await screenEmergencyRequest({ ctx: ctxFor(db, admin), input: { id: r.id, recommendation: "support", recommendedAmount: 2_500_000 } });
    const items = await expectHistory("emergency-request", r.id, ["planning.emergency.screen", "planning.emergency.submit"], [gov76, dpmC4, admin], [gov57, dpmNE3]);
    expect(items[0]).toMatchObject({ before: { status: "submitted", screening: null }, after: { status: "screened", screening: { recommendation: "support", recommendedAmount: "2500000.00" } } });
    expect((await getEmergencyRequest({ ctx: ctxFor(db, dpmC4), input: { id: r.id } })).may.history).toBe(true);
  });

  it("a procurement: read by its buyer and province; its public page gives the public no history", async () => {
    const project = await makeProject(db, { budget: 2_000_000 });
    const created = await createProcurement({ ctx: ctxFor(db, owner), input: { projectId: project.id, titleTh: "ก่อสร้างฝายชะลอน้ำบ้านลาด", method: "open", methodDetailsTh: "e-bidding", category: "works", plannedValue: 1_000_000 } });
    const t = await openTender({ ctx: ctxFor(db, owner), input: { id: created.id, version: created.version, tenderValue: 950_000, tenderStart: "2026-10-01", tenderEnd: "2026-10-20" } });
    const tenderers = [{ nameTh: "บริษัท เพชรบุรีโยธา จำกัด", taxId: juristicTaxId(107_600_001), bidAmount: 900_000 }, { nameTh: "ห้างหุ้นส่วนจำกัด บ้านลาดก่อสร้าง", taxId: juristicTaxId(107_600_002), bidAmount: 940_000 }];
    await recordAward({ ctx: ctxFor(db, owner), input: { id: t.id, version: t.version, tenderers, supplierTaxId: tenderers[0]!.taxId, awardAmount: 900_000, awardDate: "2026-10-25" } });
    const items = await expectHistory("procurement", created.id, ["planning.procurement.award", "planning.procurement.tender", "planning.procurement.create"], [owner, gov76, poc76, doae], [gov57, otherOffice]);
    expect(items[0]).toMatchObject({ before: { stage: "tender", version: 2 }, after: { stage: "award", version: 3 } });
    expect(items[1]).toMatchObject({ before: { stage: "planning" }, after: { stage: "tender" } });
    // PDPA: the parties a history names are juristic persons (tax ids with a leading 0; a personal id is refused at the door)
    const named = JSON.stringify(items.map((i) => i.after)).match(/\b\d{13}\b/g) ?? [];
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((id) => id.startsWith("0"))).toBe(true);
    for (const [who, may] of [[owner, true], [gov76, true], [gov57, false], [citizen, false], [anonymousActor, false]] as const) {
      const page = await getProcurement({ ctx: ctxFor(db, who), input: { id: created.id } });
      expect([page.may.history, page.history.length > 0], `${who.id}`).toEqual([may, may]);
    }
  });

  it("an unknown record's history is read by nation-wide grants only (and is empty); every planning record type is served", async () => {
    for (const type of PLANNING_HISTORY_TYPES) {
      expect((await history(admin, type, "no-such-record")).items, type).toEqual([]);
      expect((await fail(history(gov76, type, "no-such-record")))?.status, type).toBe(403);
    }
    // every entity type the planning use cases audit is one the endpoint serves
    const audited = (await db.query<{ t: string }>("select distinct entity_type as t from audit_log where action like 'planning.%'")).map((r) => r.t);
    expect(audited.length).toBeGreaterThanOrEqual(8);
    for (const t of audited) expect(PLANNING_HISTORY_TYPES as readonly string[], t).toContain(t);
    // and every planning audit action the module declares is labelled in the web's history panel, in Thai and English
    const label = (tree: unknown, action: string) => action.split(".").reduce<unknown>((n, k) => (n && typeof n === "object" ? (n as Record<string, unknown>)[k] : undefined), (tree as { history: { actionLabels: unknown } }).history.actionLabels);
    for (const a of planningModule.auditActions) for (const [lang, tree] of [["th", th], ["en", en]] as const) expect(typeof label(tree, a), `${lang}: ${a}`).toBe("string");
  });
});

describe("GET /api/v1/history over HTTP", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null, rateLimitMax: 1_000_000 });
    await app.ready();
  });
  afterAll(async () => app?.close());
  const login = async (username: string) => {
    const r = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password: "changwat-demo" } });
    expect(r.statusCode).toBe(200);
    return { cookie: String(r.headers["set-cookie"]).split(";")[0]! };
  };

  it("serves a Phetchaburi project's history to its governor, refuses Chiang Rai's governor, a citizen and the public", async () => {
    const p = await createProject({ ctx: ctxFor(db, poc76), input: { fiscalYear: 2570, provinceCode: "76", origin: "agency", ownerOrgId: OWNER, titleTh: `ปรับปรุงแหล่งน้ำชุมชน ${seq++}`, goalIds: ["prov:76:goal:1.1"], budgetLines: [{ source: "province", amount: 100_000 }] } });
    const url = `/api/v1/history/project/${p.id}`;
    const ok = await app.inject({ method: "GET", url, headers: await login("governor.phetchaburi") });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.map((i: { action: string }) => i.action)).toEqual(["planning.project.create"]);
    expect((await app.inject({ method: "GET", url, headers: await login("governor.chiangrai") })).statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url, headers: await login("citizen") })).statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url })).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: "/api/v1/history/planning-thing/x", headers: await login("governor.phetchaburi") })).statusCode).toBe(400);
  });
});
