import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "../../platform/auth/policy.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { expectAll } from "../../../test/expect-all.js";
import { checkAuthority } from "./index.js";
import { createDelegation } from "./create-delegation.js";
import { createPower } from "./create-power.js";
import { getDelegation } from "./get-delegation.js";
import { getProvincePowers } from "./get-province-powers.js";
import { listDelegations } from "./list-delegations.js";
import { listPowers } from "./list-powers.js";
import { revokeDelegation } from "./revoke-delegation.js";
import { chainViolations, statusOn } from "./rules.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);
const admin = actor("administrator", "nation", "t-admin");
const moiOfficer = actor("ministry_officer", "org:moi", "t-moi");
const dolOfficer = actor("department_officer", "org:moi.dol", "t-dol");
const mofOfficer = actor("ministry_officer", "org:mof", "t-mof");
const govKK = actor("governor", "area:province:40", "t-gov-40");
const govCR = actor("governor", "area:province:57", "t-gov-57");
let seq = 0;
async function newPower(over: Record<string, unknown> = {}) {
  const code = `P-T-${String(++seq).padStart(3, "0")}`;
  return createPower({ ctx: ctxFor(db, admin), input: { code, area: "commands-permits", nameTh: `อำนาจทดสอบ ${seq}`, nameEn: `Test power ${seq}`, legalBasisTh: "ประมวลกฎหมายที่ดิน มาตรา 9", legalBasisEn: "Land Code s. 9", centralOrgId: "moi.dol", isPermit: true, slaDaysDelegated: 15, slaDaysCentral: 60, ...over } });
}
const root = (powerCode: string, over: Record<string, unknown> = {}) => ({
  powerCode,
  delegateRole: "governor" as const,
  provinceCode: "40",
  amountCap: 1_000_000,
  instrumentNo: `คำสั่งกรมที่ดิน ที่ ${seq}/2569`,
  instrumentDate: "2026-01-05",
  effectiveFrom: "2026-01-05",
  effectiveTo: "2027-09-30",
  maySubdelegate: true,
  ...over,
});
async function tableState(): Promise<string> {
  const [r] = await db.query<{ n: string; h: string }>(`select count(*)::text as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from delegations x`);
  return `${r!.n}:${r!.h}`;
}

describe("chain rules (pure): a delegate never holds more than its delegator", () => {
  const parent = { provinceCode: "40", districtCode: null, amountCap: 1_000_000, effectiveFrom: "2026-01-01", effectiveTo: "2027-09-30", maySubdelegate: true, revokedFrom: null };
  const ok = { provinceCode: "40", districtCode: "4001", amountCap: 500_000, effectiveFrom: "2026-02-01", effectiveTo: "2027-09-30" };
  it.each([
    ["within everything", ok, []],
    ["another province", { ...ok, provinceCode: "57", districtCode: null }, ["delegation.chain.wider-area"]],
    ["no province (everywhere)", { ...ok, provinceCode: null, districtCode: null }, ["delegation.chain.wider-area"]],
    ["a higher cap", { ...ok, amountCap: 1_000_000.01 }, ["delegation.chain.wider-amount"]],
    ["no cap under a capped parent", { ...ok, amountCap: null }, ["delegation.chain.wider-amount"]],
    ["starting earlier", { ...ok, effectiveFrom: "2025-12-31" }, ["delegation.chain.wider-dates"]],
    ["ending later", { ...ok, effectiveTo: "2027-10-01" }, ["delegation.chain.wider-dates"]],
    ["open-ended under a dated parent", { ...ok, effectiveTo: null }, ["delegation.chain.wider-dates"]],
  ] as const)("%s", (_label, child, codes) => {
    expect(chainViolations(parent, child).map((v) => v.code)).toEqual(codes);
  });
  it("a parent that allows no onward delegation, or is revoked, refuses every child", () => {
    expect(chainViolations({ ...parent, maySubdelegate: false }, ok).map((v) => v.code)).toEqual(["delegation.chain.no-onward"]);
    expect(chainViolations({ ...parent, revokedFrom: "2026-06-01" }, ok).map((v) => v.code)).toEqual(["delegation.chain.parent-revoked"]);
  });
  it("a district parent keeps its child in the district", () => {
    expect(chainViolations({ ...parent, districtCode: "4001" }, { ...ok, districtCode: "4002" }).map((v) => v.code)).toEqual(["delegation.chain.wider-area"]);
  });
  it("status on a date: not yet, in force (both ends inclusive), expired, revoked from its date", () => {
    const d = { effectiveFrom: "2026-01-05", effectiveTo: "2027-09-30", revokedFrom: null };
    expect(["2026-01-04", "2026-01-05", "2027-09-30", "2027-10-01"].map((x) => statusOn(d, x))).toEqual(["not-yet", "in-force", "in-force", "expired"]);
    expect(["2026-11-30", "2026-12-01"].map((x) => statusOn({ ...d, revokedFrom: "2026-12-01" }, x))).toEqual(["in-force", "revoked"]);
  });
});

