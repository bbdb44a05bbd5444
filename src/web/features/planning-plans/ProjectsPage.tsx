import { useState } from "react";
import { Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ProjectList } from "../../../modules/planning/contracts-projects.js";
import type { BudgetSource, ProjectOrigin, ProjectStatus } from "../../../modules/planning/contracts.js";
import { api } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { ListPagination, NoResultsRow } from "../../ui/table.js";
import { provincesQuery } from "../provinces/queries.js";
import { BUDGET_SOURCES, PROJECT_ORIGINS, PROJECT_STATUSES, ProjectStatusBadge } from "./plan-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/planning/projects");
const PAGE_SIZE = 50;
type SortKey = "code" | "title" | "budget" | "priority" | "updated";

/** Every project the reader may see: search (Thai segmented), filters, server-side sort and paging, CSV of all pages. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/planning/projects" });
  const page = search.page ?? 1;
  const sort: SortKey = search.sort ?? "code";
  const dir = search.dir ?? "asc";
  const [q, setQ] = useState(search.q ?? "");
  const [agency, setAgency] = useState(search.agencyId ?? "");
  const filters = { q: search.q, provinceCode: search.provinceCode, fiscalYear: search.fiscalYear, status: search.status, source: search.source, origin: search.origin, agencyId: search.agencyId, sort, dir };
  const list = useQuery({ queryKey: ["planning", "projects", filters, page], queryFn: () => api.get<ProjectList>("/planning/projects", { ...filters, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  const provinces = useQuery(provincesQuery);
  const exporter = useExportAll();
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<ProjectList>("/planning/projects", { ...filters, page: Math.floor(offset / limit) + 1, pageSize: limit }),
      (rows) => ({
        fileName: "projects",
        header: ["code", "fiscal_year", "province_code", "title_th", "title_en", "owner_th", "agency_id", "origin", "sources", "total_baht", "priority", "status", "start_date", "end_date", "demo"],
        rows: rows.map((p) => [p.code, p.fiscalYear, p.provinceCode, p.titleTh, p.titleEn, p.ownerNameTh, p.agencyId, p.origin, p.sources.join(" "), p.totalBudget, p.priority, p.status, p.startDate, p.endDate, p.isDemo]),
      }),
      200,
    );
  const sortHeader = (key: SortKey, label: string, align?: "right") => {
    const active = sort === key;
    return (
      <Table.Th aria-sort={active ? (dir === "desc" ? "descending" : "ascending") : "none"} style={align ? { textAlign: align } : undefined}>
        <button type="button" className="sort-button" onClick={() => setFilter({ sort: key, dir: active && dir === "asc" ? "desc" : "asc" })} title={t("table.sortBy", { column: label })} data-testid={`projects-sort-${key}`}>
          {label}
          <span aria-hidden="true">{active ? (dir === "desc" ? "▼" : "▲") : "↕"}</span>
        </button>
      </Table.Th>
    );
  };
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div style={{ flex: "1 1 420px" }}>
          <Title order={1} data-testid="projects-title">{t("planningPlans.projects.title")}</Title>
          <Text c="dark.4">{t("planningPlans.projects.intro")}</Text>
        </div>
        <AnchorLink to="/planning/plans">{t("planningPlans.plans.title")}</AnchorLink>
      </Group>
      <form role="search" onSubmit={(e) => { e.preventDefault(); setFilter({ q: q.trim() || undefined, agencyId: agency.trim() || undefined }); }}>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput type="search" label={t("common.search")} placeholder={t("planningPlans.projects.searchHint")} value={q} onChange={(e) => setQ(e.currentTarget.value)} onBlur={() => setFilter({ q: q.trim() || undefined })} w={{ base: "100%", sm: 240 }} data-testid="projects-q" />
          <Select label={t("planning.province")} placeholder={t("common.all")} clearable searchable data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.provinceCode ?? null} onChange={(v) => setFilter({ provinceCode: v ?? undefined })} w={{ base: "100%", sm: 200 }} data-testid="projects-province-filter" />
          <Select label={t("planning.fiscalYear")} placeholder={t("common.all")} clearable data={[2571, 2570, 2569, 2568].map((y) => ({ value: String(y), label: f.fiscalYear(y) }))} value={search.fiscalYear ? String(search.fiscalYear) : null} onChange={(v) => setFilter({ fiscalYear: v ? Number(v) : undefined })} w={{ base: "100%", sm: 160 }} />
          <Select label={t("planning.status")} placeholder={t("common.all")} clearable data={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`planning.projectStatus.${s}`) }))} value={search.status ?? null} onChange={(v) => setFilter({ status: (v as ProjectStatus) ?? undefined })} w={{ base: "100%", sm: 170 }} data-testid="projects-status-filter" />
          <Select label={t("planning.source")} placeholder={t("common.all")} clearable data={BUDGET_SOURCES.map((s) => ({ value: s, label: t(`planning.budgetSource.${s}`) }))} value={search.source ?? null} onChange={(v) => setFilter({ source: (v as BudgetSource) ?? undefined })} w={{ base: "100%", sm: 200 }} data-testid="projects-source-filter" />
          <Select label={t("planningPlans.projects.origin")} placeholder={t("common.all")} clearable data={PROJECT_ORIGINS.map((s) => ({ value: s, label: t(`planning.origin.${s}`) }))} value={search.origin ?? null} onChange={(v) => setFilter({ origin: (v as ProjectOrigin) ?? undefined })} w={{ base: "100%", sm: 170 }} />
          <TextInput label={t("planningPlans.projects.agency")} placeholder="moac.doae" value={agency} onChange={(e) => setAgency(e.currentTarget.value)} onBlur={() => setFilter({ agencyId: agency.trim() || undefined })} w={{ base: "100%", sm: 170 }} />
          <ExportButtons table={exportAll} loading={exporter.busy} disabled={!total} testId="projects-export" csvLabel={t("common.exportCsvAll", { count: total })} />
        </Group>
      </form>
      <ErrorAlert error={list.error ?? exporter.error} />
      <Text size="sm" c="dark.4" aria-live="polite" data-testid="projects-count">{t("planningPlans.projects.count", { total: f.number(total), amount: f.baht(list.data?.totalBudget ?? "0") })}</Text>
      <div className="table-scroll">
        <Table striped data-testid="projects-table" style={{ minWidth: 960, opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr>
              {sortHeader("code", t("planningPlans.projects.code"))}
              {sortHeader("title", t("planning.project"))}
              <Table.Th>{t("planning.sources")}</Table.Th>
              {sortHeader("budget", t("planning.budget"), "right")}
              {sortHeader("priority", t("planningPlans.plan.priority"))}
              <Table.Th>{t("planning.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id} data-testid="project-row" data-code={p.code}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <AnchorLink to="/planning/projects/$id" params={{ id: p.id }} fw={600}>{p.code}</AnchorLink>
                  <Text size="xs" c="dark.4">{f.fiscalYear(p.fiscalYear)}</Text>
                  <DemoBadge isDemo={p.isDemo} />
                </Table.Td>
                <Table.Td style={{ minWidth: 260 }}>
                  <Text size="sm">{f.pick(p.titleTh, p.titleEn)}</Text>
                  <Text size="xs" c="dark.4">{f.pick(p.ownerNameTh, p.ownerNameEn)} · {f.pick(p.agencyNameTh, p.agencyNameEn)}</Text>
                </Table.Td>
                <Table.Td><Text size="xs">{p.sources.map((s) => t(`planning.budgetSource.${s}`)).join(", ")}</Text></Table.Td>
                <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{f.baht(p.totalBudget)}</Table.Td>
                <Table.Td>{p.priority ?? "–"}</Table.Td>
                <Table.Td><ProjectStatusBadge status={p.status} /></Table.Td>
              </Table.Tr>
            ))}
            <NoResultsRow colSpan={6} show={!list.isPending && !items.length} />
          </Table.Tbody>
        </Table>
      </div>
      <ListPagination total={total} pageSize={PAGE_SIZE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })} />
    </Stack>
  );
}
