import { useState } from "react";
import { Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { PermitQueue } from "../../../modules/delegation/contracts-permits.js";
import { api, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { ListPagination, NoResultsRow } from "../../ui/table.js";
import { powersQuery } from "../delegation/queries.js";
import { provincesQuery } from "../provinces/queries.js";
import { DueState, PERMIT_ROUTES, PERMIT_STATUSES, PermitStatusBadge, placeOf, PowerName, RouteBadge } from "./permit-ui.js";
import { ReceivePermitButton } from "./ReceivePermitForm.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/delegation/permits");
const PAGE_SIZE = 50;
/** the queue's own maximum per request */
const EXPORT_PAGE_SIZE = 200;
type Sort = "due" | "-due" | "received" | "-received";

/**
 * The handlers' queue of applications for permits and approvals (คำขออนุญาต): where each was routed, by when it is
 * due and how many business days are left, oldest deadline first; filters, paging, CSV. Never the applicant's identity.
 */
export function PermitsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/delegation/permits" });
  const me = useMe();
  const page = search.page && search.page > 0 ? search.page : 1;
  const sort: Sort = search.sort ?? "due";
  const [q, setQ] = useState(search.q ?? "");
  const exporter = useExportAll();
  // by default the applications still waiting for a decision; a chosen status (or "all") shows the closed ones too
  const openOnly = !search.status && !search.all && !search.q;
  const filters: Query = { status: search.status, powerCode: search.powerCode, provinceCode: search.provinceCode, route: search.route, overdue: search.overdue ? true : undefined, open: openOnly ? true : undefined, q: search.q, sort };
  const list = useQuery({
    queryKey: ["permits", "queue", filters, page],
    queryFn: () => api.get<PermitQueue>("/delegation/permits", { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const powers = useQuery(powersQuery({ isPermit: true }));
  const provinces = useQuery(provincesQuery);
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });
  const canReceive = holdsRoleFor(me.data, "delegation:permit.receive");

  // the queue's own fields only: the applicant's identity is never in the list, so never in the file (PDPA)
  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<PermitQueue>("/delegation/permits", { ...filters, limit, offset }),
      (rows) => ({
        fileName: "permit-applications",
        header: ["tracking_code", "power_code", "power_th", "province_code", "province_th", "district_code", "district_th", "applicant_kind", "subject_th", "amount_baht", "received_on", "route", "decider_th", "decider_en", "sla_business_days", "due_on", "days_left", "overdue", "status", "decided_on", "turnaround_business_days", "demo"],
        rows: rows.map((p) => [p.trackingCode, p.powerCode, p.powerNameTh, p.provinceCode, p.provinceNameTh, p.districtCode, p.districtNameTh, p.applicantKind, p.subjectTh, p.amount, p.receivedOn, p.route, p.deciderLabelTh, p.deciderLabelEn, p.slaDays, p.dueOn, p.daysLeft, p.overdue, p.status, p.decidedOn, p.turnaroundDays, p.isDemo]),
      }),
      EXPORT_PAGE_SIZE,
    );

  const sortHeader = (key: "due" | "received", label: string) => {
    const active = sort === key || sort === `-${key}`;
    const desc = sort === `-${key}`;
    return (
      <Table.Th aria-sort={active ? (desc ? "descending" : "ascending") : "none"}>
        <button type="button" className="sort-button" onClick={() => setFilter({ sort: sort === key ? (`-${key}` as Sort) : key === "due" ? undefined : key })} title={t("table.sortBy", { column: label })} data-testid={`permits-sort-${key}`}>
          {label}
          <span aria-hidden="true">{active ? (desc ? "▼" : "▲") : "↕"}</span>
        </button>
      </Table.Th>
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div style={{ flex: "1 1 420px" }}>
          <Title order={1} data-testid="permits-title">{t("permits.queue.title")}</Title>
          <Text c="dark.4">{t("permits.queue.intro")}</Text>
        </div>
        <Group gap="sm">
          <AnchorLink to="/delegation/permits/stats" data-testid="permits-stats-link">{t("permits.queue.statsLink")}</AnchorLink>
          {canReceive && <ReceivePermitButton />}
        </Group>
      </Group>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ q: q.trim() || undefined });
        }}
      >
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput type="search" label={t("permits.queue.trackingSearch")} placeholder="PM-57-2570" value={q} onChange={(e) => setQ(e.currentTarget.value)} onBlur={() => setFilter({ q: q.trim() || undefined })} w={{ base: "100%", sm: 200 }} data-testid="permits-q" />
          <Select label={t("permits.statusLabel")} placeholder={t("common.all")} clearable data={PERMIT_STATUSES.map((s) => ({ value: s, label: t(`permits.status.${s}`) }))} value={search.status ?? null} onChange={(v) => setFilter({ status: v ?? undefined })} w={{ base: "100%", sm: 190 }} data-testid="permits-status-filter" />
          <Select label={t("permits.power")} placeholder={t("common.all")} clearable searchable data={(powers.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.powerCode ?? null} onChange={(v) => setFilter({ powerCode: v ?? undefined })} w={{ base: "100%", sm: 300 }} comboboxProps={{ width: 420, position: "bottom-start" }} data-testid="permits-power-filter" />
          <Select label={t("permits.province")} placeholder={t("common.all")} clearable searchable data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.provinceCode ?? null} onChange={(v) => setFilter({ provinceCode: v ?? undefined })} w={{ base: "100%", sm: 210 }} data-testid="permits-province-filter" />
          <Select label={t("permits.routeLabel")} placeholder={t("common.all")} clearable data={PERMIT_ROUTES.map((r) => ({ value: r, label: t(`permits.route.${r}`) }))} value={search.route ?? null} onChange={(v) => setFilter({ route: (v as typeof search.route) ?? undefined })} w={{ base: "100%", sm: 200 }} data-testid="permits-route-filter" />
          <Checkbox label={t("permits.queue.openOnly")} checked={openOnly} disabled={!!search.status || !!search.q} onChange={(e) => setFilter({ all: e.currentTarget.checked ? undefined : true })} mb={8} data-testid="permits-open-filter" />
          <Checkbox label={t("permits.queue.overdueOnly")} checked={!!search.overdue} onChange={(e) => setFilter({ overdue: e.currentTarget.checked || undefined })} mb={8} data-testid="permits-overdue-filter" />
          <ExportButtons table={exportAll} loading={exporter.busy} disabled={!total} csvLabel={t("common.exportCsvAll", { count: total })} />
        </Group>
      </form>
      <ErrorAlert error={list.error ?? exporter.error} />
      <Text size="sm" c="dark.4" aria-live="polite" data-testid="permits-count">
        {t("permits.queue.count", { total: f.number(total) })}
        {list.data?.today && ` · ${t("permits.queue.asOf", { date: f.date(list.data.today) })}`}
      </Text>
      <div className="table-scroll">
        <Table striped data-testid="permits-table" style={{ opacity: list.isPlaceholderData ? 0.6 : 1, minWidth: 900 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("permits.trackingCode")}</Table.Th>
              <Table.Th>{t("permits.power")}</Table.Th>
              <Table.Th>{t("permits.place")}</Table.Th>
              <Table.Th>{t("permits.routeLabel")}</Table.Th>
              {sortHeader("received", t("permits.receivedOn"))}
              {sortHeader("due", t("permits.dueOn"))}
              <Table.Th>{t("permits.statusLabel")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id} data-testid="permit-row" data-tracking={p.trackingCode}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <AnchorLink to="/delegation/permits/$id" params={{ id: p.id }} fw={600} data-testid="permit-link">{p.trackingCode}</AnchorLink>
                  <div><DemoBadge isDemo={p.isDemo} /></div>
                </Table.Td>
                <Table.Td style={{ minWidth: 200, maxWidth: 300 }}>
                  <Text size="sm" lineClamp={2} title={`${p.powerCode} ${f.pick(p.powerNameTh, p.powerNameEn)}`}><PowerName code={p.powerCode} nameTh={p.powerNameTh} nameEn={p.powerNameEn} /></Text>
                  <Text size="xs" c="dark.4" lang={f.lang === "en" ? "th" : undefined} lineClamp={2}>{p.subjectTh}</Text>
                </Table.Td>
                <Table.Td>{placeOf(f, p)}</Table.Td>
                <Table.Td style={{ minWidth: 170 }}>
                  <RouteBadge route={p.route} />
                  <Text size="xs" mt={2}>{f.pick(p.deciderLabelTh, p.deciderLabelEn)}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(p.receivedOn)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm">{f.date(p.dueOn)}</Text>
                  <DueState p={p} />
                  <Text size="xs" c="dark.4">{t("permits.slaShort", { count: p.slaDays })}</Text>
                </Table.Td>
                <Table.Td><PermitStatusBadge status={p.status} /></Table.Td>
              </Table.Tr>
            ))}
            <NoResultsRow colSpan={7} show={!list.isPending && !items.length} />
          </Table.Tbody>
        </Table>
      </div>
      <Text size="xs" c="dark.4">{t("permits.queue.pdpaNote")}</Text>
      <ListPagination total={total} pageSize={PAGE_SIZE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })} />
    </Stack>
  );
}
