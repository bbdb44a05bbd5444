import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/auth/actor.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { searchText } from "../../platform/thai/segment.js";
import { lookupAreas, lookupOrganizations } from "../registry/index.js";
import type { BudgetSource, ProjectOrigin } from "./contracts.js";
import { consolidatePlan } from "./consolidate-plan.js";
import { agencyOf } from "./project-rules.js";
import { requestAmendment } from "./request-amendment.js";
import { plans, projectBudgetLines, projectMilestones, projects } from "./tables.js";

type Line = [BudgetSource, string | null, number];
/** n: serial in the code; o: owner (office type under pro:<p>:, or "pao"); t: Thai title; a: subdistrict codes; l: budget lines; g: goal; k: KPI */
type P = { n: number; o: string; t: string; e: string; a: string[]; l: Line[]; g: string; k?: string; origin?: ProjectOrigin; lower?: "d1" | "d2" | "s" };
type Province = { code: string; d1: string; d2: string; s: string; fy69: P[]; fy70: P[] };

const F = (dept: string, amount: number): Line => ["function", dept, amount];
const PROV = (p: string, amount: number): Line => ["province", `prov:${p}`, amount];
const LOCAL = (p: string, amount: number): Line => ["local", `pao:${p}`, amount];
const CL = (p: string, amount: number): Line => ["cluster", `prov:${p}`, amount];
const MATCH = (p: string, amount: number): Line => ["matching", `pao:${p}`, amount];

