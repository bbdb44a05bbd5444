import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { Button, Card, Collapse, Group, Image, NativeSelect, SegmentedControl, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { Board, BoardItem, BoardOutline, CaseStatus, Stats } from "../../../modules/cases/contracts.js";
import { api, type Query } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { useMeta } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { ListPagination } from "../../ui/table.js";
import { provincesQuery } from "../provinces/queries.js";
import { AreaSelects } from "./AreaSelects.js";
import { CASE_STATUSES, CaseStatusBadge, categoriesQuery, useHours } from "./case-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const BoardMap = lazy(() => import("./BoardMap.js"));
const StatsChart = lazy(() => import("./StatsChart.js"));
const route = getRouteApi("/board");
const PAGE_SIZE = 20;
/** The map draws at most this many points (the newest); the list pages through all of them. */
const MAP_MAX = 500;

export type BoardTab = "list" | "map" | "stats";
export type StatsBy = "category" | "agency" | "district";

/**
 * "กระดานเรื่องร้องเรียนสาธารณะ": every case (no personal data) with filters by province, district, category,
 * status and words; a map of the (coarsened) points of one province; statistics by category, agency or district.
 */
export function BoardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/board" });
  const set = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, page: undefined, ...patch }), replace: true });
  const tab: BoardTab = search.tab ?? "list";
  const categories = useQuery(categoriesQuery);
  const [q, setQ] = useState(search.q ?? "");
  // a phone shows the list first: the filters fold away behind one button that counts the active ones
  const phone = useMediaQuery("(max-width: 48em)", undefined, { getInitialValueInEffect: false });
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersShown = !phone || filtersOpen;
  const active = [search.provinceCode, search.districtCode, search.categoryId, search.status, search.q].filter(Boolean).length;
  useEffect(() => setQ(search.q ?? ""), [search.q]);

  const filters: Query = { provinceCode: search.provinceCode, districtCode: search.districtCode, categoryId: search.categoryId, status: search.status, q: search.q };
  const page = search.page ?? 1;
  const board = useQuery({
    queryKey: ["cases", "board", filters, page],
    queryFn: () => api.get<Board>("/public/cases", { ...filters, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    enabled: tab === "list",
  });

  const exportTable = async () => {
    const all: BoardItem[] = [];
    for (let p = 1; p <= 50; p++) {
      const r = await api.get<Board>("/public/cases", { ...filters, page: p, pageSize: 100 });
      all.push(...r.items);
      if (all.length >= r.total || r.items.length === 0) break;
    }
    return {
      fileName: "public-cases",
      header: ["public_ref", "category_id", "category_th", "category_en", "status", "province_code", "district_code", "area_th", "area_en", "office", "support", "received_at", "resolved_at", "closed_at", "rating", "lat", "lon", "text"],
      rows: all.map((c) => [c.publicRef, c.categoryId, c.categoryNameTh, c.categoryNameEn, c.status, c.provinceCode, c.districtCode, c.areaNameTh, c.areaNameEn, c.assignedOrg?.nameTh ?? "", c.supportCount, c.receivedAt, c.resolvedAt, c.closedAt, c.rating, c.lat, c.lon, c.publicText]),
    };
  };

  const categoryOptions = useMemo(() => {
    const m = new Map<string, { group: string; items: { value: string; label: string }[] }>();
    for (const c of categories.data?.items ?? []) {
      if (!m.has(c.groupTh)) m.set(c.groupTh, { group: f.pick(c.groupTh, c.groupEn), items: [] });
      m.get(c.groupTh)!.items.push({ value: c.id, label: f.name(c) });
    }
    return [...m.values()];
  }, [categories.data, f]);

  return (
    <Stack gap="md">
      <div>
        <Title order={1} data-testid="board-title">{t("casesPublic.board.title")}</Title>
        <Text c="dark.5">{t("casesPublic.board.intro")}</Text>
      </div>

      <Card withBorder p="sm" component="section" aria-label={t("casesPublic.board.filters")}>
        {phone && (
          <Button variant="default" fullWidth onClick={() => setFiltersOpen((o) => !o)} aria-expanded={filtersShown} data-testid="board-filters-toggle">
            {active ? t("casesPublic.board.filtersActive", { n: active }) : t("casesPublic.board.filters")} <span aria-hidden="true">&nbsp;{filtersShown ? "▲" : "▼"}</span>
          </Button>
        )}
        <Collapse expanded={filtersShown}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" mt={phone ? "sm" : 0}>
            <AreaSelects
              levels={2}
              size="sm"
              cols={{ base: 1, sm: 2 }}
              testIdPrefix="board"
              value={{ provinceCode: search.provinceCode ?? "", districtCode: search.districtCode ?? "", subdistrictCode: "" }}
              onChange={(a) => set({ provinceCode: a.provinceCode || undefined, districtCode: a.districtCode || undefined })}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NativeSelect
                label={t("casesPublic.fields.category")}
                value={search.categoryId ?? ""}
                onChange={(e) => set({ categoryId: e.currentTarget.value || undefined })}
                data={[{ value: "", label: t("common.all") }, ...categoryOptions]}
                data-testid="board-category"
              />
              <NativeSelect
                label={t("casesPublic.fields.status")}
                value={search.status ?? ""}
                onChange={(e) => set({ status: (e.currentTarget.value || undefined) as CaseStatus | undefined })}
                data={[{ value: "", label: t("common.all") }, ...CASE_STATUSES.map((s) => ({ value: s, label: t(`casesPublic.status.${s}`) }))]}
                data-testid="board-status"
              />
            </SimpleGrid>
          </SimpleGrid>
          <form
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              set({ q: q.trim() || undefined });
            }}
          >
            <Group mt="sm" gap="xs" align="flex-end" wrap="nowrap">
              <TextInput style={{ flex: 1 }} type="search" label={t("casesPublic.board.search")} placeholder={t("casesPublic.board.searchHint")} value={q} onChange={(e) => setQ(e.currentTarget.value)} data-testid="board-q" />
              <Button type="submit" data-testid="board-search">{t("common.search")}</Button>
            </Group>
          </form>
          {active > 0 && (
            <Button variant="subtle" size="sm" mt="xs" onClick={() => set({ provinceCode: undefined, districtCode: undefined, categoryId: undefined, status: undefined, q: undefined })} data-testid="board-clear">
              {t("common.clearFilter")}
            </Button>
          )}
        </Collapse>
      </Card>

      <Tabs value={tab} onChange={(v) => set({ tab: v === "map" || v === "stats" ? v : undefined, page: search.page })} keepMounted={false}>
        <Tabs.List grow>
          <Tabs.Tab value="list" data-testid="board-tab-list">{t("casesPublic.board.tabs.list")}</Tabs.Tab>
          <Tabs.Tab value="map" data-testid="board-tab-map">{t("casesPublic.board.tabs.map")}</Tabs.Tab>
          <Tabs.Tab value="stats" data-testid="board-tab-stats">{t("casesPublic.board.tabs.stats")}</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="list" pt="md">
          <ErrorAlert error={board.error} />
          {board.isPending ? (
            <PageLoader />
          ) : board.data ? (
            <Stack gap="sm">
              <Group justify="space-between" wrap="wrap">
                <Text size="sm" c="dark.5" aria-live="polite" data-testid="board-count">{t("casesPublic.board.count", { n: `${f.number(board.data.total)}${board.data.totalCapped ? "+" : ""}` })}</Text>
                <ExportButtons table={exportTable} disabled={!board.data.total} size="sm" />
              </Group>
              {board.data.items.length === 0 ? (
                <Text c="dark.5" data-testid="board-empty">{t("casesPublic.board.empty")}</Text>
              ) : (
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" data-testid="board-list">
                  {board.data.items.map((c) => <BoardCard key={c.publicRef} c={c} />)}
                </SimpleGrid>
              )}
              <ListPagination total={board.data.total} pageSize={PAGE_SIZE} page={page} onChange={(p) => set({ page: p > 1 ? p : undefined })} />
            </Stack>
          ) : null}
        </Tabs.Panel>

        <Tabs.Panel value="map" pt="md">
          <MapPanel filters={filters} provinceCode={search.provinceCode} />
        </Tabs.Panel>

        <Tabs.Panel value="stats" pt="md">
          <StatsPanel provinceCode={search.provinceCode} by={search.by ?? "category"} onBy={(by) => set({ by: by === "category" ? undefined : by })} phone={!!phone} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** One case on the board: what, where, its status in words, how many people reported it, and the after-photo. */
function BoardCard({ c }: { c: BoardItem }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder p="sm" data-testid="board-item" data-ref={c.publicRef} data-status={c.status}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <AnchorLink to="/board/$ref" params={{ ref: c.publicRef }} fw={700} data-testid="board-item-link">{c.publicRef}</AnchorLink>
            <CaseStatusBadge status={c.status} size="sm" />
          </Group>
          <Text fw={600} size="sm">{f.pick(c.categoryNameTh, c.categoryNameEn)}</Text>
          <Text size="sm" c="dark.6">{f.pick(c.areaNameTh, c.areaNameEn)}</Text>
          {c.publicText && <Text size="sm" lang="th" lineClamp={2}>{c.publicText}</Text>}
          <Text size="xs" c="dark.5">
            {t("casesPublic.board.received", { date: f.date(c.receivedAt) })}
            {c.supportCount > 1 && <> · {t("casesPublic.supportCount", { n: f.number(c.supportCount) })}</>}
            {c.rating !== null && <> · {t("casesPublic.board.rating", { n: f.number(c.rating) })}</>}
          </Text>
        </Stack>
        {c.afterPhotoThumbnailUrl && (
          <Image src={c.afterPhotoThumbnailUrl} alt={t("casesPublic.afterPhoto.thumbAlt", { ref: c.publicRef })} w={88} h={88} radius="sm" fit="cover" loading="lazy" data-testid="board-item-photo" />
        )}
      </Group>
    </Card>
  );
}

