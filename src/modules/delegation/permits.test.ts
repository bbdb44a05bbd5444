import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, type Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { addBusinessDays } from "../../platform/thai/deadlines.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { buildApp } from "../../server/app.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { expectAll } from "../../../test/expect-all.js";
import { thaiIdChecksumOk } from "./contracts-permits.js";
import { createDelegation } from "./create-delegation.js";
import { createPower } from "./create-power.js";
import { decidePermitApplication } from "./decide-permit-application.js";
import { getPermitApplication } from "./get-permit-application.js";
import { getPermitStats } from "./get-permit-stats.js";
import { listPermitQueue } from "./list-permit-queue.js";
import { receivePermitApplication } from "./receive-permit-application.js";
import { revokeDelegation } from "./revoke-delegation.js";
import { startPermitReview } from "./start-permit-review.js";
import { withdrawPermitApplication } from "./withdraw-permit-application.js";

let db: Database;
const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);
const admin = actor("administrator", "nation", "pt-admin");
const counterKK = actor("strategy_officer", "area:province:40", "pt-counter-40");
const districtKK = actor("district_officer", "area:district:4001", "pt-district-4001");
const districtKK2 = actor("district_officer", "area:district:4002", "pt-district-4002");
const govKK = actor("governor", "area:province:40", "pt-gov-40");
const viceKK = actor("vice_governor", "area:province:40", "pt-vice-40");
const govCR = actor("governor", "area:province:57", "pt-gov-57");
const counterCR = actor("strategy_officer", "area:province:57", "pt-counter-57");
const dolOfficer = actor("department_officer", "org:moi.dol", "pt-dol");
const dopaOfficer = actor("department_officer", "org:moi.dopa", "pt-dopa");
const moiOfficer = actor("ministry_officer", "org:moi", "pt-moi");
const citizen = actor("citizen", "nation", "pt-citizen");
const opdc = actor("opdc_evaluator", "nation", "pt-opdc");
const as = (a: Actor) => ctxFor(db, a);

// a valid 13-digit ID (check digit computed by hand: Σ dᵢ·(13..2) = 1·13+1·12+…+1·2 = 90; 90 mod 11 = 2; (11 − 2) mod 10 = 9)
const ID = "1111111111119";
const PERSON = { name: "นางสาวลับเฉพาะ ทดสอบบุคคล", idNumber: ID, phone: "081-234-5678", address: "99 หมู่ 9 ตำบลทดสอบ" };
let powerCode: string; // delegated in Khon Kaen: governor (1,000,000 baht) and the city district's chief (100,000 baht)
let ids: { gov: string; dc: string };

beforeAll(async () => {
  db = await createTestDb();
  powerCode = (await createPower({ ctx: as(admin), input: { code: "P-PT-001", area: "commands-permits", nameTh: "อนุญาตทดสอบ", nameEn: "Test permit", legalBasisTh: "ประมวลกฎหมายที่ดิน มาตรา 9", centralOrgId: "moi.dol", centralAuthorityTh: "อธิบดีกรมที่ดิน", centralAuthorityEn: "Director-General of Lands", isPermit: true, slaDaysDelegated: 10, slaDaysCentral: 40 } })).code;
  const gov = await createDelegation({ ctx: as(dolOfficer), input: { powerCode, delegateRole: "governor", provinceCode: "40", amountCap: 1_000_000, instrumentNo: "คำสั่งกรมที่ดิน ที่ 1/2569", instrumentDate: "2025-10-01", effectiveFrom: "2025-10-01", maySubdelegate: true } });
  const dc = await createDelegation({ ctx: as(govKK), input: { powerCode, parentId: gov.id, delegateRole: "district_chief", districtCode: "4001", amountCap: 100_000, instrumentNo: "คำสั่งจังหวัดขอนแก่น ที่ 1/2569", instrumentDate: "2025-10-01", effectiveFrom: "2025-10-01" } });
  ids = { gov: gov.id, dc: dc.id };
});
afterAll(async () => db?.close());

type Receive = Parameters<typeof receivePermitApplication>[0]["input"];
const app = (over: Partial<Receive> = {}): Receive => ({ powerCode, provinceCode: "40", applicantKind: "citizen", applicant: PERSON, subjectTh: "ขอใช้ที่สาธารณประโยชน์เพื่อวางท่อประปา", receivedOn: "2026-10-20", amount: 50_000, ...over });
const receive = (over: Partial<Receive> = {}, who: Actor = counterKK) => receivePermitApplication({ ctx: as(who), input: app(over) });

async function state(): Promise<string> {
  const [r] = await db.query<{ h: string }>(`select md5(
    coalesce((select string_agg(x::text, '|' order by x::text) from permit_applications x), '') ||
    coalesce((select string_agg(y::text, '|' order by y::text) from permit_applicants y), '') ||
    (select count(*)::text from audit_log)) as h`);
  return r!.h;
}