/** Realistic proposals (demo, not official) per pilot province: FY 2569 approved and running, FY 2570 proposed. */
const PROVINCES: Province[] = [
  {
    code: "76", d1: "7601", d2: "7602", s: "760104",
    fy69: [
      { n: 1, o: "natural-resources-environment", t: "ก่อสร้างระบบคัดแยกและแปรรูปขยะมูลฝอยชุมชนเมืองเพชรบุรี", e: "Sorting and recycling plant for Phetchaburi municipal waste", a: ["760101", "760102"], l: [PROV("76", 8_500_000), LOCAL("76", 2_000_000)], g: "1.1", k: "demo-kpi-76-1" },
      { n: 2, o: "local-administration", t: "ธนาคารขยะชุมชนต้นแบบ 30 ชุมชน", e: "Community waste banks in 30 model communities", a: ["760101", "760103", "760201"], l: [PROV("76", 1_200_000), MATCH("76", 600_000)], g: "1.2", k: "demo-kpi-76-3" },
      { n: 3, o: "agricultural-extension", t: "ส่งเสริมการปลูกมะนาวแป้นเพชรบุรีแบบปลอดภัย", e: "Safe cultivation of Phetchaburi Paen limes", a: ["760201", "760202"], l: [F("moac.doae", 2_350_000), PROV("76", 500_000)], g: "1.2" },
      { n: 4, o: "public-works-town-planning", t: "ปรับปรุงภูมิทัศน์ริมแม่น้ำเพชรบุรีเพื่อการท่องเที่ยว", e: "Riverside landscaping on the Phetchaburi River for tourism", a: ["760101"], l: [F("moi.dpt", 12_000_000), PROV("76", 3_000_000)], g: "1.1" },
      { n: 5, o: "tourism-sports", t: "พัฒนาเส้นทางท่องเที่ยวชุมชนปลอดขยะเขาย้อย", e: "Zero-waste community tourism route in Khao Yoi", a: ["760201", "760203"], l: [PROV("76", 1_800_000)], g: "1.2", k: "demo-kpi-76-3" },
      { n: 6, o: "energy", t: "ติดตั้งไฟฟ้าส่องสว่างพลังงานแสงอาทิตย์ในชุมชน", e: "Solar street lighting in communities", a: ["760104", "760204"], l: [F("moen.ops", 4_200_000)], g: "1.1" },
    ],
    fy70: [
      { n: 1, o: "natural-resources-environment", t: "ก่อสร้างโรงงานผลิตเชื้อเพลิงขยะ (RDF) จังหวัดเพชรบุรี", e: "Refuse-derived fuel plant for Phetchaburi", a: ["760102"], l: [PROV("76", 15_000_000), LOCAL("76", 5_000_000)], g: "1.1", k: "demo-kpi-76-1" },
      { n: 2, o: "local-administration", t: "ขยายผลธนาคารขยะชุมชนตำบลท่าราบ", e: "Scaling up the community waste bank of Tha Rap", a: ["760101"], l: [PROV("76", 900_000), MATCH("76", 300_000)], g: "1.2", k: "demo-kpi-76-3" },
      { n: 3, o: "agricultural-extension", t: "เพิ่มมูลค่าผลผลิตมะนาวแป้นและชมพู่เพชรสายรุ้ง", e: "Adding value to Paen limes and Phet Sai Rung rose apples", a: ["760201"], l: [F("moac.doae", 1_900_000)], g: "1.2" },
      { n: 4, o: "rural-roads", t: "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านหนองปลาไหล หมู่ 3 ตำบลนาพันสาม", e: "Concrete road to Ban Nong Pla Lai, Moo 3, Na Phan Sam", a: ["760104"], l: [F("mot.drr", 6_400_000)], g: "1.1" },
      { n: 11, o: "community-development", t: "ก่อสร้างถนน คสล. สายบ้านหนองปลาไหล หมู่ที่ 3", e: "Concrete road, Ban Nong Pla Lai Moo 3 (subdistrict proposal)", a: ["760104"], l: [LOCAL("76", 2_800_000)], g: "1.1", origin: "subdistrict", lower: "s" },
      { n: 12, o: "community-development", t: "จัดตั้งธนาคารขยะชุมชน ตำบลท่าราบ", e: "A community waste bank for Tha Rap (district proposal)", a: ["760101"], l: [LOCAL("76", 250_000)], g: "1.2", origin: "district", lower: "d1" },
      { n: 13, o: "provincial-administration", t: "ธนาคารขยะในโรงเรียน ตำบลท่าราบ", e: "Waste banks in schools, Tha Rap (district proposal)", a: ["760101"], l: [LOCAL("76", 180_000)], g: "1.2", origin: "district", lower: "d1" },
      { n: 14, o: "community-development", t: "ขุดลอกคลองส่งน้ำเพื่อการเกษตรบ้านทับคาง", e: "Dredging the irrigation canal of Ban Thap Khang (district proposal)", a: ["760204"], l: [LOCAL("76", 1_100_000)], g: "1.2", origin: "district", lower: "d2" },
    ],
  },
  {
    code: "40", d1: "4001", d2: "4003", s: "400104",
    fy69: [
      { n: 1, o: "provincial-office", t: "พัฒนาระบบบริการประชาชนดิจิทัลจังหวัดขอนแก่น (Khon Kaen Digital Province)", e: "Khon Kaen Digital Province citizen services", a: [], l: [PROV("40", 9_800_000), CL("40", 2_500_000)], g: "1.1", k: "demo-kpi-40-1" },
      { n: 2, o: "provincial-administration", t: "ระบบอนุญาตอิเล็กทรอนิกส์ (e-Permit) ระดับอำเภอ", e: "Electronic permits (e-Permit) in every district", a: ["400101", "400301"], l: [F("moi.dopa", 3_600_000)], g: "1.1", k: "demo-kpi-40-3" },
      { n: 3, o: "statistics", t: "ศูนย์ข้อมูลจังหวัดเพื่อการบริหารเชิงพื้นที่ (Provincial Data Center)", e: "Provincial data centre for area-based management", a: [], l: [F("mdes.nso", 2_100_000), PROV("40", 800_000)], g: "1.2" },
      { n: 4, o: "public-health", t: "โทรเวชกรรมในโรงพยาบาลส่งเสริมสุขภาพตำบล", e: "Telemedicine in subdistrict health-promoting hospitals", a: ["400102", "400103", "400302"], l: [F("moph.ops", 5_400_000)], g: "1.2", k: "demo-kpi-40-2" },
      { n: 5, o: "education", t: "ห้องเรียนดิจิทัลโรงเรียนขยายโอกาส", e: "Digital classrooms in extended-opportunity schools", a: ["400201", "400202"], l: [F("moe.ops", 3_200_000), LOCAL("40", 1_000_000)], g: "1.2" },
      { n: 6, o: "commerce", t: "ยกระดับผ้าไหมขอนแก่นสู่ตลาดออนไลน์", e: "Khon Kaen silk on online markets", a: ["400301"], l: [F("moc.ops", 1_500_000)], g: "1.2" },
    ],
    fy70: [
      { n: 1, o: "provincial-office", t: "แพลตฟอร์มบริการประชาชนแบบเบ็ดเสร็จออนไลน์จังหวัดขอนแก่น ระยะที่ 2", e: "One-stop online citizen service platform, phase 2", a: [], l: [PROV("40", 7_500_000)], g: "1.1", k: "demo-kpi-40-1" },
      { n: 2, o: "public-health", t: "ขยายโทรเวชกรรมสู่ อสม. ตำบลท่าพระ", e: "Telemedicine for village health volunteers in Tha Phra", a: ["400104"], l: [F("moph.ops", 1_200_000)], g: "1.2" },
      { n: 3, o: "rural-roads", t: "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านโนนทัน หมู่ 5 ตำบลท่าพระ", e: "Concrete road to Ban Non Than, Moo 5, Tha Phra", a: ["400104"], l: [F("mot.drr", 4_800_000)], g: "1.2" },
      { n: 4, o: "education", t: "อินเทอร์เน็ตความเร็วสูงในโรงเรียนพื้นที่ห่างไกล", e: "Fast internet for remote schools", a: ["400301", "400302"], l: [F("moe.ops", 2_600_000)], g: "1.1" },
      { n: 11, o: "community-development", t: "ก่อสร้างถนน คสล. สายบ้านโนนทัน หมู่ที่ 5 ตำบลท่าพระ", e: "Concrete road, Ban Non Than Moo 5 (subdistrict proposal)", a: ["400104"], l: [LOCAL("40", 2_100_000)], g: "1.2", origin: "subdistrict", lower: "s" },
      { n: 12, o: "provincial-administration", t: "จุดบริการอินเทอร์เน็ตตำบล (Wi-Fi ชุมชน) อำเภอเมืองขอนแก่น", e: "Community Wi-Fi points in Mueang Khon Kaen (district proposal)", a: ["400101", "400102"], l: [LOCAL("40", 650_000)], g: "1.1", origin: "district", lower: "d1" },
      { n: 13, o: "community-development", t: "อินเทอร์เน็ตความเร็วสูงในโรงเรียนห่างไกล อำเภอพระยืน", e: "Fast internet for remote schools in Phra Yuen (district proposal)", a: ["400301"], l: [LOCAL("40", 900_000)], g: "1.1", origin: "district", lower: "d2" },
    ],
  },
  {
    code: "31", d1: "3101", d2: "3103", s: "310103",
    fy69: [
      { n: 1, o: "provincial-administration", t: "ไกล่เกลี่ยและปรับโครงสร้างหนี้นอกระบบจังหวัดบุรีรัมย์", e: "Mediating and restructuring informal debt in Buriram", a: [], l: [F("moi.dopa", 2_400_000), PROV("31", 600_000)], g: "1.1", k: "demo-kpi-31-1" },
      { n: 2, o: "cooperative-promotion", t: "สินเชื่อสหกรณ์เพื่อชำระหนี้นอกระบบ", e: "Cooperative credit to repay informal debt", a: ["310101", "310301"], l: [F("moac.cpd", 3_000_000)], g: "1.2", k: "demo-kpi-31-3" },
      { n: 3, o: "community-development", t: "ส่งเสริมอาชีพครัวเรือนที่ปรับโครงสร้างหนี้", e: "Livelihoods for households whose debts were restructured", a: ["310102", "310103", "310302"], l: [F("moi.cdd", 1_800_000), LOCAL("31", 400_000)], g: "1.2" },
      { n: 4, o: "tourism-sports", t: "พัฒนาเส้นทางท่องเที่ยวเชิงกีฬารอบสนามช้างอารีนา", e: "Sports tourism routes around Chang Arena", a: ["310101", "310104"], l: [F("mots.ops", 6_000_000), PROV("31", 2_000_000)], g: "1.2" },
      { n: 5, o: "culture", t: "อนุรักษ์และฟื้นฟูปราสาทหินพนมรุ้งเพื่อการท่องเที่ยว", e: "Conserving Phanom Rung for tourism", a: [], l: [F("mculture.ops", 4_500_000)], g: "1.2" },
    ],
    fy70: [
      { n: 1, o: "provincial-administration", t: "คลินิกแก้หนี้นอกระบบเคลื่อนที่ทุกอำเภอ", e: "Mobile informal-debt clinics in every district", a: [], l: [F("moi.dopa", 1_900_000)], g: "1.1", k: "demo-kpi-31-1" },
      { n: 2, o: "community-development", t: "กองทุนหมู่บ้านปลอดหนี้นอกระบบ ตำบลเสม็ด", e: "Informal-debt-free village funds in Samet", a: ["310103"], l: [F("moi.cdd", 800_000)], g: "1.2" },
      { n: 3, o: "labour", t: "ฝึกทักษะอาชีพแรงงานคืนถิ่นอำเภอกระสัง", e: "Skills for returning workers in Krasang", a: ["310301", "310302"], l: [F("mol.ops", 1_100_000)], g: "1.2" },
      { n: 11, o: "community-development", t: "กองทุนหมู่บ้านปลอดหนี้นอกระบบ ตำบลเสม็ด อำเภอเมืองบุรีรัมย์", e: "Village funds free of informal debt, Samet (subdistrict proposal)", a: ["310103"], l: [LOCAL("31", 500_000)], g: "1.2", origin: "subdistrict", lower: "s" },
      { n: 12, o: "provincial-administration", t: "ศูนย์ไกล่เกลี่ยข้อพิพาทหนี้สินประจำตำบล อำเภอกระสัง", e: "Subdistrict debt-mediation centres in Krasang (district proposal)", a: ["310301"], l: [LOCAL("31", 300_000)], g: "1.1", origin: "district", lower: "d2" },
    ],
  },
  {
    code: "34", d1: "3401", d2: "3403", s: "340301",
    fy69: [
      { n: 1, o: "commerce", t: "พัฒนาศูนย์กระจายสินค้าชายแดนช่องเม็ก", e: "Chong Mek border distribution centre", a: [], l: [F("moc.ops", 7_200_000), CL("34", 3_000_000)], g: "1.1", k: "demo-kpi-34-1" },
      { n: 2, o: "industry", t: "ยกระดับผู้ประกอบการ SMEs ชายแดนสู่ตลาด สปป.ลาว", e: "Border SMEs into the Lao market", a: [], l: [F("mind.ops", 2_200_000)], g: "1.1", k: "demo-kpi-34-2" },
      { n: 3, o: "provincial-office", t: "ระบบคิวรถบรรทุกอัจฉริยะ ณ ด่านช่องเม็ก", e: "Smart truck queueing at Chong Mek", a: [], l: [PROV("34", 4_600_000)], g: "1.2", k: "demo-kpi-34-3" },
      { n: 4, o: "tourism-sports", t: "พัฒนาแหล่งท่องเที่ยวผาแต้มและสามพันโบก", e: "Pha Taem and Sam Phan Bok tourism sites", a: ["340301", "340302"], l: [F("mots.ops", 5_000_000), LOCAL("34", 1_000_000)], g: "1.1" },
      { n: 5, o: "public-works-town-planning", t: "ปรับปรุงถนนเชื่อมด่านช่องเม็ก–อำเภอสิรินธร", e: "Upgrading the Chong Mek–Sirindhorn road", a: [], l: [F("moi.dpt", 14_000_000)], g: "1.2" },
    ],
    fy70: [
      { n: 1, o: "commerce", t: "ตลาดการค้าชายแดนออนไลน์อุบลราชธานี–จำปาสัก", e: "Ubon–Champasak online border market", a: [], l: [F("moc.ops", 1_600_000)], g: "1.1", k: "demo-kpi-34-1" },
      { n: 2, o: "tourism-sports", t: "ปรับปรุงจุดชมวิวผาแต้ม อำเภอโขงเจียม", e: "Pha Taem viewpoint, Khong Chiam", a: ["340301"], l: [F("mots.ops", 2_400_000)], g: "1.1" },
      { n: 3, o: "agricultural-extension", t: "ส่งเสริมการปลูกข้าวหอมมะลิอินทรีย์เพื่อการส่งออก", e: "Organic jasmine rice for export", a: ["340101", "340104"], l: [F("moac.doae", 1_700_000)], g: "1.1" },
      { n: 11, o: "community-development", t: "ปรับปรุงจุดชมวิวผาแต้ม ตำบลโขงเจียม", e: "Pha Taem viewpoint upgrade (subdistrict proposal)", a: ["340301"], l: [LOCAL("34", 700_000)], g: "1.1", origin: "subdistrict", lower: "s" },
      { n: 12, o: "provincial-administration", t: "ลานค้าชุมชนริมโขง อำเภอโขงเจียม", e: "Mekong riverside community market, Khong Chiam (district proposal)", a: ["340302"], l: [LOCAL("34", 450_000)], g: "1.1", origin: "district", lower: "d2" },
    ],
  },
  {
    code: "57", d1: "5701", d2: "5703", s: "570103",
    fy69: [
      { n: 1, o: "natural-resources-environment", t: "ลดจุดความร้อนและไฟป่าด้วยเครือข่ายชุมชนจังหวัดเชียงราย", e: "Fewer hotspots and forest fires through community networks", a: ["570101", "570103", "570301"], l: [F("mnre.ops", 6_500_000), PROV("57", 2_500_000)], g: "1.1", k: "demo-kpi-57-hotspots" },
      { n: 2, o: "agricultural-extension", t: "ส่งเสริมการไถกลบตอซังแทนการเผาในพื้นที่ข้าวโพด", e: "Ploughing stubble in instead of burning on maize land", a: ["570301", "570302"], l: [F("moac.doae", 3_400_000)], g: "2.1" },
      { n: 3, o: "public-health", t: "ห้องปลอดฝุ่นในโรงพยาบาลส่งเสริมสุขภาพตำบล", e: "Dust-free rooms in subdistrict health hospitals", a: ["570101", "570102"], l: [F("moph.ops", 2_200_000), LOCAL("57", 500_000)], g: "1.2", k: "demo-kpi-57-pm25days" },
      { n: 4, o: "disaster-prevention-mitigation", t: "จัดหาอุปกรณ์ดับไฟป่าให้อาสาสมัครหมู่บ้าน", e: "Fire-fighting kit for village volunteers", a: [], l: [F("moi.ddpm", 1_900_000)], g: "1.1" },
      { n: 5, o: "land-transport", t: "ตรวจวัดควันดำรถบรรทุกในเขตเมืองเชียงราย", e: "Black-smoke checks on trucks in Chiang Rai town", a: ["570101"], l: [F("mot.dlt", 700_000)], g: "1.2" },
    ],
    fy70: [
      { n: 1, o: "natural-resources-environment", t: "ระบบแจ้งเตือนจุดความร้อนและขออนุญาตเผาผ่านแอปพลิเคชัน", e: "Hotspot alerts and burn permits through an app", a: [], l: [PROV("57", 3_200_000)], g: "1.1", k: "demo-kpi-57-3" },
      { n: 2, o: "agricultural-extension", t: "เครื่องอัดฟางก้อนสำหรับกลุ่มเกษตรกรตำบลบ้านดู่", e: "Straw balers for farmer groups in Ban Du", a: ["570103"], l: [F("moac.doae", 1_400_000)], g: "2.1" },
      { n: 3, o: "public-health", t: "เครื่องฟอกอากาศในศูนย์พัฒนาเด็กเล็ก", e: "Air purifiers in early-childhood centres", a: ["570101", "570102", "570103"], l: [LOCAL("57", 900_000)], g: "1.2" },
      { n: 11, o: "community-development", t: "จัดหาเครื่องอัดฟางก้อนให้กลุ่มเกษตรกร ตำบลบ้านดู่", e: "Straw balers for Ban Du farmers (subdistrict proposal)", a: ["570103"], l: [LOCAL("57", 600_000)], g: "2.1", origin: "subdistrict", lower: "s" },
      { n: 12, o: "provincial-administration", t: "แนวกันไฟชุมชนอำเภอเชียงของ", e: "Community firebreaks in Chiang Khong (district proposal)", a: ["570301", "570304"], l: [LOCAL("57", 380_000)], g: "1.1", origin: "district", lower: "d2" },
    ],
  },
];

