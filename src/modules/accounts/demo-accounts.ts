import type { DemoAccount } from "./contracts.js";

/** Demo mode only: one account per role in the 2024 pilot provinces; the login page lists them. */
export const DEMO_PASSWORD = "changwat-demo";

type Def = Omit<DemoAccount, "password" | "home">;
export const DEMO_ACCOUNTS: Def[] = [
  { username: "admin", displayName: "ผู้ดูแลระบบ (ตัวอย่าง)", roleLabel: "administrator", grants: [{ role: "administrator", scope: "nation" }] },
  { username: "governor.chiangrai", displayName: "ผู้ว่าราชการจังหวัดเชียงราย (ตัวอย่าง)", roleLabel: "governor", grants: [{ role: "governor", scope: "area:province:57" }] },
  { username: "vicegov.chiangrai", displayName: "รองผู้ว่าฯ เชียงราย CCO (ตัวอย่าง)", roleLabel: "vice_governor", grants: [{ role: "vice_governor", scope: "area:province:57" }] },
  { username: "strategy.chiangrai", displayName: "กลุ่มงานยุทธศาสตร์ จ.เชียงราย (ตัวอย่าง)", roleLabel: "strategy_officer", grants: [{ role: "strategy_officer", scope: "area:province:57" }] },
  { username: "head.land.chiangrai", displayName: "หัวหน้าสำนักงานที่ดินจังหวัดเชียงราย (ตัวอย่าง)", roleLabel: "agency_head", grants: [{ role: "agency_head", scope: "org:pro:57:land" }] },
  { username: "officer.health.chiangrai", displayName: "เจ้าหน้าที่ สสจ.เชียงราย (ตัวอย่าง)", roleLabel: "agency_officer", grants: [{ role: "agency_officer", scope: "org:pro:57:public-health" }] },
  { username: "district.maesai", displayName: "ศูนย์ดำรงธรรมอำเภอแม่สาย (ตัวอย่าง)", roleLabel: "district_officer", grants: [{ role: "district_officer", scope: "area:district:5709" }] },
  { username: "cluster.n2", displayName: "สำนักงานกลุ่มจังหวัดภาคเหนือตอนบน 2 (ตัวอย่าง)", roleLabel: "cluster_office", grants: [{ role: "cluster_office", scope: "area:cluster:N2" }] },
  { username: "dpm.office", displayName: "สำนักงานรองนายกรัฐมนตรี (ตัวอย่าง)", roleLabel: "deputy_pm_office", grants: ["N2", "NE3", "NE4", "NE5", "C4"].map((c) => ({ role: "deputy_pm_office" as const, scope: `area:cluster:${c}` })) },
  { username: "moi.officer", displayName: "เจ้าหน้าที่กระทรวงมหาดไทย (ตัวอย่าง)", roleLabel: "ministry_officer", grants: [{ role: "ministry_officer", scope: "org:moi" }] },
  { username: "dopa.officer", displayName: "เจ้าหน้าที่กรมการปกครอง (ตัวอย่าง)", roleLabel: "department_officer", grants: [{ role: "department_officer", scope: "org:moi.dopa" }] },
  { username: "opdc.evaluator", displayName: "ผู้ประเมิน สำนักงาน ก.พ.ร. (ตัวอย่าง)", roleLabel: "opdc_evaluator", grants: [{ role: "opdc_evaluator", scope: "nation" }] },
  { username: "pmoc", displayName: "ศูนย์ปฏิบัติการนายกรัฐมนตรี (ตัวอย่าง)", roleLabel: "pmoc_viewer", grants: [{ role: "pmoc_viewer", scope: "nation" }] },
  { username: "governor.ubon", displayName: "ผู้ว่าราชการจังหวัดอุบลราชธานี (ตัวอย่าง)", roleLabel: "governor", grants: [{ role: "governor", scope: "area:province:34" }] },
  { username: "governor.buriram", displayName: "ผู้ว่าราชการจังหวัดบุรีรัมย์ (ตัวอย่าง)", roleLabel: "governor", grants: [{ role: "governor", scope: "area:province:31" }] },
  { username: "governor.khonkaen", displayName: "ผู้ว่าราชการจังหวัดขอนแก่น (ตัวอย่าง)", roleLabel: "governor", grants: [{ role: "governor", scope: "area:province:40" }] },
  { username: "strategy.khonkaen", displayName: "กลุ่มงานยุทธศาสตร์ จ.ขอนแก่น (ตัวอย่าง)", roleLabel: "strategy_officer", grants: [{ role: "strategy_officer", scope: "area:province:40" }] },
  { username: "governor.phetchaburi", displayName: "ผู้ว่าราชการจังหวัดเพชรบุรี (ตัวอย่าง)", roleLabel: "governor", grants: [{ role: "governor", scope: "area:province:76" }] },
  { username: "citizen", displayName: "ประชาชน (ตัวอย่าง)", roleLabel: "citizen", grants: [{ role: "citizen", scope: "nation" }] },
];
