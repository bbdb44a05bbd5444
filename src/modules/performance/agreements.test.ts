import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type RoleId } from "../../platform/auth/policy.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { amendAgreement } from "./amend-agreement.js";
import { closeDueRounds, closeRound } from "./close-round.js";
import { createAgreement } from "./create-agreement.js";
import { createKpi } from "./create-kpi.js";
import { enterItemResult } from "./enter-item-result.js";
import { getAgreement } from "./get-agreement.js";
import { listAgreements } from "./list-agreements.js";
import { reviewMeasurement } from "./review-measurement.js";
import { roundSchedule } from "./rules.js";
import { saveSelfAssessment } from "./save-self-assessment.js";
import { signAgreement } from "./sign-agreement.js";
import { submitMeasurement } from "./submit-measurement.js";
import { updateAgreement } from "./update-agreement.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);
const audits = async (who: Actor) => (await db.query<{ action: string }>("select action from audit_log where actor_id = $1 order by id", [who.id])).map((r) => r.action);
let seq = 0;
const poc = (p = "57") => actor("strategy_officer", `area:province:${p}`, `poc-${seq++}`);
const gov = (p = "57") => actor("governor", `area:province:${p}`, `gov-${seq++}`);
const opdc = () => actor("opdc_evaluator", "nation", `opdc-${seq++}`);
const dpm = () => actor("deputy_pm_office", "area:cluster:N2", `dpm-${seq++}`);
const reporter = () => actor("agency_officer", "org:pro:57:natural-resources-environment", `rep-${seq++}`);
const PARTIES = [
  { role: "deputy_pm" as const, nameTh: "รองนายกรัฐมนตรี (ทดสอบ)" },
  { role: "minister_interior" as const, nameTh: "รัฐมนตรีว่าการกระทรวงมหาดไทย (ทดสอบ)" },
  { role: "governor" as const, nameTh: "ผู้ว่าราชการจังหวัดเชียงราย (ทดสอบ)" },
];

/** A fresh KPI (higher is better) in Chiang Rai and a draft agreement for a fiscal year no other test uses. */
async function draft(fiscalYear: number) {
  const kpi = await createKpi({ ctx: ctxFor(db, poc()), input: { code: `T-${fiscalYear}-${seq++}`, nameTh: "ร้อยละครัวเรือนที่เข้าร่วม", unit: "ร้อยละ", direction: "higher", level: "provincial", provinceCode: "57", frequency: "monthly", ownerOrgId: "pro:57:natural-resources-environment" } });
  const input = {
    fiscalYear,
    kind: "provincial" as const,
    areaId: "province:57",
    titleTh: `คำรับรองการปฏิบัติราชการ จังหวัดเชียงราย ปี ${fiscalYear}`,
    parties: PARTIES,
    scheme: { type: "five-level" as const },
    items: [
      { id: "k1", kpiId: kpi.id, nameTh: "ร้อยละครัวเรือนที่เข้าร่วม", nameEn: "Households taking part", weight: 0.6, criteria: { kind: "five-level-numeric" as const, direction: "higher-is-better" as const, levels: [60, 65, 70, 75, 80] as [number, number, number, number, number] } },
      { id: "m1", nameTh: "ศูนย์บัญชาการแก้ไขปัญหาหมอกควัน", nameEn: "Haze command centre", weight: 0.4, criteria: { kind: "five-level-milestone" as const, steps: [1, 2, 3, 4, 5].map((n) => ({ th: `ขั้นที่ ${n}`, en: `Step ${n}` })) as never } },
    ],
  };
  const a = await createAgreement({ ctx: ctxFor(db, gov()), input });
  return { a, kpi, input };
}

