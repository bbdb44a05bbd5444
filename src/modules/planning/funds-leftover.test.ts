import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { addProcurement, governor, makeProject, strategy } from "../../../test/planning-funds-fixture.js";
import { getLeftoverPool } from "./get-leftover-pool.js";
import { getReallocationOptions } from "./get-reallocation-options.js";
import { getProject } from "./get-project.js";
import { reallocateLeftoverFund } from "./reallocate-leftover-fund.js";
import { recordLeftoverFund } from "./record-leftover-fund.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const count = async (table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
const snapshot = async () => ({ funds: await count("leftover_funds"), re: await count("leftover_reallocations"), lines: await count("project_budget_lines"), audit: await count("audit_log") });

/** A fund of 1,000,000 baht left over from a 5 M project of the agricultural extension office (moac.doae) in Phetchaburi. */
async function fund(amount = 1_000_000) {
  const src = await makeProject(db, { budget: 5_000_000 });
  await addProcurement(db, src, "contract", 3_500_000);
  return recordLeftoverFund({ ctx: ctxFor(db, strategy()), input: { projectId: src.id, amount } });
}

describe("recording a leftover fund", () => {
  it("records the leftover of an agency's project whose procurement met its goal, under the owner's department", async () => {
    const f = await fund();
    expect(f.agency.id).toBe("moac.doae");
    expect([f.amount, f.remaining]).toEqual(["1000000.00", "1000000.00"]);
  });

  it("lets agency staff of the owner record it, but not another office's staff nor another province's strategy office", async () => {
    const src = await makeProject(db, { budget: 2_000_000 });
    await addProcurement(db, src, "implementation", 1_500_000);
    await expect(recordLeftoverFund({ ctx: ctxFor(db, actor("agency_officer", "org:pro:76:public-works-town-planning")), input: { projectId: src.id, amount: 100 } })).rejects.toMatchObject({ status: 403 });
    await expect(recordLeftoverFund({ ctx: ctxFor(db, strategy("57")), input: { projectId: src.id, amount: 100 } })).rejects.toMatchObject({ status: 403 });
    await expect(recordLeftoverFund({ ctx: ctxFor(db, governor()), input: { projectId: src.id, amount: 100 } })).rejects.toMatchObject({ status: 403 });
    const f = await recordLeftoverFund({ ctx: ctxFor(db, actor("agency_officer", "org:pro:76:agricultural-extension")), input: { projectId: src.id, amount: 100 } });
    expect(f.amount).toBe("100.00");
  });

  it("refuses a project whose procurement has not reached a contract, and an amount over budget less contracts (boundary exact), writing nothing", async () => {
    const src = await makeProject(db, { budget: 2_000_000 });
    await addProcurement(db, src, "tender");
    const before = await snapshot();
    await expect(recordLeftoverFund({ ctx: ctxFor(db, strategy()), input: { projectId: src.id, amount: 100 } })).rejects.toMatchObject({ status: 422, code: "planning.leftover.procurement-not-met" });
    expect(await snapshot()).toEqual(before);
    await addProcurement(db, src, "complete", 1_250_000.5);
    await expect(recordLeftoverFund({ ctx: ctxFor(db, strategy()), input: { projectId: src.id, amount: 749_999.51 } })).rejects.toMatchObject({ status: 422, code: "planning.leftover.over-budget", details: { ceiling: "749999.50" } });
    expect(await snapshot()).toEqual(before);
    const f = await recordLeftoverFund({ ctx: ctxFor(db, strategy()), input: { projectId: src.id, amount: 749_999.5 } });
    expect(f.amount).toBe("749999.50");
    // the ceiling counts what was already recorded
    await expect(recordLeftoverFund({ ctx: ctxFor(db, strategy()), input: { projectId: src.id, amount: 0.01 } })).rejects.toMatchObject({ code: "planning.leftover.over-budget" });
  });
});

