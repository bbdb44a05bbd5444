import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { getDashboard } from "./get-dashboard.js";
import { listRecords } from "./list-records.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const FY = 2570;
const pmoc = () => ctxFor(db, actor("pmoc_viewer", "nation", "pmoc"));

describe("the dashboard's 'by month' figures drill to their records", () => {
  it("lists exactly the cases a month's figures count: received, and resolved", async () => {
    const d = await getDashboard({ ctx: pmoc(), input: { fiscalYear: FY } });
    const months = d.months.filter((m) => m.received > 0);
    expect(months.length, "the test data has cases in some month of FY 2570").toBeGreaterThan(0);
    for (const m of months) {
      const received = await listRecords({ ctx: pmoc(), input: { metric: "cases.received", fiscalYear: FY, month: m.month.slice(0, 7), pageSize: 200 } });
      expect(received.total, m.month).toBe(m.received);
      expect(received.items.every((r) => r.date?.slice(0, 7) === m.month.slice(0, 7))).toBe(true);
      const resolved = await listRecords({ ctx: pmoc(), input: { metric: "cases.on_time_pct", fiscalYear: FY, month: `${m.month.slice(0, 7)}-01`, pageSize: 200 } });
      expect(resolved.total, m.month).toBe(m.resolved);
      // late ones are flagged: the rest are the month's "resolved on time"
      if (resolved.total <= 200) expect(resolved.items.filter((r) => !r.flagged).length, m.month).toBe(m.resolvedOnTime);
    }
    const all = await listRecords({ ctx: pmoc(), input: { metric: "cases.received", fiscalYear: FY, pageSize: 1 } });
    expect(all.total).toBe(months.reduce((n, m) => n + m.received, 0));
  });

  it("refuses a month on a metric that is not counted by month, and a malformed month", async () => {
    for (const input of [{ metric: "kpi.on_target_pct", month: "2026-11" }, { metric: "cases.received", month: "2026-13" }, { metric: "cases.received", month: "11/2026" }] as const) {
      const e = await listRecords({ ctx: pmoc(), input }).then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(400);
    }
    const e = (await listRecords({ ctx: pmoc(), input: { metric: "kpi.on_target_pct", month: "2026-11" } }).catch((x: unknown) => x)) as AppError;
    expect(e.fields?.[0]?.code).toBe("oversight.month-without-cases");
  });
});
