import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import type { Mission } from "./contracts.js";
import { approveNode } from "./approve-node.js";
import { createNode } from "./create-node.js";
import { strategyNodes } from "./tables.js";

type Goal = { th: string; en: string; serves: string[] };
type Issue = { th: string; en: string; mission: Mission; goals: Goal[] };
type Pilot = { code: string; agenda: string; visionTh: string; visionEn: string; serves: string[]; approved: boolean; issues: Issue[] };

/** The five 2024 pilots' strategies (demo: plausible, not official), one per theme of the 2024 model. */
const PILOTS: Pilot[] = [
  {
    code: "57", agenda: "agenda:ag-env", approved: true, serves: ["cluster:n2", "mp:mp18"],
    visionTh: "เชียงรายเมืองน่าอยู่ อากาศสะอาด เศรษฐกิจสีเขียวเชื่อมโยงลุ่มน้ำโขง (ตัวอย่าง)", visionEn: "Chiang Rai: liveable, clean air, a green economy linked to the Mekong (demo)",
    issues: [
      { th: "แก้ไขปัญหาหมอกควันและฝุ่นละออง PM2.5 อย่างยั่งยืน (ตัวอย่าง)", en: "Lasting solutions to haze and PM2.5 (demo)", mission: "environment", goals: [
        { th: "ลดจุดความร้อนในพื้นที่ป่าและเกษตรลงร้อยละ 50 ภายใน 2 ปี (ตัวอย่าง)", en: "Halve hotspots in forest and farmland within two years (demo)", serves: ["agenda:ag-env"] },
        { th: "จำนวนวันที่ค่า PM2.5 เกินมาตรฐานลดลง (ตัวอย่าง)", en: "Fewer days with PM2.5 above the standard (demo)", serves: ["agenda:ag-env", "mp:mp13"] },
      ] },
      { th: "เกษตรปลอดการเผาและรายได้เกษตรกร (ตัวอย่าง)", en: "Burn-free farming and farm incomes (demo)", mission: "competitiveness_poverty", goals: [
        { th: "พื้นที่ข้าวโพดปลอดการเผาเพิ่มขึ้น (ตัวอย่าง)", en: "More burn-free maize land (demo)", serves: ["mp:mp03", "agenda:ag-env"] },
      ] },
    ],
  },
  {
    code: "34", agenda: "agenda:ag-border", approved: true, serves: ["mp:mp09"],
    visionTh: "อุบลราชธานีประตูการค้าชายแดนสู่อินโดจีน (ตัวอย่าง)", visionEn: "Ubon Ratchathani: the border-trade gateway to Indochina (demo)",
    issues: [
      { th: "ยกระดับเศรษฐกิจชายแดนช่องเม็ก (ตัวอย่าง)", en: "Growing the Chong Mek border economy (demo)", mission: "competitiveness_poverty", goals: [
        { th: "มูลค่าการค้าชายแดนเพิ่มขึ้นร้อยละ 10 ต่อปี (ตัวอย่าง)", en: "Border trade up 10% a year (demo)", serves: ["agenda:ag-border"] },
        { th: "ระยะเวลาผ่านแดนของสินค้าลดลง (ตัวอย่าง)", en: "Shorter border clearance times (demo)", serves: ["agenda:ag-border", "mp:mp07"] },
      ] },
    ],
  },
  {
    code: "31", agenda: "agenda:ag-debt", approved: true, serves: ["mp:mp16"],
    visionTh: "บุรีรัมย์เมืองกีฬา ท่องเที่ยว ครัวเรือนปลอดหนี้นอกระบบ (ตัวอย่าง)", visionEn: "Buriram: sport, tourism and households free of informal debt (demo)",
    issues: [
      { th: "ขจัดหนี้นอกระบบ (ตัวอย่าง)", en: "Eliminating informal debt (demo)", mission: "state_policy", goals: [
        { th: "ลูกหนี้นอกระบบที่ลงทะเบียนได้รับการไกล่เกลี่ยครบทุกราย (ตัวอย่าง)", en: "Every registered informal debtor mediated (demo)", serves: ["agenda:ag-debt"] },
        { th: "ครัวเรือนที่ปรับโครงสร้างหนี้มีรายได้เพิ่มขึ้น (ตัวอย่าง)", en: "Higher incomes in households whose debts were restructured (demo)", serves: ["agenda:ag-debt", "agenda:ag-grassroots"] },
      ] },
    ],
  },
  {
    code: "40", agenda: "agenda:ag-digital", approved: true, serves: ["mp:mp07", "mp:mp20"],
    visionTh: "ขอนแก่นจังหวัดดิจิทัล บริการประชาชนไร้รอยต่อ (ตัวอย่าง)", visionEn: "Khon Kaen: a digital province with seamless public services (demo)",
    issues: [
      { th: "บริการภาครัฐดิจิทัลในจังหวัด (ตัวอย่าง)", en: "Digital public services in the province (demo)", mission: "good_governance", goals: [
        { th: "งานบริการของส่วนราชการในจังหวัดให้บริการออนไลน์ได้ร้อยละ 80 (ตัวอย่าง)", en: "80% of provincial services available online (demo)", serves: ["agenda:ag-digital"] },
        { th: "ความพึงพอใจของประชาชนต่อบริการดิจิทัล (ตัวอย่าง)", en: "Citizen satisfaction with digital services (demo)", serves: ["agenda:ag-digital", "mp:mp20"] },
      ] },
    ],
  },
  {
    code: "76", agenda: "agenda:ag-env", approved: false, serves: ["mp:mp18"],
    visionTh: "เพชรบุรีเมืองสะอาด ขยะเป็นศูนย์ ท่องเที่ยวยั่งยืน (ตัวอย่าง)", visionEn: "Phetchaburi: a clean city, zero waste, sustainable tourism (demo)",
    issues: [
      { th: "การจัดการขยะมูลฝอยครบวงจร (ตัวอย่าง)", en: "Integrated solid-waste management (demo)", mission: "environment", goals: [
        { th: "ขยะมูลฝอยได้รับการจัดการอย่างถูกต้องร้อยละ 90 (ตัวอย่าง)", en: "90% of solid waste properly managed (demo)", serves: ["agenda:ag-env"] },
        { th: "ปริมาณขยะต่อคนต่อวันลดลง (ตัวอย่าง)", en: "Less waste per person per day (demo)", serves: ["agenda:ag-env", "mp:mp18"] },
      ] },
    ],
  },
];

