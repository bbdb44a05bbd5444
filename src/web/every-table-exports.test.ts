import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { tableRows, type CellLike, type RowLike, type TableLike } from "./app/table-export.js";

const WEB = new URL(".", import.meta.url).pathname;
/** A rendered table: Mantine's `<Table …>` (not `<Table.Tr>` and friends) or a plain `<table …>`. */
const TABLE = /<(Table|table)(?=[\s>]|$)/gm;
const EXPORT = /<ExportButtons(?=[\s>]|$)/gm;

/**
 * Tables that are not data views, each with why. `marker` is text on the table's opening line that picks it out
 * (one table per entry). Everything else that renders a table must offer CSV and XLSX (ExportButtons).
 */
const NOT_A_DATA_VIEW: { file: string; marker: string; reason: string }[] = [
  { file: "ui/HistoryPanel.tsx", marker: "highlightOnHover={false}", reason: "the before → after fields of one history entry, inside the timeline" },
  { file: "features/agreements/AgreementActions.tsx", marker: "<Table withTableBorder>", reason: "the amend form's grid of weight inputs" },
  { file: "features/committees/MeetingPage.tsx", marker: 'data-testid="votes-table"', reason: "the resolution form's grid of vote inputs" },
  { file: "features/planning-funds/EmergencyRequestPage.tsx", marker: 'variant="vertical"', reason: "one request's facts (label → value)" },
  { file: "features/planning-procurement/ProcurementPage.tsx", marker: 'variant="vertical"', reason: "one procurement's facts (label → value)" },
  { file: "features/areas/AreaPage.tsx", marker: 'mt="md" withTableBorder fz="sm"', reason: "one area's attribute sheet (name → value), not a list" },
  { file: "features/organizations/OrganizationPage.tsx", marker: 'mt="md" withTableBorder fz="sm"', reason: "one organisation's attribute sheet (name → value), not a list" },
  { file: "features/cases-staff/CasePage.tsx", marker: '<Table fz="sm">', reason: "reporters' contact details (PDPA): shown to the case's handlers, never exported" },
  { file: "features/citizen-account/MyAccountPage.tsx", marker: "miw={480}", reason: "the citizen's own data: each section has the server's CSV download and the whole a JSON one" },
];

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsxFiles(p) : p.endsWith(".tsx") ? [p] : [];
  });
}

const lineOf = (src: string, index: number) => src.slice(0, index).split("\n").length;

describe("every table view exports CSV and XLSX", () => {
  const files = tsxFiles(WEB).map((p) => ({ file: relative(WEB, p), src: readFileSync(p, "utf8") }));

  it("finds the tables (the sweep is not vacuous)", () => {
    const tables = files.reduce((n, f) => n + [...f.src.matchAll(TABLE)].length, 0);
    expect(tables).toBeGreaterThan(100);
  });

  it("each component file offers at least one ExportButtons per table that is a data view", () => {
    const missing: string[] = [];
    for (const { file, src } of files) {
      const lines = src.split("\n");
      const tables = [...src.matchAll(TABLE)].map((m) => lineOf(src, m.index));
      const dataViews = tables.filter((l) => !NOT_A_DATA_VIEW.some((a) => a.file === file && lines[l - 1]!.includes(a.marker)));
      const exports = [...src.matchAll(EXPORT)].length;
      if (dataViews.length > exports) missing.push(`${file}: ${dataViews.length} table(s) at lines ${dataViews.join(", ")}, ${exports} ExportButtons`);
    }
    expect(missing).toEqual([]);
  });

  it("every allow-list entry still picks out exactly one table (no stale excuses)", () => {
    for (const a of NOT_A_DATA_VIEW) {
      const f = files.find((x) => x.file === a.file);
      expect(f, a.file).toBeTruthy();
      const lines = f!.src.split("\n");
      const hits = [...f!.src.matchAll(TABLE)].filter((m) => lines[lineOf(f!.src, m.index) - 1]!.includes(a.marker));
      expect(hits.length, `${a.file} ${a.marker}`).toBe(1);
      expect(a.reason.length).toBeGreaterThan(10);
    }
  });
});

// A table as the DOM API shows it, for the export of a rendered table.
const cell = (text: string, attrs: Record<string, string> = {}, colSpan = 1): CellLike => ({ textContent: text, colSpan, getAttribute: (n) => attrs[n] ?? null });
const row = (...cells: (string | CellLike)[]): RowLike => ({ cells: cells.map((c) => (typeof c === "string" ? cell(c) : c)) });
const table = (head: RowLike[], body: RowLike[]): TableLike => ({ tHead: head.length ? { rows: head } : null, tBodies: [{ rows: body }], rows: [...head, ...body] });

describe("export of a rendered table", () => {
  it("takes the header and rows as shown, numbers as numbers, leaves out action columns and the empty-list row", () => {
    const t = table(
      [row("จังหวัด", "งบประมาณ (บาท)", "ร้อยละ", "", cell("ลับ", { "data-export": "skip" }))],
      [
        row("บุรีรัมย์", "12,500,000.50", "87.5", cell("แก้ไข"), "x"),
        row(cell("  สุรินทร์\n ", { title: "x" }), "1,000", "-3", "", "y"),
        row(cell("รหัส", { "data-export": "TH-31" }), "007", "1,23", "", "z"),
        row("เลขประจำตัว", "3100500123456", "0.25", "", ""),
        row(cell("ไม่มีข้อมูล", {}, 5)),
      ],
    );
    expect(tableRows(t)).toEqual({
      header: ["จังหวัด", "งบประมาณ (บาท)", "ร้อยละ"],
      rows: [
        ["บุรีรัมย์", 12500000.5, 87.5],
        ["สุรินทร์", 1000, -3],
        ["TH-31", "007", "1,23"],
        ["เลขประจำตัว", "3100500123456", 0.25],
      ],
    });
  });

  it("keeps columns aligned across a spanning cell; a headerless table takes the named columns", () => {
    const t = table([], [row("งบกลาง", "กรม ก", "1,000"), row(cell("รวม", {}, 2), "3,000")]);
    expect(tableRows(t, ["แหล่ง", "", "บาท"])).toEqual({ header: ["แหล่ง", "บาท"], rows: [["งบกลาง", 1000], ["รวม", 3000]] });
    // without names, the first row is the header (a table whose header row is in its body)
    expect(tableRows(t)).toEqual({ header: ["งบกลาง", "กรม ก", "1,000"], rows: [["รวม", "", 3000]] });
    expect(tableRows(table([], []))).toBeNull();
  });
});
