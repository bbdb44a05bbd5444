import { and, eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/auth/actor.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { addDays } from "../../platform/thai/dates.js";
import { createProgramme } from "./create-programme.js";
import { createSandbox } from "./create-sandbox.js";
import { defineOutcome } from "./define-outcome.js";
import { demoRandom, generatePanel, type PanelModel } from "./demo-random.js";
import { grantIncentive } from "./grant-incentive.js";
import { todayOf } from "./pilot-rules.js";
import { recordObservations } from "./record-observations.js";
import { recordSandboxResult } from "./record-sandbox-result.js";
import { maxSurveySd, recordSurvey } from "./record-survey.js";
import { setProgrammeProvinces } from "./set-programme-provinces.js";
import { kpis, measurements, pilotProgrammes, sandboxes } from "./tables.js";

/**
 * Demo pilots and sandboxes (isDemo, labelled "(ตัวอย่าง)"): the 2001–02 pilot set and the 2024 five-province
 * pilot with outcomes, surveys and incentives, and three sandboxes. Every number comes from the seeded generator
 * in demo-random.ts (docs/EVALUATION.md, "Demo data"): plausible in size, NOT real results.
 */

const OPDC: Actor = { kind: "user", id: "demo-opdc-evaluator", name: "สำนักงาน ก.พ.ร. (ตัวอย่าง)", grants: [{ role: "opdc_evaluator", scope: "nation" }] };
const strategyOffice = (code: string, nameTh: string): Actor => ({ kind: "user", id: `demo-strategy-${code}`, name: `กลุ่มงานยุทธศาสตร์ จ.${nameTh} (ตัวอย่าง)`, grants: [{ role: "strategy_officer", scope: `area:province:${code}` }] });
const as = (ctx: Ctx, actor: Actor): Ctx => ({ ...ctx, actor });
/** The same context on another day (a sandbox recorded when it started). */
const onDay = (ctx: Ctx, date: string): Ctx => ({ ...ctx, now: () => new Date(`${date}T03:00:00Z`) });

/** Fiscal-year ends (30 September) for B.E. fiscal years from..to. */
const fiscalYearEnds = (fromBe: number, toBe: number) => Array.from({ length: toBe - fromBe + 1 }, (_, k) => `${fromBe + k - 543}-09-30`);
/** Fiscal-quarter ends from the first quarter of fromBe to the last of toBe. */
function fiscalQuarterEnds(fromBe: number, toBe: number): string[] {
  const out: string[] = [];
  for (let fy = fromBe; fy <= toBe; fy++) {
    const y = fy - 543;
    out.push(`${y - 1}-12-31`, `${y}-03-31`, `${y}-06-30`, `${y}-09-30`);
  }
  return out;
}

type Design = { pilots: string[]; comparisons: [code: string, pairedWith: string][] };
const members = (d: Design) => [...d.pilots.map((code) => ({ code, pilot: true })), ...d.comparisons.map(([code]) => ({ code, pilot: false }))];

/** 2001–02 (FY 2545): the integrated-province pilot and its comparison provinces (seed 001). */
const DESIGN_2544: Design = { pilots: ["52", "33", "18", "83", "96"], comparisons: [["65", "52"], ["32", "33"], ["15", "18"], ["82", "83"], ["94", "96"]] };
/**
 * 2024 (from FY 2568): the five pilot provinces (seed 003), each compared with a neighbour of similar size and
 * economy that was not a pilot: Si Sa Ket for Ubon Ratchathani (same lower-Isan cluster, border province),
 * Surin for Buriram (same cluster, similar population and farm economy), Udon Thani for Khon Kaen (the other
 * upper-Isan regional hub), Chiang Mai for Chiang Rai (same haze season and Myanmar border), Prachuap Khiri Khan
 * for Phetchaburi (same cluster, coastal tourism and farming, similar size).
 */
const DESIGN_2567: Design = { pilots: ["34", "31", "40", "57", "76"], comparisons: [["33", "34"], ["32", "31"], ["41", "40"], ["50", "57"], ["77", "76"]] };

async function seedSurveys(ctx: Ctx, programmeId: string, outcomeId: string, key: string, model: PanelModel, design: Design, periods: string[], treatmentStart: string, today: string, source: string) {
  const rnd = demoRandom(`${key}|respondents`);
  for (const row of generatePanel(key, model, members(design), periods, treatmentStart)) {
    const respondents = 380 + Math.floor(rnd.uniform() * 81);
    const sd = Math.min(0.55 + 0.3 * rnd.uniform(), 0.9 * maxSurveySd(row.value, respondents));
    if (row.periodEnd > today) continue;
    await recordSurvey({ ctx, input: { programmeId, outcomeId, provinceCode: row.provinceCode, periodEnd: row.periodEnd, mean: row.value, respondents, sd: Math.round(sd * 100) / 100, source, isDemo: true } });
  }
}

async function seedProgramme2544(ctx: Ctx, today: string) {
  const id = "demo-pilot-2544";
  const start = "2001-10-01";
  await createProgramme({
    ctx,
    input: {
      id,
      isDemo: true,
      code: "PILOT-2544",
      nameTh: "โครงการจังหวัดทดลองแบบบูรณาการเพื่อการพัฒนา ปีงบประมาณ 2545 (ตัวอย่าง)",
      nameEn: "Integrated province pilot for development, FY 2002 (demo)",
      descriptionTh: "จังหวัดนำร่อง 5 จังหวัด (ลำปาง ศรีสะเกษ ชัยนาท ภูเก็ต นราธิวาส) เทียบกับจังหวัดเทียบเคียง 5 จังหวัด (พิษณุโลก สุรินทร์ อ่างทอง พังงา ปัตตานี) ระยะเวลาโครงการ 1 ต.ค. 2544 – 30 ก.ย. 2545 ติดตามปีงบประมาณ 2542–2546 (ปี 2547 ทุกจังหวัดใช้ระบบบูรณาการแล้ว จึงไม่ใช้เปรียบเทียบ) ตัวเลขทั้งหมดเป็นข้อมูลสาธิตที่สร้างขึ้น ไม่ใช่ผลการประเมินจริง",
      descriptionEn: "Five pilot provinces against five comparison provinces; the pilot ran 1 Oct 2001 – 30 Sep 2002; fiscal years 1999–2003 are observed (from FY 2004 every province used the model, so it no longer compares). All numbers are generated demo data, not the real evaluation.",
      periodStart: "1998-10-01",
      periodEnd: "2003-09-30",
      treatmentStart: start,
    },
  });
  await setProgrammeProvinces({ ctx, input: { programmeId: id, provinces: [...DESIGN_2544.pilots.map((p) => ({ provinceCode: p, role: "pilot" as const })), ...DESIGN_2544.comparisons.map(([c, p]) => ({ provinceCode: c, role: "comparison" as const, pairedWith: p }))] } });
  const years = fiscalYearEnds(2542, 2546).filter((p) => p <= today);
  const sat = await defineOutcome({ ctx, input: { programmeId: id, id: `${id}-satisfaction`, kind: "satisfaction", nameTh: "ความพึงพอใจของประชาชนต่อการให้บริการของจังหวัด (ตัวอย่าง)", nameEn: "Citizen satisfaction with provincial services (demo)", unit: "คะแนน 1–5", direction: "higher" } });
  await seedSurveys(ctx, id, sat.id, "PILOT-2544|satisfaction", { base: 3.2, unitSd: 0.15, trend: 0.03, periodSd: 0.03, noiseSd: 0.08, effect: 0.3, decimals: 2, min: 1.5, max: 4.8 }, DESIGN_2544, years, start, today, "แบบสำรวจของสถาบันการศึกษาผู้ประเมิน (ตัวอย่าง)");
  const turnaround = await defineOutcome({ ctx, input: { programmeId: id, id: `${id}-turnaround`, kind: "outcome", nameTh: "ระยะเวลาเฉลี่ยในการให้บริการ (ตัวอย่าง)", nameEn: "Average service turnaround (demo)", unit: "วัน", direction: "lower" } });
  await recordObservations({ ctx, input: { programmeId: id, outcomeId: turnaround.id, isDemo: true, rows: generatePanel("PILOT-2544|turnaround", { base: 12, unitSd: 1.5, trend: -0.2, periodSd: 0.3, noiseSd: 0.6, effect: -2, decimals: 1, min: 1 }, members(DESIGN_2544), years, start).map((r) => ({ ...r, source: "รายงานจังหวัด (ตัวอย่าง)" })) } });
  const disbursement = await defineOutcome({ ctx, input: { programmeId: id, id: `${id}-disbursement`, kind: "outcome", nameTh: "อัตราการเบิกจ่ายงบประมาณของจังหวัด (ตัวอย่าง)", nameEn: "Provincial budget disbursement rate (demo)", unit: "ร้อยละ", direction: "higher" } });
  await recordObservations({ ctx, input: { programmeId: id, outcomeId: disbursement.id, isDemo: true, rows: generatePanel("PILOT-2544|disbursement", { base: 82, unitSd: 3, trend: 0.5, periodSd: 0.8, noiseSd: 1.5, effect: 1, decimals: 1, min: 0, max: 100 }, members(DESIGN_2544), years, start).map((r) => ({ ...r, source: "กรมบัญชีกลาง (ตัวอย่าง)" })) } });
  for (const p of DESIGN_2544.pilots) {
    await grantIncentive({ ctx, input: { programmeId: id, id: `${id}-inc-${p}`, isDemo: true, provinceCode: p, kind: "staff-development-budget", descriptionTh: "งบประมาณพัฒนาบุคลากรของจังหวัดนำร่อง (ตัวอย่าง)", amount: 2_000_000, grantedOn: "2001-11-15" } });
  }
}

/** Chiang Rai's PM2.5 days per fiscal year from the performance module's demo KPI: its baseline year and each year's last (cumulative) quarter. */
async function chiangRaiPm25(ctx: Ctx): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const [k] = await ctx.db.select().from(kpis).where(eq(kpis.id, "demo-kpi-57-pm25days")).limit(1);
  if (!k) return out;
  if (k.baseline !== null && k.baselineYear !== null) out.set(`${k.baselineYear - 543}-09-30`, k.baseline);
  for (const m of await ctx.db.select().from(measurements).where(and(eq(measurements.kpiId, k.id)))) if (m.periodEnd.endsWith("-09-30")) out.set(m.periodEnd, m.value);
  return out;
}