describe("reception: routed by the authority check on the day of reception, due in business days", () => {
  it.each([
    ["a small amount in the city district: the district chief", { districtCode: "4001", amount: 50_000 }, "delegated", "area:district:4001", "นายอำเภอเมืองขอนแก่น", "dc"],
    ["over the district chief's cap: the governor", { districtCode: "4001", amount: 500_000 }, "delegated", "area:province:40", "ผู้ว่าราชการจังหวัดขอนแก่น", "gov"],
    ["another district: the governor", { districtCode: "4002", amount: 50_000 }, "delegated", "area:province:40", "ผู้ว่าราชการจังหวัดขอนแก่น", "gov"],
    ["over every cap: the centre", { amount: 1_500_000 }, "central", "org:moi.dol", "อธิบดีกรมที่ดิน", null],
    ["before the instruments took effect: the centre", { receivedOn: "2025-09-30" }, "central", "org:moi.dol", "อธิบดีกรมที่ดิน", null],
  ] as const)("%s", async (_label, over, route, scope, label, decider) => {
    const a = await receive(over);
    expect(a).toMatchObject({ route, deciderScope: scope, deciderLabelTh: label, deciderDelegationId: decider ? ids[decider] : null, status: "received", slaDays: route === "delegated" ? 10 : 40 });
    expect(a.trackingCode).toMatch(new RegExp(`^PM-40-${fiscalYearOf(a.receivedOn)}-\\d{5}$`));
  });

  it("a province nobody delegated to sends it to the centre; tracking codes run per province and fiscal year", async () => {
    const a = await receive({ provinceCode: "57" }, counterCR);
    const b = await receive({ provinceCode: "57" }, counterCR);
    expect(a).toMatchObject({ route: "central", deciderScope: "org:moi.dol", deciderLabelEn: "Director-General of Lands", deciderDelegationId: null });
    const [pa, pb] = [a.trackingCode, b.trackingCode].map((t) => /^PM-57-2570-(\d{5})$/.exec(t)![1]!);
    expect(Number(pb) - Number(pa)).toBe(1);
  });

  it("after a revocation the power goes back to the centre from the revocation date", async () => {
    const p = (await createPower({ ctx: as(admin), input: { code: "P-PT-REV", area: "commands-permits", nameTh: "อนุญาตทดสอบการยกเลิก", legalBasisTh: "ทดสอบ", centralOrgId: "moi.dol", centralAuthorityTh: "อธิบดีกรมที่ดิน", isPermit: true, slaDaysDelegated: 15, slaDaysCentral: 60 } })).code;
    const g = await createDelegation({ ctx: as(dolOfficer), input: { powerCode: p, delegateRole: "governor", provinceCode: "40", instrumentNo: "ทดสอบ 2/2569", instrumentDate: "2026-01-05", effectiveFrom: "2026-01-05" } });
    await revokeDelegation({ ctx: as(dolOfficer), input: { delegationId: g.id, revokedFrom: "2026-10-01", reasonTh: "ทดสอบการยกเลิก" } });
    expect(await receive({ powerCode: p, receivedOn: "2026-09-30" })).toMatchObject({ route: "delegated", deciderScope: "area:province:40", slaDays: 15 });
    expect(await receive({ powerCode: p, receivedOn: "2026-10-01" })).toMatchObject({ route: "central", deciderScope: "org:moi.dol", slaDays: 60 });
  });

  it("the due date counts business days and skips public holidays (Chulalongkorn Day, 23 Oct 2026)", async () => {
    // Tue 20 Oct + 10 business days: 21, 22, [23 holiday], 26, 27, 28, 29, 30, 2 Nov, 3, 4 → Wed 4 Nov
    expect((await receive({ receivedOn: "2026-10-20" })).dueOn).toBe("2026-11-04");
    // received today (Sunday 22 Nov 2026): 23–27 Nov, 30 Nov–4 Dec → Fri 4 Dec; ten business days left
    const t = await receive({ receivedOn: undefined });
    expect(t).toMatchObject({ receivedOn: "2026-11-22", dueOn: "2026-12-04", daysLeft: 10, overdue: false });
  });

  it("bad input is refused with a named field and changes nothing", async () => {
    const before = await state();
    const cases: [Partial<Receive>, number, string, string?][] = [
      [{ powerCode: "P-BUD-001" }, 422, "delegation.permit.not-a-permit", "powerCode"],
      [{ powerCode: "P-NOPE" }, 404, "delegation.power.unknown", "powerCode"],
      [{ receivedOn: "2026-11-23" }, 422, "delegation.permit.date-in-future", "receivedOn"],
      [{ applicant: { ...PERSON, idNumber: "1111111111118" } }, 400, "validation.failed", "applicant.idNumber"],
      [{ applicantKind: "business", applicant: { ...PERSON, idNumber: "0105536000310" } }, 400, "validation.failed", "applicant.idNumber"],
      [{ applicantKind: "citizen", applicant: { ...PERSON, idNumber: "0105536000313" } }, 400, "validation.failed", "applicant.idNumber"],
      [{ districtCode: "5701" }, 400, "validation.failed", "districtCode"],
      [{ districtCode: "4099" }, 400, "validation.failed", "districtCode"],
      [{ provinceCode: "99" }, 400, "validation.failed", "provinceCode"],
      [{ provinceCode: "4" }, 400, "validation.failed", "provinceCode"],
      [{ subjectTh: " " }, 400, "validation.failed", "subjectTh"],
      [{ amount: -5 }, 400, "validation.failed", "amount"],
      [{ receivedOn: "2569-01-01" as string }, 400, "validation.failed", "receivedOn"],
    ];
    for (const [over, status, code, path] of cases) {
      const e = await fail(receive(over));
      expect([e?.status, e?.code], JSON.stringify(over)).toEqual([status, code]);
      if (path) expect(e.fields?.map((f) => f.path), JSON.stringify(over)).toContain(path);
      expect(e.messageTh).toMatch(/[\u0E00-\u0E7F]/);
    }
    expect(await state()).toBe(before);
    // a business may give its juristic-person number (check digit valid, begins with 0)
    expect(thaiIdChecksumOk("0105536000313")).toBe(true);
    expect((await receive({ applicantKind: "business", applicant: { name: "บริษัท ทดสอบ จำกัด", idNumber: "0105536000313" } })).applicantKind).toBe("business");
  });

  it("who may receive: counter staff of the province (any district), a district officer only in their district", async () => {
    const before = await state();
    for (const [who, over] of [
      [districtKK, {}],
      [districtKK, { districtCode: "4002" }],
      [districtKK2, { districtCode: "4001" }],
      [govCR, {}],
      [dolOfficer, {}],
      [moiOfficer, {}],
      [citizen, {}],
      [opdc, {}],
      [admin, {}],
    ] as const) {
      expect((await fail(receive(over, who))).code, `${who.id} ${JSON.stringify(over)}`).toBe("auth.forbidden");
    }
    expect((await fail(receive({}, anonymousActor))).status).toBe(401);
    expect(await state()).toBe(before);
    expect((await receive({ districtCode: "4001", amount: 10_000 }, districtKK)).deciderScope).toBe("area:district:4001");
    expect((await receive({ districtCode: "4002" }, govKK)).districtCode).toBe("4002");
  });
});

