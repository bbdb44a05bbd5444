import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { createProject } from "./create-project.js";
import { getProject } from "./get-project.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

let seq = 0;
const poc = (p = "76") => actor("strategy_officer", `area:province:${p}`, `poc-${p}-${seq++}`);
const base = () => ({
  fiscalYear: 2570,
  provinceCode: "76",
  origin: "agency" as const,
  ownerOrgId: "pro:76:agricultural-extension",
  titleTh: `ส่งเสริมการปลูกมะนาวแป้นเพชรบุรี ${seq++}`,
  goalIds: ["prov:76:goal:1.1"],
  areaCodes: ["760101"],
  budgetLines: [
    { source: "function" as const, funderOrgId: "moac.doae", amount: 1_250_000.5 },
    { source: "province" as const, amount: 300_000 },
  ],
});
const auditCount = async (id: string) => (await db.query<{ n: number }>("select count(*)::int as n from audit_log where entity_id = $1", [id]))[0]!.n;

describe("createProject", () => {
  it("records the project, its agency (the owner's department), its budget lines and their total, with one audit record", async () => {
    const p = await createProject({ ctx: ctxFor(db, poc()), input: base() });
    expect(p.agencyId).toBe("moac.doae");
    expect(p.totalBudget).toBe("1550000.50");
    expect(p.budgetLines.map((l) => [l.source, l.amount])).toEqual([["function", "1250000.50"], ["province", "300000.00"]]);
    expect(p.goals[0]!.code).toBe("76-G1.1");
    expect(p.code).toMatch(/^2570-76-/);
    expect(await auditCount(p.id)).toBe(1);
    expect((await getProject({ ctx: ctxFor(db, poc()), input: { id: p.id } })).id).toBe(p.id);
  });

  it("refuses a goal of another province, an area outside it and an owner elsewhere, writing nothing", async () => {
    const before = (await db.query<{ n: number }>("select count(*)::int as n from projects"))[0]!.n;
    await expect(createProject({ ctx: ctxFor(db, poc()), input: { ...base(), goalIds: ["prov:57:goal:1.1"] } })).rejects.toMatchObject({ status: 400, fields: [{ path: "goalIds.0", code: "planning.goal-not-provincial" }] });
    await expect(createProject({ ctx: ctxFor(db, poc()), input: { ...base(), areaCodes: ["570101"] } })).rejects.toMatchObject({ status: 400, fields: [{ path: "areaCodes.0" }] });
    await expect(createProject({ ctx: ctxFor(db, poc()), input: { ...base(), ownerOrgId: "pro:57:land" } })).rejects.toMatchObject({ status: 400, code: "validation.failed" });
    await expect(createProject({ ctx: ctxFor(db, poc()), input: { ...base(), budgetLines: [{ source: "function", amount: 1, frameShiftId: "no-such-shift" }] } })).rejects.toMatchObject({ status: 400, fields: [{ path: "budgetLines.0.frameShiftId", code: "ref.unknown-frame-shift" }] });
    expect((await db.query<{ n: number }>("select count(*)::int as n from projects"))[0]!.n).toBe(before);
  });

  it("lets another province's staff neither propose nor read the project", async () => {
    await expect(createProject({ ctx: ctxFor(db, poc("57")), input: base() })).rejects.toMatchObject({ status: 403 });
    const p = await createProject({ ctx: ctxFor(db, poc()), input: base() });
    await expect(getProject({ ctx: ctxFor(db, poc("57")), input: { id: p.id } })).rejects.toMatchObject({ status: 403 });
  });
});