async function seedProgramme2567(ctx: Ctx, today: string) {
  const id = "demo-pilot-2567";
  const start = "2024-10-01";
  await createProgramme({
    ctx,
    input: {
      id,
      isDemo: true,
      code: "PILOT-2567",
      nameTh: "โครงการขับเคลื่อนผู้ว่าราชการจังหวัดแบบบูรณาการ (ผู้ว่า CEO) 5 จังหวัดนำร่อง พ.ศ. 2567 (ตัวอย่าง)",
      nameEn: "Integrated (CEO) governor pilot in five provinces, 2024 (demo)",
      descriptionTh: "อุบลราชธานี (เศรษฐกิจชายแดน) บุรีรัมย์ (ขจัดหนี้นอกระบบ) ขอนแก่น (จังหวัดดิจิทัล) เชียงราย (อากาศสะอาด) เพชรบุรี (จัดการขยะ) เริ่มปีงบประมาณ 2568 จังหวัดเปรียบเทียบเป็นจังหวัดข้างเคียงขนาดใกล้กัน: ศรีสะเกษ สุรินทร์ อุดรธานี เชียงใหม่ ประจวบคีรีขันธ์ ตัวเลขทั้งหมดเป็นข้อมูลสาธิตที่สร้างขึ้น ไม่ใช่ผลจริง",
      descriptionEn: "Ubon Ratchathani (border economy), Buriram (informal debt), Khon Kaen (digital province), Chiang Rai (clean air), Phetchaburi (waste), from FY 2025; compared with neighbours of similar size: Si Sa Ket, Surin, Udon Thani, Chiang Mai, Prachuap Khiri Khan. All numbers are generated demo data, not real results.",
      periodStart: "2021-10-01",
      periodEnd: "2026-09-30",
      treatmentStart: start,
    },
  });
  await setProgrammeProvinces({ ctx, input: { programmeId: id, provinces: [...DESIGN_2567.pilots.map((p) => ({ provinceCode: p, role: "pilot" as const })), ...DESIGN_2567.comparisons.map(([c, p]) => ({ provinceCode: c, role: "comparison" as const, pairedWith: p }))] } });

  // Days with PM2.5 above the standard per fiscal year; Chiang Rai's own from its KPI (57-ENV-02).
  const [pmKpi] = await ctx.db.select({ id: kpis.id }).from(kpis).where(eq(kpis.id, "demo-kpi-57-pm25days")).limit(1);
  const pm = await defineOutcome({ ctx, input: { programmeId: id, id: `${id}-pm25`, kind: "outcome", kpiId: pmKpi?.id ?? null, nameTh: "จำนวนวันที่ค่า PM2.5 เกินมาตรฐานในปีงบประมาณ (ตัวอย่าง)", nameEn: "Days with PM2.5 above the standard per fiscal year (demo)", unit: "วัน", direction: "lower" } });
  const years = fiscalYearEnds(2565, 2569).filter((p) => p <= today);
  const cr = await chiangRaiPm25(ctx);
  const pmBase = { "57": 92, "50": 100, "40": 45, "41": 40, "34": 42, "33": 36, "31": 50, "32": 46, "76": 22, "77": 16 };
  const pmRows = generatePanel("PILOT-2567|pm25", { base: pmBase, unitSd: 4, trend: -1, periodSd: 6, noiseSd: 6, effect: -12, decimals: 0, min: 0 }, members(DESIGN_2567), years, start).map((r) => {
    const fromKpi = r.provinceCode === "57" ? cr.get(r.periodEnd) : undefined;
    return fromKpi === undefined ? { ...r, source: "กรมควบคุมมลพิษ air4thai (ตัวอย่าง)" } : { ...r, value: fromKpi, source: "ตัวชี้วัด 57-ENV-02 (ตัวอย่าง)" };
  });
  await recordObservations({ ctx, input: { programmeId: id, outcomeId: pm.id, isDemo: true, rows: pmRows } });

  const quarters = fiscalQuarterEnds(2567, 2569);
  const sat = await defineOutcome({ ctx, input: { programmeId: id, id: `${id}-satisfaction`, kind: "satisfaction", nameTh: "ความพึงพอใจของประชาชนต่อการบริหารงานจังหวัด (สำรวจรายไตรมาส) (ตัวอย่าง)", nameEn: "Citizen satisfaction with the province's administration, quarterly survey (demo)", unit: "คะแนน 1–5", direction: "higher" } });
  await seedSurveys(ctx, id, sat.id, "PILOT-2567|satisfaction", { base: 3.55, unitSd: 0.12, trend: 0.01, periodSd: 0.03, noiseSd: 0.06, effect: 0.18, decimals: 2, min: 1.5, max: 4.8 }, DESIGN_2567, quarters, start, today, "สำรวจความพึงพอใจรายไตรมาส (ตัวอย่าง)");
  const closed = await defineOutcome({ ctx, input: { programmeId: id, id: `${id}-complaints`, kind: "outcome", nameTh: "เรื่องร้องเรียนที่ยุติได้ภายใน 15 วัน (ตัวอย่าง)", nameEn: "Complaints closed within 15 days (demo)", unit: "ร้อยละ", direction: "higher" } });
  await recordObservations({ ctx, input: { programmeId: id, outcomeId: closed.id, isDemo: true, rows: generatePanel("PILOT-2567|complaints", { base: 72, unitSd: 5, trend: 0.3, periodSd: 1, noiseSd: 2.5, effect: 4, decimals: 1, min: 0, max: 100 }, members(DESIGN_2567), quarters, start).filter((r) => r.periodEnd <= today).map((r) => ({ ...r, source: "ศูนย์ดำรงธรรมจังหวัด (ตัวอย่าง)" })) } });

  for (const p of DESIGN_2567.pilots) {
    if ("2024-11-15" <= today) await grantIncentive({ ctx, input: { programmeId: id, id: `${id}-budget-${p}`, isDemo: true, provinceCode: p, kind: "staff-development-budget", descriptionTh: "งบประมาณสนับสนุนการพัฒนาบุคลากรของจังหวัดนำร่อง (ตัวอย่าง)", amount: 1_500_000, grantedOn: "2024-11-15" } });
    if ("2025-04-01" <= today) await grantIncentive({ ctx, input: { programmeId: id, id: `${id}-quota-${p}`, isDemo: true, provinceCode: p, kind: "salary-step-quota", descriptionTh: "เพิ่มโควตาการเลื่อนเงินเดือนกรณีพิเศษสำหรับข้าราชการในจังหวัดนำร่อง (ตัวอย่าง)", amount: 10, unit: "ราย", grantedOn: "2025-04-01" } });
  }
}

