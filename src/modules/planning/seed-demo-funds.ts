import { eq } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.js";
import type { RoleId } from "../../platform/auth/policy.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { addDays } from "../../platform/thai/dates.js";
import { changeMatchingStatus } from "./change-matching-status.js";
import { createMatchingFund } from "./create-matching-fund.js";
import { createProject } from "./create-project.js";
import { decideEmergencyRequest } from "./decide-emergency-request.js";
import { todayOf } from "./funds-rules.js";
import { recordLeftoverFund } from "./record-leftover-fund.js";
import { recordMatchingEntry } from "./record-matching-entry.js";
import { screenEmergencyRequest } from "./screen-emergency-request.js";
import { submitEmergencyRequest } from "./submit-emergency-request.js";
import { procurementContracts, procurementParties, procurements, projects } from "./tables.js";

const FY = 2570;
const PROVINCE_TH: Record<string, string> = { "34": "อุบลราชธานี", "31": "บุรีรัมย์", "40": "ขอนแก่น", "57": "เชียงราย", "76": "เพชรบุรี" };
/** A fictitious person of the demo acting in a post (the name says so). */
const demoActor = (role: RoleId, scope: string, name: string): Actor => ({ kind: "user", id: `demo-funds:${role}:${scope}`, name: `${name} (ตัวอย่าง)`, grants: [{ role, scope }] });
const as = (ctx: Ctx, a: Actor): Ctx => ({ ...ctx, actor: a });
const governorOf = (p: string) => demoActor("governor", `area:province:${p}`, `ผู้ว่าราชการจังหวัด${PROVINCE_TH[p]}`);
const strategyOf = (p: string) => demoActor("strategy_officer", `area:province:${p}`, `สำนักงานจังหวัด${PROVINCE_TH[p]} กลุ่มงานยุทธศาสตร์`);
const screeners = demoActor("administrator", "nation", "คณะทำงานกลั่นกรองงบกลาง");
const dpmOffice = demoActor("deputy_pm_office", "nation", "สำนักงานรองนายกรัฐมนตรี");

type DemoProject = { code: string; province: string; owner: string; titleTh: string; titleEn: string; amount: number; area: string };

const PROJECTS: DemoProject[] = [
  { code: "DEMO-FUNDS-76-01", province: "76", owner: "pro:76:agricultural-extension", titleTh: "ส่งเสริมการผลิตมะนาวแป้นเพชรบุรีคุณภาพ", titleEn: "Quality Phetchaburi lime production", amount: 5_000_000, area: "760101" },
  { code: "DEMO-FUNDS-76-02", province: "76", owner: "pro:76:agricultural-extension", titleTh: "แปลงเรียนรู้การปลูกชมพู่เพชรสายรุ้งแบบปลอดภัย", titleEn: "Learning plots for safe rose-apple growing", amount: 450_000, area: "760102" },
  { code: "DEMO-FUNDS-76-03", province: "76", owner: "pro:76:agricultural-extension", titleTh: "ศูนย์จัดการศัตรูพืชชุมชนอำเภอเมืองเพชรบุรี", titleEn: "Community pest-management centre, Mueang Phetchaburi", amount: 300_000, area: "760103" },
  { code: "DEMO-FUNDS-76-04", province: "76", owner: "pro:76:public-works-town-planning", titleTh: "ก่อสร้างเขื่อนป้องกันตลิ่งริมแม่น้ำเพชรบุรี", titleEn: "Riverbank protection on the Phetchaburi River", amount: 8_000_000, area: "760101" },
  { code: "DEMO-FUNDS-76-05", province: "76", owner: "pro:76:public-works-town-planning", titleTh: "ปรับปรุงภูมิทัศน์ถนนเลียบแม่น้ำเพชรบุรี", titleEn: "Riverside road landscaping, Phetchaburi", amount: 600_000, area: "760102" },
  { code: "DEMO-FUNDS-76-06", province: "76", owner: "pro:76:public-works-town-planning", titleTh: "ระบบระบายน้ำชุมชนร่วมกับองค์การบริหารส่วนจังหวัดเพชรบุรี", titleEn: "Community drainage with the Phetchaburi PAO", amount: 0, area: "760104" },
  { code: "DEMO-FUNDS-40-01", province: "40", owner: "pro:40:public-works-town-planning", titleTh: "ถนนเชื่อมแหล่งท่องเที่ยวร่วมกับองค์การบริหารส่วนจังหวัดขอนแก่น", titleEn: "Tourism link road with the Khon Kaen PAO", amount: 0, area: "400101" },
];

