import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type Actor } from "../../platform/auth/actor.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import type { Database } from "../../platform/db/client.js";
import { rowsOf } from "../../platform/db/rows.js";
import { addDays } from "../../platform/thai/dates.js";
import { configureWebhooks, deliverDue } from "../../platform/webhooks/index.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { addActionItem, updateActionItem } from "../committees/action-items.js";
import { addAgendaItem } from "../committees/agenda.js";
import { createCommittee } from "../committees/create-committee.js";
import { holdMeeting } from "../committees/hold-meeting.js";
import { recordResolution } from "../committees/record-resolution.js";
import { scheduleMeeting } from "../committees/schedule-meeting.js";
import { addSeat } from "../committees/seats.js";
import { createDelegation } from "../delegation/create-delegation.js";
import { createPower } from "../delegation/create-power.js";
import { revokeDelegation } from "../delegation/revoke-delegation.js";
import { createAgreement as createPartnerAgreement } from "../networks/create-agreement.js";
import { createPartner } from "../networks/create-partner.js";
import { endAgreement } from "../networks/end-agreement.js";
import { recordContribution } from "../networks/record-contribution.js";
import { evaluateAlerts } from "../oversight/evaluate-alerts.js";
import { closeRound } from "../performance/close-round.js";
import { createKpi } from "../performance/create-kpi.js";
import { reviewMeasurement } from "../performance/review-measurement.js";
import { submitMeasurement } from "../performance/submit-measurement.js";
import { changeProjectStatus } from "../planning/change-project-status.js";
import { juristicTaxId } from "../planning/contracts-procurement.js";
import { createProcurement } from "../planning/create-procurement.js";
import { createProject } from "../planning/create-project.js";
import { openTender } from "../planning/open-tender.js";
import { recordAward } from "../planning/record-award.js";
import { recordPayment } from "../planning/record-payment.js";
import { recordProgress } from "../planning/record-progress.js";
import { signContract } from "../planning/sign-contract.js";
import { updateProject } from "../planning/update-project.js";
import { EVENT_TYPE_CHOICES, FEED_EVENT_TYPE_CHOICES, MODULE_EVENT_TYPES, type ModuleEventType } from "./contracts.js";
import { createSubscription } from "./create-subscription.js";
import { listEvents } from "./list-events.js";

/**
 * Issue 7's data links between operation centres: every module's change (not only cases) reaches other systems as
 * a signed webhook and in the event feed, written in the change's own transaction, in the change's province only,
 * and with no person in it.
 */
let db: Database;
let receiver: http.Server;
let base = "";
const got: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  db = await createTestDb();
  configureWebhooks({ allowPrivate: true, publicUrl: "https://changwat.example.go.th" });
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
  await db?.close();
});

const TODAY = "2026-11-22"; // FIXED_NOW in Bangkok
const day = (n: number) => addDays(TODAY, n);
const q = <T = Record<string, unknown>>(s: string, p: unknown[] = []) => db.query<T>(s, p);
/** Every acting official is named "evactor-…": no event may say who acted. */
const who = (role: Parameters<typeof actor>[0], scope: string, name: string): Actor => actor(role, scope, `evactor-${name}`);
const as = (a: Actor): Ctx => ctxFor(db, a);
const sys = () => ctxFor(db, systemActor);
/** A person planted in every free-text field the steps write: never in an event. */
const PERSON = "นางสาวมาลีลับ เหตุการณ์ทดสอบ";
const PHONE = "0819876543";
const EMAIL = "malee.secret@example.invalid";
const PII_TEXT = `ติดต่อ ${PERSON} โทร ${PHONE} ${EMAIL}`;

