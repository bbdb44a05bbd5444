import { useState } from "react";
import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { MatchingFundDetail, MatchingList } from "../../../modules/planning/contracts-funds.js";
import { api, seg, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { ListPagination, NoResultsRow } from "../../ui/table.js";
import { MATCHING_STATUSES, MatchingStatusBadge, num, ProvinceSelect } from "./funds-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const listRoute = getRouteApi("/planning/matching");
const oneRoute = getRouteApi("/planning/matching/$id");
const PAGE_SIZE = 50;

/** Matching funds (งบประมาณสมทบ) of local governments and provinces: search, filters, sorting, pages, CSV. */
export function MatchingListPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = listRoute.useSearch();
  const navigate = useNavigate({ from: "/planning/matching" });
  const [q, setQ] = useState(search.q ?? "");
  const page = search.page && search.page > 0 ? search.page : 1;
  const filters: Query = { provinceCode: search.province, status: search.status, q: search.q, sort: search.sort ?? "-created" };
  const list = useQuery({ queryKey: ["planning-funds", "matching", filters, page], queryFn: () => api.get<MatchingList>("/planning/matching", { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), placeholderData: keepPreviousData });
  const exporter = useExportAll();
  const set = (patch: Record<string, unknown>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });
  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<MatchingList>("/planning/matching", { ...filters, limit, offset }),
      (rows) => ({
        fileName: "matching-funds",
        header: ["id", "fiscal_year", "province_code", "project_code", "project_th", "local_government", "province_share", "province_transferred", "local_share", "local_transferred", "status", "demo"],
        rows: rows.map((m) => [m.id, m.fiscalYear, m.provinceCode, m.projectCode, m.projectTitleTh, m.localGov.nameTh, m.province.share, m.province.transferred, m.local.share, m.local.transferred, m.status, m.isDemo]),
      }),
      200,
    );
  return (
    <Stack gap="md">
      <Title order={1}>{t("planningFunds.matching.title")}</Title>
      <Text c="dark.4">{t("planningFunds.matching.lead")}</Text>
      <Group align="flex-end" wrap="wrap">
        <form onSubmit={(e) => { e.preventDefault(); set({ q: q.trim() || undefined }); }}>
          <TextInput label={t("planningFunds.search")} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={240} data-testid="matching-search" />
        </form>
        <ProvinceSelect label={t("planningFunds.province")} value={search.province} onChange={(v) => set({ province: v })} testId="matching-province" />
        <Select label={t("planningFunds.status")} clearable data={MATCHING_STATUSES.map((s) => ({ value: s, label: t(`planningFunds.matching.statuses.${s}`) }))} value={search.status ?? null} onChange={(v) => set({ status: v ?? undefined })} w={200} />
        <Select label={t("planningFunds.sort")} data={[{ value: "-created", label: t("planningFunds.sortNewest") }, { value: "-total", label: t("planningFunds.sortLargest") }, { value: "total", label: t("planningFunds.sortSmallest") }]} value={search.sort ?? "-created"} onChange={(v) => set({ sort: v ?? undefined })} w={200} />
        <ExportButtons table={exportAll} loading={exporter.busy} csvLabel={t("planningFunds.exportCsv")} />
      </Group>
      <ErrorAlert error={list.error ?? exporter.error} />
      <Table striped withTableBorder data-testid="matching-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("planningFunds.matching.project")}</Table.Th>
            <Table.Th>{t("planningFunds.matching.localGov")}</Table.Th>
            <Table.Th>{t("planningFunds.matching.provinceShare")}</Table.Th>
            <Table.Th>{t("planningFunds.matching.localShare")}</Table.Th>
            <Table.Th>{t("planningFunds.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td><AnchorLink to="/planning/matching/$id" params={{ id: m.id }}>{m.projectCode} · {f.pick(m.projectTitleTh, m.projectTitleEn)}</AnchorLink> <DemoBadge isDemo={m.isDemo} /></Table.Td>
              <Table.Td>{f.name(m.localGov)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{f.baht(m.province.transferred)} / {f.baht(m.province.share)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{f.baht(m.local.transferred)} / {f.baht(m.local.share)}</Table.Td>
              <Table.Td><MatchingStatusBadge status={m.status} /></Table.Td>
            </Table.Tr>
          ))}
          <NoResultsRow colSpan={5} show={!!list.data && list.data.items.length === 0} />
        </Table.Tbody>
      </Table>
      <ListPagination total={list.data?.total ?? 0} pageSize={PAGE_SIZE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p }) })} />
    </Stack>
  );
}

