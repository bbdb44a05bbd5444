import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { RoleId } from "../../platform/auth/policy.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { addBusinessDays, isBusinessDay, type Holidays } from "../../platform/thai/deadlines.js";
import { addDays, diffDays } from "../../platform/thai/dates.js";
import { demoRandom } from "../../platform/demo-random.js";
import { decidePermitApplication } from "./decide-permit-application.js";
import { loadHolidays } from "./permit-rules.js";
import { receivePermitApplication } from "./receive-permit-application.js";
import { todayOf } from "./rules.js";
import { PILOTS } from "./seed-demo.js";
import { startPermitReview } from "./start-permit-review.js";
import { permitApplications } from "./tables.js";

const PROVINCE_TH: Record<(typeof PILOTS)[number], string> = { "34": "อุบลราชธานี", "31": "บุรีรัมย์", "40": "ขอนแก่น", "57": "เชียงราย", "76": "เพชรบุรี" };
const CAPITAL: Record<(typeof PILOTS)[number], string> = { "34": "3401", "31": "3101", "40": "4001", "57": "5701", "76": "7601" };
const FY2568_START = "2024-10-01";
const FY2569_END = "2026-09-30";

const LAND_USE = ["ขอใช้ที่สาธารณประโยชน์เพื่อวางท่อประปาหมู่บ้าน", "ขอใช้ที่ดินของรัฐเพื่อปักเสาพาดสายไฟฟ้าเข้าไร่นา", "ขอใช้ที่สาธารณประโยชน์เพื่อสร้างลานตากผลผลิตของชุมชน", "ขอใช้ที่ดินของรัฐเพื่อทำทางเข้าออกสู่ถนนสาธารณะ", "ขอใช้ที่สาธารณประโยชน์เพื่อติดตั้งหอกระจายข่าวหมู่บ้าน", "ขอใช้ที่ดินของรัฐเพื่อวางท่อระบายน้ำลงลำห้วยสาธารณะ"];
const HOTELS = ["ขอใบอนุญาตประกอบธุรกิจโรงแรม 12 ห้อง", "ขอใบอนุญาตประกอบธุรกิจโรงแรม (รีสอร์ต) 20 ห้อง", "ขอใบอนุญาตประกอบธุรกิจโรงแรม 35 ห้อง ใกล้สถานีขนส่ง", "ขอต่ออายุและขยายใบอนุญาตประกอบธุรกิจโรงแรมเป็น 48 ห้อง"];
const LEASES = ["ขอเช่าที่ดินของรัฐ (ที่สาธารณประโยชน์ที่ถอนสภาพแล้ว) เพื่อตั้งโรงงานแปรรูปมันสำปะหลัง", "ขอเช่าที่ดินของรัฐเพื่อทำตลาดชุมชน", "ขอเช่าที่ดินของรัฐเพื่อตั้งศูนย์รวบรวมผลผลิตทางการเกษตร", "ขอเช่าที่ดินของรัฐเพื่อสร้างโรงเรือนเพาะเห็ดของวิสาหกิจชุมชน"];
const PEOPLE = ["นายสมมุติ ใจดี", "นางสาวทดลอง รักถิ่น", "นายตัวอย่าง มั่นคง", "นางสมมติ ขยันงาน", "นายจำลอง สุขใจ", "นางสาวสาธิต ทองดี"];
const FIRMS = ["บริษัท ตัวอย่างรีสอร์ต จำกัด", "ห้างหุ้นส่วนจำกัด ทดลองการโยธา", "วิสาหกิจชุมชนบ้านตัวอย่าง", "บริษัท สมมุติเกษตรแปรรูป จำกัด", "บริษัท สาธิตการโรงแรม จำกัด"];
const REFUSALS = ["ที่ดินแปลงที่ขออยู่ในเขตทางน้ำสาธารณะ การใช้ประโยชน์จะกีดขวางทางน้ำ", "องค์กรปกครองส่วนท้องถิ่นที่ดูแลที่ดินไม่เห็นชอบ เนื่องจากราษฎรใช้ประโยชน์ร่วมกันอยู่", "เอกสารประกอบคำขอไม่ครบถ้วนและผู้ขอไม่ได้ส่งเพิ่มเติมภายในเวลาที่กำหนด"];

