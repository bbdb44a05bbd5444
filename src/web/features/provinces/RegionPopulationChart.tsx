import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent, AriaComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { ProvinceSummary } from "../../../modules/registry/contracts.js";
import { useFormat } from "../../app/format.js";
import { regionsOf } from "../map/regions.js";

echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

/** Population by region for the rows currently shown (lazy chunk: echarts). */
export default function RegionPopulationChart({ provinces }: { provinces: readonly ProvinceSummary[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "svg" });
    const regions = regionsOf(provinces);
    const totals = regions.map((r) => provinces.filter((p) => p.region.id === r.id).reduce((s, p) => s + (p.population ?? 0), 0));
    chart.setOption({
      aria: { enabled: true },
      textStyle: { fontFamily: "Sarabun, sans-serif" },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => f.number(Number(v)) },
      xAxis: { type: "value", axisLabel: { formatter: (v: number) => f.number(v) } },
      yAxis: { type: "category", data: regions.map((r) => f.name(r)), inverse: true },
      series: [
        {
          type: "bar",
          name: t("province.population"),
          data: regions.map((r, i) => ({ value: totals[i], itemStyle: { color: r.color, borderColor: "#374151", borderWidth: 1 } })),
          label: { show: true, position: "right", formatter: (p: { value: number }) => f.number(p.value) },
        },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [provinces, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 700 }}>{t("provinces.chartTitle")}</figcaption>
      <div ref={ref} style={{ width: "100%", height: 300 }} role="img" aria-label={t("provinces.chartTitle")} />
    </figure>
  );
}