/** One matching fund: each party's share, commitments and transfers, the actions open to the province, history. */
export function MatchingFundPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id } = oneRoute.useParams();
  const me = useMe();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ["planning-funds", "matching", "one", id], queryFn: () => api.get<MatchingFundDetail>(`/planning/matching/${seg(id)}`) });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ["planning-funds"] });
    void qc.invalidateQueries({ queryKey: ["history", "matching-fund", id] });
  };
  const status = useMutation({ mutationFn: (action: string) => api.post(`/planning/matching/${seg(id)}/status`, { action, version: q.data?.version }), onSuccess: () => refresh() });
  const [party, setParty] = useState<string>("province");
  const [kind, setKind] = useState<string>("commitment");
  const [amount, setAmount] = useState<number | string>("");
  const entry = useMutation({ mutationFn: () => api.post(`/planning/matching/${seg(id)}/entries`, { party, kind, amount: Number(amount), version: q.data?.version }), onSuccess: () => { setAmount(""); refresh(); } });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const m = q.data;
  const canWrite = holdsRoleFor(me.data, "planning:matching.write");
  const partyCard = (label: string, p: MatchingFundDetail["province"]) => (
    <Card withBorder>
      <Text fw={700}>{label}</Text>
      <Text size="sm">{t("planningFunds.matching.share")}: {f.baht(p.share)}</Text>
      <Text size="sm">{t("planningFunds.matching.committed")}: {f.baht(p.committed)}</Text>
      <Text size="sm">{t("planningFunds.matching.transferred")}: {f.baht(p.transferred)} ({f.number(Math.round((num(p.transferred) / Math.max(num(p.share), 0.01)) * 1000) / 10)}%)</Text>
    </Card>
  );
  return (
    <Stack gap="lg">
      <AnchorLink to="/planning/matching">← {t("planningFunds.matching.title")}</AnchorLink>
      <Group gap="sm">
        <Title order={1}>{m.projectCode} · {f.pick(m.projectTitleTh, m.projectTitleEn)}</Title>
        <MatchingStatusBadge status={m.status} />
        <DemoBadge isDemo={m.isDemo} />
      </Group>
      <Text>{t("planningFunds.matching.summary", { local: f.name(m.localGov), total: f.baht(m.total), fy: f.fiscalYear(m.fiscalYear) })}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {partyCard(t("planningFunds.matching.parties.province"), m.province)}
        {partyCard(f.name(m.localGov), m.local)}
      </SimpleGrid>
      {canWrite && (
        <Card withBorder component="section" aria-labelledby="matching-actions">
          <Title order={2} size="h4" id="matching-actions" mb="xs">{t("planningFunds.matching.actionsTitle")}</Title>
          <Group mb="sm">
            {m.status === "proposed" && <Button onClick={() => status.mutate("agree")} data-testid="matching-agree">{t("planningFunds.matching.agree")}</Button>}
            {m.status === "funded" && <Button onClick={() => status.mutate("close")}>{t("planningFunds.matching.close")}</Button>}
            {(m.status === "proposed" || m.status === "agreed") && <Button variant="outline" color="red.8" onClick={() => status.mutate("cancel")}>{t("planningFunds.matching.cancel")}</Button>}
          </Group>
          <ErrorAlert error={status.error} />
          {m.status === "agreed" && (
            <Group align="flex-end">
              <Select label={t("planningFunds.matching.party")} data={[{ value: "province", label: t("planningFunds.matching.parties.province") }, { value: "local", label: f.name(m.localGov) }]} value={party} onChange={(v) => setParty(v ?? "province")} w={220} />
              <Select label={t("planningFunds.matching.kind")} data={[{ value: "commitment", label: t("planningFunds.matching.kinds.commitment") }, { value: "transfer", label: t("planningFunds.matching.kinds.transfer") }]} value={kind} onChange={(v) => setKind(v ?? "commitment")} w={180} />
              <NumberInput label={t("planningFunds.amount")} value={amount} onChange={setAmount} thousandSeparator="," decimalScale={2} min={0} w={200} data-testid="matching-amount" />
              <Button onClick={() => entry.mutate()} loading={entry.isPending} disabled={!amount} data-testid="matching-record">{t("planningFunds.matching.record")}</Button>
            </Group>
          )}
          <ErrorAlert error={entry.error} />
        </Card>
      )}
      <section aria-labelledby="entries-title">
        <Title order={2} size="h4" id="entries-title" mb="xs">{t("planningFunds.matching.entries")}</Title>
        <ExportButtons size="compact-xs" variant="light" nextTable="matching-entries" />
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("planningFunds.matching.entryOn")}</Table.Th>
              <Table.Th>{t("planningFunds.matching.party")}</Table.Th>
              <Table.Th>{t("planningFunds.matching.kind")}</Table.Th>
              <Table.Th>{t("planningFunds.amount")}</Table.Th>
              <Table.Th>{t("planningFunds.matching.reference")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.entries.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{f.date(e.entryOn)}</Table.Td>
                <Table.Td>{e.party === "province" ? t("planningFunds.matching.parties.province") : f.name(m.localGov)}</Table.Td>
                <Table.Td>{t(`planningFunds.matching.kinds.${e.kind}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.baht(e.amount)}</Table.Td>
                <Table.Td>{e.referenceTh}</Table.Td>
              </Table.Tr>
            ))}
            <NoResultsRow colSpan={5} show={m.entries.length === 0} />
          </Table.Tbody>
        </Table>
      </section>
      <HistoryPanel entityType="matching-fund" entityId={m.id} allowed={m.may.history} />
    </Stack>
  );
}
