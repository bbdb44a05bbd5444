import { useEffect, useState } from "react";
import { Card, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { AgreementView, PartnerSummary, ProvinceContributionTotals } from "../../../modules/networks/contracts.js";
import { api, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink, ButtonLink } from "../../ui/links.js";
import { ListPagination, NoResultsRow } from "../../ui/table.js";
import { provincesQuery } from "../provinces/queries.js";
import { AgreementStatusBadge, useBaht } from "./parts.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/networks");
type Page = { items: PartnerSummary[]; total: number };
const PAGE_SIZE = 50;
const KINDS = ["private_sector", "civil_society", "academic", "community"] as const;
const SORTS = ["name", "newest", "agreements", "contributed"] as const;

/** The provinces' networks: partner organisations outside government, their MOUs (those expiring soon first) and what they gave. */
export function NetworksPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const baht = useBaht();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/networks" });
  const page = search.page && search.page > 0 ? search.page : 1;
  const [q, setQ] = useState(search.q ?? "");
  useEffect(() => setQ(search.q ?? ""), [search.q]);
  const exporter = useExportAll();
  const filters: Query = { q: search.q, kind: search.kind, provinceCode: search.provinceCode, sort: search.sort };
  const list = useQuery({
    queryKey: ["networks", "partners", filters, page],
    queryFn: () => api.get<Page>("/partners", { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const expiring = useQuery({
    queryKey: ["networks", "expiring", search.provinceCode],
    queryFn: () => api.get<{ items: AgreementView[]; total: number }>("/partner-agreements", { expiringSoon: true, provinceCode: search.provinceCode, limit: 20 }),
  });
  const totals = useQuery({
    queryKey: ["networks", "totals", search.provinceCode],
    enabled: !!search.provinceCode,
    queryFn: () => api.get<ProvinceContributionTotals>("/partner-contributions/totals", { provinceCode: search.provinceCode }),
  });
  const provinces = useQuery(provincesQuery);
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });

  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<Page>("/partners", { ...filters, limit, offset }),
      (rows) => ({
        fileName: "partners",
        header: ["id", "province_code", "iso_3166_2", "kind", "name_th", "name_en", "website", "active_agreements", "expiring_soon", "contributions", "contributed_baht", "demo"],
        rows: rows.map((p) => [p.id, p.provinceCode, `TH-${p.provinceCode}`, p.kind, p.nameTh, p.nameEn, p.website, p.activeAgreements, p.expiringSoon, p.contributions, p.contributedBaht, p.isDemo]),
      }),
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div style={{ flex: "1 1 320px" }}>
          <Title order={1} data-testid="networks-title">{t("networks.title")}</Title>
          <Text c="dark.4">{t("networks.intro")}</Text>
        </div>
        {holdsRoleFor(me.data, "networks:manage") && (
          <ButtonLink to="/networks/new" search={{ provinceCode: search.provinceCode }} data-testid="partner-new">
            {t("networks.new")}
          </ButtonLink>
        )}
      </Group>

      {!!expiring.data?.items.length && (
        <Card withBorder data-testid="expiring-card">
          <Title order={2} size="h4">{t("networks.expiringTitle", { days: f.number(90) })}</Title>
          <ExportButtons size="compact-xs" variant="light" nextTable="partners-expiring" columns={[t("tableExport.agreement"), t("tableExport.endsOn"), t("tableExport.status")]} />
          <Table mt="xs">
            <Table.Tbody>
              {expiring.data.items.map((a) => (
                <Table.Tr key={a.id} data-testid="expiring-row">
                  <Table.Td>
                    <AnchorLink to="/partners/$id" params={{ id: a.partnerId }}>{f.pick(a.partnerName.th, a.partnerName.en)}</AnchorLink>
                    <Text size="xs" c="dark.4">{f.pick(a.titleTh, a.titleEn)}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{t("networks.agreement.endsOn", { date: f.date(a.endsOn) })}</Table.Td>
                  <Table.Td><AgreementStatusBadge a={a} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}

      <Group gap="sm" align="flex-end" wrap="wrap">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setFilter({ q: q.trim() || undefined });
          }}
        >
          <TextInput type="search" label={t("networks.search")} placeholder={t("networks.searchPlaceholder")} value={q} onChange={(e) => setQ(e.currentTarget.value)} onBlur={() => setFilter({ q: q.trim() || undefined })} w={{ base: "100%", sm: 280 }} data-testid="partners-search" />
        </form>
        <Select label={t("networks.province")} placeholder={t("common.all")} data={(provinces.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.provinceCode ?? null} onChange={(v) => setFilter({ provinceCode: v ?? undefined })} clearable searchable w={{ base: "100%", sm: 220 }} data-testid="partners-province" />
        <Select label={t("networks.kind")} placeholder={t("common.all")} data={KINDS.map((k) => ({ value: k, label: t(`networks.kinds.${k}`) }))} value={search.kind ?? null} onChange={(v) => setFilter({ kind: (v as (typeof KINDS)[number] | null) ?? undefined })} clearable w={{ base: "100%", sm: 220 }} data-testid="partners-kind" />
        <Select label={t("networks.sort")} data={SORTS.map((s) => ({ value: s, label: t(`networks.sorts.${s}`) }))} value={search.sort ?? "name"} onChange={(v) => setFilter({ sort: v && v !== "name" ? (v as (typeof SORTS)[number]) : undefined })} allowDeselect={false} w={{ base: "100%", sm: 220 }} data-testid="partners-sort" />
        <ExportButtons table={exportAll} loading={exporter.busy} disabled={!total} csvLabel={t("common.exportCsvAll", { count: total })} />
      </Group>
      <ErrorAlert error={list.error ?? exporter.error} />
      <Text size="sm" c="dark.4" aria-live="polite">{t("networks.count", { total: f.number(total) })}</Text>
      <div className="table-scroll">
        <Table striped data-testid="partners-table" style={{ opacity: list.isPlaceholderData ? 0.6 : 1, minWidth: 820 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("networks.name")}</Table.Th>
              <Table.Th>{t("networks.province")}</Table.Th>
              <Table.Th>{t("networks.activeAgreements")}</Table.Th>
              <Table.Th>{t("networks.contributions")}</Table.Th>
              <Table.Th>{t("networks.contributedBaht")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id} data-testid="partner-row">
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <AnchorLink to="/partners/$id" params={{ id: p.id }} fw={600} data-testid="partner-link">{f.pick(p.nameTh, p.nameEn)}</AnchorLink>
                    <DemoBadge isDemo={p.isDemo} />
                  </Group>
                  <Text size="xs" c="dark.4">{t(`networks.kinds.${p.kind}`)}</Text>
                </Table.Td>
                <Table.Td>{f.pick(p.provinceName.th, p.provinceName.en)}</Table.Td>
                <Table.Td>
                  {f.number(p.activeAgreements)}
                  {p.expiringSoon > 0 && <Text span size="sm" c="red.9"> ({t("networks.expiringCount", { n: f.number(p.expiringSoon) })})</Text>}
                </Table.Td>
                <Table.Td>{f.number(p.contributions)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{baht(p.contributedBaht)}</Table.Td>
              </Table.Tr>
            ))}
            <NoResultsRow colSpan={5} show={!list.isPending && !items.length} />
          </Table.Tbody>
        </Table>
      </div>
      <ListPagination total={total} pageSize={PAGE_SIZE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })} />

      {totals.data && totals.data.byAgenda.length > 0 && (
        <Card withBorder data-testid="agenda-totals">
          <Title order={2} size="h4">{t("networks.byAgendaTitle")}</Title>
          <Text size="sm" c="dark.4">{t("networks.totalsLine", { total: baht(totals.data.totals.total), n: f.number(totals.data.totals.contributions), volunteers: f.number(totals.data.totals.volunteers) })}</Text>
          <AgendaTotalsTable rows={totals.data.byAgenda} />
        </Card>
      )}
    </Stack>
  );
}

/** Contributions per agenda: money, in-kind value, how many, volunteers. */
export function AgendaTotalsTable({ rows }: { rows: ProvinceContributionTotals["byAgenda"] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const baht = useBaht();
  return (
    <Table.ScrollContainer minWidth={640}>
      <ExportButtons size="compact-xs" variant="light" nextTable="agenda-totals" />
      <Table data-testid="agenda-totals-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("networks.agenda")}</Table.Th>
            <Table.Th>{t("networks.money")}</Table.Th>
            <Table.Th>{t("networks.inKind")}</Table.Th>
            <Table.Th>{t("networks.contributions")}</Table.Th>
            <Table.Th>{t("networks.volunteers")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.agenda.id}>
              <Table.Td>{f.pick(r.agenda.nameTh, r.agenda.nameEn)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{baht(r.money)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{baht(r.inKind)}</Table.Td>
              <Table.Td>{f.number(r.contributions)}</Table.Td>
              <Table.Td>{f.number(r.volunteers)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