const user = (id: string, name: string, grants: Actor["grants"]): Actor => ({ kind: "user", id, name, grants });
export const demoProjectCode = (province: string, fy: number, n: number) => `DEMO-${province}-${fy}-${String(n).padStart(2, "0")}`;

/**
 * Demo One Plan (labelled demo) for the five pilot provinces: FY 2569 plans approved with their projects running
 * (milestones, budget lines by source), FY 2570 province, district and subdistrict plans with proposals, some of
 * them near-duplicates of the province's own (Buriram's already consolidated, the others waiting for the strategy
 * office). Fixed codes DEMO-<province>-<year>-<nn> for the other parts to attach money and procurement to.
 * Plans and projects go in bulk (nobody acts on their creation); the amendments go through the use case: one
 * approved in Phetchaburi under P-BUD-004, one waiting for the Budget Bureau in Chiang Rai.
 */
export async function seedDemoPlans({ ctx }: { ctx: Ctx }): Promise<void> {
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(plans).where(sql`${plans.isDemo}`)) as [{ n: number }];
  if (n > 0) return;
  await withTransaction(ctx, async (tx) => {
    const owners = await lookupOrganizations(tx, PROVINCES.flatMap((pv) => [...pv.fy69, ...pv.fy70].map((x) => ownerId(pv.code, x.o))));
    const planRows: (typeof plans.$inferInsert)[] = [];
    const projectRows: (typeof projects.$inferInsert)[] = [];
    const lineRows: (typeof projectBudgetLines.$inferInsert)[] = [];
    const msRows: (typeof projectMilestones.$inferInsert)[] = [];
    const areaRefs = await lookupAreas(tx, PROVINCES.flatMap((pv) => [`province:${pv.code}`, `district:${pv.d1}`, `district:${pv.d2}`, `subdistrict:${pv.s}`]));
    const names = new Map([...areaRefs].map(([id, a]) => [id, a.nameTh]));
    const stamp = new Date("2025-06-15T03:00:00Z");
    for (const pv of PROVINCES) {
      for (const fy of [2569, 2570]) {
        const approved = fy === 2569;
        const mk = (level: "province" | "district" | "subdistrict", code: string) => {
          const areaId = `${level}:${code}`;
          const th = { province: "แผนพัฒนาจังหวัด", district: "แผนพัฒนาอำเภอ", subdistrict: "แผนพัฒนาตำบล" }[level];
          const en = { province: "Provincial development plan", district: "District development plan", subdistrict: "Subdistrict development plan" }[level];
          const id = `plan-${level}-${code}-${fy}`;
          planRows.push({ id, fiscalYear: fy, level, areaId, provinceCode: pv.code, titleTh: `${th}${names.get(areaId) ?? code} ปีงบประมาณ พ.ศ. ${fy} (ตัวอย่าง)`, titleEn: `${en}, ${code}, FY ${fy} (demo)`, status: approved ? "approved" : "draft", approvedOn: approved && level === "province" ? "2025-09-26" : null, approvedBy: approved && level === "province" ? "ผู้ว่าราชการจังหวัด (ตัวอย่าง)" : null, isDemo: true, createdAt: stamp, updatedAt: stamp });
          return id;
        };
        const provPlan = mk("province", pv.code);
        const lower = { d1: mk("district", pv.d1), d2: mk("district", pv.d2), s: mk("subdistrict", pv.s) };
        const list = approved ? pv.fy69 : pv.fy70;
        let rank = 0;
        for (const x of list) {
          const id = `demo-proj-${pv.code}-${fy}-${String(x.n).padStart(2, "0")}`;
          const code = demoProjectCode(pv.code, fy, x.n);
          const owner = owners.get(ownerId(pv.code, x.o))!;
          const total = x.l.reduce((s, l) => s + l[2], 0);
          // FY 2569: the first two run, the third is done, the rest are approved and waiting for money
          const status = approved ? (x.n <= 2 ? "in_progress" : x.n === 3 ? "completed" : "approved") : x.lower ? "proposed" : "prioritised";
          projectRows.push({
            id, code, fiscalYear: fy, planId: x.lower ? lower[x.lower] : provPlan, provinceCode: pv.code, origin: x.origin ?? "agency", ownerOrgId: owner.id, agencyId: agencyOf(owner),
            titleTh: `${x.t} (ตัวอย่าง)`, titleEn: `${x.e} (demo)`, objectiveTh: `เพื่อบรรลุเป้าหมายของจังหวัด: ${x.t}`, areaCodes: x.a, goalIds: [`prov:${pv.code}:goal:${x.g}`],
            outcomes: x.k ? [{ kpiId: x.k, kind: "outcome", unitTh: "ตามตัวชี้วัด" }] : [], priority: x.lower ? null : ++rank, status, totalBudget: total.toFixed(2),
            startDate: `${fy - 544}-11-01`, endDate: `${fy - 543}-09-15`, approvedOn: approved ? "2025-09-26" : null, searchText: searchText(code, x.t, x.e, owner.nameTh), isDemo: true, createdBy: "demo", createdAt: stamp, updatedAt: stamp,
          });
          x.l.forEach(([source, funder, amount], k) => lineRows.push({ id: `${id}-line-${k + 1}`, projectId: id, provinceCode: pv.code, fiscalYear: fy, source, funderOrgId: funder, amount: amount.toFixed(2), noteTh: "" }));
          if (approved) {
            const steps: [string, string, string, boolean][] = [
              ["ลงนามสัญญาจ้าง", "Contract signed", "2025-12-15", true],
              ["ส่งมอบงานงวดที่ 1", "First instalment delivered", "2026-03-31", x.n <= 3],
              ["ส่งมอบงานงวดสุดท้ายและตรวจรับ", "Final delivery and acceptance", "2026-08-31", x.n === 3],
            ];
            steps.forEach(([th, en, due, done], k) => msRows.push({ id: `${id}-ms-${k + 1}`, projectId: id, provinceCode: pv.code, titleTh: th, titleEn: en, dueOn: due, doneOn: done ? due : null, sortOrder: k }));
          }
        }
      }
    }
    await tx.db.insert(plans).values(planRows);
    await tx.db.insert(projects).values(projectRows);
    await tx.db.insert(projectBudgetLines).values(lineRows);
    await tx.db.insert(projectMilestones).values(msRows);
    await writeAudit(tx, { action: "planning.seed.demo-plans", entityType: "plan", entityId: "demo", after: { plans: planRows.length, projects: projectRows.map((p) => p.code) } });

    // Buriram FY 2570: already consolidated by its strategy office (the flags show on the plan page)
    await consolidatePlan({ ctx: { ...tx, actor: user("demo-strategy-31", "กลุ่มงานยุทธศาสตร์ จ.บุรีรัมย์ (ตัวอย่าง)", [{ role: "strategy_officer", scope: "area:province:31" }]) }, input: { planId: "plan-province-31-2570" } });
    // Phetchaburi: the governor moves the waste plant's dates and adds the PAO's share, under the Budget Bureau's instrument
    const govPb = user("demo-governor-76", "ผู้ว่าราชการจังหวัดเพชรบุรี (ตัวอย่าง)", [{ role: "governor", scope: "area:province:76" }]);
    await requestAmendment({
      ctx: { ...tx, actor: govPb },
      input: { id: "demo-amend-76-01", projectId: "demo-proj-76-2569-01", reasonTh: "ผู้รับจ้างส่งมอบพื้นที่ก่อสร้างล่าช้าจากน้ำท่วม ขยายระยะเวลาและเพิ่มงบสมทบจาก อบจ. เพื่อเพิ่มสายการคัดแยก (ตัวอย่าง)", changes: { endDate: "2026-12-31", budgetLines: [{ source: "province", funderOrgId: "prov:76", amount: 8_500_000 }, { source: "local", funderOrgId: "pao:76", amount: 3_000_000 }] } },
    });
    // Chiang Rai: no instrument for P-BUD-004, so the amendment waits for the Budget Bureau
    const govCr = user("demo-governor-57", "ผู้ว่าราชการจังหวัดเชียงราย (ตัวอย่าง)", [{ role: "governor", scope: "area:province:57" }]);
    await requestAmendment({
      ctx: { ...tx, actor: govCr },
      input: { id: "demo-amend-57-01", projectId: "demo-proj-57-2569-01", reasonTh: "ขยายพื้นที่ดำเนินการไปยังตำบลสถาน อำเภอเชียงของ ซึ่งมีจุดความร้อนเพิ่มขึ้น (ตัวอย่าง)", changes: { areaCodes: ["570101", "570103", "570301", "570302"] } },
    });
  });
}

const ownerId = (p: string, o: string) => (o === "pao" ? `pao:${p}` : `pro:${p}:${o}`);
