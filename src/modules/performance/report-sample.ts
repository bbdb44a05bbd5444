/**
 * A made-up round report (ตัวอย่าง, isDemo) for both scoring schemes: what scripts/render-sample-report.ts
 * renders for maintainers to look at, and what the report tests check against the scoring engine.
 * The KPIs, targets and results are plausible, not official.
 */
import type { RoundReport } from "./report-model.js";
import { FiveLevelScheme, PbPtScheme, scoreRound, type BilingualText, type Round, type ScoredItem } from "./scoring.js";

type SampleKpi = { code: string; nameTh: string; nameEn: string; unit: string; direction: "higher-is-better" | "lower-is-better"; targets: number[]; result: number | null };

const KPIS: SampleKpi[] = [
  { code: "57-ENV-01", nameTh: "จำนวนจุดความร้อนสะสมในพื้นที่ป่าและพื้นที่เกษตรกรรมลดลง", nameEn: "Cumulative hotspots in forest and farmland", unit: "จุด", direction: "lower-is-better", targets: [3200, 2800, 2400, 2100, 1800], result: 2380 },
  { code: "57-ENV-02", nameTh: "จำนวนวันที่ค่าฝุ่นละอองขนาดไม่เกิน 2.5 ไมครอน (PM2.5) เกินค่ามาตรฐาน", nameEn: "Days with PM2.5 above the national standard", unit: "วัน", direction: "lower-is-better", targets: [70, 60, 50, 40, 30], result: 44 },
  { code: "57-ECO-01", nameTh: "ร้อยละที่เพิ่มขึ้นของรายได้จากการท่องเที่ยวของจังหวัด", nameEn: "Growth of the province's tourism revenue", unit: "ร้อยละ", direction: "higher-is-better", targets: [2, 4, 6, 8, 10], result: 7.25 },
  { code: "57-AGR-01", nameTh: "ผลผลิตกาแฟอะราบิกาที่ได้รับการรับรองมาตรฐานการปฏิบัติทางการเกษตรที่ดี (GAP)", nameEn: "Arabica coffee output certified to Good Agricultural Practice", unit: "ตัน", direction: "higher-is-better", targets: [800, 900, 1000, 1100, 1200], result: 1150 },
  { code: "57-SOC-01", nameTh: "ร้อยละของผู้สูงอายุที่ได้รับการคัดกรองสุขภาพและภาวะพึ่งพิงในชุมชน", nameEn: "Older people screened for health and dependency in their community", unit: "ร้อยละ", direction: "higher-is-better", targets: [80, 85, 90, 95, 100], result: 92.4 },
  { code: "57-GOV-01", nameTh: "ระยะเวลาเฉลี่ยในการแก้ไขเรื่องร้องเรียนของประชาชนผ่านศูนย์ดำรงธรรมจังหวัด", nameEn: "Average time to resolve citizens' complaints at the Damrongdhama Centre", unit: "วัน", direction: "lower-is-better", targets: [30, 25, 20, 15, 10], result: null },
];

const STEPS_TH = ["แต่งตั้งคณะทำงานและจัดทำแผนปฏิบัติการ", "จัดเวทีรับฟังความคิดเห็นของประชาชนครบทุกอำเภอ", "ดำเนินโครงการนำร่องในพื้นที่เป้าหมาย", "ติดตามและประเมินผลโครงการนำร่อง", "ขยายผลและรายงานต่อคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ"];
const STEPS_EN = ["Working group appointed and action plan drawn up", "Public hearings held in every district", "Pilot carried out in the target areas", "Pilot monitored and evaluated", "Scaled up and reported to the provincial integrated committee"];

// Extra KPIs for a long report: Chiang Rai's 18 districts × two indicators, so 30 items span pages.
const DISTRICTS: [string, string][] = [
  ["เมืองเชียงราย", "Mueang Chiang Rai"], ["เวียงชัย", "Wiang Chai"], ["เชียงของ", "Chiang Khong"], ["เทิง", "Thoeng"], ["พาน", "Phan"], ["ป่าแดด", "Pa Daet"],
  ["แม่จัน", "Mae Chan"], ["เชียงแสน", "Chiang Saen"], ["แม่สาย", "Mae Sai"], ["แม่สรวย", "Mae Suai"], ["เวียงป่าเป้า", "Wiang Pa Pao"], ["พญาเม็งราย", "Phaya Mengrai"],
  ["เวียงแก่น", "Wiang Kaen"], ["ขุนตาล", "Khun Tan"], ["แม่ฟ้าหลวง", "Mae Fa Luang"], ["แม่ลาว", "Mae Lao"], ["เวียงเชียงรุ้ง", "Wiang Chiang Rung"], ["ดอยหลวง", "Doi Luang"],
];
const DISTRICT_KPIS = [
  { th: (d: string) => `ร้อยละของครัวเรือนในอำเภอ${d}ที่ผ่านเกณฑ์ความจำเป็นพื้นฐาน (จปฐ.)`, en: (d: string) => `Households in ${d} district meeting the basic minimum needs` },
  { th: (d: string) => `ร้อยละของหมู่บ้านในอำเภอ${d}ที่ผ่านเกณฑ์หมู่บ้านมั่นคงปลอดภัยจากยาเสพติด`, en: (d: string) => `Villages in ${d} district certified drug-safe` },
];

