/**
 * The round report as an XLSX workbook: sheet 1 the round (facts, one row per KPI, total, pb-pt components
 * and rating), sheet 2 the self-assessment and evidence. Numbers stay numbers with number formats, so the
 * figures can be checked and re-used; headers are Thai on the first line, English on the second.
 */
import type ExcelJS from "exceljs";
import { formatThaiDate } from "../../platform/thai/dates.js";
import { formatFiscalYear } from "../../platform/thai/fiscal-year.js";
import { AGREEMENT_STATUS, COMPONENT, DEMO_LABEL, ITEM_STATUS, KIND, REPORT_TITLE, ROUND_STATUS, partyRole, roundLabel, schemeLabel, weightPercentText } from "./report-labels.js";
import type { RoundReport } from "./report-model.js";

export const ROUND_SHEET = "ผลการประเมิน (Scores)";
export const SELF_SHEET = "ประเมินตนเอง (Self-assessment)";

/** Columns of the KPI table on the round sheet (also read back by the tests). */
export const ITEM_COLUMNS = [
  { key: "no", th: "ที่", en: "No.", width: 5 },
  { key: "code", th: "รหัสตัวชี้วัด", en: "KPI code", width: 12 },
  { key: "nameTh", th: "ตัวชี้วัด", en: "KPI (Thai)", width: 48 },
  { key: "nameEn", th: "ตัวชี้วัด (ภาษาอังกฤษ)", en: "KPI (English)", width: 40 },
  { key: "weight", th: "น้ำหนัก", en: "Weight", width: 10 },
  { key: "result", th: "ผลการดำเนินงาน", en: "Result", width: 14 },
  { key: "unit", th: "หน่วย", en: "Unit", width: 10 },
  { key: "score", th: "คะแนน", en: "Score", width: 10 },
  { key: "weighted", th: "คะแนนถ่วงน้ำหนัก", en: "Weighted score", width: 14 },
  { key: "explanationTh", th: "คำอธิบายการคิดคะแนน", en: "How the score was computed (Thai)", width: 80 },
  { key: "explanationEn", th: "คำอธิบาย (ภาษาอังกฤษ)", en: "How the score was computed (English)", width: 80 },
  { key: "component", th: "องค์ประกอบ", en: "Component (pb-pt)", width: 18 },
  { key: "status", th: "สถานะผล", en: "Result status", width: 22 },
] as const;
type ColumnKey = (typeof ITEM_COLUMNS)[number]["key"];
const col = (key: ColumnKey): number => ITEM_COLUMNS.findIndex((c) => c.key === key) + 1;

const BOLD = { bold: true } as const;
const MUTED = { color: { argb: "FF6B7280" } } as const;
const DEMO = { bold: true, color: { argb: "FFB91C1C" } } as const;
const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE5E7EB" } };
const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF3F4F6" } };
const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF9CA3AF" } };

/** "0.0000" for 4 decimals; weighted scores keep up to 4 more decimals (weight × score is exact). */
const fixed = (d: number) => (d === 0 ? "0" : `0.${"0".repeat(d)}`);
const upTo = (d: number, more: number) => `0.${"0".repeat(d)}${"#".repeat(more)}`;

function bilingualHeader(cell: ExcelJS.Cell, th: string, en: string): void {
  cell.value = { richText: [{ text: th, font: BOLD }, { text: `\n${en}`, font: { ...MUTED, size: 9 } }] };
  cell.alignment = { wrapText: true, vertical: "middle" };
  cell.fill = HEAD_FILL;
  cell.border = { top: THIN, bottom: THIN };
}

