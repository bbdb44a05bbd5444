import { sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { accountIdByUsername, demoCitizenIds } from "../accounts/index.js";
import { createKpi, kpiTargetsOf, setTargets } from "../performance/index.js";
import { addComment } from "./add-comment.js";
import { answerSurvey } from "./answer-survey.js";
import { closeSurvey } from "./close-survey.js";
import { hideProposal } from "./hide-proposal.js";
import { openCall } from "./open-call.js";
import { openSurvey } from "./open-survey.js";
import { respondToProposal } from "./respond-to-proposal.js";
import { submitProposal } from "./submit-proposal.js";
import { supportProposal } from "./support-proposal.js";
import { participationCalls } from "./tables.js";

const DAY = 86_400_000;
/** The demo's clean-air call: Chiang Rai's FY 2571 targets for days with PM2.5 above the standard. */
export const DEMO_PM25_KPI = "demo-kpi-57-pm25days";
export const DEMO_CALL_ID = "demo-call-57-pm25";
export const DEMO_SATISFACTION_KPI = "demo-kpi-57-air-satisfaction";
/** next year's draft (FY 2571: no signed agreement uses it yet) and what it became after public input */
const DRAFT = [54, 46, 38, 31, 25] as const;
const AFTER = [50, 42, 34, 27, 20] as const;

const citizenActor = (id: string): Actor => ({ kind: "user", id, name: "ประชาชน (ตัวอย่าง)", grants: [{ role: "citizen", scope: "nation" }] });

/**
 * The demo of "บอกเราถึงรัฐ" (labelled demo): Chiang Rai's call on its PM2.5 KPI target with proposals — one past the
 * threshold and answered with a changed FY 2571 target, one past it and awaiting a response (deadline running), others
 * collecting support, one hidden by the province — with comments, a closed and an open satisfaction survey, and one
 * call each in Khon Kaen (its proposal answered with a recorded change to the goal's name), Phetchaburi and Ubon
 * Ratchathani. Supports come from the 40 verified demo citizens; the demo "citizen" account has a proposal, a comment
 * and a support of its own (its "my data" page shows them).
 */
export async function seedParticipationDemo({ ctx }: { ctx: Ctx }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(participationCalls)) as [{ n: number }];
    if (n > 0) return;
    const now = tx.now().getTime();
    const at = (daysAgo: number, actor: Actor): Ctx => ({ ...tx, actor, now: () => new Date(now - daysAgo * DAY) });
    const officeId = (await accountIdByUsername(tx, "strategy.chiangrai")) ?? "demo-strategy-57";
    const office = (code: string, id: string): Actor => ({ kind: "user", id, name: "สำนักงานจังหวัด (ตัวอย่าง)", grants: [{ role: "strategy_officer", scope: `area:province:${code}` }] });
    const cr = office("57", officeId);
    const citizens = demoCitizenIds();
    const c = (k: number) => citizenActor(citizens[k % citizens.length]!);
    const support = async (proposalId: string, count: number, fromDaysAgo: number, toDaysAgo: number, offset = 0) => {
      for (let k = 0; k < count; k++) {
        const d = fromDaysAgo - ((fromDaysAgo - toDaysAgo) * k) / Math.max(1, count - 1);
        await supportProposal({ ctx: at(d, c(k + offset)), input: { id: proposalId, isDemo: true } });
      }
    };

    // the office's draft FY 2571 targets: what the call asks citizens about
    const fy = 2571;
    if (!(await kpiTargetsOf(tx, DEMO_PM25_KPI, fy)).length) await setTargets({ ctx: at(45, cr), input: { kpiId: DEMO_PM25_KPI, fiscalYear: fy, round: 12, levels: [...DRAFT] } });
    await openCall({ ctx: at(42, cr), input: { id: DEMO_CALL_ID, isDemo: true, opensAt: new Date(now - 42 * DAY), closesAt: new Date(now + 48 * DAY).toISOString(), provinceCode: "57", subjectKind: "target", subjectId: DEMO_PM25_KPI, fiscalYear: fy, titleTh: "ร่วมกำหนดเป้าหมาย: จำนวนวันที่ค่าฝุ่น PM2.5 เกินมาตรฐาน ปีงบประมาณ 2571 (ตัวอย่าง)", titleEn: "Help set the target: days with PM2.5 above the standard, FY 2571 (demo)", descriptionTh: "จังหวัดเชียงรายร่างค่าเป้าหมายจำนวนวันที่ค่าฝุ่น PM2.5 เกินมาตรฐานสำหรับปีงบประมาณ 2571 ไว้ที่ 38 วัน (ระดับ 3 จากเป้าหมายปี 2570 ที่ 40 วัน) ขอรับฟังความเห็นว่าเป้าหมายนี้เหมาะสมหรือไม่ และควรวัดอย่างไร ข้อเสนอที่มีผู้สนับสนุนครบ 25 คน จังหวัดจะตอบอย่างเป็นทางการภายใน 30 วัน (ตัวอย่าง)", descriptionEn: "Chiang Rai drafted its FY 2571 target for days with PM2.5 above the standard at 38 days (level 3; FY 2570: 40 days). Is it right, and how should it be measured? A proposal with 25 supporters gets an official answer within 30 days. (demo)", supportThreshold: 25, responseDays: 30 } });

    // 1. past the threshold, answered: the target was tightened
    const p1 = await submitProposal({ ctx: at(40, c(0)), input: { id: "demo-prop-57-tighter", isDemo: true, callId: DEMO_CALL_ID, showName: true, titleTh: "ตั้งเป้าวันฝุ่นเกินมาตรฐานให้ท้าทายกว่านี้ ไม่เกิน 32 วัน", bodyTh: "ปี 2569 เกินมาตรฐาน 47 วัน ปี 2570 ตั้งเป้า 40 วัน การลดจาก 40 เหลือ 38 วันยังไม่ท้าทายพอ ขอให้ตั้งเป้าระดับ 3 ไม่เกิน 32 วัน พร้อมมาตรการห้ามเผาที่เข้มขึ้นในช่วงกุมภาพันธ์–เมษายน และรายงานผลรายเดือนให้ประชาชนทราบ (ตัวอย่าง)" } });
    await support(p1.id, 32, 39, 31);
    await addComment({ ctx: at(38, c(5)), input: { proposalId: p1.id, isDemo: true, bodyTh: "เห็นด้วยครับ ลูกผมเป็นภูมิแพ้ ช่วงมีนาคมต้องหยุดเรียนเกือบทุกปี" } });
    await addComment({ ctx: at(36, c(9)), input: { proposalId: p1.id, isDemo: true, showName: true, bodyTh: "ควรมีข้อมูลรายอำเภอด้วย แม่สายกับเชียงแสนหนักกว่าในเมือง" } });
    await respondToProposal({
      ctx: at(12, cr),
      input: {
        id: p1.id,
        isDemo: true,
        decision: "partly",
        reasoningTh: "จังหวัดเห็นด้วยว่าร่างเป้าหมายไม่ท้าทายพอ จึงปรับค่าเป้าหมายระดับ 3 ของปีงบประมาณ 2571 จาก 38 วันเป็น 34 วัน (ข้อเสนอขอ 32 วัน แต่ข้อมูลสถานีตรวจวัดยังไม่รองรับ) และปรับระดับอื่นตามสัดส่วน ส่วนการรายงานผลรายเดือนจะเผยแพร่ผ่านหน้าตัวชี้วัดนี้ สำหรับมาตรการห้ามเผาให้เป็นไปตามประกาศจังหวัดซึ่งมีผลทุกปีอยู่แล้ว (ตัวอย่าง)",
        reasoningEn: "The province agrees the draft was not ambitious enough: the FY 2571 level-3 target moves from 38 to 34 days (32 was proposed; the monitoring data cannot yet support it), the other levels in proportion. Monthly results will be published on this KPI's page; the burning ban follows the province's standing annual order. (demo)",
        changes: [{ kind: "target", kpiId: DEMO_PM25_KPI, fiscalYear: fy, round: 12, levels: [...AFTER] }],
      },
    });

    // 2. past the threshold, awaiting the response (the deadline runs)
    const p2 = await submitProposal({ ctx: at(20, c(1)), input: { id: "demo-prop-57-districts", isDemo: true, callId: DEMO_CALL_ID, titleTh: "นับวันฝุ่นเกินมาตรฐานจากสถานีตรวจวัดทุกอำเภอ ไม่ใช่เฉพาะในเมือง", bodyTh: "ตัวชี้วัดใช้ค่าจากสถานีในอำเภอเมืองเป็นหลัก แต่แม่สาย เชียงแสน และเวียงแก่นฝุ่นหนักกว่ามาก ขอให้นับวันที่สถานีใดสถานีหนึ่งในจังหวัดเกินมาตรฐาน หรือรายงานแยกรายอำเภอ (ตัวอย่าง)" } });
    await support(p2.id, 27, 19, 5, 3);
    await addComment({ ctx: at(6, c(20)), input: { proposalId: p2.id, isDemo: true, bodyTh: "ที่แม่สายมีเซ็นเซอร์ของชุมชนอยู่หลายจุด น่าจะใช้ข้อมูลร่วมกันได้" } });

    // 3. collecting support (the e2e story supports this one as the demo citizen)
    const p3 = await submitProposal({ ctx: at(9, c(2)), input: { id: "demo-prop-57-hotspots", isDemo: true, callId: DEMO_CALL_ID, showName: true, titleTh: "แยกเป้าหมายจุดความร้อนในพื้นที่เกษตรออกจากพื้นที่ป่า", bodyTh: "สาเหตุของจุดความร้อนในป่ากับในไร่ข้าวโพดต่างกัน มาตรการก็ต่างกัน ควรมีเป้าหมายแยกกันเพื่อให้รู้ว่ามาตรการไหนได้ผล (ตัวอย่าง)" } });
    await support(p3.id, 12, 8, 1, 8);
    await addComment({ ctx: at(4, c(30)), input: { proposalId: p3.id, isDemo: true, bodyTh: "เห็นด้วย และควรมีแรงจูงใจให้เกษตรกรที่ไม่เผาด้วย" } });
    const p4 = await submitProposal({ ctx: at(6, c(3)), input: { id: "demo-prop-57-schools", isDemo: true, callId: DEMO_CALL_ID, titleTh: "ห้องปลอดฝุ่นในโรงเรียนทุกแห่งช่วงฤดูหมอกควัน", bodyTh: "นอกจากลดวันฝุ่นเกิน ขอให้มีตัวชี้วัดเรื่องการป้องกันสุขภาพเด็ก เช่น ร้อยละของโรงเรียนที่มีห้องปลอดฝุ่น (ตัวอย่าง)" } });
    await support(p4.id, 6, 5, 1, 15);
    // the demo citizen's own part (the login page's "citizen", who lives in Mae Sai), so that "my data" shows a proposal,
    // a comment and a support; not on the hotspots proposal, which the e2e story supports as this citizen
    const me = citizenActor((await accountIdByUsername(tx, "citizen")) ?? "demo-citizen");
    await addComment({ ctx: at(8, me), input: { proposalId: p2.id, isDemo: true, bodyTh: "บ้านอยู่แม่สาย ช่วงมีนาคมค่าฝุ่นเกินมาตรฐานแทบทุกวัน แต่ตัวเลขของจังหวัดดูดีกว่าที่เราเจอจริง เห็นด้วยให้นับทุกอำเภอ" } });
    await submitProposal({ ctx: at(7, me), input: { id: "demo-prop-57-alerts", isDemo: true, callId: DEMO_CALL_ID, titleTh: "แจ้งเตือนค่าฝุ่นผ่านเสียงตามสายและไลน์ของหมู่บ้านทุกเช้า", bodyTh: "ผู้สูงอายุและเด็กในหมู่บ้านไม่ได้ดูแอปวัดฝุ่น ขอให้อำเภอแจ้งค่าฝุ่นและคำแนะนำ เช่น งดออกกำลังกายกลางแจ้ง ผ่านเสียงตามสายและกลุ่มไลน์ของหมู่บ้านทุกเช้าในช่วงหมอกควัน และนับจำนวนวันที่แจ้งเตือนเป็นตัวชี้วัดประกอบ (ตัวอย่าง)" } });
    await supportProposal({ ctx: at(3, me), input: { id: p4.id, isDemo: true } });
    // 4. hidden by the province, with its reason
    const p5 = await submitProposal({ ctx: at(3, c(4)), input: { id: "demo-prop-57-ad", isDemo: true, callId: DEMO_CALL_ID, titleTh: "ขายเครื่องฟอกอากาศราคาถูก ติดต่อไลน์", bodyTh: "เครื่องฟอกอากาศลดราคาพิเศษ สนใจทักไลน์ร้านได้เลย ส่งฟรีทั่วเชียงราย (ตัวอย่าง)" } });
    await hideProposal({ ctx: at(2, cr), input: { id: p5.id, reasonTh: "เป็นการโฆษณาขายสินค้า ไม่เกี่ยวกับเป้าหมายของจังหวัด" } });

    // satisfaction surveys feeding a KPI: last quarter's closed and recorded, this quarter's open
    await createKpi({ ctx: at(60, cr), input: { id: DEMO_SATISFACTION_KPI, isDemo: true, code: "57-PART-01", nameTh: "ความพึงพอใจของประชาชนต่อการแก้ไขปัญหาหมอกควัน (ตัวอย่าง)", nameEn: "Residents' satisfaction with the haze response (demo)", unit: "คะแนน 1–5", direction: "higher", level: "provincial", provinceCode: "57", frequency: "quarterly", baseline: 2.9, baselineYear: 2569, dataSource: "แบบสำรวจบอกเราถึงรัฐ (ตัวอย่าง)", ownerOrgId: "pro:57:provincial-office", goalNodeId: "prov:57:goal:1.2" } });
    await setTargets({ ctx: at(60, cr), input: { kpiId: DEMO_SATISFACTION_KPI, fiscalYear: 2570, round: 12, levels: [3, 3.3, 3.6, 3.9, 4.2] } });
    const question = "ท่านพึงพอใจต่อการแก้ไขปัญหาหมอกควันของจังหวัดในไตรมาสนี้มากน้อยเพียงใด (1 = ไม่พอใจมาก, 5 = พอใจมาก) (ตัวอย่าง)";
    const s1 = await openSurvey({ ctx: at(70, cr), input: { id: "demo-survey-57-q4", isDemo: true, provinceCode: "57", kpiId: DEMO_SATISFACTION_KPI, questionTh: question, questionEn: "How satisfied are you with the province's haze response this quarter? (1 = very dissatisfied, 5 = very satisfied) (demo)", periodEnd: "2026-09-30", closesAt: new Date(now - 50 * DAY).toISOString(), opensAt: new Date(now - 70 * DAY) } });
    const scores = [4, 3, 3, 4, 2, 3, 4, 5, 3, 3, 4, 2, 3, 4, 3, 3, 5, 4, 3, 2, 3, 4, 4, 3, 3, 2, 4, 3, 3, 4, 3, 5, 3, 4];
    for (const [k, score] of scores.entries()) await answerSurvey({ ctx: at(69 - k * 0.5, c(k)), input: { id: s1.id, score, isDemo: true } });
    await closeSurvey({ ctx: at(50, cr), input: { id: s1.id } });
    const s2 = await openSurvey({ ctx: at(10, cr), input: { id: "demo-survey-57-q1", isDemo: true, provinceCode: "57", kpiId: DEMO_SATISFACTION_KPI, questionTh: question, questionEn: "How satisfied are you with the province's haze response this quarter? (1 = very dissatisfied, 5 = very satisfied) (demo)", periodEnd: "2026-12-31", closesAt: new Date(now + 38 * DAY).toISOString(), opensAt: new Date(now - 10 * DAY) } });
    for (const [k, score] of [4, 3, 4, 5, 3, 4, 3, 4, 2, 4, 3, 4].entries()) await answerSurvey({ ctx: at(9 - k * 0.5, c(k + 10)), input: { id: s2.id, score, isDemo: true } });

    // one call each in other pilot provinces
    const others: { code: string; user: string; kind: "goal" | "kpi" | "agenda"; subjectId: string; titleTh: string; titleEn: string; proposal: [string, string] }[] = [
      { code: "40", user: "strategy.khonkaen", kind: "goal", subjectId: "prov:40:goal:1.2", titleTh: "ความพึงพอใจต่อบริการดิจิทัลของจังหวัด: ควรวัดอะไร (ตัวอย่าง)", titleEn: "Satisfaction with the province's digital services: what should we measure? (demo)", proposal: ["วัดเวลาที่ใช้ตั้งแต่ยื่นคำขอจนได้รับผลผ่านแอป", "ความพึงพอใจอย่างเดียวไม่พอ ควรวัดเวลาที่ประชาชนใช้จริงตั้งแต่ยื่นคำขอจนได้รับผลผ่านแอปด้วย (ตัวอย่าง)"] },
      { code: "76", user: "governor.phetchaburi", kind: "kpi", subjectId: "demo-kpi-76-1", titleTh: "ขยะมูลฝอยที่จัดการถูกต้อง: เป้าหมายและวิธีนับ (ตัวอย่าง)", titleEn: "Solid waste managed correctly: target and how it is counted (demo)", proposal: ["นับขยะที่ชุมชนคัดแยกเองรวมด้วย", "หลายชุมชนคัดแยกขยะและทำปุ๋ยเองแต่ไม่ถูกนับ ควรนับรวมในตัวชี้วัดด้วย (ตัวอย่าง)"] },
      { code: "34", user: "governor.ubon", kind: "agenda", subjectId: "agenda:ag-border", titleTh: "วาระการค้าชายแดนช่องเม็ก: ประชาชนอยากเห็นอะไร (ตัวอย่าง)", titleEn: "The Chong Mek border-trade agenda: what do residents want to see? (demo)", proposal: ["ตลาดชายแดนสำหรับผู้ค้ารายย่อยในพื้นที่", "ขอให้มีพื้นที่ตลาดชายแดนสำหรับผู้ค้ารายย่อยของอำเภอสิรินธรด้วย ไม่ใช่เฉพาะรถบรรทุกสินค้าใหญ่ (ตัวอย่าง)"] },
    ];
    for (const [k, o] of others.entries()) {
      const staff = office(o.code, (await accountIdByUsername(tx, o.user)) ?? `demo-office-${o.code}`);
      const call = await openCall({ ctx: at(15, staff), input: { id: `demo-call-${o.code}`, isDemo: true, opensAt: new Date(now - 15 * DAY), closesAt: new Date(now + 45 * DAY).toISOString(), provinceCode: o.code, subjectKind: o.kind, subjectId: o.subjectId, titleTh: o.titleTh, titleEn: o.titleEn, descriptionTh: "ข้อเสนอที่มีผู้สนับสนุนครบ 20 คน จังหวัดจะตอบอย่างเป็นทางการภายใน 30 วัน (ตัวอย่าง)", descriptionEn: "A proposal with 20 supporters gets an official answer within 30 days. (demo)", supportThreshold: 20, responseDays: 30 } });
      const p = await submitProposal({ ctx: at(12, c(10 + k)), input: { id: `demo-prop-${o.code}-1`, isDemo: true, callId: call.id, titleTh: o.proposal[0], bodyTh: o.proposal[1] } });
      await support(p.id, 5 + 3 * k, 11, 2, 20 + k);
      // Khon Kaen answers below the threshold (it may): its goal page shows "changed after public input" too
      if (o.code === "40") {
        await respondToProposal({ ctx: at(1, staff), input: { id: p.id, isDemo: true, decision: "accepted", reasoningTh: "จังหวัดเห็นด้วยว่าความพึงพอใจอย่างเดียวไม่สะท้อนคุณภาพบริการ จะเพิ่มการวัดระยะเวลาตั้งแต่ยื่นคำขอจนได้รับผลผ่านแอปในเป้าหมายนี้ และเสนอแก้ไขชื่อเป้าหมายในการทบทวนแผนพัฒนาจังหวัดครั้งถัดไป (ตัวอย่าง)", reasoningEn: "The province agrees satisfaction alone does not show the quality of service: this goal will also measure the time from application to result in the app, and its new name goes to the next review of the provincial plan. (demo)", changes: [{ kind: "text", subjectKind: "goal", subjectId: o.subjectId, fieldTh: "ชื่อเป้าหมาย", afterTh: "ความพึงพอใจของประชาชนและระยะเวลาที่ใช้รับบริการดิจิทัล (ตัวอย่าง)" }] } });
      }
    }
    await writeAudit(tx, { action: "participation.seed.demo", entityType: "participation-call", entityId: DEMO_CALL_ID, after: { calls: 4, proposals: 9, surveys: 2 } });
  });
}
