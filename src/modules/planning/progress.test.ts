import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { createProject } from "./create-project.js";
import { getBudgetDashboard } from "./get-budget-dashboard.js";
import { listBudgetProjects } from "./list-budget-projects.js";
import { recordBudgetAct } from "./record-budget-act.js";
import { recordFrameShift } from "./record-frame-shift.js";
import { recordProgress } from "./record-progress.js";

let db: Database;
let A: { id: string; code: string };
let B: { id: string; code: string };
let shiftId: string;
let seq = 0;
const poc = (p = "76") => actor("strategy_officer", `area:province:${p}`, `poc-${p}-${seq++}`);
const doaeStaff = () => actor("agency_officer", "org:pro:76:agricultural-extension", `doae-76-${seq++}`);
const ctx = (who: Actor) => ctxFor(db, who); // the fixed test clock: 22 Nov 2026 (FY 2570)
const month = (projectId: string, m: string, disbursed: number, planned: number, physicalPct: number, who: Actor = poc()) => recordProgress({ ctx: ctx(who), input: { projectId, month: m, disbursed, plannedDisbursed: planned, physicalPct } });
const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params))[0]!.n;

beforeAll(async () => {
  db = await createTestDb();
  await recordBudgetAct({ ctx: ctx(actor("administrator", "nation")), input: { fiscalYear: 2568, passedOn: "2024-09-06" } });
  shiftId = (await recordFrameShift({ ctx: ctx(actor("department_officer", "org:moac.doae")), input: { fiscalYear: 2568, fromOrgId: "moac.doae", provinceCode: "76", amount: 600_000, purposeTh: "มะนาวแป้นตามความต้องการของพื้นที่" } })).id;
  const base = { fiscalYear: 2568, provinceCode: "76", origin: "agency" as const, goalIds: ["prov:76:goal:1.1"] };
  A = await createProject({ ctx: ctx(poc()), input: { ...base, ownerOrgId: "pro:76:agricultural-extension", titleTh: "มะนาวแป้นเพชรบุรี (ทดสอบความก้าวหน้า)", budgetLines: [{ source: "function", funderOrgId: "moac.doae", amount: 500_000, frameShiftId: shiftId }, { source: "province", amount: 500_000 }] } });
  B = await createProject({ ctx: ctx(poc()), input: { ...base, ownerOrgId: "pro:76:provincial-administration", titleTh: "หมู่บ้านปลอดภัย (ทดสอบความก้าวหน้า)", budgetLines: [{ source: "function", funderOrgId: "moi.dopa", amount: 1_000_000 }] } });
  // A: on target (35% by the end of Q1) but behind its own plan; B: on plan but below the 32% target
  await month(A.id, "2024-10", 100_000, 100_000, 10, doaeStaff());
  await month(A.id, "2024-11", 200_000, 200_000, 25, doaeStaff());
  await month(A.id, "2024-12", 50_000, 100_000, 30, doaeStaff());
  for (const m of ["2024-10", "2024-11", "2024-12"]) await month(B.id, m, 100_000, 100_000, 20);
});
afterAll(async () => db?.close());

