/** Client-side CSV export: UTF-8 with BOM (Excel reads Thai correctly), CRLF, RFC 4180 quoting. */
import { useState } from "react";

export type CsvCell = string | number | boolean | null | undefined;

function cell(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  // Neutralise spreadsheet formulas in exported text (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === "string" ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function downloadCsv(fileName: string, header: readonly string[], rows: readonly (readonly CsvCell[])[]): void {
  const blob = new Blob(["\uFEFF", toCsv(header, rows)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName.endsWith(".csv") ? fileName : `${fileName}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One page of a paged list as the API returns it. */
export type ListPage<T> = { items: T[]; total: number };

/**
 * Every row of a paged list, page after page: the server caps `limit` at 500, so one request is not "all".
 * The next offset is the number of rows read so far, so a server that returns fewer rows than asked is still
 * read to the end; it stops at the total or at an empty page.
 */
export async function fetchAllPages<T>(fetchPage: (offset: number, limit: number) => Promise<ListPage<T>>, pageSize = 500, onProgress?: (fetched: number, total: number) => void): Promise<T[]> {
  const rows: T[] = [];
  for (;;) {
    const page = await fetchPage(rows.length, pageSize);
    rows.push(...page.items);
    onProgress?.(rows.length, page.total);
    if (!page.items.length || rows.length >= page.total) return rows;
  }
}

/**
 * An "export all" button's state: `collect` reads every page (`pageSize` rows a request: the list's own maximum)
 * and builds the export from them (the table that ExportButtons saves as CSV or XLSX), or `null` when a page failed;
 * `busy` and `progress` (0–100) while pages load, `error` when one failed.
 */
export function useExportAll() {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function collect<T, R>(fetchPage: (offset: number, limit: number) => Promise<ListPage<T>>, build: (rows: T[]) => R, pageSize = 500): Promise<R | null> {
    setError(null);
    setProgress(0);
    try {
      return build(await fetchAllPages(fetchPage, pageSize, (fetched, total) => setProgress(total ? Math.min(100, Math.round((fetched / total) * 100)) : 100)));
    } catch (e) {
      setError(e);
      return null;
    } finally {
      setProgress(null);
    }
  }
  return { collect, busy: progress !== null, progress, error };
}
