/**
 * The demo scenario's KPIs for the five 2024 pilot provinces and the numbers behind them — a documented,
 * deterministic generator (docs/EVALUATION.md, "Demo KPIs and agreements"). Nothing here is a real result.
 *
 * Each KPI has a baseline (FY 2567) and a two-year goal (FY 2569). Its standard (level-3) target for FY y runs
 * linearly from the baseline to the goal; levels 1..5 are the standard ∓ 2, 1 steps of `step`. A cumulative KPI
 * (a count that restarts each fiscal year) reaches its yearly value along `share` (the part of the year's total
 * reached by the end of each quarter); a level KPI moves from last year's value to this year's linearly. Results
 * are the target path × (1 + `perf`) plus noise from the fixed-seed stream `demoRandom(code)`.
 */
import { demoRandom } from "./demo-random.js";
import { periodEnds } from "./rules.js";

export type DemoKpi = {
  id: string;
  code: string;
  provinceCode: string;
  nameTh: string;
  nameEn: string;
  unit: string;
  direction: "higher" | "lower";
  kind: "cumulative" | "level";
  frequency: "quarterly" | "monthly";
  ownerOrgId: string;
  goalNodeId: string | null;
  dataSource: string;
  baseline: number;
  goal: number;
  step: number;
  decimals: number;
  /** cumulative share of the yearly value reached by each quarter's end */
  share?: [number, number, number, number];
  /** how far ahead of (+) or behind (−) the target path the province runs, as a fraction */
  perf: number;
  noise: number;
};

const Q = [0.25, 0.5, 0.75, 1] as [number, number, number, number];
const k = (d: Omit<DemoKpi, "id" | "code"> & { n: number }): DemoKpi => ({ ...d, id: `demo-kpi-${d.provinceCode}-${d.n}`, code: `${d.provinceCode}-AG-0${d.n}` });

