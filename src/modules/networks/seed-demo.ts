import { inArray } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/auth/actor.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { addDays, bangkokToday } from "../../platform/thai/dates.js";
import { projectIdByCode } from "../planning/index.js";
import type { PartnerKind } from "./contracts.js";
import { createAgreement } from "./create-agreement.js";
import { createPartner } from "./create-partner.js";
import { endAgreement } from "./end-agreement.js";
import { partnerIdByName } from "./lookup-partners.js";
import { recordContribution } from "./record-contribution.js";
import { partnerAgreements, partnerContributions, partners } from "./tables.js";

/** Demo partners that hold seats on Buriram's demo committees (the committees seed names them on the seats). */
export const DEMO_SEAT_PARTNERS = {
  chamber31: "หอการค้าจังหวัดบุรีรัมย์ (ตัวอย่าง)",
  industries31: "สภาอุตสาหกรรมจังหวัดบุรีรัมย์ (ตัวอย่าง)",
  farmers31: "สภาเกษตรกรจังหวัดบุรีรัมย์ (ตัวอย่าง)",
  hotels31: "สมาคมโรงแรมจังหวัดบุรีรัมย์ (ตัวอย่าง)",
} as const;

type DemoPartner = { key: string; kind: PartnerKind; th: string; en: string; website?: string; focusTh: string; focusEn: string };
/** ago/left: days before and after today; ended: ended early that many days ago */
type DemoAgreement = { partner: string; party: string; th: string; en: string; purposeTh: string; purposeEn: string; ago: number; left: number; agendas: string[]; ended?: { ago: number; th: string } };
type DemoContribution = { partner: string; kind: "money" | "in_kind" | "expertise" | "volunteers"; amount?: string; volunteers?: number; ago: number; th: string; en: string; agenda?: string; project?: string; underAgreement?: number };
type DemoProvince = { code: string; partners: DemoPartner[]; agreements: DemoAgreement[]; contributions: DemoContribution[] };