describe("instruments: issued by the right authority, validated along the chain, revoked with a cascade", () => {
  it("only the power's central authority (its ministry, department or an administrator) issues a root instrument", async () => {
    const p = await newPower();
    const before = await tableState();
    for (const who of [mofOfficer, govKK, actor("opdc_evaluator", "nation"), actor("strategy_officer", "area:province:40")]) {
      expect((await fail(createDelegation({ ctx: ctxFor(db, who), input: root(p.code) }))).code).toBe("auth.forbidden");
    }
    expect(await tableState()).toBe(before);
    const a = await createDelegation({ ctx: ctxFor(db, dolOfficer), input: root(p.code) });
    expect(a).toMatchObject({ delegatorOrgId: "moi.dol", delegatorLabelTh: "กรมที่ดิน", delegateLabelTh: "ผู้ว่าราชการจังหวัดขอนแก่น", delegateLabelEn: "Governor of Khon Kaen", amountCap: "1000000.00", depth: 0, status: "in-force" });
    expect(a.rootId).toBe(a.id);
    await createDelegation({ ctx: ctxFor(db, moiOfficer), input: root(p.code, { provinceCode: "57" }) });
    const audit = await db.query<{ action: string; entity_id: string }>("select action, entity_id from audit_log where actor_id in ('t-dol', 't-moi') and entity_type = 'delegation'");
    expect(audit.map((x) => x.action)).toEqual(["delegation.instrument.create", "delegation.instrument.create"]);
  });

  it("onward delegation: the delegate issues it, never wider in area, amount or dates, and only with the parent's leave", async () => {
    const p = await newPower();
    const g = await createDelegation({ ctx: ctxFor(db, dolOfficer), input: root(p.code) });
    const child = { powerCode: p.code, parentId: g.id, delegateRole: "vice_governor" as const, provinceCode: "40", amountCap: 500_000, instrumentNo: "คำสั่งจังหวัดขอนแก่น ที่ 1/2569", instrumentDate: "2026-02-01", effectiveFrom: "2026-02-01", effectiveTo: "2027-09-30", maySubdelegate: false };
    const before = await tableState();
    expect((await fail(createDelegation({ ctx: ctxFor(db, govCR), input: child }))).code).toBe("auth.forbidden");
    for (const [over, path] of [
      [{ amountCap: 2_000_000 }, "amountCap"],
      [{ amountCap: null }, "amountCap"],
      [{ effectiveFrom: "2025-12-01" }, "effectiveFrom"],
      [{ effectiveTo: "2028-09-30" }, "effectiveTo"],
      [{ effectiveTo: null }, "effectiveTo"],
    ] as const) {
      const e = await fail(createDelegation({ ctx: ctxFor(db, govKK), input: { ...child, ...over } }));
      expect(e.code, JSON.stringify(over)).toBe("delegation.chain.widens");
      expect(e.status).toBe(422);
      expect(e.fields?.map((f) => f.path)).toEqual([path]);
      expect(e.messageTh).toMatch(/กว้างกว่า/);
    }
    // the governor of Khon Kaen cannot hand Khon Kaen's power to Chiang Rai (the delegate's scope is Khon Kaen)
    expect((await fail(createDelegation({ ctx: ctxFor(db, govKK), input: { ...child, provinceCode: "57" } }))).code).toBe("delegation.chain.widens");
    expect((await fail(createDelegation({ ctx: ctxFor(db, govKK), input: { ...child, delegateRole: "governor" } }))).fields?.[0]?.code).toBe("delegation.chain.same-post");
    expect(await tableState()).toBe(before);

    const v = await createDelegation({ ctx: ctxFor(db, govKK), input: child });
    expect(v).toMatchObject({ parentId: g.id, rootId: g.id, depth: 1, delegatorLabelTh: "ผู้ว่าราชการจังหวัดขอนแก่น", delegateLabelTh: "รองผู้ว่าราชการจังหวัดขอนแก่น" });
    // the vice governor's instrument allows no onward delegation
    const e = await fail(createDelegation({ ctx: ctxFor(db, govKK), input: { ...child, parentId: v.id, delegateRole: "district_chief", districtCode: "4001", amountCap: 100_000 } }));
    expect(e.fields?.map((f) => f.code)).toEqual(["delegation.chain.no-onward"]);
  });

  it("the head of a provincial office receives only its own province's power; a governor may delegate onward an instrument to every governor", async () => {
    const p = await newPower();
    const g = await createDelegation({ ctx: ctxFor(db, dolOfficer), input: root(p.code) });
    const onward = { powerCode: p.code, parentId: g.id, delegateRole: "provincial_agency_head" as const, provinceCode: "40", amountCap: 100_000, instrumentNo: "จ.ขก. 9/2569", instrumentDate: "2026-02-01", effectiveFrom: "2026-02-01", effectiveTo: "2027-09-30" };
    const before = await tableState();
    const e = await fail(createDelegation({ ctx: ctxFor(db, govKK), input: { ...onward, delegateOrgId: "pro:57:land" } }));
    expect(e.fields?.map((f) => [f.path, f.code])).toEqual([["delegateOrgId", "delegation.role-org"]]);
    expect(await tableState()).toBe(before);
    const office = await createDelegation({ ctx: ctxFor(db, govKK), input: { ...onward, delegateOrgId: "pro:40:land" } });
    expect(office.delegateLabelTh).toBe("หัวหน้าสำนักงานที่ดินจังหวัดขอนแก่น");

    const all = await createDelegation({ ctx: ctxFor(db, admin), input: { powerCode: p.code, delegateRole: "governor", instrumentNo: "ทุกจังหวัด 1/2569", instrumentDate: "2026-01-01", effectiveFrom: "2026-01-01", maySubdelegate: true } });
    expect((await getDelegation({ ctx: ctxFor(db, govCR), input: { id: all.id } })).may.subdelegate).toBe(true);
    expect((await getDelegation({ ctx: ctxFor(db, dolOfficer), input: { id: all.id } })).may.subdelegate).toBe(false);
  });

  it("revocation cascades down the whole chain from its date, each instrument audited", async () => {
    const p = await newPower();
    const g = await createDelegation({ ctx: ctxFor(db, dolOfficer), input: root(p.code) });
    const v = await createDelegation({ ctx: ctxFor(db, govKK), input: { powerCode: p.code, parentId: g.id, delegateRole: "vice_governor", provinceCode: "40", amountCap: 500_000, instrumentNo: "จ.ขก. 2/2569", instrumentDate: "2026-02-01", effectiveFrom: "2026-02-01", effectiveTo: "2027-09-30", maySubdelegate: true } });
    const dc = await createDelegation({ ctx: ctxFor(db, govKK), input: { powerCode: p.code, parentId: v.id, delegateRole: "district_chief", districtCode: "4001", amountCap: 100_000, instrumentNo: "จ.ขก. 3/2569", instrumentDate: "2026-03-01", effectiveFrom: "2026-03-01", effectiveTo: "2027-09-30" } });
    expect(dc).toMatchObject({ depth: 2, provinceCode: "40", delegateLabelTh: "นายอำเภอเมืองขอนแก่น" });

    // the governor may not revoke the department's instrument; the department may
    expect((await fail(revokeDelegation({ ctx: ctxFor(db, govKK), input: { delegationId: g.id, reasonTh: "ทดสอบ" } }))).code).toBe("auth.forbidden");
    const r = await revokeDelegation({ ctx: ctxFor(db, dolOfficer), input: { delegationId: g.id, revokedFrom: "2026-12-01", reasonTh: "ปรับปรุงคำสั่งมอบอำนาจ" } });
    expect(r.cascaded).toEqual([v.id, dc.id].sort());
    const detail = await getDelegation({ ctx: ctxFor(db), input: { id: dc.id, on: "2026-12-01" } });
    expect(detail).toMatchObject({ status: "revoked", revokedFrom: "2026-12-01", cascadedFromId: g.id });
    expect(detail.ancestors.map((a) => a.id)).toEqual([g.id, v.id]);
    expect((await getDelegation({ ctx: ctxFor(db), input: { id: g.id } })).descendants.map((d) => d.id)).toEqual([v.id, dc.id]);
    const audit = await db.query<{ action: string; entity_id: string }>("select action, entity_id from audit_log where actor_id = 't-dol' and action like 'delegation.instrument.revoke%' and entity_id = any($1) order by id", [[g.id, v.id, dc.id]]);
    expect(audit.map((a) => `${a.action}:${a.entity_id}`)).toEqual([`delegation.instrument.revoke:${g.id}`, ...[v.id, dc.id].sort().map((id) => `delegation.instrument.revoke-cascade:${id}`)]);
    expect((await fail(revokeDelegation({ ctx: ctxFor(db, dolOfficer), input: { delegationId: g.id, revokedFrom: "2026-12-05", reasonTh: "ซ้ำ" } }))).code).toBe("delegation.instrument.already-revoked");
    // on the day before, the chain still decides; from the date, the matter is central again
    expect((await checkAuthority({ ctx: ctxFor(db), input: { powerCode: p.code, provinceCode: "40", districtCode: "4001", amount: 50_000, date: "2026-11-30" } })).deciders[0]?.delegationId).toBe(dc.id);
    const after = await checkAuthority({ ctx: ctxFor(db), input: { powerCode: p.code, provinceCode: "40", districtCode: "4001", amount: 50_000, date: "2026-12-01" } });
    expect(after.decision).toBe("central");
    expect(after.notApplicable.map((n) => n.reason)).toEqual(["revoked", "revoked", "revoked"]);
  });
});

