import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, systemActor, type Actor } from "../../platform/auth/actor.js";
import { ROLES, type RoleId } from "../../platform/auth/policy.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { compareProgramme, verdictOf } from "./compare-programme.js";
import { createProgramme } from "./create-programme.js";
import { defineOutcome } from "./define-outcome.js";
import { demoRandom, generatePanel } from "./demo-random.js";
import { getProgramme } from "./get-programme.js";
import { grantIncentive } from "./grant-incentive.js";
import { listObservations } from "./list-observations.js";
import { listProgrammes } from "./list-programmes.js";
import { recordObservations } from "./record-observations.js";
import { maxSurveySd, recordSurvey } from "./record-survey.js";
import { setProgrammeProvinces } from "./set-programme-provinces.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);
const audits = async (who: Actor) => (await db.query<{ action: string }>("select action from audit_log where actor_id = $1 order by id", [who.id])).map((r) => r.action);
/** A digest of the pilot tables: a refused call must leave them exactly as they were. */
async function pilotTables(): Promise<string> {
  const out: string[] = [];
  for (const t of ["pilot_programmes", "pilot_provinces", "pilot_outcomes", "pilot_observations", "pilot_incentives"]) {
    const [r] = await db.query<{ n: string; h: string }>(`select count(*)::text as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`);
    out.push(`${t}:${r!.n}:${r!.h}`);
  }
  return out.join(" ");
}
let seq = 0;
const opdc = () => actor("opdc_evaluator", "nation", `opdc-${seq++}`);

/**
 * The hand-computable panel (docs/EVALUATION.md, "Reading the result"): two pilot provinces change by +5 and +7,
 * two comparison provinces by +2 and +4, each observed twice before and twice after 1 Oct 2021.
 *   Lampang 52 (pilot):      10 10 | 15 15  → +5        Phitsanulok 65 (comparison): 10 12 | 12 14 → +2
 *   Si Sa Ket 33 (pilot):    20 20 | 27 27  → +7        Surin 32 (comparison):       30 30 | 34 34 → +4
 * DiD = 6 − 3 = 3; s² = 2 in both groups, SE = √(2/2 + 2/2) = √2; Welch df = 2; t₀.₉₇₅,₂ = 4.302653;
 * 95 % CI = 3 ± 4.302653·√2 = [−3.0849, 9.0849].
 */
const PERIODS = ["2020-09-30", "2021-09-30", "2022-09-30", "2023-09-30"];
const VALUES: Record<string, number[]> = { "52": [10, 10, 15, 15], "33": [20, 20, 27, 27], "65": [10, 12, 12, 14], "32": [30, 30, 34, 34] };

async function handProgramme(code: string) {
  const ctx = ctxFor(db, opdc());
  const p = await createProgramme({ ctx, input: { code, nameTh: "โครงการทดสอบ", periodStart: "2019-10-01", periodEnd: "2024-09-30", treatmentStart: "2021-10-01" } });
  await setProgrammeProvinces({ ctx, input: { programmeId: p.id, provinces: [{ provinceCode: "52", role: "pilot" }, { provinceCode: "33", role: "pilot" }, { provinceCode: "65", role: "comparison", pairedWith: "52" }, { provinceCode: "32", role: "comparison", pairedWith: "33" }] } });
  const o = await defineOutcome({ ctx, input: { programmeId: p.id, kind: "outcome", nameTh: "ผลลัพธ์ทดสอบ", unit: "คะแนน", direction: "higher" } });
  const rows = Object.entries(VALUES).flatMap(([provinceCode, vs]) => vs.map((value, k) => ({ provinceCode, periodEnd: PERIODS[k]!, value })));
  await recordObservations({ ctx, input: { programmeId: p.id, outcomeId: o.id, rows } });
  return { p, o, ctx };
}