describe("recordProgress", () => {
  it("upserts one row per month with an audit record of each change", async () => {
    await month(B.id, "2025-01", 10_000, 50_000, 25);
    const v = await month(B.id, "2025-01", 20_000, 50_000, 26);
    expect(v.months.at(-1)).toMatchObject({ month: "2025-01-01", disbursed: "20000.00", cumulativeDisbursed: "320000.00", cumulativePlanned: "350000.00", physicalPct: "26.00" });
    expect(await count("select count(*)::int as n from project_progress where project_id = $1 and month = '2025-01-01'", [B.id])).toBe(1);
    const audit = await db.query<{ before: { disbursed: string } | null }>("select before from audit_log where entity_id = $1 and action = 'planning.progress.record' and after->>'month' = '2025-01-01' order by id", [B.id]);
    expect(audit.map((a) => a.before?.disbursed ?? null)).toEqual([null, "10000.00"]);
  });

  it("refuses disbursement beyond the budget, a month outside the year or ahead, physical % going down — changing nothing", async () => {
    const rows = await count("select count(*)::int as n from project_progress");
    const audits = await count("select count(*)::int as n from audit_log");
    await expect(month(B.id, "2025-02", 680_000.01, 0, 30)).rejects.toMatchObject({ status: 422, code: "planning.progress-over-budget" });
    await expect(month(B.id, "2025-10", 1, 0, 30)).rejects.toMatchObject({ status: 400, fields: [{ path: "month", code: "planning.month-outside-year" }] });
    await expect(month(B.id, "2024-09", 1, 0, 30)).rejects.toMatchObject({ status: 400, fields: [{ path: "month" }] });
    await expect(month(B.id, "2025-02", 1, 0, 19)).rejects.toMatchObject({ status: 422, code: "planning.progress-physical-decreases" });
    await expect(month(B.id, "2024-10", 1, 0, 21)).rejects.toMatchObject({ status: 422, code: "planning.progress-physical-decreases" });
    await expect(recordProgress({ ctx: ctx(poc()), input: { projectId: B.id, month: "2025-02", plannedDisbursed: 650_000.01 } })).rejects.toMatchObject({ status: 422, code: "planning.plan-over-budget" });
    await expect(recordProgress({ ctx: ctx(poc()), input: { projectId: B.id, month: "2025-02-15" } })).rejects.toMatchObject({ status: 400 });
    await expect(recordProgress({ ctx: ctx(poc()), input: { projectId: B.id, month: "2025-02" } })).rejects.toMatchObject({ status: 400 });
    await expect(recordProgress({ ctx: ctx(poc()), input: { projectId: "nope", month: "2025-02", disbursed: 1 } })).rejects.toMatchObject({ status: 404 });
    expect([await count("select count(*)::int as n from project_progress"), await count("select count(*)::int as n from audit_log")]).toEqual([rows, audits]);
  });

  it("takes only the plan for months still ahead (FY 2570 seen on 22 Nov 2026)", async () => {
    const p = await createProject({ ctx: ctx(poc()), input: { fiscalYear: 2570, provinceCode: "76", origin: "agency", ownerOrgId: "pro:76:agricultural-extension", titleTh: "โครงการปีหน้า (ทดสอบแผน)", goalIds: ["prov:76:goal:1.1"], budgetLines: [{ source: "province", amount: 100 }] } });
    await expect(recordProgress({ ctx: ctx(poc()), input: { projectId: p.id, month: "2026-12", plannedDisbursed: 50 } })).resolves.toMatchObject({ months: [{ month: "2026-12-01", plannedDisbursed: "50.00", disbursed: null }] });
    await expect(recordProgress({ ctx: ctx(poc()), input: { projectId: p.id, month: "2026-12", disbursed: 1 } })).rejects.toMatchObject({ status: 400, fields: [{ code: "planning.progress-month-ahead" }] });
    await expect(recordProgress({ ctx: ctx(poc()), input: { projectId: p.id, month: "2026-11", disbursed: 10, physicalPct: 5 } })).resolves.toBeTruthy();
  });

  it("permission matrix: the owner's staff and the province's staff; not another office, another province, the governor or a department", async () => {
    const input = { projectId: A.id, month: "2025-03", plannedDisbursed: 1 };
    for (const who of [actor("agency_officer", "org:pro:76:provincial-administration"), poc("57"), actor("governor", "area:province:76"), actor("department_officer", "org:moac.doae"), actor("citizen", "nation")]) {
      await expect(recordProgress({ ctx: ctx(who), input })).rejects.toMatchObject({ status: 403 });
    }
    for (const who of [doaeStaff(), actor("agency_head", "org:pro:76:agricultural-extension"), poc()]) {
      await expect(recordProgress({ ctx: ctx(who), input })).resolves.toBeTruthy();
    }
  });
});

