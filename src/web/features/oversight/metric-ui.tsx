import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { METRIC_IDS, METRICS, type MetricId } from "../../../modules/oversight/contracts.js";
import { useFormat } from "../../app/format.js";

/** A metric's value in words and units ("82.5%", "1,204,000 บาท", "–" without data). */
export function useMetricText() {
  const { t } = useTranslation();
  const f = useFormat();
  return (metric: MetricId, value: number | null | undefined): string => {
    if (value === null || value === undefined) return "–";
    return t(`oversight.unit.${METRICS[metric].unit}`, { value: f.number(value) });
  };
}

export { heatColor, heatText } from "./heat.js";

export function MetricSelect({ value, onChange, only, testId }: { value: MetricId; onChange: (m: MetricId) => void; only?: (m: MetricId) => boolean; testId?: string }) {
  const { t } = useTranslation();
  const groups = ["kpis", "budget", "cases", "permits", "agreements", "committees", "deadlines", "requests"] as const;
  // agreements sit with the KPIs, the budget cycle's deadlines with the budget, delegation requests with the permits
  const shownAs = { agreements: "kpis", deadlines: "budget", requests: "permits" } as const;
  const data = groups
    .map((g) => ({ group: t(`oversight.groups.${g in shownAs ? shownAs[g as keyof typeof shownAs] : g}`), items: METRIC_IDS.filter((m) => METRICS[m].family === g && (!only || only(m))).map((m) => ({ value: m, label: t(`oversight.metrics.${m}`) })) }))
    .filter((g) => g.items.length);
  // one group per label
  const merged = data.reduce<{ group: string; items: { value: string; label: string }[] }[]>((acc, g) => {
    const same = acc.find((x) => x.group === g.group);
    if (same) same.items.push(...g.items);
    else acc.push({ group: g.group, items: [...g.items] });
    return acc;
  }, []);
  return <Select label={t("oversight.matrix.metric")} data={merged} value={value} onChange={(v) => v && onChange(v as MetricId)} allowDeselect={false} w={{ base: "100%", sm: 340 }} data-testid={testId} />;
}
