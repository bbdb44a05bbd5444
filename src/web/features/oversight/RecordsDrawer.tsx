import { Alert, Anchor, Badge, Button, Drawer, Group, Stack, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MetricId, RecordPage } from "../../../modules/oversight/contracts.js";
import { api } from "../../app/api.js";
import { ExportButtons, type TableExport } from "../../ui/ExportButtons.js";
import { useFormat } from "../../app/format.js";
import { useExportAll } from "../../app/csv.js";
import { ErrorAlert } from "../../ui/errors.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { ListPagination } from "../../ui/table.js";

export type RecordsQuery = { metric: MetricId; fiscalYear: number; scope?: string; province?: string; area?: string; org?: string; agenda?: string; month?: string; title: string };

const PAGE = 25;
const RECORDS_MAX_PAGE = 200;

/** The records behind a figure or a matrix cell, flagged first, each linking to its own page. */
export function RecordsDrawer({ query, onClose }: { query: RecordsQuery | null; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  const key = query ? JSON.stringify(query) : "";
  const [lastKey, setLastKey] = useState(key);
  if (key !== lastKey) {
    setLastKey(key);
    setPage(1);
  }
  const params = query ? { metric: query.metric, fiscalYear: query.fiscalYear, scope: query.scope, province: query.province, area: query.area, org: query.org, agenda: query.agenda, month: query.month } : {};
  const q = useQuery({ queryKey: ["oversight", "records", key, page], queryFn: () => api.get<RecordPage>("/oversight/records", { ...params, page, pageSize: PAGE }), enabled: !!query, placeholderData: keepPreviousData });
  const exporter = useExportAll();
  // every record, 200 (the API's largest page) at a time: a national figure has thousands
  const exportAll = (): Promise<TableExport | null> =>
    exporter.collect(
      async (offset, limit) => {
        const p = await api.get<RecordPage>("/oversight/records", { ...params, page: Math.floor(offset / limit) + 1, pageSize: limit });
        return { items: p.items, total: p.total };
      },
      (items) => ({ fileName: `records-${query?.metric}`, header: [t("oversight.records.ref"), t("oversight.records.subject"), t("oversight.province"), t("oversight.records.org"), t("oversight.records.status"), t("oversight.records.date"), t("oversight.records.value"), t("oversight.records.flagged")], rows: items.map((r) => [r.ref, f.pick(r.titleTh, r.titleEn), r.provinceCode, f.pick(r.orgNameTh, r.orgNameEn), t(`oversight.records.statuses.${r.status}`, { defaultValue: r.status }), r.date, r.value, r.flagged]) }),
      RECORDS_MAX_PAGE,
    );
  return (
    <Drawer opened={!!query} onClose={onClose} position="right" size="xl" title={<Text fw={700}>{t("oversight.records.title")}</Text>} data-testid="records-drawer">
      {query && (
        <Stack gap="sm">
          <Text data-testid="records-for">{query.title}</Text>
          <Alert color="gray" variant="light">{t("oversight.records.privacy")}</Alert>
          <ErrorAlert error={q.error ?? exporter.error} />
          {q.isPending ? (
            <PageLoader />
          ) : q.data ? (
            <>
              <Group justify="space-between">
                <Text size="sm" data-testid="records-total">{t("oversight.records.total", { count: q.data.total })}</Text>
                <ExportButtons table={exportAll} loading={exporter.busy} size="xs" testId="records-export" csvLabel={t("oversight.exportCsv")} />
              </Group>
              <Table striped data-testid="records-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("oversight.records.ref")}</Table.Th>
                    <Table.Th>{t("oversight.records.subject")}</Table.Th>
                    <Table.Th>{t("oversight.records.status")}</Table.Th>
                    <Table.Th>{t("oversight.records.value")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.data.items.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={4}>{t("oversight.records.none")}</Table.Td>
                    </Table.Tr>
                  )}
                  {q.data.items.map((r) => (
                    <Table.Tr key={`${r.kind}-${r.id}`}>
                      <Table.Td>
                        <Anchor href={r.link}>{r.ref}</Anchor>
                        <Text size="xs" c="dark.4">{r.provinceCode} · {f.date(r.date)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>{f.pick(r.titleTh, r.titleEn)}</Text>
                        <Text size="xs" c="dark.4">{f.pick(r.orgNameTh, r.orgNameEn)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Text size="sm">{t(`oversight.records.statuses.${r.status}`, { defaultValue: r.status })}</Text>
                          {r.flagged && <Badge color="red.9" variant="outline" size="sm">{t("oversight.records.flagged")}</Badge>}
                        </Group>
                      </Table.Td>
                      <Table.Td>{r.value ?? "–"}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <ListPagination total={q.data.total} pageSize={PAGE} page={page} onChange={setPage} />
            </>
          ) : null}
        </Stack>
      )}
    </Drawer>
  );
}
