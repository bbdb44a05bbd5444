import { useMemo, useState } from "react";
import { Card, Grid, Group, List, Stack, Switch, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useMeta } from "../../app/session.js";
import type { ProvinceSummary } from "../../../modules/registry/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { provincesQuery } from "../provinces/queries.js";
import { regionsOf, type RegionInfo } from "./regions.js";
import { TileMap } from "./TileMap.js";
import { GeoMap, type ProvinceGeoJson } from "./GeoMap.js";
import { MapLegend } from "./MapLegend.js";

export function HomePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useQuery(provincesQuery);
  // Real boundaries are optional (operator-configured): asked for only when /meta says a file is there.
  const meta = useMeta();
  const geo = useQuery({
    queryKey: ["map", "geojson"],
    queryFn: () => api.get<ProvinceGeoJson>("/map/geojson"),
    enabled: meta.data?.boundaries === true,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [real, setReal] = useState(false);
  const [focused, setFocused] = useState<string | null>(null);

  const list = provinces.data ?? [];
  const byCode = useMemo(() => new Map(list.map((p) => [p.code, p])), [list]);
  const regions = useMemo(() => regionsOf(list), [list]);
  const regionById = useMemo(() => new Map(regions.map((r) => [r.id, r])), [regions]);
  const pilots = list.filter((p) => p.pilot2024);
  const hasGeo = !!geo.data && Array.isArray(geo.data.features) && geo.data.features.length > 0;
  const current = focused ? byCode.get(focused) : undefined;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t("map.title")}</Title>
        <Text c="dark.4">{t("map.intro")}</Text>
      </div>
      {provinces.error ? <ErrorAlert error={provinces.error} /> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Card withBorder p="sm">
            {hasGeo && (
              <Switch
                mb="sm"
                checked={real}
                onChange={(e) => setReal(e.currentTarget.checked)}
                label={t("map.realBoundaries")}
                data-testid="map-real-toggle"
              />
            )}
            {real && hasGeo ? (
              <GeoMap geojson={geo.data!} byCode={byCode} regionById={regionById} onFocusProvince={setFocused} />
            ) : (
              <TileMap byCode={byCode} regionById={regionById} onFocusProvince={setFocused} />
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="md">
            <Card withBorder aria-live="polite" data-testid="map-focus">
              {current ? (
                <ProvinceFocus p={current} region={regionById.get(current.region.id)} />
              ) : (
                <Text c="dark.4" size="sm">
                  {t("map.focusHint")}
                </Text>
              )}
            </Card>
            <MapLegend regions={regions} />
            <Card withBorder component="section" aria-labelledby="pilots-title">
              <Title order={2} size="h4" id="pilots-title">
                {t("map.pilotsTitle")}
              </Title>
              <Text size="sm" c="dark.4" mb="xs">
                {t("map.pilotsHint")}
              </Text>
              <List size="sm" spacing={4}>
                {pilots.map((p) => (
                  <List.Item key={p.code}>
                    <AnchorLink to="/provinces/$code" params={{ code: p.code }}>
                      {f.name(p)}
                    </AnchorLink>
                    {" · "}
                    {t(`map.pilotTheme.${p.code}`, { defaultValue: "" })}
                  </List.Item>
                ))}
              </List>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function ProvinceFocus({ p, region }: { p: ProvinceSummary; region: RegionInfo | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text fw={700} size="lg">
          {f.name(p)}
        </Text>
        <Text size="sm" c="dark.4">
          {p.iso}
        </Text>
      </Group>
      <Text size="sm">
        {t("province.region")}: {region ? f.name(region) : f.name(p.region)}
      </Text>
      {p.cluster && (
        <Text size="sm">
          {t("province.cluster")}: {f.name(p.cluster)}
        </Text>
      )}
      {p.population !== null && (
        <Text size="sm">
          {t("province.population")}: {f.number(p.population)}
        </Text>
      )}
      {!p.ceo && <Text size="sm" fw={500}>{t("map.notCeo")}</Text>}
      {p.pilot2024 && <Text size="sm" fw={500}>★ {t("map.pilot")}</Text>}
    </Stack>
  );
}