/** Emergency requests of FY 2570: [province, title, amount, status to reach]. 92 M approved, then 3.5 + 4.5 M reach the cap exactly and the next goes to the PM. */
const EMERGENCY: [string, string, number, "approved" | "screened" | "submitted" | "referred" | "rejected"][] = [
  ["57", "ซ่อมแซมสะพานและถนนที่เสียหายจากอุทกภัยอำเภอแม่สาย", 25_000_000, "approved"],
  ["34", "ขุดลอกลำน้ำและซ่อมคันกั้นน้ำมูลหลังน้ำท่วมใหญ่", 30_000_000, "approved"],
  ["31", "แจกจ่ายน้ำอุปโภคบริโภคและขุดบ่อบาดาลในพื้นที่ภัยแล้ง", 18_000_000, "approved"],
  ["40", "ฟื้นฟูบ้านเรือนที่เสียหายจากพายุฤดูร้อน", 12_000_000, "approved"],
  ["76", "ซ่อมแซมถนนเลียบชายฝั่งที่ถูกคลื่นกัดเซาะ", 7_000_000, "approved"],
  ["76", "เครื่องสูบน้ำและกระสอบทรายรับมือน้ำหลากแม่น้ำเพชรบุรี", 3_500_000, "screened"],
  ["34", "ซ่อมแซมฝายและประตูระบายน้ำที่ชำรุดจากอุทกภัย", 4_500_000, "screened"],
  ["40", "ควบคุมโรคลัมปีสกินในโคกระบือ", 2_000_000, "screened"],
  ["57", "ฟื้นฟูพื้นที่ดินโคลนถล่มบ้านผาหมี", 150_000_000, "referred"],
  ["31", "จัดซื้อรถดับเพลิงสำหรับเทศบาลตำบล", 6_000_000, "rejected"],
  ["57", "อพยพและดูแลผู้ประสบภัยหมอกควันไฟป่า", 1_500_000, "submitted"],
];
const SUBDISTRICT: Record<string, string> = { "76": "760101", "57": "570101", "34": "340101", "31": "310101", "40": "400101" };

/**
 * The funds demo: leftover funds of two agencies in Phetchaburi (the governor may reallocate the agricultural
 * extension office's only to its own activities), matching funds in Phetchaburi and Khon Kaen, and FY 2570
 * emergency requests that bring the demo deputy PM to 92 M approved with three screened requests waiting.
 * Demo projects are created through createProject; their procurement rows are inserted directly (the procurement
 * part owns those use cases). Idempotent: skipped once DEMO-FUNDS-76-01 exists.
 */
