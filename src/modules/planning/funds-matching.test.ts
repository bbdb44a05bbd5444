import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { governor, makeProject, strategy } from "../../../test/planning-funds-fixture.js";
import { changeMatchingStatus } from "./change-matching-status.js";
import { createMatchingFund } from "./create-matching-fund.js";
import { getProject } from "./get-project.js";
import { listMatchingFunds } from "./list-matching-funds.js";
import { recordMatchingEntry } from "./record-matching-entry.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const count = async () => (await db.query<{ n: number }>("select (select count(*) from matching_funds)::int + (select count(*) from matching_fund_entries)::int + (select count(*) from project_budget_lines)::int + (select count(*) from audit_log)::int as n"))[0]!.n;

async function agreed(provinceShare = 600_000, localShare = 400_000) {
  const p = await makeProject(db, { budget: 0 });
  const m = await createMatchingFund({ ctx: ctxFor(db, strategy()), input: { projectId: p.id, localGovOrgId: "pao:76", provinceShare, localShare } });
  return changeMatchingStatus({ ctx: ctxFor(db, governor()), input: { id: m.id, action: "agree" } });
}

describe("matching funds", () => {
  it("gives the project a matching and a local budget line and moves proposed → agreed → funded → closed", async () => {
    const p = await makeProject(db, { budget: 100_000 });
    const m = await createMatchingFund({ ctx: ctxFor(db, strategy()), input: { projectId: p.id, localGovOrgId: "pao:76", provinceShare: 600_000, localShare: 400_000.5 } });
    expect([m.status, m.total, m.localGov.id]).toEqual(["proposed", "1000000.50", "pao:76"]);
    const proj = await getProject({ ctx: ctxFor(db, strategy()), input: { id: p.id } });
    expect(proj.totalBudget).toBe("1100000.50");
    expect(proj.budgetLines.filter((l) => l.source !== "function").map((l) => [l.source, l.amount, l.funderOrgId])).toEqual([["matching", "600000.00", "prov:76"], ["local", "400000.50", "pao:76"]]);
    await expect(recordMatchingEntry({ ctx: ctxFor(db, strategy()), input: { id: m.id, party: "province", kind: "commitment", amount: 1 } })).rejects.toMatchObject({ code: "planning.matching.not-agreed" });
    const a = await changeMatchingStatus({ ctx: ctxFor(db, governor()), input: { id: m.id, action: "agree", on: "2026-11-01" } });
    expect([a.status, a.agreedOn]).toEqual(["agreed", "2026-11-01"]);
    const ctx = ctxFor(db, strategy());
    await recordMatchingEntry({ ctx, input: { id: m.id, party: "province", kind: "commitment", amount: 600_000 } });
    await recordMatchingEntry({ ctx, input: { id: m.id, party: "local", kind: "commitment", amount: 400_000.5 } });
    await recordMatchingEntry({ ctx, input: { id: m.id, party: "province", kind: "transfer", amount: 600_000 } });
    const half = await recordMatchingEntry({ ctx, input: { id: m.id, party: "local", kind: "transfer", amount: 400_000 } });
    expect(half.status).toBe("agreed");
    const done = await recordMatchingEntry({ ctx, input: { id: m.id, party: "local", kind: "transfer", amount: 0.5 } });
    expect([done.status, done.local.transferred, done.province.transferred]).toEqual(["funded", "400000.50", "600000.00"]);
    await expect(recordMatchingEntry({ ctx, input: { id: m.id, party: "local", kind: "transfer", amount: 0.01 } })).rejects.toMatchObject({ code: "planning.matching.not-agreed" });
    const closed = await changeMatchingStatus({ ctx, input: { id: m.id, action: "close" } });
    expect(closed.status).toBe("closed");
    expect(closed.history.map((h) => h.action)).toEqual(["planning.matching.close", "planning.matching.transfer", "planning.matching.transfer", "planning.matching.transfer", "planning.matching.commitment", "planning.matching.commitment", "planning.matching.agree", "planning.matching.create"]);
  });

  it("keeps transfers ≤ commitments ≤ share per party, to the satang", async () => {
    const m = await agreed(600_000, 400_000);
    const ctx = ctxFor(db, strategy());
    const before = await count();
    await expect(recordMatchingEntry({ ctx, input: { id: m.id, party: "province", kind: "transfer", amount: 0.01 } })).rejects.toMatchObject({ status: 422, code: "planning.matching.over-commitment" });
    await expect(recordMatchingEntry({ ctx, input: { id: m.id, party: "local", kind: "commitment", amount: 400_000.01 } })).rejects.toMatchObject({ status: 422, code: "planning.matching.over-share" });
    expect(await count()).toBe(before);
    await recordMatchingEntry({ ctx, input: { id: m.id, party: "local", kind: "commitment", amount: 250_000 } });
    await recordMatchingEntry({ ctx, input: { id: m.id, party: "local", kind: "commitment", amount: 150_000 } });
    await expect(recordMatchingEntry({ ctx, input: { id: m.id, party: "local", kind: "commitment", amount: 0.01 } })).rejects.toMatchObject({ code: "planning.matching.over-share" });
    await recordMatchingEntry({ ctx, input: { id: m.id, party: "local", kind: "transfer", amount: 250_000 } });
    await expect(recordMatchingEntry({ ctx, input: { id: m.id, party: "local", kind: "transfer", amount: 150_000.01 } })).rejects.toMatchObject({ code: "planning.matching.over-commitment" });
    const ok = await recordMatchingEntry({ ctx, input: { id: m.id, party: "local", kind: "transfer", amount: 150_000 } });
    expect([ok.status, ok.local.committed, ok.local.transferred, ok.province.transferred]).toEqual(["agreed", "400000.00", "400000.00", "0.00"]);
    await expect(changeMatchingStatus({ ctx, input: { id: m.id, action: "cancel" } })).rejects.toMatchObject({ code: "planning.matching.has-transfers" });
    await expect(changeMatchingStatus({ ctx, input: { id: m.id, action: "close" } })).rejects.toMatchObject({ code: "planning.matching.bad-transition" });
  });

  it("accepts only a local government of the province, once per project", async () => {
    const p = await makeProject(db);
    const before = await count();
    for (const [localGovOrgId, code] of [["pao:57", "planning.owner-other-province"], ["pro:76:land", "planning.matching.not-local-government"], ["nope", "ref.unknown-organization"]] as const) {
      await expect(createMatchingFund({ ctx: ctxFor(db, strategy()), input: { projectId: p.id, localGovOrgId, provinceShare: 1, localShare: 1 } })).rejects.toMatchObject({ status: 400, fields: [{ code }] });
    }
    await expect(createMatchingFund({ ctx: ctxFor(db, strategy()), input: { projectId: p.id, localGovOrgId: "pao:76", provinceShare: 0, localShare: 1 } })).rejects.toMatchObject({ status: 400 });
    expect(await count()).toBe(before);
    await createMatchingFund({ ctx: ctxFor(db, strategy()), input: { projectId: p.id, localGovOrgId: "pao:76", provinceShare: 1, localShare: 1 } });
    await expect(createMatchingFund({ ctx: ctxFor(db, strategy()), input: { projectId: p.id, localGovOrgId: "pao:76", provinceShare: 1, localShare: 1 } })).rejects.toMatchObject({ status: 409 });
  });

  it("permission matrix: the province's strategy office and governor write; others neither write nor read", async () => {
    const p = await makeProject(db);
    const input = { projectId: p.id, localGovOrgId: "pao:76", provinceShare: 10, localShare: 10 };
    for (const who of [strategy("57"), governor("57"), actor("agency_head", "org:pro:76:agricultural-extension"), actor("vice_governor", "area:province:76"), actor("deputy_pm_office", "area:cluster:C4")]) {
      await expect(createMatchingFund({ ctx: ctxFor(db, who), input })).rejects.toMatchObject({ status: 403 });
    }
    const m = await createMatchingFund({ ctx: ctxFor(db, governor()), input });
    await expect(listMatchingFunds({ ctx: ctxFor(db, governor("57")), input: { provinceCode: "76" } })).rejects.toMatchObject({ status: 403 });
    const other = await listMatchingFunds({ ctx: ctxFor(db, governor("57")), input: {} });
    expect(other.items.some((x) => x.id === m.id)).toBe(false);
    const mine = await listMatchingFunds({ ctx: ctxFor(db, governor()), input: { q: p.code } });
    expect(mine.items.map((x) => x.id)).toEqual([m.id]);
  });
});
