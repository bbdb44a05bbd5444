import { Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.js";
import type { RegionInfo } from "./regions.js";

function Swatch({ children }: { children: React.ReactNode }) {
  return (
    <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true" style={{ flex: "none" }}>
      <defs>
        <pattern id="legend-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="6" stroke="#374151" strokeWidth="1.5" />
        </pattern>
      </defs>
      {children}
    </svg>
  );
}

export function MapLegend({ regions }: { regions: readonly RegionInfo[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder component="section" aria-labelledby="legend-title" data-testid="map-legend">
      <Title order={2} size="h4" id="legend-title" mb="xs">
        {t("map.legend")}
      </Title>
      <Stack gap={6}>
        {regions.map((r) => (
          <Group key={r.id} gap="xs" wrap="nowrap">
            <Swatch>
              <rect x="1" y="1" width="20" height="20" rx="3" fill={r.color} stroke="#9ca3af" />
            </Swatch>
            <Text size="sm">
              {f.name(r)} ({t("map.provinceCount", { count: r.count })})
            </Text>
          </Group>
        ))}
        <Group gap="xs" wrap="nowrap" mt={4}>
          <Swatch>
            <rect x="2" y="2" width="18" height="18" rx="3" fill="#ffffff" stroke="#111827" strokeWidth="3" />
            <text x="17" y="10" fontSize="8" textAnchor="end">★</text>
          </Swatch>
          <Text size="sm">{t("map.legendPilot")}</Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Swatch>
            <rect x="1" y="1" width="20" height="20" rx="3" fill="url(#legend-hatch)" stroke="#374151" strokeWidth="2" strokeDasharray="4 2" />
          </Swatch>
          <Text size="sm">{t("map.legendNonCeo")}</Text>
        </Group>
      </Stack>
    </Card>
  );
}
