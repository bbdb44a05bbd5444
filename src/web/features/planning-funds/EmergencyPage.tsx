import { useState } from "react";
import { Alert, Button, Card, Group, Progress, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { EmergencyDecision, EmergencyHeadroom, EmergencyList, EmergencyRequestView } from "../../../modules/planning/contracts-funds.js";
import { fiscalYearOf } from "../../../platform/thai/index.js";
import { api, seg, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink, ButtonLink } from "../../ui/links.js";
import { ListPagination, NoResultsRow } from "../../ui/table.js";
import { EMERGENCY_STATUSES, EmergencyStatusBadge, num, ProvinceSelect, type EmergencyStatusT } from "./funds-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/planning/emergency");
const PAGE_SIZE = 50;

/**
 * The emergency-fund page of deputy PMs' offices: each deputy PM's approvals and headroom under the 100 M yearly
 * cap, the screened requests awaiting a decision (approve / refer), the requests referred to the PM and the history.
 */
export function EmergencyPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/planning/emergency" });
  const me = useMe();
  const fy = search.fy ?? fiscalYearOf(new Date());
  const headroom = useQuery({ queryKey: ["planning-funds", "headroom", fy], queryFn: () => api.get<EmergencyHeadroom>("/planning/emergency/headroom", { fiscalYear: fy }) });
  const queue = useQuery({ queryKey: ["planning-funds", "emergency", "queue", fy], queryFn: () => api.get<EmergencyList>("/planning/emergency", { fiscalYear: fy, status: "screened", sort: "submitted", limit: 200 }) });
  const referred = useQuery({ queryKey: ["planning-funds", "emergency", "referred", fy], queryFn: () => api.get<EmergencyList>("/planning/emergency", { fiscalYear: fy, status: "referred_to_pm", sort: "submitted", limit: 200 }) });
  const [last, setLast] = useState<EmergencyDecision | null>(null);
  const canDecide = holdsRoleFor(me.data, "planning:emergency.approve");
  const canRequest = holdsRoleFor(me.data, "planning:emergency.request");
  const fyOptions = [fy - 2, fy - 1, fy, fy + 1].map((y) => ({ value: String(y), label: f.fiscalYear(y) }));
  const headroomOf = (post: string | null) => headroom.data?.deputyPms.find((d) => d.postId === post);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t("planningFunds.emergency.title")}</Title>
          <Text c="dark.4">{t("planningFunds.emergency.lead")}</Text>
        </div>
        <Group>
          <Select label={t("planningFunds.fiscalYear")} data={fyOptions} value={String(fy)} onChange={(v) => void navigate({ search: (s) => ({ ...s, fy: v ? Number(v) : undefined, page: undefined }) })} w={230} data-testid="emergency-fy" />
          {canRequest && <ButtonLink to="/planning/emergency/new" data-testid="emergency-new">{t("planningFunds.emergency.new")}</ButtonLink>}
        </Group>
      </Group>

      <section aria-labelledby="headroom-title">
        <Title order={2} size="h3" id="headroom-title" mb="xs">{t("planningFunds.emergency.headroomTitle", { fy: f.fiscalYear(fy) })}</Title>
        <ErrorAlert error={headroom.error} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {(headroom.data?.deputyPms ?? []).map((d) => {
            const pct = Math.min(100, (num(d.approvedTotal) / num(headroom.data!.cap)) * 100);
            const full = num(d.headroom) === 0;
            return (
              <Card withBorder key={d.postId} data-testid="headroom-card" data-post={d.postId}>
                <Text fw={700}>{f.label(d)}</Text>
                <Text size="sm" c="dark.4">{t("planningFunds.emergency.cap", { cap: f.baht(headroom.data!.cap) })}</Text>
                <Group justify="space-between" mt="xs">
                  <Text size="sm">{t("planningFunds.emergency.approvedSoFar", { amount: f.baht(d.approvedTotal), count: d.approvals })}</Text>
                  <Text size="lg" fw={700} data-testid="headroom-left">{t("planningFunds.emergency.headroomLeft", { amount: f.baht(d.headroom) })}</Text>
                </Group>
                <Progress value={pct} color={full ? "red.8" : pct > 90 ? "orange.7" : "blue.7"} size="xl" mt="xs" aria-label={t("planningFunds.emergency.usedPct", { pct: f.number(Math.round(pct * 10) / 10) })} />
                <Text size="sm" mt={4}>
                  {full ? <span aria-hidden="true">⚠ </span> : null}
                  {t("planningFunds.emergency.usedPct", { pct: f.number(Math.round(pct * 10) / 10) })}
                  {full ? ` — ${t("planningFunds.emergency.capReached")}` : ""}
                </Text>
                <Text size="sm" c="dark.4">{t("planningFunds.emergency.awaiting", { count: d.awaiting, amount: f.baht(d.awaitingAmount) })}</Text>
              </Card>
            );
          })}
        </SimpleGrid>
      </section>

      {last && (
        <Alert color={last.outcome === "approved" ? "green" : last.outcome === "referred" ? "orange" : "gray"} title={t(`planningFunds.emergency.outcome.${last.outcome}`)} data-testid="emergency-outcome" data-outcome={last.outcome} withCloseButton onClose={() => setLast(null)}>
          {last.request.titleTh} · {f.baht(last.request.decisionAmount)} · {t("planningFunds.emergency.headroomLeft", { amount: f.baht(last.headroom) })}
          {last.outcome === "referred" && <Text size="sm">{last.request.decisionNoteTh}</Text>}
        </Alert>
      )}

      <section aria-labelledby="queue-title">
        <Title order={2} size="h3" id="queue-title" mb="xs">{t("planningFunds.emergency.queueTitle")}</Title>
        <ErrorAlert error={queue.error} />
        <ExportButtons size="compact-xs" variant="light" nextTable="emergency-queue" />
        <Table striped withTableBorder data-testid="emergency-queue">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("planningFunds.emergency.request")}</Table.Th>
              <Table.Th>{t("planningFunds.province")}</Table.Th>
              <Table.Th>{t("planningFunds.emergency.recommended")}</Table.Th>
              <Table.Th>{t("planningFunds.emergency.submittedOn")}</Table.Th>
              <Table.Th>{t("planningFunds.emergency.effect")}</Table.Th>
              {canDecide && <Table.Th>{t("planningFunds.decision")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(queue.data?.items ?? []).map((r) => (
              <QueueRow key={r.id} r={r} canDecide={canDecide} headroomLeft={headroomOf(r.deputyPmPostId)?.headroom} onDone={setLast} />
            ))}
            <NoResultsRow colSpan={canDecide ? 6 : 5} show={!!queue.data && queue.data.items.length === 0} />
          </Table.Tbody>
        </Table>
      </section>

      <section aria-labelledby="referred-title">
        <Title order={2} size="h3" id="referred-title" mb="xs">{t("planningFunds.emergency.referredTitle")}</Title>
        <SimpleTable rows={referred.data?.items ?? []} testId="emergency-referred" />
      </section>

      <EmergencyHistory fy={fy} />
    </Stack>
  );
}