describe("decisions: by the post the application was routed to, with reasons and turnaround", () => {
  it("turnaround is business days from reception to decision, holidays excluded, the reception day not counted", async () => {
    const a = await receive({ receivedOn: "2026-10-20" });
    const d = await decidePermitApplication({ ctx: as(govKK), input: { id: a.id, decision: "approve", decidedOn: "2026-10-27" } });
    // 21, 22, [23 holiday], [24–25 weekend], 26, 27 → 4
    expect(d).toMatchObject({ status: "approved", decision: "approved", decidedOn: "2026-10-27", turnaroundDays: 4, decidedByName: "pt-gov-40", overdue: false, daysLeft: null });
    expect(d.dayCountingTh).toContain("ไม่นับวันที่รับคำขอ");
    const same = await receive({ receivedOn: "2026-11-20" });
    expect((await decidePermitApplication({ ctx: as(govKK), input: { id: same.id, decision: "approve", decidedOn: "2026-11-20" } })).turnaroundDays).toBe(0);
  });

  it("a refusal needs reasons; dates are checked; a decided or withdrawn application cannot be decided again (409)", async () => {
    const a = await receive({ receivedOn: "2026-11-02" });
    const before = await state();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ decision: "refuse" }, 400, "validation.failed", "reasonTh"],
      [{ decision: "refuse", reasonTh: "  " }, 400, "validation.failed", "reasonTh"],
      [{ decision: "approve", decidedOn: "2026-11-01" }, 422, "delegation.permit.date-before-reception", "decidedOn"],
      [{ decision: "approve", decidedOn: "2026-11-23" }, 422, "delegation.permit.date-in-future", "decidedOn"],
      [{ decision: "maybe" }, 400, "validation.failed", "decision"],
    ];
    for (const [input, status, code, path] of cases) {
      const e = await fail(decidePermitApplication({ ctx: as(govKK), input: { id: a.id, ...input } as never }));
      expect([e.status, e.code, e.fields?.[0]?.path], JSON.stringify(input)).toEqual([status, code, path]);
    }
    expect((await fail(decidePermitApplication({ ctx: as(govKK), input: { id: "nope", decision: "approve" } }))).status).toBe(404);
    expect(await state()).toBe(before);

    const r = await decidePermitApplication({ ctx: as(govKK), input: { id: a.id, decision: "refuse", reasonTh: "ที่ดินอยู่ในเขตทางน้ำสาธารณะ" } });
    expect(r).toMatchObject({ status: "refused", reasonTh: "ที่ดินอยู่ในเขตทางน้ำสาธารณะ", decidedOn: "2026-11-22" });
    const again = await fail(decidePermitApplication({ ctx: as(govKK), input: { id: a.id, decision: "approve" } }));
    expect([again.status, again.code]).toEqual([409, "delegation.permit.already-decided"]);

    const w = await receive({ receivedOn: "2026-11-02" });
    expect((await fail(withdrawPermitApplication({ ctx: as(govCR), input: { id: w.id } }))).code).toBe("auth.forbidden");
    expect((await fail(withdrawPermitApplication({ ctx: as(counterKK), input: { id: w.id, withdrawnOn: "2026-10-30" } }))).code).toBe("delegation.permit.date-before-reception");
    expect(await withdrawPermitApplication({ ctx: as(counterKK), input: { id: w.id, reasonTh: "ผู้ยื่นคำขอขอถอนคำขอ" } })).toMatchObject({ status: "withdrawn", withdrawnOn: "2026-11-22", withdrawReasonTh: "ผู้ยื่นคำขอขอถอนคำขอ" });
    expect((await fail(decidePermitApplication({ ctx: as(govKK), input: { id: w.id, decision: "approve" } }))).code).toBe("delegation.permit.withdrawn");
    expect((await fail(withdrawPermitApplication({ ctx: as(counterKK), input: { id: w.id } }))).status).toBe(409);
  });

  it("review is an optional step taken by the decider, once", async () => {
    const a = await receive({ districtCode: "4001", amount: 20_000 });
    expect((await fail(startPermitReview({ ctx: as(counterKK), input: { id: a.id } }))).code).toBe("auth.forbidden");
    expect(await startPermitReview({ ctx: as(districtKK), input: { id: a.id } })).toMatchObject({ status: "under-review", reviewStartedOn: "2026-11-22", may: { review: false, decide: true, withdraw: true } });
    expect((await fail(startPermitReview({ ctx: as(districtKK), input: { id: a.id } }))).code).toBe("delegation.permit.already-under-review");
    const d = await decidePermitApplication({ ctx: as(districtKK), input: { id: a.id, decision: "approve", decidedOn: "2026-10-21" } });
    expect(d.history.map((h) => [h.action, h.status])).toEqual([["delegation.permit.receive", "received"], ["delegation.permit.review", "under-review"], ["delegation.permit.decide", "approved"]]);
  });

  // [route, the application, who may decide, who may not, who may not decide but reads the record (counter staff where it was received)]
  const matrix: [string, Partial<Receive>, Actor[], Actor[], Actor[]][] = [
    ["the district chief's (area:district:4001)", { districtCode: "4001", amount: 10_000 }, [districtKK, govKK], [districtKK2, govCR, counterKK, dolOfficer, moiOfficer, citizen, opdc, admin], [counterKK]],
    // the vice governor reads the record (decide at the province) but holds no instrument of his own: the governor's is not his
    ["the governor's (area:province:40)", { amount: 600_000 }, [govKK], [viceKK, districtKK, govCR, counterKK, dolOfficer, moiOfficer, citizen, admin], [counterKK, viceKK]],
    ["the centre's (org:moi.dol)", { amount: 5_000_000 }, [dolOfficer, moiOfficer], [dopaOfficer, govKK, viceKK, districtKK, govCR, counterKK, citizen, opdc, admin], [counterKK, govKK, viceKK]],
  ];
  it.each(matrix)("the permission matrix: %s applications", async (_label, over, may, mayNot, readers) => {
    const a = await receive(over);
    const before = await state();
    for (const who of mayNot) {
      expect((await fail(decidePermitApplication({ ctx: as(who), input: { id: a.id, decision: "approve" } }))).code, who.id!).toBe("auth.forbidden");
      expect((await fail(startPermitReview({ ctx: as(who), input: { id: a.id } }))).code, who.id!).toBe("auth.forbidden");
      const read = await fail(getPermitApplication({ ctx: as(who), input: { id: a.id } }));
      expect(read === null, `${who.id} reads the record`).toBe(readers.includes(who));
      if (read) expect(read.code).toBe("auth.forbidden");
    }
    expect((await fail(decidePermitApplication({ ctx: as(anonymousActor), input: { id: a.id, decision: "approve" } }))).status).toBe(401);
    expect(await state()).toBe(before);
    for (const who of may) {
      const fresh = await receive(over);
      expect((await getPermitApplication({ ctx: as(who), input: { id: fresh.id } })).may, who.id!).toEqual({ review: true, decide: true, withdraw: !who.grants[0]!.scope.startsWith("org:") });
      expect((await decidePermitApplication({ ctx: as(who), input: { id: fresh.id, decision: "approve", decidedOn: "2026-11-20" } })).status, who.id!).toBe("approved");
    }
  });
});

