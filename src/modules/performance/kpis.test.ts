import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type RoleId } from "../../platform/auth/policy.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { createKpi } from "./create-kpi.js";
import { getKpi, projectOffTrack } from "./get-kpi.js";
import { reviewMeasurement } from "./review-measurement.js";
import { setTargets } from "./set-targets.js";
import { submitMeasurement } from "./submit-measurement.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);
const audits = async (who: Actor) => (await db.query<{ action: string }>("select action from audit_log where actor_id = $1 order by id", [who.id])).map((r) => r.action);
let seq = 0;
const reporter = () => actor("agency_officer", "org:pro:57:natural-resources-environment", `rep-${seq++}`);
const poc = () => actor("strategy_officer", "area:province:57", `poc-${seq++}`);

describe("measurements: submitted by the owner, verified or returned by someone else", () => {
  it("the natural-resources office reports; the strategy office verifies; the score history is kept", async () => {
    const rep = reporter();
    const m = await submitMeasurement({ ctx: ctxFor(db, rep), input: { kpiId: "demo-kpi-57-hotspots", fiscalYear: 2570, periodEnd: "2026-12-31", value: 200, evidence: [{ name: "GISTDA Q1" }] } });
    expect(m.status).toBe("submitted");
    const v = poc();
    const ok = await reviewMeasurement({ ctx: ctxFor(db, v), input: { id: m.id, decision: "verify" } });
    expect(ok.status).toBe("verified");
    expect(ok.reviewedByName).toBe(v.name);
    expect(await audits(rep)).toEqual(["performance.measurement.submit"]);
    expect(await audits(v)).toEqual(["performance.measurement.verify"]);
    expect((await fail(reviewMeasurement({ ctx: ctxFor(db, poc()), input: { id: m.id, decision: "return", comment: "late" } }))).code).toBe("performance.already-reviewed");
  });
  it("a submitter cannot verify their own measurement, even holding the verifier's role", async () => {
    const both = actor(["agency_officer", "strategy_officer"], "area:province:57", `both-${seq++}`);
    both.grants = [{ role: "agency_officer", scope: "org:pro:57:natural-resources-environment" }, { role: "strategy_officer", scope: "area:province:57" }];
    const m = await submitMeasurement({ ctx: ctxFor(db, both), input: { kpiId: "demo-kpi-57-hotspots", fiscalYear: 2570, periodEnd: "2027-03-31", value: 1500 } });
    const e = await fail(reviewMeasurement({ ctx: ctxFor(db, both), input: { id: m.id, decision: "verify" } }));
    expect(e.status).toBe(422);
    expect(e.code).toBe("performance.self-review");
    expect(await audits(both)).toEqual(["performance.measurement.submit"]);
  });
  it("a return needs a reason; the agency head may not verify; Ubon's strategy office may not either", async () => {
    const m = await submitMeasurement({ ctx: ctxFor(db, reporter()), input: { kpiId: "demo-kpi-57-pm25days", fiscalYear: 2570, periodEnd: "2026-12-31", value: 3 } });
    expect((await fail(reviewMeasurement({ ctx: ctxFor(db, poc()), input: { id: m.id, decision: "return" } }))).status).toBe(400);
    expect((await fail(reviewMeasurement({ ctx: ctxFor(db, actor("agency_head", "org:pro:57:natural-resources-environment")), input: { id: m.id, decision: "verify" } }))).status).toBe(403);
    expect((await fail(reviewMeasurement({ ctx: ctxFor(db, actor("strategy_officer", "area:province:34")), input: { id: m.id, decision: "verify" } }))).status).toBe(403);
    const back = await reviewMeasurement({ ctx: ctxFor(db, actor("opdc_evaluator", "nation", `opdc-${seq++}`)), input: { id: m.id, decision: "return", comment: "แนบหลักฐานรายวันด้วย" } });
    expect(back.status).toBe("returned");
    expect(back.reviewComment).toBe("แนบหลักฐานรายวันด้วย");
  });
  it("a joint KPI is reported by the bound department too, and both see it", async () => {
    const pcd = actor("department_officer", "org:mnre.pcd", `pcd-${seq++}`);
    await expect(submitMeasurement({ ctx: ctxFor(db, pcd), input: { kpiId: "demo-kpi-57-pm25days", fiscalYear: 2570, periodEnd: "2027-03-31", value: 12 } })).resolves.toMatchObject({ status: "submitted" });
    const seen = await getKpi({ ctx: ctxFor(db, pcd), input: { id: "demo-kpi-57-pm25days" } });
    expect(seen.level).toBe("joint");
    expect(seen.may.submit).toBe(true);
  });
});

