import { Group, SegmentedControl, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MetricMap } from "../../../modules/oversight/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { useMeta } from "../../app/session.js";
import { projectGeo, type ProvinceGeoJson } from "../map/geo-project.js";
import { colourShapes } from "./heat.js";
import { MetricLegend, MetricTileMap } from "./MetricTileMap.js";
import { useMetricText } from "./metric-ui.js";

const WIDTH = 600;

/**
 * A figure on the map: on the provinces' real boundaries when the operator configured them (`/meta` boundaries),
 * else (or when the reader asks) on the tile grid. Same colours, legend and drill-down either way.
 */
export function MetricMapView({ data, onOpen }: { data: MetricMap; onOpen: (code: string, name: string) => void }) {
  const { t } = useTranslation();
  const meta = useMeta();
  const geo = useQuery({
    queryKey: ["map", "geojson"],
    queryFn: () => api.get<ProvinceGeoJson>("/map/geojson"),
    enabled: meta.data?.boundaries === true,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [view, setView] = useState<"geo" | "tiles">("geo");
  if (!geo.data) return <MetricTileMap data={data} onOpen={onOpen} />;
  return (
    <Stack gap="xs">
      <SegmentedControl
        w="fit-content"
        value={view}
        onChange={(v) => setView(v as "geo" | "tiles")}
        data={[{ value: "geo", label: t("oversight.mapView.geo") }, { value: "tiles", label: t("oversight.mapView.tiles") }]}
        data-testid="metric-map-view"
      />
      {view === "geo" ? <MetricGeoMap geojson={geo.data} data={data} onOpen={onOpen} /> : <MetricTileMap data={data} onOpen={onOpen} />}
    </Stack>
  );
}

/** The provinces' boundaries coloured by one figure, its value printed on each (colour is never the only cue). */
export function MetricGeoMap({ geojson, data, onOpen }: { geojson: ProvinceGeoJson; data: MetricMap; onOpen: (code: string, name: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const text = useMetricText();
  const projected = useMemo(() => projectGeo(geojson, WIDTH), [geojson]);
  const shapes = colourShapes(projected.paths, data);
  return (
    <Group align="flex-start" wrap="wrap" gap="md">
      <svg viewBox={`0 0 ${WIDTH} ${projected.height.toFixed(0)}`} style={{ width: "100%", maxWidth: 620, maxHeight: "78vh", display: "block" }} role="group" aria-label={t(`oversight.metrics.${data.metric}`)} data-testid="metric-geo-map">
        {shapes.map((s) => {
          const p = s.province;
          if (!p) return <path key={s.key} d={s.d} fillRule="evenodd" fill={s.fill} stroke="#dee2e6" strokeWidth={0.6} aria-hidden="true" />;
          const label = `${f.name(p)}: ${text(data.metric, p.value)}`;
          return (
            <a key={s.key} href="#" role="button" aria-label={label} data-testid={`map-geo-${p.code}`} onClick={(e) => { e.preventDefault(); onOpen(p.code, f.name(p)); }}>
              <title>{label}</title>
              <path d={s.d} fillRule="evenodd" fill={s.fill} stroke="#868e96" strokeWidth={0.6} />
              <text x={s.cx} y={s.cy} textAnchor="middle" dominantBaseline="middle" fontSize={9} fill={s.textFill} pointerEvents="none">
                {p.value !== null ? f.number(Math.round(p.value * 10) / 10) : "–"}
              </text>
            </a>
          );
        })}
      </svg>
      <MetricLegend data={data} />
    </Group>
  );
}
