import { parse as parseCsv } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { AppError, type FieldError } from "../../platform/errors.js";
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportFormat, type ImportKind } from "./contracts.js";
import { importKindHandler } from "./import-kinds.js";

import type { ImportRow } from "./import-kinds.js";

export type { ImportRow };
export type ImportFile = { format: ImportFormat; columns: string[]; rows: ImportRow[] };

/** The file itself is unusable (not CSV/XLSX, wrong header, empty, too big): refused before a job exists. */
export class ImportFileError extends AppError {
  constructor(code: string, status: number, th: string, en: string, fields?: FieldError[]) {
    super(code, status, th, en, fields);
  }
}

const unreadable = (en: string) =>
  new ImportFileError(
    "import.unreadable",
    400,
    "อ่านไฟล์ไม่ได้: ต้องเป็น CSV (UTF-8 หรือ TIS-620) หรือ Excel .xlsx ที่มีแถวหัวตารางในแถวแรก",
    `The file could not be read: a CSV (UTF-8 or TIS-620) or an Excel .xlsx file with a header row is expected. ${en}`.trim().slice(0, 300),
  );

export function detectFormat(content: Buffer, fileName: string, declared?: ImportFormat): ImportFormat {
  if (declared) return declared;
  const isZip = content[0] === 0x50 && content[1] === 0x4b;
  return isZip || fileName.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv";
}

/** Checks the size before anything is parsed. */
export function checkImportSize(content: Buffer): void {
  if (content.length === 0) throw new ImportFileError("import.empty-file", 400, "ไม่ได้แนบไฟล์ หรือไฟล์ว่างเปล่า", "No file was sent, or the file is empty");
  if (content.length > MAX_IMPORT_BYTES) {
    const mb = MAX_IMPORT_BYTES / 1024 / 1024;
    throw new ImportFileError("import.too-large", 413, `ไฟล์ใหญ่เกิน ${mb} MB กรุณาแบ่งเป็นหลายไฟล์`, `The file is larger than ${mb} MB; split it into several files`);
  }
}

/** Excel saves "CSV" in the Windows Thai code page unless "CSV UTF-8" is chosen: accept both. */
function decodeText(content: Buffer): string {
  const head = content.subarray(0, 8192);
  if (head.includes(0)) throw unreadable("It looks like a binary file.");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(content).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("windows-874").decode(content);
  }
}

const normaliseHeader = (h: unknown) => String(h ?? "").replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s-]+/g, "_");
const newlines = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;

function readCsv(content: Buffer): { header: string[]; rows: ImportRow[] } {
  const text = decodeText(content);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { info: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, trim: true }) as never;
  } catch (e) {
    throw unreadable((e as Error).message);
  }
  const [first, ...rest] = records;
  if (!first) return { header: [], rows: [] };
  const header = first.record.map(normaliseHeader);
  // Spreadsheet row = physical line minus the line breaks inside quoted cells so far (a cell with a break is still one row).
  let embedded = first.record.reduce((n, v) => n + newlines(v), 0);
  const rows: ImportRow[] = [];
  for (const { record, info } of rest) {
    embedded += record.reduce((n, v) => n + newlines(v), 0);
    if (record.every((v) => v === "")) continue;
    const values: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h) values[h] = record[i] ?? "";
    });
    rows.push({ row: info.lines - embedded, values, extraValues: record.slice(header.length).some((v) => v !== "") });
  }
  return { header, rows };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v && typeof v === "object" && "result" in v && v.result instanceof Date) return v.result.toISOString().slice(0, 10);
  return String(cell.text ?? "").trim();
}

