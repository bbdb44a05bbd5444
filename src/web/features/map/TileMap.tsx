import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ProvinceSummary } from "../../../modules/registry/contracts.js";
import { useFormat } from "../../app/format.js";
import grid from "./tile-grid.json";
import { TILE_TEXT, type RegionInfo } from "./regions.js";

export interface TileCell {
  code: string;
  x: number;
  y: number;
}
const CELLS = grid as TileCell[];
const S = 52; // tile size
const G = 4; // gap
const COLS = Math.max(...CELLS.map((c) => c.x)) + 1;
const ROWS = Math.max(...CELLS.map((c) => c.y)) + 1;

export interface MapProps {
  byCode: ReadonlyMap<string, ProvinceSummary>;
  regionById: ReadonlyMap<string, RegionInfo>;
  onFocusProvince: (code: string | null) => void;
}

/** The accessible name of a province on either map: name, region and status in words. */
export function useTileLabel() {
  const { t } = useTranslation();
  const f = useFormat();
  return (code: string, p: ProvinceSummary | undefined) => {
    if (!p) return t("map.tileUnknown", { code });
    const parts = [f.name(p), t("map.regionOf", { region: f.name(p.region) })];
    if (p.pilot2024) parts.push(t("map.pilot"));
    if (!p.ceo) parts.push(t("map.notCeo"));
    return parts.join(" · ");
  };
}

/** Click handler that keeps normal link behaviour for modified clicks (new tab etc.). */
export function useProvinceNavigate() {
  const navigate = useNavigate();
  return (e: React.MouseEvent, code: string) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void navigate({ to: "/provinces/$code", params: { code } });
  };
}

export function MapPatterns() {
  return (
    <defs>
      <pattern id="hatch-non-ceo" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" fill="#ffffff" fillOpacity="0.35" />
        <line x1="0" y1="0" x2="0" y2="8" stroke="#374151" strokeWidth="2" />
      </pattern>
    </defs>
  );
}

export function TileMap({ byCode, regionById, onFocusProvince }: MapProps) {
  const { t } = useTranslation();
  const label = useTileLabel();
  const go = useProvinceNavigate();
  const width = COLS * (S + G) + G;
  const height = ROWS * (S + G) + G;

  return (
    <nav aria-label={t("map.tileMapLabel")}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        style={{ width: "100%", maxHeight: "78vh", display: "block" }}
        data-testid="tile-map"
        onMouseLeave={() => onFocusProvince(null)}
      >
        <MapPatterns />
        {CELLS.map((c) => {
          const p = byCode.get(c.code);
          const region = p ? regionById.get(p.region.id) : undefined;
          const x = G + c.x * (S + G);
          const y = G + c.y * (S + G);
          const name = label(c.code, p);
          const pilot = !!p?.pilot2024;
          const nonCeo = p ? !p.ceo : false;
          return (
            <a
              key={c.code}
              href={`/provinces/${c.code}`}
              className="tile-link"
              data-testid={`tile-${c.code}`}
              aria-label={name}
              onClick={(e) => go(e, c.code)}
              onFocus={() => onFocusProvince(c.code)}
              onMouseEnter={() => onFocusProvince(c.code)}
            >
              <title>{name}</title>
              <rect
                className="tile-rect"
                x={x}
                y={y}
                width={S}
                height={S}
                rx={4}
                fill={region?.color ?? "#e5e7eb"}
                stroke={pilot ? "#111827" : nonCeo ? "#374151" : "#ffffff"}
                strokeWidth={pilot ? 3.5 : nonCeo ? 2 : 1}
                strokeDasharray={nonCeo ? "5 3" : undefined}
              />
              {nonCeo && <rect x={x} y={y} width={S} height={S} rx={4} fill="url(#hatch-non-ceo)" pointerEvents="none" />}
              <text
                x={x + S / 2}
                y={y + S / 2 + 1}
                textAnchor="middle"
                fontSize={15}
                fontWeight={700}
                fill={TILE_TEXT}
                pointerEvents="none"
                style={nonCeo ? { paintOrder: "stroke", stroke: "#ffffff", strokeWidth: 3 } : undefined}
              >
                {t(`provinceAbbr.${c.code}`, { defaultValue: c.code })}
              </text>
              <text x={x + S / 2} y={y + S - 6} textAnchor="middle" fontSize={10} fill={TILE_TEXT} pointerEvents="none"
                style={nonCeo ? { paintOrder: "stroke", stroke: "#ffffff", strokeWidth: 3 } : undefined}>
                {c.code}
              </text>
              {pilot && (
                <text x={x + S - 4} y={y + 13} textAnchor="end" fontSize={13} fill={TILE_TEXT} pointerEvents="none" aria-hidden="true">
                  ★
                </text>
              )}
            </a>
          );
        })}
      </svg>
    </nav>
  );
}
