import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import * as echarts from "echarts/core";
import { LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { BudgetDashboard } from "../../../modules/planning/contracts-budget.js";
import { formatThaiDate } from "../../../platform/thai/index.js";

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/**
 * The province's cumulative disbursement by month (% of the year's budget): actual against the planned curve and
 * the government's quarterly targets. Lines differ in colour, dash and symbol and are named in the legend.
 */
export default function DisbursementCurve({ curve, title }: { curve: BudgetDashboard["curve"]; title: string }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "svg" });
    const en = i18n.language === "en";
    const months = curve.map((c) => formatThaiDate(c.month, { locale: en ? "en" : "th" }).replace(/^1\s/, ""));
    chart.setOption({
      aria: { enabled: true, label: { description: title } },
      animation: false,
      textStyle: { fontFamily: "Sarabun, sans-serif", fontSize: 13 },
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? `${v.toLocaleString(en ? "en-GB" : "th-TH")}%` : "–") },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 40 },
      xAxis: { type: "category", data: months },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        { type: "line", name: t("planningBudget.curve.actual"), color: "#0f766e", symbol: "circle", symbolSize: 7, data: curve.map((c) => c.cumulativePct), lineStyle: { width: 3 } },
        { type: "line", name: t("planningBudget.curve.planned"), color: "#3730a3", symbol: "triangle", symbolSize: 7, lineStyle: { type: "dashed", width: 2 }, data: curve.map((c) => c.cumulativePlannedPct) },
        { type: "line", name: t("planningBudget.curve.target"), color: "#b45309", symbol: "diamond", symbolSize: 10, connectNulls: true, lineStyle: { type: "dotted", width: 2 }, data: curve.map((c) => c.targetPct), label: { show: true, formatter: "{c}%" } },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [curve, title, t, i18n.language]);
  return <div ref={ref} style={{ width: "100%", height: 320 }} role="img" aria-label={title} data-testid="disbursement-curve" />;
}