// first: a later test closes every due round up to 2041
describe("the demo: the five 2024 pilots' agreements, FY 2568–2570", () => {
  it("FY 2568 and 2569 are closed with frozen scores; FY 2570 is signed and open; Khon Kaen's FY 2570 uses PB/PT", async () => {
    const rows = await db.query<{ id: string; fiscal_year: number; round: number; status: string; total: number | null; scheme: { type: string } }>(
      "select a.id, a.fiscal_year, r.round, r.status, r.total, a.scheme from agreements a join agreement_rounds r on r.agreement_id = a.id where a.is_demo order by a.id, r.round",
    );
    expect(new Set(rows.map((r) => r.id)).size).toBe(15);
    for (const r of rows.filter((x) => x.fiscal_year < 2570)) {
      expect(r.status, `${r.id} ${r.round}`).toBe("closed");
      expect(r.total, `${r.id} ${r.round}`).toBeGreaterThanOrEqual(1);
      expect(r.total, `${r.id} ${r.round}`).toBeLessThanOrEqual(5);
    }
    expect(rows.filter((x) => x.fiscal_year === 2570).every((r) => r.status === "open")).toBe(true);
    expect(rows.find((r) => r.id === "demo-agreement-40-2570")!.scheme.type).toBe("pb-pt");
  });
});

