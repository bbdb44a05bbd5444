import { useMemo, useState } from "react";
import { Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { PilotProgrammeSummary } from "../../../modules/performance/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { SortTh, useSortedRows } from "../../ui/table.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

type List = { items: PilotProgrammeSummary[]; total: number };
type SortKey = "code" | "name" | "start" | "period";

/** Pilot programmes: search, sort, export; each opens its comparison view. */
export function PilotsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ["pilots"], queryFn: () => api.get<List>("/pilots", { limit: 500 }) });
  const [text, setText] = useState("");
  const rows = useMemo(() => {
    const s = text.trim().toLowerCase();
    const all = q.data?.items ?? [];
    return s ? all.filter((p) => [p.code, p.nameTh, p.nameEn].some((v) => v.toLowerCase().includes(s))) : all;
  }, [q.data, text]);
  const { sorted, sort, toggle } = useSortedRows<PilotProgrammeSummary, SortKey>(rows, { code: (p) => p.code, name: (p) => f.name(p), start: (p) => p.treatmentStart, period: (p) => p.periodStart }, { key: "start", dir: "asc" });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const exportTable = () => ({
    fileName: "pilot-programmes",
    header: ["code", "name_th", "name_en", "period_start", "period_end", "treatment_start", "pilot_provinces", "comparison_provinces", "outcomes", "demo"],
    rows: sorted.map((p) => [p.code, p.nameTh, p.nameEn, p.periodStart, p.periodEnd, p.treatmentStart, p.pilots, p.comparisons, p.outcomes, p.isDemo]),
  });
  return (
    <Stack gap="md">
      <div>
        <Title order={1} data-testid="pilots-title">{t("pilots.title")}</Title>
        <Text c="dark.4">{t("pilots.intro")}</Text>
      </div>
      <Group gap="sm" align="flex-end" justify="space-between">
        <TextInput type="search" label={t("common.search")} value={text} onChange={(e) => setText(e.currentTarget.value)} w={{ base: "100%", sm: 320 }} data-testid="pilots-search" />
        <ExportButtons table={exportTable} disabled={!sorted.length} />
      </Group>
      {sorted.length === 0 ? (
        <Text c="dark.4">{t("pilots.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover data-testid="pilots-table">
            <Table.Thead>
              <Table.Tr>
                <SortTh label={t("pilots.code")} sortKey="code" sort={sort} onSort={toggle} />
                <SortTh label={t("pilots.name")} sortKey="name" sort={sort} onSort={toggle} />
                <SortTh label={t("pilots.period")} sortKey="period" sort={sort} onSort={toggle} />
                <SortTh label={t("pilots.treatmentStart")} sortKey="start" sort={sort} onSort={toggle} />
                <Table.Th>{t("pilots.groupsLabel")}</Table.Th>
                <Table.Th>{t("pilots.outcomes")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.code}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <AnchorLink to="/pilots/$id" params={{ id: p.id }} data-testid="pilot-link">{f.name(p)}</AnchorLink>
                      <DemoBadge isDemo={p.isDemo} />
                    </Group>
                  </Table.Td>
                  <Table.Td>{t("common.dateRange", { from: f.date(p.periodStart), to: f.date(p.periodEnd) })}</Table.Td>
                  <Table.Td>{f.date(p.treatmentStart)}</Table.Td>
                  <Table.Td>{t("pilots.groups", { pilots: p.pilots, comparisons: p.comparisons })}</Table.Td>
                  <Table.Td>{f.number(p.outcomes)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {sorted.some((p) => p.isDemo) && <Text size="sm" c="dark.4">{t("pilots.demoNote")}</Text>}
    </Stack>
  );
}
