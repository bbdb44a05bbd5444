import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { acceptImport, getImportJob, importRunner } from "../registry/index.js";
import type { ImportRow } from "../registry/index.js";
import { getImportTemplate } from "./get-import-template.js";
import { recordBudgetAct } from "./record-budget-act.js";
import { allocationNoticeOf, groupAllocationRows, parseBaht, registerPlanningImports } from "./import-planning.js";

let db: Database;
beforeAll(async () => {
  registerPlanningImports();
  db = await createTestDb();
});
afterAll(async () => db?.close());

let seq = 0;
const poc = (p = "76"): Actor => actor("strategy_officer", `area:province:${p}`, `poc-imp-${p}-${seq++}`);
const csv = (lines: string[]) => Buffer.from(lines.join("\n"), "utf8");
const projects = async () => (await db.query<{ n: number }>("select count(*)::int as n from projects"))[0]!.n;

async function run(who: Actor, kind: "planning-projects" | "planning-allocations", content: Buffer, mode: "all-or-nothing" | "valid-rows" = "all-or-nothing", fileName = "p.csv") {
  const ctx = ctxFor(db, who);
  const job = await acceptImport({ ctx, input: { kind, mode, fileName, content } });
  const runner = importRunner(ctx);
  runner.kick();
  await runner.whenIdle();
  return getImportJob({ ctx, input: { id: job.id, operation: "planning:import" } });
}

const HEAD_TH = "รหัสโครงการ,ปีงบประมาณ,จังหวัด,หน่วยงานเจ้าของ,ชื่อโครงการ,เป้าหมายจังหวัด,ตำบล,งบฟังก์ชัน,งบจังหวัด,วันเริ่ม";
const good = (code: string) => `${code},2570,76,pro:76:agricultural-extension,ส่งเสริมการปลูกมะนาว ${code},prov:76:goal:1.1,"760101,760102","1,250,000.50",300000,1 ต.ค. 2569`;

describe("importing a project list", () => {
  it("creates every project of a valid file with Thai headers, through createProject", async () => {
    const before = await projects();
    const job = await run(poc(), "planning-projects", csv([HEAD_TH, good("IMP-A-1"), good("IMP-A-2")]));
    expect(job).toMatchObject({ kind: "planning-projects", status: "succeeded", totalRows: 2, processedRows: 2, createdRows: 2, errorCount: 0 });
    expect(await projects()).toBe(before + 2);
    const [p] = await db.query<{ total_budget: string; area_codes: string[]; start_date: string }>("select total_budget::text, area_codes, start_date::text from projects where code = 'IMP-A-1'");
    expect(p).toMatchObject({ total_budget: "1550000.50", area_codes: ["760101", "760102"], start_date: "2026-10-01" });
  });

  it("reports bad rows by row, column and code in Thai and English; all-or-nothing writes nothing", async () => {
    const before = await projects();
    const file = csv([HEAD_TH, good("IMP-B-1"), "IMP-B-2,2570,76,pro:76:agricultural-extension,โครงการ,prov:57:goal:1.1,570101,abc,,32/13/2569", good("IMP-A-1")]);
    const job = await run(poc(), "planning-projects", file);
    expect(job.status).toBe("failed");
    expect(await projects()).toBe(before);
    const by = (row: number) => job.issues.filter((i) => i.row === row).map((i) => [i.column, i.code]);
    expect(by(3)).toEqual(expect.arrayContaining([["budget_function", "planning.import.amount"], ["start_date", "thai.date.invalid"]]));
    expect(by(4)).toEqual([["code", "planning.project-code-taken"]]);
    for (const i of job.issues) expect(i.messageTh && i.messageEn).toBeTruthy();
    // the same file in valid-rows mode writes the good row and reports the others
    const partial = await run(poc(), "planning-projects", file, "valid-rows");
    expect(partial).toMatchObject({ status: "partially_succeeded", createdRows: 1 });
    expect(await projects()).toBe(before + 1);
  });

  it("reports the goal and area of another province on their columns", async () => {
    const job = await run(poc(), "planning-projects", csv([HEAD_TH, "IMP-C-1,2570,76,pro:76:agricultural-extension,โครงการ,prov:57:goal:1.1,570101,,1000,"]));
    expect(job.issues.map((i) => [i.row, i.column])).toEqual(expect.arrayContaining([[2, "goal_ids"]]));
  });

  it("reads XLSX (the downloadable template's own format) as well as CSV", async () => {
    const { default: Excel } = await import("exceljs");
    const wb = new Excel.Workbook();
    const ws = wb.addWorksheet("โครงการ");
    ws.addRow(HEAD_TH.split(","));
    ws.addRow(["IMP-X-1", "2570", "76", "pro:76:agricultural-extension", "ปรับปรุงคลองส่งน้ำ", "prov:76:goal:1.1", "760101", "500000", "", "2026-10-01"]);
    const job = await run(poc(), "planning-projects", Buffer.from(await wb.xlsx.writeBuffer()), "all-or-nothing", "p.xlsx");
    expect(job).toMatchObject({ format: "xlsx", status: "succeeded", createdRows: 1 });
    const t = await getImportTemplate({ ctx: ctxFor(db, poc()), input: { kind: "planning-projects", format: "xlsx" } });
    expect(t.body.subarray(0, 2).toString()).toBe("PK");
    const c = await getImportTemplate({ ctx: ctxFor(db, poc()), input: { kind: "planning-allocations", format: "csv" } });
    expect(c.body.toString("utf8")).toContain("ปีงบประมาณ,หน่วยงานผู้แจ้ง,จังหวัด");
  });

  it("checks each row's permission: another province's staff create nothing; a citizen may not upload at all", async () => {
    const before = await projects();
    const job = await run(poc("57"), "planning-projects", csv([HEAD_TH, good("IMP-D-1")]), "valid-rows");
    expect(job).toMatchObject({ status: "failed", createdRows: 0 });
    expect(job.issues[0]).toMatchObject({ row: 2, code: "auth.forbidden" });
    await expect(acceptImport({ ctx: ctxFor(db, actor("citizen", "nation")), input: { kind: "planning-projects", mode: "valid-rows", fileName: "x.csv", content: csv([HEAD_TH, good("IMP-D-2")]) } })).rejects.toMatchObject({ status: 403 });
    await expect(acceptImport({ ctx: ctxFor(db, poc()), input: { kind: "planning-projects", mode: "valid-rows", fileName: "x.csv", content: csv(["code,nonsense", "a,b"]) } })).rejects.toMatchObject({ status: 400, code: "import.bad-header" });
    expect(await projects()).toBe(before);
  });
});