/** Three KPIs per pilot province, beside Chiang Rai's two clean-air KPIs seeded in seed-demo.ts. */
export const DEMO_KPIS: DemoKpi[] = [
  k({ n: 1, provinceCode: "34", goalNodeId: "agenda:ag-border", nameTh: "มูลค่าการค้าชายแดนผ่านด่านศุลกากรช่องเม็ก (ตัวอย่าง)", nameEn: "Border trade through the Chong Mek customs house (demo)", unit: "ล้านบาท", direction: "higher", kind: "cumulative", frequency: "quarterly", ownerOrgId: "pro:34:commerce", dataSource: "ด่านศุลกากรช่องเม็ก (ตัวอย่าง)", baseline: 12_400, goal: 15_000, step: 500, decimals: 0, share: Q, perf: 0.03, noise: 0.02 }),
  k({ n: 2, provinceCode: "34", goalNodeId: "agenda:ag-border", nameTh: "ผู้ประกอบการชายแดนที่ได้รับการพัฒนาและเข้าถึงตลาด สปป.ลาว (ตัวอย่าง)", nameEn: "Border businesses trained and selling into Lao PDR (demo)", unit: "ราย", direction: "higher", kind: "cumulative", frequency: "quarterly", ownerOrgId: "pro:34:industry", dataSource: "สำนักงานอุตสาหกรรมจังหวัด (ตัวอย่าง)", baseline: 180, goal: 320, step: 25, decimals: 0, share: [0.15, 0.45, 0.75, 1], perf: -0.02, noise: 0.04 }),
  k({ n: 3, provinceCode: "34", goalNodeId: "agenda:ag-border", nameTh: "ระยะเวลาเฉลี่ยในการตรวจปล่อยรถบรรทุกสินค้า ณ ด่านช่องเม็ก (ตัวอย่าง)", nameEn: "Average clearance time for a cargo truck at Chong Mek (demo)", unit: "นาที", direction: "lower", kind: "level", frequency: "quarterly", ownerOrgId: "pro:34:provincial-office", dataSource: "ระบบ e-Customs (ตัวอย่าง)", baseline: 95, goal: 45, step: 8, decimals: 0, perf: 0.05, noise: 0.03 }),
  k({ n: 1, provinceCode: "31", goalNodeId: "agenda:ag-debt", nameTh: "ลูกหนี้นอกระบบที่ไกล่เกลี่ยหนี้สำเร็จ (ตัวอย่าง)", nameEn: "Informal debtors with a settled mediation (demo)", unit: "ราย", direction: "higher", kind: "cumulative", frequency: "quarterly", ownerOrgId: "pro:31:provincial-administration", dataSource: "ศูนย์ดำรงธรรมจังหวัด (ตัวอย่าง)", baseline: 1_200, goal: 3_000, step: 200, decimals: 0, share: [0.3, 0.55, 0.8, 1], perf: 0.08, noise: 0.04 }),
  k({ n: 2, provinceCode: "31", goalNodeId: "agenda:ag-debt", nameTh: "มูลหนี้นอกระบบที่ได้รับการแก้ไข (ตัวอย่าง)", nameEn: "Informal debt resolved (demo)", unit: "ล้านบาท", direction: "higher", kind: "cumulative", frequency: "quarterly", ownerOrgId: "pro:31:provincial-administration", dataSource: "ที่ทำการปกครองจังหวัด (ตัวอย่าง)", baseline: 85, goal: 240, step: 15, decimals: 1, share: [0.3, 0.55, 0.8, 1], perf: 0.04, noise: 0.05 }),
  k({ n: 3, provinceCode: "31", goalNodeId: "agenda:ag-debt", nameTh: "ร้อยละของครัวเรือนเป้าหมายที่เข้าถึงสินเชื่อในระบบ (ตัวอย่าง)", nameEn: "Target households with access to formal credit (demo)", unit: "ร้อยละ", direction: "higher", kind: "level", frequency: "quarterly", ownerOrgId: "pro:31:cooperative-promotion", dataSource: "สำนักงานสหกรณ์จังหวัด (ตัวอย่าง)", baseline: 42, goal: 70, step: 4, decimals: 1, perf: -0.03, noise: 0.02 }),
  k({ n: 1, provinceCode: "40", goalNodeId: "agenda:ag-digital", nameTh: "ร้อยละของงานบริการระดับจังหวัดที่ยื่นคำขอและรับผลได้ทางออนไลน์ (ตัวอย่าง)", nameEn: "Provincial services that can be applied for and received online (demo)", unit: "ร้อยละ", direction: "higher", kind: "level", frequency: "monthly", ownerOrgId: "pro:40:provincial-office", dataSource: "ระบบ Khon Kaen Digital Province (ตัวอย่าง)", baseline: 35, goal: 80, step: 6, decimals: 1, perf: 0.06, noise: 0.02 }),
  k({ n: 2, provinceCode: "40", goalNodeId: "agenda:ag-digital", nameTh: "ผู้ใช้งานแอปพลิเคชันบริการประชาชนของจังหวัด (ตัวอย่าง)", nameEn: "Residents using the province's citizen-service app (demo)", unit: "ราย", direction: "higher", kind: "level", frequency: "quarterly", ownerOrgId: "pro:40:provincial-office", dataSource: "ระบบ Khon Kaen Digital Province (ตัวอย่าง)", baseline: 60_000, goal: 250_000, step: 20_000, decimals: 0, perf: 0.1, noise: 0.03 }),
  k({ n: 3, provinceCode: "40", goalNodeId: "agenda:ag-digital", nameTh: "ระยะเวลาเฉลี่ยในการออกใบอนุญาตของจังหวัด (ตัวอย่าง)", nameEn: "Average time to issue a provincial permit (demo)", unit: "วัน", direction: "lower", kind: "level", frequency: "quarterly", ownerOrgId: "pro:40:provincial-administration", dataSource: "ระบบ e-Permit (ตัวอย่าง)", baseline: 18, goal: 7, step: 1.5, decimals: 1, perf: -0.04, noise: 0.04 }),
  k({ n: 3, provinceCode: "57", goalNodeId: "prov:57:pain", nameTh: "ร้อยละของคำขออนุญาตเผาที่พิจารณาผ่านระบบภายใน 24 ชั่วโมง (ตัวอย่าง)", nameEn: "Burn-permit requests decided through the system within 24 hours (demo)", unit: "ร้อยละ", direction: "higher", kind: "level", frequency: "monthly", ownerOrgId: "pro:57:natural-resources-environment", dataSource: "ระบบ FireD (ตัวอย่าง)", baseline: 55, goal: 90, step: 5, decimals: 1, perf: 0.02, noise: 0.03 }),
  k({ n: 1, provinceCode: "76", goalNodeId: "prov:76:pain", nameTh: "ร้อยละของขยะมูลฝอยชุมชนที่ได้รับการจัดการอย่างถูกต้อง (ตัวอย่าง)", nameEn: "Municipal solid waste managed correctly (demo)", unit: "ร้อยละ", direction: "higher", kind: "level", frequency: "quarterly", ownerOrgId: "pro:76:natural-resources-environment", dataSource: "สำนักงานทรัพยากรธรรมชาติฯ จังหวัด (ตัวอย่าง)", baseline: 48, goal: 75, step: 4, decimals: 1, perf: -0.05, noise: 0.02 }),
  k({ n: 2, provinceCode: "76", goalNodeId: "prov:76:pain", nameTh: "ปริมาณขยะมูลฝอยต่อคนต่อวัน (ตัวอย่าง)", nameEn: "Solid waste per person per day (demo)", unit: "กก.", direction: "lower", kind: "level", frequency: "quarterly", ownerOrgId: "pro:76:local-administration", dataSource: "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด (ตัวอย่าง)", baseline: 1.32, goal: 1.05, step: 0.04, decimals: 2, perf: 0.01, noise: 0.015 }),
  k({ n: 3, provinceCode: "76", goalNodeId: "prov:76:pain", nameTh: "ชุมชนปลอดขยะ (Zero Waste) ที่ผ่านเกณฑ์ (ตัวอย่าง)", nameEn: "Zero-waste communities meeting the criteria (demo)", unit: "ชุมชน", direction: "higher", kind: "cumulative", frequency: "quarterly", ownerOrgId: "pro:76:local-administration", dataSource: "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด (ตัวอย่าง)", baseline: 20, goal: 60, step: 5, decimals: 0, share: [0.1, 0.35, 0.7, 1], perf: 0.0, noise: 0.06 }),
];

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
/** FY 2568 is year 1 of the two-year target, FY 2569 year 2; later years hold the goal. */
const yearIndex = (fy: number) => Math.min(2, Math.max(0, fy - 2567));