describe("the queue and the record: only for the people handling the case, identity only on the record", () => {
  it("each handler sees their own queue; the Department of Lands sees the central queue of Lands powers in every province", async () => {
    await receive({ provinceCode: "57", receivedOn: "2026-09-01" }, counterCR);
    const dol = await listPermitQueue({ ctx: as(dolOfficer), input: { limit: 200 } });
    expect(dol.total).toBeGreaterThan(0);
    expectAll(dol.items, (x) => x.deciderScope === "org:moi.dol");
    expect(dol.items.some((x) => x.provinceCode === "57") && dol.items.some((x) => x.provinceCode === "40")).toBe(true);
    const moi = await listPermitQueue({ ctx: as(moiOfficer), input: { limit: 200 } });
    expect(moi.items.some((x) => x.deciderScope === "org:moi.dopa")).toBe(true); // demo hotel licences before Nov 2024

    const dist = await listPermitQueue({ ctx: as(districtKK), input: { limit: 200 } });
    expect(dist.items.length).toBeGreaterThan(0);
    expectAll(dist.items, (x) => x.districtCode === "4001" || x.deciderScope === "area:district:4001");
    const gov = await listPermitQueue({ ctx: as(govKK), input: { limit: 200 } });
    expectAll(gov.items, (x) => x.provinceCode === "40");
    expectAll((await listPermitQueue({ ctx: as(govCR), input: { powerCode } })).items, (x) => x.provinceCode === "57");
    expect((await fail(listPermitQueue({ ctx: as(citizen), input: {} }))).code).toBe("auth.forbidden");
    expect((await fail(listPermitQueue({ ctx: as(opdc), input: {} }))).code).toBe("auth.forbidden");
    expect((await fail(listPermitQueue({ ctx: as(anonymousActor), input: {} }))).status).toBe(401);
  });

  it("filters, due-date order, paging; overdue flags and days left", async () => {
    const late = await receive({ receivedOn: "2026-09-01" });
    const q = await listPermitQueue({ ctx: as(counterKK), input: { powerCode, overdue: true, limit: 200 } });
    const mine = q.items.find((x) => x.id === late.id)!;
    expect(mine).toMatchObject({ overdue: true, status: "received" });
    expect(mine.daysLeft!).toBeLessThan(0);
    expectAll(q.items, (x) => x.overdue && x.dueOn < q.today);
    const dues = q.items.map((x) => x.dueOn);
    expect(dues).toEqual([...dues].sort());
    const central = await listPermitQueue({ ctx: as(counterKK), input: { route: "central", status: "received", sort: "-due" } });
    expectAll(central.items, (x) => x.route === "central" && x.status === "received");
    expect(central.items.map((x) => x.dueOn)).toEqual([...central.items.map((x) => x.dueOn)].sort().reverse());
    const all = await listPermitQueue({ ctx: as(counterKK), input: { powerCode } });
    const page = await listPermitQueue({ ctx: as(counterKK), input: { powerCode, limit: 3, offset: 3 } });
    expect(page.total).toBe(all.total);
    expect(page.items.map((x) => x.id)).toEqual(all.items.slice(3, 6).map((x) => x.id));
    expect((await listPermitQueue({ ctx: as(counterKK), input: { q: late.trackingCode.toLowerCase() } })).items.map((x) => x.id)).toEqual([late.id]);
    expectAll((await listPermitQueue({ ctx: as(counterKK), input: { overdue: "false" as never, powerCode } })).items, (x) => !x.overdue);
    const waiting = await listPermitQueue({ ctx: as(counterKK), input: { open: "true" as never, powerCode, limit: 200 } });
    expect(waiting.items.map((x) => x.id)).toContain(late.id);
    expectAll(waiting.items, (x) => x.status === "received" || x.status === "under-review");
    const closed = await listPermitQueue({ ctx: as(counterKK), input: { open: false, powerCode, limit: 200 } });
    expectAll(closed.items, (x) => x.status !== "received" && x.status !== "under-review");
    expect(waiting.total + closed.total).toBe(all.total);
  });

  it("PDPA: the identity is on the record for handlers only — never in the queue, the statistics or the audit trail", async () => {
    const a = await receive({ districtCode: "4001", amount: 30_000 });
    await startPermitReview({ ctx: as(districtKK), input: { id: a.id } });
    await decidePermitApplication({ ctx: as(districtKK), input: { id: a.id, decision: "approve" } });
    const secrets = [PERSON.name, PERSON.idNumber, PERSON.phone, PERSON.address];
    const leaks = (x: unknown) => secrets.filter((s) => JSON.stringify(x).includes(s));

    for (const who of [counterKK, districtKK, govKK]) {
      expect((await getPermitApplication({ ctx: as(who), input: { id: a.id } })).applicant, who.id!).toEqual({ name: PERSON.name, idNumber: ID, phone: PERSON.phone, address: PERSON.address });
    }
    for (const who of [districtKK2, govCR, dolOfficer, moiOfficer, citizen, opdc, admin]) {
      expect((await fail(getPermitApplication({ ctx: as(who), input: { id: a.id } }))).code, who.id!).toBe("auth.forbidden");
    }
    expect((await fail(getPermitApplication({ ctx: as(anonymousActor), input: { id: a.id } }))).status).toBe(401);

    const queue = await listPermitQueue({ ctx: as(counterKK), input: { limit: 200 } });
    expect(queue.items.some((x) => x.id === a.id)).toBe(true);
    expect(leaks(queue)).toEqual([]);
    expectAll(queue.items, (x) => !("applicant" in x));
    expect(leaks(await getPermitStats({ ctx: as(anonymousActor), input: { powerCode } }))).toEqual([]);
    const audit = await db.query<{ action: string; before: unknown; after: unknown }>("select action, before, after from audit_log where entity_type = 'permit-application' and entity_id = $1 order by id", [a.id]);
    expect(audit.map((r) => r.action)).toEqual(["delegation.permit.receive", "delegation.permit.review", "delegation.permit.decide"]);
    expect(leaks(audit)).toEqual([]);
    expect(leaks(await db.query("select * from audit_log where entity_type = 'permit-application'"))).toEqual([]);
    // the identity lives in its own table, keyed by the application
    expect(await db.query("select name, id_number from permit_applicants where application_id = $1", [a.id])).toEqual([{ name: PERSON.name, id_number: ID }]);
  });
});

