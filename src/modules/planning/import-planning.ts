/**
 * The planning module's import kinds, served by the registry's import machinery (job table, runner, modes, progress,
 * restart): project lists row by row through createProject, allocation notices grouped from their lines.
 */
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { AppError } from "../../platform/errors.js";
import { parseThaiDate, thaiDigitsToArabic } from "../../platform/thai/index.js";
import { ImportRowIssues, registerImportKind, type ImportRow } from "../registry/index.js";
import type { BudgetSource, ProjectOrigin } from "./contracts.js";
import { ALLOCATION_IMPORT_COLUMNS, PROJECT_IMPORT_COLUMNS, type ImportColumn } from "./contracts-imports.js";
import { createProject } from "./create-project.js";
import { writeAllocationNotice, type AllocationNoticeImport } from "./import-allocation-target.js";

type Issue = { row: number; column: string; code: string; messageTh: string; messageEn: string };
const issue = (row: number, column: string, code: string, th: string, en: string): Issue => ({ row, column, code, messageTh: th, messageEn: en });
const opt = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
const norm = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, "_");
const spec = (cols: readonly ImportColumn[]) => ({ required: cols.filter((c) => c.required).map((c) => c.name), optional: cols.filter((c) => !c.required).map((c) => c.name) });
const aliases = (cols: readonly ImportColumn[]) => Object.fromEntries(cols.map((c) => [norm(c.th), c.name]));
const list = (v: string | undefined) => (opt(v) ?? "").split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);