describe("the authority check: who may decide power X, in province P, for amount A, on date D", () => {
  let code: string;
  let ids: { gov: string; vice: string; dc: string; all: string };
  beforeAll(async () => {
    const p = await newPower();
    code = p.code;
    const gov = await createDelegation({ ctx: ctxFor(db, dolOfficer), input: root(code, { instrumentNo: "คำสั่งกรมที่ดิน ที่ 100/2569" }) });
    const vice = await createDelegation({ ctx: ctxFor(db, govKK), input: { powerCode: code, parentId: gov.id, delegateRole: "vice_governor", provinceCode: "40", amountCap: 500_000, instrumentNo: "จ.ขก. 10/2569", instrumentDate: "2026-02-01", effectiveFrom: "2026-02-01", effectiveTo: "2027-09-30" } });
    const dc = await createDelegation({ ctx: ctxFor(db, govKK), input: { powerCode: code, parentId: gov.id, delegateRole: "district_chief", districtCode: "4001", amountCap: 100_000, instrumentNo: "จ.ขก. 11/2569", instrumentDate: "2026-02-01", effectiveFrom: "2026-02-01", effectiveTo: "2026-12-31" } });
    // a second power delegated to every CEO governor at once, with no cap
    const p2 = await newPower({ area: "budget-procurement", centralOrgId: "opm.bb", centralAuthorityTh: "สำนักงบประมาณ", isPermit: false });
    const all = await createDelegation({ ctx: ctxFor(db, admin), input: { powerCode: p2.code, delegateRole: "governor", instrumentNo: "มติ ครม. 12 พ.ย. 2544", instrumentDate: "2001-11-12", effectiveFrom: "2001-11-12" } });
    ids = { gov: gov.id, vice: vice.id, dc: dc.id, all: all.id };
  });
  const ask = (over: Record<string, unknown>) => checkAuthority({ ctx: ctxFor(db), input: { powerCode: code, provinceCode: "40", date: "2026-11-22", ...over } });

  it.each([
    // [case, query, decision, deciders (most local first), not applicable reasons]
    ["small amount in the city district: the district chief first", { districtCode: "4001", amount: 50_000 }, "delegated", ["dc", "vice", "gov"], []],
    ["another district: the district chief's instrument is out of its area", { districtCode: "4002", amount: 50_000 }, "delegated", ["vice", "gov"], ["out-of-area"]],
    ["over the district and vice governor's caps: the governor", { districtCode: "4001", amount: 800_000 }, "delegated", ["gov"], ["over-limit", "over-limit"]],
    ["exactly the governor's cap is within it", { amount: 1_000_000 }, "delegated", ["gov"], ["out-of-area", "over-limit"]],
    ["over every cap: central", { amount: 1_000_000.01 }, "central", [], ["out-of-area", "over-limit", "over-limit"]],
    ["before the instruments: central", { date: "2026-01-04" }, "central", [], ["not-yet-effective", "not-yet-effective", "not-yet-effective"]],
    ["the district chief's instrument has expired", { districtCode: "4001", date: "2027-01-15" }, "delegated", ["vice", "gov"], ["expired"]],
    ["after the root expired, every link has expired: central", { date: "2027-10-01" }, "central", [], ["expired", "expired", "expired"]],
    ["instruments that lapsed over a year before are history, not reasons", { date: "2028-01-01" }, "central", [], ["expired", "expired"]],
    ["…and once every instrument lapsed over a year before, none is listed", { date: "2028-10-01" }, "central", [], []],
  ] as const)("%s", async (_label, q, decision, deciders, reasons) => {
    const a = await ask(q);
    expect(a.decision).toBe(decision);
    expect(a.deciders.map((d) => Object.entries(ids).find(([, v]) => v === d.delegationId)?.[0])).toEqual(deciders);
    expect(a.notApplicable.map((n) => n.reason)).toEqual(reasons);
  });

  it("answers with the chain from the central authority down and the legal basis", async () => {
    const a = await ask({ districtCode: "4001", amount: 50_000 });
    expect(a.deciders[0]).toMatchObject({ role: "district_chief", scope: "area:district:4001", labelTh: "นายอำเภอเมืองขอนแก่น", amountCap: "100000.00" });
    expect(a.deciders[0]!.chain.map((c) => [c.delegatorLabelTh, c.delegateLabelTh, c.instrumentNo])).toEqual([
      ["กรมที่ดิน", "ผู้ว่าราชการจังหวัดขอนแก่น", "คำสั่งกรมที่ดิน ที่ 100/2569"],
      ["ผู้ว่าราชการจังหวัดขอนแก่น", "นายอำเภอเมืองขอนแก่น", "จ.ขก. 11/2569"],
    ]);
    expect(a.legalBasisTh).toBe("ประมวลกฎหมายที่ดิน มาตรา 9");
    expect(a.explanationTh).toContain("นายอำเภอเมืองขอนแก่น ตัดสินใจได้");
    expect(a.central).toMatchObject({ orgId: "moi.dol", nameTh: "กรมที่ดิน" });
  });

  it("a province nobody delegated to is told where the matter goes", async () => {
    const a = await ask({ provinceCode: "57" });
    expect(a).toMatchObject({ decision: "central", deciders: [], notApplicable: [] });
    expect(a.explanationTh).toBe("ยังไม่มีการมอบอำนาจนี้ให้จังหวัดเชียงราย ต้องส่งเรื่องให้กรมที่ดินพิจารณา");
    expect(a.explanationEn).toBe("This power is not delegated to Chiang Rai: the matter goes to Department of Lands");
  });

  it("an instrument to every CEO governor reaches each province, labelled for it", async () => {
    const p2 = (await getDelegation({ ctx: ctxFor(db), input: { id: ids.all } })).powerCode;
    for (const [prov, th] of [["34", "ผู้ว่าราชการจังหวัดอุบลราชธานี"], ["76", "ผู้ว่าราชการจังหวัดเพชรบุรี"]] as const) {
      const a = await checkAuthority({ ctx: ctxFor(db), input: { powerCode: p2, provinceCode: prov, amount: 5_000_000_000 } });
      expect(a.decision).toBe("delegated");
      expect(a.deciders.map((d) => [d.labelTh, d.scope, d.amountCap])).toEqual([[th, `area:province:${prov}`, null]]);
    }
  });

  it("bad questions get a clear 4xx", async () => {
    expect((await fail(ask({ powerCode: "P-NOPE" }))).code).toBe("delegation.power.unknown");
    expect((await fail(ask({ powerCode: "P-NOPE" }))).status).toBe(404);
    expect((await fail(ask({ provinceCode: "4" }))).status).toBe(400);
    expect((await fail(ask({ provinceCode: "99" }))).fields?.[0]?.code).toBe("ref.unknown-area");
    expect((await fail(ask({ districtCode: "5701" }))).fields?.[0]?.code).toBe("delegation.district-outside-province");
    expect((await fail(ask({ amount: -1 }))).status).toBe(400);
    expect((await fail(ask({ date: "2026-02-30" }))).status).toBe(400);
  });

  it("what can the governor of Khon Kaen decide today, and the registry by province and power", async () => {
    const pp = await getProvincePowers({ ctx: ctxFor(db), input: { provinceCode: "40", date: "2026-11-22" } });
    const mine = pp.items.find((x) => x.power.code === code)!;
    expect(mine).toMatchObject({ decidedHere: true, delegationId: ids.gov, amountCap: "1000000.00", effectiveTo: "2027-09-30", maySubdelegate: true });
    expect(pp.counts.decidedHere + pp.counts.central).toBe(pp.items.length);
    const cr = await getProvincePowers({ ctx: ctxFor(db), input: { provinceCode: "57", date: "2026-11-22" } });
    expect(cr.items.find((x) => x.power.code === code)?.decidedHere).toBe(false);
    const list = await listDelegations({ ctx: ctxFor(db), input: { powerCode: code, provinceCode: "40", on: "2026-11-22" } });
    expect(list.items.map((d) => d.id)).toEqual([ids.gov, ids.vice, ids.dc]);
    expect((await listDelegations({ ctx: ctxFor(db), input: { powerCode: code, status: "in-force", on: "2027-01-15" } })).items.map((d) => d.id).sort()).toEqual([ids.gov, ids.vice].sort());
    const powersList = await listPowers({ ctx: ctxFor(db), input: { q: code } });
    expect(powersList.items[0]).toMatchObject({ code, inForceCount: 3, verified: false });
  });
});