describe("lagging rules and the dashboard", () => {
  it("before the first quarter ends there is no target to lag behind; the plan still counts", async () => {
    const d = await getBudgetDashboard({ ctx: ctx(actor("governor", "area:province:76")), input: { provinceCode: "76", fiscalYear: 2568, asOf: "2024-12-30" } });
    expect([d.elapsedQuarter, d.lagging.agencies.length]).toEqual([null, 0]);
    expect(d.lagging.projects.map((p) => [p.code, p.reasons, p.behindPlan])).toEqual([[A.code, ["below-plan"], "50000.00"]]);
  });

  it("on the quarter's last day: below the 32% target (by how much) or below the own planned curve", async () => {
    const d = await getBudgetDashboard({ ctx: ctx(actor("governor", "area:province:76")), input: { provinceCode: "76", fiscalYear: 2568, asOf: "2024-12-31" } });
    expect(d.elapsedQuarter).toBe(1);
    expect(d.totals).toMatchObject({ budget: "2000000.00", disbursed: "650000.00", projects: 2 });
    expect(d.bySource).toEqual([{ source: "function", amount: "1500000.00", projects: 2 }, { source: "province", amount: "500000.00", projects: 1 }]);
    expect(d.lagging.agencies.map((a) => [a.id, a.disbursedPct, a.behindTargetPts])).toEqual([["moi.dopa", 30, 2]]);
    const byCode = new Map(d.lagging.projects.map((p) => [p.code, p]));
    expect(byCode.get(A.code)).toMatchObject({ reasons: ["below-plan"], disbursedPct: 35, behindTargetPts: -3, behindPlan: "50000.00" });
    expect(byCode.get(B.code)).toMatchObject({ reasons: ["below-target"], disbursedPct: 30, behindTargetPts: 2, behindPlan: "0.00" });
    const dec = d.curve.find((c) => c.month === "2024-12-01")!;
    expect([d.curve.length, d.curve[0]!.month, dec.cumulative, dec.cumulativePct, dec.cumulativePlanned, dec.targetPct]).toEqual([12, "2024-10-01", "650000.00", 32.5, "700000.00", 32]);
    // months not yet begun on the as-of date carry no actual figures (the plan and the targets still show)
    expect(d.curve.filter((c) => c.cumulative === null).map((c) => c.month)).toEqual(["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01", "2025-07-01", "2025-08-01", "2025-09-01"]);
    expect(d.curve.every((c) => (c.cumulative === null) === (c.cumulativePct === null))).toBe(true);
    expect(d.byStrategy[0]!.goals[0]).toMatchObject({ goalId: "prov:76:goal:1.1", budget: "2000000.00", projects: 2 });
    expect(d.byStrategy[0]!.issueId).toBe("prov:76:issue:1");
    expect(d.frameShifts).toEqual([expect.objectContaining({ id: shiftId, amount: "600000.00", assigned: "500000.00", projects: 1, disbursed: expect.any(String) })]);
    expect(d.deadlines.act?.noticeDueOn).toBe("2024-10-07"); // Fri 6 Sep 2024 + 30 = Sun 6 Oct → Mon 7 Oct
    expect(d.deadlines.notices).toMatchObject({ expected: 2, missing: 2, overdue: 2 });
  });

  it("every figure drills to its projects", async () => {
    const list = (input: Record<string, unknown>) => listBudgetProjects({ ctx: ctx(actor("governor", "area:province:76")), input: { provinceCode: "76", fiscalYear: 2568, asOf: "2024-12-31", ...input } }).then((l) => l.items.map((p) => p.code).sort());
    expect(await list({ source: "province" })).toEqual([A.code]);
    expect(await list({ agencyId: "moi.dopa" })).toEqual([B.code]);
    expect(await list({ goalId: "prov:76:goal:1.1" })).toEqual([A.code, B.code].sort());
    expect(await list({ issueId: "prov:76:issue:1" })).toEqual([A.code, B.code].sort());
    expect(await list({ frameShiftId: shiftId })).toEqual([A.code]);
    expect(await list({ lagging: true })).toEqual([A.code, B.code].sort());
    expect(await list({ lagging: true, asOf: "2024-11-30" })).toEqual([]);
  });

  it("only the province's readers see its dashboard", async () => {
    for (const who of [actor("governor", "area:province:57"), actor("department_officer", "org:moi.dopa"), actor("citizen", "nation")]) {
      await expect(getBudgetDashboard({ ctx: ctx(who), input: { provinceCode: "76", fiscalYear: 2568 } })).rejects.toMatchObject({ status: 403 });
    }
    await expect(getBudgetDashboard({ ctx: ctx(actor("pmoc_viewer", "nation")), input: { provinceCode: "76", fiscalYear: 2568 } })).resolves.toMatchObject({ provinceCode: "76" });
  });
});

