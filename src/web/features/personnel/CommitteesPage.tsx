import { useMemo, useState } from "react";
import { Button, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { CommitteeKind, CommitteeStatus, type CommitteeSummary } from "../../../modules/delegation/contracts-personnel.js";
import { api } from "../../app/api.js";
import { fetchAllPages } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink, ButtonLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { NoResultsRow, SortTh, useSortedRows } from "../../ui/table.js";
import { Bi } from "../agendas/Bi.js";
import { provincesQuery } from "../provinces/queries.js";
import { CreateCommitteeForm } from "./CreateCommitteeForm.js";
import { CommitteeStatusBadge } from "./PersonnelBadges.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/delegation/committees");
type List = { items: CommitteeSummary[]; total: number };
type SortKey = "title" | "kind" | "province" | "appointed" | "status";

/** Governor recruitment and selection committees: their stage, members and candidates, filters, CSV and (for the ministry) a new committee. */
export function CommitteesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/delegation/committees" });
  const [text, setText] = useState("");
  const [creating, setCreating] = useState(false);
  const q = useQuery({
    queryKey: ["committees", "list", search.kind, search.provinceCode, search.status],
    // every committee, not the first 500: the table filters, sorts and exports them in the browser
    queryFn: async () => ({ items: await fetchAllPages((offset, limit) => api.get<List>("/delegation/committees", { kind: search.kind, provinceCode: search.provinceCode, status: search.status, limit, offset })) }),
  });
  const provinces = useQuery(provincesQuery);
  const rows = useMemo(() => {
    const s = text.trim().toLowerCase();
    return (q.data?.items ?? []).filter((c) => !s || [c.titleTh, c.titleEn, c.positionTh, c.orderNo, c.provinceNameTh ?? "", c.provinceNameEn ?? ""].some((v) => v.toLowerCase().includes(s)));
  }, [q.data, text]);
  const { sorted, sort, toggle } = useSortedRows<CommitteeSummary, SortKey>(
    rows,
    { title: (c) => f.pick(c.titleTh, c.titleEn), kind: (c) => c.kind, province: (c) => f.pick(c.provinceNameTh, c.provinceNameEn), appointed: (c) => c.appointedOn, status: (c) => CommitteeStatus.options.indexOf(c.status) },
    { key: "appointed", dir: "desc" },
  );
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch }) });
  if (q.isPending) return <PageLoader />;
  const exportTable = () => ({
    fileName: "committees",
    header: ["id", "kind", "province_code", "province_th", "title_th", "title_en", "position_th", "appointed_on", "order_no", "status", "parent_committee_id", "assessed_on", "decision_on", "members", "candidates", "demo"],
    rows: sorted.map((c) => [c.id, c.kind, c.provinceCode, c.provinceNameTh, c.titleTh, c.titleEn, c.positionTh, c.appointedOn, c.orderNo, c.status, c.parentCommitteeId, c.assessedOn, c.decisionOn, c.memberCount, c.candidateCount, c.isDemo]),
  });
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div style={{ flex: "1 1 320px" }}>
          <Title order={1} data-testid="committees-title">{t("personnel.committees.title")}</Title>
          <Text c="dark.4">{t("personnel.committees.intro")}</Text>
        </div>
        <Group gap="sm">
          <ButtonLink to="/delegation/personnel" variant="default">{t("personnel.title")}</ButtonLink>
          {holdsRoleFor(me.data, "delegation:recruitment.write") && !creating && <Button onClick={() => setCreating(true)} data-testid="committee-create-open">{t("personnel.committees.create")}</Button>}
        </Group>
      </Group>
      {creating && <CreateCommitteeForm onCancel={() => setCreating(false)} onDone={(c) => void navigate({ to: "/delegation/committees/$id", params: { id: c.id } })} />}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput type="search" label={t("common.search")} value={text} onChange={(e) => setText(e.currentTarget.value)} w={{ base: "100%", sm: 240 }} />
        <Select label={t("personnel.committees.kind")} placeholder={t("common.all")} clearable data={CommitteeKind.options.map((k) => ({ value: k, label: t(`personnel.committees.kinds.${k}`) }))} value={search.kind ?? null} onChange={(v) => setFilter({ kind: v ?? undefined })} w={{ base: "100%", sm: 200 }} />
        <Select label={t("personnel.province")} placeholder={t("common.all")} clearable searchable data={(provinces.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.provinceCode ?? null} onChange={(v) => setFilter({ provinceCode: v ?? undefined })} w={{ base: "100%", sm: 220 }} />
        <Select label={t("personnel.committees.status")} placeholder={t("common.all")} clearable data={CommitteeStatus.options.map((s) => ({ value: s, label: t(`personnel.committees.statuses.${s}`) }))} value={search.status ?? null} onChange={(v) => setFilter({ status: v ?? undefined })} w={{ base: "100%", sm: 200 }} />
        <ExportButtons table={exportTable} disabled={!sorted.length} csvLabel={t("common.exportCsvAll", { count: sorted.length })} />
      </Group>
      <ErrorAlert error={q.error} />
      <div className="table-scroll">
        <Table striped data-testid="committees-table" style={{ minWidth: 860 }}>
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t("personnel.committees.name")} sortKey="title" sort={sort} onSort={toggle} />
              <SortTh label={t("personnel.committees.kind")} sortKey="kind" sort={sort} onSort={toggle} />
              <SortTh label={t("personnel.province")} sortKey="province" sort={sort} onSort={toggle} />
              <SortTh label={t("personnel.committees.appointedOn")} sortKey="appointed" sort={sort} onSort={toggle} />
              <SortTh label={t("personnel.committees.status")} sortKey="status" sort={sort} onSort={toggle} />
              <Table.Th>{t("personnel.committees.counts")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((c) => (
              <Table.Tr key={c.id} data-testid="committee-row">
                <Table.Td>
                  <AnchorLink to="/delegation/committees/$id" params={{ id: c.id }} fw={600} data-testid="committee-link"><Bi th={c.titleTh} en={c.titleEn} /></AnchorLink> <DemoBadge isDemo={c.isDemo} />
                  <Text size="xs" c="dark.4"><Bi th={c.positionTh} /></Text>
                </Table.Td>
                <Table.Td>{t(`personnel.committees.kinds.${c.kind}`)}</Table.Td>
                <Table.Td>{c.provinceCode ? f.pick(c.provinceNameTh, c.provinceNameEn) : t("personnel.committees.national")}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(c.appointedOn)}</Table.Td>
                <Table.Td><CommitteeStatusBadge status={c.status} size="sm" /></Table.Td>
                <Table.Td>{t("personnel.committees.countsValue", { members: f.number(c.memberCount), candidates: f.number(c.candidateCount) })}</Table.Td>
              </Table.Tr>
            ))}
            <NoResultsRow colSpan={6} show={!sorted.length} />
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}
