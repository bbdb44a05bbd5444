import { Badge, Card, Code, Group, Progress, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { IMPORT_DONE, type ImportJob } from "../../modules/registry/contracts.js";
import { api } from "../app/api.js";
import { useFormat } from "../app/format.js";
import { ErrorAlert } from "./errors.js";
import { ExportButtons } from "./ExportButtons.js";

/**
 * One import job followed to its end (polled each second until done): file, status, progress, counts and the
 * row/column/reason report. `i18n` names the page's key block (status.*, progress, counts, row, column, problem,
 * code); `testPrefix` its test ids (e.g. "cases" → cases-import-job).
 */
export function ImportJobPanel({ url, queryKey, i18n, testPrefix, columnLabel = (c) => c ?? "" }: { url: string; queryKey: readonly unknown[]; i18n: string; testPrefix: string; columnLabel?: (name: string | null | undefined) => string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const job = useQuery({ queryKey, queryFn: () => api.get<ImportJob>(url), refetchInterval: (q) => (q.state.data && IMPORT_DONE.includes(q.state.data.status) ? false : 1000) });
  const j = job.data;
  if (job.error) return <ErrorAlert error={job.error} />;
  if (!j) return null;
  const pct = j.totalRows ? Math.round((j.processedRows / j.totalRows) * 100) : 0;
  const titleId = `${testPrefix}-job-title`;
  return (
    <Card withBorder component="section" aria-labelledby={titleId} data-testid={`${testPrefix}-import-job`} data-status={j.status}>
      <Group gap="sm">
        <Title order={2} size="h4" id={titleId}>{j.fileName}</Title>
        <Badge variant="outline" color="dark.6" style={{ textTransform: "none" }} data-testid={`${testPrefix}-import-status`}>{t(`${i18n}.status.${j.status}`)}</Badge>
      </Group>
      <Progress value={pct} mt="sm" aria-label={t(`${i18n}.progress`)} />
      <Text size="sm" mt={4} aria-live="polite" data-testid={`${testPrefix}-import-counts`}>{t(`${i18n}.counts`, { processed: f.number(j.processedRows), total: f.number(j.totalRows), created: f.number(j.createdRows), errors: f.number(j.errorCount) })}</Text>
      {j.issues.length > 0 && (
        <div className="table-scroll">
          <ExportButtons size="compact-xs" variant="light" nextTable="import-report" />
          <Table mt="sm" data-testid={`${testPrefix}-import-report`}>
            <Table.Thead><Table.Tr><Table.Th>{t(`${i18n}.row`)}</Table.Th><Table.Th>{t(`${i18n}.column`)}</Table.Th><Table.Th>{t(`${i18n}.problem`)}</Table.Th><Table.Th>{t(`${i18n}.code`)}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{j.issues.map((i, k) => <Table.Tr key={k} data-testid={`${testPrefix}-import-issue`}><Table.Td>{i.row}</Table.Td><Table.Td>{columnLabel(i.column)}</Table.Td><Table.Td>{f.pick(i.messageTh, i.messageEn)}</Table.Td><Table.Td><Code>{i.code}</Code></Table.Td></Table.Tr>)}</Table.Tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}
