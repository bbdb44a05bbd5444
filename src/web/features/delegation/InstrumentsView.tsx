import { useMemo } from "react";
import { Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { DelegationStatus, type DelegationView } from "../../../modules/delegation/contracts.js";
import { bangkokToday } from "../../../platform/thai/index.js";
import { api, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { ExportButtons } from "../../ui/ExportButtons.js";
import { AnchorLink } from "../../ui/links.js";
import { ListPagination, NoResultsRow, SortTh, useSortedRows } from "../../ui/table.js";
import { provincesQuery } from "../provinces/queries.js";
import type { ViewProps } from "./DelegationPage.js";
import { instrumentsQuery, ministriesQuery, powersQuery, type InstrumentsPage } from "./queries.js";
import { InstrumentStatusBadge, useDelegationFormat } from "./ui.js";

const PAGE_SIZE = 50;

/** The instruments registry: filters by province, ministry, power, status and date, paged, with a CSV of every match. */
export function InstrumentsView({ search, setSearch }: ViewProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useQuery(provincesQuery);
  const ministries = useQuery(ministriesQuery);
  const powers = useQuery(powersQuery());
  const page = search.page && search.page > 0 ? search.page : 1;
  const filters: Query = { provinceCode: search.province, ministryId: search.ministry, powerCode: search.power, status: search.status, on: search.date };
  const q = useQuery(instrumentsQuery({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
  const total = q.data?.total ?? 0;
  const set = (patch: Parameters<typeof setSearch>[0]) => setSearch({ ...patch, page: undefined });
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label={t("delegation.province")} placeholder={t("common.all")} clearable searchable data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.province ?? null} onChange={(v) => set({ province: v ?? undefined })} w={{ base: "100%", sm: 220 }} data-testid="instruments-province" />
        <Select label={t("delegation.ministry")} placeholder={t("common.all")} clearable searchable data={(ministries.data?.items ?? []).map((m) => ({ value: m.id, label: f.name(m) }))} value={search.ministry ?? null} onChange={(v) => set({ ministry: v ?? undefined })} w={{ base: "100%", sm: 260 }} data-testid="instruments-ministry" />
        <Select label={t("delegation.power")} placeholder={t("common.all")} clearable searchable data={(powers.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.pick(p.nameTh, p.nameEn)}` }))} value={search.power ?? null} onChange={(v) => set({ power: v ?? undefined })} w={{ base: "100%", sm: 320 }} data-testid="instruments-power" />
        <Select label={t("delegation.statusLabel")} placeholder={t("common.all")} clearable data={DelegationStatus.options.map((s) => ({ value: s, label: t(`delegation.status.${s}`) }))} value={search.status ?? null} onChange={(v) => set({ status: v ?? undefined })} w={{ base: "100%", sm: 200 }} data-testid="instruments-status" />
        <TextInput type="date" inputWrapperOrder={["label", "input", "description", "error"]} label={t("delegation.statusOn")} description={search.date ? f.date(search.date) : t("delegation.todayIs", { date: f.date(bangkokToday()) })} value={search.date ?? ""} onChange={(e) => set({ date: e.currentTarget.value || undefined })} w={{ base: "100%", sm: 200 }} data-testid="instruments-date" />
        <ExportButton filters={filters} total={total} />
      </Group>
      <ErrorAlert error={q.error} />
      <Text size="sm" c="dark.4" aria-live="polite" data-testid="instruments-count">
        {t("delegation.instruments.count", { total: f.number(total), date: f.date(q.data?.on ?? search.date ?? bangkokToday()) })} · {t("table.sortedWithinPage")}
      </Text>
      <InstrumentsTable items={q.data?.items ?? []} loading={q.isPending} dim={q.isPlaceholderData} />
      <ListPagination total={total} pageSize={PAGE_SIZE} page={page} onChange={(p) => setSearch({ page: p > 1 ? p : undefined }, false)} />
    </Stack>
  );
}

/** Every instrument matching the filters (up to 500 a page, pages fetched in turn) as CSV or XLSX. */
export function ExportButton({ filters, total, fileName = "delegation-instruments" }: { filters: Query; total: number; fileName?: string }) {
  const { t } = useTranslation();
  const exporter = useExportAll();
  function run() {
    let on = ""; // the day the statuses are for, as the server answered it
    return exporter.collect(
      (offset, limit) =>
        api.get<InstrumentsPage>("/delegation/instruments", { ...filters, limit, offset }).then((res) => {
          on = res.on;
          return res;
        }),
      (all) =>
        ({ fileName, header: ["id", "power_code", "power_th", "power_en", "parent_id", "root_id", "depth", "delegator_th", "delegator_en", "delegate_role", "delegate_org_id", "delegate_th", "delegate_en", "province_code", "province_iso", "district_code", "amount_cap", "conditions_th", "instrument_no", "instrument_date", "effective_from", "effective_to", "may_subdelegate", "revoked_from", "revoke_reason_th", "status", "status_on", "demo"], rows: all.map((d) => [d.id, d.powerCode, d.powerNameTh, d.powerNameEn, d.parentId, d.rootId, d.depth, d.delegatorLabelTh, d.delegatorLabelEn, d.delegateRole, d.delegateOrgId, d.delegateLabelTh, d.delegateLabelEn, d.provinceCode, d.provinceCode ? `TH-${d.provinceCode}` : "", d.districtCode, d.amountCap, d.conditionsTh, d.instrumentNo, d.instrumentDate, d.effectiveFrom, d.effectiveTo, d.maySubdelegate, d.revokedFrom, d.revokeReasonTh, d.status, on, d.isDemo]) }),
    );
  }
  return (
    <>
      <ExportButtons table={run} disabled={!total} loading={exporter.busy} testId="instruments-export" csvLabel={t("common.exportCsvAll", { count: total })} />
      {exporter.error ? <ErrorAlert error={exporter.error} /> : null}
    </>
  );
}

type SortKey = "instrument" | "power" | "delegate" | "cap" | "period" | "status";

/** Instruments as rows: the order and its date, the power, who delegated to whom, the cap, the period and the status. */
export function InstrumentsTable({ items, loading = false, dim = false, showPower = true }: { items: readonly DelegationView[]; loading?: boolean; dim?: boolean; showPower?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = useDelegationFormat();
  const rows = useMemo(() => [...items], [items]);
  const { sorted, sort, toggle } = useSortedRows<DelegationView, SortKey>(
    rows,
    { instrument: (x) => x.instrumentDate, power: (x) => x.powerCode, delegate: (x) => f.pick(x.delegateLabelTh, x.delegateLabelEn), cap: (x) => (x.amountCap === null ? null : Number(x.amountCap)), period: (x) => x.effectiveFrom, status: (x) => x.status },
    { key: "power", dir: "asc" },
  );
  const thai = f.lang === "en" ? "th" : undefined;
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped verticalSpacing="xs" data-testid="instruments-table" style={{ opacity: dim ? 0.6 : 1 }}>
        <Table.Thead>
          <Table.Tr>
            <SortTh label={t("delegation.instrument")} sortKey="instrument" sort={sort} onSort={toggle} />
            {showPower && <SortTh label={t("delegation.power")} sortKey="power" sort={sort} onSort={toggle} />}
            <SortTh label={t("delegation.instruments.fromTo")} sortKey="delegate" sort={sort} onSort={toggle} />
            <SortTh label={t("delegation.cap")} sortKey="cap" sort={sort} onSort={toggle} />
            <SortTh label={t("delegation.period")} sortKey="period" sort={sort} onSort={toggle} />
            <SortTh label={t("delegation.statusLabel")} sortKey="status" sort={sort} onSort={toggle} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((x) => (
            <Table.Tr key={x.id} data-testid="instrument-row" data-id={x.id}>
              <Table.Td>
                <AnchorLink to="/delegation/instruments/$id" params={{ id: x.id }} size="sm" fw={600} lang={thai} data-testid="instrument-link">
                  {x.instrumentNo}
                </AnchorLink>
                <Text size="xs" c="dark.4">{t("delegation.chain.dated", { date: f.date(x.instrumentDate) })}</Text>
                <DemoBadge isDemo={x.isDemo} />
              </Table.Td>
              {showPower && (
                <Table.Td>
                  <Text size="sm">{x.powerCode}</Text>
                  <Text size="xs" c="dark.4" lang={f.lang === "en" && !x.powerNameEn ? "th" : undefined}>{f.pick(x.powerNameTh, x.powerNameEn)}</Text>
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm">{f.pick(x.delegatorLabelTh, x.delegatorLabelEn)}</Text>
                <Text size="sm" fw={600}>
                  <span aria-hidden="true">→ </span>
                  <span className="visually-hidden-inline">{t("delegation.chain.delegatesTo")} </span>
                  {f.pick(x.delegateLabelTh, x.delegateLabelEn)}
                </Text>
                {x.depth > 0 && <Text size="xs" c="dark.4">{t("delegation.instruments.onward", { depth: x.depth })}</Text>}
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{d.cap(x.amountCap)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{d.period(x.effectiveFrom, x.effectiveTo)}</Table.Td>
              <Table.Td>
                <InstrumentStatusBadge status={x.status} />
                {x.revokedFrom && <Text size="xs" c="dark.4" mt={2}>{t("delegation.revokedFrom", { date: f.date(x.revokedFrom) })}</Text>}
              </Table.Td>
            </Table.Tr>
          ))}
          <NoResultsRow colSpan={showPower ? 6 : 5} show={!loading && !sorted.length} />
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
