import { inArray, sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.js";
import type { RoleId } from "../../platform/auth/policy.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { assignAgenda } from "./assign-agenda.js";
import type { HppTool, ProposalContent, ProposalItem, ProposalKpi } from "./contracts.js";
import { reviewProposal } from "./review-proposal.js";
import { saveProposal } from "./save-proposal.js";
import { submitProposal } from "./submit-proposal.js";
import { agendaAssignments, strategyNodes } from "./tables.js";

const who = (id: string, name: string, role: RoleId, scope: string): Actor => ({ kind: "user", id, name, grants: [{ role, scope }] });
const DPM = who("demo-seed-dpm", "สำนักงานรองนายกรัฐมนตรี (ตัวอย่าง)", "deputy_pm_office", "nation");
const MOI = who("demo-seed-moi", "เจ้าหน้าที่กระทรวงมหาดไทย (ตัวอย่าง)", "ministry_officer", "org:moi");
const OPDC = who("demo-seed-opdc", "ผู้ประเมิน สำนักงาน ก.พ.ร. (ตัวอย่าง)", "opdc_evaluator", "nation");
const governor = (code: string, th: string) => who(`demo-seed-governor-${code}`, `ผู้ว่าราชการจังหวัด${th} (ตัวอย่าง)`, "governor", `area:province:${code}`);
const strategyOffice = (code: string, th: string) => who(`demo-seed-strategy-${code}`, `กลุ่มงานยุทธศาสตร์ จ.${th} (ตัวอย่าง)`, "strategy_officer", `area:province:${code}`);

const items = (prefix: string, xs: [string, string][]): ProposalItem[] => xs.map(([th, en], k) => ({ key: `${prefix}${k + 1}`, textTh: th, textEn: en }));
const tool = (t: HppTool, howTh: string, howEn: string) => ({ tool: t, howTh, howEn });
const kpi = (key: string, nameTh: string, nameEn: string, unit: string, direction: "higher" | "lower", baseline: number, y1: number, y2: number | null): ProposalKpi => ({
  key, nameTh, nameEn, unit, direction, baseline, baselineYear: 2567, year1Target: y1, year2Target: y2,
});

type Step = { at: string; actor: Actor } & ({ do: "save"; content: ProposalContent } | { do: "submit" } | { do: "review"; stage: "moi" | "opdc"; decision: "forward" | "return" | "approve"; comment?: string });
type Pilot = { code: string; provinceTh: string; agendaNodeId: string; titleTh: string; titleEn: string; steps: Step[] };

/** Chiang Rai's proposal as first sent (returned by OPDC), and as revised (approved). */
const CHIANG_RAI_V1: ProposalContent = {
  startYear: 2568,
  goals: items("g", [
    ["ลดจุดความร้อนในพื้นที่ป่าและพื้นที่เกษตรลงอย่างต่อเนื่อง", "Steadily fewer hotspots in forest and farmland"],
    ["ลดจำนวนวันที่ค่าฝุ่น PM2.5 เกินมาตรฐาน", "Fewer days with PM2.5 above the standard"],
  ]),
  methods: items("m", [
    ["บริหารจัดการเชื้อเพลิงและชิงเก็บลดการเผาในพื้นที่ป่า 18 อำเภอ ร่วมกับเครือข่ายอาสาสมัครหมู่บ้าน", "Fuel management and early clearing in the forests of 18 districts, with village volunteer networks"],
    ["ส่งเสริมเกษตรปลอดการเผา รับซื้อซังข้าวโพดและเศษวัสดุการเกษตรไปผลิตพลังงานชีวมวล", "Burn-free farming: buying maize stalks and crop residue for biomass power"],
    ["ความร่วมมือข้ามแดนกับเมียนมาและ สปป.ลาว ผ่านคณะกรรมการชายแดนส่วนท้องถิ่น", "Cross-border cooperation with Myanmar and Lao PDR through the local border committees"],
  ]),
  tools: [
    tool("digital_government", "แดชบอร์ดจุดความร้อนและคุณภาพอากาศแบบเรียลไทม์ที่ศูนย์ปฏิบัติการจังหวัด", "A real-time hotspot and air-quality dashboard at the provincial operation centre"),
    tool("public_innovation", "โมเดล \"ซังข้าวโพดเปลี่ยนเป็นเงิน\" ร่วมกับโรงไฟฟ้าชีวมวลในพื้นที่", "A \"stalks into cash\" model with local biomass power plants"),
  ],
  kpis: [
    kpi("k1", "จำนวนจุดความร้อนสะสมในพื้นที่ป่าและเกษตร", "Cumulative hotspots in forest and farmland", "จุด", "lower", 4200, 3600, 2800),
    kpi("k3", "พื้นที่เกษตรปลอดการเผา", "Burn-free farmland", "ไร่", "higher", 120000, 180000, 250000),
  ],
  benefits: items("b", [
    ["ประชาชนเชียงรายหายใจอากาศสะอาดขึ้น ผู้ป่วยโรคทางเดินหายใจช่วงฤดูฝุ่นลดลง", "Cleaner air for the people of Chiang Rai; fewer respiratory patients in the haze season"],
    ["เกษตรกรมีรายได้เพิ่มจากการขายเศษวัสดุการเกษตรแทนการเผา", "Farmers earn from selling crop residue instead of burning it"],
  ]),
  support: { delegationTh: "มอบอำนาจผู้ว่าราชการจังหวัดประกาศห้ามเผาและสั่งการหน่วยงานส่วนกลางในพื้นที่ในช่วงวิกฤตหมอกควัน", budgetBaht: "45000000.00", personnelCount: null, personnelTh: "" },
};
const CHIANG_RAI_V2: ProposalContent = {
  ...CHIANG_RAI_V1,
  goals: [...CHIANG_RAI_V1.goals, { key: "g3", textTh: "กลุ่มเปราะบาง (เด็กเล็ก ผู้สูงอายุ ผู้ป่วย) ได้รับการป้องกันผลกระทบต่อสุขภาพ", textEn: "Vulnerable people (young children, the elderly, patients) protected from the health effects" }],
  methods: [
    ...CHIANG_RAI_V1.methods,
    { key: "m4", textTh: "ระบบลงทะเบียนขออนุญาตเผาผ่านแอปพลิเคชัน เชื่อมข้อมูลจุดความร้อนจาก GISTDA", textEn: "Burn permits registered through an app, linked to GISTDA hotspot data" },
    { key: "m5", textTh: "ห้องปลอดฝุ่นในศูนย์พัฒนาเด็กเล็กและโรงพยาบาลส่งเสริมสุขภาพตำบลทุกแห่ง", textEn: "Dust-free rooms in every childcare centre and subdistrict health hospital" },
  ],
  tools: [...CHIANG_RAI_V1.tools, tool("open_government", "เปิดข้อมูลจุดความร้อนและการอนุญาตเผารายวันให้ประชาชนตรวจสอบได้", "Daily hotspot and burn-permit data open for citizens to check")],
  kpis: [
    kpi("k1", "จำนวนจุดความร้อนสะสมในพื้นที่ป่าและเกษตร", "Cumulative hotspots in forest and farmland", "จุด", "lower", 4200, 3200, 2100),
    kpi("k2", "จำนวนวันที่ค่า PM2.5 เกินมาตรฐาน", "Days with PM2.5 above the standard", "วัน", "lower", 96, 70, 50),
    CHIANG_RAI_V1.kpis[1]!,
  ],
  benefits: [...CHIANG_RAI_V1.benefits, { key: "b3", textTh: "การท่องเที่ยวฤดูหนาวไม่สะดุดจากหมอกควัน", textEn: "Winter tourism no longer interrupted by haze" }],
  support: { delegationTh: CHIANG_RAI_V1.support.delegationTh, budgetBaht: "38500000.00", personnelCount: 12, personnelTh: "พนักงานดับไฟป่าอัตราจ้าง 12 อัตรา ประจำจุดเสี่ยง" },
};

const PILOTS: Pilot[] = [
  {
    code: "34", provinceTh: "อุบลราชธานี", agendaNodeId: "agenda:ag-border",
    titleTh: "ยกระดับเศรษฐกิจชายแดนด่านช่องเม็ก (ตัวอย่าง)", titleEn: "Growing the Chong Mek border economy (demo)",
    steps: [
      { at: "2024-03-10T03:00:00Z", actor: governor("34", "อุบลราชธานี"), do: "save", content: {
        startYear: 2568,
        goals: items("g", [["มูลค่าการค้าชายแดนผ่านด่านช่องเม็กเพิ่มขึ้นร้อยละ 10 ต่อปี", "Border trade through Chong Mek up 10% a year"], ["ลดเวลาการผ่านแดนของสินค้าและผู้โดยสาร", "Shorter border crossing times for goods and passengers"]]),
        methods: items("m", [
          ["ยกระดับด่านช่องเม็กเป็นจุดตรวจร่วมแบบจุดเดียว (Single Stop Inspection) กับ สปป.ลาว", "A single-stop joint inspection with Lao PDR at Chong Mek"],
          ["พัฒนาผู้ประกอบการ SME ชายแดนให้เข้าถึงตลาด สปป.ลาว และเวียดนาม", "Helping border SMEs into the Lao and Vietnamese markets"],
          ["จัดงานแสดงสินค้าชายแดนอุบลราชธานี–จำปาสักประจำปี", "An annual Ubon Ratchathani–Champasak border trade fair"],
        ]),
        tools: [tool("digital_government", "เชื่อมระบบพิธีการศุลกากรและตรวจคนเข้าเมืองอิเล็กทรอนิกส์", "Electronic customs and immigration systems linked"), tool("public_service_excellence", "ศูนย์บริการผู้ส่งออกแบบเบ็ดเสร็จ ณ ด่าน", "A one-stop exporters' service centre at the crossing")],
        kpis: [
          kpi("k1", "มูลค่าการค้าชายแดนผ่านด่านช่องเม็ก", "Border trade through Chong Mek", "ล้านบาท", "higher", 12500, 13750, 15000),
          kpi("k2", "เวลาเฉลี่ยในการผ่านแดนของรถบรรทุกสินค้า", "Average border crossing time of a goods truck", "นาที", "lower", 95, 70, 45),
        ],
        benefits: items("b", [["ผู้ประกอบการและเกษตรกรชายแดนมีรายได้เพิ่มขึ้น", "Higher incomes for border businesses and farmers"], ["แรงงานในพื้นที่มีงานทำใกล้บ้าน", "Local people find work close to home"]]),
        support: { delegationTh: "มอบอำนาจอนุญาตใช้ที่ราชพัสดุบริเวณด่านเพื่อสร้างลานตรวจสินค้า", budgetBaht: "120000000.00", personnelCount: 6, personnelTh: "เจ้าหน้าที่ด่านตรวจเพิ่ม 6 อัตรา" },
      } },
      { at: "2024-03-15T03:00:00Z", actor: governor("34", "อุบลราชธานี"), do: "submit" },
      { at: "2024-03-25T03:00:00Z", actor: MOI, do: "review", stage: "moi", decision: "forward", comment: "สอดคล้องกับแผนพัฒนาด่านชายแดนของกระทรวง ส่งสำนักงาน ก.พ.ร. พิจารณา" },
      { at: "2024-04-10T03:00:00Z", actor: OPDC, do: "review", stage: "opdc", decision: "approve", comment: "เห็นชอบ ค่าเป้าหมายท้าทายและวัดผลได้" },
    ],
  },
  {
    code: "31", provinceTh: "บุรีรัมย์", agendaNodeId: "agenda:ag-debt",
    titleTh: "บุรีรัมย์ปลอดหนี้นอกระบบ (ตัวอย่าง)", titleEn: "Buriram free of informal debt (demo)",
    steps: [
      { at: "2024-03-18T03:00:00Z", actor: governor("31", "บุรีรัมย์"), do: "save", content: {
        startYear: 2568,
        goals: items("g", [["ลูกหนี้นอกระบบที่ลงทะเบียนได้รับการไกล่เกลี่ยครบทุกราย", "Every registered informal debtor mediated"], ["ครัวเรือนที่ปรับโครงสร้างหนี้มีรายได้เพิ่มขึ้น", "Higher incomes in households whose debts were restructured"]]),
        methods: items("m", [
          ["ตั้งศูนย์ไกล่เกลี่ยหนี้นอกระบบทั้ง 23 อำเภอ", "Informal-debt mediation centres in all 23 districts"],
          ["ประสานธนาคารออมสินและ ธ.ก.ส. เปลี่ยนหนี้นอกระบบเป็นหนี้ในระบบ", "Refinancing informal debt through the Government Savings Bank and BAAC"],
          ["ดำเนินคดีเจ้าหนี้ที่คิดดอกเบี้ยเกินอัตราที่กฎหมายกำหนด", "Prosecuting lenders who charge above the legal rate"],
          ["ฝึกอาชีพและวางแผนการเงินครัวเรือน", "Job training and household financial planning"],
        ]),
        tools: [
          tool("open_government", "แจ้งเบาะแสเจ้าหนี้นอกระบบผ่านศูนย์ดำรงธรรมและสายด่วน 1567", "Tip-offs on informal lenders through the Damrongdhama centres and hotline 1567"),
          tool("public_service_excellence", "บริการไกล่เกลี่ยหนี้แบบจุดเดียวจบ", "Debt mediation in one stop"),
          tool("public_innovation", "คลินิกแก้หนี้เคลื่อนที่ถึงหมู่บ้าน", "Mobile debt clinics in the villages"),
        ],
        kpis: [
          kpi("k1", "ร้อยละของลูกหนี้ที่ลงทะเบียนซึ่งไกล่เกลี่ยสำเร็จ", "Registered debtors successfully mediated", "ร้อยละ", "higher", 41, 70, 90),
          kpi("k2", "มูลหนี้นอกระบบที่แปลงเป็นหนี้ในระบบ", "Informal debt refinanced into formal loans", "ล้านบาท", "higher", 85, 150, 240),
        ],
        benefits: items("b", [["ครัวเรือนพ้นจากดอกเบี้ยเกินกฎหมายและการทวงหนี้ที่ไม่เป็นธรรม", "Households freed from illegal interest and unfair debt collection"], ["ครอบครัวมีเงินเหลือเก็บและมีอาชีพเสริม", "Families save money and gain a second income"]]),
        support: { delegationTh: "มอบอำนาจนายอำเภอเป็นพนักงานเจ้าหน้าที่ไกล่เกลี่ยข้อพิพาทหนี้สิน", budgetBaht: "18000000.00", personnelCount: null, personnelTh: "" },
      } },
      { at: "2024-03-20T03:00:00Z", actor: governor("31", "บุรีรัมย์"), do: "submit" },
    ],
  },
  {
    code: "40", provinceTh: "ขอนแก่น", agendaNodeId: "agenda:ag-digital",
    titleTh: "ขอนแก่นจังหวัดดิจิทัล (ตัวอย่าง)", titleEn: "Khon Kaen digital province (demo)",
    steps: [
      { at: "2024-03-05T03:00:00Z", actor: strategyOffice("40", "ขอนแก่น"), do: "save", content: {
        startYear: 2568,
        goals: items("g", [["งานบริการของส่วนราชการในจังหวัดยื่นคำขอออนไลน์ได้ร้อยละ 80", "80% of provincial services can be applied for online"], ["ประชาชนพึงพอใจบริการดิจิทัลของจังหวัด", "Citizens satisfied with the province's digital services"]]),
        methods: items("m", [
          ["พัฒนาแพลตฟอร์มบริการประชาชนของจังหวัด เชื่อมต่อแอปพลิเคชันทางรัฐ", "A provincial service platform linked to the Tang Rat app"],
          ["บูรณาการข้อมูลของส่วนราชการในจังหวัดเป็นบัญชีข้อมูลจังหวัด (Data Catalog)", "Provincial offices' data integrated into a provincial data catalogue"],
          ["อบรมทักษะดิจิทัลให้ข้าราชการและอาสาสมัครดิจิทัลชุมชน", "Digital skills for officials and community digital volunteers"],
        ]),
        tools: [
          tool("digital_government", "ยื่นคำขอ ชำระเงิน และรับใบอนุญาตออนไลน์", "Apply, pay and receive permits online"),
          tool("open_government", "เปิดข้อมูลจังหวัดตามมาตรฐานข้อมูลเปิดภาครัฐ", "Provincial data published to the government open-data standard"),
          tool("public_service_excellence", "มาตรฐานเวลาให้บริการและการติดตามคำขอ", "Service-time standards and request tracking"),
        ],
        kpis: [
          kpi("k1", "ร้อยละของงานบริการที่ยื่นคำขอออนไลน์ได้", "Services that can be applied for online", "ร้อยละ", "higher", 35, 60, 80),
          kpi("k2", "ความพึงพอใจของประชาชนต่อบริการดิจิทัล", "Citizen satisfaction with digital services", "ร้อยละ", "higher", 72, 80, 85),
          kpi("k3", "จำนวนชุดข้อมูลเปิดของจังหวัด", "Provincial open datasets", "ชุด", "higher", 40, 120, 200),
        ],
        benefits: items("b", [["ประชาชนติดต่อราชการได้ทุกที่ทุกเวลา ลดค่าเดินทาง", "Citizens deal with government anywhere, any time, and save travel costs"], ["ลดเวลารอคอยที่สำนักงาน", "Less waiting at offices"]]),
        support: { delegationTh: "มอบอำนาจจังหวัดจัดหาระบบเทคโนโลยีสารสนเทศวงเงินไม่เกิน 50 ล้านบาท", budgetBaht: "65000000.00", personnelCount: 8, personnelTh: "นักวิทยาการข้อมูลและนักพัฒนาระบบ 8 อัตรา" },
      } },
      { at: "2024-03-12T03:00:00Z", actor: governor("40", "ขอนแก่น"), do: "submit" },
      { at: "2024-03-22T03:00:00Z", actor: MOI, do: "review", stage: "moi", decision: "forward", comment: "ผ่านการกลั่นกรอง ส่งสำนักงาน ก.พ.ร. พิจารณา" },
    ],
  },
  {
    code: "57", provinceTh: "เชียงราย", agendaNodeId: "prov:57:pain",
    titleTh: "เชียงรายอากาศสะอาด แก้ปัญหาหมอกควันและ PM2.5 (ตัวอย่าง)", titleEn: "Clean air for Chiang Rai: haze and PM2.5 (demo)",
    steps: [
      { at: "2024-03-05T03:00:00Z", actor: strategyOffice("57", "เชียงราย"), do: "save", content: CHIANG_RAI_V1 },
      { at: "2024-03-08T03:00:00Z", actor: governor("57", "เชียงราย"), do: "submit" },
      { at: "2024-03-18T03:00:00Z", actor: MOI, do: "review", stage: "moi", decision: "forward", comment: "ผ่านการกลั่นกรองของกระทรวงมหาดไทย ส่งสำนักงาน ก.พ.ร. พิจารณา" },
      {
        at: "2024-04-02T03:00:00Z", actor: OPDC, do: "review", stage: "opdc", decision: "return",
        comment: "ค่าเป้าหมายปีที่ 2 ของจุดความร้อนยังไม่ท้าทายเมื่อเทียบกับแนวโน้มปี 2567 ขอให้ทบทวน เพิ่มตัวชี้วัดผลลัพธ์ด้านคุณภาพอากาศ (จำนวนวันที่ PM2.5 เกินมาตรฐาน) มาตรการดูแลกลุ่มเปราะบาง และทบทวนวงเงินที่ขอให้สอดคล้องกับกิจกรรม",
      },
      { at: "2024-04-10T03:00:00Z", actor: strategyOffice("57", "เชียงราย"), do: "save", content: CHIANG_RAI_V2 },
      { at: "2024-04-12T03:00:00Z", actor: governor("57", "เชียงราย"), do: "submit" },
      { at: "2024-04-18T03:00:00Z", actor: MOI, do: "review", stage: "moi", decision: "forward" },
      { at: "2024-05-02T03:00:00Z", actor: OPDC, do: "review", stage: "opdc", decision: "approve", comment: "เห็นชอบฉบับแก้ไข ค่าเป้าหมายท้าทายขึ้นและมีตัวชี้วัดผลลัพธ์ด้านสุขภาพ" },
    ],
  },
  {
    code: "76", provinceTh: "เพชรบุรี", agendaNodeId: "prov:76:pain",
    titleTh: "เพชรบุรีจัดการขยะมูลฝอยครบวงจร (ตัวอย่าง)", titleEn: "Integrated solid-waste management in Phetchaburi (demo)",
    steps: [
      // a draft still being written: no toolkit, no year-2 target and no benefits yet, so it cannot be submitted
      { at: "2024-03-28T03:00:00Z", actor: strategyOffice("76", "เพชรบุรี"), do: "save", content: {
        startYear: 2568,
        goals: items("g", [["ขยะมูลฝอยได้รับการจัดการอย่างถูกต้องร้อยละ 90", "90% of solid waste properly managed"], ["ปริมาณขยะต่อคนต่อวันลดลง", "Less waste per person per day"]]),
        methods: items("m", [["คัดแยกขยะต้นทางในครัวเรือนและแหล่งท่องเที่ยวชายหาดชะอำ", "Sorting at source in households and on Cha-am beach"], ["ศูนย์กำจัดขยะรวมกลุ่มพื้นที่ร่วมกับองค์กรปกครองส่วนท้องถิ่น", "Shared waste-disposal centres with local governments"]]),
        tools: [],
        kpis: [kpi("k1", "ร้อยละของขยะมูลฝอยที่ได้รับการจัดการอย่างถูกต้อง", "Solid waste properly managed", "ร้อยละ", "higher", 62, 75, null)],
        benefits: [],
        support: { delegationTh: "", budgetBaht: null, personnelCount: null, personnelTh: "" },
      } },
    ],
  },
];

/** Demo: the five 2024 pilots each assigned their agenda, at every stage of the workflow (plausible, not official). */
export async function seedAgendaDemo({ ctx }: { ctx: Ctx; input?: unknown }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(agendaAssignments)) as [{ n: number }];
    if (n > 0) return;
    const present = new Set((await tx.db.select({ id: strategyNodes.id }).from(strategyNodes).where(inArray(strategyNodes.id, PILOTS.map((p) => p.agendaNodeId)))).map((r) => r.id));
    const at = (actor: Actor, when: string): Ctx => ({ ...tx, actor, now: () => new Date(when) });
    const seeded: string[] = [];
    for (const p of PILOTS) {
      if (!present.has(p.agendaNodeId)) continue;
      const id = `demo-agenda-${p.code}`;
      await assignAgenda({ ctx: at(DPM, "2024-02-20T03:00:00Z"), input: { id, isDemo: true, agendaNodeId: p.agendaNodeId, provinceCode: p.code, titleTh: p.titleTh, titleEn: p.titleEn, assignedOn: "2024-02-20" } });
      for (const s of p.steps) {
        const c = at(s.actor, s.at);
        if (s.do === "save") await saveProposal({ ctx: c, input: { id, ...s.content } });
        else if (s.do === "submit") await submitProposal({ ctx: c, input: { id } });
        else await reviewProposal({ ctx: c, input: { id, stage: s.stage, decision: s.decision, comment: s.comment ?? null } });
      }
      seeded.push(p.code);
    }
    await writeAudit(tx, { action: "strategy.seed.agenda-demo", entityType: "agenda-assignment", entityId: "demo", after: { provinces: seeded } });
  });
}