/** A fictitious person of the demo acting in a post (the name says so). */
const demoActor = (role: RoleId, scope: string, name: string): Actor => ({ kind: "user", id: `demo-permit:${role}:${scope}`, name: `${name} (ตัวอย่าง)`, grants: [{ role, scope }] });

function deciderFor(scope: string, p: (typeof PILOTS)[number]): Actor {
  if (scope.startsWith("area:district:")) return demoActor("district_officer", scope, `นายอำเภอเมือง${PROVINCE_TH[p]}`);
  if (scope.startsWith("area:province:")) return demoActor("governor", scope, `ผู้ว่าราชการจังหวัด${PROVINCE_TH[p]}`);
  if (scope === "org:moi.dol") return demoActor("department_officer", scope, "เจ้าหน้าที่กรมที่ดิน");
  if (scope === "org:moi.dopa") return demoActor("department_officer", scope, "เจ้าหน้าที่กรมการปกครอง");
  return demoActor(scope.includes(".") ? "department_officer" : "ministry_officer", scope, `เจ้าหน้าที่ ${scope.slice(4)}`);
}

/**
 * Demo permits (labelled demo, applicants fictitious and marked "(ตัวอย่าง)"), made through the use cases by posts
 * that hold the power, from a fixed-seed generator. For each 2024 pilot province over FY 2568–2569: public-land use
 * (P-ADM-015) and hotel licences (P-ADM-010) — the few received in October 2024, before the instruments of
 * 1 Nov 2024, went to the centre and took long; later ones were decided in the province (the capital district's
 * chief within 500,000 baht) — and a few open ones, some overdue. For Khon Kaen, state-land leases (P-ADM-013)
 * decided centrally by the Department of Lands with long turnarounds: the "before" of Khon Kaen's request.
 */
