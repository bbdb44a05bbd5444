import { useMemo, useState } from "react";
import { Pagination, Table } from "@mantine/core";
import { useTranslation } from "react-i18next";

export type SortDir = "asc" | "desc";
export interface SortState<K extends string> {
  key: K;
  dir: SortDir;
}

const collator = new Intl.Collator(["th", "en"], { numeric: true, sensitivity: "base" });

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === "") return 1;
  if (b === null || b === undefined || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return a ? -1 : 1;
  return collator.compare(String(a), String(b));
}

/** Client-side sorting of rows by a keyed accessor; empty values always sort last. */
export function useSortedRows<T, K extends string>(rows: readonly T[], accessors: Record<K, (row: T) => unknown>, initial: SortState<K>) {
  const [sort, setSort] = useState<SortState<K>>(initial);
  const sorted = useMemo(() => {
    const get = accessors[sort.key];
    const out = [...rows];
    out.sort((x, y) => {
      const a = get(x);
      const b = get(y);
      if (a === null || a === undefined || a === "") return b === null || b === undefined || b === "" ? 0 : 1;
      if (b === null || b === undefined || b === "") return -1;
      const c = compareValues(a, b);
      return sort.dir === "asc" ? c : -c;
    });
    return out;
    // accessors are declared inline by callers; sorting depends on rows and the sort state only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, sort]);
  const toggle = (key: K) => setSort((s) => (s.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" }));
  return { sorted, sort, toggle };
}

/** A column header that sorts on click/Enter; aria-sort tells screen readers the state. */
export function SortTh<K extends string>({ label, sortKey, sort, onSort }: { label: string; sortKey: K; sort: SortState<K>; onSort: (k: K) => void }) {
  const { t } = useTranslation();
  const active = sort.key === sortKey;
  const ariaSort = active ? (sort.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <Table.Th aria-sort={ariaSort}>
      <button type="button" className="sort-button" onClick={() => onSort(sortKey)} title={t("table.sortBy", { column: label })}>
        {label}
        <span aria-hidden="true">{active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}</span>
      </button>
    </Table.Th>
  );
}

/** The row a list's table shows when nothing matches (`show` is false while the first page is still loading). */
export function NoResultsRow({ colSpan, show }: { colSpan: number; show: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>{t("common.noResults")}</Table.Td>
    </Table.Tr>
  );
}

/** The pager under a paged list: `page` is 1-based; the arrows and page numbers carry labels a screen reader says. */
export function ListPagination({ total, pageSize, page, onChange }: { total: number; pageSize: number; page: number; onChange: (page: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Pagination
      total={pages}
      value={Math.min(page, pages)}
      onChange={onChange}
      getControlProps={(c) => ({ "aria-label": t(`pagination.${c}`) })}
      getItemProps={(p) => ({ "aria-label": t("pagination.page", { page: p }) })}
    />
  );
}
