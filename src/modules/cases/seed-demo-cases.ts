import { inArray, sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.js";
import type { RoleId } from "../../platform/auth/policy.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { accountIdByUsername } from "../accounts/index.js";
import { acceptCase } from "./accept-case.js";
import { addCaseEvent } from "./add-case-event.js";
import { escalateCases } from "./escalate-cases.js";
import { mergeCase } from "./merge-case.js";
import { rateCase } from "./rate-case.js";
import { resolveCase } from "./resolve-case.js";
import { setRoutingRule } from "./set-routing-rule.js";
import { startCase } from "./start-case.js";
import { submitCase } from "./submit-case.js";
import { trainRoutingModels } from "./train-routing-models.js";
import { cases } from "./tables.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const staff = (role: RoleId, scope: string, id: string): Actor => ({ kind: "user", id, name: `${id} (ตัวอย่าง)`, grants: [{ role, scope }] });
const citizen = (id: string | null): Actor => (id ? { kind: "user", id, name: "ประชาชน (ตัวอย่าง)", grants: [{ role: "citizen", scope: "nation" }] } : { kind: "anonymous", id: null, name: "anonymous", grants: [] });

type Step = "accept" | "start" | "resolve" | "rate";
type DemoCase = {
  key: string;
  province: string;
  /** days before now the report came in */
  ago: number;
  categoryId: string;
  subdistrictCode: string;
  lat?: number;
  lon?: number;
  text: string;
  channel?: "hotline_1567" | "walk_in";
  /** report as the demo citizen account (so "my cases" has something) */
  mine?: boolean;
  anonymous?: boolean;
  steps?: Step[];
  reasonTh?: string;
  rating?: number;
  update?: string;
};

/** Demo reporters are fictitious and say so; their e-mail addresses use the reserved .invalid domain. */
const DEMO_REPORTER = (k: number) => ({ anonymous: false, name: `ผู้แจ้งตัวอย่าง ${k}`, email: `reporter${k}@example.invalid`, notify: true });

const CASES: DemoCase[] = [
  { key: "cr-smoke", province: "57", ago: 2, categoryId: "pm25", subdistrictCode: "570901", lat: 20.4335, lon: 99.8826, text: "ควันไฟจากการเผาในที่โล่งหนาแน่นมาก หายใจลำบากตั้งแต่ช่วงเย็น บริเวณหลังตลาดแม่สาย", mine: true, steps: ["accept"], update: "เจ้าหน้าที่ป่าไม้และ อส. ออกตรวจพื้นที่แล้ว พบจุดเผา 2 จุด กำลังควบคุม" },
  { key: "cr-smoke-2", province: "57", ago: 1.5, categoryId: "pm25", subdistrictCode: "570901", lat: 20.4337, lon: 99.8828, text: "มีการเผาในที่โล่งหลังตลาดแม่สาย ควันหนาแน่นมาก หายใจลำบาก", anonymous: true },
  { key: "cr-flood", province: "57", ago: 1, categoryId: "flood", subdistrictCode: "570901", lat: 20.4287, lon: 99.8848, text: "ถนนหน้าโรงเรียนน้ำท่วมขังลึกประมาณ 30 เซนติเมตร รถเล็กผ่านไม่ได้ เด็กนักเรียนเดินลำบาก", channel: "hotline_1567", steps: ["accept", "start"] },
  { key: "cr-dogs", province: "57", ago: 12, categoryId: "stray-animal", subdistrictCode: "570101", lat: 19.9105, lon: 99.8406, text: "สุนัขจรจัดหลายตัวไล่กัดคนที่ออกกำลังกายรอบหอนาฬิกาช่วงเช้ามืด", mine: true, steps: ["accept", "start", "resolve", "rate"], reasonTh: "ปศุสัตว์จังหวัดร่วมกับเทศบาลนครเชียงรายจับสุนัขไปทำหมันและฉีดวัคซีน 6 ตัว ส่งศูนย์พักพิงแล้ว", rating: 4 },
  { key: "cr-light", province: "57", ago: 20, categoryId: "lighting", subdistrictCode: "570102", lat: 19.9191, lon: 99.8502, text: "ไฟทางบนถนนเลียบแม่น้ำกกดับยาวประมาณ 300 เมตร กลางคืนมืดมาก อันตรายต่อผู้ขับขี่", steps: ["accept"] },
  { key: "cr-misconduct", province: "57", ago: 3, categoryId: "complaint", subdistrictCode: "570101", text: "ขอร้องเรียนการให้บริการที่ล่าช้าของหน่วยงานแห่งหนึ่ง รอคิวทั้งวันโดยไม่มีการแจ้งความคืบหน้า", channel: "walk_in" },
  { key: "pb-flood", province: "76", ago: 6, categoryId: "flood", subdistrictCode: "760101", lat: 13.1112, lon: 99.9447, text: "น้ำท่วมถนนในชุมชนริมแม่น้ำเพชรบุรี ระดับน้ำสูงขึ้นเรื่อย ๆ ขอกระสอบทรายด่วน", steps: ["accept", "start", "resolve"], reasonTh: "ป้องกันและบรรเทาสาธารณภัยจังหวัดนำกระสอบทราย 500 ใบและเครื่องสูบน้ำ 2 เครื่องเข้าพื้นที่ ระดับน้ำลดลงแล้ว" },
  { key: "pb-road", province: "76", ago: 4, categoryId: "road", subdistrictCode: "760103", lat: 13.1301, lon: 99.9712, text: "ถนนลาดยางเป็นหลุมบ่อขนาดใหญ่หลายจุด รถจักรยานยนต์ล้มแล้ว 2 คัน", steps: ["accept"] },
  { key: "kk-road", province: "40", ago: 5, categoryId: "road", subdistrictCode: "400101", lat: 16.4322, lon: 102.8236, text: "ฝาท่อบนถนนกลางเมืองทรุดเป็นหลุม รถติดยาวช่วงเช้า", steps: ["accept", "start"], update: "ทางหลวงชนบทจังหวัดสำรวจแล้ว จะซ่อมภายในสัปดาห์นี้" },
  { key: "kk-noise", province: "40", ago: 1, categoryId: "noise", subdistrictCode: "400104", text: "ร้านอาหารเปิดเพลงเสียงดังเกินเที่ยงคืนทุกวัน รบกวนผู้สูงอายุและเด็ก", anonymous: true },
  { key: "ub-flood", province: "34", ago: 2, categoryId: "flood", subdistrictCode: "340101", lat: 15.2287, lon: 104.8564, text: "แม่น้ำมูลล้นตลิ่ง น้ำเข้าบ้านเรือนริมน้ำหลายหลัง ต้องการเรือและถุงยังชีพ", channel: "hotline_1567", steps: ["accept"] },
  { key: "ub-drain", province: "34", ago: 15, categoryId: "drain", subdistrictCode: "340104", lat: 15.2411, lon: 104.8475, text: "ท่อระบายน้ำอุดตันส่งกลิ่นเหม็น น้ำขังหน้าบ้านหลังฝนตกทุกครั้ง", steps: ["accept", "start", "resolve", "rate"], reasonTh: "ลอกท่อระบายน้ำตลอดแนวซอย 120 เมตรแล้ว ทดสอบหลังฝนตกไม่มีน้ำขัง", rating: 5 },
  { key: "br-traffic", province: "31", ago: 1, categoryId: "traffic", subdistrictCode: "310101", lat: 14.993, lon: 103.1029, text: "สัญญาณไฟจราจรแยกหน้าศาลากลางเสีย ไม่มีเจ้าหน้าที่อำนวยการจราจร" },
  { key: "br-welfare", province: "31", ago: 3, categoryId: "welfare", subdistrictCode: "310104", text: "ผู้สูงอายุอยู่ลำพัง ป่วยติดเตียง ขอความช่วยเหลือด้านค่าครองชีพและการดูแล", channel: "walk_in", steps: ["accept"] },
];

/**
 * Closed cases of the past months, a few of each common kind across the pilots: the routing suggestions of the demo
 * learn from them (the nightly training job runs once at the end of the seed), as a deployment's own history would teach it.
 */
const HISTORY: Record<string, { reasonTh: string; texts: string[] }> = {
  road: { reasonTh: "ซ่อมผิวถนนและปิดหลุมเรียบร้อยแล้ว", texts: ["ถนนคอนกรีตแตกร้าวเป็นหลุมลึก รถยนต์ตกหลุมยางแตกหลายคัน", "ผิวถนนลาดยางชำรุดเป็นหลุมบ่อตลอดสาย ฝนตกน้ำขังในหลุม ขับขี่อันตราย", "ถนนทรุดตัวเป็นแอ่งหน้าทางเข้าหมู่บ้าน รถจักรยานยนต์ล้มบ่อย", "ขอให้ซ่อมถนนลูกรังที่เป็นร่องลึกหลังฝนตก รถเข้าออกหมู่บ้านไม่ได้"] },
  flood: { reasonTh: "นำเครื่องสูบน้ำเข้าระบายน้ำ ระดับน้ำลดลงเป็นปกติแล้ว", texts: ["ฝนตกหนักน้ำท่วมขังถนนในชุมชนสูงระดับเข่า ระบายไม่ทัน", "น้ำป่าไหลหลากเข้าท่วมบ้านเรือนริมลำห้วย ขอเครื่องสูบน้ำ", "น้ำท่วมขังทางลอดใต้สะพานหลังฝนตก รถยนต์ดับกลางน้ำ", "ระดับน้ำในแม่น้ำเพิ่มสูงจนล้นตลิ่ง น้ำเข้าท่วมถนนเลียบแม่น้ำ"] },
  drain: { reasonTh: "ลอกท่อและรางระบายน้ำ เปลี่ยนฝาท่อที่ชำรุดแล้ว", texts: ["ท่อระบายน้ำหน้าตลาดอุดตันด้วยขยะ น้ำเน่าเสียส่งกลิ่นเหม็น", "ฝาท่อระบายน้ำแตกหัก เปิดโล่งอยู่กลางทางเท้า เด็กอาจตกลงไป", "รางระบายน้ำข้างถนนตื้นเขิน มีดินและใบไม้ทับถม น้ำไม่ไหล", "บ่อพักน้ำเสียล้นออกมาบนถนนทุกครั้งที่ฝนตก"] },
  lighting: { reasonTh: "เปลี่ยนหลอดไฟและซ่อมระบบไฟส่องสว่างแล้ว", texts: ["ไฟส่องสว่างริมถนนดับหลายต้นติดต่อกัน กลางคืนมืดมาก", "เสาไฟแสงสว่างในซอยไม่ติดมาเป็นเดือน เกรงจะเกิดอาชญากรรม", "โคมไฟถนนกะพริบติด ๆ ดับ ๆ หน้าโรงเรียน ขอให้เปลี่ยนหลอด", "ไฟสาธารณะในสวนสาธารณะดับทั้งหมด ผู้ออกกำลังกายตอนเย็นไม่ปลอดภัย"] },
  pm25: { reasonTh: "ดับไฟและตรวจปราบปรามการเผา แจ้งเตือนผู้ฝ่าฝืนแล้ว", texts: ["ฝุ่นควันปกคลุมทั้งเมือง ค่าฝุ่นสูงมาก มีการเผาไร่ข้าวโพดรอบหมู่บ้าน", "มีคนลักลอบเผาขยะและกิ่งไม้ทุกเย็น ควันเข้าบ้าน เด็กไอและแสบตา", "เผาตอซังข้าวในนาติดกับโรงเรียน ควันหนาแน่น นักเรียนหายใจไม่สะดวก", "ไฟไหม้ป่าบนดอยใกล้หมู่บ้าน ควันและเถ้าลอยเข้ามาในชุมชน"] },
  "stray-animal": { reasonTh: "จับสัตว์ไปทำหมันและฉีดวัคซีน ส่งศูนย์พักพิงแล้ว", texts: ["สุนัขจรจัดรวมฝูงหน้าตลาด เห่าไล่และกัดคนเดินผ่าน", "แมวจรจัดจำนวนมากในชุมชน คุ้ยขยะและส่งกลิ่น ขอให้ทำหมัน", "มีสุนัขจรจัดป่วยเป็นโรคผิวหนังหลายตัวอยู่ในวัด เกรงติดต่อ", "สุนัขจรจัดนอนขวางทางเข้าโรงพยาบาล ไล่กัดผู้ป่วยที่มาใช้บริการ"] },
  noise: { reasonTh: "เจ้าหน้าที่ตรวจวัดเสียงและตักเตือนผู้ประกอบการแล้ว", texts: ["สถานบันเทิงเปิดเพลงเสียงดังถึงตีสอง รบกวนการพักผ่อนของชาวบ้าน", "โรงงานเดินเครื่องจักรเสียงดังตลอดคืน นอนไม่หลับ", "รถจักรยานยนต์แต่งท่อเสียงดังรวมกลุ่มแข่งกันทุกคืน", "งานก่อสร้างตอกเสาเข็มตั้งแต่ตีห้า เสียงดังและแรงสั่นสะเทือน"] },
  traffic: { reasonTh: "จัดเจ้าหน้าที่อำนวยการจราจรและปรับรอบสัญญาณไฟแล้ว", texts: ["รถติดหนักหน้าโรงเรียนช่วงเช้า ไม่มีเจ้าหน้าที่อำนวยความสะดวกจราจร", "รถบรรทุกจอดกีดขวางช่องทางจราจรบนถนนสายหลักเป็นประจำ", "ไฟสัญญาณจราจรที่สี่แยกตั้งเวลาไม่เหมาะสม รถติดสะสมยาว", "รถจอดซ้อนคันหน้าตลาดทุกเช้า การจราจรติดขัดยาวถึงสะพาน"] },
  cleanliness: { reasonTh: "จัดรถเก็บขนขยะและทำความสะอาดพื้นที่แล้ว", texts: ["ขยะไม่มีการเก็บมาหนึ่งสัปดาห์ ส่งกลิ่นเหม็นและมีแมลงวัน", "มีคนลักลอบทิ้งขยะและเศษวัสดุก่อสร้างริมถนนเข้าหมู่บ้าน", "ถังขยะหน้าชุมชนล้นจนขยะกระจายเต็มถนน", "ตลาดนัดทิ้งขยะไว้หลังเลิกตลาดโดยไม่เก็บกวาด"] },
};
const HISTORY_PLACES = ["570101", "570901", "760101", "400101", "340101", "310101", "570102", "760103", "400104", "340104", "310104", "570902"];

/**
 * The demo's cases in the five pilot provinces: every status and channel, a merged duplicate (Mae Sai smoke,
 * two reporters), a case past its service level (escalated by the job), a sensitive complaint, and a routing rule
 * (roads in Mae Sai go to the Chiang Rai PAO). Reporters are fictitious; everything is marked demo.
 */
export async function seedDemoCases({ ctx }: { ctx: Ctx }): Promise<void> {
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(cases).where(sql`${cases.isDemo}`)) as [{ n: number }];
  if (n > 0) return;
  const now = ctx.now().getTime();
  const at = (t: number, actor: Actor): Ctx => ({ ...ctx, actor, now: () => new Date(t) });
  const demoCitizen = await accountIdByUsername(ctx, "citizen");
  await setRoutingRule({ ctx: at(now - 30 * DAY, staff("strategy_officer", "area:province:57", "demo-strategy.chiangrai")), input: { areaId: "district:5709", categoryId: "road", orgId: "pao:57", noteTh: "ถนนในอำเภอแม่สายส่วนใหญ่เป็นถนนของ อบจ.เชียงราย (ตัวอย่าง)" } });
  const ids = new Map<string, string>();
  let k = 0;
  for (const d of CASES) {
    k++;
    const t0 = now - d.ago * DAY;
    const reporterActor = d.channel ? staff("district_officer", `area:district:${d.subdistrictCode.slice(0, 4)}`, `demo-counter-${d.subdistrictCode.slice(0, 4)}`) : citizen(d.mine ? demoCitizen : null);
    const r = await submitCase({
      ctx: at(t0, reporterActor),
      input: { categoryId: d.categoryId, descriptionTh: d.text, subdistrictCode: d.subdistrictCode, lat: d.lat, lon: d.lon, reporter: d.anonymous ? { anonymous: true, notify: false } : DEMO_REPORTER(k), consent: true, channel: d.channel },
    });
    ids.set(d.key, r.id);
    const handler = staff("district_officer", `area:district:${d.subdistrictCode.slice(0, 4)}`, `demo-centre-${d.subdistrictCode.slice(0, 4)}`);
    let t = t0 + 2 * HOUR;
    for (const step of d.steps ?? []) {
      const c = at(t, handler);
      if (step === "accept") await acceptCase({ ctx: c, input: { id: r.id } });
      if (step === "start") await startCase({ ctx: c, input: { id: r.id } });
      if (step === "resolve") await resolveCase({ ctx: c, input: { id: r.id, reasonTh: d.reasonTh } });
      if (step === "rate") await rateCase({ ctx: at(t, citizen(d.mine ? demoCitizen : null)), input: { id: r.id, trackingCode: r.trackingCode, rating: d.rating ?? 4 } });
      if (step === "start" && d.update) await addCaseEvent({ ctx: at(t + HOUR, handler), input: { id: r.id, textTh: d.update, visibility: "public" } });
      t += (d.ago * DAY) / 5;
    }
    if (d.update && !d.steps?.includes("start")) await addCaseEvent({ ctx: at(t, handler), input: { id: r.id, textTh: d.update, visibility: "public" } });
  }
  // the past months: closed cases the routing suggestions learn from
  let h = 0;
  for (const [categoryId, { reasonTh, texts }] of Object.entries(HISTORY)) {
    for (const text of texts) {
      const subdistrictCode = HISTORY_PLACES[h % HISTORY_PLACES.length]!;
      const t0 = now - (160 - h * 3) * DAY;
      h++;
      const r = await submitCase({ ctx: at(t0, citizen(null)), input: { categoryId, descriptionTh: text, subdistrictCode, reporter: { anonymous: true, notify: false }, consent: true } });
      ids.set(`history-${h}`, r.id);
      const handler = staff("district_officer", `area:district:${subdistrictCode.slice(0, 4)}`, `demo-centre-${subdistrictCode.slice(0, 4)}`);
      await acceptCase({ ctx: at(t0 + 3 * HOUR, handler), input: { id: r.id } });
      await resolveCase({ ctx: at(t0 + 2 * DAY, handler), input: { id: r.id, reasonTh } });
      await rateCase({ ctx: at(t0 + 3 * DAY, citizen(null)), input: { id: r.id, trackingCode: r.trackingCode, rating: 3 + (h % 3) } });
    }
  }
  // the second smoke report repeats the first: the Mae Sai centre merges it, its reporter now follows the first
  await mergeCase({ ctx: at(now - 1.4 * DAY, staff("district_officer", "area:district:5709", "demo-centre-5709")), input: { id: ids.get("cr-smoke-2")!, intoId: ids.get("cr-smoke")! } });
  await escalateCases({ ctx: { ...ctx, now: () => new Date(now) } });
  await withTransaction(ctx, async (tx) => {
    await tx.db.update(cases).set({ isDemo: true }).where(inArray(cases.id, [...ids.values()]));
    await writeAudit(tx, { action: "cases.seed.demo", entityType: "case", entityId: "demo", after: { cases: ids.size } });
  });
  // what the nightly job would have learnt from this history
  await trainRoutingModels({ ctx: { ...ctx, now: () => new Date(now) } });
}
