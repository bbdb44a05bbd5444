import { Badge, Select } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { DeadlineStatus } from "../../../modules/planning/contracts-budget.js";
import { bangkokToday, fiscalYearOf } from "../../../platform/thai/index.js";
import { useFormat } from "../../app/format.js";
import { provincesQuery } from "../provinces/queries.js";

export const PILOT_PROVINCES = ["57", "34", "31", "40", "76"];
export const currentFiscalYear = () => fiscalYearOf(bangkokToday());

const STATUS_COLOR: Record<DeadlineStatus, string> = { pending: "gray.9", "due-soon": "orange.9", overdue: "red.9", "on-time": "teal.9", late: "red.9", met: "teal.9", missed: "red.9", unknown: "gray.9" };
const STATUS_ICON: Record<DeadlineStatus, string> = { pending: "○", "due-soon": "◔", overdue: "⚠", "on-time": "✓", late: "⚠", met: "✓", missed: "✗", unknown: "?" };

/** A deadline's status in words with an icon (never colour alone); days late shown with a late or overdue one. */
export function StatusBadge({ status, daysLate, testId }: { status: DeadlineStatus; daysLate?: number; testId?: string }) {
  const { t } = useTranslation();
  const late = (status === "late" || status === "overdue") && daysLate ? ` ${t("planningBudget.daysLate", { count: daysLate })}` : "";
  return (
    <Badge variant={status === "late" || status === "overdue" || status === "missed" ? "filled" : "outline"} color={STATUS_COLOR[status]} data-testid={testId} data-status={status} style={{ textTransform: "none" }}>
      <span aria-hidden>{STATUS_ICON[status]} </span>
      {t(`planningBudget.status.${status}`)}
      {late}
    </Badge>
  );
}

/** Baht with Thai digit grouping and the unit. */
export function useBaht() {
  const f = useFormat();
  return (v: string | number | null | undefined) => (v === null || v === undefined ? "–" : f.baht(v));
}

export function ProvinceSelect({ value, onChange, clearable = false, testId }: { value: string | undefined; onChange: (v: string | undefined) => void; clearable?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useQuery(provincesQuery);
  const data = (provinces.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}`, pilot: PILOT_PROVINCES.includes(p.code) }));
  data.sort((a, b) => Number(b.pilot) - Number(a.pilot) || a.value.localeCompare(b.value));
  return <Select label={t("planningBudget.province")} placeholder={clearable ? t("planningBudget.nationWide") : undefined} searchable clearable={clearable} data={data.map(({ value, label }) => ({ value, label }))} value={value ?? null} onChange={(v) => onChange(v ?? undefined)} w={{ base: "100%", sm: 260 }} data-testid={testId} />;
}

export function FiscalYearSelect({ value, onChange, testId }: { value: number; onChange: (v: number) => void; testId?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = currentFiscalYear();
  const years = [now + 1, now, now - 1, now - 2];
  return <Select label={t("planningBudget.fiscalYear")} data={years.map((y) => ({ value: String(y), label: f.fiscalYear(y) }))} value={String(value)} onChange={(v) => v && onChange(Number(v))} allowDeselect={false} w={{ base: "100%", sm: 240 }} data-testid={testId} />;
}
