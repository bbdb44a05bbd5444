import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import * as echarts from "echarts/core";
import { LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { PilotSeriesPoint } from "../../../modules/performance/contracts.js";
import { useFormat } from "../../app/format.js";

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent, AriaComponent, SVGRenderer]);

const PILOT = "#1c5d99";
const COMPARISON = "#b45309";

/**
 * Pilot-group mean against comparison-group mean per period, the periods from the treatment start on shaded
 * and marked. The two lines differ in colour, line style and symbol, and are named in the legend (not colour alone).
 */
export default function ComparisonChart({ series, label, title, unit, testId }: { series: readonly PilotSeriesPoint[]; label: (period: string) => string; title: string; unit: string; testId?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "svg" });
    const cats = series.map((s) => label(s.period));
    const firstPost = series.findIndex((s) => s.phase === "post");
    const fmt = (v: unknown) => (typeof v === "number" ? new Intl.NumberFormat(f.lang === "th" ? "th-TH" : "en-GB", { maximumFractionDigits: 2 }).format(v) : "–");
    chart.setOption({
      aria: { enabled: true },
      textStyle: { fontFamily: "Sarabun, sans-serif", fontSize: 13 },
      grid: { left: 8, right: 32, top: 64, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${fmt(v)} ${unit}` },
      xAxis: { type: "category", data: cats, boundaryGap: false, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", scale: true, name: unit, nameTextStyle: { align: "left" }, axisLabel: { formatter: (v: number) => fmt(v) } },
      series: [
        {
          type: "line",
          name: t("pilots.pilotMean"),
          data: series.map((s) => s.pilot?.mean ?? null),
          color: PILOT,
          symbol: "circle",
          symbolSize: 8,
          lineStyle: { width: 3 },
          connectNulls: true,
          markArea:
            firstPost >= 0
              ? { silent: true, itemStyle: { color: "rgba(28, 93, 153, 0.07)" }, data: [[{ xAxis: cats[firstPost] }, { xAxis: cats[cats.length - 1] }]] }
              : undefined,
          markLine:
            firstPost >= 0
              ? { silent: true, symbol: "none", lineStyle: { color: "#374151", type: "dashed", width: 2 }, label: { formatter: t("pilots.start"), position: "end", color: "#111827", fontSize: 13, fontWeight: "bold" }, data: [{ xAxis: cats[firstPost] }] }
              : undefined,
        },
        { type: "line", name: t("pilots.comparisonMean"), data: series.map((s) => s.comparison?.mean ?? null), color: COMPARISON, symbol: "triangle", symbolSize: 9, lineStyle: { width: 3, type: "dashed" }, connectNulls: true },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [series, label, unit, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 700 }}>{title}</figcaption>
      <div ref={ref} style={{ width: "100%", height: 320 }} role="img" aria-label={title} data-testid={testId} />
    </figure>
  );
}