describe("targets and the off-track flag", () => {
  it("targets must run in the KPI's direction (lower is better: decreasing)", async () => {
    const e = await fail(setTargets({ ctx: ctxFor(db, poc()), input: { kpiId: "demo-kpi-57-hotspots", fiscalYear: 2570, round: 12, levels: [1, 2, 3, 4, 5] } }));
    expect(e.status).toBe(400);
    expect(e.fields?.[0]?.code).toBe("performance.levels-order");
  });
  it("projection: flat for one value, least squares to the year's end for more; compared with the level-3 target", () => {
    expect(projectOffTrack("higher", 2569, [{ periodEnd: "2025-12-31", value: 40 }], [10, 20, 30, 40, 50])).toEqual({ fiscalYear: 2569, projected: 40, target: 30, offTrack: false });
    // rising 10 per quarter from 10: reaches about 40 by 30 Sep, short of a level-3 target of 50
    const pts = [{ periodEnd: "2025-12-31", value: 10 }, { periodEnd: "2026-03-31", value: 20 }, { periodEnd: "2026-06-30", value: 30 }];
    const r = projectOffTrack("higher", 2569, pts, [30, 40, 50, 60, 70])!;
    expect(r.projected).toBeCloseTo(40, 0);
    expect(r.offTrack).toBe(true);
    expect(projectOffTrack("lower", 2569, pts, [90, 70, 50, 30, 10])!.offTrack).toBe(false);
    expect(projectOffTrack("higher", 2569, [], [1, 2, 3, 4, 5])).toBeNull();
  });
  it("the demo hotspot KPI is judged on the latest year with a 12-month target; FY 2569's verified quarters ran past it", async () => {
    const k = await getKpi({ ctx: ctxFor(db, poc()), input: { id: "demo-kpi-57-hotspots" } });
    expect(k.offTrack?.fiscalYear).toBe(2570);
    expect(k.targets.filter((t) => t.fiscalYear === 2570).map((t) => t.round)).toEqual([6, 9, 12]);
    // FY 2569's verified quarters (240, 2,100, 2,380, 2,420 cumulative) run past the level-3 target of 2,400 by September
    const fy69 = k.measurements.filter((m) => m.fiscalYear === 2569 && m.status === "verified").reverse();
    expect(fy69.map((m) => m.value)).toEqual([240, 2100, 2380, 2420]);
    const r = projectOffTrack("lower", 2569, fy69, k.targets.find((t) => t.fiscalYear === 2569 && t.round === 12)!.levels)!;
    expect(r).toMatchObject({ target: 2400, offTrack: true });
    expect(r.projected).toBeGreaterThan(2400);
  });
});

const AREA = { in: "area:province:57", above: "area:cluster:N2", beside: "area:province:55", out: "area:district:3401" } as const;
const ORG = { in: "org:pro:57:natural-resources-environment", above: "org:mnre", beside: "org:pro:57:land", out: "org:moph" } as const;
const ORG_ROLES: RoleId[] = ["agency_officer", "agency_head", "ministry_officer", "department_officer"];

describe("permission matrix: reporting Chiang Rai's hotspot KPI × every role × scope", () => {
  const submitters: RoleId[] = ["agency_officer", "agency_head", "strategy_officer", "governor", "vice_governor", "ministry_officer", "department_officer"];
  const cases: [RoleId, keyof typeof AREA][] = [];
  for (const role of ROLES) for (const where of Object.keys(AREA) as (keyof typeof AREA)[]) cases.push([role, where]);
  it.each(cases)("%s (%s)", async (role, where) => {
    const scope = role === "citizen" || role === "pmoc_viewer" ? "nation" : ORG_ROLES.includes(role) ? ORG[where] : AREA[where];
    const who = actor(role, scope, `pm-${role}-${where}-${seq++}`);
    const run = submitMeasurement({ ctx: ctxFor(db, who), input: { kpiId: "demo-kpi-57-hotspots", fiscalYear: 2570, periodEnd: "2027-06-30", value: 1 } });
    const allowed = submitters.includes(role) && (where === "in" || where === "above");
    if (allowed) {
      await expect(run).resolves.toMatchObject({ status: "submitted" });
      expect(await audits(who)).toEqual(["performance.measurement.submit"]);
    } else {
      expect((await fail(run)).status).toBe(403);
      expect(await audits(who)).toEqual([]);
    }
  });
  it("KPI definitions: a province's KPIs are its strategy office's and governor's, not an agency's", async () => {
    const input = { code: `57-T-${seq++}`, nameTh: "ตัวชี้วัดทดสอบ", unit: "ร้อยละ", direction: "higher" as const, level: "provincial" as const, provinceCode: "57", frequency: "yearly" as const, ownerOrgId: "pro:57:land" };
    expect((await fail(createKpi({ ctx: ctxFor(db, actor("agency_head", "org:pro:57:land")), input }))).status).toBe(403);
    await expect(createKpi({ ctx: ctxFor(db, poc()), input })).resolves.toMatchObject({ provinceCode: "57" });
    expect((await fail(createKpi({ ctx: ctxFor(db, poc()), input }))).code).toBe("performance.kpi-code-taken");
    expect((await fail(createKpi({ ctx: ctxFor(db, poc()), input: { ...input, code: "X", level: "joint" } }))).status).toBe(400);
  });
});
