import { and, asc, eq, gt } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.js";
import type { Ctx } from "../../platform/ctx.js";
import { addDays, bangkokToday } from "../../platform/thai/dates.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { cancelProcurement } from "./cancel-procurement.js";
import { completeProcurement } from "./complete-procurement.js";
import { juristicTaxId, type ProcurementStage } from "./contracts-procurement.js";
import { createProcurement } from "./create-procurement.js";
import { createProject } from "./create-project.js";
import { openTender } from "./open-tender.js";
import { recordAward } from "./record-award.js";
import { recordPayment } from "./record-payment.js";
import { signContract } from "./sign-contract.js";
import { projectProgress, projects } from "./tables.js";

const PROVINCES: [string, string][] = [["57", "เชียงราย"], ["34", "อุบลราชธานี"], ["31", "บุรีรัมย์"], ["40", "ขอนแก่น"], ["76", "เพชรบุรี"]];
const STAGES: ProcurementStage[] = ["planning", "tender", "award", "contract", "implementation", "complete", "cancelled", "unsuccessful"];

/** What each demo process buys: Thai titles as offices write them, the OCDS method and its Thai name. */
const ITEMS = [
  { titleTh: "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหนองบัว–บ้านโนนสูง", method: "open", methodDetailsTh: "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", category: "works", value: 4_850_000, office: "rural-roads" },
  { titleTh: "ซื้อเมล็ดพันธุ์ข้าวและปัจจัยการผลิตเพื่อฟื้นฟูหลังน้ำท่วม", method: "limited", methodDetailsTh: "เฉพาะเจาะจง", category: "goods", value: 480_000, office: "agricultural-extension" },
  { titleTh: "จ้างขุดลอกแหล่งน้ำสาธารณะเพื่อการเกษตร", method: "open", methodDetailsTh: "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", category: "works", value: 2_300_000, office: "rural-roads" },
  { titleTh: "จ้างที่ปรึกษาจัดทำแผนพัฒนาการท่องเที่ยวชุมชน", method: "selective", methodDetailsTh: "คัดเลือก", category: "services", value: 950_000, office: "agricultural-extension" },
];

/** A fictitious officer of the demo (the name says so). */
const demoOfficer = (p: string, name: string): Actor => ({ kind: "user", id: `demo-procurement:${p}`, name: `${name} (ตัวอย่าง)`, grants: [{ role: "strategy_officer", scope: `area:province:${p}` }] });

/**
 * Demo procurement in the five pilot provinces: two demo projects each (codes DEMO-PROC-<province>-NN) and a process
 * at every stage, recorded through the use cases (rules, audit, versions) with fictional suppliers marked ตัวอย่าง and
 * valid-checksum tax ids; and the whole story (tender to completion) of two FY 2569 One Plan projects per province
 * (seedStory). Skipped when already seeded.
 */
export async function seedDemoProcurement({ ctx }: { ctx: Ctx }): Promise<void> {
  const [done] = await ctx.db.select({ id: projects.id }).from(projects).where(eq(projects.code, "DEMO-PROC-57-01")).limit(1);
  if (done) return;
  const today = bangkokToday(ctx.now());
  const fy = fiscalYearOf(today);
  const d = (n: number) => addDays(today, -n);
  let serial = 880_000_000;
  for (const [p, nameTh] of PROVINCES) {
    const as: Ctx = { ...ctx, actor: demoOfficer(p, `เจ้าหน้าที่พัสดุจังหวัด${nameTh}`) };
    const proj = [];
    for (const [k, office] of (["rural-roads", "agricultural-extension"] as const).entries()) {
      proj.push(
        await createProject({
          ctx: as,
          input: {
            code: `DEMO-PROC-${p}-0${k + 1}`,
            fiscalYear: fy,
            provinceCode: p,
            origin: "agency",
            ownerOrgId: `pro:${p}:${office}`,
            titleTh: k === 0 ? `พัฒนาโครงสร้างพื้นฐานเพื่อการเกษตรจังหวัด${nameTh}` : `ส่งเสริมอาชีพและฟื้นฟูเกษตรกรจังหวัด${nameTh}`,
            goalIds: [`prov:${p}:goal:1.1`],
            areaCodes: [`${p}0101`],
            budgetLines: [{ source: "province", amount: 30_000_000 }],
            isDemo: true,
          },
        }),
      );
    }
    for (const [i, stage] of STAGES.entries()) {
      const item = ITEMS[i % ITEMS.length]!;
      const project = proj[item.office === "rural-roads" ? 0 : 1]!;
      let x = await createProcurement({ ctx: as, input: { projectId: project.id, titleTh: `${item.titleTh} (${nameTh})`, method: item.method as "open", methodDetailsTh: item.methodDetailsTh, category: item.category as "works", plannedValue: item.value, isDemo: true } });
      if (stage === "planning") continue;
      x = await openTender({ ctx: as, input: { id: x.id, version: x.version, tenderValue: item.value * 0.98, tenderStart: d(70), tenderEnd: d(55) } });
      if (stage === "tender") continue;
      if (stage === "unsuccessful") {
        await cancelProcurement({ ctx: as, input: { id: x.id, version: x.version, outcome: "unsuccessful", reasonTh: "ไม่มีผู้ยื่นข้อเสนอที่ผ่านคุณสมบัติ", closedOn: d(54) } });
        continue;
      }
      const bids = [
        { nameTh: `บริษัท ${nameTh}ก่อสร้างตัวอย่าง จำกัด (ตัวอย่าง)`, taxId: juristicTaxId(serial++), bidAmount: Math.round(item.value * 0.95) },
        { nameTh: `ห้างหุ้นส่วนจำกัด รุ่งเรืองการช่างตัวอย่าง (ตัวอย่าง)`, taxId: juristicTaxId(serial++), bidAmount: Math.round(item.value * 0.97) },
      ];
      x = await recordAward({ ctx: as, input: { id: x.id, version: x.version, tenderers: bids, supplierTaxId: bids[0]!.taxId, awardAmount: bids[0]!.bidAmount, awardDate: d(50) } });
      if (stage === "award") continue;
      if (stage === "cancelled") {
        await cancelProcurement({ ctx: as, input: { id: x.id, version: x.version, outcome: "cancelled", reasonTh: "ผู้ชนะไม่มาลงนามสัญญาภายในกำหนด", closedOn: d(40) } });
        continue;
      }
      const amount = bids[0]!.bidAmount;
      x = await signContract({ ctx: as, input: { id: x.id, version: x.version, contractNo: `${p}/${fy}-${i + 1}`, contractAmount: amount, signedOn: d(45), periodStart: d(44), periodEnd: addDays(today, 120) } });
      if (stage === "contract") continue;
      x = await recordPayment({ ctx: as, input: { id: x.id, version: x.version, amount: Math.round(amount * 0.4), paidOn: d(20) } });
      if (stage === "implementation") continue;
      x = await recordPayment({ ctx: as, input: { id: x.id, version: x.version, amount: amount - Math.round(amount * 0.4), paidOn: d(5) } });
      await completeProcurement({ ctx: as, input: { id: x.id, version: x.version, completedOn: d(3) } });
    }
    for (const n of [1, 3]) serial = await seedStory(as, p, nameTh, `DEMO-${p}-2569-0${n}`, serial);
  }
}

