import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { PermitStats } from "../../../modules/delegation/contracts-permits.js";

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

const DELEGATED = "#0f766e";
const CENTRAL = "#3730a3";

type Group = PermitStats["groups"][number];

/**
 * Median turnaround in business days per power, decided in the province (delegated) against decided centrally:
 * horizontal bars, one pair per power, each labelled with its value; the two routes differ in colour and in
 * pattern (decal) and are named in the legend, so colour is never the only cue.
 */
export default function TurnaroundChart({ groups, title, testId }: { groups: readonly Group[]; title: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const codes = [...new Set(groups.map((g) => g.powerCode))];
  const height = Math.max(200, codes.length * 64 + 90);

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "svg" });
    const en = i18n.language === "en";
    const nf = new Intl.NumberFormat(en ? "en-GB" : "th-TH", { maximumFractionDigits: 2 });
    // the first power on top: categories run bottom-up on a vertical axis
    const cats = [...codes].reverse();
    const find = (code: string, route: Group["route"]) => groups.find((g) => g.powerCode === code && g.route === route);
    const name = (code: string) => {
      const g = groups.find((x) => x.powerCode === code);
      return g ? (en ? g.powerNameEn || g.powerNameTh : g.powerNameTh) : code;
    };
    const series = (["delegated", "central"] as const).map((route) => ({
      type: "bar" as const,
      name: t(`permits.stats.chartSeries.${route}`),
      color: route === "delegated" ? DELEGATED : CENTRAL,
      barMaxWidth: 22,
      label: { show: true, position: "right", color: "#111827", fontSize: 12, formatter: (p: { value: unknown }) => (typeof p.value === "number" ? nf.format(p.value) : "") },
      data: cats.map((c) => find(c, route)?.medianDays ?? null),
    }));
    chart.setOption({
      aria: { enabled: true, label: { description: title }, decal: { show: true } },
      animation: false,
      textStyle: { fontFamily: "Sarabun, sans-serif", fontSize: 13 },
      grid: { left: 8, right: 40, top: 40, bottom: 28, containLabel: true },
      legend: { top: 0, left: 0, textStyle: { fontSize: 13, color: "#1f2937" } },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (ps: { axisValue: string; seriesName: string; value: unknown; marker: string }[]) => {
          const code = ps[0]?.axisValue ?? "";
          const lines = ps.map((p) => {
            const g = find(code, p.seriesName === t("permits.stats.chartSeries.delegated") ? "delegated" : "central");
            return `${p.marker}${p.seriesName}: ${typeof p.value === "number" ? nf.format(p.value) : "—"} ${t("permits.stats.businessDaysUnit")}${g ? ` (${t("permits.stats.nDecided", { count: g.decidedCount })})` : ""}`;
          });
          return [`<b>${code}</b> ${name(code)}`, ...lines].join("<br/>");
        },
      },
      xAxis: { type: "value", min: 0, name: t("permits.stats.businessDaysUnit"), nameLocation: "middle", nameGap: 24, axisLabel: { color: "#374151", formatter: (v: number) => nf.format(v) } },
      yAxis: { type: "category", data: cats, axisLabel: { color: "#111827", fontWeight: "bold" } },
      series,
    });
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [groups, title, i18n.language, t]); // eslint-disable-line react-hooks/exhaustive-deps

  return <div ref={ref} style={{ width: "100%", height }} role="img" aria-label={title} data-testid={testId} />;
}