export async function seedDemoPermits({ ctx }: { ctx: Ctx }): Promise<void> {
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(permitApplications).where(sql`${permitApplications.isDemo}`)) as [{ n: number }];
  if (n > 0) return;
  await withTransaction(ctx, async (tx) => {
    const today = todayOf(tx);
    const holidays = await loadHolidays(tx);
    const rnd = demoRandom("delegation.demo-permits.v1");
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd.uniform() * xs.length)]!;
    // a business day in [a, b], never after today
    const between = (a: string, b: string) => {
      const end = b < today ? b : today;
      const d = workday(addDays(a, Math.floor(rnd.uniform() * (diffDays(a, end) + 1))), holidays);
      return d <= today ? d : addBusinessDays(d, -1, holidays);
    };
    const days = (mean: number, sd: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(mean + sd * rnd.normal())));
    let k = 0;
    let decided = 0;

    type Spec = { p: (typeof PILOTS)[number]; powerCode: string; receivedOn: string; district: boolean; business: boolean; subjectTh: string; amount?: number };
    const receive = async (s: Spec) => {
      const districtCode = s.district ? CAPITAL[s.p] : undefined;
      const counter = districtCode ? demoActor("district_officer", `area:district:${districtCode}`, `ศูนย์ดำรงธรรมอำเภอเมือง${PROVINCE_TH[s.p]}`) : demoActor("strategy_officer", `area:province:${s.p}`, `เจ้าหน้าที่รับคำขอ ศาลากลางจังหวัด${PROVINCE_TH[s.p]}`);
      const name = `${s.business ? pick(FIRMS) : pick(PEOPLE)} (ตัวอย่าง)`;
      return receivePermitApplication({
        ctx: { ...tx, actor: counter },
        input: { id: `demo-permit-${String(++k).padStart(3, "0")}`, isDemo: true, powerCode: s.powerCode, provinceCode: s.p, districtCode, applicantKind: s.business ? "business" : "citizen", applicant: { name, address: `บ้านตัวอย่าง หมู่ ${1 + Math.floor(rnd.uniform() * 12)} จังหวัด${PROVINCE_TH[s.p]} (ตัวอย่าง)` }, subjectTh: s.subjectTh, amount: s.amount, receivedOn: s.receivedOn },
      });
    };
    /** then: decided after that many business days (unless that day is still to come: it waits, under review), or "review" / "open" */
    type Plan = Spec & { then: number | "review" | "open" };
    const plans: Plan[] = [];
    const ago = (n: number) => addBusinessDays(today, -n, holidays);

    for (const p of PILOTS) {
      // public-land use: two in October 2024 (central, before the instrument of 1 Nov 2024), five decided in the province
      for (let j = 0; j < 2; j++) plans.push({ p, powerCode: "P-ADM-015", receivedOn: between("2024-10-01", "2024-10-25"), district: false, business: false, subjectTh: pick(LAND_USE), then: days(58, 16, 25, 110) });
      for (let j = 0; j < 5; j++) {
        const amount = Math.round((20_000 + rnd.uniform() * 780_000) / 1000) * 1000;
        plans.push({ p, powerCode: "P-ADM-015", receivedOn: between("2024-12-02", "2026-08-31"), district: rnd.uniform() < 0.6, business: rnd.uniform() < 0.2, subjectTh: pick(LAND_USE), amount, then: days(9, 4, 1, 30) });
      }
      // hotel licences: one before the governors held the power, three after
      plans.push({ p, powerCode: "P-ADM-010", receivedOn: between("2024-10-01", "2024-10-25"), district: false, business: true, subjectTh: pick(HOTELS), then: days(47, 12, 20, 90) });
      for (let j = 0; j < 3; j++) plans.push({ p, powerCode: "P-ADM-010", receivedOn: between("2024-11-04", FY2569_END), district: false, business: true, subjectTh: pick(HOTELS), then: days(15, 6, 2, 45) });
      // the open queue: one just received at the district, one under review past its 15 days, one hotel licence in time
      plans.push({ p, powerCode: "P-ADM-015", receivedOn: ago(3 + (plans.length % 3)), district: true, business: false, subjectTh: pick(LAND_USE), amount: 60_000, then: "open" });
      plans.push({ p, powerCode: "P-ADM-015", receivedOn: ago(20 + (plans.length % 5)), district: false, business: false, subjectTh: pick(LAND_USE), amount: 650_000, then: "review" });
      plans.push({ p, powerCode: "P-ADM-010", receivedOn: ago(8 + (plans.length % 4)), district: false, business: true, subjectTh: pick(HOTELS), then: "open" });
    }
    // Khon Kaen's state-land leases: still central, decided by the Department of Lands after months (service level 90 days)
    for (let j = 0; j < 10; j++) plans.push({ p: "40", powerCode: "P-ADM-013", receivedOn: between(FY2568_START, "2026-04-30"), district: false, business: true, subjectTh: pick(LEASES), amount: Math.round(50 + rnd.uniform() * 400) * 1000, then: days(98, 24, 45, 170) });
    plans.push({ p: "40", powerCode: "P-ADM-013", receivedOn: ago(105), district: false, business: true, subjectTh: LEASES[0]!, amount: 240_000, then: "open" });
    plans.push({ p: "40", powerCode: "P-ADM-013", receivedOn: ago(28), district: false, business: false, subjectTh: LEASES[3]!, amount: 90_000, then: "review" });

    // in the order the counters received them, so tracking numbers run with the dates
    plans.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.p.localeCompare(b.p));
    for (const plan of plans) {
      const a = await receive(plan);
      const who = { ...tx, actor: deciderFor(a.deciderScope, plan.p) };
      const decidedOn = typeof plan.then === "number" ? addBusinessDays(a.receivedOn, plan.then, holidays) : null;
      if (plan.then === "open") continue;
      if (decidedOn === null || decidedOn > today) {
        await startPermitReview({ ctx: who, input: { id: a.id } });
        continue;
      }
      const refuse = rnd.uniform() < 0.12;
      await decidePermitApplication({ ctx: who, input: { id: a.id, decision: refuse ? "refuse" : "approve", reasonTh: refuse ? pick(REFUSALS) : "เป็นไปตามหลักเกณฑ์และมีความเห็นชอบของหน่วยงานที่เกี่ยวข้อง", decidedOn } });
      decided++;
    }
    await writeAudit(tx, { action: "delegation.seed.demo-permits", entityType: "permit-application", entityId: "demo", after: { applications: k, decided } });
  });
}

/** The date itself when it is a business day, else the next one (counters open on business days). */
function workday(d: string, holidays: Holidays): string {
  return isBusinessDay(d, holidays) ? d : addBusinessDays(d, 1, holidays);
}