/** Demo cascade for the five 2024 pilots and the upper-north cluster N2 (a draft awaiting the deputy PM). */
export async function seedStrategyDemo({ ctx }: { ctx: Ctx; input?: unknown }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(strategyNodes).where(sql`is_demo`)) as [{ n: number }];
    if (n > 0) return;
    // the cluster strategy of N2 is left as a draft, for the deputy PM's office to approve in the demo
    await createNode({ ctx: tx, input: { id: "cluster:n2", isDemo: true, kind: "cluster_strategy", code: "N2-2566-70", areaId: "cluster:N2", nameTh: "ยุทธศาสตร์กลุ่มจังหวัดภาคเหนือตอนบน 2 พ.ศ. 2566–2570 (ตัวอย่าง)", nameEn: "Upper North 2 cluster strategy 2023–2027 (demo)", fromYear: 2566, toYear: 2570, serves: [{ id: "mp:mp05", kind: "serves" }, { id: "mp:mp18", kind: "serves" }] } });
    for (const p of PILOTS) {
      const sid = `prov:${p.code}:strategy`;
      await createNode({ ctx: tx, input: { id: sid, isDemo: true, kind: "provincial_strategy", code: `P${p.code}-2566-70`, areaId: `province:${p.code}`, nameTh: p.visionTh, nameEn: p.visionEn, fromYear: 2566, toYear: 2570, serves: p.serves.map((id) => ({ id, kind: "serves" as const })) } });
      if (p.approved) await approveNode({ ctx: tx, input: { id: sid } });
      await createNode({ ctx: tx, input: { id: `prov:${p.code}:pain`, isDemo: true, kind: "pain_point", areaId: `province:${p.code}`, nameTh: `ประเด็นปัญหาของพื้นที่: ${p.issues[0]!.th}`, nameEn: `Area pain point: ${p.issues[0]!.en}`, serves: [{ id: p.agenda, kind: "serves" }] } });
      for (const [k, issue] of p.issues.entries()) {
        const iid = `prov:${p.code}:issue:${k + 1}`;
        await createNode({ ctx: tx, input: { id: iid, isDemo: true, kind: "strategic_issue", code: `${p.code}-SI${k + 1}`, areaId: `province:${p.code}`, mission: issue.mission, nameTh: issue.th, nameEn: issue.en, serves: [{ id: sid, kind: "part_of" }] } });
        for (const [g, goal] of issue.goals.entries()) {
          await createNode({
            ctx: tx,
            input: {
              id: `prov:${p.code}:goal:${k + 1}.${g + 1}`,
              isDemo: true,
              kind: "provincial_goal",
              code: `${p.code}-G${k + 1}.${g + 1}`,
              areaId: `province:${p.code}`,
              mission: issue.mission,
              nameTh: goal.th,
              nameEn: goal.en,
              fromYear: 2568,
              toYear: 2569,
              serves: [{ id: iid, kind: "part_of" as const }, ...goal.serves.map((id) => ({ id, kind: "serves" as const })), ...(k === 0 && g === 0 ? [{ id: `prov:${p.code}:pain`, kind: "serves" as const }] : [])],
            },
          });
        }
      }
    }
    await writeAudit(tx, { action: "strategy.seed.demo", entityType: "strategy-node", entityId: "demo", after: { provinces: PILOTS.map((p) => p.code) } });
  });
}
