/**
 * Planning imports (project lists and allocation notices from CSV/XLSX): the kinds, their columns with the Thai
 * headers templates carry (either spelling is accepted), and the job view (the registry's import job). Browser-safe.
 */
import { z } from "zod";

export const PlanningImportKind = z.enum(["planning-projects", "planning-allocations"]);
export type PlanningImportKind = z.infer<typeof PlanningImportKind>;
export const PLANNING_IMPORT_KINDS = PlanningImportKind.options;

export type ImportColumn = { name: string; th: string; required: boolean; example: string };

/** Columns of a project list: one row per project; budget columns per source (baht); subdistricts and goals comma-separated. */
export const PROJECT_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { name: "code", th: "รหัสโครงการ", required: true, example: "2570-76-001" },
  { name: "fiscal_year", th: "ปีงบประมาณ", required: true, example: "2570" },
  { name: "province_code", th: "จังหวัด", required: true, example: "76" },
  { name: "owner_org_id", th: "หน่วยงานเจ้าของ", required: true, example: "pro:76:agricultural-extension" },
  { name: "title_th", th: "ชื่อโครงการ", required: true, example: "ส่งเสริมการปลูกมะนาวแป้นเพชรบุรี" },
  { name: "title_en", th: "ชื่อโครงการภาษาอังกฤษ", required: false, example: "Phetchaburi lime growing" },
  { name: "origin", th: "ที่มา", required: false, example: "agency" },
  { name: "goal_ids", th: "เป้าหมายจังหวัด", required: true, example: "prov:76:goal:1.1" },
  { name: "area_codes", th: "ตำบล", required: false, example: "760101,760102" },
  { name: "budget_function", th: "งบฟังก์ชัน", required: false, example: "1,250,000" },
  { name: "budget_province", th: "งบจังหวัด", required: false, example: "300000" },
  { name: "budget_cluster", th: "งบกลุ่มจังหวัด", required: false, example: "" },
  { name: "budget_local", th: "งบท้องถิ่น", required: false, example: "" },
  { name: "budget_matching", th: "งบสมทบ", required: false, example: "" },
  { name: "budget_central_fund", th: "งบกลาง", required: false, example: "" },
  { name: "start_date", th: "วันเริ่ม", required: false, example: "1 ต.ค. 2569" },
  { name: "end_date", th: "วันสิ้นสุด", required: false, example: "30/09/2570" },
  { name: "objective_th", th: "วัตถุประสงค์", required: false, example: "เพิ่มรายได้เกษตรกร" },
];

/** Columns of allocation notices: one row per line; rows with the same year, department, province, reference and date form one notice. */
export const ALLOCATION_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { name: "fiscal_year", th: "ปีงบประมาณ", required: true, example: "2570" },
  { name: "from_org_id", th: "หน่วยงานผู้แจ้ง", required: true, example: "moac.doae" },
  { name: "province_code", th: "จังหวัด", required: true, example: "76" },
  { name: "reference_th", th: "เลขที่หนังสือ", required: false, example: "กษ 0201/123" },
  { name: "notified_on", th: "วันที่แจ้ง", required: false, example: "15 พ.ย. 2569" },
  { name: "project_code", th: "รหัสโครงการ", required: false, example: "2570-76-001" },
  { name: "description_th", th: "รายการ", required: true, example: "ค่าวัสดุการเกษตร" },
  { name: "amount", th: "จำนวนเงิน", required: true, example: "250000" },
];

export const PLANNING_IMPORT_COLUMNS: Record<PlanningImportKind, readonly ImportColumn[]> = {
  "planning-projects": PROJECT_IMPORT_COLUMNS,
  "planning-allocations": ALLOCATION_IMPORT_COLUMNS,
};
