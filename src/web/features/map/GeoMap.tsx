import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { projectGeo, type ProvinceGeoJson } from "./geo-project.js";
import { TILE_TEXT } from "./regions.js";
import { MapPatterns, useProvinceNavigate, useTileLabel, type MapProps } from "./TileMap.js";

export type { ProvinceGeoJson } from "./geo-project.js";

const WIDTH = 600;

/** Operator-supplied boundaries drawn with a simple equirectangular projection (good enough at this scale). */
export function GeoMap({ geojson, byCode, regionById, onFocusProvince }: MapProps & { geojson: ProvinceGeoJson }) {
  const { t } = useTranslation();
  const label = useTileLabel();
  const go = useProvinceNavigate();

  const shapes = useMemo(() => projectGeo(geojson, WIDTH), [geojson]);

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
