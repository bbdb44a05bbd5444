import { sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { lookupArea } from "../registry/index.js";
import { closeDueRounds } from "./close-round.js";
import type { AgreementItemInput } from "./contracts.js";
import { createAgreement } from "./create-agreement.js";
import { createKpi } from "./create-kpi.js";
import { DEMO_KPIS, demoSeries, roundLevels, type DemoKpi } from "./demo-kpis.js";
import { reviewMeasurement } from "./review-measurement.js";
import { saveSelfAssessment } from "./save-self-assessment.js";
import { setTargets } from "./set-targets.js";
import { signAgreement } from "./sign-agreement.js";
import { submitMeasurement } from "./submit-measurement.js";
import { agreements, measurements } from "./tables.js";
import { addDays } from "../../platform/thai/dates.js";

type Levels = [number, number, number, number, number];
export const DEMO_PILOTS = ["34", "31", "40", "57", "76"] as const;
const YEARS = [2568, 2569, 2570] as const;
const WEIGHTS = [0.4, 0.35, 0.25];

/** Chiang Rai's two clean-air KPIs (seed-demo.ts) keep their 12-month targets; the interim rounds are a share of them. */
const CR_TARGETS: Record<string, Record<number, Levels>> = {
  "demo-kpi-57-hotspots": { 2568: [4000, 3600, 3200, 2800, 2400], 2569: [3200, 2800, 2400, 2100, 1800], 2570: [2800, 2400, 2000, 1700, 1400] },
  "demo-kpi-57-pm25days": { 2568: [90, 80, 70, 60, 50], 2569: [70, 60, 50, 40, 30], 2570: [60, 50, 40, 30, 25] },
};
const CR_SHARE: Record<string, Record<6 | 9, number>> = { "demo-kpi-57-hotspots": { 6: 0.85, 9: 0.97 }, "demo-kpi-57-pm25days": { 6: 0.6, 9: 0.93 } };
const CR_NAMES: Record<string, [string, string]> = {
  "demo-kpi-57-hotspots": ["จำนวนจุดความร้อนสะสมในพื้นที่ป่าและเกษตร", "Cumulative hotspots in forest and farmland"],
  "demo-kpi-57-pm25days": ["จำนวนวันที่ค่า PM2.5 เกินมาตรฐาน", "Days with PM2.5 above the standard"],
};

const user = (id: string, name: string, grants: Actor["grants"]): Actor => ({ kind: "user", id, name, grants });
const scale = (l: Levels, f: number): Levels => l.map((x) => Math.round(x * f)) as Levels;

/**
 * Demo agreements for the five 2024 pilot provinces, FY 2568–2570 (labelled demo): three KPIs each with targets per
 * round, two years of generated results (demo-kpis.ts) reported by the owning office and verified by the strategy
 * office, signed agreements, self-assessments, and the rounds whose due date has passed closed with frozen scores.
 * Khon Kaen's FY 2570 agreement uses the PB 70 / PT 30 scheme; the others the five-level score. Chiang Rai's
 * burn-permit KPI has no October 2026 result yet (the governor records it in the demo journey) and Khon Kaen's
 * online-services result for October 2026 waits for the strategy office's verification.
 */
export async function seedAgreementsDemo({ ctx }: { ctx: Ctx }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(agreements)) as [{ n: number }];
    if (n > 0) return;
    const verifier = (p: string) => ({ ...tx, actor: user(`demo-verifier-${p}`, `กลุ่มงานยุทธศาสตร์จังหวัด ${p} (ตัวอย่าง)`, [{ role: "strategy_officer", scope: `area:province:${p}` }]) });
    const reporter = (k: DemoKpi) => ({ ...tx, actor: user(`demo-reporter-${k.ownerOrgId}`, `เจ้าหน้าที่ ${k.ownerOrgId} (ตัวอย่าง)`, [{ role: "agency_officer", scope: `org:${k.ownerOrgId}` }]) });
    let measured = 0;

    for (const k of DEMO_KPIS) {
      await createKpi({ ctx: tx, input: { id: k.id, isDemo: true, code: k.code, nameTh: k.nameTh, nameEn: k.nameEn, unit: k.unit, direction: k.direction, level: "provincial", provinceCode: k.provinceCode, frequency: k.frequency, baseline: k.baseline, baselineYear: 2567, dataSource: k.dataSource, ownerOrgId: k.ownerOrgId, goalNodeId: k.goalNodeId } });
      for (const fy of YEARS) for (const r of [6, 9, 12] as const) await setTargets({ ctx: tx, input: { kpiId: k.id, fiscalYear: fy, round: r, levels: roundLevels(k, fy, r) } });
      // two years of results, reported and verified: written in one statement (the use cases would take seconds)
      const rep = reporter(k).actor;
      const ver = verifier(k.provinceCode).actor;
      const rows = [2568, 2569].flatMap((fy) =>
        demoSeries(k, fy).map((p, i) => {
          const at = new Date(`${addDays(p.periodEnd, 10)}T03:00:00Z`);
          return { id: `demo-m-${k.id}-${fy}-${i}`, kpiId: k.id, fiscalYear: fy, periodEnd: p.periodEnd, value: p.value, evidence: [{ name: `${k.dataSource} ${p.periodEnd}`, url: null }], status: "verified", submittedBy: rep.id!, submittedByName: rep.name, submittedAt: at, reviewedBy: ver.id!, reviewedByName: ver.name, reviewedAt: new Date(at.getTime() + 2 * 86_400_000), isDemo: true };
        }),
      );
      await tx.db.insert(measurements).values(rows);
      await writeAudit(tx, { action: "performance.measurement.submit", entityType: "kpi", entityId: k.id, provinceCode: k.provinceCode, after: { demo: true, verified: rows.length, periods: rows.map((r) => r.periodEnd) } });
      measured += rows.length;
    }
    // Khon Kaen reported October 2026 for online services; the strategy office has not verified it yet
    const kk = DEMO_KPIS.find((k) => k.id === "demo-kpi-40-1")!;
    await submitMeasurement({ ctx: reporter(kk), input: { id: "demo-m-demo-kpi-40-1-2570-0", isDemo: true, kpiId: kk.id, fiscalYear: 2570, periodEnd: "2026-10-31", value: 81.6, evidence: [{ name: `${kk.dataSource} 2026-10-31` }] } });
    // Chiang Rai's clean-air KPIs: interim targets, FY 2570, and the last quarter of FY 2569 verified
    for (const [kpiId, byYear] of Object.entries(CR_TARGETS))
      for (const fy of YEARS) {
        if (fy === 2570) await setTargets({ ctx: tx, input: { kpiId, fiscalYear: fy, round: 12, levels: byYear[fy]! } });
        for (const r of [6, 9] as const) await setTargets({ ctx: tx, input: { kpiId, fiscalYear: fy, round: r, levels: scale(byYear[fy]!, CR_SHARE[kpiId]![r]) } });
      }
    for (const id of ["demo-m-hot-7", "demo-m-pm-7"]) await reviewMeasurement({ ctx: verifier("57"), input: { id, decision: "verify" } });

    const dpm = { ...tx, actor: user("demo-dpm", "สำนักงานรองนายกรัฐมนตรี (ตัวอย่าง)", [{ role: "deputy_pm_office", scope: "nation" }]) };
    for (const p of DEMO_PILOTS) {
      const area = (await lookupArea(tx, `province:${p}`))!;
      const gov = { ...tx, actor: user(`demo-governor-${p}`, `ผู้ว่าราชการจังหวัด${area.nameTh} (ตัวอย่าง)`, [{ role: "governor", scope: `area:province:${p}` }]) };
      const kpis: { id: string; nameTh: string; nameEn: string; direction: "higher" | "lower"; levels: (fy: number, r: 6 | 9 | 12) => Levels }[] =
        p === "57"
          ? [
              ...Object.keys(CR_TARGETS).map((id) => ({ id, nameTh: CR_NAMES[id]![0], nameEn: CR_NAMES[id]![1], direction: "lower" as const, levels: (fy: number, r: 6 | 9 | 12) => (r === 12 ? CR_TARGETS[id]![fy]! : scale(CR_TARGETS[id]![fy]!, CR_SHARE[id]![r])) })),
              ...DEMO_KPIS.filter((k) => k.provinceCode === p).map((k) => ({ id: k.id, nameTh: k.nameTh.replace(" (ตัวอย่าง)", ""), nameEn: k.nameEn.replace(" (demo)", ""), direction: k.direction, levels: (fy: number, r: 6 | 9 | 12) => roundLevels(k, fy, r) })),
            ]
          : DEMO_KPIS.filter((k) => k.provinceCode === p).map((k) => ({ id: k.id, nameTh: k.nameTh.replace(" (ตัวอย่าง)", ""), nameEn: k.nameEn.replace(" (demo)", ""), direction: k.direction, levels: (fy: number, r: 6 | 9 | 12) => roundLevels(k, fy, r) }));
      for (const fy of YEARS) {
        const pbpt = p === "40" && fy === 2570;
        const items: AgreementItemInput[] = kpis.map((k, i) => {
          const dir = k.direction === "higher" ? ("higher-is-better" as const) : ("lower-is-better" as const);
          const L = (r: 6 | 9 | 12) => k.levels(fy, r);
          const base = { id: `kpi-${i + 1}`, kpiId: k.id, nameTh: k.nameTh, nameEn: k.nameEn };
          if (pbpt) {
            const tiers = (l: Levels) => ({ threshold: l[1], standard: l[2], challenge: l[4] });
            return { ...base, weight: [0.3, 0.2, 0.2][i]!, component: "performance" as const, criteria: { kind: "tiered" as const, direction: dir, targets: tiers(L(12)), roundTargets: { "6": tiers(L(6)), "9": tiers(L(9)) } } };
          }
          return { ...base, weight: WEIGHTS[i]!, criteria: { kind: "five-level-numeric" as const, direction: dir, levels: L(12), roundLevels: { "6": L(6), "9": L(9) } } };
        });
        if (pbpt) items.push({ id: "potential", kpiId: null, nameTh: "ศักยภาพในการขับเคลื่อนจังหวัดดิจิทัล (Potential Base)", nameEn: "Capacity to drive the digital province (Potential Base)", weight: 0.3, component: "potential", criteria: { kind: "assessed" } });
        const a = await createAgreement({
          ctx: gov,
          input: {
            id: `demo-agreement-${p}-${fy}`,
            isDemo: true,
            fiscalYear: fy,
            kind: "provincial",
            areaId: `province:${p}`,
            titleTh: `คำรับรองการปฏิบัติราชการของจังหวัด${area.nameTh} ประจำปีงบประมาณ พ.ศ. ${fy} (ตัวอย่าง)`,
            titleEn: `${area.nameEn} performance agreement, fiscal year ${fy - 543} (demo)`,
            parties: [
              { role: "deputy_pm", nameTh: "รองนายกรัฐมนตรีผู้กำกับดูแลพื้นที่ (ตัวอย่าง)", nameEn: "Deputy Prime Minister overseeing the area (demo)" },
              { role: "minister_interior", nameTh: "รัฐมนตรีว่าการกระทรวงมหาดไทย (ตัวอย่าง)", nameEn: "Minister of Interior (demo)" },
              { role: "governor", nameTh: `ผู้ว่าราชการจังหวัด${area.nameTh} (ตัวอย่าง)`, nameEn: `Governor of ${area.nameEn} (demo)` },
            ],
            scheme: pbpt ? { type: "pb-pt" } : { type: "five-level" },
            items,
          },
        });
        await signAgreement({ ctx: dpm, input: { id: a.id, signedOn: `${fy - 544}-10-20` } });
        if (fy < 2570)
          for (const r of [6, 9, 12] as const)
            await saveSelfAssessment({
              ctx: gov,
              input: { id: a.id, round: r, submit: true, selfAssessmentTh: `จังหวัด${area.nameTh}ดำเนินการตามแผนปฏิบัติการรอบ ${r} เดือน รายละเอียดผลการดำเนินงานและปัญหาอุปสรรคตามเอกสารแนบ (ข้อมูลตัวอย่าง)`, evidence: [{ name: `รายงานผลการดำเนินงานรอบ ${r} เดือน ปี ${fy} (ตัวอย่าง).pdf` }] },
            });
      }
    }
    // rounds whose due date has passed are closed as the scheduled job would close them
    const closed = await closeDueRounds({ ctx: tx });
    await writeAudit(tx, { action: "performance.seed.agreements-demo", entityType: "agreement", entityId: "demo", after: { kpis: DEMO_KPIS.length, measurements: measured, agreements: DEMO_PILOTS.length * YEARS.length, roundsClosed: closed.closed.length } });
  });
}