describe("performance agreements: draft, sign, score by round, amend", () => {
  it("schedules the 6-, 9- and 12-month rounds of the fiscal year, due after the period ends", () => {
    expect(roundSchedule(2570, 30)).toEqual([
      { round: 6, periodEnd: "2027-03-31", dueDate: "2027-04-30" },
      { round: 9, periodEnd: "2027-06-30", dueDate: "2027-07-30" },
      { round: 12, periodEnd: "2027-09-30", dueDate: "2027-10-30" },
    ]);
  });

  it("the whole year: signing locks, a verified measurement moves the live score, closing freezes it, an amendment is recorded", async () => {
    const { a, kpi, input } = await draft(2580);
    expect(a.status).toBe("draft");
    // a draft can be edited
    const edited = await updateAgreement({ ctx: ctxFor(db, poc()), input: { id: a.id, ...input, titleTh: "คำรับรอง (แก้ไขร่าง)" } });
    expect(edited.titleTh).toBe("คำรับรอง (แก้ไขร่าง)");
    // rounds do not start before signing
    expect((await fail(saveSelfAssessment({ ctx: ctxFor(db, poc()), input: { id: a.id, round: 6, selfAssessmentTh: "x" } }))).code).toBe("performance.agreement.not-signed");
    const dp = dpm();
    const signed = await signAgreement({ ctx: ctxFor(db, dp), input: { id: a.id } });
    expect(signed.status).toBe("signed");
    expect(await audits(dp)).toEqual(["performance.agreement.sign"]);

    // a signed agreement cannot be edited; nothing changes
    const g = gov();
    const e = await fail(updateAgreement({ ctx: ctxFor(db, g), input: { id: a.id, ...input, titleTh: "แอบแก้" } }));
    expect(e.status).toBe(422);
    expect(e.code).toBe("performance.agreement.signed");
    expect(await audits(g)).toEqual([]);
    expect((await getAgreement({ ctx: ctxFor(db, g), input: { id: a.id } })).titleTh).toBe("คำรับรอง (แก้ไขร่าง)");

    // nothing verified yet: the live interim score leaves the KPI out and shows only what counted
    let d = await getAgreement({ ctx: ctxFor(db, g), input: { id: a.id } });
    expect(d.rounds.map((r) => [r.round, r.status, r.live])).toEqual([[6, "open", true], [9, "open", true], [12, "open", true]]);
    expect(d.rounds[0]!.score.total).toBeNull();
    expect(d.may).toMatchObject({ edit: false, sign: false, selfAssess: true, assess: false });

    // the owner reports 72.5 % for January; the strategy office verifies; the 6-month score moves
    const m = await submitMeasurement({ ctx: ctxFor(db, reporter()), input: { kpiId: kpi.id, fiscalYear: 2580, periodEnd: "2037-01-31", value: 72.5 } });
    d = await getAgreement({ ctx: ctxFor(db, g), input: { id: a.id } });
    expect(d.rounds[0]!.score.total).toBeNull(); // submitted, not verified: it does not count
    await reviewMeasurement({ ctx: ctxFor(db, poc()), input: { id: m.id, decision: "verify" } });
    d = await getAgreement({ ctx: ctxFor(db, g), input: { id: a.id } });
    const k1 = d.rounds[0]!.score.items.find((i) => i.itemId === "k1")!;
    expect(k1).toMatchObject({ result: 72.5, score: 3.5, status: "scored" });
    expect(d.rounds[0]!.score.total).toBe(3.5); // milestone not reported yet: left out of an interim total
    // a measurement after the 6-month period end counts for the 9-month round only
    const late = await submitMeasurement({ ctx: ctxFor(db, reporter()), input: { kpiId: kpi.id, fiscalYear: 2580, periodEnd: "2037-05-31", value: 80 } });
    await reviewMeasurement({ ctx: ctxFor(db, poc()), input: { id: late.id, decision: "verify" } });

    // OPDC enters the milestone steps; the governor's office submits the self-assessment
    const o = opdc();
    await enterItemResult({ ctx: ctxFor(db, o), input: { id: a.id, round: 6, itemId: "m1", value: 2 } });
    expect((await fail(enterItemResult({ ctx: ctxFor(db, o), input: { id: a.id, round: 6, itemId: "k1", value: 5 } }))).fields?.[0]?.code).toBe("performance.agreement.result-from-kpi");
    expect((await fail(enterItemResult({ ctx: ctxFor(db, o), input: { id: a.id, round: 6, itemId: "m1", value: 2.5 } }))).status).toBe(400);
    await saveSelfAssessment({ ctx: ctxFor(db, g), input: { id: a.id, round: 6, selfAssessmentTh: "ดำเนินการตามแผน", evidence: [{ name: "รายงานผล.pdf" }], submit: true } });
    d = await getAgreement({ ctx: ctxFor(db, g), input: { id: a.id } });
    expect(d.rounds[0]).toMatchObject({ status: "submitted", selfAssessmentTh: "ดำเนินการตามแผน" });
    // 0.6 × 3.5 + 0.4 × 2 = 2.9
    expect(d.rounds[0]!.score.total).toBe(2.9);
    expect(d.rounds[1]!.score.items.find((i) => i.itemId === "k1")!.score).toBe(5);

    // closing freezes the 6-month score
    await closeRound({ ctx: ctxFor(db, o), input: { id: a.id, round: 6 } });
    expect((await fail(enterItemResult({ ctx: ctxFor(db, o), input: { id: a.id, round: 6, itemId: "m1", value: 5 } }))).code).toBe("performance.round.closed");
    expect((await fail(closeRound({ ctx: ctxFor(db, o), input: { id: a.id, round: 6 } }))).code).toBe("performance.round.closed");

    // an amendment (with a reason) changes weights for the rounds still open, and is kept
    const amended = await amendAgreement({
      ctx: ctxFor(db, dp),
      input: { id: a.id, reasonTh: "ปรับน้ำหนักตามมติคณะกรรมการ", changes: { ...input, titleTh: "คำรับรอง (แก้ไขเพิ่มเติม ครั้งที่ 1)", items: [{ ...input.items[0]!, weight: 0.7 }, { ...input.items[1]!, weight: 0.3 }] } },
    });
    expect(amended.version).toBe(2);
    d = await getAgreement({ ctx: ctxFor(db, g), input: { id: a.id } });
    expect(d.rounds[0]!.score.total).toBe(2.9); // frozen
    expect(d.rounds[0]!.live).toBe(false);
    expect(d.items.map((i) => i.weight)).toEqual([0.7, 0.3]);
    expect(d.amendments).toHaveLength(1);
    expect(d.amendments[0]).toMatchObject({ version: 2, reasonTh: "ปรับน้ำหนักตามมติคณะกรรมการ" });
    expect((d.amendments[0]!.before as { items: { weight: number }[] }).items.map((i) => i.weight)).toEqual([0.6, 0.4]);
    expect(await audits(dp)).toEqual(["performance.agreement.sign", "performance.agreement.amend"]);
    // an amendment's weights must still sum to 1
    const bad = await fail(amendAgreement({ ctx: ctxFor(db, dp), input: { id: a.id, reasonTh: "x", changes: { ...input, items: [{ ...input.items[0]!, weight: 0.7 }, { ...input.items[1]!, weight: 0.2 }] } } }));
    expect(bad.status).toBe(400);
    expect((await getAgreement({ ctx: ctxFor(db, g), input: { id: a.id } })).version).toBe(2);
  });

  it("signing needs all three parties; weights must sum to 1; one agreement per area and year; KPIs of another province are refused", async () => {
    const { a, input } = await draft(2581);
    await updateAgreement({ ctx: ctxFor(db, poc()), input: { id: a.id, ...input, parties: PARTIES.slice(0, 2) } });
    const e = await fail(signAgreement({ ctx: ctxFor(db, dpm()), input: { id: a.id } }));
    expect(e.code).toBe("performance.agreement.parties-missing");
    expect(e.details).toMatchObject({ missing: ["governor"] });
    const w = await fail(createAgreement({ ctx: ctxFor(db, gov()), input: { ...input, fiscalYear: 2582, items: [{ ...input.items[0]!, weight: 0.5 }, { ...input.items[1]!, weight: 0.4 }] } }));
    expect(w.status).toBe(400);
    expect(w.fields?.some((f) => f.path === "items")).toBe(true);
    expect((await fail(createAgreement({ ctx: ctxFor(db, gov()), input }))).code).toBe("performance.agreement.exists");
    const ubonKpi = await createKpi({ ctx: ctxFor(db, poc("34")), input: { code: `U-${seq++}`, nameTh: "ตัวชี้วัดอุบล", unit: "ร้อยละ", direction: "higher", level: "provincial", provinceCode: "34", frequency: "yearly", ownerOrgId: "pro:34:commerce" } });
    {
      const x = await fail(createAgreement({ ctx: ctxFor(db, gov()), input: { ...input, fiscalYear: 2583, items: [{ ...input.items[0]!, kpiId: ubonKpi.id }, input.items[1]!] } }));
      expect(x.fields?.[0]).toMatchObject({ path: "items.0.kpiId", code: "performance.kpi-other-province" });
    }
  });

  it("rounds close on their due date (Bangkok time) by the scheduled job, only for signed agreements, once", async () => {
    const { a } = await draft(2584);
    const { a: unsigned } = await draft(2585);
    await signAgreement({ ctx: ctxFor(db, dpm()), input: { id: a.id } });
    const at = (iso: string) => ({ ...ctxFor(db), now: () => new Date(iso) });
    // 2584's 6-month round is due 2041-04-30: still open at 23:59 Bangkok that day (16:59 UTC)
    expect((await closeDueRounds({ ctx: at("2041-04-30T16:59:00Z") })).closed.filter((c) => c.id === a.id)).toEqual([]);
    const first = await closeDueRounds({ ctx: at("2041-04-30T17:00:00Z") });
    expect(first.closed.filter((c) => c.id === a.id).map((c) => c.round)).toEqual([6]);
    expect(first.closed.some((c) => c.id === unsigned.id)).toBe(false);
    expect((await closeDueRounds({ ctx: at("2041-05-01T00:00:00Z") })).closed.filter((c) => c.id === a.id)).toEqual([]);
    const d = await getAgreement({ ctx: ctxFor(db, opdc()), input: { id: a.id } });
    expect(d.rounds.map((r) => r.status)).toEqual(["closed", "open", "open"]);
    expect(d.rounds[0]!.score.total).toBeNull(); // nothing reported: an interim round leaves unreported items out
  });

  it("lists agreements by province and year with each round's frozen total", async () => {
    const r = await listAgreements({ ctx: ctxFor(db, opdc()), input: { provinceCode: "57", fiscalYear: 2580 } });
    expect(r.total).toBe(1);
    expect(r.items[0]!.rounds.map((x) => x.round)).toEqual([6, 9, 12]);
    expect((await fail(listAgreements({ ctx: ctxFor(db, actor("citizen", "nation")), input: {} }))).status).toBe(403);
    // a province's staff see their own province's agreements only; OPDC (national) sees all
    const ubon = await listAgreements({ ctx: ctxFor(db, actor("governor", "area:province:34", "list-ubon")), input: { limit: 500 } });
    expect(ubon.total).toBeGreaterThan(0);
    expect(new Set(ubon.items.map((a) => a.provinceCode))).toEqual(new Set(["34"]));
    expect(new Set((await listAgreements({ ctx: ctxFor(db, opdc()), input: { limit: 500 } })).items.map((a) => a.provinceCode)).size).toBeGreaterThanOrEqual(5);
  });
});