/** The standard (level-3) target of a fiscal year's 12-month round. */
export function standardTarget(kpi: DemoKpi, fy: number): number {
  return round(kpi.baseline + ((kpi.goal - kpi.baseline) * yearIndex(fy)) / 2, kpi.decimals);
}

/** Fraction of the year's movement expected by the end of a round (6, 9, 12 months) or of fiscal month m (1..12). */
function progressAt(kpi: DemoKpi, months: number): number {
  if (kpi.kind === "level") return months / 12;
  const s = kpi.share ?? Q;
  const q = months / 3; // whole and fractional quarters
  const lo = Math.floor(q);
  const at = (i: number) => (i <= 0 ? 0 : s[Math.min(i, 4) - 1]!);
  return at(lo) + (at(lo + 1) - at(lo)) * (q - lo);
}

/** The expected value `months` into fiscal year fy: a level KPI moves from last year's standard; a cumulative one restarts. */
function pathAt(kpi: DemoKpi, fy: number, months: number): number {
  const p = progressAt(kpi, months);
  const target = standardTarget(kpi, fy);
  if (kpi.kind === "cumulative") return target * p;
  const from = fy <= 2568 ? kpi.baseline : standardTarget(kpi, fy - 1);
  return from + (target - from) * p;
}

/** Targets for levels 1..5 of a round: the standard at that point of the year ∓ steps, ordered in the KPI's direction. */
export function roundLevels(kpi: DemoKpi, fy: number, roundMonths: 6 | 9 | 12): [number, number, number, number, number] {
  const std = pathAt(kpi, fy, roundMonths);
  const step = kpi.kind === "cumulative" ? kpi.step * progressAt(kpi, roundMonths) : kpi.step;
  const sign = kpi.direction === "higher" ? 1 : -1;
  const d = Math.max(kpi.decimals, 2);
  return [-2, -1, 0, 1, 2].map((n) => round(std + sign * n * step, d)) as [number, number, number, number, number];
}

/** The generated results of a KPI for a fiscal year: one per period, in order. */
export function demoSeries(kpi: DemoKpi, fy: number): { periodEnd: string; value: number }[] {
  const rnd = demoRandom(`${kpi.code}|${fy}`);
  const ends = periodEnds(fy, kpi.frequency);
  const per = 12 / ends.length;
  const sign = kpi.direction === "higher" ? 1 : -1;
  let prev = -Infinity;
  return ends.map((periodEnd, i) => {
    const expected = pathAt(kpi, fy, per * (i + 1));
    let v = expected * (1 + sign * kpi.perf + kpi.noise * rnd.normal());
    if (kpi.kind === "cumulative") v = Math.max(v, prev); // a running total never falls
    v = Math.max(0, round(v, kpi.decimals));
    prev = v;
    return { periodEnd, value: v };
  });
}