export async function seedDemoFunds({ ctx }: { ctx: Ctx }): Promise<void> {
  const [done] = await ctx.db.select({ id: projects.id }).from(projects).where(eq(projects.code, "DEMO-FUNDS-76-01")).limit(1);
  if (done) return;
  const today = todayOf(ctx);
  const ids = new Map<string, string>();
  for (const p of PROJECTS) {
    const created = await createProject({
      ctx: as(ctx, strategyOf(p.province)),
      input: {
        id: p.code.toLowerCase(),
        isDemo: true,
        code: p.code,
        fiscalYear: FY,
        provinceCode: p.province,
        origin: "agency",
        ownerOrgId: p.owner,
        titleTh: p.titleTh,
        titleEn: p.titleEn,
        goalIds: [`prov:${p.province}:goal:1.1`],
        areaCodes: [p.area],
        budgetLines: p.amount > 0 ? [{ source: "function", amount: p.amount }] : [],
        startDate: "2026-10-15",
        endDate: "2027-09-15",
      },
    });
    ids.set(p.code, created.id);
  }

  // procurements that met their goal (contract signed): the leftover is the budget less the contract
  const procure = async (code: string, stage: string, contract: number, supplier: string) => {
    const p = PROJECTS.find((x) => x.code === code)!;
    const id = `demo-funds-proc-${code.toLowerCase()}`;
    await withTransaction(ctx, async (tx) => {
      await tx.db.insert(procurements).values({ id, ocid: `ocds-demo-funds-${code.toLowerCase()}`, projectId: ids.get(code)!, provinceCode: p.province, fiscalYear: FY, buyerOrgId: p.owner, titleTh: `จัดจ้าง${p.titleTh}`, method: "open", methodDetailsTh: "e-bidding", category: "works", plannedValue: p.amount.toFixed(2), tenderValue: p.amount.toFixed(2), tenderStart: "2026-10-20", tenderEnd: "2026-11-03", stage, isDemo: true, createdBy: "demo" });
      await tx.db.insert(procurementParties).values({ id: `${id}-supplier`, procurementId: id, provinceCode: p.province, nameTh: supplier, role: "supplier", bidAmount: contract.toFixed(2) });
      await tx.db.insert(procurementContracts).values({ id: `${id}-contract`, procurementId: id, provinceCode: p.province, supplierPartyId: `${id}-supplier`, awardAmount: contract.toFixed(2), awardDate: "2026-11-06", contractNo: `${code}/2570`, contractAmount: contract.toFixed(2), signedOn: "2026-11-10", periodStart: "2026-11-15", periodEnd: "2027-06-30", status: "active" });
      await writeAudit(tx, { action: "planning.seed.demo-funds", entityType: "procurement", entityId: id, provinceCode: p.province, after: { projectCode: code, stage, contract } });
    });
  };
  await procure("DEMO-FUNDS-76-01", "implementation", 3_650_000, "ห้างหุ้นส่วนจำกัด ตัวอย่างเกษตรภัณฑ์ (ตัวอย่าง)");
  await procure("DEMO-FUNDS-76-04", "contract", 7_100_000, "บริษัท สมมุติการโยธา จำกัด (ตัวอย่าง)");
  await recordLeftoverFund({ ctx: as(ctx, strategyOf("76")), input: { id: "demo-funds-leftover-76-doae", isDemo: true, projectId: ids.get("DEMO-FUNDS-76-01")!, amount: 1_350_000, recordedOn: addDays(today, -5), noteTh: "ประกวดราคาได้ต่ำกว่าวงเงินงบประมาณ" } });
  await recordLeftoverFund({ ctx: as(ctx, strategyOf("76")), input: { id: "demo-funds-leftover-76-dpt", isDemo: true, projectId: ids.get("DEMO-FUNDS-76-04")!, amount: 900_000, recordedOn: addDays(today, -3), noteTh: "เหลือจ่ายจากการจัดจ้างก่อสร้างเขื่อนป้องกันตลิ่ง" } });

  // matching funds: Phetchaburi agreed and half transferred; Khon Kaen only proposed
  const m76 = await createMatchingFund({ ctx: as(ctx, strategyOf("76")), input: { id: "demo-funds-matching-76", isDemo: true, projectId: ids.get("DEMO-FUNDS-76-06")!, localGovOrgId: "pao:76", provinceShare: 2_400_000, localShare: 1_600_000 } });
  await changeMatchingStatus({ ctx: as(ctx, governorOf("76")), input: { id: m76.id, action: "agree", on: addDays(today, -20) } });
  for (const [party, kind, amount] of [["province", "commitment", 2_400_000], ["local", "commitment", 1_600_000], ["province", "transfer", 1_200_000], ["local", "transfer", 1_600_000]] as const) {
    await recordMatchingEntry({ ctx: as(ctx, strategyOf("76")), input: { id: m76.id, party, kind, amount, entryOn: addDays(today, -10), referenceTh: kind === "transfer" ? "ใบโอนเงินตัวอย่าง" : "บันทึกข้อตกลงตัวอย่าง" } });
  }
  await createMatchingFund({ ctx: as(ctx, strategyOf("40")), input: { id: "demo-funds-matching-40", isDemo: true, projectId: ids.get("DEMO-FUNDS-40-01")!, localGovOrgId: "pao:40", provinceShare: 5_000_000, localShare: 3_000_000 } });

  // emergency central fund FY 2570
  let k = 0;
  for (const [p, title, amount, target] of EMERGENCY) {
    const id = `demo-funds-emergency-${String(++k).padStart(2, "0")}`;
    await submitEmergencyRequest({ ctx: as(ctx, governorOf(p)), input: { id, isDemo: true, provinceCode: p, titleTh: title, amount, justificationTh: `${title} เนื่องจากเป็นกรณีฉุกเฉินที่งบประมาณของจังหวัดและส่วนราชการไม่เพียงพอ (ข้อมูลตัวอย่าง)`, areaCodes: [SUBDISTRICT[p]!], urgency: amount > 20_000_000 ? "immediate" : "urgent", submittedOn: addDays(today, -30 + k) } });
    if (target === "submitted") continue;
    await screenEmergencyRequest({ ctx: as(ctx, screeners), input: { id, recommendation: target === "rejected" ? "not_support" : "support", recommendedAmount: target === "rejected" ? undefined : amount, noteTh: target === "rejected" ? "ใช้งบประมาณขององค์กรปกครองส่วนท้องถิ่นได้" : "เห็นควรสนับสนุนตามความจำเป็นเร่งด่วน" } });
    if (target === "screened") continue;
    await decideEmergencyRequest({ ctx: as(ctx, dpmOffice), input: { id, decision: target === "approved" ? "approve" : target === "referred" ? "refer" : "reject", noteTh: target === "referred" ? "วงเงินเกินอำนาจรองนายกรัฐมนตรี เสนอนายกรัฐมนตรีพิจารณา" : "" } });
  }
}