/**
 * Three sandboxes, dated from the day the demo is seeded (T) so their states hold on any day: Chiang Rai's
 * burning-control sandbox lapses at T + 40 days (the reminder shows), Khon Kaen's digital permits run to T + 312,
 * Ubon Ratchathani's border one-stop inspection lapsed at T − 22 without being ended (it reads as expired).
 */
async function seedSandboxes(ctx: Ctx, today: string) {
  const T = (days: number) => addDays(today, days);
  const cr = strategyOffice("57", "เชียงราย");
  const crStart = T(40 - 730);
  await createSandbox({
    ctx: as(ctx, cr),
    input: {
      id: "demo-sandbox-57-haze",
      isDemo: true,
      provinceCode: "57",
      nameTh: "พื้นที่ทดลองการควบคุมการเผาและหมอกควันข้ามแดน จังหวัดเชียงราย (ตัวอย่าง)",
      nameEn: "Chiang Rai cross-border burning and haze control sandbox (demo)",
      scopeTh: "อำเภอแม่สาย เชียงแสน แม่ฟ้าหลวง และเวียงแก่น: ห้ามเผาในที่โล่งช่วงฤดูไฟป่า จองการเผาผ่านระบบของจังหวัด และประสานการดับไฟกับเมืองท่าขี้เหล็กและแขวงบ่อแก้วผ่านคณะทำงานร่วม",
      legalBasisTh: "พระราชกฤษฎีกาว่าด้วยการบริหารราชการเชิงพื้นที่แบบบูรณาการ พ.ศ. 2565 (ตัวอย่างการอ้างอิง)",
      rules: [
        { ruleTh: "หลักเกณฑ์การใช้เงินทดรองราชการเพื่อช่วยเหลือผู้ประสบภัยพิบัติกรณีฉุกเฉิน", change: "modified", detailTh: "ให้ผู้ว่าราชการจังหวัดใช้เงินทดรองราชการเพื่อทำแนวกันไฟและจ้างอาสาสมัครเฝ้าระวังได้ก่อนประกาศเขตภัยพิบัติ (ตัวอย่าง)" },
        { ruleTh: "การขออนุญาตเผาในที่โล่งรายแปลงต่ออำเภอ", change: "modified", detailTh: "ใช้ระบบจองการเผาระดับจังหวัดแทนการยื่นคำขอรายอำเภอ (ตัวอย่าง)" },
        { ruleTh: "การทำความตกลงกับหน่วยงานต่างประเทศต้องผ่านส่วนกลางทุกครั้ง", change: "waived", detailTh: "ให้คณะทำงานร่วมระดับจังหวัดตกลงแผนดับไฟร่วมกับเมืองชายแดนเพื่อนบ้านได้ในขอบเขตที่กระทรวงการต่างประเทศเห็นชอบไว้ (ตัวอย่าง)" },
      ],
      startsOn: crStart,
      expiresOn: T(40),
    },
  });
  const crCtx = as(ctx, cr);
  await recordSandboxResult({ ctx: crCtx, input: { sandboxId: "demo-sandbox-57-haze", id: "demo-sbr-57-1", isDemo: true, measuredOn: T(40 - 365), indicatorTh: "จุดความร้อนสะสมในพื้นที่ทดลอง", value: 1480, unit: "จุด", baseline: 2310, noteTh: "ปีแรก (ตัวอย่าง)" } });
  await recordSandboxResult({ ctx: crCtx, input: { sandboxId: "demo-sandbox-57-haze", id: "demo-sbr-57-2", isDemo: true, measuredOn: T(-53), indicatorTh: "จุดความร้อนสะสมในพื้นที่ทดลอง", value: 1120, unit: "จุด", baseline: 2310, noteTh: "ปีที่สอง (ตัวอย่าง)" } });
  await recordSandboxResult({ ctx: crCtx, input: { sandboxId: "demo-sandbox-57-haze", id: "demo-sbr-57-3", isDemo: true, measuredOn: T(-53), indicatorTh: "จำนวนวันที่ค่า PM2.5 เกินมาตรฐาน (อำเภอแม่สาย)", value: 41, unit: "วัน", baseline: 88, noteTh: "(ตัวอย่าง)" } });

  const kk = strategyOffice("40", "ขอนแก่น");
  const kkStart = T(-600);
  await createSandbox({
    ctx: as(ctx, kk),
    input: {
      id: "demo-sandbox-40-permits",
      isDemo: true,
      provinceCode: "40",
      nameTh: "พื้นที่ทดลองใบอนุญาตดิจิทัล จังหวัดขอนแก่น (ตัวอย่าง)",
      nameEn: "Khon Kaen digital-permit sandbox (demo)",
      scopeTh: "ใบอนุญาตก่อสร้างอาคาร ใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร และหนังสือรับรองการแจ้ง ในเขตเทศบาลนครขอนแก่นและเทศบาลเมืองบ้านไผ่ ยื่น ชำระค่าธรรมเนียม และรับใบอนุญาตทางออนไลน์ทั้งหมด",
      legalBasisTh: "พระราชกฤษฎีกาว่าด้วยการบริหารราชการเชิงพื้นที่แบบบูรณาการ พ.ศ. 2565 (ตัวอย่างการอ้างอิง)",
      rules: [
        { ruleTh: "การยื่นสำเนาบัตรประจำตัวประชาชนและทะเบียนบ้านประกอบคำขอ", change: "waived", detailTh: "ตรวจสอบผ่านระบบเชื่อมโยงข้อมูลภาครัฐแทน (ตัวอย่าง)" },
        { ruleTh: "การลงนามในใบอนุญาตและการมารับด้วยตนเอง", change: "modified", detailTh: "ใช้ลายมือชื่ออิเล็กทรอนิกส์และส่งใบอนุญาตทางอิเล็กทรอนิกส์ (ตัวอย่าง)" },
        { ruleTh: "ระยะเวลาพิจารณาใบอนุญาตก่อสร้างอาคาร 45 วัน", change: "modified", detailTh: "ลดเหลือ 15 วันทำการเมื่อใช้แบบมาตรฐาน (ตัวอย่าง)" },
      ],
      startsOn: kkStart,
      expiresOn: T(312),
    },
  });
  const kkCtx = as(ctx, kk);
  await recordSandboxResult({ ctx: kkCtx, input: { sandboxId: "demo-sandbox-40-permits", id: "demo-sbr-40-1", isDemo: true, measuredOn: T(-235), indicatorTh: "ระยะเวลาออกใบอนุญาตก่อสร้างอาคาร (มัธยฐาน)", value: 21, unit: "วัน", baseline: 45, noteTh: "(ตัวอย่าง)" } });
  await recordSandboxResult({ ctx: kkCtx, input: { sandboxId: "demo-sandbox-40-permits", id: "demo-sbr-40-2", isDemo: true, measuredOn: T(-53), indicatorTh: "ระยะเวลาออกใบอนุญาตก่อสร้างอาคาร (มัธยฐาน)", value: 12, unit: "วัน", baseline: 45, noteTh: "(ตัวอย่าง)" } });
  await recordSandboxResult({ ctx: kkCtx, input: { sandboxId: "demo-sandbox-40-permits", id: "demo-sbr-40-3", isDemo: true, measuredOn: T(-53), indicatorTh: "สัดส่วนคำขอที่ยื่นออนไลน์", value: 71, unit: "ร้อยละ", baseline: 8, noteTh: "(ตัวอย่าง)" } });

  const ub = strategyOffice("34", "อุบลราชธานี");
  const ubStart = T(-22 - 730);
  // recorded as of its start: a sandbox that has already lapsed cannot be created today
  await createSandbox({
    ctx: onDay(as(ctx, ub), ubStart),
    input: {
      id: "demo-sandbox-34-border",
      isDemo: true,
      provinceCode: "34",
      nameTh: "พื้นที่ทดลองจุดตรวจเบ็ดเสร็จด่านพรมแดนช่องเม็ก (ตัวอย่าง)",
      nameEn: "Chong Mek border one-stop inspection sandbox (demo)",
      scopeTh: "ด่านพรมแดนช่องเม็ก อำเภอสิรินธร: ตรวจปล่อยสินค้าเกษตรและผู้เดินทางร่วมกันครั้งเดียวโดยศุลกากร ตรวจคนเข้าเมือง และด่านตรวจพืช",
      legalBasisTh: "พระราชกฤษฎีกาว่าด้วยการบริหารราชการเชิงพื้นที่แบบบูรณาการ พ.ศ. 2565 (ตัวอย่างการอ้างอิง)",
      rules: [
        { ruleTh: "การตรวจสินค้าแยกตามหน่วยงาน ณ จุดตรวจของแต่ละหน่วย", change: "modified", detailTh: "ตรวจร่วม ณ จุดเดียว ผลการตรวจของหน่วยหนึ่งใช้แทนกันได้ (ตัวอย่าง)" },
        { ruleTh: "เอกสารกำกับสินค้าเกษตรฉบับกระดาษ", change: "waived", detailTh: "รับใบรับรองอิเล็กทรอนิกส์แทน (ตัวอย่าง)" },
      ],
      startsOn: ubStart,
      expiresOn: T(-22),
    },
  });
  await recordSandboxResult({ ctx: as(ctx, ub), input: { sandboxId: "demo-sandbox-34-border", id: "demo-sbr-34-1", isDemo: true, measuredOn: T(-30), indicatorTh: "เวลาตรวจปล่อยรถบรรทุกสินค้าเกษตร (เฉลี่ย)", value: 2.5, unit: "ชั่วโมง", baseline: 6, noteTh: "(ตัวอย่าง)" } });
}

/** Seeds the demo pilots and sandboxes, each only into its own empty tables. */
export async function seedPilotsDemo({ ctx }: { ctx: Ctx }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const today = todayOf(tx);
    const [{ n: programmes }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(pilotProgrammes)) as [{ n: number }];
    if (programmes === 0) {
      const opdc = as(tx, OPDC);
      await seedProgramme2544(opdc, today);
      await seedProgramme2567(opdc, today);
      await writeAudit(tx, { action: "performance.pilot.seed.demo", entityType: "pilot-programme", entityId: "demo", after: { programmes: 2, generator: "demo-random.ts (mulberry32, FNV-1a keys)" } });
    }
    const [{ n: boxes }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(sandboxes)) as [{ n: number }];
    if (boxes === 0) {
      await seedSandboxes(tx, today);
      await writeAudit(tx, { action: "performance.sandbox.seed.demo", entityType: "sandbox", entityId: "demo", after: { sandboxes: 3, datedFrom: today } });
    }
  });
}