describe("the catalogue", () => {
  it("is seeded from the research: confirmed entries say so, permits carry service levels", async () => {
    const all = await listPowers({ ctx: ctxFor(db), input: {} });
    const seeded = all.items.filter((p) => !p.code.startsWith("P-T-"));
    expect(seeded.length).toBe(36);
    expect(new Set(seeded.map((p) => p.area))).toEqual(new Set(["commands-permits", "personnel", "budget-procurement"]));
    expect(seeded.filter((p) => p.verified).length).toBeGreaterThan(10);
    expectAll(seeded.filter((p) => p.isPermit), (p) => p.slaDaysCentral! > p.slaDaysDelegated!);
    const moi = await listPowers({ ctx: ctxFor(db), input: { ministryId: "moi" } });
    expectAll(moi.items, (p) => p.centralOrgId.startsWith("moi"));
    expect(moi.items.length).toBeGreaterThan(3);
  });
  it("only OPDC or an administrator adds a power; a duplicate code is a conflict", async () => {
    for (const role of ROLES.filter((r) => r !== "administrator" && r !== "opdc_evaluator")) {
      const e = await fail(createPower({ ctx: ctxFor(db, actor(role, role === "citizen" || role === "pmoc_viewer" ? "nation" : "area:province:40")), input: { code: "P-X-1", area: "personnel", nameTh: "x", legalBasisTh: "x", centralOrgId: "opm.ocsc" } }));
      expect(e.code, role).toBe("auth.forbidden");
    }
    await createPower({ ctx: ctxFor(db, actor("opdc_evaluator", "nation")), input: { code: "P-X-1", area: "personnel", nameTh: "x", legalBasisTh: "x", centralOrgId: "opm.ocsc" } });
    expect((await fail(createPower({ ctx: ctxFor(db, admin), input: { code: "P-X-1", area: "personnel", nameTh: "x", legalBasisTh: "x", centralOrgId: "opm.ocsc" } }))).status).toBe(409);
    expect((await fail(createPower({ ctx: ctxFor(db, admin), input: { code: "P-X-2", area: "personnel", nameTh: "x", legalBasisTh: "x", centralOrgId: "nope" } }))).fields?.[0]?.code).toBe("ref.unknown-organization");
  });
});

