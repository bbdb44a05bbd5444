import { sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.js";
import type { RoleId } from "../../platform/auth/policy.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { addDays } from "../../platform/thai/dates.js";
import { fiscalYearOf, fiscalYearRange } from "../../platform/thai/fiscal-year.js";
import type { CreateRequestInput } from "./contracts-requests.js";
import { createRequest } from "./create-request.js";
import { recordCabinetDecision } from "./record-cabinet-decision.js";
import { reviewRequestMoi } from "./review-request-moi.js";
import { reviewRequestOpdc } from "./review-request-opdc.js";
import { todayOf } from "./rules.js";
import { submitRequest } from "./submit-request.js";
import { delegationRequests } from "./tables.js";

/** A demo account acting (the ids are those of the demo accounts, so the history names people one can log in as). */
const who = (username: string, name: string, role: RoleId, scope: string): Actor => ({ kind: "user", id: `demo-${username}`, name, grants: [{ role, scope }] });
const MOI = who("moi.officer", "เจ้าหน้าที่กระทรวงมหาดไทย (ตัวอย่าง)", "ministry_officer", "org:moi");
const OPDC = who("opdc.evaluator", "ผู้ประเมิน สำนักงาน ก.พ.ร. (ตัวอย่าง)", "opdc_evaluator", "nation");
const GOV = {
  "34": who("governor.ubon", "ผู้ว่าราชการจังหวัดอุบลราชธานี (ตัวอย่าง)", "governor", "area:province:34"),
  "31": who("governor.buriram", "ผู้ว่าราชการจังหวัดบุรีรัมย์ (ตัวอย่าง)", "governor", "area:province:31"),
  "57": who("governor.chiangrai", "ผู้ว่าราชการจังหวัดเชียงราย (ตัวอย่าง)", "governor", "area:province:57"),
  "76": who("governor.phetchaburi", "ผู้ว่าราชการจังหวัดเพชรบุรี (ตัวอย่าง)", "governor", "area:province:76"),
};
const STRATEGY_CR = who("strategy.chiangrai", "กลุ่มงานยุทธศาสตร์ จ.เชียงราย (ตัวอย่าง)", "strategy_officer", "area:province:57");

/**
 * Demo scenario (labelled demo): requests for more delegation from the 2024 pilot provinces, at every stage, built
 * through the same use cases on the days they happened (dates count back from today, so the story stays current):
 * Ubon waits at the Ministry of Interior past its due date; Chiang Rai's teak request is at OPDC; Buriram's
 * temporary-staff request waits for the Cabinet and its fuel-station request was returned by OPDC; the Cabinet
 * rejected Chiang Rai's small-mine concessions; Phetchaburi's state-property request was approved last fiscal year
 * (its instrument is in force); Phetchaburi also has a draft. Khon Kaen has none: a browser journey drafts one.
 */
export async function seedDelegationRequestsDemo({ ctx }: { ctx: Ctx }): Promise<void> {
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(delegationRequests).where(sql`${delegationRequests.isDemo}`)) as [{ n: number }];
  if (n > 0) return;
  const today = todayOf(ctx);
  const lastFy = fiscalYearRange(fiscalYearOf(today) - 1).start;
  await withTransaction(ctx, async (tx) => {
    // each step acts as its person on its own day (10:00 Bangkok)
    const on = (actor: Actor, date: string): Ctx => ({ ...tx, actor, now: () => new Date(`${date}T10:00:00+07:00`) });
    const back = (days: number) => addDays(today, -days);
    let k = 0;
    const draft = async (actor: Actor, date: string, input: CreateRequestInput) => (await createRequest({ ctx: on(actor, date), input: { ...input, id: `demo-request-${String(++k).padStart(3, "0")}`, isDemo: true } })).id;

    // Ubon Ratchathani: factory licences, submitted 52 days ago and still at the ministry (due after 30 days)
    const ubon = await draft(GOV["34"], back(58), {
      provinceCode: "34",
      powerCode: "P-ADM-006",
      yearlyVolume: 420,
      centralTurnaroundDays: 90,
      expectedTurnaroundDays: 30,
      benefitTh: "ผู้ประกอบการโรงงานแปรรูปผลผลิตการเกษตรขนาดเล็กได้รับใบอนุญาตเร็วขึ้นประมาณ 2 เดือน ลดต้นทุนการเดินทางเข้ากรุงเทพฯ (ตัวอย่าง)",
      justificationTh: "จังหวัดมีคำขอตั้งโรงงานจำพวกที่ 3 เพิ่มขึ้นต่อเนื่องตามยุทธศาสตร์เกษตรแปรรูป (ตัวอย่าง)",
      conditionsTh: "เฉพาะโรงงานที่ไม่อยู่ในบัญชีโรงงานที่ต้องจัดทำรายงานผลกระทบสิ่งแวดล้อม (ตัวอย่าง)",
    });
    await submitRequest({ ctx: on(GOV["34"], back(52)), input: { id: ubon } });

    // Chiang Rai: teak on private land (its earlier instrument expired), forwarded to OPDC
    const teak = await draft(GOV["57"], back(70), {
      provinceCode: "57",
      powerCode: "P-ADM-009",
      yearlyVolume: 260,
      centralTurnaroundDays: 60,
      expectedTurnaroundDays: 15,
      benefitTh: "เกษตรกรผู้ปลูกไม้สักในที่ดินของตนได้รับอนุญาตทำไม้ภายใน 15 วัน แทน 60 วัน (ตัวอย่าง)",
      justificationTh: "คำสั่งมอบอำนาจเดิมสิ้นผลเมื่อสิ้นปีงบประมาณ พ.ศ. 2568 (ตัวอย่าง)",
    });
    await submitRequest({ ctx: on(GOV["57"], back(65)), input: { id: teak } });
    await reviewRequestMoi({ ctx: on(MOI, back(40)), input: { id: teak, decision: "forward", comment: "เห็นควรสนับสนุน ส่งสำนักงาน ก.พ.ร. พิจารณา (ตัวอย่าง)" } });

    // Buriram: temporary staff, recommended by OPDC and waiting for the Cabinet
    const staff = await draft(GOV["31"], back(150), {
      provinceCode: "31",
      powerCode: "P-HR-005",
      yearlyVolume: 180,
      centralTurnaroundDays: 45,
      expectedTurnaroundDays: 10,
      benefitTh: "หน่วยบริการในพื้นที่จ้างบุคลากรชั่วคราวได้ทันฤดูกาลท่องเที่ยวและกีฬา ประชาชนได้รับบริการต่อเนื่อง (ตัวอย่าง)",
      justificationTh: "รองรับการจัดการแข่งขันกีฬาระดับนานาชาติในจังหวัด (ตัวอย่าง)",
      maySubdelegate: true,
    });
    await submitRequest({ ctx: on(GOV["31"], back(140)), input: { id: staff } });
    await reviewRequestMoi({ ctx: on(MOI, back(120)), input: { id: staff, decision: "forward" } });
    await reviewRequestOpdc({ ctx: on(OPDC, back(50)), input: { id: staff, decision: "recommend", opinion: "support", comment: "สอดคล้องกับหลักการให้เรื่องยุติที่จังหวัด (ตัวอย่าง)" } });

    // Buriram: fuel stations (its instrument was revoked), returned by OPDC for more evidence
    const fuel = await draft(GOV["31"], back(120), {
      provinceCode: "31",
      powerCode: "P-ADM-011",
      yearlyVolume: 35,
      centralTurnaroundDays: 90,
      expectedTurnaroundDays: 30,
      benefitTh: "ผู้ประกอบการสถานีบริการน้ำมันในอำเภอรอบนอกได้รับอนุญาตเร็วขึ้น (ตัวอย่าง)",
    });
    await submitRequest({ ctx: on(GOV["31"], back(110)), input: { id: fuel } });
    await reviewRequestMoi({ ctx: on(MOI, back(85)), input: { id: fuel, decision: "forward" } });
    await reviewRequestOpdc({ ctx: on(OPDC, back(20)), input: { id: fuel, decision: "return", comment: "ขอให้จังหวัดแสดงสถิติคำขอย้อนหลัง 3 ปี และแนวทางตรวจสอบความปลอดภัยหลังกรมธุรกิจพลังงานรวมการอนุญาตไว้ที่ส่วนกลาง (ตัวอย่าง)" } });

    // Chiang Rai: small mining concessions, not supported by OPDC and rejected by the Cabinet
    const mine = await draft(STRATEGY_CR, back(200), {
      provinceCode: "57",
      powerCode: "P-ADM-012",
      yearlyVolume: 12,
      centralTurnaroundDays: 180,
      expectedTurnaroundDays: 60,
      benefitTh: "ผู้ขอประทานบัตรรายย่อยได้รับการพิจารณาในจังหวัด (ตัวอย่าง)",
    });
    await submitRequest({ ctx: on(GOV["57"], back(195)), input: { id: mine } });
    await reviewRequestMoi({ ctx: on(MOI, back(180)), input: { id: mine, decision: "forward" } });
    await reviewRequestOpdc({ ctx: on(OPDC, back(140)), input: { id: mine, decision: "recommend", opinion: "not-support", comment: "การอนุญาตทำเหมืองมีผลกระทบข้ามพื้นที่ ควรคงไว้ที่ส่วนกลาง (ตัวอย่าง)" } });
    await recordCabinetDecision({ ctx: on(OPDC, back(90)), input: { id: mine, decision: "reject", cabinetDate: back(92), resolutionNo: "นร 0505/ว 88 (ตัวอย่าง)", comment: "คณะรัฐมนตรีมีมติไม่อนุมัติ ให้คงอำนาจไว้ที่ส่วนกลาง (ตัวอย่าง)" } });

    // Phetchaburi: use of state property, approved last fiscal year; its instrument has been in force since
    const d = (days: number) => addDays(lastFy, days);
    const property = await draft(GOV["76"], d(10), {
      provinceCode: "76",
      powerCode: "P-ADM-016",
      yearlyVolume: 95,
      centralTurnaroundDays: 90,
      expectedTurnaroundDays: 30,
      benefitTh: "ผู้เช่าที่ราชพัสดุริมชายหาดได้รับอนุญาตภายใน 30 วัน ส่งเสริมการท่องเที่ยวชุมชน (ตัวอย่าง)",
      amountCap: 1_000_000,
      conditionsTh: "เฉพาะการอนุญาตใช้ที่ราชพัสดุที่ค่าตอบแทนไม่เกิน 1,000,000 บาทต่อปี (ตัวอย่าง)",
    });
    await submitRequest({ ctx: on(GOV["76"], d(15)), input: { id: property } });
    await reviewRequestMoi({ ctx: on(MOI, d(40)), input: { id: property, decision: "forward" } });
    await reviewRequestOpdc({ ctx: on(OPDC, d(80)), input: { id: property, decision: "recommend", opinion: "support" } });
    await recordCabinetDecision({ ctx: on(OPDC, d(132)), input: { id: property, decision: "approve", cabinetDate: d(130), resolutionNo: "นร 0505/ว 41 (ตัวอย่าง)", effectiveFrom: d(151) } });

    // Phetchaburi: a draft still being written (liquor and tobacco licences)
    await draft(GOV["76"], back(3), { provinceCode: "76", powerCode: "P-ADM-017", yearlyVolume: 1_500, centralTurnaroundDays: 30, benefitTh: "" });

    await writeAudit(tx, { action: "delegation.seed.demo-requests", entityType: "delegation-request", entityId: "demo", after: { requests: k } });
  });
}
