import { useState } from "react";
import { Anchor, Card, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ProcurementList, ProcurementStage } from "../../../modules/planning/contracts-procurement.js";
import { API_BASE, api, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { ListPagination, NoResultsRow } from "../../ui/table.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { NewProcurementForm } from "./NewProcurementForm.js";
import { provincesQuery } from "../provinces/queries.js";
import { METHODS, STAGES, StageBadge, useBaht } from "./procurement-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/planning/procurement");
const PAGE_SIZE = 25;
type Sort = "-updated" | "updated" | "title" | "-planned" | "planned" | "stage";
const FISCAL_YEARS = [2571, 2570, 2569, 2568];

/** Procurement processes of every province (public, like their OCDS releases): search, filters, sort, paging, CSV of all pages, and the open-data downloads. */
export function ProcurementsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const baht = useBaht();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/planning/procurement" });
  const page = search.page && search.page > 0 ? search.page : 1;
  const [q, setQ] = useState(search.q ?? "");
  const exporter = useExportAll();
  const me = useMe();
  const filters: Query = { q: search.q, provinceCode: search.provinceCode, fiscalYear: search.fy, stage: search.stage, method: search.method, sort: search.sort ?? "-updated" };
  const list = useQuery({ queryKey: ["planning", "procurements", filters, page], queryFn: () => api.get<ProcurementList>("/planning/procurements", { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), placeholderData: keepPreviousData });
  const provinces = useQuery(provincesQuery);
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });

  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<ProcurementList>("/planning/procurements", { ...filters, limit, offset }),
      (rows) => ({
        fileName: "procurements",
        header: ["ocid", "project_code", "province_code", "fiscal_year", "buyer_th", "title_th", "method", "method_details_th", "category", "stage", "planned_baht", "tender_baht", "award_baht", "contract_baht", "paid_baht", "supplier_th", "updated_at", "demo"],
        rows: rows.map((p) => [p.ocid, p.projectCode, p.provinceCode, p.fiscalYear, p.buyerNameTh, p.titleTh, p.method, p.methodDetailsTh, p.category, p.stage, p.plannedValue, p.tenderValue, p.awardAmount, p.contractAmount, p.paid, p.supplierNameTh, p.updatedAt, p.isDemo]),
      }),
      500,
    );

  return (
    <Stack gap="md">
      <div>
        <Title order={1} data-testid="procurements-title">{t("planningProcurement.list.title")}</Title>
        <Text c="dark.4">{t("planningProcurement.list.intro")}</Text>
      </div>
      <Card withBorder component="section" aria-labelledby="open-data-title" data-testid="open-data">
        <Title order={2} size="h4" id="open-data-title">{t("planningProcurement.openData.title")}</Title>
        <Text size="sm" mb="xs">{t("planningProcurement.openData.intro")}</Text>
        <Group gap="md">
          <Anchor href={`${API_BASE}/planning/ocds/releases.json`} download data-testid="ocds-bulk-link">{t("planningProcurement.openData.bulkJson")}</Anchor>
          <Anchor href={`${API_BASE}/planning/ocds/releases.jsonl`} download data-testid="ocds-bulk-jsonl">{t("planningProcurement.openData.bulkJsonl")}</Anchor>
          <Anchor href="https://standard.open-contracting.org/1.1/en/" target="_blank" rel="noreferrer">{t("planningProcurement.openData.standard")}</Anchor>
        </Group>
      </Card>
      {holdsRoleFor(me.data, "planning:procurement.write") && <NewProcurementForm />}
      <form role="search" onSubmit={(e) => { e.preventDefault(); setFilter({ q: q.trim() || undefined }); }}>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput type="search" label={t("planningProcurement.list.search")} value={q} onChange={(e) => setQ(e.currentTarget.value)} onBlur={() => setFilter({ q: q.trim() || undefined })} w={{ base: "100%", sm: 240 }} data-testid="procurements-q" />
          <Select label={t("planningProcurement.province")} placeholder={t("common.all")} clearable searchable data={(provinces.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.provinceCode ?? null} onChange={(v) => setFilter({ provinceCode: v ?? undefined })} w={{ base: "100%", sm: 200 }} data-testid="procurements-province" />
          <Select label={t("planningProcurement.fiscalYear")} placeholder={t("common.all")} clearable data={FISCAL_YEARS.map((y) => ({ value: String(y), label: f.fiscalYear(y) }))} value={search.fy ? String(search.fy) : null} onChange={(v) => setFilter({ fy: v ? Number(v) : undefined })} w={{ base: "100%", sm: 170 }} data-testid="procurements-fy" />
          <Select label={t("planningProcurement.stageLabel")} placeholder={t("common.all")} clearable data={STAGES.map((s) => ({ value: s, label: t(`planningProcurement.stage.${s}`) }))} value={search.stage ?? null} onChange={(v) => setFilter({ stage: (v as ProcurementStage) ?? undefined })} w={{ base: "100%", sm: 190 }} data-testid="procurements-stage" />
          <Select label={t("planningProcurement.methodLabel")} placeholder={t("common.all")} clearable data={METHODS.map((m) => ({ value: m, label: t(`planningProcurement.method.${m}`) }))} value={search.method ?? null} onChange={(v) => setFilter({ method: (v as (typeof METHODS)[number]) ?? undefined })} w={{ base: "100%", sm: 200 }} data-testid="procurements-method" />
          <Select label={t("planningProcurement.list.sort")} data={(["-updated", "updated", "title", "-planned", "planned", "stage"] as Sort[]).map((s) => ({ value: s, label: t(`planningProcurement.sort.${s}`) }))} value={search.sort ?? "-updated"} onChange={(v) => setFilter({ sort: (v as Sort) ?? undefined })} allowDeselect={false} w={{ base: "100%", sm: 200 }} data-testid="procurements-sort" />
          <ExportButtons table={exportAll} loading={exporter.busy} disabled={!total} testId="procurements-export" csvLabel={t("common.exportCsvAll", { count: total })} />
        </Group>
      </form>
      <ErrorAlert error={list.error ?? exporter.error} />
      <Text size="sm" c="dark.4" aria-live="polite" data-testid="procurements-count">{t("planningProcurement.list.count", { total: f.number(total) })}</Text>
      <div className="table-scroll">
        <Table striped data-testid="procurements-table" style={{ opacity: list.isPlaceholderData ? 0.6 : 1, minWidth: 900 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("planningProcurement.titleLabel")}</Table.Th>
              <Table.Th>{t("planningProcurement.buyer")}</Table.Th>
              <Table.Th>{t("planningProcurement.methodLabel")}</Table.Th>
              <Table.Th>{t("planningProcurement.stageLabel")}</Table.Th>
              <Table.Th style={{ textAlign: "right" }}>{t("planningProcurement.plannedValue")}</Table.Th>
              <Table.Th style={{ textAlign: "right" }}>{t("planningProcurement.contractAmount")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id} data-testid="procurement-row">
                <Table.Td style={{ minWidth: 260 }}>
                  <AnchorLink to="/planning/procurement/$id" params={{ id: p.id }} fw={600} data-testid="procurement-link">{p.titleTh}</AnchorLink>
                  <Text size="xs" c="dark.4">{p.projectCode} · {f.fiscalYear(p.fiscalYear)}</Text>
                  <DemoBadge isDemo={p.isDemo} />
                </Table.Td>
                <Table.Td>{f.pick(p.buyerNameTh, p.buyerNameEn)}</Table.Td>
                <Table.Td>{t(`planningProcurement.method.${p.method}`)}{p.methodDetailsTh && <Text size="xs" c="dark.4" lang="th">{p.methodDetailsTh}</Text>}</Table.Td>
                <Table.Td><StageBadge stage={p.stage} /></Table.Td>
                <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{baht(p.plannedValue)}</Table.Td>
                <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{baht(p.contractAmount)}</Table.Td>
              </Table.Tr>
            ))}
            <NoResultsRow colSpan={6} show={!list.isLoading && items.length === 0} />
          </Table.Tbody>
        </Table>
      </div>
      <ListPagination total={total} pageSize={PAGE_SIZE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p }) })} />
    </Stack>
  );
}
