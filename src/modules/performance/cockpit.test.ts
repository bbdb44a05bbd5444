import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { getCockpit } from "./get-cockpit.js";
import { reviewMeasurement } from "./review-measurement.js";
import { submitMeasurement } from "./submit-measurement.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());
const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);
// test/clock.ts: 22 Nov 2026 (FY 2570, its second month)
const gov = actor("governor", "area:province:57", "cockpit-gov");
const poc = actor("strategy_officer", "area:province:57", "cockpit-poc");

describe("the governor's cockpit (Chiang Rai demo, FY 2570)", () => {
  it("agenda cards, KPIs with trends and targets, the agreement by round, every year's totals, what is due", async () => {
    const c = await getCockpit({ ctx: ctxFor(db, gov), input: { provinceCode: "57" } });
    expect(c.fiscalYear).toBe(2570);
    expect(c.mode).toBe("steer");
    expect(c.agendas).toHaveLength(1);
    expect(c.agendas[0]!.agendaNodeId).toBe("prov:57:pain");
    expect(c.agendas[0]!.kpiIds).toEqual(expect.arrayContaining(["demo-kpi-57-3", "demo-kpi-57-hotspots"]));
    const fired = c.kpis.find((k) => k.id === "demo-kpi-57-3")!;
    expect(fired.trend.length).toBe(12); // FY 2569 monthly; FY 2570 nothing yet
    expect(fired.nextReport).toEqual({ periodEnd: "2026-10-31", dueDate: "2026-11-15", overdue: true });
    expect(c.due.find((d) => d.kind === "report" && d.entityId === "demo-kpi-57-3")).toMatchObject({ overdue: true, kpiId: "demo-kpi-57-3", periodEnd: "2026-10-31", title: { th: expect.stringContaining("31 ต.ค. 2569") } });
    expect(c.agreement).toMatchObject({ id: "demo-agreement-57-2570", status: "signed", schemeType: "five-level" });
    expect(c.agreement!.rounds.map((r) => [r.round, r.live])).toEqual([[6, true], [9, true], [12, true]]);
    expect(c.history.map((h) => h.fiscalYear)).toEqual([2568, 2569, 2570]);
    expect(c.history[1]!.rounds.every((r) => r.status === "closed" && r.total !== null)).toBe(true);
  });

  it("recording and verifying a measurement moves the live score of the 6-month round", async () => {
    const before = await getCockpit({ ctx: ctxFor(db, gov), input: { provinceCode: "57" } });
    const six = (c: typeof before) => c.agreement!.rounds.find((r) => r.round === 6)!.total;
    expect(six(before)).toBeNull();
    const m = await submitMeasurement({ ctx: ctxFor(db, gov), input: { kpiId: "demo-kpi-57-3", fiscalYear: 2570, periodEnd: "2026-10-31", value: 88, evidence: [{ name: "FireD ต.ค. 2569" }] } });
    const mid = await getCockpit({ ctx: ctxFor(db, poc), input: { provinceCode: "57" } });
    expect(six(mid)).toBeNull();
    expect(mid.due.find((d) => d.kind === "verify" && d.entityId === m.id)).toMatchObject({ kpiId: "demo-kpi-57-3", periodEnd: "2026-10-31" });
    expect(mid.may.verify).toBe(true);
    await reviewMeasurement({ ctx: ctxFor(db, poc), input: { id: m.id, decision: "verify" } });
    const after = await getCockpit({ ctx: ctxFor(db, gov), input: { provinceCode: "57" } });
    expect(six(after)).toBeGreaterThan(1);
    expect(after.kpis.find((k) => k.id === "demo-kpi-57-3")!.nextReport).toBeNull();
  });

  it("read-only for OPDC, the deputy PM's office and the PMOC; refused outside one's scope", async () => {
    for (const who of [actor("opdc_evaluator", "nation", "c-opdc"), actor("deputy_pm_office", "area:cluster:N2", "c-dpm"), actor("pmoc_viewer", "nation", "c-pmoc")]) {
      const c = await getCockpit({ ctx: ctxFor(db, who), input: { provinceCode: "57" } });
      expect(c.mode, who.id!).toBe("read-only");
      expect(c.may, who.id!).toEqual({ submit: false, verify: false, selfAssess: false });
    }
    expect((await fail(getCockpit({ ctx: ctxFor(db, actor("governor", "area:province:34", "c-ubon")), input: { provinceCode: "57" } }))).status).toBe(403);
    expect((await fail(getCockpit({ ctx: ctxFor(db, actor("citizen", "nation", "c-cit")), input: { provinceCode: "57" } }))).status).toBe(403);
    expect((await fail(getCockpit({ ctx: ctxFor(db, gov), input: { provinceCode: "5" } }))).status).toBe(400);
  });

  it("Khon Kaen's FY 2570 agreement is scored on PB/PT (0–100) and its October result waits for verification", async () => {
    const c = await getCockpit({ ctx: ctxFor(db, actor("opdc_evaluator", "nation", "c-opdc2")), input: { provinceCode: "40" } });
    expect(c.agreement).toMatchObject({ schemeType: "pb-pt", scale: { min: 0, max: 100 } });
    expect(c.kpis.find((k) => k.id === "demo-kpi-40-1")!.pendingVerification).toBe(1);
  });
});

describe("history of agreements, KPIs and proposals", () => {
  it("is read at the record's province (and by a joint KPI's department), not elsewhere", async () => {
    const { listHistory } = await import("../audit/list-history.js");
    const h = await listHistory({ ctx: ctxFor(db, gov), input: { entityType: "agreement", entityId: "demo-agreement-57-2570" } });
    expect(h.items.map((x) => x.action)).toEqual(expect.arrayContaining(["performance.agreement.create", "performance.agreement.sign"]));
    const ubon = actor("strategy_officer", "area:province:34", "h-ubon");
    expect((await fail(listHistory({ ctx: ctxFor(db, ubon), input: { entityType: "agreement", entityId: "demo-agreement-57-2570" } }))).status).toBe(403);
    await expect(listHistory({ ctx: ctxFor(db, actor("department_officer", "org:mnre.pcd", "h-pcd")), input: { entityType: "kpi", entityId: "demo-kpi-57-pm25days" } })).resolves.toBeTruthy();
    expect((await fail(listHistory({ ctx: ctxFor(db, ubon), input: { entityType: "kpi", entityId: "demo-kpi-57-pm25days" } }))).status).toBe(403);
    expect((await listHistory({ ctx: ctxFor(db, gov), input: { entityType: "agenda-assignment", entityId: "demo-agenda-57" } })).items.length).toBeGreaterThan(0);
    expect((await fail(listHistory({ ctx: ctxFor(db, ubon), input: { entityType: "agenda-assignment", entityId: "demo-agenda-57" } }))).status).toBe(403);
  });
});