async function readXlsx(content: Buffer): Promise<{ header: string[]; rows: ImportRow[] }> {
  if (!(content[0] === 0x50 && content[1] === 0x4b)) throw unreadable("It is not an .xlsx (zip) file.");
  // loaded on first use: it costs ~30 MB of resident memory that an idle server need not carry
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch (e) {
    throw unreadable((e as Error).message);
  }
  const ws = wb.worksheets.find((w) => w.state === "visible") ?? wb.worksheets[0];
  if (!ws) return { header: [], rows: [] };
  const header: string[] = [];
  let headerRow = 0;
  const rows: ImportRow[] = [];
  ws.eachRow((r, n) => {
    if (!headerRow) {
      r.eachCell((c, col) => (header[col - 1] = normaliseHeader(cellText(c))));
      headerRow = n;
      return;
    }
    const values: Record<string, string> = {};
    let any = false;
    let extraValues = false;
    r.eachCell((c, col) => {
      const v = cellText(c);
      if (v !== "") any = true;
      const h = header[col - 1];
      if (h) values[h] = v;
      else if (v !== "") extraValues = true;
    });
    if (any) rows.push({ row: n, values, extraValues });
  });
  for (let i = 0; i < header.length; i++) header[i] ??= "";
  return { header, rows };
}

/** Parses an upload and checks its header against the kind's columns; throws ImportFileError (4xx) for an unusable file. */
export async function readImportFile(kind: ImportKind | string, format: ImportFormat, content: Buffer): Promise<ImportFile> {
  checkImportSize(content);
  const read = format === "xlsx" ? await readXlsx(content) : readCsv(content);
  const handler = importKindHandler(kind);
  const spec = (IMPORT_COLUMNS as Record<string, { required: readonly string[]; optional: readonly string[] }>)[kind] ?? handler?.columns;
  if (!spec) throw new ImportFileError("import.unknown-kind", 400, `ไม่รู้จักประเภทการนำเข้า ${kind}`, `Unknown import kind ${kind}`);
  // a registered kind may name its columns in Thai too: the header and the rows' keys use the canonical names
  const alias = (h: string) => handler?.aliases?.[h] ?? h;
  const header = read.header.map(alias);
  let rows = handler?.aliases ? read.rows.map((r) => ({ ...r, values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [alias(k), v])) })) : read.rows;
  const known = new Set([...spec.required, ...spec.optional]);
  const present = header.filter(Boolean);
  const fields: FieldError[] = [];
  for (const c of spec.required) if (!present.includes(c)) fields.push({ path: c, code: "import.missing-column", messageTh: `ไม่มีคอลัมน์ที่ต้องมี: ${c}`, messageEn: `Required column missing: ${c}` });
  for (const c of new Set(present)) {
    if (!known.has(c)) fields.push({ path: c, code: "import.unknown-column", messageTh: `ไม่รู้จักคอลัมน์ ${c}`, messageEn: `Unknown column: ${c}` });
    else if (present.filter((x) => x === c).length > 1) fields.push({ path: c, code: "import.duplicate-column", messageTh: `คอลัมน์ ${c} ซ้ำ`, messageEn: `Column ${c} appears more than once` });
  }
  if (!present.length && !rows.length) throw new ImportFileError("import.no-rows", 400, "ไฟล์ไม่มีข้อมูล", "The file has no header and no data rows");
  if (fields.length) {
    const expected = `${spec.required.join(", ")} (+ ${spec.optional.join(", ")})`;
    throw new ImportFileError("import.bad-header", 400, `แถวแรกต้องเป็นหัวคอลัมน์: ${expected}`, `The first row must be the column headers: ${expected}`, fields);
  }
  if (!rows.length) throw new ImportFileError("import.no-rows", 400, "ไฟล์มีแต่หัวคอลัมน์ ไม่มีแถวข้อมูล", "The file has a header but no data rows");
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new ImportFileError("import.too-many-rows", 413, `ไฟล์มีเกิน ${MAX_IMPORT_ROWS.toLocaleString("en")} แถว กรุณาแบ่งเป็นหลายไฟล์`, `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows; split it into several files`);
  }
  if (handler?.group) rows = handler.group(rows);
  return { format, columns: present, rows };
}
