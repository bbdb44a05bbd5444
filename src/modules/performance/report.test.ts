// Round reports: the XLSX read back cell by cell against the scoring engine, the PDF checked as a file and,
// where poppler's pdftotext exists, as extracted text (Thai present, in order, lines broken only between words).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { withThaiWordBreaks } from "../../platform/thai/segment.js";
import type { RoundReport } from "./report-model.js";
import { renderRoundReportPdf } from "./report-pdf.js";
import { sampleRoundReport } from "./report-sample.js";
import { ITEM_COLUMNS, ROUND_SHEET, SELF_SHEET, renderRoundReportXlsx } from "./report-xlsx.js";

const FIVE = sampleRoundReport({ scheme: "five-level", round: 6 });
const PBPT = sampleRoundReport({ scheme: "pb-pt", round: 12 });
const LONG = sampleRoundReport({ scheme: "five-level", round: 9, items: 30 });

const col = (key: (typeof ITEM_COLUMNS)[number]["key"]) => ITEM_COLUMNS.findIndex((c) => c.key === key) + 1;
const text = (v: ExcelJS.CellValue): string =>
  v && typeof v === "object" && "richText" in v ? v.richText.map((p) => p.text).join("") : v && typeof v === "object" && "text" in v ? String(v.text) : String(v ?? "");

async function readBack(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(ROUND_SHEET)!;
  let head = 0;
  ws.eachRow((row, n) => {
    if (!head && text(row.getCell(col("code")).value).includes("KPI code")) head = n;
  });
  return { wb, ws, head };
}

describe("renderRoundReportXlsx", () => {
  it("writes every item's code, names, weight, score and weighted score as the engine computed them (five-level)", async () => {
    expect(FIVE.score.items.some((i) => i.status === "no-result-excluded")).toBe(true); // the sample has a missing result
    const { ws, head } = await readBack(await renderRoundReportXlsx(FIVE));
    expect(head).toBeGreaterThan(0);
    expect(text(ws.getCell(1, 1).value)).toContain("ข้อมูลตัวอย่าง (demo)");
    FIVE.score.items.forEach((it, i) => {
      const row = ws.getRow(head + 1 + i);
      expect(row.getCell(col("no")).value).toBe(i + 1);
      expect(row.getCell(col("code")).value).toBe(FIVE.itemInfo[it.itemId]!.kpiCode);
      expect(row.getCell(col("nameTh")).value).toBe(it.nameTh);
      expect(row.getCell(col("nameEn")).value).toBe(it.nameEn);
      expect(row.getCell(col("weight")).value).toBe(it.weight);
      expect(row.getCell(col("weight")).numFmt).toBe("0.00%");
      expect(row.getCell(col("result")).value ?? null).toBe(it.result);
      expect(row.getCell(col("unit")).value).toBe(FIVE.itemInfo[it.itemId]!.unit);
      expect(row.getCell(col("score")).value ?? null).toBe(it.score);
      expect(row.getCell(col("score")).numFmt).toBe("0.0000");
      expect(row.getCell(col("weighted")).value ?? null).toBe(it.weightedScore);
      expect(row.getCell(col("explanationTh")).value).toBe(it.explanation.th);
    });
    const total = ws.getRow(head + 1 + FIVE.score.items.length);
    expect(text(total.getCell(col("nameTh")).value)).toContain("คะแนนรวม");
    expect(total.getCell(col("weighted")).value).toBe(FIVE.score.total);
    expect(FIVE.score.total).toBe(3.4657); // 6 of 7 KPIs reported; weights renormalised over 90 %
  });

  it("adds the pb-pt component scores and the rating; the self-assessment sheet has the text and the evidence", async () => {
    const { wb, ws, head } = await readBack(await renderRoundReportXlsx(PBPT));
    const n = PBPT.score.items.length;
    PBPT.score.items.forEach((it, i) => {
      const row = ws.getRow(head + 1 + i);
      expect(row.getCell(col("weight")).value).toBe(it.weight);
      expect(row.getCell(col("score")).value).toBe(it.score);
      expect(row.getCell(col("score")).numFmt).toBe("0.000");
      expect(row.getCell(col("weighted")).value).toBe(it.weightedScore);
      expect(row.getCell(col("component")).value).toBe(it.component === "performance" ? "Performance Base" : "Potential Base");
    });
    const cell = (offset: number, key: Parameters<typeof col>[0]) => ws.getRow(head + 1 + n + offset).getCell(col(key)).value;
    expect(cell(0, "weighted")).toBe(PBPT.score.total);
    expect(cell(1, "weighted")).toBe(PBPT.score.components!.performance.score);
    expect(cell(2, "weighted")).toBe(PBPT.score.components!.potential.score);
    expect(cell(3, "weighted")).toBe(PBPT.score.rating!.th);
    expect([PBPT.score.components!.performance.score, PBPT.score.components!.potential.score, PBPT.score.total]).toEqual([80.002, 82.583, 80.776]);
    expect(PBPT.score.rating!.th).toBe("ระดับมาตรฐานขั้นสูง");

    const self = wb.getWorksheet(SELF_SHEET)!;
    const all: string[] = [];
    self.eachRow((row) => row.eachCell((c) => all.push(text(c.value))));
    expect(all.join("\n")).toContain(PBPT.round.selfAssessmentTh!.split("\n")[0]);
    for (const e of PBPT.round.evidence) expect(all).toContain(e.name);
    expect(all).toContain(PBPT.round.evidence[0]!.url);
  });

  it("has no demo label on a real agreement", async () => {
    const real: RoundReport = { ...FIVE, agreement: { ...FIVE.agreement, isDemo: false } };
    const { ws } = await readBack(await renderRoundReportXlsx(real));
    const all: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => all.push(text(c.value))));
    expect(all.join("\n")).not.toContain("demo");
  });
});