describe("importing allocation notices", () => {
  const row = (n: number, values: Record<string, string>): ImportRow => ({ row: n, values, extraValues: false });
  it("groups lines into notices by year, department, province, reference and date, and totals them", () => {
    const base = { fiscal_year: "2570", from_org_id: "moac.doae", province_code: "76", reference_th: "กษ 0201/1", notified_on: "15 พ.ย. 2569" };
    const units = groupAllocationRows([row(2, { ...base, description_th: "ค่าวัสดุ", amount: "250,000" }), row(3, { ...base, province_code: "57", description_th: "ค่าจ้าง", amount: "1" }), row(4, { ...base, project_code: "P-1", description_th: "ค่าจ้าง", amount: "100000.25" })]);
    expect(units.map((u) => u.lines!.map((l) => l.row))).toEqual([[2, 4], [3]]);
    expect(allocationNoticeOf(units[0]!).input).toEqual({ fiscalYear: 2570, fromOrgId: "moac.doae", provinceCode: "76", total: 350000.25, notifiedOn: "2026-11-15", referenceTh: "กษ 0201/1", lines: [{ projectCode: undefined, descriptionTh: "ค่าวัสดุ", amount: 250000 }, { projectCode: "P-1", descriptionTh: "ค่าจ้าง", amount: 100000.25 }] });
    const bad = allocationNoticeOf(groupAllocationRows([row(2, { ...base, description_th: "", amount: "-5" }), row(3, { ...base, description_th: "x", amount: "1.234" })])[0]!);
    expect(bad.input).toBeUndefined();
    expect(bad.issues.map((i) => [i.row, i.column])).toEqual([[2, "description_th"], [2, "amount"], [3, "amount"]]);
    expect([parseBaht("๑,๒๕๐"), parseBaht("300000 บาท"), parseBaht("")]).toEqual([1250, 300000, undefined]);
  });

  it("runs as a job, one unit per notice, through the budget cycle's use case (late flags and all); a bad row's notice is not written", async () => {
    await recordBudgetAct({ ctx: ctxFor(db), input: { fiscalYear: 2566, passedOn: "2022-09-20" } });
    const head = "ปีงบประมาณ,หน่วยงานผู้แจ้ง,จังหวัด,เลขที่หนังสือ,วันที่แจ้ง,รหัสโครงการ,รายการ,จำนวนเงิน";
    const job = await run(actor("department_officer", "org:moac.doae", "dept-1"), "planning-allocations", csv([head, "2566,moac.doae,76,กษ 1,25/10/2565,,ค่าวัสดุ,100", "2566,moac.doae,76,กษ 1,25/10/2565,,ค่าจ้าง,200", "2566,moac.doae,57,กษ 2,15/10/2565,,ค่าจ้าง,abc"]), "valid-rows");
    expect(job.totalRows).toBe(2);
    expect(job.issues.find((i) => i.row === 4)).toMatchObject({ column: "amount", code: "planning.import.amount" });
    expect(job.issues.filter((i) => i.row === 2 || i.row === 3)).toEqual([]);
    const rows = await db.query<{ province_code: string; total: string; days_late: number }>("select province_code, total::text, days_late from allocation_notices where fiscal_year = 2566 order by province_code");
    // the Act passed on 20 Sep 2022: due 20 Oct 2022 (a Thursday), so a notice of 25 Oct is 5 days late
    expect(rows).toEqual([{ province_code: "76", total: "300.00", days_late: 5 }]);
  });
});
