import { Card, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { MetricMap } from "../../../modules/oversight/contracts.js";
import { useFormat } from "../../app/format.js";
import grid from "../map/tile-grid.json";
import { heatColor, heatText, legendSteps } from "./heat.js";
import { useMetricText } from "./metric-ui.js";

type Cell = { code: string; x: number; y: number };
const CELLS = grid as Cell[];
const S = 52;
const G = 4;
const COLS = Math.max(...CELLS.map((c) => c.x)) + 1;
const ROWS = Math.max(...CELLS.map((c) => c.y)) + 1;

/**
 * The tile-grid map of the provinces coloured by one figure, its value printed on each tile (colour is never the only
 * cue); a tile opens the province's records. Provinces outside the reader's scope are left blank.
 */
export function MetricTileMap({ data, onOpen }: { data: MetricMap; onOpen: (code: string, name: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const text = useMetricText();
  const byCode = new Map(data.provinces.map((p) => [p.code, p]));
  const width = COLS * (S + G) + G;
  const height = ROWS * (S + G) + G;
  return (
    <Group align="flex-start" wrap="wrap" gap="md">
      <svg viewBox={`0 0 ${width} ${height}`} style={{ width: "100%", maxWidth: 620, maxHeight: "78vh", display: "block" }} role="group" aria-label={t(`oversight.metrics.${data.metric}`)} data-testid="metric-map">
        {CELLS.map((c) => {
          const p = byCode.get(c.code);
          const x = G + c.x * (S + G);
          const y = G + c.y * (S + G);
          const fill = p ? heatColor(data.metric, p.value, data.min, data.max) : "#ffffff";
          const label = p ? `${f.name(p)}: ${text(data.metric, p.value)}` : c.code;
          const body = (
            <>
              <title>{label}</title>
              <rect x={x} y={y} width={S} height={S} rx={4} fill={fill} stroke={p ? "#868e96" : "#dee2e6"} strokeWidth={1} />
              <text x={x + S / 2} y={y + 20} textAnchor="middle" fontSize={13} fontWeight={700} fill={heatText(fill)} pointerEvents="none">
                {t(`provinceAbbr.${c.code}`, { defaultValue: c.code })}
              </text>
              <text x={x + S / 2} y={y + S - 10} textAnchor="middle" fontSize={11} fill={heatText(fill)} pointerEvents="none">
                {p && p.value !== null ? f.number(Math.round(p.value * 10) / 10) : "–"}
              </text>
            </>
          );
          return p ? (
            <a key={c.code} href="#" role="button" aria-label={label} data-testid={`map-tile-${c.code}`} onClick={(e) => { e.preventDefault(); onOpen(c.code, f.name(p)); }}>
              {body}
            </a>
          ) : (
            <g key={c.code} aria-hidden="true">{body}</g>
          );
        })}
      </svg>
      <MetricLegend data={data} />
    </Group>
  );
}

/** The colour scale's legend, shared by the tile grid and the boundary map. */
export function MetricLegend({ data }: { data: MetricMap }) {
  const { t } = useTranslation();
  const f = useFormat();
  const text = useMetricText();
  const steps = legendSteps(data.min, data.max);
  return (
    <Card withBorder data-testid="metric-map-legend">
      <Stack gap={6}>
        <Text fw={700} size="sm">{t(`oversight.metrics.${data.metric}`)} · {f.fiscalYear(data.fiscalYear)}</Text>
        {steps.map((v, i) => {
          const fill = heatColor(data.metric, v, data.min, data.max);
          return (
            <Group key={i} gap="xs" wrap="nowrap">
              <svg width="22" height="22" aria-hidden="true"><rect x="1" y="1" width="20" height="20" rx="3" fill={fill} stroke="#9ca3af" /></svg>
              <Text size="sm">{text(data.metric, Math.round(v * 100) / 100)}</Text>
            </Group>
          );
        })}
        <Group gap="xs" wrap="nowrap">
          <svg width="22" height="22" aria-hidden="true"><rect x="1" y="1" width="20" height="20" rx="3" fill="#f1f3f5" stroke="#9ca3af" /></svg>
          <Text size="sm">{t("oversight.noValue")}</Text>
        </Group>
      </Stack>
    </Card>
  );
}