describe("the governor reallocates within the agency's mandate (P-BUD-001)", () => {
  it("moves money to an activity of the same agency: a leftover budget line, remaining lowered, the delegation recorded", async () => {
    const f = await fund();
    const target = await makeProject(db, { owner: "pro:76:agricultural-extension", budget: 200_000 });
    const opts = await getReallocationOptions({ ctx: ctxFor(db, governor()), input: { id: f.id } });
    expect(opts.targets.map((t) => t.id)).toContain(target.id);
    expect(opts.targets.every((t) => t.id !== f.projectId)).toBe(true);
    expect(opts.authority.governorMayDecide).toBe(true);
    const r = await reallocateLeftoverFund({ ctx: ctxFor(db, governor()), input: { fundId: f.id, targetProjectId: target.id, amount: 400_000.25, purposeTh: "ขยายแปลงสาธิตมะนาว" } });
    expect(r.amount).toBe("400000.25");
    expect(r.delegationId).toBeTruthy();
    expect(r.chainTh.length).toBe(2);
    const after = await getProject({ ctx: ctxFor(db, governor()), input: { id: target.id } });
    expect(after.totalBudget).toBe("600000.25");
    expect(after.budgetLines.find((l) => l.source === "leftover")).toMatchObject({ amount: "400000.25", funderOrgId: "moac.doae" });
    const pool = await getLeftoverPool({ ctx: ctxFor(db, governor()), input: { provinceCode: "76" } });
    expect(pool.agencies.find((a) => a.agency.id === "moac.doae")!.funds.find((x) => x.id === f.id)!.remaining).toBe("599999.75");
  });

  it("refuses another agency's activity, naming both agencies, and another province's, writing nothing", async () => {
    const f = await fund();
    const other = await makeProject(db, { owner: "pro:76:public-works-town-planning" });
    const elsewhere = await makeProject(db, { province: "57", owner: "pro:57:agricultural-extension" });
    const same = await makeProject(db);
    const opts = await getReallocationOptions({ ctx: ctxFor(db, governor()), input: { id: f.id } });
    expect(opts.targets.map((t) => t.id)).not.toContain(other.id);
    expect(opts.targets.map((t) => t.id)).not.toContain(elsewhere.id);
    const before = await snapshot();
    const e = await reallocateLeftoverFund({ ctx: ctxFor(db, governor()), input: { fundId: f.id, targetProjectId: other.id, amount: 1000, purposeTh: "ซ่อมถนน" } }).catch((x) => x);
    expect(e).toMatchObject({ status: 422, code: "planning.leftover.outside-mandate" });
    expect(e.messageTh).toContain("กรมส่งเสริมการเกษตร");
    expect(e.messageTh).toContain("กรมโยธาธิการและผังเมือง");
    expect(e.messageEn).toMatch(/mandate/);
    await expect(reallocateLeftoverFund({ ctx: ctxFor(db, governor()), input: { fundId: f.id, targetProjectId: elsewhere.id, amount: 1000, purposeTh: "ที่อื่น" } })).rejects.toMatchObject({ status: 422, code: "planning.leftover.outside-mandate" });
    await expect(reallocateLeftoverFund({ ctx: ctxFor(db, governor()), input: { fundId: f.id, targetProjectId: f.projectId, amount: 1000, purposeTh: "โครงการเดิม" } })).rejects.toMatchObject({ code: "planning.leftover.same-project" });
    await expect(reallocateLeftoverFund({ ctx: ctxFor(db, governor()), input: { fundId: f.id, targetProjectId: same.id, amount: 1_000_000.01, purposeTh: "เกินยอด" } })).rejects.toMatchObject({ code: "planning.leftover.over-remaining" });
    expect(await snapshot()).toEqual(before);
  });

  it("is refused when the delegation chain lapsed (revoked) or is absent: the matter goes to the Budget Bureau", async () => {
    const db2 = await createTestDb();
    try {
      const src = await makeProject(db2, { budget: 5_000_000 });
      await addProcurement(db2, src, "contract", 3_000_000);
      const f = await recordLeftoverFund({ ctx: ctxFor(db2, strategy()), input: { projectId: src.id, amount: 500_000 } });
      const target = await makeProject(db2);
      const realloc = () => reallocateLeftoverFund({ ctx: ctxFor(db2, governor()), input: { fundId: f.id, targetProjectId: target.id, amount: 1000, purposeTh: "ทดสอบอำนาจ" } });
      await db2.exec("update delegations set revoked_from = '2026-11-01', revoked_at = now() where power_code = 'P-BUD-001' and delegate_role = 'governor'");
      const e = await realloc().catch((x) => x);
      expect(e).toMatchObject({ status: 409, code: "planning.leftover.authority-central" });
      expect(e.messageTh).toContain("สำนักงบประมาณ");
      expect((await getReallocationOptions({ ctx: ctxFor(db2, governor()), input: { id: f.id } })).authority.governorMayDecide).toBe(false);
      await db2.exec("delete from delegations where power_code = 'P-BUD-001'");
      await expect(realloc()).rejects.toMatchObject({ status: 409, code: "planning.leftover.authority-central" });
      expect((await db2.query<{ n: number }>("select count(*)::int as n from leftover_reallocations"))[0]!.n).toBe(0);
      expect((await db2.query<{ r: string }>("select remaining as r from leftover_funds where id = $1", [f.id]))[0]!.r).toBe("500000.00");
    } finally {
      await db2.close();
    }
  });

  it("never overspends under concurrent reallocations (row lock on the fund)", async () => {
    const f = await fund(1_000_000);
    const targets = await Promise.all([0, 1, 2, 3, 4].map(() => makeProject(db)));
    const results = await Promise.allSettled(targets.map((t) => reallocateLeftoverFund({ ctx: ctxFor(db, governor()), input: { fundId: f.id, targetProjectId: t.id, amount: 300_000, purposeTh: "พร้อมกัน" } })));
    const ok = results.filter((r) => r.status === "fulfilled").length;
    expect(ok).toBe(3);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "planning.leftover.over-remaining" });
    const rows = await db.query<{ s: string; r: string }>("select (select coalesce(sum(amount),0)::text from leftover_reallocations where fund_id = $1) as s, (select remaining::text from leftover_funds where id = $1) as r", [f.id]);
    expect(rows[0]).toEqual({ s: "900000.00", r: "100000.00" });
  });

  it("permission matrix: only a governor of the fund's province reallocates", async () => {
    const f = await fund();
    const t = await makeProject(db);
    const input = { fundId: f.id, targetProjectId: t.id, amount: 10, purposeTh: "สิทธิ์" };
    for (const who of [governor("57"), strategy(), actor("vice_governor", "area:province:76"), actor("agency_head", "org:pro:76:agricultural-extension"), actor("deputy_pm_office", "area:cluster:C4"), actor("citizen", "nation")]) {
      await expect(reallocateLeftoverFund({ ctx: ctxFor(db, who), input })).rejects.toMatchObject({ status: 403 });
    }
    await expect(reallocateLeftoverFund({ ctx: ctxFor(db, { kind: "anonymous", id: null, name: "anonymous", grants: [] } as never), input })).rejects.toMatchObject({ status: 401 });
    await expect(reallocateLeftoverFund({ ctx: ctxFor(db, governor()), input })).resolves.toMatchObject({ amount: "10.00" });
    await expect(getLeftoverPool({ ctx: ctxFor(db, governor("57")), input: { provinceCode: "76" } })).rejects.toMatchObject({ status: 403 });
  });

  it("bad input changes nothing", async () => {
    const f = await fund();
    const before = await snapshot();
    for (const input of [{ fundId: f.id, targetProjectId: "x", amount: -1, purposeTh: "ลบ" }, { fundId: f.id, targetProjectId: "x", amount: 1.001, purposeTh: "ทศนิยม" }, { fundId: f.id, targetProjectId: "nope", amount: 1, purposeTh: "ไม่มีโครงการ" }, { fundId: "nope", targetProjectId: "x", amount: 1, purposeTh: "ไม่มีกองทุน" }, { fundId: f.id, targetProjectId: "x", amount: 0, purposeTh: "ศูนย์" }]) {
      const e = await reallocateLeftoverFund({ ctx: ctxFor(db, governor()), input }).catch((x) => x);
      expect([400, 404]).toContain(e.status);
    }
    await expect(recordLeftoverFund({ ctx: ctxFor(db, strategy()), input: { projectId: f.projectId, amount: 0 } })).rejects.toMatchObject({ status: 400 });
    expect(await snapshot()).toEqual(before);
  });
});