function roundSheet(wb: ExcelJS.Workbook, r: RoundReport): void {
  const a = r.agreement;
  const rd = r.round;
  const s = r.score;
  const d = s.decimals;
  const ws = wb.addWorksheet(ROUND_SHEET, { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ITEM_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const last = ITEM_COLUMNS.length;

  if (a.isDemo) {
    const row = ws.addRow([`${DEMO_LABEL.th} — ไม่ใช่ข้อมูลทางราชการ / ${DEMO_LABEL.en}`]);
    row.getCell(1).font = DEMO;
    ws.mergeCells(row.number, 1, row.number, 4);
  }
  ws.addRow([REPORT_TITLE.th]).getCell(1).font = { bold: true, size: 14 };
  ws.addRow([REPORT_TITLE.en]).getCell(1).font = MUTED;
  ws.addRow([a.titleTh]).getCell(1).font = { bold: true, size: 12 };
  ws.addRow([a.titleEn]).getCell(1).font = MUTED;
  ws.addRow([]);

  // Facts: label (Thai / English) in A:B, the Thai value under the Thai column, the English one under the English column.
  const fact = (th: string, en: string, valueTh: ExcelJS.CellValue, valueEn: ExcelJS.CellValue, numFmt?: string) => {
    const row = ws.addRow([]);
    const label = row.getCell(1);
    label.value = { richText: [{ text: th, font: BOLD }, { text: ` / ${en}`, font: MUTED }] };
    ws.mergeCells(row.number, 1, row.number, 2);
    row.getCell(col("nameTh")).value = valueTh;
    row.getCell(col("nameTh")).alignment = { horizontal: "left", wrapText: true };
    row.getCell(col("nameEn")).value = valueEn;
    row.getCell(col("nameEn")).alignment = { horizontal: "left", wrapText: true };
    if (numFmt) row.getCell(col("nameTh")).numFmt = numFmt;
    return row;
  };
  const isoDate = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  fact("ปีงบประมาณ (พ.ศ.)", "Fiscal year (B.E.)", a.fiscalYear, formatFiscalYear(a.fiscalYear, "en"), "0");
  fact("พื้นที่", "Area", `${a.areaNameTh} (${KIND[a.kind].th})`, `${a.areaNameEn} (${KIND[a.kind].en})${a.provinceCode ? `, TH-${a.provinceCode}` : ""}`);
  for (const p of a.parties) fact("คู่คำรับรอง", "Party", `${partyRole(p.role).th}: ${p.nameTh}`, `${partyRole(p.role).en}: ${p.nameEn}`);
  fact("วิธีการให้คะแนน", "Scoring scheme", schemeLabel(a.schemeType).th, schemeLabel(a.schemeType).en);
  fact("รอบการประเมิน (เดือน)", "Round (months)", rd.round, roundLabel(rd.round).en, "0");
  fact("วันสิ้นสุดรอบ", "Period end", formatThaiDate(rd.periodEnd), isoDate(rd.periodEnd)).getCell(col("nameEn")).numFmt = "yyyy-mm-dd";
  fact("กำหนดส่ง", "Due date", formatThaiDate(rd.dueDate), isoDate(rd.dueDate)).getCell(col("nameEn")).numFmt = "yyyy-mm-dd";
  fact("สถานะรอบ", "Round status", ROUND_STATUS[rd.status].th, ROUND_STATUS[rd.status].en);
  fact(
    "สถานะคำรับรอง",
    "Agreement status",
    `${AGREEMENT_STATUS[a.status].th} ฉบับที่ ${a.version}${a.signedAt ? ` เมื่อ ${formatThaiDate(a.signedAt)}` : ""}`,
    `${AGREEMENT_STATUS[a.status].en}, version ${a.version}${a.signedAt ? `, ${formatThaiDate(a.signedAt, { locale: "en" })}` : ""}`,
  );
  fact("จัดทำเมื่อ", "Generated", `${formatThaiDate(r.generatedAt, { withTime: true })} โดย ${r.generatedByName}`, `${formatThaiDate(r.generatedAt, { locale: "en", withTime: true })} (Bangkok time)`);
  ws.addRow([]);

  const head = ws.addRow([]);
  ITEM_COLUMNS.forEach((c, i) => bilingualHeader(head.getCell(i + 1), c.th, c.en));
  head.height = 32;
  s.items.forEach((it, i) => {
    const info = r.itemInfo[it.itemId];
    const row = ws.addRow([]);
    const set = (key: ColumnKey, value: ExcelJS.CellValue, numFmt?: string) => {
      const cell = row.getCell(col(key));
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
      cell.alignment = { vertical: "top", wrapText: typeof value === "string" };
      cell.border = { bottom: { ...THIN, style: "hair" } };
    };
    set("no", i + 1);
    set("code", info?.kpiCode ?? it.itemId);
    set("nameTh", it.nameTh);
    set("nameEn", it.nameEn);
    set("weight", it.weight, "0.00%");
    set("result", it.result, "#,##0.######");
    set("unit", info?.unit ?? null);
    set("score", it.score, fixed(d));
    set("weighted", it.weightedScore, upTo(d, 4));
    set("explanationTh", it.explanation.th);
    set("explanationEn", it.explanation.en);
    set("component", it.component ? COMPONENT[it.component].en : null);
    set("status", `${ITEM_STATUS[it.status].th} / ${ITEM_STATUS[it.status].en}`);
  });
  const totalRow = (th: string, en: string, value: ExcelJS.CellValue, numFmt: string) => {
    const row = ws.addRow([]);
    const label = row.getCell(col("nameTh"));
    label.value = { richText: [{ text: th, font: BOLD }, { text: ` / ${en}`, font: MUTED }] };
    const cell = row.getCell(col("weighted"));
    cell.value = value;
    cell.numFmt = numFmt;
    cell.font = BOLD;
    for (let c = 1; c <= last; c++) row.getCell(c).fill = TOTAL_FILL;
    return row;
  };
  const total = totalRow(s.schemeType === "pb-pt" ? "คะแนนรวม (เต็ม 100)" : "คะแนนรวมถ่วงน้ำหนัก (เต็ม 5)", "Total", s.total, fixed(d));
  for (let c = 1; c <= last; c++) total.getCell(c).border = { top: { ...THIN, color: { argb: "FF1F2937" } } };
  if (s.components) {
    for (const k of ["performance", "potential"] as const) {
      const w = weightPercentText(Math.round(s.components[k].weight * 10_000));
      const row = totalRow(`คะแนน ${COMPONENT[k].en} (น้ำหนักร้อยละ ${w})`, `${COMPONENT[k].en} score (weight ${w} %)`, s.components[k].score, fixed(d));
      row.getCell(col("weight")).value = s.components[k].weight;
      row.getCell(col("weight")).numFmt = "0%";
    }
  }
  if (s.rating) {
    const row = totalRow("ระดับผลการประเมิน", "Rating", s.rating.th, "@");
    row.getCell(col("explanationTh")).value = s.rating.en;
  }
  const ex = totalRow("คำอธิบายคะแนนรวม", "How the total was computed", null, "@");
  ex.getCell(col("explanationTh")).value = s.explanation.th;
  ex.getCell(col("explanationEn")).value = s.explanation.en;
  ex.getCell(col("explanationTh")).alignment = { wrapText: true, vertical: "top" };
  ex.getCell(col("explanationEn")).alignment = { wrapText: true, vertical: "top" };
  if (!s.complete) {
    const reported = weightPercentText(Math.round(s.reportedWeight * 10_000));
    const row = ws.addRow([]);
    row.getCell(col("nameTh")).value = `รายงานผลแล้วร้อยละ ${reported} ของน้ำหนัก / ${reported} % of the weight has a result`;
    row.getCell(col("nameTh")).font = MUTED;
  }

  ws.views = [{ state: "frozen", ySplit: head.number, xSplit: 0, activeCell: `A${head.number + 1}` }];
  ws.autoFilter = { from: { row: head.number, column: 1 }, to: { row: head.number + s.items.length, column: last } };
}

function selfAssessmentSheet(wb: ExcelJS.Workbook, r: RoundReport): void {
  const ws = wb.addWorksheet(SELF_SHEET);
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 100;
  ws.getColumn(3).width = 50;
  if (r.agreement.isDemo) ws.addRow([`${DEMO_LABEL.th} — ไม่ใช่ข้อมูลทางราชการ / ${DEMO_LABEL.en}`]).getCell(1).font = DEMO;
  ws.addRow([`${REPORT_TITLE.th} — ${roundLabel(r.round.round).th} ${formatFiscalYear(r.agreement.fiscalYear)}`]).getCell(1).font = { bold: true, size: 12 };
  ws.addRow([r.agreement.titleTh]);
  ws.addRow([]);
  const h1 = ws.addRow([]);
  bilingualHeader(h1.getCell(1), "ผลการประเมินตนเอง", "Self-assessment");
  ws.mergeCells(h1.number, 1, h1.number, 3);
  h1.height = 32;
  const text = r.round.selfAssessmentTh?.trim();
  for (const p of text ? text.split(/\n+/) : ["— ยังไม่มีการประเมินตนเอง / no self-assessment yet —"]) {
    const row = ws.addRow([null, p]);
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
  }
  ws.addRow([]);
  const h2 = ws.addRow([]);
  bilingualHeader(h2.getCell(1), "ที่", "No.");
  bilingualHeader(h2.getCell(2), "เอกสารหลักฐาน", "Evidence");
  bilingualHeader(h2.getCell(3), "ลิงก์", "Link");
  h2.height = 32;
  r.round.evidence.forEach((e, i) => {
    const row = ws.addRow([i + 1, e.name, e.url ? { text: e.url, hyperlink: e.url } : null]);
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
    if (e.url) row.getCell(3).font = { color: { argb: "FF1D4ED8" }, underline: true };
  });
  if (r.round.evidence.length === 0) ws.addRow([null, "— ไม่มีเอกสารหลักฐานแนบ / no evidence attached —"]);
}

/** Renders a round report as an XLSX workbook (round sheet + self-assessment sheet). */
export async function renderRoundReportXlsx(report: RoundReport): Promise<Buffer> {
  // loaded on first use: exceljs costs ~30 MB of resident memory that an idle server need not carry
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "Changwat";
  wb.title = `${report.agreement.titleTh} — ${roundLabel(report.round.round).th}`;
  wb.created = wb.modified = new Date(report.generatedAt);
  roundSheet(wb, report);
  selfAssessmentSheet(wb, report);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