describe("turnaround statistics (public, no personal data): hand-computed", () => {
  let code: string;
  beforeAll(async () => {
    code = (await createPower({ ctx: as(admin), input: { code: "P-PT-STAT", area: "commands-permits", nameTh: "อนุญาตสถิติ", nameEn: "Stats permit", legalBasisTh: "ทดสอบ", centralOrgId: "moi.dol", centralAuthorityTh: "อธิบดีกรมที่ดิน", isPermit: true, slaDaysDelegated: 5, slaDaysCentral: 20 } })).code;
    await createDelegation({ ctx: as(dolOfficer), input: { powerCode: code, delegateRole: "governor", provinceCode: "40", instrumentNo: "ทดสอบ 3/2569", instrumentDate: "2026-01-05", effectiveFrom: "2026-01-05" } });
    const holidays = new Set((await db.query<{ d: string }>("select to_char(date, 'YYYY-MM-DD') as d from public_holidays")).map((r) => r.d));
    const decide = async (receivedOn: string, days: number, who: Actor, decision: "approve" | "refuse" = "approve") => {
      const a = await receive({ powerCode: code, receivedOn });
      await decidePermitApplication({ ctx: as(who), input: { id: a.id, decision, reasonTh: "เหตุผล", decidedOn: addBusinessDays(receivedOn, days, holidays) } });
    };
    // central, before the delegation (FY 2568): 10, 20, 30, 40 business days
    for (const [d, t] of [["2025-03-03", 10], ["2025-03-10", 20], ["2025-04-01", 30], ["2025-05-06", 40]] as const) await decide(d, t, dolOfficer);
    // in the province after it (FY 2569): 0, 2, 3, 5, 10 business days, one refused
    for (const [d, t] of [["2026-02-02", 0], ["2026-02-09", 2], ["2026-03-02", 3], ["2026-06-01", 5]] as const) await decide(d, t, govKK);
    await decide("2026-07-01", 10, govKK, "refuse");
    // open: one overdue, one received today
    await receive({ powerCode: code, receivedOn: "2026-10-01" });
    await receive({ powerCode: code, receivedOn: undefined });
  });

  it("per power and route: count, median, mean and 90th percentile (linear interpolation), share within the service level, open and overdue", async () => {
    const s = await getPermitStats({ ctx: as(anonymousActor), input: { powerCode: code } });
    expect(s.groups).toEqual([
      // x = 10, 20, 30, 40: median (20 + 30)/2 = 25; mean 25; p90: h = 3·0.9 = 2.7 → 30 + 0.7·10 = 37; ≤ 20 days: 2 of 4
      expect.objectContaining({ powerCode: code, route: "central", slaDays: 20, decidedCount: 4, approvedCount: 4, refusedCount: 0, medianDays: 25, meanDays: 25, p90Days: 37, withinSlaShare: 0.5, openCount: 0, overdueCount: 0 }),
      // x = 0, 2, 3, 5, 10: median 3; mean 4; p90: h = 4·0.9 = 3.6 → 5 + 0.6·5 = 8; ≤ 5 days: 4 of 5
      expect.objectContaining({ powerCode: code, route: "delegated", slaDays: 5, decidedCount: 5, approvedCount: 4, refusedCount: 1, medianDays: 3, meanDays: 4, p90Days: 8, withinSlaShare: 0.8, openCount: 2, overdueCount: 1 }),
    ]);
    expect(s.comparison).toBeNull(); // only for one power in one province
    expect(s.methodEn).toContain("PERCENTILE.INC");
  });

  it("for one power in one province: central before the delegation date against delegated after it", async () => {
    const s = await getPermitStats({ ctx: as(citizen), input: { powerCode: code, provinceCode: "40" } });
    expect(s.comparison).toEqual({
      powerCode: code,
      provinceCode: "40",
      delegatedFrom: "2026-01-05",
      before: { decidedCount: 4, medianDays: 25, meanDays: 25, p90Days: 37, withinSlaShare: 0.5 },
      after: { decidedCount: 5, medianDays: 3, meanDays: 4, p90Days: 8, withinSlaShare: 0.8 },
      medianChangeDays: -22,
    });
    expect((await getPermitStats({ ctx: as(citizen), input: { powerCode: code, provinceCode: "57" } })).comparison).toBeNull();
  });

  it("a period counts the decisions made in it; open ones received by its end", async () => {
    const fy68 = await getPermitStats({ ctx: as(anonymousActor), input: { powerCode: code, fiscalYear: 2568 } });
    expect(fy68).toMatchObject({ from: "2024-10-01", to: "2025-09-30" });
    expect(fy68.groups.map((g) => [g.route, g.decidedCount, g.openCount])).toEqual([["central", 4, 0]]);
    const h1 = await getPermitStats({ ctx: as(anonymousActor), input: { powerCode: code, from: "2026-02-01", to: "2026-03-31" } });
    // decided 2 Feb (0 days), 11 Feb (2), 5 Mar (3): median 2, mean 5/3, p90: h = 2·0.9 = 1.8 → 2 + 0.8·1 = 2.8
    expect(h1.groups).toEqual([expect.objectContaining({ route: "delegated", decidedCount: 3, medianDays: 2, meanDays: 1.67, p90Days: 2.8, withinSlaShare: 1, openCount: 0 })]);
    expect((await fail(getPermitStats({ ctx: as(anonymousActor), input: { from: "2026-03-01", to: "2026-02-01" } }))).fields?.[0]?.path).toBe("to");
    expect((await fail(getPermitStats({ ctx: as(anonymousActor), input: { fiscalYear: 2569, from: "2026-03-01" } }))).fields?.[0]?.path).toBe("fiscalYear");
  });
});