/** The points of the chosen province's cases (newest first, up to MAP_MAX), already coarsened by the server. */
function MapPanel({ filters, provinceCode }: { filters: Query; provinceCode: string | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const meta = useMeta();
  const provinces = useQuery(provincesQuery);
  const points = useQuery({
    queryKey: ["cases", "board", "map", filters],
    enabled: !!provinceCode,
    queryFn: async () => {
      const items: BoardItem[] = [];
      let total = 0;
      for (let p = 1; items.length < MAP_MAX; p++) {
        const r = await api.get<Board>("/public/cases", { ...filters, page: p, pageSize: 100 });
        items.push(...r.items);
        total = r.total;
        if (items.length >= r.total || r.items.length === 0) break;
      }
      return { items, total };
    },
  });
  // the province's outline from the operator's boundary file when one is configured; the districts' from the server
  const geo = useQuery({ queryKey: ["map", "geojson"], queryFn: () => api.get<unknown>("/map/geojson"), enabled: !!provinceCode && meta.data?.boundaries === true, staleTime: Infinity });
  const outline = useQuery({ queryKey: ["cases", "board", "outline", provinceCode], queryFn: () => api.get<BoardOutline>("/public/cases/map/outline", { provinceCode }), enabled: !!provinceCode, staleTime: Infinity, retry: 1 });
  if (!provinceCode) return <Text c="dark.5" data-testid="board-map-choose">{t("casesPublic.board.map.choose")}</Text>;
  const province = provinces.data?.find((p) => p.code === provinceCode);
  const placed = (points.data?.items ?? []).filter((c) => c.lat !== null && c.lon !== null);
  return (
    <Stack gap="xs">
      <ErrorAlert error={points.error} />
      {points.isPending ? (
        <PageLoader />
      ) : (
        <>
          <Text size="sm" c="dark.5" data-testid="board-map-count">
            {t("casesPublic.board.map.count", { shown: f.number(placed.length), total: f.number(points.data?.total ?? 0), province: province ? f.name(province) : provinceCode })}
          </Text>
          <Suspense fallback={<div style={{ height: 360 }} />}>
            <BoardMap items={placed} provinceCode={provinceCode} geojson={geo.data ?? null} outline={outline.data ?? null} districtCode={typeof filters.districtCode === "string" ? filters.districtCode : undefined} title={t("casesPublic.board.map.title", { province: province ? f.name(province) : provinceCode })} />
          </Suspense>
          <Text size="xs" c="dark.5" data-testid="board-map-note">{t(outline.data ? (geo.data ? "casesPublic.board.map.noteBoth" : "casesPublic.board.map.noteDistricts") : geo.data ? "casesPublic.board.map.noteOutline" : "casesPublic.board.map.note")}</Text>
          {outline.data && <Text size="xs" c="dark.5" data-testid="board-map-source">{t("casesPublic.board.map.source")}</Text>}
        </>
      )}
    </Stack>
  );
}

/** Statistics by category, agency or district: volume, share resolved, median hours to resolve, mean rating. */
function StatsPanel({ provinceCode, by, onBy, phone }: { provinceCode: string | undefined; by: StatsBy; onBy: (by: StatsBy) => void; phone: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const hours = useHours();
  const stats = useQuery({ queryKey: ["cases", "stats", provinceCode, by], queryFn: () => api.get<Stats>("/public/cases/stats", { provinceCode, by }), placeholderData: keepPreviousData });
  const share = (x: number) => `${f.number(Math.round(x * 1000) / 10)}%`;
  const rows = stats.data?.rows ?? [];
  const exportTable = () => ({
    fileName: `case-stats-by-${by}`,
    header: ["key", "name_th", "name_en", "cases", "resolved", "share_resolved", "median_hours_to_resolve", "rating", "ratings", "province_code"],
    rows: [...rows, ...(stats.data ? [stats.data.total] : [])].map((r) => [r.key, r.nameTh, r.nameEn, r.cases, r.resolved, r.shareResolved, r.medianHoursToResolve, r.rating, r.ratings, provinceCode ?? ""]),
  });
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <SegmentedControl
          value={by}
          onChange={(v) => onBy(v as StatsBy)}
          data={(["category", "agency", "district"] as const).map((x) => ({ value: x, label: t(`casesPublic.board.stats.by.${x}`) }))}
          aria-label={t("casesPublic.board.stats.byLabel")}
          data-testid="board-stats-by"
        />
        <ExportButtons table={exportTable} disabled={!rows.length} size="sm" />
      </Group>
      {by === "district" && !provinceCode && <Text size="sm" c="dark.5">{t("casesPublic.board.stats.districtHint")}</Text>}
      <ErrorAlert error={stats.error} />
      {stats.isPending ? (
        <PageLoader />
      ) : stats.data ? (
        <>
          {phone ? (
            <Stack gap="xs" data-testid="board-stats-cards">
              {[...rows, stats.data.total].map((r, i) => {
                const total = i === rows.length;
                return (
                  <Card key={total ? "__total" : r.key || "__none"} withBorder p="sm" data-testid={total ? "board-stats-total" : "board-stats-row"} bg={total ? "gray.0" : undefined}>
                    <Text fw={700} size="sm" mb={4}>{total ? t("casesPublic.board.stats.total") : r.key ? f.pick(r.nameTh, r.nameEn) : t("casesPublic.board.stats.notGiven")}</Text>
                    <SimpleGrid cols={2} spacing={2}>
                      <Text size="sm">{t("casesPublic.board.stats.cases")}</Text>
                      <Text size="sm" ta="right" fw={700}>{f.number(r.cases)}</Text>
                      <Text size="sm">{t("casesPublic.board.stats.shareResolved")}</Text>
                      <Text size="sm" ta="right">{share(r.shareResolved)}</Text>
                      <Text size="sm">{t("casesPublic.board.stats.median")}</Text>
                      <Text size="sm" ta="right">{hours(r.medianHoursToResolve)}</Text>
                      <Text size="sm">{t("casesPublic.board.stats.rating")}</Text>
                      <Text size="sm" ta="right">{r.rating === null ? "—" : t("casesPublic.board.stats.ratingValue", { n: f.number(r.rating), count: r.ratings })}</Text>
                    </SimpleGrid>
                  </Card>
                );
              })}
            </Stack>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t("casesPublic.board.stats.tableTitle")}>
              <Table data-testid="board-stats-table" style={{ minWidth: 560 }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t(`casesPublic.board.stats.by.${by}`)}</Table.Th>
                    <Table.Th style={{ textAlign: "right" }}>{t("casesPublic.board.stats.cases")}</Table.Th>
                    <Table.Th style={{ textAlign: "right" }}>{t("casesPublic.board.stats.shareResolved")}</Table.Th>
                    <Table.Th style={{ textAlign: "right" }}>{t("casesPublic.board.stats.median")}</Table.Th>
                    <Table.Th style={{ textAlign: "right" }}>{t("casesPublic.board.stats.rating")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...rows, stats.data.total].map((r, i) => {
                    const total = i === rows.length;
                    return (
                      <Table.Tr key={total ? "__total" : r.key || "__none"} data-testid={total ? "board-stats-total" : "board-stats-row"} style={total ? { fontWeight: 700, borderTop: "2px solid var(--mantine-color-gray-5)" } : undefined}>
                        <Table.Td>{total ? t("casesPublic.board.stats.total") : r.key ? f.pick(r.nameTh, r.nameEn) : t("casesPublic.board.stats.notGiven")}</Table.Td>
                        <Table.Td style={{ textAlign: "right" }}>{f.number(r.cases)}</Table.Td>
                        <Table.Td style={{ textAlign: "right" }}>{share(r.shareResolved)}</Table.Td>
                        <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{hours(r.medianHoursToResolve)}</Table.Td>
                        <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{r.rating === null ? "—" : t("casesPublic.board.stats.ratingValue", { n: f.number(r.rating), count: r.ratings })}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </div>
          )}
          {rows.length > 0 && (
            <Card withBorder p="sm">
              <Title order={2} size="h4" mb="xs">{t("casesPublic.board.stats.chartTitle")}</Title>
              <Suspense fallback={<div style={{ height: 240 }} />}>
                <StatsChart rows={rows} title={t("casesPublic.board.stats.chartTitle")} />
              </Suspense>
            </Card>
          )}
          <Text size="xs" c="dark.5">{t("casesPublic.board.stats.note")}</Text>
        </>
      ) : null}
    </Stack>
  );
}