/** The receivers' side, from the Standard Webhooks spec (not our signer). */
function verifyStandardWebhook(secret: string, headers: http.IncomingHttpHeaders, body: string, nowSeconds: number): boolean {
  const id = String(headers["webhook-id"] ?? "");
  const ts = String(headers["webhook-timestamp"] ?? "");
  const sigs = String(headers["webhook-signature"] ?? "").split(" ");
  if (!id || !/^\d+$/.test(ts) || Math.abs(nowSeconds - Number(ts)) > 300) return false;
  const key = Buffer.from(secret.split("_")[1]!, "base64");
  const expected = createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest();
  return sigs.some((s) => {
    const [version, b64] = s.split(",");
    const given = Buffer.from(b64 ?? "", "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

type Step = {
  type: ModuleEventType;
  province: string;
  /** the id the event is about: its entity, or (alerts) the record the alert is about */
  key: () => string;
  run: (ctx: Ctx) => Promise<unknown>;
  /** who does it; an outsider (another province, another office) is refused and emits nothing */
  actor: () => Actor;
  outsider?: Actor;
  /** figures the event must carry */
  expectData: () => Record<string, unknown>;
};

const ids: Record<string, string> = {};
/** Through the step's ctx: inside the rolled-back transaction a query on the side would wait for it (PGlite has one connection). */
const version = async (ctx: Ctx, table: "projects" | "procurements", id: string) => rowsOf<{ v: number }>(await ctx.db.execute(sql`select version as v from ${sql.identifier(table)} where id = ${id}`))[0]!.v;
const tenderers = [
  { nameTh: "บริษัท เหตุการณ์ก่อสร้าง จำกัด", taxId: juristicTaxId(105_700_101), bidAmount: 9_000 },
  { nameTh: "ห้างหุ้นส่วนจำกัด เหตุการณ์โยธา", taxId: juristicTaxId(105_700_102), bidAmount: 9_500 },
];
const poc57 = who("strategy_officer", "area:province:57", "poc-57");
const reporter57 = who("agency_officer", "org:pro:57:natural-resources-environment", "reporter-57");
const gov31 = who("governor", "area:province:31", "gov-31");
const gov76 = who("governor", "area:province:76", "gov-76");
const gov57 = who("governor", "area:province:57", "gov-57");
const gov40 = who("governor", "area:province:40", "gov-40");
const opdc = who("opdc_evaluator", "nation", "opdc");
const dol = who("department_officer", "org:moi.dol", "dol");
const admin = who("administrator", "nation", "admin");

const STEPS: Step[] = [
  {
    type: "kpi.result-recorded",
    province: "57",
    key: () => ids.kpi!,
    actor: () => reporter57,
    outsider: who("agency_officer", "org:pro:57:public-health", "other-office"),
    run: async (ctx) => (ids.measurement = (await submitMeasurement({ ctx, input: { kpiId: ids.kpi!, fiscalYear: 2570, periodEnd: "2026-10-31", value: 72.5, note: PII_TEXT } })).id),
    expectData: () => ({ kpi: expect.objectContaining({ id: ids.kpi, provinceCode: "57", ownerOrgId: "pro:57:natural-resources-environment" }), measurement: expect.objectContaining({ value: 72.5, periodEnd: "2026-10-31", status: "submitted" }) }),
  },
  {
    type: "kpi.result-reviewed",
    province: "57",
    key: () => ids.kpi!,
    actor: () => poc57,
    outsider: who("strategy_officer", "area:province:31", "poc-31"),
    run: (ctx) => reviewMeasurement({ ctx, input: { id: ids.measurement!, decision: "verify", comment: PII_TEXT } }),
    expectData: () => ({ measurement: expect.objectContaining({ id: ids.measurement, value: 72.5, status: "verified" }) }),
  },
  {
    type: "agreement.round-scored",
    province: "",
    key: () => ids.agreement!,
    actor: () => opdc,
    outsider: gov76,
    run: (ctx) => closeRound({ ctx, input: { id: ids.agreement!, round: Number(ids.round) } }),
    expectData: () => ({ agreement: expect.objectContaining({ id: ids.agreement }), round: expect.objectContaining({ round: Number(ids.round), status: "closed" }) }),
  },
  {
    type: "project.created",
    province: "76",
    key: () => ids.project ?? "none-yet",
    actor: () => systemActor,
    outsider: gov57,
    run: async (ctx) => {
      const p = await createProject({ ctx, input: { fiscalYear: 2570, provinceCode: "76", planId: "plan-district-7601-2570", origin: "agency", ownerOrgId: "pro:76:agricultural-extension", titleTh: "ฝายชะลอน้ำ (ทดสอบเหตุการณ์)", objectiveTh: PII_TEXT, goalIds: ["prov:76:goal:1.1"], areaCodes: ["760101"], budgetLines: [{ source: "province", amount: 10_000_000 }] } });
      ids.project = p.id;
    },
    expectData: () => ({ project: expect.objectContaining({ id: ids.project, provinceCode: "76", ownerOrgId: "pro:76:agricultural-extension", status: "proposed", totalBudget: "10000000.00" }) }),
  },
  {
    type: "project.updated",
    province: "76",
    key: () => ids.project!,
    actor: () => systemActor,
    outsider: gov57,
    run: async (ctx) => updateProject({ ctx, input: { id: ids.project!, version: await version(ctx, "projects", ids.project!), objectiveTh: `แก้ไข ${PII_TEXT}` } }),
    expectData: () => ({ project: expect.objectContaining({ id: ids.project, totalBudget: "10000000.00" }), changed: ["objectiveTh"] }),
  },
  {
    type: "project.progress-recorded",
    province: "76",
    key: () => ids.project!,
    actor: () => systemActor,
    outsider: gov57,
    run: (ctx) => recordProgress({ ctx, input: { projectId: ids.project!, month: "2026-10", disbursed: 1_250.5, physicalPct: 5, noteTh: PII_TEXT } }),
    expectData: () => ({ progress: expect.objectContaining({ month: "2026-10-01", disbursed: "1250.50", physicalPct: "5.00", disbursedToDate: "1250.50" }) }),
  },
  {
    type: "project.status-changed",
    province: "76",
    key: () => ids.project!,
    actor: () => systemActor,
    outsider: gov57,
    run: async (ctx) => changeProjectStatus({ ctx, input: { id: ids.project!, version: await version(ctx, "projects", ids.project!), status: "cancelled", reasonTh: PII_TEXT } }),
    expectData: () => ({ project: expect.objectContaining({ id: ids.project, status: "cancelled" }), fromStatus: "proposed" }),
  },
  {
    type: "procurement.awarded",
    province: "76",
    key: () => ids.procurement!,
    actor: () => systemActor,
    outsider: gov57,
    run: async (ctx) => recordAward({ ctx, input: { id: ids.procurement!, version: await version(ctx, "procurements", ids.procurement!), tenderers, supplierTaxId: tenderers[0]!.taxId, awardAmount: 9_000, awardDate: "2026-10-25" } }),
    expectData: () => ({ procurement: expect.objectContaining({ id: ids.procurement, provinceCode: "76", plannedValue: "10000.00" }), award: { amount: "9000.00", date: "2026-10-25", tenderers: 2 } }),
  },
  {
    type: "procurement.payment-recorded",
    province: "76",
    key: () => ids.procurement!,
    actor: () => systemActor,
    outsider: gov57,
    run: async (ctx) => {
      // signing the contract emits nothing of its own; the payment is the figure other centres follow
      const signed = await signContract({ ctx, input: { id: ids.procurement!, version: await version(ctx, "procurements", ids.procurement!), contractNo: "ตส/เหตุการณ์-1", contractAmount: 8_900, signedOn: "2026-11-01", periodStart: "2026-11-02", periodEnd: "2027-03-31" } });
      return recordPayment({ ctx, input: { id: ids.procurement!, version: signed.version, amount: 100, paidOn: "2026-11-10" } });
    },
    expectData: () => ({ payment: expect.objectContaining({ amount: "100.00", paidOn: "2026-11-10", paidToDate: "100.00", contractAmount: "8900.00" }) }),
  },
  {
    type: "committee.resolution-recorded",
    province: "31",
    key: () => ids.committee!,
    actor: () => gov31,
    outsider: gov57,
    run: (ctx) => recordResolution({ ctx, meetingId: ids.meeting!, input: { agendaItemId: ids.agendaItem!, textTh: `เห็นชอบตามที่ ${PII_TEXT} เสนอ`, votes: [{ seatId: ids.seatMoi!, vote: "for" }, { seatId: ids.seatMoph!, vote: "for" }, { seatId: ids.seatChair!, vote: "against" }] } }),
    expectData: () => ({ committee: { id: ids.committee, kind: "executive", provinceCode: "31" }, resolution: expect.objectContaining({ agendaItemId: ids.agendaItem, linkType: "kpi", linkId: "demo-kpi-31-1", outcome: "adopted", votesFor: 2, votesAgainst: 1, abstentions: 0 }) }),
  },
  {
    type: "committee.action-item-added",
    province: "31",
    key: () => ids.committee!,
    actor: () => gov31,
    outsider: gov57,
    run: async (ctx) => (ids.actionItem = (await addActionItem({ ctx, meetingId: ids.meeting!, input: { agendaItemId: ids.agendaItem!, titleTh: `ประสาน ${PII_TEXT}`, ownerOrgId: "pro:31:tourism-sports", dueOn: day(20) } })).id),
    expectData: () => ({ actionItem: expect.objectContaining({ id: ids.actionItem, ownerOrgId: "pro:31:tourism-sports", dueOn: day(20), status: "open" }) }),
  },
  {
    type: "committee.meeting-held",
    province: "31",
    key: () => ids.committee!,
    actor: () => gov31,
    outsider: gov57,
    run: (ctx) => holdMeeting({ ctx, meetingId: ids.meeting!, input: { heldOn: TODAY, minutesTh: `ผู้เข้าประชุม ${PII_TEXT}` } }),
    expectData: () => ({ meeting: expect.objectContaining({ id: ids.meeting, heldOn: TODAY, minutesCorrected: false }) }),
  },
  {
    type: "committee.action-item-updated",
    province: "31",
    key: () => ids.committee!,
    actor: () => who("agency_head", "org:pro:31:tourism-sports", "head-tourism-31"),
    outsider: who("agency_head", "org:pro:31:land", "head-land-31"),
    run: (ctx) => updateActionItem({ ctx, actionItemId: ids.actionItem!, input: { status: "done", progressTh: `เสร็จแล้ว ${PII_TEXT}` } }),
    expectData: () => ({ actionItem: expect.objectContaining({ id: ids.actionItem, fromStatus: "open", status: "done", closedOn: TODAY }) }),
  },
  {
    type: "alert.raised",
    province: "50",
    key: () => "t-ev-permit",
    actor: () => systemActor,
    run: (ctx) => evaluateAlerts({ ctx, input: { rules: ["permit-overdue"] } }),
    expectData: () => ({ alert: expect.objectContaining({ rule: "permit-overdue", severity: "warning", provinceCode: "50", entityId: "t-ev-permit" }), state: "open" }),
  },
  {
    type: "alert.resolved",
    province: "50",
    key: () => "t-ev-permit",
    actor: () => systemActor,
    run: async (ctx) => {
      await ctx.db.execute(sql`update permit_applications set status = 'approved', decision = 'approved', decided_on = ${TODAY} where id = 't-ev-permit'`);
      return evaluateAlerts({ ctx, input: { rules: ["permit-overdue"] } });
    },
    expectData: () => ({ alert: expect.objectContaining({ rule: "permit-overdue", entityId: "t-ev-permit" }), state: "resolved" }),
  },
  {
    type: "partner.agreement-signed",
    province: "31",
    key: () => ids.partner!,
    actor: () => gov31,
    outsider: gov57,
    run: async (ctx) => (ids.mou = (await createPartnerAgreement({ ctx, input: { partnerId: ids.partner!, partyOrgId: "pro:31:tourism-sports", titleTh: "บันทึกข้อตกลง (ทดสอบเหตุการณ์)", purposeTh: PII_TEXT, signedOn: day(-30), endsOn: day(60), agendaNodeIds: ["prov:31:pain"] } })).id),
    expectData: () => ({ partner: { id: ids.partner, kind: "private_sector", provinceCode: "31" }, agreement: expect.objectContaining({ id: ids.mou, partyOrgId: "pro:31:tourism-sports", signedOn: day(-30), endsOn: day(60), agendaNodeIds: ["prov:31:pain"] }) }),
  },
  {
    type: "partner.contribution-recorded",
    province: "31",
    key: () => ids.partner!,
    actor: () => gov31,
    outsider: gov57,
    run: (ctx) => recordContribution({ ctx, input: { partnerId: ids.partner!, kind: "volunteers", volunteers: 12, contributedOn: day(-3), descriptionTh: `อาสาสมัคร ${PII_TEXT}`, agendaNodeId: "prov:31:pain", agreementId: ids.mou! } }),
    expectData: () => ({ contribution: expect.objectContaining({ kind: "volunteers", volunteers: 12, contributedOn: day(-3), agreementId: ids.mou, agendaNodeId: "prov:31:pain" }) }),
  },
  {
    type: "partner.agreement-ended",
    province: "31",
    key: () => ids.partner!,
    actor: () => gov31,
    outsider: gov57,
    run: (ctx) => endAgreement({ ctx, agreementId: ids.mou!, input: { endedOn: day(-1), reasonTh: PII_TEXT } }),
    expectData: () => ({ agreement: expect.objectContaining({ id: ids.mou, endedOn: day(-1) }) }),
  },
  {
    type: "delegation.issued",
    province: "40",
    key: () => ids.delegation ?? "none-yet",
    actor: () => dol,
    outsider: gov40,
    run: async (ctx) => {
      const d = await createDelegation({ ctx, input: { powerCode: ids.power!, delegateRole: "governor", provinceCode: "40", amountCap: 1_000_000, conditionsTh: PII_TEXT, instrumentNo: "คำสั่งกรมที่ดิน ที่ 77/2569", instrumentDate: "2026-01-05", effectiveFrom: "2026-01-05", effectiveTo: "2027-09-30", maySubdelegate: true } });
      ids.delegation = d.id;
    },
    expectData: () => ({ delegation: expect.objectContaining({ id: ids.delegation, powerCode: ids.power, delegateRole: "governor", provinceCode: "40", amountCap: "1000000.00", effectiveTo: "2027-09-30" }) }),
  },
  {
    type: "delegation.revoked",
    province: "40",
    key: () => ids.delegation!,
    actor: () => dol,
    outsider: gov40,
    run: (ctx) => revokeDelegation({ ctx, input: { delegationId: ids.delegation!, revokedFrom: "2026-12-01", reasonTh: PII_TEXT } }),
    expectData: () => ({ delegation: expect.objectContaining({ id: ids.delegation }), revokedFrom: "2026-12-01", cascaded: [] }),
  },
];

/** The events of a type about a key: by the event's entity, or (alerts) by the record the alert is about. */
const eventsOf = (type: string, key: string) =>
  q<{ id: string; province_code: string | null; payload: { type: string; data: Record<string, unknown> } }>(
    "select id, province_code, payload from webhook_events where type = $1 and (entity_id = $2 or (payload::jsonb) #>> '{data,alert,entityId}' = $2) order by occurred_at, id",
    [type, key],
  );

/** Every event a reader may read of one feed filter, page by page. */
async function feedOf(reader: Actor, input: Record<string, unknown>): Promise<{ id: string; type: string }[]> {
  const out: { id: string; type: string }[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await listEvents({ ctx: as(reader), input: { ...input, limit: 500, ...(after ? { after } : {}) } });
    out.push(...page.items);
    if (!page.hasMore) return out;
    after = page.cursor!;
  }
}

class Rollback extends Error {}

describe("events of every module's changes (issue 7: data links between operation centres)", () => {
  let secret = "";

  beforeAll(async () => {
    // fixtures through the use cases; their own events are left aside (each step counts its type and key)
    ids.kpi = (await createKpi({ ctx: as(poc57), input: { code: "EV-1", nameTh: "ร้อยละครัวเรือนที่เข้าร่วม (ทดสอบเหตุการณ์)", unit: "ร้อยละ", direction: "higher", level: "provincial", provinceCode: "57", frequency: "monthly", ownerOrgId: "pro:57:natural-resources-environment" } })).id;
    const [open] = await q<{ id: string; round: number; province_code: string }>(
      "select a.id, r.round, a.province_code from agreements a join agreement_rounds r on r.agreement_id = a.id where a.status = 'signed' and r.status <> 'closed' and a.province_code is not null order by a.id, r.round limit 1",
    );
    [ids.agreement, ids.round] = [open!.id, String(open!.round)];
    STEPS.find((s) => s.type === "agreement.round-scored")!.province = open!.province_code;
    const pp = await createProject({ ctx: sys(), input: { fiscalYear: 2570, provinceCode: "76", planId: "plan-district-7601-2570", origin: "agency", ownerOrgId: "pro:76:agricultural-extension", titleTh: "จัดซื้อ (ทดสอบเหตุการณ์)", goalIds: ["prov:76:goal:1.1"], areaCodes: ["760101"], budgetLines: [{ source: "province", amount: 100_000_000 }] } });
    let pr = await createProcurement({ ctx: sys(), input: { projectId: pp.id, titleTh: "จัดซื้อทดสอบเหตุการณ์", method: "open", category: "works", plannedValue: 10_000 } });
    pr = await openTender({ ctx: sys(), input: { id: pr.id, version: pr.version, tenderValue: 9_500, tenderStart: "2026-10-01", tenderEnd: "2026-10-20" } });
    ids.procurement = pr.id;
    const c = await createCommittee({ ctx: as(gov31), input: { kind: "executive", provinceCode: "31", nameTh: "คณะทดสอบเหตุการณ์", cadenceDays: 31 } });
    ids.committee = c.id;
    const seat = (input: Parameters<typeof addSeat>[0]["input"]) => addSeat({ ctx: as(gov31), committeeId: c.id, input }).then((s) => s.id);
    ids.seatChair = await seat({ kind: "chair", holderOrgId: "prov:31", holderNameTh: "ผู้ว่าราชการจังหวัด", startedOn: day(-200) });
    ids.seatMoi = await seat({ kind: "ministry", ministryId: "moi", holderOrgId: "pro:31:provincial-administration", holderNameTh: "ปลัดจังหวัด", startedOn: day(-200) });
    ids.seatMoph = await seat({ kind: "ministry", ministryId: "moph", holderOrgId: "pro:31:public-health", holderNameTh: "นายแพทย์สาธารณสุขจังหวัด", startedOn: day(-200) });
    ids.meeting = (await scheduleMeeting({ ctx: as(gov31), committeeId: c.id, input: { scheduledOn: TODAY } })).id;
    ids.agendaItem = (await addAgendaItem({ ctx: as(gov31), meetingId: ids.meeting, input: { kind: "decide", titleTh: "ถนนชำรุด", link: { type: "kpi", id: "demo-kpi-31-1" } } })).id;
    const [{ code }] = (await q<{ code: string }>("select code from powers where is_permit order by code limit 1")) as [{ code: string }];
    await q(
      `insert into permit_applications (id, tracking_code, province_code, power_code, applicant_kind, subject_th, received_on, received_by, route, decider_label_th, decider_scope, sla_days, due_on, status)
       values ('t-ev-permit', 't-ev-permit', '50', $1, 'person', $2, '2026-10-01', 'test', 'delegated', 'ผู้ว่าราชการจังหวัด', 'area:province:50', 15, '2026-11-20', 'received')`,
      [code, `ขออนุญาตของ ${PII_TEXT}`],
    );
    ids.partner = (await createPartner({ ctx: as(gov31), input: { kind: "private_sector", provinceCode: "31", nameTh: "บริษัท ภาคีเหตุการณ์ จำกัด", website: "https://partner.example.org" } })).id;
    ids.power = (await createPower({ ctx: as(admin), input: { code: "P-EV-001", area: "commands-permits", nameTh: "อำนาจทดสอบเหตุการณ์", nameEn: "Event test power", legalBasisTh: "ประมวลกฎหมายที่ดิน มาตรา 9", legalBasisEn: "Land Code s. 9", centralOrgId: "moi.dol", isPermit: true, slaDaysDelegated: 15, slaDaysCentral: 60 } })).code;
    // another system subscribes, nation-wide, to the new families only (not case.*)
    const s = await createSubscription({ ctx: as(admin), input: { url: `${base}/hook`, provinceCode: null, eventTypes: ["kpi.*", "agreement.*", "project.*", "procurement.*", "committee.*", "alert.*", "partner.*", "delegation.*"] } });
    secret = s.secret;
    await q("update webhook_subscriptions set status = 'paused', paused_reason = 'manual' where status = 'active' and id <> $1", [s.id]);
  });

  it("every new event type can be chosen by a subscription and filtered in the feed, alone and by its family", () => {
    for (const t of MODULE_EVENT_TYPES) {
      expect(EVENT_TYPE_CHOICES, t).toContain(t);
      expect(FEED_EVENT_TYPE_CHOICES, t).toContain(t);
      expect(EVENT_TYPE_CHOICES, t).toContain(`${t.split(".")[0]}.*`);
    }
    expect(STEPS.map((s) => s.type).sort()).toEqual([...MODULE_EVENT_TYPES].sort());
  });

  it.each(STEPS.map((s) => [s.type, s] as const))("%s: refused or rolled back emits nothing; done, one event in the outbox and the feed, in its province only, with no person in it", async (type, step) => {
    const before = (await eventsOf(type, step.key())).length;
    if (step.outsider) {
      const refused = await step.run(as(step.outsider)).then(
        () => null,
        (e: unknown) => e as { status?: number },
      );
      expect(refused, `${type}: the outsider must be refused`).not.toBeNull();
      expect(refused!.status, `${type}: refused, not failed`).toBe(403);
      expect((await eventsOf(type, step.key())).length).toBe(before);
    }
    // the change made, then its transaction rolled back: no event either (the outbox is in the change's transaction)
    await expect(withTransaction(as(step.actor()), async (tx) => { await step.run(tx); throw new Rollback(); })).rejects.toBeInstanceOf(Rollback);
    expect((await eventsOf(type, step.key())).length).toBe(before);

    await step.run(as(step.actor()));
    const events = await eventsOf(type, step.key());
    expect(events.length, type).toBe(before + 1);
    const e = events.at(-1)!;
    expect(e.province_code).toBe(step.province);
    expect(e.payload.type).toBe(type);
    expect(e.payload.data).toMatchObject(step.expectData());
    const json = JSON.stringify(e.payload);
    for (const needle of [PERSON, "มาลีลับ", PHONE, EMAIL, "evactor", ...tenderers.map((t) => t.taxId), ...tenderers.map((t) => t.nameTh)]) expect(json, `${type} carries ${needle}`).not.toContain(needle);

    // the feed: the province's readers see it (by type and by family); another province's do not
    const inside = who("strategy_officer", `area:province:${step.province}`, `reader-${step.province}`);
    const outside = who("strategy_officer", `area:province:${step.province === "96" ? "95" : "96"}`, "reader-outside");
    expect((await feedOf(inside, { type })).map((x) => x.id)).toContain(e.id);
    expect((await feedOf(inside, { type: `${type.split(".")[0]}.*`, provinceCode: step.province })).map((x) => x.id)).toContain(e.id);
    expect((await feedOf(outside, { type })).map((x) => x.id)).not.toContain(e.id);
  });

  it("each event is delivered to the subscription that chose its family, once, and verifies with the subscription's secret", async () => {
    got.length = 0;
    const r = await deliverDue(ctxFor(db, systemActor));
    expect(r.succeeded).toBeGreaterThanOrEqual(MODULE_EVENT_TYPES.length);
    const nowSec = Math.floor(FIXED_NOW.getTime() / 1000);
    const seen = new Map<string, number>();
    for (const g of got) {
      expect(verifyStandardWebhook(secret, g.headers, g.body, nowSec)).toBe(true);
      expect(verifyStandardWebhook(secret, g.headers, g.body.replace('"type":"', '"type":"x'), nowSec)).toBe(false);
      const body = JSON.parse(g.body) as { type: string };
      expect(body.type).not.toMatch(/^case\./);
      seen.set(body.type, (seen.get(body.type) ?? 0) + 1);
      expect(g.body).not.toContain(PERSON);
    }
    for (const s of STEPS) expect(seen.get(s.type) ?? 0, s.type).toBeGreaterThanOrEqual(1);
    // one delivery per event: the rolled-back attempts left none behind
    const [dupes] = await q<{ n: number }>("select count(*)::int as n from (select event_id from webhook_deliveries group by event_id, subscription_id having count(*) > 1) x");
    expect(dupes!.n).toBe(0);
  });
});