describe("comparison and difference in differences on a hand-computable panel", () => {
  it("series of group means per period, the 2×2 table, the estimate, SE, df and the 95 % interval", async () => {
    const { p, ctx } = await handProgramme("T-HAND-1");
    const c = await compareProgramme({ ctx, input: { programmeId: p.id } });
    expect(c.level).toBe(0.95);
    const [only] = c.outcomes;
    expect(only!.series.map((s) => [s.period, s.phase, s.pilot!.mean, s.comparison!.mean, s.gap])).toEqual([
      ["2020-09-30", "pre", 15, 20, -5],
      ["2021-09-30", "pre", 15, 21, -6],
      ["2022-09-30", "post", 21, 23, -2],
      ["2023-09-30", "post", 21, 24, -3],
    ]);
    const d = only!.did;
    expect(d.cells).toEqual({ pilot: { pre: 15, post: 21 }, comparison: { pre: 20.5, post: 23.5 } });
    expect(d.estimate).toBeCloseTo(3, 12);
    expect(d.se).toBeCloseTo(Math.SQRT2, 12);
    expect(d.df).toBeCloseTo(2, 12);
    expect(d.tCritical).toBeCloseTo(4.302653, 6);
    expect(d.ci!.low).toBeCloseTo(-3.0849, 4);
    expect(d.ci!.high).toBeCloseTo(9.0849, 4);
    // P(|T₂| > 3/√2) = 1 − 3/√2 / √(4.5 + 2)
    expect(d.pValue).toBeCloseTo(1 - (3 / Math.SQRT2) / Math.sqrt(6.5), 10);
    expect(d.units).toEqual({ pilot: 2, comparison: 2, total: 4 });
    expect(d.unitDifferences.map((u) => [u.provinceCode, u.role, u.difference])).toEqual([
      ["32", "comparison", 4],
      ["65", "comparison", 2],
      ["33", "pilot", 7],
      ["52", "pilot", 5],
    ]);
    // honest about n: the interval straddles 0, so no clear effect, and it says how few provinces it rests on
    expect(d.verdict).toBe("no-clear-effect");
    expect(d.warnings.map((w) => w.code)).toContain("few-units");
    expect(d.smallSample).toMatchObject({ pilot: 2, comparison: 2 });
    expect(d.smallSample.messageTh).toContain("จังหวัดนำร่องเพียง 2 จังหวัด");
    expect(d.smallSample.messageEn).toContain("only 2 pilot and 2 comparison");
    expect(c.assumptionEn).toContain("parallel trends");
  });

  it("the 90 % interval is narrower, and the verdict reads the outcome's direction", async () => {
    const { p, ctx } = await handProgramme("T-HAND-2");
    const d = (await compareProgramme({ ctx, input: { programmeId: p.id, level: 0.9 } })).outcomes[0]!.did;
    // t₀.₉₅,₂ = 2.919986
    expect(d.ci!.low).toBeCloseTo(3 - 2.919986 * Math.SQRT2, 5);
    expect(verdictOf("higher", { low: 0.5, high: 2 })).toBe("improved");
    expect(verdictOf("lower", { low: 0.5, high: 2 })).toBe("worsened");
    expect(verdictOf("lower", { low: -3, high: -1 })).toBe("improved");
    expect(verdictOf("higher", { low: -3, high: 1 })).toBe("no-clear-effect");
    expect(verdictOf("higher", null)).toBe("not-estimable");
  });

  it("a second value for the same province and period replaces the first; the audit keeps what it was", async () => {
    const { p, o, ctx } = await handProgramme("T-HAND-3");
    const r = await recordObservations({ ctx, input: { programmeId: p.id, outcomeId: o.id, rows: [{ provinceCode: "52", periodEnd: "2023-09-30", value: 25 }, { provinceCode: "52", periodEnd: "2024-09-30", value: 26 }] } });
    expect(r).toEqual({ outcomeId: o.id, inserted: 1, updated: 1 });
    const obs = (await listObservations({ ctx, input: { programmeId: p.id, outcomeId: o.id } })).items.filter((x) => x.provinceCode === "52");
    expect(obs.map((x) => x.value)).toEqual([10, 10, 15, 25, 26]);
    const [last] = await db.query<{ before: { rows: { value: number }[] } }>("select before from audit_log where action = 'performance.pilot.observations.record' and entity_id = $1 order by id desc limit 1", [p.id]);
    expect(last!.before.rows).toEqual([{ provinceCode: "52", periodEnd: "2023-09-30", value: 15, source: null }]);
  });
});

