import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { decideEmergencyRequest } from "./decide-emergency-request.js";
import { getEmergencyHeadroom } from "./get-emergency-headroom.js";
import { getLeftoverPool } from "./get-leftover-pool.js";
import { getReallocationOptions } from "./get-reallocation-options.js";
import { listEmergencyRequests } from "./list-emergency-requests.js";
import { listMatchingFunds } from "./list-matching-funds.js";
import { reallocateLeftoverFund } from "./reallocate-leftover-fund.js";
import { seedDemoFunds } from "./seed-demo-funds.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const gov = actor("governor", "area:province:76", "governor.phetchaburi");
const dpm = { ...actor("deputy_pm_office", "area:cluster:C4", "dpm.office"), grants: ["N2", "NE3", "NE4", "NE5", "C4"].map((c) => ({ role: "deputy_pm_office" as const, scope: `area:cluster:${c}` })) };

describe("the funds demo", () => {
  it("is seeded once (idempotent) and tells the stories the journeys walk", async () => {
    const before = (await db.query<{ n: number }>("select count(*)::int as n from audit_log"))[0]!.n;
    await seedDemoFunds({ ctx: ctxFor(db) });
    expect((await db.query<{ n: number }>("select count(*)::int as n from audit_log"))[0]!.n).toBe(before);

    const pool = await getLeftoverPool({ ctx: ctxFor(db, gov), input: { provinceCode: "76" } });
    expect(pool.agencies.map((a) => [a.agency.id, a.remaining]).sort()).toEqual([["moac.doae", "1350000.00"], ["moi.dpt", "900000.00"]]);
    const doae = pool.agencies.find((a) => a.agency.id === "moac.doae")!.funds[0]!;
    const opts = await getReallocationOptions({ ctx: ctxFor(db, gov), input: { id: doae.id } });
    // the funds demo's own two activities are offered, and every target (the plans demo adds more) is the same agency's, in the province
    expect(opts.targets.map((t) => t.code)).toEqual(expect.arrayContaining(["DEMO-FUNDS-76-02", "DEMO-FUNDS-76-03"]));
    const agencies = await db.query<{ agency_id: string; province_code: string }>("select distinct agency_id, province_code from projects where id = any($1)", [opts.targets.map((t) => t.id)]);
    expect(agencies).toEqual([{ agency_id: "moac.doae", province_code: "76" }]);
    expect(opts.authority.governorMayDecide).toBe(true);
    const dpt = await db.query<{ id: string }>("select id from projects where code = 'DEMO-FUNDS-76-05'");
    await expect(reallocateLeftoverFund({ ctx: ctxFor(db, gov), input: { fundId: doae.id, targetProjectId: dpt[0]!.id, amount: 100_000, purposeTh: "ลองโอนข้ามกรม" } })).rejects.toMatchObject({ code: "planning.leftover.outside-mandate" });
    await expect(reallocateLeftoverFund({ ctx: ctxFor(db, gov), input: { fundId: doae.id, targetProjectId: opts.targets[0]!.id, amount: 100_000, purposeTh: "ขยายผล" } })).resolves.toMatchObject({ amount: "100000.00" });

    expect((await listMatchingFunds({ ctx: ctxFor(db), input: {} })).items.filter((m) => m.isDemo).map((m) => [m.provinceCode, m.status]).sort()).toEqual([["40", "proposed"], ["76", "agreed"]]);

    const h = await getEmergencyHeadroom({ ctx: ctxFor(db, dpm), input: {} });
    expect(h.fiscalYear).toBe(2570);
    expect(h.deputyPms.find((d) => d.postId === "demo-post-dpm-1")).toMatchObject({ approvedTotal: "92000000.00", headroom: "8000000.00", awaiting: 3 });
    const queue = await listEmergencyRequests({ ctx: ctxFor(db, dpm), input: { status: "screened", sort: "submitted" } });
    expect(queue.items.map((r) => r.amount)).toEqual(["3500000.00", "4500000.00", "2000000.00"]);
    const outcomes = [];
    for (const r of queue.items) outcomes.push((await decideEmergencyRequest({ ctx: ctxFor(db, dpm), input: { id: r.id, decision: "approve" } })).outcome);
    expect(outcomes).toEqual(["approved", "approved", "referred"]);
    expect((await getEmergencyHeadroom({ ctx: ctxFor(db, dpm), input: {} })).deputyPms.find((d) => d.postId === "demo-post-dpm-1")!.headroom).toBe("0.00");
  });
});
