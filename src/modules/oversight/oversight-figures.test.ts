import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { METRIC_IDS, METRICS, type MetricId } from "./contracts.js";
import { getDashboard } from "./get-dashboard.js";
import { listRecords } from "./list-records.js";
import { refreshRollups } from "./refresh-rollups.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
  await refreshRollups({ ctx: ctxFor(db) });
});
afterAll(async () => db?.close());

const FY = 2570; // FIXED_NOW, 22 Nov 2026
const LAST = 2569;
const governor31 = () => ctxFor(db, actor("governor", "area:province:31", "gov-31"));
const pmoc = () => ctxFor(db, actor("pmoc_viewer", "nation", "pmoc"));
const q = <T>(text: string, params: unknown[] = []) => db.query<T>(text, params);

/** The number of projects the budget figures sum (their denominators are baht, not records). */
async function projectsCounted(fy: number, province: string | null) {
  const [r] = await q<{ n: number }>(
    `select coalesce(sum(value), 0)::int as n from oversight_rollups where measure = 'budget.projects' and org_id = '*' and agenda_id = '*' and fiscal_year = $1 and ($2::text is null or province_code = $2)`,
    [fy, province],
  );
  return r!.n;
}

/** Every record of a drill-down (all pages). */
async function allRecords(ctx: ReturnType<typeof pmoc>, metric: MetricId, fiscalYear: number) {
  const first = await listRecords({ ctx, input: { metric, fiscalYear, pageSize: 200 } });
  const items = [...first.items];
  for (let page = 2; items.length < first.total; page++) items.push(...(await listRecords({ ctx, input: { metric, fiscalYear, pageSize: 200, page } })).items);
  return { total: first.total, items };
}

describe("every figure's drill-down lists exactly the records it counts", () => {
  for (const [who, ctx, province] of [
    ["Buriram's governor", governor31, "31"],
    ["the PMOC (nation)", pmoc, null],
  ] as const)
    for (const fy of [LAST, FY])
      it(`${who}, FY ${fy}: records = the figure's denominator (or count); not flagged = its numerator`, async () => {
        const d = await getDashboard({ ctx: ctx(), input: { fiscalYear: fy } });
        let compared = 0;
        for (const metric of METRIC_IDS) {
          const fig = d.figures.find((f) => f.metric === metric);
          if (!fig) continue;
          const def = METRICS[metric];
          const expected = def.family === "budget" ? await projectsCounted(fy, province) : (fig.den ?? fig.num);
          const page = await listRecords({ ctx: ctx(), input: { metric, fiscalYear: fy, pageSize: 1 } });
          expect(page.total, `${metric} FY ${fy}`).toBe(expected);
          if (expected > 0) compared++;
          // a count of what is wrong (overdue, late): every record listed is flagged
          if (!("den" in def) && def.better === "down" && province) {
            const all = await allRecords(ctx(), metric, fy);
            expect(all.items.every((r) => r.flagged), metric).toBe(true);
          }
        }
        // a share that is "good when high" lists its denominator and flags what counts against it
        if (province)
          for (const metric of ["cases.on_time_pct", "permits.on_time_pct", "permits.delegated_pct", "kpi.on_target_pct"] as const) {
            const fig = d.figures.find((f) => f.metric === metric)!;
            const all = await allRecords(ctx(), metric, fy);
            expect(all.items.filter((r) => !r.flagged).length, metric).toBe(fig.num);
          }
        expect(compared).toBeGreaterThan(3);
      });

  it("shows each permit's route in the delegation share, and only decided permits in the on-time share", async () => {
    const [src] = await q<{ received: number; delegated: number; decided: number }>(
      `select count(*)::int as received, count(*) filter (where route = 'delegated')::int as delegated, count(decided_on)::int as decided
       from permit_applications where province_code = '31' and received_on between '2026-10-01' and '2027-09-30'`,
    );
    const delegation = await allRecords(governor31(), "permits.delegated_pct", FY);
    expect(delegation.total).toBe(src!.received);
    expect(delegation.items.filter((r) => r.status === "delegated").length).toBe(src!.delegated);
    expect(delegation.items.every((r) => r.status === "delegated" || r.status === "central")).toBe(true);
    expect(delegation.items.every((r) => r.flagged === (r.status === "central"))).toBe(true);
    const onTime = await allRecords(governor31(), "permits.on_time_pct", FY);
    expect(onTime.total).toBe(src!.decided);
    expect(onTime.items.every((r) => ["approved", "refused"].includes(r.status))).toBe(true);
  });
});

void FIXED_NOW;