describe("the demo scenario (labelled demo)", () => {
  it("pilot provinces decide public-land use and hotel licences locally, Khon Kaen's state-land leases wait at the centre", async () => {
    const s = await getPermitStats({ ctx: as(anonymousActor), input: { provinceCode: "40" } });
    const g = (c: string, r: string) => s.groups.find((x) => x.powerCode === c && x.route === r);
    expect(g("P-ADM-015", "delegated")!.decidedCount).toBeGreaterThan(3);
    expect(g("P-ADM-015", "delegated")!.medianDays!).toBeLessThan(g("P-ADM-015", "central")!.medianDays!);
    expect(g("P-ADM-013", "central")!.decidedCount).toBeGreaterThanOrEqual(8);
    expect(g("P-ADM-013", "central")!.medianDays!).toBeGreaterThan(60);
    expect(g("P-ADM-013", "delegated")).toBeUndefined();
    const cmp = (await getPermitStats({ ctx: as(anonymousActor), input: { powerCode: "P-ADM-015", provinceCode: "40" } })).comparison!;
    expect(cmp.delegatedFrom).toBe("2024-11-01");
    expect(cmp.after.medianDays!).toBeLessThan(cmp.before.medianDays!);
    const rows = await db.query<{ n: number; names: number; overdue: number; provinces: number }>(
      `select count(*)::int as n, count(*) filter (where a.name like '%(ตัวอย่าง)')::int as names, count(*) filter (where p.status in ('received', 'under-review') and p.due_on < '2026-11-22')::int as overdue, count(distinct p.province_code)::int as provinces
       from permit_applications p join permit_applicants a on a.application_id = p.id where p.is_demo`,
    );
    expect(rows[0]!.n).toBeGreaterThan(40);
    expect(rows[0]!.n).toBeLessThan(150);
    expect(rows[0]!.names).toBe(rows[0]!.n);
    expect(rows[0]!.overdue).toBeGreaterThanOrEqual(5);
    expect(rows[0]!.provinces).toBe(5);
  });
});