/** Weights in basis points that sum to `total` exactly (the engine refuses anything else). */
function split(total: number, n: number): number[] {
  const each = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => (i === 0 ? total - each * (n - 1) : each));
}

function fiveLevelItems(count: number): { items: ScoredItem[]; results: Record<string, number | null>; info: RoundReport["itemInfo"] } {
  const base = KPIS.map((k) => ({ ...k }));
  const milestone = { code: "57-STR-01", nameTh: "ระดับความสำเร็จของการขับเคลื่อนแผนพัฒนาจังหวัดด้านการบริหารจัดการน้ำแบบมีส่วนร่วม", nameEn: "Progress of the participatory water-management plan", result: 3 };
  const extra = Array.from({ length: Math.max(0, count - base.length - 1) }, (_, i) => ({
    code: `57-DIS-${String(i + 1).padStart(2, "0")}`,
    nameTh: DISTRICT_KPIS[Math.floor(i / DISTRICTS.length) % 2]!.th(DISTRICTS[i % DISTRICTS.length]![0]),
    nameEn: DISTRICT_KPIS[Math.floor(i / DISTRICTS.length) % 2]!.en(DISTRICTS[i % DISTRICTS.length]![1]),
    unit: "ร้อยละ",
    direction: "higher-is-better" as const,
    targets: [90, 92, 94, 96, 98],
    result: 90 + ((i * 37) % 90) / 10,
  }));
  const numeric = [...base, ...extra];
  const weights = numeric.length === 6 ? [2000, 1500, 1500, 1000, 1500, 1000, 1500] : split(10_000, numeric.length + 1);
  const items: ScoredItem[] = numeric.map((k, i) => ({
    id: k.code,
    nameTh: k.nameTh,
    nameEn: k.nameEn,
    weight: weights[i]! / 10_000,
    criteria: { kind: "five-level-numeric", direction: k.direction, levels: k.targets as [number, number, number, number, number], unit: k.unit },
  }));
  items.push({
    id: milestone.code,
    nameTh: milestone.nameTh,
    nameEn: milestone.nameEn,
    weight: weights[numeric.length]! / 10_000,
    criteria: { kind: "five-level-milestone", steps: STEPS_TH.map((th, i) => ({ th, en: STEPS_EN[i]! })) as [BilingualText, BilingualText, BilingualText, BilingualText, BilingualText] },
  });
  const results: Record<string, number | null> = Object.fromEntries(numeric.map((k) => [k.code, k.result]));
  results[milestone.code] = milestone.result;
  const info: RoundReport["itemInfo"] = Object.fromEntries(numeric.map((k) => [k.code, { kpiCode: k.code, unit: k.unit }]));
  info[milestone.code] = { kpiCode: milestone.code, unit: "ขั้น" };
  return { items, results, info };
}

function pbPtItems(): { items: ScoredItem[]; results: Record<string, number | null>; info: RoundReport["itemInfo"] } {
  const perf = KPIS.slice(0, 5);
  const weights = [1500, 1500, 1500, 1500, 1000];
  const items: ScoredItem[] = perf.map((k, i) => ({
    id: k.code,
    nameTh: k.nameTh,
    nameEn: k.nameEn,
    weight: weights[i]! / 10_000,
    component: "performance",
    criteria: { kind: "tiered", direction: k.direction, targets: { threshold: k.targets[0]!, standard: k.targets[2]!, challenge: k.targets[4]! }, unit: k.unit },
  }));
  const potential = [
    { code: "PT-01", nameTh: "การพัฒนาองค์การสู่ระบบราชการ 4.0 และการบริหารจัดการภาครัฐ (PMQA)", nameEn: "Public-sector management quality (PMQA, Thailand 4.0)", points: 82.5 },
    { code: "PT-02", nameTh: "การขับเคลื่อนการพัฒนารัฐบาลดิจิทัลและการให้บริการประชาชนผ่านช่องทางออนไลน์", nameEn: "Digital government and online public services", points: 74 },
    { code: "PT-03", nameTh: "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)", nameEn: "Integrity and Transparency Assessment (ITA)", points: 91.25 },
  ];
  for (const p of potential) items.push({ id: p.code, nameTh: p.nameTh, nameEn: p.nameEn, weight: 0.1, component: "potential", criteria: { kind: "assessed" } });
  const results: Record<string, number | null> = Object.fromEntries(perf.map((k) => [k.code, k.result]));
  for (const p of potential) results[p.code] = p.points;
  const info: RoundReport["itemInfo"] = Object.fromEntries(perf.map((k) => [k.code, { kpiCode: k.code, unit: k.unit }]));
  for (const p of potential) info[p.code] = { kpiCode: null, unit: "คะแนน" };
  return { items, results, info };
}

