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

/** Fill for a value between lo and hi: light to dark blue, darker is better (or more, for neutral figures). */
export function heatColor(metric: MetricId, value: number | null, lo: number | null, hi: number | null): string {
  if (value === null || lo === null || hi === null) return "#f1f3f5";
  const better = METRICS[metric].better;
  let x = hi === lo ? 0.5 : (value - lo) / (hi - lo);
  if (better === "down") x = 1 - x;
  // five steps of one hue (colour is never the only cue: the value is printed in the cell)
  const steps = ["#e7f5ff", "#a5d8ff", "#4dabf7", "#1971c2", "#0b4f8a"];
  return steps[Math.min(4, Math.floor(x * 5))]!;
}

/** Dark steps need light text. */
export const heatText = (fill: string) => (fill === "#1971c2" || fill === "#0b4f8a" ? "#ffffff" : "#1f2937");

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