/**
 * The whole story of one FY 2569 project of the One Plan demo (approved 26 Sep 2025, with its budget lines and a year
 * of progress): e-bidding in November, the award in December, the contract signed on 15 December (its first
 * milestone), a payment each month out of what the project disbursed, and for a completed project the procurement
 * closed. So the project's page shows proposal → approval → allocation → contract → progress → outcome in one place.
 */
async function seedStory(as: Ctx, p: string, nameTh: string, code: string, serial: number): Promise<number> {
  const [project] = await as.db.select().from(projects).where(eq(projects.code, code)).limit(1);
  if (!project || project.fiscalYear !== 2569) return serial;
  const total = Math.floor(Number(project.totalBudget));
  const planned = Math.floor((total * 0.9) / 1000) * 1000;
  const works = /ก่อสร้าง|ปรับปรุง|ถนน|ขุด/.test(project.titleTh);
  let x = await createProcurement({ ctx: as, input: { projectId: project.id, titleTh: `${works ? "จ้าง" : "จัดหาพัสดุและจ้างดำเนินงาน"}${project.titleTh.replace(/ \(ตัวอย่าง\)$/, "")}`, method: "open", methodDetailsTh: "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", category: works ? "works" : "goods", plannedValue: planned, isDemo: true } });
  x = await openTender({ ctx: as, input: { id: x.id, version: x.version, tenderValue: planned, tenderStart: "2025-11-03", tenderEnd: "2025-11-24" } });
  const bids = [
    { nameTh: `บริษัท ${nameTh}พัฒนาตัวอย่าง จำกัด (ตัวอย่าง)`, taxId: juristicTaxId(serial++), bidAmount: Math.round(planned * 0.95) },
    { nameTh: `ห้างหุ้นส่วนจำกัด ศรี${nameTh}การโยธาตัวอย่าง (ตัวอย่าง)`, taxId: juristicTaxId(serial++), bidAmount: Math.round(planned * 0.985) },
    { nameTh: `บริษัท สยามบริการตัวอย่าง จำกัด (ตัวอย่าง)`, taxId: juristicTaxId(serial++), bidAmount: Math.round(planned * 0.99) },
  ];
  x = await recordAward({ ctx: as, input: { id: x.id, version: x.version, tenderers: bids, supplierTaxId: bids[0]!.taxId, awardAmount: bids[0]!.bidAmount, awardDate: "2025-12-05" } });
  const contract = bids[0]!.bidAmount;
  x = await signContract({ ctx: as, input: { id: x.id, version: x.version, contractNo: `${p}/2569-${code.slice(-2)}`, contractAmount: contract, signedOn: "2025-12-15", periodStart: "2025-12-16", periodEnd: "2026-08-31" } });
  // the contractor is paid on the 25th out of the month's disbursement (nine tenths of it: the rest is the office's own spending)
  const months = await as.db.select().from(projectProgress).where(and(eq(projectProgress.projectId, project.id), gt(projectProgress.month, "2025-12-01"))).orderBy(asc(projectProgress.month));
  let paid = 0;
  let lastPaid = "2025-12-15";
  for (const m of months) {
    const amount = Math.min(Math.floor(Number(m.disbursed ?? 0) * 0.9), contract - paid);
    const paidOn = `${m.month.slice(0, 7)}-25`;
    if (amount <= 0 || paidOn > bangkokToday(as.now())) continue;
    x = await recordPayment({ ctx: as, input: { id: x.id, version: x.version, amount, paidOn } });
    paid += amount;
    lastPaid = paidOn;
  }
  if (project.status === "completed") {
    if (paid < contract) {
      lastPaid = lastPaid < "2026-09-10" ? "2026-09-10" : addDays(lastPaid, 2);
      x = await recordPayment({ ctx: as, input: { id: x.id, version: x.version, amount: contract - paid, paidOn: lastPaid } });
    }
    await completeProcurement({ ctx: as, input: { id: x.id, version: x.version, completedOn: addDays(lastPaid, 5) } });
  }
  return serial;
}
