import type { Ctx } from "../../platform/ctx.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { PLANNING_IMPORT_COLUMNS, type PlanningImportKind } from "./contracts-imports.js";

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A template to fill in: the Thai headers (English column names are accepted too) and one example row; CSV (UTF-8 with BOM, opens in Excel) or XLSX. */
export async function getImportTemplate({ ctx, input }: { ctx: Ctx; input: { kind: PlanningImportKind; format: "csv" | "xlsx" } }): Promise<{ fileName: string; contentType: string; body: Buffer }> {
  await requirePermission(ctx, "planning:public", { kind: "nation" });
  const cols = PLANNING_IMPORT_COLUMNS[input.kind];
  const fileName = `changwat-${input.kind}-template.${input.format}`;
  if (input.format === "csv") {
    const text = `\uFEFF${cols.map((c) => csvCell(c.th)).join(",")}\r\n${cols.map((c) => csvCell(c.example)).join(",")}\r\n`;
    return { fileName, contentType: "text/csv; charset=utf-8", body: Buffer.from(text, "utf8") };
  }
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(input.kind === "planning-projects" ? "โครงการ" : "หนังสือแจ้งจัดสรร");
  ws.addRow(cols.map((c) => c.th)).font = { bold: true };
  ws.addRow(cols.map((c) => c.example));
  ws.columns.forEach((col, i) => {
    col.width = Math.max(14, cols[i]!.th.length + 4);
    col.numFmt = "@"; // text: codes like 760101 and 2570-76-001 stay as typed
  });
  const notes = wb.addWorksheet("คำอธิบาย");
  notes.addRow(["คอลัมน์ (ภาษาไทย)", "column", "ต้องมี / required", "ตัวอย่าง / example"]).font = { bold: true };
  for (const c of cols) notes.addRow([c.th, c.name, c.required ? "ต้องมี / required" : "", c.example]);
  notes.state = "visible";
  return { fileName, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: Buffer.from(await wb.xlsx.writeBuffer()) };
}