// Websites are under example.org (RFC 2606): real-sounding partners, clearly demo, never a real organisation's address.
const PROVINCES: DemoProvince[] = [
  {
    code: "31",
    partners: [
      { key: "chamber", kind: "private_sector", th: DEMO_SEAT_PARTNERS.chamber31, en: "Buriram Chamber of Commerce (demo)", website: "https://buriram-chamber.example.org", focusTh: "การค้า การลงทุน และการท่องเที่ยวเชิงกีฬา", focusEn: "Trade, investment and sports tourism" },
      { key: "industries", kind: "private_sector", th: DEMO_SEAT_PARTNERS.industries31, en: "Federation of Thai Industries, Buriram chapter (demo)", focusTh: "อุตสาหกรรมแปรรูปการเกษตรและแรงงานฝีมือ", focusEn: "Agro-processing and skilled labour" },
      { key: "rajabhat", kind: "academic", th: "มหาวิทยาลัยราชภัฏบุรีรัมย์ (ตัวอย่าง)", en: "Buriram Rajabhat University (demo)", website: "https://bru.example.org", focusTh: "วิจัยและบริการวิชาการด้านหนี้ครัวเรือนและอาชีพชุมชน", focusEn: "Research and outreach on household debt and community livelihoods" },
      { key: "farmers", kind: "civil_society", th: DEMO_SEAT_PARTNERS.farmers31, en: "Buriram Farmers Council (demo)", focusTh: "ผู้แทนเกษตรกรในการแก้หนี้และพัฒนาอาชีพ", focusEn: "Farmers' voice on debt and livelihoods" },
      { key: "hotels", kind: "private_sector", th: DEMO_SEAT_PARTNERS.hotels31, en: "Buriram Hotels Association (demo)", focusTh: "ที่พักและบริการนักท่องเที่ยวช่วงการแข่งขันกีฬา", focusEn: "Lodging and visitor services during sports events" },
      { key: "savings", kind: "community", th: "เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตตำบลเสม็ด (ตัวอย่าง)", en: "Samet savings-group network (demo)", focusTh: "กลุ่มออมทรัพย์ชุมชนช่วยสมาชิกพ้นหนี้นอกระบบ", focusEn: "Community savings groups helping members out of informal debt" },
    ],
    agreements: [
      { partner: "chamber", party: "prov:31", th: "บันทึกข้อตกลงความร่วมมือส่งเสริมการท่องเที่ยวเชิงกีฬาจังหวัดบุรีรัมย์ (ตัวอย่าง)", en: "MOU on sports tourism in Buriram (demo)", purposeTh: "ร่วมกันพัฒนาเส้นทางท่องเที่ยวรอบสนามช้างอารีนาและสนามแข่งรถ ส่งเสริมผู้ประกอบการท้องถิ่นในช่วงการแข่งขัน", purposeEn: "Develop tourism routes around Chang Arena and the circuit, and help local businesses during events", ago: 680, left: 45, agendas: ["prov:31:pain"] },
      { partner: "rajabhat", party: "prov:31", th: "บันทึกข้อตกลงความร่วมมือทางวิชาการเพื่อแก้ไขปัญหาหนี้ครัวเรือน (ตัวอย่าง)", en: "Academic MOU on household debt (demo)", purposeTh: "มหาวิทยาลัยสนับสนุนข้อมูลหนี้ครัวเรือน นักศึกษาอาสาช่วยคลินิกแก้หนี้ และหลักสูตรความรู้ทางการเงิน", purposeEn: "The university supports household-debt data, student volunteers at debt clinics and a financial literacy course", ago: 300, left: 795, agendas: ["agenda:ag-debt", "prov:31:pain"] },
      { partner: "industries", party: "pro:31:labour", th: "บันทึกข้อตกลงพัฒนาทักษะแรงงานคืนถิ่น (ตัวอย่าง)", en: "MOU on skills for returning workers (demo)", purposeTh: "สถานประกอบการรับแรงงานคืนถิ่นฝึกงานและจ้างงาน", purposeEn: "Member firms take returning workers as trainees and hire them", ago: 760, left: -30, agendas: ["agenda:ag-debt"] },
    ],
    contributions: [
      { partner: "chamber", kind: "money", amount: "350000.00", ago: 200, th: "สนับสนุนงบจัดทำป้ายและแผนที่เส้นทางท่องเที่ยวเชิงกีฬา", en: "Signs and maps for the sports tourism routes", project: "DEMO-31-2569-04", underAgreement: 0 },
      { partner: "hotels", kind: "in_kind", amount: "120000.00", ago: 150, th: "ห้องพักสำหรับทีมงานจัดการแข่งขันและอาสาสมัคร", en: "Rooms for event staff and volunteers", project: "DEMO-31-2569-04" },
      { partner: "rajabhat", kind: "expertise", ago: 120, th: "สำรวจข้อมูลหนี้ครัวเรือน 1,200 ครัวเรือน และวิเคราะห์ผลให้จังหวัด", en: "Household-debt survey of 1,200 households, analysed for the province", agenda: "agenda:ag-debt", project: "DEMO-31-2569-01", underAgreement: 1 },
      { partner: "rajabhat", kind: "volunteers", volunteers: 80, ago: 60, th: "นักศึกษาอาสาช่วยงานคลินิกแก้หนี้เคลื่อนที่", en: "Student volunteers at the mobile debt clinics", agenda: "agenda:ag-debt", underAgreement: 1 },
      { partner: "savings", kind: "money", amount: "250000.00", ago: 90, th: "เงินกองทุนหมุนเวียนให้ครัวเรือนที่ปรับโครงสร้างหนี้", en: "A revolving fund for households whose debts were restructured", agenda: "prov:31:pain", project: "DEMO-31-2569-03" },
      { partner: "industries", kind: "expertise", ago: 400, th: "ครูฝึกจากสถานประกอบการสอนทักษะช่างแก่แรงงานคืนถิ่น", en: "Trainers from member firms teaching trade skills to returning workers", agenda: "agenda:ag-debt", underAgreement: 2 },
    ],
  },
  {
    code: "34",
    partners: [
      { key: "chamber", kind: "private_sector", th: "หอการค้าจังหวัดอุบลราชธานี (ตัวอย่าง)", en: "Ubon Ratchathani Chamber of Commerce (demo)", focusTh: "การค้าชายแดนด่านช่องเม็ก", focusEn: "Border trade at Chong Mek" },
      { key: "university", kind: "academic", th: "มหาวิทยาลัยอุบลราชธานี (ตัวอย่าง)", en: "Ubon Ratchathani University (demo)", focusTh: "โลจิสติกส์และเศรษฐกิจชายแดน", focusEn: "Logistics and the border economy" },
    ],
    agreements: [
      { partner: "chamber", party: "prov:34", th: "บันทึกข้อตกลงยกระดับการค้าชายแดนช่องเม็ก (ตัวอย่าง)", en: "MOU on Chong Mek border trade (demo)", purposeTh: "ร่วมพัฒนาศูนย์กระจายสินค้าและลดเวลาผ่านแดน", purposeEn: "Develop the distribution centre and cut border crossing times", ago: 400, left: 330, agendas: ["agenda:ag-border"] },
    ],
    contributions: [
      { partner: "chamber", kind: "money", amount: "500000.00", ago: 100, th: "ร่วมลงทุนระบบคิวรถบรรทุก", en: "Co-funding the truck queueing system", agenda: "agenda:ag-border", project: "DEMO-34-2569-03", underAgreement: 0 },
      { partner: "university", kind: "expertise", ago: 70, th: "ศึกษาความเป็นไปได้ศูนย์กระจายสินค้า", en: "Feasibility study of the distribution centre", project: "DEMO-34-2569-01" },
    ],
  },
  {
    code: "40",
    partners: [
      { key: "kku", kind: "academic", th: "มหาวิทยาลัยขอนแก่น (ตัวอย่าง)", en: "Khon Kaen University (demo)", focusTh: "เมืองอัจฉริยะและข้อมูลจังหวัด", focusEn: "Smart city and provincial data" },
      { key: "ktd", kind: "private_sector", th: "บริษัท ขอนแก่นพัฒนาเมือง จำกัด (ตัวอย่าง)", en: "Khon Kaen City Development Co., Ltd. (demo)", focusTh: "บริษัทพัฒนาเมืองของภาคเอกชนในจังหวัด", focusEn: "The province's private city development company" },
    ],
    agreements: [
      { partner: "kku", party: "prov:40", th: "บันทึกข้อตกลงความร่วมมือจังหวัดดิจิทัลขอนแก่น (ตัวอย่าง)", en: "MOU on the Khon Kaen digital province (demo)", purposeTh: "ร่วมพัฒนาศูนย์ข้อมูลจังหวัดและบริการประชาชนดิจิทัล", purposeEn: "Build the provincial data centre and digital citizen services together", ago: 500, left: 230, agendas: ["agenda:ag-digital"] },
      { partner: "ktd", party: "pro:40:provincial-office", th: "บันทึกข้อตกลงนำร่องจุดบริการ Wi-Fi ชุมชน (ตัวอย่าง)", en: "MOU on community Wi-Fi pilots (demo)", purposeTh: "นำร่องจุดบริการอินเทอร์เน็ตชุมชน", purposeEn: "Pilot community internet points", ago: 420, left: 310, agendas: ["agenda:ag-digital"], ended: { ago: 40, th: "บริษัทขอยุติเนื่องจากโครงการย้ายไปอยู่กับ อบจ. (ตัวอย่าง)" } },
    ],
    contributions: [
      { partner: "kku", kind: "expertise", ago: 110, th: "ทีมวิศวกรข้อมูลช่วยออกแบบศูนย์ข้อมูลจังหวัด", en: "Data engineers helping design the provincial data centre", agenda: "agenda:ag-digital", project: "DEMO-40-2569-03", underAgreement: 0 },
    ],
  },
  {
    code: "57",
    partners: [
      { key: "mfu", kind: "academic", th: "มหาวิทยาลัยแม่ฟ้าหลวง (ตัวอย่าง)", en: "Mae Fah Luang University (demo)", focusTh: "คุณภาพอากาศและสุขภาพ", focusEn: "Air quality and health" },
      { key: "volunteers", kind: "community", th: "เครือข่ายอาสาดับไฟป่าชุมชนเชียงราย (ตัวอย่าง)", en: "Chiang Rai community forest-fire volunteers (demo)", focusTh: "เฝ้าระวังและดับไฟป่าในชุมชน", focusEn: "Watching for and fighting forest fires in communities" },
    ],
    agreements: [
      { partner: "mfu", party: "prov:57", th: "บันทึกข้อตกลงแก้ไขปัญหาหมอกควันและฝุ่น PM2.5 (ตัวอย่าง)", en: "MOU on haze and PM2.5 (demo)", purposeTh: "ติดตั้งเครื่องวัดฝุ่นและวิเคราะห์จุดความร้อน", purposeEn: "Dust sensors and hotspot analysis", ago: 350, left: 20, agendas: ["prov:57:pain"] },
    ],
    contributions: [
      { partner: "volunteers", kind: "volunteers", volunteers: 240, ago: 300, th: "อาสาสมัครทำแนวกันไฟและเฝ้าระวังช่วงฤดูแล้ง", en: "Volunteers cutting firebreaks and keeping watch in the dry season", agenda: "prov:57:pain", project: "DEMO-57-2569-01" },
      { partner: "mfu", kind: "in_kind", amount: "180000.00", ago: 200, th: "เครื่องวัดฝุ่น PM2.5 จำนวน 30 เครื่อง", en: "30 PM2.5 sensors", agenda: "prov:57:pain", underAgreement: 0 },
    ],
  },
  {
    code: "76",
    partners: [
      { key: "chamber", kind: "private_sector", th: "หอการค้าจังหวัดเพชรบุรี (ตัวอย่าง)", en: "Phetchaburi Chamber of Commerce (demo)", focusTh: "การท่องเที่ยวชุมชนและการจัดการขยะ", focusEn: "Community tourism and waste" },
      { key: "waste", kind: "civil_society", th: "มูลนิธิเพชรบุรีไร้ขยะ (ตัวอย่าง)", en: "Zero-Waste Phetchaburi Foundation (demo)", focusTh: "ธนาคารขยะและการคัดแยกขยะในชุมชน", focusEn: "Waste banks and community sorting" },
    ],
    agreements: [
      { partner: "waste", party: "pro:76:natural-resources-environment", th: "บันทึกข้อตกลงขยายผลธนาคารขยะชุมชน (ตัวอย่าง)", en: "MOU on scaling up community waste banks (demo)", purposeTh: "มูลนิธิช่วยตั้งธนาคารขยะและอบรมแกนนำชุมชน", purposeEn: "The foundation helps set up waste banks and trains community leaders", ago: 250, left: 480, agendas: ["prov:76:pain"] },
    ],
    contributions: [
      { partner: "waste", kind: "expertise", ago: 90, th: "อบรมแกนนำธนาคารขยะ 30 ชุมชน", en: "Training waste-bank leaders in 30 communities", agenda: "prov:76:pain", project: "DEMO-76-2569-02", underAgreement: 0 },
      { partner: "chamber", kind: "money", amount: "200000.00", ago: 45, th: "สนับสนุนถังคัดแยกขยะตามเส้นทางท่องเที่ยวเขาย้อย", en: "Sorting bins along the Khao Yoi tourism route", project: "DEMO-76-2569-05" },
    ],
  },
];

