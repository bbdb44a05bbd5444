import { Button, Group, type ButtonProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { downloadCsv, type CsvCell } from "../app/csv";
import { downloadXlsx } from "../app/xlsx";

/** A table as exported: file name (without extension), header row and rows. */
export type TableExport = { fileName: string; header: readonly string[]; rows: readonly (readonly CsvCell[])[] };

/**
 * CSV and XLSX side by side for a table view: `table` builds the export (it may fetch every page first) and each
 * button saves it in its format. The CSV button keeps the page's own label and `testId`; XLSX gets `<testId>-xlsx`.
 * `loading` shows both as busy while an "export all" reads its pages.
 */
export function ExportButtons({ table, disabled, loading, size, variant = "default", testId, csvLabel }: { table: () => TableExport | null | undefined | Promise<TableExport | null | undefined>; disabled?: boolean; loading?: boolean; size?: ButtonProps["size"]; variant?: ButtonProps["variant"]; testId?: string; csvLabel?: string }) {
  const { t } = useTranslation();
  const save = async (format: "csv" | "xlsx") => {
    const x = await table();
    if (!x) return;
    (format === "csv" ? downloadCsv : downloadXlsx)(x.fileName, x.header, x.rows);
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <Button variant={variant} size={size} disabled={disabled} loading={loading} onClick={() => void save("csv")} data-testid={testId}>{csvLabel ?? t("common.exportCsv")}</Button>
      <Button variant={variant} size={size} disabled={disabled} loading={loading} onClick={() => void save("xlsx")} data-testid={testId ? `${testId}-xlsx` : undefined}>{t("common.exportXlsx")}</Button>
    </Group>
  );
}