describe("rules", () => {
  it("observations only for the programme's provinces, within its period, for periods that have ended", async () => {
    const { p, o, ctx } = await handProgramme("T-RULE-1");
    const before = await pilotTables();
    const outsider = await fail(recordObservations({ ctx, input: { programmeId: p.id, outcomeId: o.id, rows: [{ provinceCode: "52", periodEnd: "2022-09-30", value: 1 }, { provinceCode: "57", periodEnd: "2022-09-30", value: 1 }] } }));
    expect(outsider.status).toBe(422);
    expect(outsider.code).toBe("performance.pilot.province-not-in-programme");
    expect(outsider.fields?.map((f) => f.path)).toEqual(["rows.1.provinceCode"]);
    expect(outsider.messageTh).toMatch(/[\u0E00-\u0E7F]/);
    const early = await fail(recordObservations({ ctx, input: { programmeId: p.id, outcomeId: o.id, rows: [{ provinceCode: "52", periodEnd: "2019-09-30", value: 1 }] } }));
    expect([early.status, early.code, early.fields?.[0]?.path]).toEqual([422, "performance.pilot.period-out-of-range", "rows.0.periodEnd"]);
    const late = await fail(recordObservations({ ctx, input: { programmeId: p.id, outcomeId: o.id, rows: [{ provinceCode: "52", periodEnd: "2024-10-31", value: 1 }] } }));
    expect(late.code).toBe("performance.pilot.period-out-of-range");
    const twice = await fail(recordObservations({ ctx, input: { programmeId: p.id, outcomeId: o.id, rows: [{ provinceCode: "52", periodEnd: "2022-09-30", value: 1 }, { provinceCode: "52", periodEnd: "2022-09-30", value: 2 }] } }));
    expect([twice.status, twice.fields?.[0]?.code]).toEqual([400, "performance.pilot.duplicate-row"]);
    const survey = await fail(recordSurvey({ ctx, input: { programmeId: p.id, outcomeId: o.id, provinceCode: "52", periodEnd: "2022-09-30", mean: 3, respondents: 100 } }));
    expect(survey.code).toBe("performance.pilot.outcome-kind");
    expect(await pilotTables()).toBe(before);
  });

  it("a period that has not ended yet cannot have a value", async () => {
    const ctx = ctxFor(db, opdc());
    const p = await createProgramme({ ctx, input: { code: "T-FUTURE", nameTh: "โครงการอนาคต", periodStart: "2025-10-01", periodEnd: "2027-09-30", treatmentStart: "2026-10-01" } });
    await setProgrammeProvinces({ ctx, input: { programmeId: p.id, provinces: [{ provinceCode: "57", role: "pilot" }, { provinceCode: "50", role: "comparison" }] } });
    const o = await defineOutcome({ ctx, input: { programmeId: p.id, kind: "outcome", nameTh: "ผลลัพธ์", unit: "วัน", direction: "lower" } });
    const e = await fail(recordObservations({ ctx, input: { programmeId: p.id, outcomeId: o.id, rows: [{ provinceCode: "57", periodEnd: "2026-12-31", value: 1 }] } }));
    expect([e.status, e.code]).toEqual([422, "performance.pilot.period-in-future"]);
    await expect(recordObservations({ ctx, input: { programmeId: p.id, outcomeId: o.id, rows: [{ provinceCode: "57", periodEnd: "2026-09-30", value: 1 }] } })).resolves.toMatchObject({ inserted: 1 });
  });

  it("surveys: a mean on 1–5 with respondents; a spread the answers cannot have is refused", async () => {
    const ctx = ctxFor(db, opdc());
    const p = await createProgramme({ ctx, input: { code: "T-SURVEY", nameTh: "โครงการสำรวจ", periodStart: "2019-10-01", periodEnd: "2024-09-30", treatmentStart: "2021-10-01" } });
    await setProgrammeProvinces({ ctx, input: { programmeId: p.id, provinces: [{ provinceCode: "52", role: "pilot" }, { provinceCode: "65", role: "comparison" }] } });
    const s = await defineOutcome({ ctx, input: { programmeId: p.id, kind: "satisfaction", nameTh: "ความพึงพอใจ", unit: "คะแนน 1–5", direction: "higher" } });
    expect((await fail(defineOutcome({ ctx, input: { programmeId: p.id, kind: "satisfaction", nameTh: "x", unit: "x", direction: "lower" } }))).fields?.[0]?.path).toBe("direction");
    // Bhatia–Davis: answers on 1–5 with mean 4.8 have a population variance of at most 3.8 × 0.2 = 0.76
    expect(maxSurveySd(4.8, 1000)).toBeCloseTo(Math.sqrt(0.76 * (1000 / 999)), 12);
    expect(maxSurveySd(3, 2)).toBeCloseTo(Math.sqrt(8), 12);
    expect(maxSurveySd(3, 1)).toBe(0);
    const bad = await fail(recordSurvey({ ctx, input: { programmeId: p.id, outcomeId: s.id, provinceCode: "52", periodEnd: "2020-09-30", mean: 4.8, respondents: 400, sd: 1.5 } }));
    expect([bad.status, bad.fields?.[0]?.path, bad.fields?.[0]?.code]).toEqual([400, "sd", "performance.pilot.survey-sd-impossible"]);
    const ok = await recordSurvey({ ctx, input: { programmeId: p.id, outcomeId: s.id, provinceCode: "52", periodEnd: "2020-09-30", mean: 3.9, respondents: 412, sd: 0.8 } });
    expect(ok).toMatchObject({ value: 3.9, respondents: 412, sd: 0.8 });
    expect((await fail(recordSurvey({ ctx, input: { programmeId: p.id, outcomeId: s.id, provinceCode: "52", periodEnd: "2020-09-30", mean: 5.2, respondents: 412 } }))).fields?.[0]?.path).toBe("mean");
    expect((await fail(recordObservations({ ctx, input: { programmeId: p.id, outcomeId: s.id, rows: [{ provinceCode: "52", periodEnd: "2020-09-30", value: 3 }] } }))).code).toBe("performance.pilot.outcome-kind");
  });

  it("incentives go to pilot provinces only; money is kept exactly", async () => {
    const { p, ctx } = await handProgramme("T-INC");
    const before = await pilotTables();
    const toComparison = await fail(grantIncentive({ ctx, input: { programmeId: p.id, provinceCode: "65", kind: "staff-development-budget", descriptionTh: "งบพัฒนาบุคลากร", amount: 1_000_000, grantedOn: "2021-11-01" } }));
    expect([toComparison.status, toComparison.code]).toEqual([422, "performance.pilot.incentive-not-pilot"]);
    const outsider = await fail(grantIncentive({ ctx, input: { programmeId: p.id, provinceCode: "57", kind: "staff-development-budget", descriptionTh: "งบพัฒนาบุคลากร", amount: 1_000_000, grantedOn: "2021-11-01" } }));
    expect(outsider.code).toBe("performance.pilot.province-not-in-programme");
    expect((await fail(grantIncentive({ ctx, input: { programmeId: p.id, provinceCode: "52", kind: "salary-step-quota", descriptionTh: "โควตา", grantedOn: "2021-11-01" } }))).fields?.[0]?.path).toBe("amount");
    expect((await fail(grantIncentive({ ctx, input: { programmeId: p.id, provinceCode: "52", kind: "staff-development-budget", descriptionTh: "งบ", amount: 5, grantedOn: "2018-01-01" } }))).code).toBe("performance.pilot.period-out-of-range");
    expect(await pilotTables()).toBe(before);
    const ok = await grantIncentive({ ctx, input: { programmeId: p.id, provinceCode: "52", kind: "staff-development-budget", descriptionTh: "งบพัฒนาบุคลากร", amount: 1_234_567.891, grantedOn: "2021-11-01" } });
    expect(ok).toMatchObject({ amount: "1234567.89", unit: "บาท", provinceCode: "52" });
    const quota = await grantIncentive({ ctx, input: { programmeId: p.id, provinceCode: "33", kind: "salary-step-quota", descriptionTh: "เพิ่มโควตาเลื่อนเงินเดือน", amount: 10, grantedOn: "2022-04-01" } });
    expect(quota).toMatchObject({ amount: "10.00", unit: "ราย" });
    const detail = await getProgramme({ ctx, input: { id: p.id } });
    expect(detail.incentives.map((i) => i.provinceCode)).toEqual(["52", "33"]);
    // a province with incentives stays a pilot
    const demote = await fail(setProgrammeProvinces({ ctx, input: { programmeId: p.id, provinces: [{ provinceCode: "52", role: "comparison" }, { provinceCode: "33", role: "pilot" }, { provinceCode: "65", role: "comparison" }, { provinceCode: "32", role: "comparison" }] } }));
    expect(demote.code).toMatch(/^performance\.pilot\.province-has-(data|incentives)$/);
  });

  it("programme and provinces: period order, unique code, both groups, pairing with a pilot, roles frozen once there is data", async () => {
    const ctx = ctxFor(db, opdc());
    const before = await pilotTables();
    const order = await fail(createProgramme({ ctx, input: { code: "T-ORDER", nameTh: "x", periodStart: "2022-10-01", periodEnd: "2024-09-30", treatmentStart: "2021-10-01" } }));
    expect([order.status, order.fields?.[0]?.path, order.fields?.[0]?.code]).toEqual([400, "treatmentStart", "performance.pilot.period-order"]);
    expect((await fail(createProgramme({ ctx, input: { code: "T-ORDER", nameTh: "x", periodStart: "2020-10-01", periodEnd: "2021-09-30", treatmentStart: "2021-10-01" } }))).fields?.[0]?.path).toBe("periodEnd");
    expect((await fail(createProgramme({ ctx, input: { code: "T-ORDER", nameTh: "x", periodStart: "2020-10-01", periodEnd: "2024-09-30", treatmentStart: "2564-10-01" } }))).fields?.[0]?.path).toBe("treatmentStart");
    expect((await fail(createProgramme({ ctx, input: { code: "PILOT-2567", nameTh: "x", periodStart: "2020-10-01", periodEnd: "2024-09-30", treatmentStart: "2021-10-01" } }))).code).toBe("performance.pilot.code-taken");
    expect(await pilotTables()).toBe(before);

    const { p } = await handProgramme("T-PROV");
    const set = (provinces: { provinceCode: string; role: "pilot" | "comparison"; pairedWith?: string }[]) => fail(setProgrammeProvinces({ ctx, input: { programmeId: p.id, provinces } }));
    const mid = await pilotTables();
    expect((await set([{ provinceCode: "52", role: "pilot" }, { provinceCode: "33", role: "pilot" }])).code).toBe("performance.pilot.needs-both-groups");
    expect((await set([{ provinceCode: "52", role: "pilot" }, { provinceCode: "52", role: "comparison" }])).fields?.[0]).toMatchObject({ path: "provinces.1.provinceCode", code: "performance.pilot.duplicate-province" });
    expect((await set([{ provinceCode: "52", role: "pilot" }, { provinceCode: "65", role: "comparison", pairedWith: "32" }])).fields?.[0]).toMatchObject({ path: "provinces.1.pairedWith", code: "performance.pilot.pairing" });
    expect((await set([{ provinceCode: "52", role: "pilot" }, { provinceCode: "99", role: "comparison" }])).fields?.[0]).toMatchObject({ path: "provinces.1.provinceCode", code: "ref.unknown-area" });
    const dropped = await set([{ provinceCode: "52", role: "pilot" }, { provinceCode: "33", role: "pilot" }, { provinceCode: "65", role: "comparison" }]);
    expect([dropped.status, dropped.code]).toEqual([422, "performance.pilot.province-has-data"]);
    expect(await pilotTables()).toBe(mid);
    // adding a province keeps the others' roles: allowed
    await expect(setProgrammeProvinces({ ctx, input: { programmeId: p.id, provinces: [{ provinceCode: "52", role: "pilot" }, { provinceCode: "33", role: "pilot" }, { provinceCode: "65", role: "comparison", pairedWith: "52" }, { provinceCode: "32", role: "comparison" }, { provinceCode: "15", role: "comparison" }] } })).resolves.toHaveLength(5);
    expect((await fail(getProgramme({ ctx, input: { id: "no-such-programme" } }))).code).toBe("performance.pilot.not-found");
    expect((await fail(defineOutcome({ ctx, input: { programmeId: p.id, kind: "outcome", nameTh: "x", unit: "x", direction: "higher", kpiId: "no-such-kpi" } }))).fields?.[0]).toMatchObject({ path: "kpiId", code: "ref.unknown-kpi" });
  });

  it("bad input changes nothing (400 naming the field)", async () => {
    const { p, o, ctx } = await handProgramme("T-BAD");
    const before = await pilotTables();
    const cases: [() => Promise<unknown>, string][] = [
      [() => createProgramme({ ctx, input: { code: "", nameTh: "x", periodStart: "2020-10-01", periodEnd: "2024-09-30", treatmentStart: "2021-10-01" } }), "code"],
      [() => createProgramme({ ctx, input: { code: "X", nameTh: "x", periodStart: "2020-02-30", periodEnd: "2024-09-30", treatmentStart: "2021-10-01" } }), "periodStart"],
      [() => recordObservations({ ctx, input: { programmeId: p.id, outcomeId: o.id, rows: [{ provinceCode: "5", periodEnd: "2022-09-30", value: 1 }] } }), "rows.0.provinceCode"],
      [() => recordObservations({ ctx, input: { programmeId: p.id, outcomeId: o.id, rows: [{ provinceCode: "52", periodEnd: "2022-09-30", value: Number.NaN }] } }), "rows.0.value"],
      [() => recordObservations({ ctx, input: { programmeId: p.id, outcomeId: o.id, rows: [] } }), "rows"],
      [() => recordObservations({ ctx, input: { programmeId: p.id, outcomeId: "not-this-programme", rows: [{ provinceCode: "52", periodEnd: "2022-09-30", value: 1 }] } }), "outcomeId"],
      [() => setProgrammeProvinces({ ctx, input: { programmeId: p.id, provinces: [{ provinceCode: "52", role: "observer" as "pilot" }, { provinceCode: "65", role: "comparison" }] } }), "provinces.0.role"],
      [() => grantIncentive({ ctx, input: { programmeId: p.id, provinceCode: "52", kind: "staff-development-budget", descriptionTh: "x", amount: -1, grantedOn: "2022-01-01" } }), "amount"],
      [() => defineOutcome({ ctx, input: { programmeId: p.id, kind: "outcome", nameTh: " ", unit: "x", direction: "higher" } }), "nameTh"],
    ];
    for (const [run, field] of cases) {
      const e = await fail(run());
      expect(e.status, field).toBe(400);
      expect(e.fields?.map((f) => f.path), field).toContain(field);
    }
    expect(await pilotTables()).toBe(before);
  });
});

