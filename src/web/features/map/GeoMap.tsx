import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { TILE_TEXT } from "./regions.js";
import { MapPatterns, useProvinceNavigate, useTileLabel, type MapProps } from "./TileMap.js";

type Ring = number[][];
export interface ProvinceGeoJson {
  type: "FeatureCollection";
  features: {
    type: "Feature";
    properties: { code?: string } & Record<string, unknown>;
    geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] } | null;
  }[];
}

const WIDTH = 600;

function polygonsOf(g: ProvinceGeoJson["features"][number]["geometry"]): Ring[][] {
  if (!g) return [];
  if (g.type === "Polygon") return [g.coordinates];
  if (g.type === "MultiPolygon") return g.coordinates;
  return [];
}

/** Operator-supplied boundaries drawn with a simple equirectangular projection (good enough at this scale). */
export function GeoMap({ geojson, byCode, regionById, onFocusProvince }: MapProps & { geojson: ProvinceGeoJson }) {
  const { t } = useTranslation();
  const label = useTileLabel();
  const go = useProvinceNavigate();

  const shapes = useMemo(() => {
    let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
    for (const f of geojson.features)
      for (const poly of polygonsOf(f.geometry))
        for (const ring of poly)
          for (const [lon, lat] of ring) {
            if (lon < minLon) minLon = lon;
            if (lon > maxLon) maxLon = lon;
            if (lat < minLat) minLat = lat;
            if (lat > maxLat) maxLat = lat;
          }
    const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const scale = WIDTH / ((maxLon - minLon) * kx || 1);
    const height = (maxLat - minLat) * scale;
    const project = (lon: number, lat: number) => `${((lon - minLon) * kx * scale).toFixed(1)},${((maxLat - lat) * scale).toFixed(1)}`;
    const paths = geojson.features
      .map((f, i) => {
        const code = typeof f.properties?.code === "string" ? f.properties.code : null;
        const d = polygonsOf(f.geometry)
          .flatMap((poly) => poly.map((ring) => "M" + ring.map(([lon, lat]) => project(lon, lat)).join("L") + "Z"))
          .join("");
        return { key: code ?? `f${i}`, code, d };
      })
      .filter((s) => s.d);
    return { paths, height };
  }, [geojson]);

  return (
    <nav aria-label={t("map.geoMapLabel")}>
      <svg viewBox={`0 0 ${WIDTH} ${shapes.height.toFixed(0)}`} style={{ width: "100%", maxHeight: "78vh", display: "block" }} data-testid="geo-map" onMouseLeave={() => onFocusProvince(null)}>
        <MapPatterns />
        {shapes.paths.map((s) => {
          if (!s.code) return <path key={s.key} d={s.d} fill="#e5e7eb" stroke="#ffffff" strokeWidth={0.6} />;
          const code = s.code;
          const p = byCode.get(code);
          const region = p ? regionById.get(p.region.id) : undefined;
          const name = label(code, p);
          const nonCeo = p ? !p.ceo : false;
          return (
            <a key={s.key} href={`/provinces/${code}`} className="geo-link" aria-label={name} data-testid={`geo-${code}`}
              onClick={(e) => go(e, code)} onFocus={() => onFocusProvince(code)} onMouseEnter={() => onFocusProvince(code)}>
              <title>{name}</title>
              <path d={s.d} fillRule="evenodd" fill={region?.color ?? "#e5e7eb"} stroke={p?.pilot2024 ? TILE_TEXT : "#ffffff"} strokeWidth={p?.pilot2024 ? 2 : 0.6} />
              {nonCeo && <path d={s.d} fillRule="evenodd" fill="url(#hatch-non-ceo)" stroke="#374151" strokeDasharray="3 2" strokeWidth={1} pointerEvents="none" />}
            </a>
          );
        })}
      </svg>
    </nav>
  );
}
