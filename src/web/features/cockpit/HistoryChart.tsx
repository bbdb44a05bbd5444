import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** Rounds in three blues of different lightness, and each with its own pattern (decal), so they differ without colour. */
const ROUND_COLOURS: Record<number, string> = { 6: "#9cc3e6", 9: "#4a8bc9", 12: "#1c3d6e" };

/** The colour mixed halfway with white. */
const pale = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * 0.55);
  return `rgb(${mix(n >> 16)}, ${mix((n >> 8) & 255)}, ${mix(n & 255)})`;
};

export interface HistoryYear {
  fiscalYear: number;
  rounds: { round: number; total: number | null; live: boolean }[];
}

/**
 * Every year's round totals on one scheme's scale: a group of bars per fiscal year, one bar per round, labelled
 * with its value; a live (not yet final) total is drawn paler with an asterisk after its value.
 */
export default function HistoryChart({ years, scale, decimals, yearLabel, title, testId }: { years: readonly HistoryYear[]; scale: { min: number; max: number }; decimals: number; yearLabel: (fy: number) => string; title: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "svg" });
    const nf = new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "th-TH", { maximumFractionDigits: decimals, minimumFractionDigits: decimals });
    // bar labels with two decimals: four would run into the next bar's (the tooltip and the table give them all)
    const short = new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "th-TH", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
    const rounds = [6, 9, 12];
    chart.setOption({
      aria: { enabled: true, label: { description: title }, decal: { show: true } },
      animation: false,
      textStyle: { fontFamily: "Sarabun, sans-serif", fontSize: 12 },
      grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, textStyle: { fontSize: 13, color: "#1f2937" } },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: unknown) => (typeof v === "number" ? nf.format(v) : t("cockpit.noScore")) },
      xAxis: { type: "category", data: years.map((y) => yearLabel(y.fiscalYear)), axisLabel: { color: "#374151" } },
      // bars start from zero (a bar's length is its value), up to the top of the scheme's scale
      yAxis: { type: "value", min: 0, max: scale.max, axisLabel: { color: "#374151" } },
      series: rounds.map((r) => ({
        type: "bar",
        name: t("cockpit.roundN", { n: r }),
        color: ROUND_COLOURS[r],
        barMaxWidth: 28,
        label: {
          show: true,
          position: "top",
          color: "#111827",
          fontSize: 11,
          formatter: (p: { value: unknown; dataIndex: number }) => {
            if (typeof p.value !== "number") return "";
            const live = years[p.dataIndex]?.rounds.find((x) => x.round === r)?.live;
            return `${short.format(p.value)}${live ? "*" : ""}`;
          },
        },
        data: years.map((y) => {
          const x = y.rounds.find((z) => z.round === r);
          // a paler fill (not opacity, which would fade the label too) and a dashed outline
          return { value: x?.total ?? null, itemStyle: x?.live ? { color: pale(ROUND_COLOURS[r]!), borderType: "dashed", borderColor: "#1f2937", borderWidth: 1 } : undefined };
        }),
      })),
    });
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [years, scale.min, scale.max, decimals, yearLabel, title, i18n.language, t]);

  return <div ref={ref} style={{ width: "100%", height: 260 }} role="img" aria-label={title} data-testid={testId} />;
}