const AREA = { in: "area:province:57", above: "area:cluster:N2", beside: "area:province:55", out: "area:district:3401" } as const;
const ORG_ROLES: RoleId[] = ["agency_officer", "agency_head", "ministry_officer", "department_officer"];
const scopeOf = (role: RoleId, where: keyof typeof AREA) =>
  role === "citizen" || role === "pmoc_viewer" ? "nation" : ORG_ROLES.includes(role) ? (where === "in" ? "org:pro:57:land" : "org:moph") : role === "opdc_evaluator" && where === "above" ? "nation" : AREA[where];

describe("permission matrix: agreement operations × every role × scope (no unauthorised success; refusals write nothing)", () => {
  const allowedRoles: Record<string, RoleId[]> = {
    update: ["administrator", "strategy_officer", "governor", "cluster_office", "opdc_evaluator"],
    sign: ["administrator", "deputy_pm_office", "opdc_evaluator"],
    selfAssess: ["strategy_officer", "governor", "vice_governor", "cluster_office"],
    assess: ["opdc_evaluator"],
  };
  const cases: [string, RoleId, keyof typeof AREA][] = [];
  for (const op of Object.keys(allowedRoles)) for (const role of ROLES) for (const where of Object.keys(AREA) as (keyof typeof AREA)[]) cases.push([op, role, where]);
  let drafted: Awaited<ReturnType<typeof draft>>;
  let signedId: string;
  beforeAll(async () => {
    drafted = await draft(2590);
    const s = await draft(2591);
    await signAgreement({ ctx: ctxFor(db, dpm()), input: { id: s.a.id } });
    signedId = s.a.id;
  });
  it.each(cases)("%s by %s (%s)", async (op, role, where) => {
    const who = actor(role, scopeOf(role, where), `am-${op}-${role}-${where}-${seq++}`);
    const ctx = ctxFor(db, who);
    const run =
      op === "update"
        ? updateAgreement({ ctx, input: { id: drafted.a.id, ...drafted.input } })
        : op === "sign"
          ? signAgreement({ ctx, input: { id: drafted.a.id } }).then(async (r) => {
              // put it back to draft for the next case (test-only reset through SQL, audited rows are kept)
              await db.query("update agreements set status = 'draft', signed_at = null where id = $1", [drafted.a.id]);
              return r;
            })
          : op === "selfAssess"
            ? saveSelfAssessment({ ctx, input: { id: signedId, round: 9, selfAssessmentTh: "ร่าง" } })
            : enterItemResult({ ctx, input: { id: signedId, round: 9, itemId: "m1", value: 1 } });
    const allowed = allowedRoles[op]!.includes(role) && (where === "in" || where === "above");
    if (allowed) {
      await expect(run).resolves.toBeTruthy();
      expect((await audits(who)).length).toBe(1);
    } else {
      expect((await fail(run)).status).toBe(403);
      expect(await audits(who)).toEqual([]);
    }
  });
});
