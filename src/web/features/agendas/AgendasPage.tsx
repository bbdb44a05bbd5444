import { useMemo, useState } from "react";
import { Button, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { AgendaStatus, type AgendaAssignmentSummary, type StrategyNodeListItem } from "../../../modules/strategy/contracts.js";
import { api, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { ListPagination, NoResultsRow, SortTh, useSortedRows } from "../../ui/table.js";
import { provincesQuery } from "../provinces/queries.js";
import { StatusBadge } from "./StatusBadge.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/agendas");
type Page = { items: AgendaAssignmentSummary[]; total: number };
type Nodes = { items: StrategyNodeListItem[]; total: number };
type SortKey = "province" | "agenda" | "title" | "status" | "version" | "updated";
const PAGE_SIZE = 50;

/** Agendas assigned to CEO governors and where each proposal stands: filters, sorting, paging, CSV export. */
export function AgendasPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/agendas" });
  const page = search.page && search.page > 0 ? search.page : 1;
  const [assigning, setAssigning] = useState(false);
  const exporter = useExportAll();
  const filters: Query = { provinceCode: search.provinceCode, status: search.status, agendaNodeId: search.agendaNodeId };
  const list = useQuery({
    queryKey: ["agenda-assignments", filters, page],
    queryFn: () => api.get<Page>("/agenda-assignments", { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const provinces = useQuery(provincesQuery);
  const agendas = useQuery({ queryKey: ["strategy", "government_agenda"], queryFn: () => api.get<Nodes>("/strategy/nodes", { kind: "government_agenda" }) });
  const provinceName = useMemo(() => new Map((provinces.data ?? []).map((p) => [p.code, f.name(p)])), [provinces.data, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const agendaName = (a: AgendaAssignmentSummary) => f.pick(a.agendaNameTh, a.agendaNameEn);
  const { sorted, sort, toggle } = useSortedRows<AgendaAssignmentSummary, SortKey>(
    items,
    {
      province: (a) => provinceName.get(a.provinceCode) ?? a.provinceCode,
      agenda: agendaName,
      title: (a) => f.pick(a.titleTh, a.titleEn),
      status: (a) => AgendaStatus.options.indexOf(a.status),
      version: (a) => a.currentVersion,
      updated: (a) => a.updatedAt,
    },
    { key: "updated", dir: "desc" },
  );
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });
  // assigned agendas (including area pain points) appear in the filter even when they are not government agendas
  const agendaOptions = useMemo(() => {
    const m = new Map<string, string>();
    for (const a of agendas.data?.items ?? []) m.set(a.id, f.name(a));
    for (const a of items) if (!m.has(a.agendaNodeId)) m.set(a.agendaNodeId, agendaName(a));
    if (search.agendaNodeId && !m.has(search.agendaNodeId)) m.set(search.agendaNodeId, search.agendaNodeId);
    return [...m.entries()].map(([value, label]) => ({ value, label }));
  }, [agendas.data, items, f.lang, search.agendaNodeId]); // eslint-disable-line react-hooks/exhaustive-deps

  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<Page>("/agenda-assignments", { ...filters, limit, offset }),
      (rows) => ({
        fileName: "agenda-assignments",
        header: ["id", "province_code", "agenda_node_id", "agenda_name_th", "title_th", "title_en", "status", "current_version", "assigned_on", "updated_at", "is_demo"],
        rows: rows.map((a) => [a.id, a.provinceCode, a.agendaNodeId, a.agendaNameTh, a.titleTh, a.titleEn, a.status, a.currentVersion, a.assignedOn, a.updatedAt, a.isDemo]),
      }),
    );

  return (
    <Stack gap="md">
      <div>
        <Title order={1} data-testid="agendas-title">{t("agendas.title")}</Title>
        <Text c="dark.4">{t("agendas.intro")}</Text>
      </div>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label={t("agendas.province")} placeholder={t("common.all")} data={(provinces.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.provinceCode ?? null} onChange={(v) => setFilter({ provinceCode: v ?? undefined })} clearable searchable w={{ base: "100%", sm: 230 }} data-testid="agendas-province" />
        <Select label={t("agendas.status")} placeholder={t("common.all")} data={AgendaStatus.options.map((s) => ({ value: s, label: t(`agendas.statuses.${s}`) }))} value={search.status ?? null} onChange={(v) => setFilter({ status: v ?? undefined })} clearable w={{ base: "100%", sm: 260 }} data-testid="agendas-status" />
        <Select label={t("agendas.agenda")} placeholder={t("common.all")} data={agendaOptions} value={search.agendaNodeId ?? null} onChange={(v) => setFilter({ agendaNodeId: v ?? undefined })} clearable searchable w={{ base: "100%", sm: 300 }} />
        <ExportButtons table={exportAll} loading={exporter.busy} disabled={!total} csvLabel={t("common.exportCsvAll", { count: total })} />
        {holdsRoleFor(me.data, "strategy:agenda.assign") && <Button onClick={() => setAssigning(true)} data-testid="agenda-assign-open">{t("agendas.assign.open")}</Button>}
      </Group>
      <ErrorAlert error={list.error ?? exporter.error} />
      <Text size="sm" c="dark.4" aria-live="polite">{t("agendas.count", { total: f.number(total) })} · {t("table.sortedWithinPage")}</Text>
      <div className="table-scroll">
        <Table striped data-testid="agendas-table" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t("agendas.province")} sortKey="province" sort={sort} onSort={toggle} />
              <SortTh label={t("agendas.agenda")} sortKey="agenda" sort={sort} onSort={toggle} />
              <SortTh label={t("agendas.assignmentTitle")} sortKey="title" sort={sort} onSort={toggle} />
              <SortTh label={t("agendas.status")} sortKey="status" sort={sort} onSort={toggle} />
              <SortTh label={t("agendas.version")} sortKey="version" sort={sort} onSort={toggle} />
              <SortTh label={t("agendas.updated")} sortKey="updated" sort={sort} onSort={toggle} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td><AnchorLink to="/provinces/$code" params={{ code: a.provinceCode }}>{provinceName.get(a.provinceCode) ?? a.provinceCode}</AnchorLink></Table.Td>
                <Table.Td>
                  <Text size="xs" c="dark.4">{t(`strategy.kinds.${a.agendaKind}`)}</Text>
                  <AnchorLink to="/strategy/$id" params={{ id: a.agendaNodeId }} size="sm" lang={f.lang === "en" && !a.agendaNameEn ? "th" : undefined}>{agendaName(a)}</AnchorLink>
                </Table.Td>
                <Table.Td>
                  <AnchorLink to="/agendas/$id" params={{ id: a.id }} fw={600} data-testid="agenda-link" lang={f.lang === "en" && !a.titleEn ? "th" : undefined}>{f.pick(a.titleTh, a.titleEn)}</AnchorLink> <DemoBadge isDemo={a.isDemo} />
                </Table.Td>
                <Table.Td><StatusBadge status={a.status} size="sm" /></Table.Td>
                <Table.Td>{t("agendas.versionN", { n: a.currentVersion })}</Table.Td>
                <Table.Td>{f.date(a.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
            <NoResultsRow colSpan={6} show={!list.isPending && !sorted.length} />
          </Table.Tbody>
        </Table>
      </div>
      <ListPagination total={total} pageSize={PAGE_SIZE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })} />
      <AssignDialog opened={assigning} onClose={() => setAssigning(false)} agendas={agendas.data?.items ?? []} />
    </Stack>
  );
}

/** The government assigns an agenda to a province (the server checks the assigner's scope). */
function AssignDialog({ opened, onClose, agendas }: { opened: boolean; onClose: () => void; agendas: readonly StrategyNodeListItem[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const provinces = useQuery(provincesQuery);
  const [agendaNodeId, setAgenda] = useState<string | null>(null);
  const [provinceCode, setProvince] = useState<string | null>(null);
  const [titleTh, setTitleTh] = useState("");
  const assign = useMutation({
    mutationFn: () => api.post<AgendaAssignmentSummary>("/agenda-assignments", { agendaNodeId, provinceCode, ...(titleTh.trim() ? { titleTh: titleTh.trim() } : {}) }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: ["agenda-assignments"] });
      onClose();
      void navigate({ to: "/agendas/$id", params: { id: a.id } });
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t("agendas.assign.title")}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          assign.mutate();
        }}
      >
        <Stack gap="sm">
          <Select label={t("agendas.agenda")} data={agendas.map((a) => ({ value: a.id, label: f.name(a) }))} value={agendaNodeId} onChange={setAgenda} searchable required data-testid="assign-agenda" />
          <Select label={t("agendas.province")} data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={provinceCode} onChange={setProvince} searchable required data-testid="assign-province" />
          <TextInput label={t("agendas.assign.titleTh")} description={t("agendas.assign.titleHint")} value={titleTh} onChange={(e) => setTitleTh(e.currentTarget.value)} maxLength={500} />
          <ErrorAlert error={assign.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t("agendas.cancel")}</Button>
            <Button type="submit" loading={assign.isPending} disabled={!agendaNodeId || !provinceCode} data-testid="assign-submit">{t("agendas.assign.submit")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