// ───────────── PDF ─────────────

const pageCount = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
const hasPdftotext = spawnSync("pdftotext", ["-v"]).error === undefined;
const tmp = mkdtempSync(path.join(os.tmpdir(), "changwat-report-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Text in content-stream order (-raw), NFKD: the font maps ำ back as nikhahit + sara aa, which NFKD also gives. */
function extract(pdf: Buffer, name: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, pdf);
  const r = spawnSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.normalize("NFKD").replace(/[\u200B\u0000]/g, "");
}
const nfkd = (s: string) => s.normalize("NFKD");

/** Where a line may end inside `s`: at a U+200B the segmenter put between two Thai words, or around a space. */
function breakPoints(s: string): Set<number> {
  const points = new Set<number>();
  let i = 0;
  for (const ch of nfkd(withThaiWordBreaks(s))) {
    if (ch === "\u200B") points.add(i);
    else {
      if (ch === " ") points.add(i);
      i += ch.length;
      if (ch === " ") points.add(i);
    }
  }
  return points;
}

describe("renderRoundReportPdf", () => {
  it("is a PDF with the Thai font embedded, and a long item list spans pages", async () => {
    const [short, long] = await Promise.all([renderRoundReportPdf(FIVE), renderRoundReportPdf(LONG)]);
    for (const pdf of [short, long]) {
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pdf.subarray(-8).toString("latin1")).toContain("%%EOF");
      const raw = pdf.toString("latin1");
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Sarabun-Regular/);
      expect(raw).toContain("/FontFile2");
      expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/); // no unembedded standard font
    }
    expect(pageCount(short)).toBeGreaterThanOrEqual(2);
    expect(pageCount(long)).toBeGreaterThan(pageCount(short) + 1);
    if (!hasPdftotext) return;
    const t = extract(long, "long.pdf");
    expect(t.split("\f").filter((p) => p.trim()).length).toBe(pageCount(long));
    expect(t).toContain(`หน้า 1 / ${pageCount(long)}`);
  });

  it("holds the Thai text in reading order: heading, facts, items, total, explanations, self-assessment, evidence", async (ctx) => {
    if (!hasPdftotext) ctx.skip("pdftotext (poppler-utils) is not on PATH: the PDF's text is not checked here");
    const t = extract(await renderRoundReportPdf(FIVE), "five.pdf");
    const order = [
      "ข้อมูลตัวอย่าง (demo)",
      "รายงานผลการประเมินตามคำรับรองการปฏิบัติราชการ",
      "รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2569",
      "ปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569)",
      "สิ้นสุดรอบ 31 มี.ค. 2569 · กำหนดส่ง 30 เม.ย. 2569",
      ...FIVE.score.items.map((it) => it.nameEn),
      "คะแนนรวมถ่วงน้ำหนัก (เต็ม 5)",
      "3.4657",
      "2. คำอธิบายการคิดคะแนน",
      "ผลการดำเนินงาน 2380 จุด อยู่ระหว่างค่าเป้าหมายระดับ 3 (2400) และค่าเป้าหมายระดับ 4 (2100)",
      "3. ผลการประเมินตนเอง",
      "ในรอบการประเมินนี้ จังหวัดเชียงรายดำเนินการตามแผนปฏิบัติราชการ",
      "4. เอกสารหลักฐาน",
      FIVE.round.evidence[2]!.name,
      "ผู้รับรองข้อมูล",
    ].map(nfkd);
    // A wrapped Thai line has no space where it was cut, so compare without any white space.
    const squash = (s: string) => s.replace(/\s+/g, "");
    const flat = squash(t);
    let at = -1;
    for (const s of order.map(squash)) {
      const next = flat.indexOf(s, at + 1);
      expect(next, `"${s}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    expect(t).toContain(nfkd("จัดทำเมื่อ 2 พ.ค. 2569 14:30 น.")); // generatedAt 07:30 UTC, Bangkok time, Buddhist era
    for (const it of FIVE.score.items) expect(flat).toContain(squash(nfkd(it.nameTh)));
  });

  it("breaks Thai lines only between words", async (ctx) => {
    if (!hasPdftotext) ctx.skip("pdftotext (poppler-utils) is not on PATH: line breaks are not checked here");
    const lines = extract(await renderRoundReportPdf(LONG), "long-lines.pdf")
      .split(/\n|\f/)
      .map((l) => l.trim().replace(/^(\d+\.?\s+)?\d{2}-[A-Z]{3}-\d{2}\s+/, "")); // "7 57-DIS-01 " before a name
    let wrapped = 0;
    for (const it of LONG.score.items) {
      const name = nfkd(it.nameTh);
      const points = breakPoints(it.nameTh);
      for (const line of lines) {
        if (line.length > 3 && line.length < name.length && name.startsWith(line)) {
          wrapped++;
          expect(points.has(line.length), `"${line}" | "${name.slice(line.length)}" is not a word boundary`).toBe(true);
        }
      }
    }
    expect(wrapped).toBeGreaterThan(10); // most of the long names wrap in the table
  });

  it("labels the pb-pt report with its components and rating, and a real agreement carries no demo label", async (ctx) => {
    const [pbpt, real] = await Promise.all([renderRoundReportPdf(PBPT), renderRoundReportPdf({ ...PBPT, agreement: { ...PBPT.agreement, isDemo: false } })]);
    expect(pageCount(pbpt)).toBeGreaterThanOrEqual(2);
    if (!hasPdftotext) ctx.skip("pdftotext (poppler-utils) is not on PATH: the PDF's text is not checked here");
    const t = extract(pbpt, "pbpt.pdf").replace(/\s+/g, " ");
    for (const s of ["องค์ประกอบที่ 1 Performance Base", "องค์ประกอบที่ 2 Potential Base", "80.002", "82.583", "คะแนนรวม (เต็ม 100)", "80.776", "ระดับมาตรฐานขั้นสูง", "รอบ 12 เดือน (รอบสุดท้าย)"])
      expect(t).toContain(nfkd(s));
    expect(t.indexOf("82.583")).toBeLessThan(t.indexOf("80.776"));
    expect(t).toContain("ข้อมูลตัวอย่าง");
    expect(extract(real, "real.pdf")).not.toContain("ข้อมูลตัวอย่าง");
  });
});
