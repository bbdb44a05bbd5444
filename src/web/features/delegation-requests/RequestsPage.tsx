import { useMemo } from "react";
import { Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { RequestStatus, type RequestView } from "../../../modules/delegation/contracts-requests.js";
import { api, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink, ButtonLink } from "../../ui/links.js";
import { ListPagination, NoResultsRow, SortTh, useSortedRows } from "../../ui/table.js";
import { powersQuery } from "../delegation/queries.js";
import { provincesQuery } from "../provinces/queries.js";
import { RequestStatusBadge, StageDue } from "./RequestStatus.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/delegation/requests");
type Page = { items: RequestView[]; total: number };
type SortKey = "province" | "power" | "status" | "due" | "saved" | "updated";
const PAGE_SIZE = 50;

/** The tracker of provinces' requests for more delegation: where each stands, its stage's due date and whether it is overdue. */
export function RequestsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/delegation/requests" });
  const page = search.page && search.page > 0 ? search.page : 1;
  const exporter = useExportAll();
  const filters: Query = { provinceCode: search.provinceCode, status: search.status, powerCode: search.powerCode, overdue: search.overdue };
  const list = useQuery({
    queryKey: ["delegation-requests", "list", filters, page],
    queryFn: () => api.get<Page>("/delegation/requests", { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const provinces = useQuery(provincesQuery);
  const powers = useQuery(powersQuery());
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const powerName = (r: RequestView) => f.pick(r.powerNameTh, r.powerNameEn);
  const { sorted, sort, toggle } = useSortedRows<RequestView, SortKey>(
    items,
    {
      province: (r) => f.pick(r.provinceNameTh, r.provinceNameEn),
      power: (r) => r.powerCode,
      status: (r) => RequestStatus.options.indexOf(r.status),
      due: (r) => r.stageDueOn,
      saved: (r) => r.citizenDaysSavedPerYear,
      updated: (r) => r.updatedAt,
    },
    { key: "due", dir: "asc" },
  );
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });
  const powerOptions = useMemo(() => (powers.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` })), [powers.data, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps

  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<Page>("/delegation/requests", { ...filters, limit, offset }),
      (rows) => ({
        fileName: "delegation-requests",
        header: ["id", "province_code", "iso_3166_2", "province_th", "power_code", "power_th", "title_th", "status", "holder", "stage_due_on", "overdue", "days_overdue", "yearly_volume", "central_turnaround_days", "expected_turnaround_days", "citizen_days_saved_per_year", "amount_cap_baht", "may_subdelegate", "opdc_opinion", "submitted_at", "cabinet_date", "cabinet_resolution_no", "effective_from", "effective_to", "updated_at", "demo"],
        rows: rows.map((r) => [r.id, r.provinceCode, `TH-${r.provinceCode}`, r.provinceNameTh, r.powerCode, r.powerNameTh, r.titleTh, r.status, r.holder, r.stageDueOn, r.overdue, r.daysOverdue, r.yearlyVolume, r.centralTurnaroundDays, r.expectedTurnaroundDays, r.citizenDaysSavedPerYear, r.amountCap, r.maySubdelegate, r.opdcOpinion, r.submittedAt, r.cabinetDate, r.cabinetResolutionNo, r.effectiveFrom, r.effectiveTo, r.updatedAt, r.isDemo]),
      }),
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div style={{ flex: "1 1 320px" }}>
          <Title order={1} data-testid="requests-title">{t("delegationRequests.title")}</Title>
          <Text c="dark.4">{t("delegationRequests.intro")}</Text>
        </div>
        {holdsRoleFor(me.data, "delegation:request.write") && (
          <ButtonLink to="/delegation/requests/new" search={{ provinceCode: search.provinceCode }} data-testid="request-new">
            {t("delegationRequests.new")}
          </ButtonLink>
        )}
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label={t("delegationRequests.province")} placeholder={t("common.all")} data={(provinces.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.provinceCode ?? null} onChange={(v) => setFilter({ provinceCode: v ?? undefined })} clearable searchable w={{ base: "100%", sm: 220 }} data-testid="requests-province" />
        <Select label={t("delegationRequests.status")} placeholder={t("common.all")} data={RequestStatus.options.map((s) => ({ value: s, label: t(`delegationRequests.statuses.${s}`) }))} value={search.status ?? null} onChange={(v) => setFilter({ status: v ?? undefined })} clearable w={{ base: "100%", sm: 240 }} data-testid="requests-status" />
        <Select label={t("delegationRequests.power")} placeholder={t("common.all")} data={powerOptions} value={search.powerCode ?? null} onChange={(v) => setFilter({ powerCode: v ?? undefined })} clearable searchable w={{ base: "100%", sm: 320 }} data-testid="requests-power" />
        <Select
          label={t("delegationRequests.overdueFilter")}
          placeholder={t("common.all")}
          data={[
            { value: "true", label: t("delegationRequests.overdueOnly") },
            { value: "false", label: t("delegationRequests.notOverdue") },
          ]}
          value={search.overdue === undefined ? null : String(search.overdue)}
          onChange={(v) => setFilter({ overdue: v === null ? undefined : v === "true" })}
          clearable
          w={{ base: "100%", sm: 200 }}
          data-testid="requests-overdue"
        />
        <ExportButtons table={exportAll} loading={exporter.busy} disabled={!total} csvLabel={t("common.exportCsvAll", { count: total })} />
      </Group>
      <ErrorAlert error={list.error ?? exporter.error} />
      <Text size="sm" c="dark.4" aria-live="polite">{t("delegationRequests.count", { total: f.number(total) })} · {t("table.sortedWithinPage")}</Text>
      <div className="table-scroll">
        <Table striped data-testid="requests-table" style={{ opacity: list.isPlaceholderData ? 0.6 : 1, minWidth: 880 }}>
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t("delegationRequests.province")} sortKey="province" sort={sort} onSort={toggle} />
              <SortTh label={t("delegationRequests.power")} sortKey="power" sort={sort} onSort={toggle} />
              <SortTh label={t("delegationRequests.status")} sortKey="status" sort={sort} onSort={toggle} />
              <SortTh label={t("delegationRequests.stageDue")} sortKey="due" sort={sort} onSort={toggle} />
              <SortTh label={t("delegationRequests.savedPerYear")} sortKey="saved" sort={sort} onSort={toggle} />
              <SortTh label={t("delegationRequests.updated")} sortKey="updated" sort={sort} onSort={toggle} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((r) => (
              <Table.Tr key={r.id} data-testid="request-row" data-id={r.id}>
                <Table.Td>{f.pick(r.provinceNameTh, r.provinceNameEn)}</Table.Td>
                <Table.Td>
                  <Text size="xs" c="dark.4">{r.powerCode} · {t(`delegationRequests.areas.${r.powerArea}`)}</Text>
                  <AnchorLink to="/delegation/requests/$id" params={{ id: r.id }} fw={600} data-testid="request-link" lang={f.lang === "en" && !r.powerNameEn ? "th" : undefined}>{powerName(r)}</AnchorLink> <DemoBadge isDemo={r.isDemo} />
                </Table.Td>
                <Table.Td><RequestStatusBadge status={r.status} size="sm" /></Table.Td>
                <Table.Td><StageDue r={r} /></Table.Td>
                <Table.Td>{t("delegationRequests.daysN", { n: f.number(r.citizenDaysSavedPerYear) })}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(r.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
            <NoResultsRow colSpan={6} show={!list.isPending && !sorted.length} />
          </Table.Tbody>
        </Table>
      </div>
      <ListPagination total={total} pageSize={PAGE_SIZE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })} />
    </Stack>
  );
}
