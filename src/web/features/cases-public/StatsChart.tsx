import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { Stats } from "../../../modules/cases/contracts.js";

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

type Row = Stats["rows"][number];
const MAX_BARS = 15;

/**
 * Cases per category, agency or district as horizontal bars split into resolved and not yet resolved; the two parts
 * differ in colour and in pattern (decal) and are named in the legend. The largest 15 rows; the table has them all.
 */
export default function StatsChart({ rows, title }: { rows: readonly Row[]; title: string }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const shown = rows.slice(0, MAX_BARS);
  const height = Math.max(200, shown.length * 36 + 80);

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "svg" });
    const en = i18n.language === "en";
    const nf = new Intl.NumberFormat(en ? "en-GB" : "th-TH");
    const cats = [...shown].reverse();
    const name = (r: Row) => (r.key ? (en ? r.nameEn || r.nameTh : r.nameTh) : t("casesPublic.board.stats.notGiven"));
    chart.setOption({
      aria: { enabled: true, label: { description: title }, decal: { show: true } },
      animation: false,
      textStyle: { fontFamily: "Sarabun, sans-serif", fontSize: 13 },
      grid: { left: 8, right: 36, top: 36, bottom: 24, containLabel: true },
      legend: { top: 0, left: 0, textStyle: { fontSize: 13, color: "#1f2937" } },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1, axisLabel: { color: "#374151", formatter: (v: number) => nf.format(v) } },
      yAxis: { type: "category", data: cats.map(name), axisLabel: { color: "#111827", width: Math.min(300, Math.max(110, (ref.current.clientWidth || 600) * 0.32)), overflow: "truncate" } },
      series: [
        { type: "bar", stack: "n", name: t("casesPublic.board.stats.series.resolved"), color: "#15803d", barMaxWidth: 22, data: cats.map((r) => r.resolved) },
        { type: "bar", stack: "n", name: t("casesPublic.board.stats.series.open"), color: "#c2410c", barMaxWidth: 22, label: { show: true, position: "right", color: "#111827", formatter: (p: { dataIndex: number }) => nf.format(cats[p.dataIndex]!.cases) }, data: cats.map((r) => r.cases - r.resolved) },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [rows, title, i18n.language, t]); // eslint-disable-line react-hooks/exhaustive-deps

  return <div ref={ref} style={{ width: "100%", height }} role="img" aria-label={title} data-testid="board-stats-chart" />;
}