describe("over HTTP: the routes the web calls, with the demo accounts", () => {
  let http: FastifyInstance;
  beforeAll(async () => {
    http = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
    await http.ready();
  });
  afterAll(async () => http?.close());
  const login = async (username: string) => {
    const r = await http.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password: "changwat-demo" } });
    return { cookie: String(r.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": r.json().csrfToken as string };
  };

  it("the governor of Khon Kaen receives and decides; the record shows the applicant, the queue never does; statistics are public", async () => {
    const gov = await login("governor.khonkaen");
    const r = await http.inject({ method: "POST", url: "/api/v1/delegation/permits", headers: gov, payload: { powerCode: "P-ADM-015", provinceCode: "40", applicantKind: "citizen", applicant: PERSON, subjectTh: "ขอใช้ที่สาธารณประโยชน์เพื่อทำลานกีฬา", amount: 300000, receivedOn: "2026-11-20" } });
    expect(r.statusCode, r.body).toBe(201);
    const a = r.json();
    expect(a).toMatchObject({ route: "delegated", deciderLabelTh: "ผู้ว่าราชการจังหวัดขอนแก่น", applicant: { name: PERSON.name } });
    const queue = await http.inject({ url: "/api/v1/delegation/permits?overdue=false&sort=-received&limit=10", headers: gov });
    expect(queue.statusCode).toBe(200);
    expect(queue.body).not.toContain(PERSON.name);
    expect(queue.json().items.map((x: { id: string }) => x.id)).toContain(a.id);
    const d = await http.inject({ method: "POST", url: `/api/v1/delegation/permits/${a.id}/decide`, headers: gov, payload: { decision: "approve", decidedOn: "2026-11-20" } });
    expect([d.statusCode, d.json().turnaroundDays]).toEqual([200, 0]);
    expect((await http.inject({ method: "POST", url: `/api/v1/delegation/permits/${a.id}/decide`, headers: gov, payload: { decision: "approve" } })).statusCode).toBe(409);
    expect((await http.inject({ url: `/api/v1/delegation/permits/${a.id}`, headers: await login("governor.chiangrai") })).statusCode).toBe(403);
    expect((await http.inject({ url: `/api/v1/delegation/permits/${a.id}` })).statusCode).toBe(401);
    const stats = await http.inject({ url: "/api/v1/delegation/permits/stats?powerCode=P-ADM-015&provinceCode=40&fiscalYear=2569" });
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().comparison.delegatedFrom).toBe("2024-11-01");
    expect(stats.body).not.toContain(PERSON.name);
    // the Ministry of Interior's officer sees the central queue (Lands and DOPA), not the provinces' own
    const moi = await http.inject({ url: "/api/v1/delegation/permits?route=central&limit=200", headers: await login("moi.officer") });
    expect(moi.statusCode).toBe(200);
    expect(moi.json().items.length).toBeGreaterThan(0);
    expect((await http.inject({ url: "/api/v1/delegation/permits?route=delegated", headers: await login("moi.officer") })).json().total).toBe(0);
  });
});