/** A sample round report of Chiang Rai's (made-up) FY 2569 agreement; `items` sets the five-level list's length (≥ 7). */
export function sampleRoundReport(opts: { scheme: "five-level" | "pb-pt"; round?: Round; items?: number; generatedAt?: string }): RoundReport {
  const round = opts.round ?? 6;
  const { items, results, info } = opts.scheme === "five-level" ? fiveLevelItems(Math.max(7, opts.items ?? 7)) : pbPtItems();
  const scheme = opts.scheme === "five-level" ? FiveLevelScheme.parse({ type: "five-level" }) : PbPtScheme.parse({ type: "pb-pt" });
  const periodEnd = { 6: "2026-03-31", 9: "2026-06-30", 12: "2026-09-30" }[round];
  const dueDate = { 6: "2026-04-30", 9: "2026-07-31", 12: "2026-10-30" }[round];
  return {
    agreement: {
      id: `sample-agreement-57-2569-${opts.scheme}`,
      titleTh: "คำรับรองการปฏิบัติราชการของจังหวัดเชียงราย ประจำปีงบประมาณ พ.ศ. 2569 (ตัวอย่าง)",
      titleEn: "Performance agreement of Chiang Rai province, fiscal year 2026 (sample)",
      fiscalYear: 2569,
      kind: "provincial",
      areaNameTh: "จังหวัดเชียงราย",
      areaNameEn: "Chiang Rai",
      provinceCode: "57",
      parties: [
        { role: "ผู้รับคำรับรอง / Evaluator", nameTh: "ปลัดกระทรวงมหาดไทย (ตัวอย่าง)", nameEn: "Permanent Secretary for the Interior (sample)" },
        { role: "ผู้ทำคำรับรอง / Agreeing party", nameTh: "ผู้ว่าราชการจังหวัดเชียงราย (ตัวอย่าง)", nameEn: "Governor of Chiang Rai (sample)" },
      ],
      status: "signed",
      version: 1,
      signedAt: "2025-10-15T03:00:00Z",
      schemeType: opts.scheme,
      isDemo: true,
    },
    round: {
      round,
      periodEnd,
      dueDate,
      status: "submitted",
      selfAssessmentTh:
        "ในรอบการประเมินนี้ จังหวัดเชียงรายดำเนินการตามแผนปฏิบัติราชการได้ตามเป้าหมายเกือบทุกตัวชี้วัด โดยเฉพาะการลดจุดความร้อนสะสมซึ่งลดลงจากปีก่อนอย่างชัดเจน เนื่องจากการบังคับใช้มาตรการห้ามเผาในช่วงวิกฤตหมอกควันและการสนับสนุนเครื่องจักรกลทางการเกษตรแก่เกษตรกร" +
        (results["57-GOV-01"] === null
          ? "\nอย่างไรก็ตาม ตัวชี้วัดด้านระยะเวลาการแก้ไขเรื่องร้องเรียนยังไม่ได้รายงานผล เนื่องจากอยู่ระหว่างปรับปรุงระบบฐานข้อมูลของศูนย์ดำรงธรรมจังหวัด คาดว่าจะรายงานได้ในรอบถัดไป"
          : ""),
      evidence: [
        { name: "รายงานจุดความร้อนจากดาวเทียม (GISTDA) ไตรมาส 2 (ตัวอย่าง)", url: "https://example.invalid/evidence/hotspots-q2.pdf" },
        { name: "สรุปคุณภาพอากาศรายวัน จ.เชียงราย (ตัวอย่าง)", url: null },
        { name: "รายงานการประชุมคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ ครั้งที่ 2/2569 (ตัวอย่าง)", url: null },
      ],
      closedAt: null,
    },
    itemInfo: info,
    score: scoreRound({ scheme, items }, round, results),
    generatedAt: opts.generatedAt ?? "2026-05-02T07:30:00Z",
    generatedByName: "กลุ่มงานยุทธศาสตร์ จ.เชียงราย (ตัวอย่าง)",
  };
}
