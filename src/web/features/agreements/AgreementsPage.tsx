import { useMemo } from "react";
import { Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { AgreementListItem } from "../../../modules/performance/contracts.js";
import { bangkokToday, fiscalYearOf } from "../../../platform/thai/index.js";
import { api, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { ListPagination, NoResultsRow, SortTh, useSortedRows } from "../../ui/table.js";
import { readableProvinces } from "../cockpit/provinces.js";
import { provincesQuery } from "../provinces/queries.js";
import { AgreementStatusBadge } from "./AgreementStatusBadge.js";
import { formatScore } from "./round-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/agreements");
type Item = z.infer<typeof AgreementListItem>;
type Page = { items: Item[]; total: number };
type SortKey = "fy" | "province" | "title" | "status" | "r6" | "r9" | "r12";
const PAGE_SIZE = 50;
const ROUNDS = [6, 9, 12] as const;

/** Performance agreements (คำรับรองการปฏิบัติราชการ) by province and fiscal year, with each round's total; filters, sorting, paging, CSV. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/agreements" });
  const page = search.page && search.page > 0 ? search.page : 1;
  const exporter = useExportAll();
  const filters: Query = { provinceCode: search.provinceCode, fiscalYear: search.fiscalYear, status: search.status };
  const list = useQuery({
    queryKey: ["agreements", "list", filters, page],
    queryFn: () => api.get<Page>("/agreements", { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const provinces = useQuery(provincesQuery);
  const me = useMe();
  // the list names every province's agreements; their pages open only where the user's grants reach (the server checks)
  const readable = useMemo(() => new Set(readableProvinces(me.data, provinces.data ?? []).map((p) => p.code)), [me.data, provinces.data]);
  const provinceName = useMemo(() => new Map((provinces.data ?? []).map((p) => [p.code, f.name(p)])), [provinces.data, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const currentFy = fiscalYearOf(bangkokToday());
  const years = Array.from({ length: 6 }, (_, i) => currentFy + 1 - i);
  const roundTotal = (a: Item, r: number) => a.rounds.find((x) => x.round === r)?.total ?? null;
  const { sorted, sort, toggle } = useSortedRows<Item, SortKey>(
    items,
    {
      fy: (a) => a.fiscalYear,
      province: (a) => (a.provinceCode ? provinceName.get(a.provinceCode) ?? a.provinceCode : a.areaId),
      title: (a) => f.pick(a.titleTh, a.titleEn),
      status: (a) => a.status,
      r6: (a) => roundTotal(a, 6),
      r9: (a) => roundTotal(a, 9),
      r12: (a) => roundTotal(a, 12),
    },
    { key: "fy", dir: "desc" },
  );
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });

  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<Page>("/agreements", { ...filters, limit, offset }),
      (rows) => ({
        fileName: "agreements",
        header: ["id", "fiscal_year", "kind", "area_id", "province_code", "title_th", "title_en", "status", "version", "scheme", "signed_at", ...ROUNDS.flatMap((r) => [`round_${r}_status`, `round_${r}_total`]), "demo"],
        rows: rows.map((a) => [a.id, a.fiscalYear, a.kind, a.areaId, a.provinceCode, a.titleTh, a.titleEn, a.status, a.version, a.schemeType, a.signedAt, ...ROUNDS.flatMap((r) => { const x = a.rounds.find((z) => z.round === r); return [x?.status ?? "", x?.total ?? ""]; }), a.isDemo]),
      }),
    );

  return (
    <Stack gap="md">
      <div>
        <Title order={1} data-testid="agreements-title">{t("agreements.title")}</Title>
        <Text c="dark.4">{t("agreements.intro")}</Text>
      </div>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label={t("agreements.province")} placeholder={t("common.all")} data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.provinceCode ?? null} onChange={(v) => setFilter({ provinceCode: v ?? undefined })} clearable searchable w={{ base: "100%", sm: 230 }} data-testid="agreements-province" />
        <Select label={t("agreements.fiscalYear")} placeholder={t("common.all")} data={years.map((y) => ({ value: String(y), label: f.fiscalYear(y) }))} value={search.fiscalYear ? String(search.fiscalYear) : null} onChange={(v) => setFilter({ fiscalYear: v ? Number(v) : undefined })} clearable w={{ base: "100%", sm: 240 }} data-testid="agreements-fy" />
        <Select label={t("agreements.statusLabel")} placeholder={t("common.all")} data={(["draft", "signed"] as const).map((s) => ({ value: s, label: t(`agreements.status.${s}`) }))} value={search.status ?? null} onChange={(v) => setFilter({ status: v ?? undefined })} clearable w={{ base: "100%", sm: 200 }} />
        <ExportButtons table={exportAll} loading={exporter.busy} disabled={!total} csvLabel={t("common.exportCsvAll", { count: total })} />
      </Group>
      <ErrorAlert error={list.error ?? exporter.error} />
      <Text size="sm" c="dark.4" aria-live="polite">{t("agreements.count", { total: f.number(total) })} · {t("table.sortedWithinPage")}</Text>
      <div className="table-scroll">
        <Table striped data-testid="agreements-table" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t("agreements.fiscalYear")} sortKey="fy" sort={sort} onSort={toggle} />
              <SortTh label={t("agreements.province")} sortKey="province" sort={sort} onSort={toggle} />
              <SortTh label={t("agreements.agreement")} sortKey="title" sort={sort} onSort={toggle} />
              <SortTh label={t("agreements.statusLabel")} sortKey="status" sort={sort} onSort={toggle} />
              {ROUNDS.map((r) => (
                <SortTh key={r} label={t("cockpit.roundN", { n: r })} sortKey={`r${r}` as SortKey} sort={sort} onSort={toggle} />
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((a) => (
              <Table.Tr key={a.id} data-testid="agreement-row" data-id={a.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{a.fiscalYear}</Table.Td>
                <Table.Td>
                  {a.provinceCode && readable.has(a.provinceCode) ? (
                    <AnchorLink to="/cockpit/$provinceCode" params={{ provinceCode: a.provinceCode }} search={{ fy: a.fiscalYear }} title={t("agreements.openCockpit")}>{provinceName.get(a.provinceCode) ?? a.provinceCode}</AnchorLink>
                  ) : a.provinceCode ? (
                    <AnchorLink to="/provinces/$code" params={{ code: a.provinceCode }}>{provinceName.get(a.provinceCode) ?? a.provinceCode}</AnchorLink>
                  ) : (
                    a.areaId
                  )}
                </Table.Td>
                <Table.Td>
                  {a.provinceCode && !readable.has(a.provinceCode) ? (
                    <>
                      <Text fw={600} size="sm" lang={f.lang === "en" && !a.titleEn ? "th" : undefined}>{f.pick(a.titleTh, a.titleEn)}</Text>
                      <Text size="xs" c="dark.4">{t("agreements.notReadable")}</Text>
                    </>
                  ) : (
                    <AnchorLink to="/agreements/$id" params={{ id: a.id }} fw={600} size="sm" data-testid="agreement-link" lang={f.lang === "en" && !a.titleEn ? "th" : undefined}>{f.pick(a.titleTh, a.titleEn)}</AnchorLink>
                  )}
                  <Text size="xs" c="dark.4">{t(`agreements.scheme.${a.schemeType}`)}{a.version > 1 ? ` · ${t("agreements.versionN", { n: a.version })}` : ""} <DemoBadge isDemo={a.isDemo} /></Text>
                </Table.Td>
                <Table.Td><AgreementStatusBadge status={a.status} /></Table.Td>
                {ROUNDS.map((r) => {
                  const x = a.rounds.find((z) => z.round === r);
                  return (
                    <Table.Td key={r} style={{ textAlign: "right", whiteSpace: "nowrap" }} data-testid={`agreement-round-${r}`}>
                      {x?.total === null || x?.total === undefined ? "—" : formatScore(f.lang, x.total, a.schemeType === "pb-pt" ? 3 : 4)}
                      {x && <Text size="xs" c="dark.4">{t(`agreements.roundStatus.${x.status}`)}</Text>}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
            <NoResultsRow colSpan={7} show={!list.isPending && !sorted.length} />
          </Table.Tbody>
        </Table>
      </div>
      <Text size="xs" c="dark.4">{t("agreements.listTotalsHint")}</Text>
      <ListPagination total={total} pageSize={PAGE_SIZE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })} />
    </Stack>
  );
}