/** Scopes relative to Chiang Rai (province 57), the province whose data is recorded. */
const AREA = { in: "area:province:57", above: "area:cluster:N2", beside: "area:province:55", out: "area:district:3401" } as const;
const ORG = { in: "org:pro:57:natural-resources-environment", above: "org:mnre", beside: "org:pro:55:land", out: "org:moph" } as const;
const ORG_ROLES: RoleId[] = ["agency_officer", "agency_head", "ministry_officer", "department_officer"];
const WRITERS: RoleId[] = ["administrator", "opdc_evaluator"];
const scopeOf = (role: RoleId, where: keyof typeof AREA) => (role === "citizen" || role === "pmoc_viewer" ? "nation" : ORG_ROLES.includes(role) ? ORG[where] : AREA[where]);

describe("permission matrix: pilots × every role × scope", () => {
  let programmeId = "";
  let outcomeId = "";
  beforeAll(async () => {
    const ctx = ctxFor(db, systemActor);
    const p = await createProgramme({ ctx, input: { code: "T-PERM", nameTh: "โครงการสิทธิ์", periodStart: "2019-10-01", periodEnd: "2024-09-30", treatmentStart: "2021-10-01" } });
    await setProgrammeProvinces({ ctx, input: { programmeId: p.id, provinces: [{ provinceCode: "57", role: "pilot" }, { provinceCode: "50", role: "comparison" }] } });
    outcomeId = (await defineOutcome({ ctx, input: { programmeId: p.id, kind: "outcome", nameTh: "ผลลัพธ์", unit: "วัน", direction: "lower" } })).id;
    programmeId = p.id;
  });

  const cases: [RoleId, keyof typeof AREA][] = [];
  for (const role of ROLES) for (const where of Object.keys(AREA) as (keyof typeof AREA)[]) cases.push([role, where]);

  it.each(cases)("recording Chiang Rai's observations: %s (%s)", async (role, where) => {
    const who = actor(role, scopeOf(role, where), `pp-obs-${role}-${where}`);
    const before = await pilotTables();
    const run = recordObservations({ ctx: ctxFor(db, who), input: { programmeId, outcomeId, rows: [{ provinceCode: "57", periodEnd: "2022-09-30", value: seq++ }] } });
    const allowed = WRITERS.includes(role) && (where === "in" || where === "above");
    if (allowed) {
      await expect(run).resolves.toMatchObject({ outcomeId });
      expect(await audits(who)).toEqual(["performance.pilot.observations.record"]);
    } else {
      expect((await fail(run)).status).toBe(403);
      expect(await audits(who)).toEqual([]);
      expect(await pilotTables()).toBe(before);
    }
  });

  it.each(cases)("designing a programme (national): %s (%s)", async (role, where) => {
    const who = actor(role, scopeOf(role, where), `pp-new-${role}-${where}`);
    const before = await pilotTables();
    const e = await fail(createProgramme({ ctx: ctxFor(db, who), input: { code: `T-P-${role}-${where}`, nameTh: "x", periodStart: "2019-10-01", periodEnd: "2024-09-30", treatmentStart: "2021-10-01" } }));
    // only a national grant designs a programme, whatever the role (citizen and PMOC hold nation but not the right)
    expect(e?.status).toBe(403);
    expect(await audits(who)).toEqual([]);
    expect(await pilotTables()).toBe(before);
  });

  it("pilot writers with a national grant design programmes and grant incentives; others may not", async () => {
    for (const role of ROLES) {
      const who = actor(role, "nation", `pp-nation-${role}`);
      const ctx = ctxFor(db, who);
      const before = await pilotTables();
      const created = () => createProgramme({ ctx, input: { code: `T-N-${role}`, nameTh: "x", periodStart: "2019-10-01", periodEnd: "2024-09-30", treatmentStart: "2021-10-01" } });
      const granted = () => grantIncentive({ ctx, input: { programmeId, provinceCode: "57", kind: "other", descriptionTh: "ศึกษาดูงาน", grantedOn: "2022-01-01" } });
      const outcome = () => defineOutcome({ ctx, input: { programmeId, kind: "outcome", nameTh: "x", unit: "x", direction: "higher" } });
      if (WRITERS.includes(role)) {
        await expect(created()).resolves.toHaveProperty("id");
        await expect(granted()).resolves.toHaveProperty("id");
        await expect(outcome()).resolves.toHaveProperty("id");
        expect(await audits(who)).toEqual(["performance.pilot.create", "performance.pilot.incentive.grant", "performance.pilot.outcome.define"]);
      } else {
        for (const run of [created, granted, outcome]) expect((await fail(run())).status).toBe(403);
        expect(await audits(who)).toEqual([]);
        expect(await pilotTables()).toBe(before);
      }
    }
  });

  it("reading: every staff role anywhere; citizens 403, anonymous 401", async () => {
    for (const role of ROLES) {
      const ctx = ctxFor(db, actor(role, scopeOf(role, "beside")));
      const runs = [() => listProgrammes({ ctx, input: {} }), () => getProgramme({ ctx, input: { id: programmeId } }), () => compareProgramme({ ctx, input: { programmeId } }), () => listObservations({ ctx, input: { programmeId } })];
      for (const run of runs) {
        if (role === "citizen") expect((await fail(run())).status).toBe(403);
        else await expect(run()).resolves.toBeDefined();
      }
    }
    expect((await fail(listProgrammes({ ctx: ctxFor(db, anonymousActor), input: {} }))).status).toBe(401);
    expect((await getProgramme({ ctx: ctxFor(db, actor("governor", "area:province:57")), input: { id: programmeId } })).may.write).toBe(false);
    expect((await getProgramme({ ctx: ctxFor(db, opdc()), input: { id: programmeId } })).may.write).toBe(true);
  });
});