/** "1,250,000.50", "๑๒๕๐๐๐", "300000 บาท" → 1250000.5; undefined for an empty cell; NaN when not an amount of baht. */
export function parseBaht(v: string | undefined): number | undefined {
  const s = opt(v);
  if (s === undefined) return undefined;
  const t = thaiDigitsToArabic(s).replace(/บาท|,|\s/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN;
  return Number(t);
}

const BUDGET_COLUMNS: [string, BudgetSource][] = [["budget_function", "function"], ["budget_province", "province"], ["budget_cluster", "cluster"], ["budget_local", "local"], ["budget_matching", "matching"], ["budget_central_fund", "central_fund"]];
const FIELD_COLUMN: Record<string, string> = { code: "code", fiscalYear: "fiscal_year", provinceCode: "province_code", ownerOrgId: "owner_org_id", titleTh: "title_th", titleEn: "title_en", origin: "origin", goalIds: "goal_ids", areaCodes: "area_codes", startDate: "start_date", endDate: "end_date", objectiveTh: "objective_th" };

function dateCell(r: ImportRow, col: string, problems: Issue[]): string | undefined {
  const raw = opt(r.values[col]);
  if (raw === undefined) return undefined;
  try {
    return parseThaiDate(raw);
  } catch (e) {
    const d = e as { messageTh?: string; messageEn?: string };
    problems.push(issue(r.row, col, "thai.date.invalid", d.messageTh ?? "วันที่ไม่ถูกต้อง", d.messageEn ?? "Invalid date"));
    return undefined;
  }
}

function yearCell(r: ImportRow, col: string, problems: Issue[]): number {
  const y = Number(thaiDigitsToArabic(opt(r.values[col]) ?? ""));
  if (!Number.isInteger(y) || y < 2540 || y > 2700) problems.push(issue(r.row, col, "planning.import.fiscal-year", "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2570", "The fiscal year must be a Buddhist-era year such as 2570"));
  return y;
}

/** Maps a use case's refusal to report lines on this row's columns. */
function issuesOf(e: unknown, row: number, columnOfField: (path: string) => string): Issue[] {
  if (!(e instanceof AppError)) throw e;
  if (e.fields?.length) return e.fields.map((f) => issue(row, columnOfField(f.path), f.code, f.messageTh, f.messageEn));
  return [issue(row, e.code.includes("code") ? "code" : "", e.code, e.messageTh, e.messageEn)];
}

/** One project-list row → createProject (same checks, permission and audit as the API). */
async function importProjectRow(ctx: Ctx, r: ImportRow): Promise<void> {
  const v = r.values;
  const problems: Issue[] = [];
  if (r.extraValues) problems.push(issue(r.row, "", "import.extra-values", "มีค่าในคอลัมน์ที่ไม่มีหัวคอลัมน์", "There are values in a column without a header"));
  const fiscalYear = yearCell(r, "fiscal_year", problems);
  const budgetCols: string[] = [];
  const budgetLines: { source: BudgetSource; amount: number }[] = [];
  for (const [col, source] of BUDGET_COLUMNS) {
    const amount = parseBaht(v[col]);
    if (amount === undefined) continue;
    if (Number.isNaN(amount)) problems.push(issue(r.row, col, "planning.import.amount", "จำนวนเงินไม่ถูกต้อง (ตัวเลข ทศนิยมไม่เกิน 2 ตำแหน่ง)", "Not an amount of baht (digits, at most two decimals)"));
    else if (amount > 0) {
      budgetCols.push(col);
      budgetLines.push({ source, amount });
    }
  }
  const startDate = dateCell(r, "start_date", problems);
  const endDate = dateCell(r, "end_date", problems);
  if (problems.length) throw new ImportRowIssues(problems);
  const input = {
    code: opt(v.code),
    fiscalYear,
    provinceCode: opt(v.province_code) ?? "",
    origin: (opt(v.origin) ?? "agency") as ProjectOrigin,
    ownerOrgId: opt(v.owner_org_id) ?? "",
    titleTh: opt(v.title_th) ?? "",
    titleEn: opt(v.title_en),
    objectiveTh: opt(v.objective_th),
    goalIds: list(v.goal_ids),
    areaCodes: list(v.area_codes),
    budgetLines,
    startDate,
    endDate,
  };
  try {
    await createProject({ ctx, input });
  } catch (e) {
    throw new ImportRowIssues(issuesOf(e, r.row, (path) => {
      const [head, k] = path.split(".");
      return head === "budgetLines" ? (budgetCols[Number(k)] ?? "") : (FIELD_COLUMN[head!] ?? "");
    }));
  }
}

/** Rows with the same year, department, province, reference and date make one notice (in the order first seen). */
export function groupAllocationRows(rows: ImportRow[]): ImportRow[] {
  const groups = new Map<string, ImportRow>();
  for (const r of rows) {
    const v = r.values;
    const key = ["fiscal_year", "from_org_id", "province_code", "reference_th", "notified_on"].map((c) => (v[c] ?? "").trim()).join("\u0001");
    const g = groups.get(key);
    if (g) g.lines!.push(r);
    else groups.set(key, { row: r.row, values: v, extraValues: false, lines: [r] });
  }
  return [...groups.values()];
}

/** Checks a notice's rows and builds recordAllocationNotice's input; every problem is reported on its own row and column. */
export function allocationNoticeOf(unit: ImportRow): { input?: AllocationNoticeImport; issues: Issue[] } {
  const problems: Issue[] = [];
  const lines = unit.lines ?? [unit];
  const first = lines[0]!;
  const fiscalYear = yearCell(first, "fiscal_year", problems);
  const provinceCode = opt(first.values.province_code) ?? "";
  if (!/^\d{2}$/.test(provinceCode)) problems.push(issue(first.row, "province_code", "planning.import.province", "รหัสจังหวัดต้องเป็นตัวเลข 2 หลัก", "The province code must be two digits"));
  const fromOrgId = opt(first.values.from_org_id) ?? "";
  if (!fromOrgId) problems.push(issue(first.row, "from_org_id", "planning.import.required", "ต้องระบุหน่วยงานผู้แจ้ง", "The notifying organisation is required"));
  const notifiedOn = dateCell(first, "notified_on", problems);
  let totalCents = 0;
  const out: AllocationNoticeImport["lines"] = [];
  for (const r of lines) {
    if (r.extraValues) problems.push(issue(r.row, "", "import.extra-values", "มีค่าในคอลัมน์ที่ไม่มีหัวคอลัมน์", "There are values in a column without a header"));
    const descriptionTh = opt(r.values.description_th);
    if (!descriptionTh) problems.push(issue(r.row, "description_th", "planning.import.required", "ต้องระบุรายการ", "The line's description is required"));
    const amount = parseBaht(r.values.amount);
    if (amount === undefined || Number.isNaN(amount) || amount <= 0) problems.push(issue(r.row, "amount", "planning.import.amount", "จำนวนเงินต้องมากกว่า 0 ทศนิยมไม่เกิน 2 ตำแหน่ง", "The amount must be more than 0 baht with at most two decimals"));
    else {
      totalCents += Math.round(amount * 100);
      out.push({ projectCode: opt(r.values.project_code), descriptionTh: descriptionTh ?? "", amount });
    }
  }
  if (problems.length) return { issues: problems };
  return { issues: [], input: { fiscalYear, fromOrgId, provinceCode, total: totalCents / 100, notifiedOn, lines: out, referenceTh: opt(first.values.reference_th) } };
}

async function importAllocationNotice(ctx: Ctx, unit: ImportRow): Promise<void> {
  const { input, issues } = allocationNoticeOf(unit);
  if (!input) throw new ImportRowIssues(issues);
  try {
    await writeAllocationNotice(ctx, input);
  } catch (e) {
    throw new ImportRowIssues(issuesOf(e, unit.row, (path) => {
      const [head, k, field] = path.split(".");
      if (head === "lines" && k !== undefined) return field === "amount" ? "amount" : field === "projectCode" ? "project_code" : "description_th";
      return { fiscalYear: "fiscal_year", fromOrgId: "from_org_id", provinceCode: "province_code", notifiedOn: "notified_on", referenceTh: "reference_th", total: "amount" }[head!] ?? "";
    }));
  }
}

/** The right to import planning files at all (each row is checked again by its own use case): asked before the body is read. */
export async function checkImportRight(ctx: Ctx): Promise<void> {
  await requirePermission(ctx, "planning:import", []);
}

let registered = false;
/** Registers both kinds with the registry's import machinery (idempotent; called when the module loads). */
export function registerPlanningImports(): void {
  if (registered) return;
  registered = true;
  registerImportKind({ kind: "planning-projects", operation: "planning:import", columns: spec(PROJECT_IMPORT_COLUMNS), aliases: aliases(PROJECT_IMPORT_COLUMNS), run: importProjectRow });
  registerImportKind({ kind: "planning-allocations", operation: "planning:import", columns: spec(ALLOCATION_IMPORT_COLUMNS), aliases: aliases(ALLOCATION_IMPORT_COLUMNS), group: groupAllocationRows, run: importAllocationNotice });
}
