import { useState } from "react";
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { PersonnelActionKind, PersonnelRoute, type PersonnelActionView } from "../../../modules/delegation/contracts-personnel.js";
import { api, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink, ButtonLink } from "../../ui/links.js";
import { ListPagination, NoResultsRow, SortTh, useSortedRows } from "../../ui/table.js";
import { Bi } from "../agendas/Bi.js";
import { provincesQuery } from "../provinces/queries.js";
import { PersonnelActionForm } from "./PersonnelActionForm.js";
import { DecidedBy } from "./PersonnelBadges.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/delegation/personnel");
type Page = { items: PersonnelActionView[]; total: number };
type SortKey = "effective" | "kind" | "person" | "province" | "route";
const PAGE_SIZE = 50;

/** Personnel actions under delegated authority: who decided each (the post and its instrument, or the centre), filters, CSV, and a form to record one. */
export function PersonnelPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/delegation/personnel" });
  const page = search.page && search.page > 0 ? search.page : 1;
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState<PersonnelActionView | null>(null);
  const exporter = useExportAll();
  const filters: Query = { kind: search.kind, provinceCode: search.provinceCode, route: search.route, from: search.from, to: search.to };
  const list = useQuery({
    queryKey: ["personnel-actions", "list", filters, page],
    queryFn: () => api.get<Page>("/delegation/personnel-actions", { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const provinces = useQuery(provincesQuery);
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const { sorted, sort, toggle } = useSortedRows<PersonnelActionView, SortKey>(
    items,
    { effective: (a) => a.effectiveOn, kind: (a) => t(`personnel.kinds.${a.kind}`), person: (a) => a.personName, province: (a) => f.pick(a.provinceNameTh, a.provinceNameEn), route: (a) => a.route },
    { key: "effective", dir: "desc" },
  );
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });
  const org = (th: string | null, en: string | null, id: string | null) => (id ? <Bi th={th ?? id} en={en} /> : <Text span c="dark.4">–</Text>);

  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<Page>("/delegation/personnel-actions", { ...filters, limit, offset }),
      (rows) => ({
        fileName: "personnel-actions",
        header: ["id", "province_code", "iso_3166_2", "province_th", "kind", "power_code", "person_name", "position_th", "from_org_id", "from_org_th", "to_org_id", "to_org_th", "effective_on", "order_no", "route", "decider_th", "decider_delegation_id", "decider_instrument_no", "recorded_at", "demo"],
        rows: rows.map((a) => [a.id, a.provinceCode, `TH-${a.provinceCode}`, a.provinceNameTh, a.kind, a.powerCode, a.personName, a.positionTh, a.fromOrgId, a.fromOrgNameTh, a.toOrgId, a.toOrgNameTh, a.effectiveOn, a.orderNo, a.route, a.deciderLabelTh, a.deciderDelegationId, a.deciderInstrumentNo, a.createdAt, a.isDemo]),
      }),
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div style={{ flex: "1 1 320px" }}>
          <Title order={1} data-testid="personnel-title">{t("personnel.title")}</Title>
          <Text c="dark.4">{t("personnel.intro")}</Text>
        </div>
        <Group gap="sm">
          <ButtonLink to="/delegation/committees" variant="default">{t("personnel.committees.title")}</ButtonLink>
          {holdsRoleFor(me.data, "delegation:personnel.write") && !recording && (
            <Button onClick={() => { setRecording(true); setRecorded(null); }} data-testid="personnel-record-open">{t("personnel.form.open")}</Button>
          )}
        </Group>
      </Group>
      {recording && (
        <PersonnelActionForm
          onDone={(a) => {
            setRecording(false);
            setRecorded(a);
          }}
          onCancel={() => setRecording(false)}
        />
      )}
      {recorded && (
        <Alert color="green" variant="light" icon={<span aria-hidden="true">✓</span>} title={t("personnel.form.recorded")} withCloseButton closeButtonLabel={t("common.close")} onClose={() => setRecorded(null)} role="status" data-testid="personnel-recorded">
          <Text size="sm">
            {t(`personnel.kinds.${recorded.kind}`)} · {recorded.personName} ·{" "}
            <AnchorLink to="/delegation/personnel/$id" params={{ id: recorded.id }}>{t("personnel.openRecord")}</AnchorLink>
          </Text>
        </Alert>
      )}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label={t("personnel.kind")} placeholder={t("common.all")} data={PersonnelActionKind.options.map((k) => ({ value: k, label: t(`personnel.kinds.${k}`) }))} value={search.kind ?? null} onChange={(v) => setFilter({ kind: v ?? undefined })} clearable w={{ base: "100%", sm: 220 }} data-testid="personnel-filter-kind" />
        <Select label={t("personnel.province")} placeholder={t("common.all")} data={(provinces.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.provinceCode ?? null} onChange={(v) => setFilter({ provinceCode: v ?? undefined })} clearable searchable w={{ base: "100%", sm: 220 }} />
        <Select label={t("personnel.route")} placeholder={t("common.all")} data={PersonnelRoute.options.map((r) => ({ value: r, label: t(`personnel.routes.${r}`) }))} value={search.route ?? null} onChange={(v) => setFilter({ route: v ?? undefined })} clearable w={{ base: "100%", sm: 220 }} data-testid="personnel-filter-route" />
        <TextInput type="date" label={t("personnel.from")} value={search.from ?? ""} onChange={(e) => setFilter({ from: e.currentTarget.value || undefined })} w={{ base: "100%", sm: 170 }} />
        <TextInput type="date" label={t("personnel.to")} value={search.to ?? ""} onChange={(e) => setFilter({ to: e.currentTarget.value || undefined })} w={{ base: "100%", sm: 170 }} />
        <ExportButtons table={exportAll} loading={exporter.busy} disabled={!total} csvLabel={t("common.exportCsvAll", { count: total })} />
      </Group>
      <ErrorAlert error={list.error ?? exporter.error} />
      <Text size="sm" c="dark.4" aria-live="polite">{t("personnel.count", { total: f.number(total) })} · {t("table.sortedWithinPage")}</Text>
      <div className="table-scroll">
        <Table striped data-testid="personnel-table" style={{ opacity: list.isPlaceholderData ? 0.6 : 1, minWidth: 980 }}>
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t("personnel.effectiveOn")} sortKey="effective" sort={sort} onSort={toggle} />
              <SortTh label={t("personnel.kind")} sortKey="kind" sort={sort} onSort={toggle} />
              <SortTh label={t("personnel.personAndPosition")} sortKey="person" sort={sort} onSort={toggle} />
              <Table.Th>{t("personnel.fromTo")}</Table.Th>
              <SortTh label={t("personnel.province")} sortKey="province" sort={sort} onSort={toggle} />
              <SortTh label={t("personnel.decidedBy")} sortKey="route" sort={sort} onSort={toggle} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((a) => (
              <Table.Tr key={a.id} data-testid="personnel-row" data-id={a.id} data-kind={a.kind}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(a.effectiveOn)}</Table.Td>
                <Table.Td>
                  <AnchorLink to="/delegation/personnel/$id" params={{ id: a.id }} fw={600} data-testid="personnel-link">{t(`personnel.kinds.${a.kind}`)}</AnchorLink>
                  <Text size="xs" c="dark.4">{a.powerCode}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}><Bi th={a.personName} /></Text>
                  <Text size="xs"><Bi th={a.positionTh} /></Text>
                  {a.orderNo && <Text size="xs" c="dark.4"><Bi th={a.orderNo} /></Text>}
                  <DemoBadge isDemo={a.isDemo} />
                </Table.Td>
                <Table.Td>
                  {/* words, not an arrow: a visually hidden label would escape the scrolling table on a phone */}
                  {a.fromOrgId && <Text size="sm"><Text span size="xs" c="dark.4">{t("personnel.fromPrefix")}</Text> {org(a.fromOrgNameTh, a.fromOrgNameEn, a.fromOrgId)}</Text>}
                  {a.toOrgId && <Text size="sm"><Text span size="xs" c="dark.4">{t("personnel.toPrefix")}</Text> {org(a.toOrgNameTh, a.toOrgNameEn, a.toOrgId)}</Text>}
                </Table.Td>
                <Table.Td>{f.pick(a.provinceNameTh, a.provinceNameEn)}</Table.Td>
                <Table.Td><DecidedBy a={a} /></Table.Td>
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
