import { lazy, Suspense, useMemo, useState } from "react";
import { Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title, Card } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ProvinceSummary } from "../../../modules/registry/contracts.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { SortTh, useSortedRows } from "../../ui/table.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { provincesQuery } from "./queries.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

// ECharts is large: it loads only when someone opens the chart.
const RegionPopulationChart = lazy(() => import("./RegionPopulationChart.js"));

type SortKey = "code" | "name" | "region" | "cluster" | "population";

function matches(p: ProvinceSummary, q: string): boolean {
  if (!q) return true;
  const s = q.toLowerCase();
  return [p.code, p.iso, p.nameTh, p.nameEn, p.cluster?.code ?? ""].some((v) => v.toLowerCase().includes(s));
}

export function ProvincesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useQuery(provincesQuery);
  const [q, setQ] = useState("");
  const [region, setRegion] = useState<string | null>(null);
  const [cluster, setCluster] = useState<string | null>(null);
  const [pilotOnly, setPilotOnly] = useState(false);
  const [showChart, setShowChart] = useState(false);

  const all = useMemo(() => provinces.data ?? [], [provinces.data]);
  const regionOptions = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of all) m.set(p.region.id, f.name(p.region));
    return [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, "th"));
  }, [all, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const clusterOptions = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of all) if (p.cluster && (!region || p.region.id === region)) m.set(p.cluster.id, `${p.cluster.code} · ${f.name(p.cluster)}`);
    return [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, "en", { numeric: true }));
  }, [all, region, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps

  const filtered = useMemo(
    () =>
      all.filter(
        (p) => matches(p, q.trim()) && (!region || p.region.id === region) && (!cluster || p.cluster?.id === cluster) && (!pilotOnly || p.pilot2024),
      ),
    [all, q, region, cluster, pilotOnly],
  );
  const { sorted, sort, toggle } = useSortedRows<ProvinceSummary, SortKey>(
    filtered,
    {
      code: (p) => p.code,
      name: (p) => f.name(p),
      region: (p) => f.name(p.region),
      cluster: (p) => p.cluster?.code ?? null,
      population: (p) => p.population,
    },
    { key: "code", dir: "asc" },
  );

  function exportTable() {
    return {
      fileName: "provinces",
      header: ["dopa_code", "iso_3166_2", "name_th", "name_en", "region_th", "region_en", "cluster_code", "cluster_th", "cluster_en", "ceo", "pilot_2024", "population"],
      rows: sorted.map((p) => [p.code, p.iso, p.nameTh, p.nameEn, p.region.nameTh, p.region.nameEn, p.cluster?.code, p.cluster?.nameTh, p.cluster?.nameEn, p.ceo, p.pilot2024, p.population]),
    };
  }

  return (
    <Stack gap="md">
      <Title order={1}>{t("provinces.title")}</Title>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput label={t("common.search")} placeholder={t("provinces.searchPlaceholder")} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" data-testid="provinces-search" w={{ base: "100%", sm: 240 }} />
        <Select label={t("province.region")} placeholder={t("common.all")} data={regionOptions} value={region} onChange={(v) => { setRegion(v); setCluster(null); }} clearable w={{ base: "100%", sm: 200 }} data-testid="provinces-region" />
        <Select label={t("province.cluster")} placeholder={t("common.all")} data={clusterOptions} value={cluster} onChange={setCluster} clearable searchable w={{ base: "100%", sm: 320 }} data-testid="provinces-cluster" />
        <Checkbox label={t("provinces.pilotOnly")} checked={pilotOnly} onChange={(e) => setPilotOnly(e.currentTarget.checked)} mb={8} />
        <ExportButtons table={exportTable} disabled={!sorted.length} testId="provinces-export" />
        <Button variant="subtle" onClick={() => setShowChart((v) => !v)} aria-expanded={showChart}>
          {showChart ? t("provinces.hideChart") : t("provinces.showChart")}
        </Button>
      </Group>
      {showChart && (
        <Card withBorder>
          <Suspense fallback={<PageLoader />}>
            <RegionPopulationChart provinces={filtered} />
          </Suspense>
        </Card>
      )}
      {provinces.error ? <ErrorAlert error={provinces.error} /> : null}
      <Text size="sm" c="dark.4" aria-live="polite">
        {t("common.showingCount", { shown: sorted.length, total: all.length })}
      </Text>
      <div className="table-scroll">
        <Table striped data-testid="provinces-table">
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t("province.code")} sortKey="code" sort={sort} onSort={toggle} />
              <SortTh label={t("province.name")} sortKey="name" sort={sort} onSort={toggle} />
              <SortTh label={t("province.region")} sortKey="region" sort={sort} onSort={toggle} />
              <SortTh label={t("province.cluster")} sortKey="cluster" sort={sort} onSort={toggle} />
              <Table.Th>{t("province.status")}</Table.Th>
              <SortTh label={t("province.population")} sortKey="population" sort={sort} onSort={toggle} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((p) => (
              <Table.Tr key={p.code}>
                <Table.Td>{p.code}</Table.Td>
                <Table.Td>
                  <AnchorLink to="/provinces/$code" params={{ code: p.code }}>
                    {f.name(p)}
                  </AnchorLink>
                  <Text size="xs" c="dark.4" lang={f.other}>{f.lang === "th" ? p.nameEn : p.nameTh}</Text>
                </Table.Td>
                <Table.Td>{f.name(p.region)}</Table.Td>
                <Table.Td>{p.cluster ? `${p.cluster.code} · ${f.name(p.cluster)}` : "—"}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {p.ceo ? <Badge variant="light" color="changwat">{t("province.ceo")}</Badge> : <Badge variant="outline" color="gray.8">{t("province.notCeo")}</Badge>}
                    {p.pilot2024 && <Badge variant="outline" color="dark">★ {t("map.pilot")}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td style={{ textAlign: "end" }}>{f.number(p.population)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {provinces.isPending && <PageLoader />}
    </Stack>
  );
}
