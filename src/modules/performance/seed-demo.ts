import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { createKpi } from "./create-kpi.js";
import { reviewMeasurement } from "./review-measurement.js";
import { setTargets } from "./set-targets.js";
import { submitMeasurement } from "./submit-measurement.js";
import { kpis } from "./tables.js";

/**
 * Demo KPIs for Chiang Rai's clean-air agenda (plausible, not official): quarterly hotspot counts and PM2.5
 * days for FY 2568–2569, reported by the provincial natural-resources office and verified by the strategy
 * office; the latest quarter waits for verification.
 */
export async function seedPerformanceDemo({ ctx }: { ctx: Ctx; input?: unknown }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(kpis)) as [{ n: number }];
    if (n > 0) return;
    await createKpi({ ctx: tx, input: { id: "demo-kpi-57-hotspots", isDemo: true, code: "57-ENV-01", nameTh: "จำนวนจุดความร้อนสะสมในพื้นที่ป่าและเกษตร (ตัวอย่าง)", nameEn: "Cumulative hotspots in forest and farmland (demo)", unit: "จุด", direction: "lower", level: "provincial", provinceCode: "57", frequency: "quarterly", baseline: 4200, baselineYear: 2567, dataSource: "GISTDA (ตัวอย่าง)", ownerOrgId: "pro:57:natural-resources-environment", goalNodeId: "prov:57:goal:1.1", contributors: ["pro:57:agriculture-cooperatives", "pro:57:provincial-administration"] } });
    await createKpi({ ctx: tx, input: { id: "demo-kpi-57-pm25days", isDemo: true, code: "57-ENV-02", nameTh: "จำนวนวันที่ค่า PM2.5 เกินมาตรฐาน (ตัวอย่าง)", nameEn: "Days with PM2.5 above the standard (demo)", unit: "วัน", direction: "lower", level: "joint", provinceCode: "57", jointOrgId: "mnre.pcd", frequency: "quarterly", baseline: 96, baselineYear: 2567, ownerOrgId: "pro:57:natural-resources-environment", goalNodeId: "prov:57:goal:1.2" } });
    for (const fy of [2568, 2569]) {
      await setTargets({ ctx: tx, input: { kpiId: "demo-kpi-57-hotspots", fiscalYear: fy, round: 12, levels: fy === 2568 ? [4000, 3600, 3200, 2800, 2400] : [3200, 2800, 2400, 2100, 1800] } });
      await setTargets({ ctx: tx, input: { kpiId: "demo-kpi-57-pm25days", fiscalYear: fy, round: 12, levels: fy === 2568 ? [90, 80, 70, 60, 50] : [70, 60, 50, 40, 30] } });
    }
    const reporter = { ...tx, actor: { kind: "user" as const, id: "demo-reporter-57", name: "สำนักงานทรัพยากรธรรมชาติฯ จ.เชียงราย (ตัวอย่าง)", grants: [{ role: "agency_officer" as const, scope: "org:pro:57:natural-resources-environment" }] } };
    const verifier = { ...tx, actor: { kind: "user" as const, id: "demo-verifier-57", name: "กลุ่มงานยุทธศาสตร์ จ.เชียงราย (ตัวอย่าง)", grants: [{ role: "strategy_officer" as const, scope: "area:province:57" }] } };
    const quarters: [number, string, number, number][] = [
      [2568, "2024-12-31", 310, 2], [2568, "2025-03-31", 2650, 38], [2568, "2025-06-30", 3050, 61], [2568, "2025-09-30", 3120, 64],
      [2569, "2025-12-31", 240, 1], [2569, "2026-03-31", 2100, 29], [2569, "2026-06-30", 2380, 44], [2569, "2026-09-30", 2420, 47],
    ];
    for (const [k, [fy, end, hot, days]] of quarters.entries()) {
      const last = k === quarters.length - 1;
      const a = await submitMeasurement({ ctx: reporter, input: { id: `demo-m-hot-${k}`, isDemo: true, kpiId: "demo-kpi-57-hotspots", fiscalYear: fy, periodEnd: end, value: hot, evidence: [{ name: `GISTDA hotspot report ${end} (demo)` }] } });
      const b = await submitMeasurement({ ctx: reporter, input: { id: `demo-m-pm-${k}`, isDemo: true, kpiId: "demo-kpi-57-pm25days", fiscalYear: fy, periodEnd: end, value: days, evidence: [{ name: `PCD air4thai ${end} (demo)` }] } });
      if (!last) {
        await reviewMeasurement({ ctx: verifier, input: { id: a.id, decision: "verify" } });
        await reviewMeasurement({ ctx: verifier, input: { id: b.id, decision: "verify" } });
      }
    }
    await writeAudit(tx, { action: "performance.seed.demo", entityType: "kpi", entityId: "demo", after: { kpis: 2, measurements: quarters.length * 2 } });
  });
}