describe("the demo scenario (labelled demo)", () => {
  it("Khon Kaen's governor decides public-land use locally but not state-land leases; every status shows somewhere", async () => {
    const kk = await getProvincePowers({ ctx: ctxFor(db), input: { provinceCode: "40", date: "2026-11-22" } });
    const at = (c: string) => kk.items.find((x) => x.power.code === c)!;
    expect(at("P-ADM-015").decidedHere).toBe(true);
    expect(at("P-ADM-013").decidedHere).toBe(false);
    expect(at("P-PRC-002")).toMatchObject({ decidedHere: true, amountCap: "10000000.00" });
    const a = await checkAuthority({ ctx: ctxFor(db), input: { powerCode: "P-ADM-015", provinceCode: "40", districtCode: "4001", amount: 200_000, date: "2026-11-22" } });
    expect(a.deciders.map((d) => d.labelTh)).toEqual(["นายอำเภอเมืองขอนแก่น", "ผู้ว่าราชการจังหวัดขอนแก่น"]);
    const leftover = await checkAuthority({ ctx: ctxFor(db), input: { powerCode: "P-BUD-001", provinceCode: "34", date: "2026-11-22" } });
    expect(leftover.deciders[0]!.chain.map((c) => c.delegatorLabelTh)).toEqual(["สำนักงบประมาณ", "หัวหน้าส่วนราชการ กรมการปกครอง"]);
    const special = await checkAuthority({ ctx: ctxFor(db), input: { powerCode: "P-HR-002", provinceCode: "57", date: "2026-11-22" } });
    expect(special.decision).toBe("central");
    const statuses = new Set((await listDelegations({ ctx: ctxFor(db), input: { limit: 500 } })).items.filter((d) => d.isDemo).map((d) => d.status));
    expect(statuses).toEqual(new Set(["in-force", "expired", "revoked"]));
  });
});
