/**
 * A rendered table as an export: the header row and the body rows exactly as the page shows them (so a view that
 * hides personal data exports none). Reads only the table's own rows (`tHead`, `tBodies`, `rows`, `cells`), never
 * those of a table nested in a cell. Columns with an empty header (row actions) and `data-export="skip"` are left out;
 * a cell's `data-export` value, when set, replaces its text; formatted numbers ("1,234.50") become numbers.
 */
import type { CsvCell } from "./csv";

/** The parts of the DOM table API read here (HTMLTableElement and friends satisfy it). */
export type CellLike = { textContent: string | null; colSpan?: number; getAttribute(name: string): string | null };
export type RowLike = { cells: ArrayLike<CellLike> };
export type TableLike = { tHead: { rows: ArrayLike<RowLike> } | null; tBodies: ArrayLike<{ rows: ArrayLike<RowLike> }>; rows: ArrayLike<RowLike> };

// grouped, or at most 12 digits, no leading zero: codes ("007") and ID numbers stay text
const NUMBER = /^-?([1-9]\d{0,2}(,\d{3})+|[1-9]\d{0,11}|0)(\.\d+)?$/;

function text(c: CellLike): string {
  const v = c.getAttribute("data-export");
  return (v ?? c.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** One row's cells, a spanning cell repeated as blanks so columns stay aligned. */
function spread(r: RowLike): { value: string; skip: boolean }[] {
  const out: { value: string; skip: boolean }[] = [];
  for (const c of Array.from(r.cells)) {
    const skip = c.getAttribute("data-export") === "skip";
    out.push({ value: skip ? "" : text(c), skip });
    for (let i = 1; i < (c.colSpan ?? 1); i++) out.push({ value: "", skip });
  }
  return out;
}

export function cellValue(s: string): CsvCell {
  return NUMBER.test(s) ? Number(s.replace(/,/g, "")) : s;
}

/**
 * The table's header and body rows; `null` when it has neither a header row nor `columns`. `columns` names the
 * columns of a table shown without a header (a blank name leaves that column out); otherwise the header is the
 * last row of `<thead>`, or the table's first row when it has no `<thead>`.
 */
export function tableRows(t: TableLike, columns?: readonly string[]): { header: string[]; rows: CsvCell[][] } | null {
  const headRows = columns ? [] : t.tHead ? Array.from(t.tHead.rows) : [];
  const bodyRows = Array.from(t.tBodies).flatMap((b) => Array.from(b.rows));
  const headRow = headRows.at(-1) ?? (columns ? undefined : Array.from(t.rows)[0]);
  if (!headRow && !columns) return null;
  const head = columns ? columns.map((value) => ({ value, skip: false })) : spread(headRow!);
  const keep = head.map((h, i) => (!h.skip && h.value !== "" ? i : -1)).filter((i) => i >= 0);
  const rows = (headRows.length || columns ? bodyRows : bodyRows.slice(1))
    // an "empty list" row: one cell spanning the whole table
    .filter((r) => !(r.cells.length === 1 && (r.cells[0]!.colSpan ?? 1) > 1 && head.length > 1))
    .map((r) => {
      const cells = spread(r);
      return keep.map((i) => cellValue(cells[i]?.skip ? "" : (cells[i]?.value ?? "")));
    });
  return { header: keep.map((i) => head[i]!.value), rows };
}