function QueueRow({ r, canDecide, headroomLeft, onDone }: { r: EmergencyRequestView; canDecide: boolean; headroomLeft: string | undefined; onDone: (d: EmergencyDecision) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const decide = useMutation({
    mutationFn: (decision: "approve" | "refer") => api.post<EmergencyDecision>(`/planning/emergency/${seg(r.id)}/decide`, { decision, version: r.version }),
    onSuccess: (d) => {
      onDone(d);
      void qc.invalidateQueries({ queryKey: ["planning-funds"] });
    },
  });
  const supported = r.screening?.recommendation === "support";
  const fits = headroomLeft !== undefined && num(r.decisionAmount) <= num(headroomLeft);
  return (
    <Table.Tr data-testid="emergency-queue-row" data-id={r.id}>
      <Table.Td>
        <AnchorLink to="/planning/emergency/$id" params={{ id: r.id }}>{r.titleTh}</AnchorLink> <DemoBadge isDemo={r.isDemo} />
        <Text size="xs" c="dark.4">{t(`planningFunds.emergency.urgencies.${r.urgency}`)} · {t(supported ? "planningFunds.emergency.supported" : "planningFunds.emergency.notSupported")}</Text>
      </Table.Td>
      <Table.Td>{f.pick(r.provinceNameTh, r.provinceNameEn)}</Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>{f.baht(r.decisionAmount)}</Table.Td>
      <Table.Td>{f.date(r.submittedOn)}</Table.Td>
      <Table.Td>
        <Text size="sm">{supported ? (fits ? <><span aria-hidden="true">✓ </span>{t("planningFunds.emergency.fits")}</> : <><span aria-hidden="true">⇧ </span>{t("planningFunds.emergency.overCap")}</>) : "—"}</Text>
      </Table.Td>
      {canDecide && (
        <Table.Td>
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" onClick={() => decide.mutate("approve")} loading={decide.isPending && decide.variables === "approve"} disabled={!supported} data-testid="emergency-approve">{t("planningFunds.emergency.approve")}</Button>
            <Button size="xs" variant="outline" onClick={() => decide.mutate("refer")} loading={decide.isPending && decide.variables === "refer"} data-testid="emergency-refer">{t("planningFunds.emergency.refer")}</Button>
          </Group>
          <ErrorAlert error={decide.error} />
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function SimpleTable({ rows, testId }: { rows: readonly EmergencyRequestView[]; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table striped withTableBorder data-testid={testId}>
      <Table.Caption><ExportButtons size="compact-xs" variant="light" nextTable={testId} /></Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("planningFunds.emergency.request")}</Table.Th>
          <Table.Th>{t("planningFunds.province")}</Table.Th>
          <Table.Th>{t("planningFunds.amount")}</Table.Th>
          <Table.Th>{t("planningFunds.status")}</Table.Th>
          <Table.Th>{t("planningFunds.emergency.decidedOn")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id} data-testid={`${testId}-row`}>
            <Table.Td><AnchorLink to="/planning/emergency/$id" params={{ id: r.id }}>{r.titleTh}</AnchorLink> <DemoBadge isDemo={r.isDemo} /></Table.Td>
            <Table.Td>{f.pick(r.provinceNameTh, r.provinceNameEn)}</Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{f.baht(r.decisionAmount)}</Table.Td>
            <Table.Td><EmergencyStatusBadge status={r.status} /></Table.Td>
            <Table.Td>{f.date(r.decidedOn)}</Table.Td>
          </Table.Tr>
        ))}
        <NoResultsRow colSpan={5} show={rows.length === 0} />
      </Table.Tbody>
    </Table>
  );
}

/** Every request of the year: search, filters, sorting, pages and CSV of all pages. */
function EmergencyHistory({ fy }: { fy: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/planning/emergency" });
  const [q, setQ] = useState(search.q ?? "");
  const page = search.page && search.page > 0 ? search.page : 1;
  const filters: Query = { fiscalYear: fy, status: search.status, provinceCode: search.province, q: search.q, sort: search.sort ?? "-submitted" };
  const list = useQuery({ queryKey: ["planning-funds", "emergency", "all", filters, page], queryFn: () => api.get<EmergencyList>("/planning/emergency", { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), placeholderData: keepPreviousData });
  const exporter = useExportAll();
  const set = (patch: Record<string, unknown>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });
  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<EmergencyList>("/planning/emergency", { ...filters, limit, offset }),
      (rows) => ({
        fileName: "emergency-requests",
        header: ["id", "fiscal_year", "province_code", "province_th", "title_th", "amount_baht", "recommended_baht", "urgency", "status", "deputy_pm", "submitted_on", "decided_on", "demo"],
        rows: rows.map((r) => [r.id, r.fiscalYear, r.provinceCode, r.provinceNameTh, r.titleTh, r.amount, r.screening?.recommendedAmount ?? "", r.urgency, r.status, r.deputyPmLabelTh, r.submittedOn, r.decidedOn, r.isDemo]),
      }),
      200,
    );
  const sortBy = (key: "submitted" | "amount") => set({ sort: search.sort === key ? `-${key}` : key });
  return (
    <section aria-labelledby="history-title">
      <Title order={2} size="h3" id="history-title" mb="xs">{t("planningFunds.emergency.allTitle")}</Title>
      <Group align="flex-end" mb="sm" wrap="wrap">
        <form onSubmit={(e) => { e.preventDefault(); set({ q: q.trim() || undefined }); }}>
          <TextInput label={t("planningFunds.search")} value={q} onChange={(e) => setQ(e.currentTarget.value)} data-testid="emergency-search" w={240} />
        </form>
        <Select label={t("planningFunds.status")} clearable data={EMERGENCY_STATUSES.map((s) => ({ value: s, label: t(`planningFunds.emergency.statuses.${s}`) }))} value={search.status ?? null} onChange={(v) => set({ status: v ?? undefined })} w={220} />
        <ProvinceSelect label={t("planningFunds.province")} value={search.province} onChange={(v) => set({ province: v })} testId="emergency-province" />
        <ExportButtons table={exportAll} loading={exporter.busy} testId="emergency-export" csvLabel={t("planningFunds.exportCsv")} />
      </Group>
      <ErrorAlert error={list.error ?? exporter.error} />
      <Table striped withTableBorder data-testid="emergency-all">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("planningFunds.emergency.request")}</Table.Th>
            <Table.Th>{t("planningFunds.province")}</Table.Th>
            <Table.Th aria-sort={search.sort === "amount" ? "ascending" : search.sort === "-amount" ? "descending" : "none"}>
              <button type="button" className="sort-button" onClick={() => sortBy("amount")}>{t("planningFunds.amount")} <span aria-hidden="true">↕</span></button>
            </Table.Th>
            <Table.Th>{t("planningFunds.status")}</Table.Th>
            <Table.Th aria-sort={search.sort === "submitted" ? "ascending" : !search.sort || search.sort === "-submitted" ? "descending" : "none"}>
              <button type="button" className="sort-button" onClick={() => sortBy("submitted")}>{t("planningFunds.emergency.submittedOn")} <span aria-hidden="true">↕</span></button>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td><AnchorLink to="/planning/emergency/$id" params={{ id: r.id }}>{r.titleTh}</AnchorLink> <DemoBadge isDemo={r.isDemo} /></Table.Td>
              <Table.Td>{f.pick(r.provinceNameTh, r.provinceNameEn)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{f.baht(r.amount)}</Table.Td>
              <Table.Td><EmergencyStatusBadge status={r.status as EmergencyStatusT} /></Table.Td>
              <Table.Td>{f.date(r.submittedOn)}</Table.Td>
            </Table.Tr>
          ))}
          <NoResultsRow colSpan={5} show={!!list.data && list.data.items.length === 0} />
        </Table.Tbody>
      </Table>
      <ListPagination total={list.data?.total ?? 0} pageSize={PAGE_SIZE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p }) })} />
    </section>
  );
}