describe("the curves kept on each project (migration 0008's triggers)", () => {
  /** What the curves must be: recomputed here from the months recorded, by fiscal month (1 = October). */
  const expected = async (id: string) => {
    const rows = await db.query<{ k: number; d: string; p: string }>(
      `select (extract(year from age(month, date '2024-10-01')) * 12 + extract(month from age(month, date '2024-10-01')))::int + 1 as k,
        coalesce(disbursed, 0)::text as d, coalesce(planned_disbursed, 0)::text as p from project_progress where project_id = $1`, [id]);
    const d = Array<number>(12).fill(0);
    const p = Array<number>(12).fill(0);
    for (const r of rows) for (let j = r.k - 1; j < 12; j++) { d[j]! += Number(r.d); p[j]! += Number(r.p); }
    return { d: d.map((x) => x.toFixed(2)), p: p.map((x) => x.toFixed(2)) };
  };
  const kept = async (id: string) => {
    const [r] = await db.query<{ d: string[] | string; p: string[] | string }>("select cum_disbursed::text[] as d, cum_planned::text[] as p from projects where id = $1", [id]);
    const arr = (v: string[] | string) => (Array.isArray(v) ? v : v.replace(/[{}]/g, "").split(","));
    return { d: arr(r!.d), p: arr(r!.p) };
  };

  it("follow every change of a month: a new month, a corrected one, a bulk insert and a delete", async () => {
    const C = await createProject({ ctx: ctx(poc()), input: { fiscalYear: 2568, provinceCode: "76", origin: "agency", goalIds: ["prov:76:goal:1.1"], ownerOrgId: "pro:76:provincial-administration", titleTh: "ถนนปลอดภัย (ทดสอบเส้นสะสม)", budgetLines: [{ source: "province", amount: 900_000 }] } });
    expect(await db.query("select cum_disbursed from projects where id = $1", [C.id])).toEqual([{ cum_disbursed: null }]);
    await month(C.id, "2024-11", 40_000, 50_000, 5);
    expect(await kept(C.id)).toEqual(await expected(C.id));
    expect((await kept(C.id)).d.slice(0, 3)).toEqual(["0.00", "40000.00", "40000.00"]);
    await month(C.id, "2024-11", 45_000, 50_000, 6); // corrected
    await month(C.id, "2025-03", 0, 120_000, 6); // a later month, plan only
    expect(await kept(C.id)).toEqual(await expected(C.id));
    // a statement writing several projects' months at once (as an import or the demo seed does)
    await db.query(`insert into project_progress (project_id, month, province_code, fiscal_year, disbursed, planned_disbursed) values ($1, '2024-12-01', '76', 2568, 15000, 20000), ($1, '2025-01-01', '76', 2568, 5000, 20000), ($2, '2025-02-01', '76', 2568, 0, 1000)`, [C.id, B.id]);
    expect(await kept(C.id)).toEqual(await expected(C.id));
    expect(await kept(B.id)).toEqual(await expected(B.id));
    expect((await kept(C.id)).d.at(-1)).toBe("65000.00");
    await db.query("delete from project_progress where project_id = $1 and month = '2024-12-01'", [C.id]);
    await db.query("delete from project_progress where project_id = $1 and month = '2025-02-01'", [B.id]);
    expect(await kept(C.id)).toEqual(await expected(C.id));
    expect(await kept(B.id)).toEqual(await expected(B.id));
    expect((await kept(C.id)).d.at(-1)).toBe("50000.00");
  });
});

