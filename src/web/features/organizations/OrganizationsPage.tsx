import { useEffect, useMemo, useState } from "react";
import { Button, Group, Progress, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { OrganizationClassification, type OrganizationSummary } from "../../../modules/registry/contracts.js";
import { api, type Query } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { useExportAll } from "../../app/csv.js";
import { ErrorAlert } from "../../ui/errors.js";
import { OrgLink } from "../../ui/entity-links.js";
import { AnchorLink } from "../../ui/links.js";
import { ListPagination, NoResultsRow, SortTh, useSortedRows } from "../../ui/table.js";
import { provincesQuery } from "../provinces/queries.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/organizations");
type Page = { items: OrganizationSummary[]; total: number };
type SortKey = "name" | "classification" | "province" | "abbreviation";
const PAGE_SIZES = ["25", "50", "100"];

export function OrganizationsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/organizations" });
  const [text, setText] = useState(search.q ?? "");
  const [debounced] = useDebouncedValue(text, 350);
  const [pageSize, setPageSize] = useState(50);
  const exporter = useExportAll();
  const page = search.page && search.page > 0 ? search.page : 1;

  useEffect(() => {
    if ((debounced.trim() || undefined) !== search.q) void navigate({ search: (s) => ({ ...s, q: debounced.trim() || undefined, page: undefined }), replace: true });
  }, [debounced]); // eslint-disable-line react-hooks/exhaustive-deps

  const filters: Query = { q: search.q, classification: search.classification, provinceCode: search.provinceCode, parentId: search.parentId };
  const list = useQuery({
    queryKey: ["organizations", filters, page, pageSize],
    queryFn: () => api.get<Page>("/organizations", { ...filters, limit: pageSize, offset: (page - 1) * pageSize }),
    placeholderData: keepPreviousData,
  });
  const provinces = useQuery(provincesQuery);
  const provinceName = useMemo(() => new Map((provinces.data ?? []).map((p) => [p.code, f.name(p)])), [provinces.data, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const { sorted, sort, toggle } = useSortedRows<OrganizationSummary, SortKey>(
    items,
    {
      name: (o) => f.name(o),
      classification: (o) => t(`orgClass.${o.classification}`),
      province: (o) => (o.provinceCode ? provinceName.get(o.provinceCode) ?? o.provinceCode : null),
      abbreviation: (o) => o.abbreviation,
    },
    { key: "name", dir: "asc" },
  );

  const classificationOptions = OrganizationClassification.options.map((c) => ({ value: c, label: t(`orgClass.${c}`) }));
  const provinceOptions = (provinces.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }));
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });

  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<Page>("/organizations", { ...filters, limit, offset }),
      (rows) => ({
        fileName: "organizations",
        header: ["id", "classification", "name_th", "name_en", "abbreviation", "parent_id", "area_id", "province_code", "is_demo"],
        rows: rows.map((o) => [o.id, o.classification, o.nameTh, o.nameEn, o.abbreviation, o.parentId, o.areaId, o.provinceCode, o.isDemo]),
      }),
    );

  return (
    <Stack gap="md">
      <Title order={1}>{t("organizations.title")}</Title>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput type="search" label={t("common.search")} placeholder={t("organizations.searchPlaceholder")} value={text} onChange={(e) => setText(e.currentTarget.value)} w={{ base: "100%", sm: 260 }} data-testid="organizations-search" />
        <Select label={t("organizations.classification")} placeholder={t("common.all")} data={classificationOptions} value={search.classification ?? null} onChange={(v) => setFilter({ classification: v ?? undefined })} clearable w={{ base: "100%", sm: 230 }} />
        <Select label={t("organizations.province")} placeholder={t("common.all")} data={provinceOptions} value={search.provinceCode ?? null} onChange={(v) => setFilter({ provinceCode: v ?? undefined })} clearable searchable w={{ base: "100%", sm: 230 }} />
        <ExportButtons table={exportAll} loading={exporter.busy} disabled={!total} testId="organizations-export" csvLabel={t("common.exportCsvAll", { count: total })} />
      </Group>
      {search.parentId && (
        <Group gap="xs">
          <Text size="sm">{t("organizations.childrenOf")}</Text>
          <AnchorLink to="/organizations/$id" params={{ id: search.parentId }} size="sm">
            {search.parentId}
          </AnchorLink>
          <Button variant="subtle" size="compact-sm" onClick={() => setFilter({ parentId: undefined })}>
            {t("common.clearFilter")}
          </Button>
        </Group>
      )}
      {exporter.progress !== null && <Progress value={exporter.progress} aria-label={t("common.exporting")} animated />}
      <ErrorAlert error={exporter.error} />
      <ErrorAlert error={list.error} />
      <Text size="sm" c="dark.4" aria-live="polite">
        {t("organizations.count", { total: f.number(total) })} · {t("table.sortedWithinPage")}
      </Text>
      <div className="table-scroll">
        <Table striped data-testid="organizations-table" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t("organizations.name")} sortKey="name" sort={sort} onSort={toggle} />
              <SortTh label={t("organizations.abbreviation")} sortKey="abbreviation" sort={sort} onSort={toggle} />
              <SortTh label={t("organizations.classification")} sortKey="classification" sort={sort} onSort={toggle} />
              <SortTh label={t("organizations.province")} sortKey="province" sort={sort} onSort={toggle} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <OrgLink org={o} />
                </Table.Td>
                <Table.Td>{o.abbreviation ?? ""}</Table.Td>
                <Table.Td>{t(`orgClass.${o.classification}`)}</Table.Td>
                <Table.Td>
                  {o.provinceCode ? (
                    <AnchorLink to="/provinces/$code" params={{ code: o.provinceCode }}>
                      {provinceName.get(o.provinceCode) ?? o.provinceCode}
                    </AnchorLink>
                  ) : (
                    t("organizations.national")
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            <NoResultsRow colSpan={4} show={!list.isPending && !sorted.length} />
          </Table.Tbody>
        </Table>
      </div>
      <Group justify="space-between" wrap="wrap">
        <ListPagination total={total} pageSize={pageSize} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })} />
        <Select label={t("pagination.pageSize")} data={PAGE_SIZES} value={String(pageSize)} onChange={(v) => { setPageSize(Number(v ?? 50)); setFilter({}); }} w={120} allowDeselect={false} />
      </Group>
    </Stack>
  );
}