describe("demo: the 2001–02 and 2024 pilot programmes", () => {
  it("the 2024 programme: five pilots against five neighbours, three outcomes, incentives for the pilots only", async () => {
    const ctx = ctxFor(db, actor("opdc_evaluator", "nation"));
    const list = await listProgrammes({ ctx, input: {} });
    expect(list.items.filter((p) => p.isDemo).map((p) => [p.code, p.pilots, p.comparisons])).toEqual([
      ["PILOT-2544", 5, 5],
      ["PILOT-2567", 5, 5],
    ]);
    expect((await listProgrammes({ ctx, input: { provinceCode: "57" } })).items.map((p) => p.code)).toContain("PILOT-2567");
    const p = await getProgramme({ ctx, input: { id: "demo-pilot-2567" } });
    expect(p.provinces.filter((x) => x.role === "pilot").map((x) => x.provinceCode).sort()).toEqual(["31", "34", "40", "57", "76"]);
    expect(Object.fromEntries(p.provinces.filter((x) => x.role === "comparison").map((x) => [x.provinceCode, x.pairedWith]))).toEqual({ "33": "34", "32": "31", "41": "40", "50": "57", "77": "76" });
    expect(p.outcomes.map((o) => [o.kind, o.kpiCode])).toEqual([["outcome", "57-ENV-02"], ["satisfaction", null], ["outcome", null]]);
    expect(p.outcomes[1]!.observations).toBe(120); // 10 provinces × 12 quarters
    expect(new Set(p.incentives.map((i) => i.provinceCode))).toEqual(new Set(["34", "31", "40", "57", "76"]));
    expect(new Set(p.incentives.map((i) => i.kind))).toEqual(new Set(["staff-development-budget", "salary-step-quota"]));
    expect(p.incentives.every((i) => i.isDemo)).toBe(true);
  });

  it("Chiang Rai's PM2.5 outcome follows its KPI; every outcome gets an estimate with a 95 % interval and the small-n note", async () => {
    const ctx = ctxFor(db, actor("opdc_evaluator", "nation"));
    const obs = (await listObservations({ ctx, input: { programmeId: "demo-pilot-2567", outcomeId: "demo-pilot-2567-pm25" } })).items.filter((o) => o.provinceCode === "57");
    expect(obs.filter((o) => o.periodEnd >= "2024-09-30").map((o) => [o.periodEnd, o.value])).toEqual([["2024-09-30", 96], ["2025-09-30", 64], ["2026-09-30", 47]]);
    const c = await compareProgramme({ ctx, input: { programmeId: "demo-pilot-2567" } });
    for (const o of c.outcomes) {
      expect(o.did.units).toEqual({ pilot: 5, comparison: 5, total: 10 });
      expect(o.did.ci).not.toBeNull();
      expect(o.did.smallSample.messageTh).toContain("จังหวัดนำร่องเพียง 5 จังหวัด");
      expect(o.series.length).toBeGreaterThan(4);
    }
    const sat = c.outcomes.find((o) => o.outcome.kind === "satisfaction")!;
    expect(sat.series).toHaveLength(12);
    expect(sat.series.filter((s) => s.phase === "pre")).toHaveLength(4);
    const old = await compareProgramme({ ctx, input: { programmeId: "demo-pilot-2544" } });
    expect(old.outcomes.map((o) => o.series.map((s) => s.period).join(","))).toEqual(Array(3).fill("1999-09-30,2000-09-30,2001-09-30,2002-09-30,2003-09-30"));
  });

  it("the generator is deterministic: the same key gives the same numbers, another key others", () => {
    const members = [{ code: "57", pilot: true }, { code: "50", pilot: false }];
    const model = { base: 3.5, unitSd: 0.1, trend: 0.01, periodSd: 0.02, noiseSd: 0.05, effect: 0.2, decimals: 2 };
    const a = generatePanel("k", model, members, PERIODS, "2021-10-01");
    expect(generatePanel("k", model, members, PERIODS, "2021-10-01")).toEqual(a);
    expect(generatePanel("k2", model, members, PERIODS, "2021-10-01")).not.toEqual(a);
    const r = demoRandom("x");
    const u = Array.from({ length: 1000 }, r.uniform);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
  });
});
