import { useEffect, useRef } from "react";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import * as echarts from "echarts/core";
import { CustomChart, LineChart, ScatterChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { BoardItem, BoardOutline, CaseStatus } from "../../../modules/cases/contracts.js";
import { CASE_STATUSES } from "./case-ui.js";

echarts.use([ScatterChart, LineChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** Each status its own colour and its own shape, named in the legend: colour is never the only cue. */
const LOOK: Record<CaseStatus, { color: string; symbol: string }> = {
  received: { color: "#1e40af", symbol: "circle" },
  accepted: { color: "#4338ca", symbol: "diamond" },
  in_progress: { color: "#c2410c", symbol: "triangle" },
  resolved: { color: "#15803d", symbol: "rect" },
  closed: { color: "#4b5563", symbol: "roundRect" },
  reopened: { color: "#b91c1c", symbol: "pin" },
};
const HEIGHT = 420;

type Ring = number[][];
type Geometry = { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] } | null;
type GeoJson = { features?: { properties?: { code?: string }; geometry: Geometry }[] };

/** The outer rings of the province's polygons in an operator-supplied boundary file, if it has the province. */
function provinceRings(geojson: unknown, code: string): Ring[] {
  const f = (geojson as GeoJson | null)?.features?.find((x) => x.properties?.code === code);
  const g = f?.geometry;
  if (!g) return [];
  if (g.type === "Polygon") return g.coordinates.slice(0, 1);
  if (g.type === "MultiPolygon") return g.coordinates.map((p) => p[0]!).filter(Boolean);
  return [];
}

type District = BoardOutline["features"][number];
const escapeHtml = (x: string) => x.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A district's outer rings (one per part). */
const partsOf = (d: District): Ring[] => d.geometry.coordinates.map((polygon) => polygon[0]!).filter(Boolean);

/**
 * The province's cases as points on plain axes (no map tiles are fetched from anywhere): longitude across,
 * latitude up, scaled so that a kilometre is as long both ways; the districts' outlines in thin grey (the server's
 * simplified shapes; a tap inside one names it), and the province's outline from the operator's boundary file when
 * one is configured. With a district chosen, the map frames that district. A click on a point opens the case.
 */
export default function BoardMap({ items, provinceCode, geojson, outline, districtCode, title }: { items: readonly BoardItem[]; provinceCode: string; geojson: unknown; outline: BoardOutline | null; districtCode?: string; title: string }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "svg" });
    const en = i18n.language === "en";
    const nf = new Intl.NumberFormat(en ? "en-GB" : "th-TH");
    const rings = provinceRings(geojson, provinceCode);
    const districts = outline?.provinceCode === provinceCode ? outline.features : [];
    const chosen = districtCode ? districts.find((d) => d.id === districtCode) : undefined;
    // frame the chosen district, else the whole province (its districts, or the operator's outline), and every point
    const frame = chosen ? partsOf(chosen) : [...rings, ...districts.flatMap(partsOf)];
    const lons = [...items.map((c) => c.lon!), ...frame.flatMap((r) => r.map((p) => p[0]!))];
    const lats = [...items.map((c) => c.lat!), ...frame.flatMap((r) => r.map((p) => p[1]!))];
    const districtLabel = (d: District) => t(provinceCode === "10" ? "casesPublic.board.map.districtBangkok" : "casesPublic.board.map.district", { name: en ? d.properties.nameEn || d.properties.nameTh : d.properties.nameTh });
    const districtSeries = {
      type: "custom" as const,
      id: "districts",
      coordinateSystem: "cartesian2d",
      clip: true,
      z: 0,
      cursor: "default",
      data: districts.map((d) => ({ value: partsOf(d)[0]?.[0] ?? [0, 0], name: districtLabel(d), code: d.id })),
      renderItem: (params: { dataIndex: number }, api: { coord: (p: number[]) => number[] }) => {
        const d = districts[params.dataIndex]!;
        const mine = d.id === districtCode;
        return {
          type: "group",
          children: partsOf(d).map((ring) => ({
            type: "polygon",
            shape: { points: ring.map((p) => api.coord(p)) },
            // a fill that cannot be seen still answers a tap or hover with the district's name
            style: { fill: mine ? "rgba(30,64,175,0.06)" : "rgba(255,255,255,0.01)", stroke: mine ? "#374151" : "#9ca3af", lineWidth: mine ? 1.6 : 0.8 },
            emphasis: { style: { fill: "rgba(30,64,175,0.08)", stroke: "#4b5563", lineWidth: 1.4 } },
          })),
        };
      },
    };
    const draw = () => {
      const width = ref.current?.clientWidth || 600;
      let [x0, x1] = lons.length ? [Math.min(...lons), Math.max(...lons)] : [97, 106];
      let [y0, y1] = lats.length ? [Math.min(...lats), Math.max(...lats)] : [5, 21];
      const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
      // pad, then widen the narrower span so that the plot keeps true proportions
      const pad = Math.max(0.01, (x1 - x0) * 0.08, (y1 - y0) * 0.08);
      x0 -= pad; x1 += pad; y0 -= pad; y1 += pad;
      const plotW = width - 24;
      const plotH = HEIGHT - 60;
      const degPerPx = Math.max(((x1 - x0) * k) / plotW, (y1 - y0) / plotH);
      const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
      const halfX = (degPerPx * plotW) / k / 2, halfY = (degPerPx * plotH) / 2;
      const byStatus = CASE_STATUSES.filter((s) => items.some((c) => c.status === s));
      // a scale bar about a fifth of the plot wide, at a round distance, in the lower left corner
      const kmPerDegLon = 111.32 * k;
      const widthKm = 2 * halfX * kmPerDegLon;
      const barKm = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100].reduce((best, x) => (Math.abs(x - widthKm / 5) < Math.abs(best - widthKm / 5) ? x : best));
      const bx = cx - halfX * 0.9, by = cy - halfY * 0.9;
      const scale = { type: "line" as const, id: "scale", data: [[bx, by], [bx + barKm / kmPerDegLon, by]], showSymbol: true, symbol: "rect", symbolSize: [2, 10], silent: true, z: 2, tooltip: { show: false }, lineStyle: { color: "#111827", width: 2 }, itemStyle: { color: "#111827" }, endLabel: { show: true, formatter: t("casesPublic.board.map.scale", { km: nf.format(barKm) }), color: "#111827", fontSize: 12 } };
      chart.setOption(
        {
          aria: { enabled: true, label: { description: title } },
          animation: false,
          textStyle: { fontFamily: "Sarabun, sans-serif", fontSize: 13 },
          grid: { left: 12, right: 12, top: 44, bottom: 12 },
          legend: { top: 0, left: 0, data: byStatus.map((s) => t(`casesPublic.status.${s}`)), textStyle: { fontSize: 13, color: "#1f2937" } },
          tooltip: {
            trigger: "item",
            className: "board-map-tooltip",
            formatter: (p: { seriesId?: string; data?: { item?: BoardItem; name?: string } }) => {
              if (p.seriesId === "districts") return `<span data-district="${escapeHtml(String((p.data as { code?: string } | undefined)?.code ?? ""))}">${escapeHtml(p.data?.name ?? "")}</span>`;
              const c = p.data?.item;
              if (!c) return "";
              return `<b>${c.publicRef}</b><br/>${en ? c.categoryNameEn || c.categoryNameTh : c.categoryNameTh}<br/>${t(`casesPublic.status.${c.status}`)}<br/>${en ? c.areaNameEn : c.areaNameTh}`;
            },
          },
          xAxis: { type: "value", min: cx - halfX, max: cx + halfX, show: false },
          yAxis: { type: "value", min: cy - halfY, max: cy + halfY, show: false },
          series: [
            districtSeries,
            scale,
            ...rings.map((r, i) => ({ type: "line" as const, id: `outline-${i}`, data: r.map((p) => [p[0], p[1]]), showSymbol: false, silent: true, lineStyle: { color: "#374151", width: 1.6 }, areaStyle: undefined, z: 1, tooltip: { show: false } })),
            ...byStatus.map((s) => ({
              type: "scatter" as const,
              name: t(`casesPublic.status.${s}`),
              symbol: LOOK[s].symbol,
              symbolSize: 14,
              itemStyle: { color: LOOK[s].color, borderColor: "#ffffff", borderWidth: 1 },
              z: 3,
              cursor: "pointer",
              data: items.filter((c) => c.status === s).map((c) => ({ value: [c.lon, c.lat], item: c })),
            })),
          ],
        },
        true,
      );
    };
    draw();
    chart.on("click", (p) => {
      const c = (p.data as { item?: BoardItem } | undefined)?.item;
      if (c) void navigate({ to: "/board/$ref", params: { ref: c.publicRef } });
    });
    const onResize = () => {
      chart.resize();
      draw();
    };
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
      chart.dispose();
    };
  }, [items, provinceCode, geojson, outline, districtCode, title, i18n.language, t, navigate]);

  return <div ref={ref} style={{ width: "100%", height: HEIGHT, border: "1px solid var(--mantine-color-gray-3)", borderRadius: 4, background: "#f8fafc" }} role="img" aria-label={title} data-testid="board-map" />;
}
