import { Badge } from "@mantine/core";
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { KpiDetail, KpiSummary, MeasurementView } from "../../../modules/performance/contracts.js";
import { ENGLISH_MONTHS_SHORT, THAI_MONTHS_SHORT, fiscalQuarterOf, fiscalYearOf, parseIsoDate, toBuddhistYear } from "../../../platform/thai/index.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";

export type Frequency = KpiSummary["frequency"];
export type MeasurementStatus = MeasurementView["status"];

export const kpiQuery = (id: string) => queryOptions({ queryKey: ["kpis", id], queryFn: () => api.get<KpiDetail>(`/kpis/${seg(id)}`) });

/** After a measurement is recorded or reviewed: the cockpit, the KPI and the agreements' live scores are stale. */
export function invalidatePerformance(qc: QueryClient): Promise<void> {
  return Promise.all([qc.invalidateQueries({ queryKey: ["cockpit"] }), qc.invalidateQueries({ queryKey: ["kpis"] }), qc.invalidateQueries({ queryKey: ["agreements"] })]).then(() => undefined);
}

/** The last day of each period of a fiscal year (B.E.), as the server counts them (performance/rules.ts#periodEnds). */
export function periodEndsOf(fy: number, frequency: Frequency): string[] {
  const y = fy - 543;
  const months: [number, number][] = [[y - 1, 10], [y - 1, 11], [y - 1, 12], [y, 1], [y, 2], [y, 3], [y, 4], [y, 5], [y, 6], [y, 7], [y, 8], [y, 9]];
  const all = months.map(([yy, m]) => new Date(Date.UTC(yy, m, 0)).toISOString().slice(0, 10));
  if (frequency === "monthly") return all;
  if (frequency === "quarterly") return [all[2]!, all[5]!, all[8]!, all[11]!];
  return frequency === "half-yearly" ? [all[5]!, all[11]!] : [all[11]!];
}

/** Status of a KPI against the year's standard target: a word and an icon, never colour alone. */
export type Track = "on-track" | "off-track" | "no-data";
export const trackOf = (offTrack: boolean | null | undefined): Track => (offTrack === true ? "off-track" : offTrack === false ? "on-track" : "no-data");
export const TRACK_LOOK: Record<Track, { color: string; icon: string }> = {
  "on-track": { color: "green", icon: "✓" },
  "off-track": { color: "red", icon: "⚠" },
  "no-data": { color: "gray", icon: "○" },
};

export function TrackBadge({ offTrack, size = "md" }: { offTrack: boolean | null | undefined; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  const track = trackOf(offTrack);
  const look = TRACK_LOOK[track];
  return (
    <Badge variant="light" color={look.color} c="dark.9" size={size} leftSection={<span aria-hidden="true">{look.icon}</span>} data-testid="kpi-track" data-track={track}>
      {t(`kpi.track.${track}`)}
    </Badge>
  );
}

const MEASUREMENT_LOOK: Record<MeasurementStatus, { color: string; icon: string }> = {
  submitted: { color: "yellow", icon: "…" },
  verified: { color: "green", icon: "✓" },
  returned: { color: "orange", icon: "↩" },
};

export function MeasurementStatusBadge({ status, size = "sm" }: { status: MeasurementStatus; size?: "sm" | "md" }) {
  const { t } = useTranslation();
  const look = MEASUREMENT_LOOK[status];
  return (
    <Badge variant="light" color={look.color} c="dark.9" size={size} leftSection={<span aria-hidden="true">{look.icon}</span>} data-testid="measurement-status" data-status={status}>
      {t(`kpi.measurementStatus.${status}`)}
    </Badge>
  );
}

/** KPI values, units and reporting periods in the interface language. */
export function useKpiFormat() {
  const { t } = useTranslation();
  const f = useFormat();
  const nf = (digits: number) => new Intl.NumberFormat(f.lang === "th" ? "th-TH" : "en-GB", { maximumFractionDigits: digits });
  const unit = (u: string | null | undefined) => (u ? t(`pilots.units.${u}`, { defaultValue: u }) : "");
  const number = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? "–" : nf(digits).format(v));
  return {
    unit,
    number,
    /** "ร้อยละ 88" / "88%", "2,420 จุด" / "2,420 hotspots" */
    value: (v: number | null | undefined, u: string | null | undefined, digits = 2): string => {
      if (v === null || v === undefined) return "–";
      if (u === "ร้อยละ" || u === "%") return t("kpi.percent", { value: number(v, digits) });
      return u ? t("kpi.valueWithUnit", { value: number(v, digits), unit: unit(u) }) : number(v, digits);
    },
    /** A reporting period named by its reader: a month, a quarter of the fiscal year, a half or the year. */
    period: (periodEnd: string, frequency: Frequency): string => {
      const { year, month } = parseIsoDate(periodEnd);
      const fy = fiscalYearOf(periodEnd);
      if (frequency === "monthly") return `${(f.lang === "th" ? THAI_MONTHS_SHORT : ENGLISH_MONTHS_SHORT)[month - 1]} ${f.lang === "th" ? toBuddhistYear(year) : year}`;
      if (frequency === "quarterly") return t("kpi.periodQuarter", { q: fiscalQuarterOf(periodEnd), fy });
      if (frequency === "half-yearly") return t(month === 3 ? "kpi.periodFirstHalf" : "kpi.periodSecondHalf", { fy });
      return t("kpi.periodYear", { fy });
    },
    frequency: (fr: Frequency) => t(`kpi.frequency.${fr}`),
    direction: (d: KpiSummary["direction"]) => t(`kpi.direction.${d}`),
  };
}
export type KpiFormat = ReturnType<typeof useKpiFormat>;