const officer = (code: string): Actor => ({ kind: "user", id: `demo-networks-${code}`, name: `กลุ่มงานยุทธศาสตร์ (เครือข่าย) จ.${code} (ตัวอย่าง)`, grants: [{ role: "strategy_officer", scope: `area:province:${code}` }] });

/**
 * Demo networks (labelled "(ตัวอย่าง)") in the five 2024 pilot provinces: chambers of commerce, universities, civil and
 * community bodies, MOUs in every state (one expiring soon, one expired, one ended early) and contributions to the
 * pilots' agendas and FY 2569 One Plan projects. Buriram's chamber, industries, farmers and hotels hold the private
 * and civil seats of its demo committees. Dates are relative to today. Skipped when seeded.
 */
export async function seedNetworksDemo(ctx: Ctx): Promise<void> {
  if (await partnerIdByName(ctx, "31", DEMO_SEAT_PARTNERS.chamber31)) return;
  const day = (n: number) => addDays(bangkokToday(ctx.now()), n);
  const ids: string[] = [];
  for (const pv of PROVINCES) {
    const as: Ctx = { ...ctx, actor: officer(pv.code) };
    const partnerIds = new Map<string, string>();
    for (const p of pv.partners) {
      const { id } = await createPartner({ ctx: as, input: { kind: p.kind, provinceCode: pv.code, nameTh: p.th, nameEn: p.en, website: p.website, focusTh: p.focusTh, focusEn: p.focusEn } });
      partnerIds.set(p.key, id);
      ids.push(id);
    }
    const agreementIds: string[] = [];
    for (const a of pv.agreements) {
      const { id } = await createAgreement({ ctx: as, input: { partnerId: partnerIds.get(a.partner)!, partyOrgId: a.party, titleTh: a.th, titleEn: a.en, purposeTh: a.purposeTh, purposeEn: a.purposeEn, signedOn: day(-a.ago), endsOn: day(a.left), agendaNodeIds: a.agendas } });
      if (a.ended) await endAgreement({ ctx: as, agreementId: id, input: { endedOn: day(-a.ended.ago), reasonTh: a.ended.th } });
      agreementIds.push(id);
    }
    for (const c of pv.contributions) {
      const projectId = c.project ? await projectIdByCode(ctx, c.project) : null;
      if (!projectId && !c.agenda) continue; // the planning demo is not there: nothing to attach this one to
      await recordContribution({
        ctx: as,
        input: {
          partnerId: partnerIds.get(c.partner)!,
          kind: c.kind,
          amount: c.amount,
          volunteers: c.volunteers,
          contributedOn: day(-c.ago),
          descriptionTh: c.th,
          descriptionEn: c.en,
          agendaNodeId: c.agenda,
          projectId: projectId ?? undefined,
          agreementId: c.underAgreement !== undefined ? agreementIds[c.underAgreement] : undefined,
        },
      });
    }
  }
  await withTransaction(ctx, async (tx) => {
    // the demo partners joined the networks before their agreements (creation is stamped now by the use case)
    await tx.db.update(partners).set({ isDemo: true, createdAt: new Date(`${day(-800)}T09:00:00+07:00`) }).where(inArray(partners.id, ids));
    await tx.db.update(partnerAgreements).set({ isDemo: true }).where(inArray(partnerAgreements.partnerId, ids));
    await tx.db.update(partnerContributions).set({ isDemo: true }).where(inArray(partnerContributions.partnerId, ids));
    await writeAudit(tx, { action: "networks.seed.demo", entityType: "partner", entityId: ids[0]!, provinceCode: "31", after: { partners: ids.length, provinces: PROVINCES.map((p) => p.code) } });
  });
}
