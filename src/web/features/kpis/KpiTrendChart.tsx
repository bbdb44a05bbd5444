import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import * as echarts from "echarts/core";
import { LineChart, ScatterChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { MeasurementStatus } from "./kpi-ui.js";

echarts.use([LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent, AriaComponent, SVGRenderer]);

const VERIFIED = "#1c5d99";
const PENDING = "#b45309";
const TARGET = "#374151";

export interface TrendPoint {
  periodEnd: string;
  value: number;
  status: MeasurementStatus;
}

/**
 * A KPI's results over the periods of two fiscal years: verified values as a solid line with dots, values waiting
 * for verification as hollow diamonds (another colour, symbol and legend entry: not colour alone), the year's
 * standard target as a dashed line, and the current fiscal year shaded.
 */
export default function KpiTrendChart({
  points,
  periods,
  currentYearStart,
  target,
  label,
  format,
  title,
  height = 150,
  compact = false,
  testId,
}: {
  points: readonly TrendPoint[];
  /** every period of both fiscal years, oldest first (gaps stay visible) */
  periods: readonly string[];
  /** the first period of the fiscal year shown */
  currentYearStart: string | null;
  target: number | null;
  label: (periodEnd: string) => string;
  format: (v: number) => string;
  title: string;
  height?: number;
  compact?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "svg" });
    const cats = [...new Set([...periods, ...points.map((p) => p.periodEnd)])].sort();
    const at = (status: MeasurementStatus) => cats.map((c) => points.find((p) => p.periodEnd === c && p.status === status)?.value ?? null);
    const values = [...points.map((p) => p.value), ...(target === null ? [] : [target])];
    const lo = values.length ? Math.min(...values) : 0;
    const hi = values.length ? Math.max(...values) : 1;
    const pad = (hi - lo || Math.abs(hi) || 1) * 0.1;
    // round bounds to a "nice" step so the axis reads 70 · 80 · 90 · 100, not 70.8 … 95.1
    const splits = compact ? 2 : 4;
    const raw = (hi - lo + 2 * pad) / splits;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((x) => x >= raw) ?? 10 * mag;
    const yMin = Math.max(lo >= 0 ? 0 : -Infinity, Math.floor((lo - pad) / step) * step);
    const yMax = Math.ceil((hi + pad) / step) * step;
    const n = cats.length;
    const firstCurrent = currentYearStart ? cats.indexOf(currentYearStart) : -1;
    chart.setOption({
      aria: { enabled: true, label: { description: title } },
      animation: false,
      textStyle: { fontFamily: "Sarabun, sans-serif", fontSize: 12 },
      grid: compact ? { left: 4, right: 8, top: 28, bottom: 4, containLabel: true } : { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: compact ? { show: false } : { top: 0, left: 0, textStyle: { fontSize: 13, color: "#1f2937" }, data: [t("kpi.chart.verified"), t("kpi.chart.pending")] },
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: unknown) => (typeof v === "number" ? format(v) : "–"),
      },
      xAxis: {
        type: "category",
        data: cats.map(label),
        boundaryGap: false,
        axisLabel: { color: "#374151", hideOverlap: true, interval: compact ? (i: number) => i === 0 || i === n - 1 || i === firstCurrent : "auto" },
        axisTick: { show: !compact },
      },
      yAxis: {
        type: "value",
        min: yMin,
        max: yMax,
        interval: step,
        axisLabel: { color: "#374151", formatter: (v: number) => new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "th-TH", { notation: Math.abs(v) >= 10000 ? "compact" : "standard", maximumFractionDigits: 1 }).format(v) },
      },
      series: [
        {
          type: "line",
          name: t("kpi.chart.verified"),
          data: at("verified"),
          color: VERIFIED,
          symbol: "circle",
          symbolSize: compact ? 5 : 7,
          lineStyle: { width: 2 },
          connectNulls: true,
          markArea:
            firstCurrent >= 0
              ? { silent: true, itemStyle: { color: "rgba(28, 93, 153, 0.08)" }, label: { show: !compact, position: "insideTopLeft", color: "#1f2937", fontSize: 11, formatter: t("kpi.chart.thisYear") }, data: [[{ xAxis: firstCurrent }, { xAxis: n - 1 }]] }
              : undefined,
          markLine:
            target !== null
              ? {
                  silent: true,
                  symbol: "none",
                  lineStyle: { color: TARGET, type: "dashed", width: 1.5 },
                  label: { formatter: t("kpi.chart.target", { value: format(target) }), position: "insideEndTop", color: "#111827", fontSize: 11 },
                  data: [{ yAxis: target }],
                }
              : undefined,
        },
        {
          type: "scatter",
          name: t("kpi.chart.pending"),
          data: at("submitted"),
          color: PENDING,
          symbol: "diamond",
          symbolSize: compact ? 10 : 13,
          itemStyle: { color: "#ffffff", borderColor: PENDING, borderWidth: 2 },
        },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [points, periods, currentYearStart, target, label, format, compact, title, i18n.language, t]);

  return <div ref={ref} style={{ width: "100%", height }} role="img" aria-label={title} data-testid={testId} />;
}