describe("authority is checked again when the application is decided", () => {
  it("a capped instrument needs the amount at reception; a decision after the instrument was revoked is refused, one while it stood is not", async () => {
    const before = await state();
    const noAmount = await fail(receive({ amount: undefined }));
    expect(noAmount).toMatchObject({ code: "delegation.permit.amount-required", status: 422 });
    expect(noAmount.fields?.[0]?.path).toBe("amount");
    expect(await state()).toBe(before);

    const code = (await createPower({ ctx: as(admin), input: { code: "P-PT-002", area: "commands-permits", nameTh: "อนุญาตทดสอบสอง", legalBasisTh: "ประมวลกฎหมายที่ดิน มาตรา 9", centralOrgId: "moi.dol", isPermit: true, slaDaysDelegated: 10, slaDaysCentral: 40 } })).code;
    const inst = await createDelegation({ ctx: as(dolOfficer), input: { powerCode: code, delegateRole: "governor", provinceCode: "40", instrumentNo: "คำสั่งกรมที่ดิน ที่ 2/2569", instrumentDate: "2025-10-01", effectiveFrom: "2025-10-01" } });
    const first = await receive({ powerCode: code, amount: undefined, receivedOn: "2026-11-02" });
    const second = await receive({ powerCode: code, amount: undefined, receivedOn: "2026-11-02" });
    expect([first.route, second.route]).toEqual(["delegated", "delegated"]);
    await revokeDelegation({ ctx: as(dolOfficer), input: { delegationId: inst.id, revokedFrom: "2026-11-10", reasonTh: "ทดสอบ" } });
    const b2 = await state();
    const lapsed = await fail(decidePermitApplication({ ctx: as(govKK), input: { id: first.id, decision: "approve", decidedOn: "2026-11-20" } }));
    expect(lapsed).toMatchObject({ code: "delegation.permit.authority-lapsed", status: 409 });
    expect(lapsed.messageTh).toBe("ณ วันที่ 20 พ.ย. 2569 ไม่มีคำสั่งมอบอำนาจที่ใช้กับคำขอนี้แล้ว ต้องส่งเรื่องให้กรมที่ดิน");
    expect((await getPermitApplication({ ctx: as(govKK), input: { id: first.id } })).may.decide).toBe(false);
    expect(await state()).toBe(b2);
    expect((await decidePermitApplication({ ctx: as(govKK), input: { id: second.id, decision: "approve", decidedOn: "2026-11-09" } })).status).toBe("approved");
  });
});
