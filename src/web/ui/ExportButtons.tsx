import { Button, Group, type ButtonProps } from "@mantine/core";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { downloadCsv, type CsvCell } from "../app/csv";
import { tableRows } from "../app/table-export";
import { downloadXlsx } from "../app/xlsx";

/** A table as exported: file name (without extension), header row and rows. */
export type TableExport = { fileName: string; header: readonly string[]; rows: readonly (readonly CsvCell[])[] };

/** The table the buttons sit in (as its caption), else the first table after them in the page (not one inside them). */
function followingTable(me: HTMLElement | null): HTMLTableElement | null {
  if (!me) return null;
  const own = me.closest("table");
  if (own) return own;
  for (const el of Array.from(document.querySelectorAll("table"))) {
    if (!me.contains(el) && me.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) return el;
  }
  return null;
}

/**
 * CSV and XLSX side by side for a table view: `table` builds the export (it may fetch every page first) and each
 * button saves it in its format. The CSV button keeps the page's own label and `testId`; XLSX gets `<testId>-xlsx`.
 * `loading` shows both as busy while an "export all" reads its pages. Without `table`, `nextTable` names the file
 * and the export is the table that follows the buttons (or whose caption holds them), as shown: detail pages whose
 * table holds every row. `columns` names the columns of a table shown without a header row.
 */
export function ExportButtons({ table, nextTable, columns, disabled, loading, size, variant = "default", testId, csvLabel }: { table?: () => TableExport | null | undefined | Promise<TableExport | null | undefined>; nextTable?: string; columns?: readonly string[]; disabled?: boolean; loading?: boolean; size?: ButtonProps["size"]; variant?: ButtonProps["variant"]; testId?: string; csvLabel?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const build = (): TableExport | null | undefined | Promise<TableExport | null | undefined> => {
    if (table) return table();
    const el = followingTable(ref.current);
    const got = el && tableRows(el, columns);
    return got && nextTable ? { fileName: nextTable, ...got } : null;
  };
  const save = async (format: "csv" | "xlsx") => {
    const x = await build();
    if (!x) return;
    (format === "csv" ? downloadCsv : downloadXlsx)(x.fileName, x.header, x.rows);
  };
  return (
    <Group gap="xs" wrap="nowrap" ref={ref}>
      <Button variant={variant} size={size} disabled={disabled} loading={loading} onClick={() => void save("csv")} data-testid={testId}>{csvLabel ?? t("common.exportCsv")}</Button>
      <Button variant={variant} size={size} disabled={disabled} loading={loading} onClick={() => void save("xlsx")} data-testid={testId ? `${testId}-xlsx` : undefined}>{t("common.exportXlsx")}</Button>
    </Group>
  );
}
