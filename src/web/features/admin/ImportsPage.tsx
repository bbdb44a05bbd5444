import { useMemo, useState } from "react";
import { Alert, Badge, Button, Card, Code, FileInput, Group, Progress, Radio, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import {
  IMPORT_COLUMNS,
  IMPORT_DONE,
  ImportKind,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type ImportJob,
  type ImportJobSummary,
  type ImportMode,
  type ImportStatus,
} from "../../../modules/registry/contracts.js";
import { api, seg } from "../../app/api.js";
import { downloadCsv } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/admin/imports");
const POLL_MS = 1000;
const running = (s: ImportStatus | undefined) => !!s && !IMPORT_DONE.includes(s);

const STATUS_COLOR: Record<ImportStatus, string> = {
  queued: "gray.7",
  running: "blue.8",
  succeeded: "green.9",
  partially_succeeded: "orange.9",
  failed: "red.9",
};
const STATUS_ICON: Record<ImportStatus, string> = { queued: "…", running: "↻", succeeded: "✓", partially_succeeded: "!", failed: "✕" };

/** Status in words with an icon: never colour alone. */
function StatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} c="dark.9" variant="outline" leftSection={<span aria-hidden="true">{STATUS_ICON[status]}</span>} data-testid="import-status">
      {t(`imports.status.${status}`)}
    </Badge>
  );
}

/**
 * Upload a CSV/XLSX file of organisations, posts, people or memberships; the server queues it and this page
 * polls the job (its id is in the URL, so the page can be left and picked up again) until the report is in.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { job: jobId } = route.useSearch();
  const navigate = useNavigate({ from: "/admin/imports" });
  const qc = useQueryClient();
  const [kind, setKind] = useState<ImportKind>("organizations");
  const [mode, setMode] = useState<ImportMode>("all-or-nothing");
  const [file, setFile] = useState<File | null>(null);
  const columns = IMPORT_COLUMNS[kind];

  const upload = useMutation({
    mutationFn: (body: File) => {
      const xlsx = /\.xlsx$/i.test(body.name);
      const typed = new Blob([body], { type: xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv" });
      return api.upload<ImportJob>("/imports", typed, { kind, mode, format: xlsx ? "xlsx" : "csv", fileName: body.name.slice(0, 200) });
    },
    onSuccess: (job) => {
      qc.setQueryData(["imports", job.id], job);
      void qc.invalidateQueries({ queryKey: ["imports", "list"] });
      setFile(null);
      void navigate({ search: { job: job.id } });
    },
  });

  const kinds = ImportKind.options.map((k) => ({ value: k, label: t(`imports.kind.${k}`) }));
  const tooBig = !!file && file.size > MAX_IMPORT_BYTES;

  return (
    <Stack gap="lg">
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (file && !tooBig) upload.mutate(file);
          }}
        >
          <Stack gap="md">
            <Title order={2} size="h3">{t("imports.title")}</Title>
            <Text size="sm">{t("imports.intro", { mb: MAX_IMPORT_BYTES / 1024 / 1024, rows: f.number(MAX_IMPORT_ROWS) })}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label={t("imports.kindLabel")} data={kinds} value={kind} onChange={(v) => v && setKind(v as ImportKind)} allowDeselect={false} data-testid="import-kind" />
              <FileInput
                label={t("imports.file")}
                placeholder={t("imports.filePlaceholder")}
                styles={{ placeholder: { color: "var(--mantine-color-dark-4)" } }}
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                value={file}
                onChange={setFile}
                clearable
                required
                error={tooBig ? t("imports.tooBig", { mb: MAX_IMPORT_BYTES / 1024 / 1024 }) : undefined}
                data-testid="import-file"
              />
            </SimpleGrid>
            <Radio.Group label={t("imports.modeLabel")} value={mode} onChange={(v) => setMode(v as ImportMode)}>
              <Stack gap="xs" mt="xs">
                <Radio value="all-or-nothing" label={t("imports.mode.all-or-nothing")} description={t("imports.modeHint.all-or-nothing")} data-testid="import-mode-all" />
                <Radio value="valid-rows" label={t("imports.mode.valid-rows")} description={t("imports.modeHint.valid-rows")} data-testid="import-mode-valid" />
              </Stack>
            </Radio.Group>
            <Stack gap={4}>
              <Text size="sm" fw={600}>{t("imports.columns")}</Text>
              <Text size="sm">
                {t("imports.required")}: {columns.required.map((c) => <Code key={c} mr={4}>{c}</Code>)}
              </Text>
              <Text size="sm">
                {t("imports.optional")}: {columns.optional.map((c) => <Code key={c} mr={4}>{c}</Code>)}
              </Text>
              <Text size="xs" c="dark.4">{t(`imports.columnsHint.${kind}`)}</Text>
            </Stack>
            <ErrorAlert error={upload.error} title={t("imports.uploadFailed")} />
            <FileErrorFields error={upload.error} />
            <Group gap="sm">
              <Button type="submit" loading={upload.isPending} disabled={!file || tooBig} data-testid="import-submit">{t("imports.submit")}</Button>
              <Button variant="default" onClick={() => downloadCsv(`template-${kind}`, [...columns.required, ...columns.optional], [])}>{t("imports.template")}</Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {jobId && <JobPanel id={jobId} />}
      <RecentImports current={jobId} />
    </Stack>
  );
}

/** The header problems of a refused file (missing or unknown columns), one per line. */
function FileErrorFields({ error }: { error: unknown }) {
  const f = useFormat();
  const fields = (error as { fields?: { path: string; messageTh: string; messageEn: string }[] } | null)?.fields ?? [];
  if (!fields.length) return null;
  return (
    <Stack gap={2} data-testid="import-file-errors">
      {fields.map((x) => (
        <Text size="sm" key={`${x.path}-${x.messageEn}`}>
          <Code>{x.path}</Code> {f.pick(x.messageTh, x.messageEn)}
        </Text>
      ))}
    </Stack>
  );
}

function JobPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const job = useQuery({
    queryKey: ["imports", id],
    queryFn: async () => {
      const j = await api.get<ImportJob>(`/imports/${seg(id)}`);
      if (!running(j.status)) void qc.invalidateQueries({ queryKey: ["imports", "list"] });
      return j;
    },
    refetchInterval: (q) => (running(q.state.data?.status) || !q.state.data ? POLL_MS : false),
  });
  const j = job.data;
  if (job.error) return <ErrorAlert error={job.error} />;
  if (!j) return <Text>{t("common.loading")}</Text>;
  const pct = j.totalRows ? Math.round((j.processedRows / j.totalRows) * 100) : 0;
  const done = !running(j.status);
  return (
    <Card withBorder data-testid="import-job">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">{t("imports.jobTitle", { file: j.fileName })}</Title>
          <StatusBadge status={j.status} />
        </Group>
        <Text size="sm" c="dark.4">
          {t(`imports.kind.${j.kind}`)} · {t(`imports.mode.${j.mode}`)} · {f.dateTime(j.createdAt)}
        </Text>
        <Progress.Root size="xl">
          <Progress.Section
            value={done && j.status !== "failed" ? 100 : pct}
            color={j.status === "failed" ? "red.9" : done ? "green.9" : "blue.8"}
            animated={!done}
            aria-label={t("imports.progressLabel")}
            aria-valuetext={t("imports.progress", { processed: f.number(j.processedRows), total: f.number(j.totalRows) })}
          />
        </Progress.Root>
        <Text size="sm" aria-live="polite" data-testid="import-progress">
          {j.status === "queued" ? t("imports.waiting") : t("imports.progress", { processed: f.number(j.processedRows), total: f.number(j.totalRows) })}
          {!done && ` · ${t("imports.canLeave")}`}
        </Text>
        {done && <Outcome job={j} />}
        {done && j.issues.length > 0 && <Report job={j} />}
      </Stack>
    </Card>
  );
}

function Outcome({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const f = useFormat();
  const args = { created: f.number(job.createdRows), errors: f.number(job.errorCount), total: f.number(job.totalRows) };
  const color = job.status === "succeeded" ? "green" : job.status === "failed" ? "red" : "orange";
  const text = job.status === "succeeded" ? t("imports.outcome.succeeded", args) : job.status === "partially_succeeded" ? t("imports.outcome.partial", args) : job.mode === "valid-rows" ? t("imports.outcome.failedRows", args) : t("imports.outcome.failedAll", args);
  return (
    <Alert color={color} variant="light" role="status" title={t(`imports.status.${job.status}`)} data-testid="import-outcome">
      {text}
    </Alert>
  );
}

function Report({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows = useMemo(() => [...job.issues].sort((a, b) => a.row - b.row), [job.issues]);
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap">
        <Title order={3} size="h5">{t("imports.report")}</Title>
        <ExportButtons table={() => ({ fileName: `import-report-${job.id}`, header: ["row", "column", "code", "message_th", "message_en"], rows: rows.map((i) => [i.row, i.column, i.code, i.messageTh, i.messageEn]) })} size="compact-sm" />
      </Group>
      {job.errorCount > job.issues.length && <Text size="sm">{t("imports.reportTruncated", { shown: f.number(job.issues.length), total: f.number(job.errorCount) })}</Text>}
      <div className="table-scroll">
        <Table striped data-testid="import-report">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("imports.row")}</Table.Th>
              <Table.Th>{t("imports.column")}</Table.Th>
              <Table.Th>{t("imports.reason")}</Table.Th>
              <Table.Th>{t("imports.code")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((i, n) => (
              <Table.Tr key={`${i.row}-${i.column}-${n}`}>
                <Table.Td>{i.row > 0 ? f.number(i.row) : t("imports.wholeFile")}</Table.Td>
                <Table.Td>{i.column ? <Code>{i.column}</Code> : ""}</Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }}>{f.pick(i.messageTh, i.messageEn)}</Table.Td>
                <Table.Td><Text size="xs" c="dark.4">{i.code}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}

function RecentImports({ current }: { current?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate({ from: "/admin/imports" });
  const list = useQuery({
    queryKey: ["imports", "list"],
    queryFn: () => api.get<ImportJobSummary[]>("/imports", { limit: 20 }),
    refetchInterval: (q) => (q.state.data?.some((j) => running(j.status)) ? POLL_MS * 3 : false),
  });
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">{t("imports.recent")}</Title>
      <ErrorAlert error={list.error} />
      <div className="table-scroll">
        <ExportButtons size="compact-xs" variant="light" nextTable="imports" />
        <Table striped data-testid="imports-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("imports.file")}</Table.Th>
              <Table.Th>{t("imports.kindLabel")}</Table.Th>
              <Table.Th>{t("imports.statusLabel")}</Table.Th>
              <Table.Th>{t("imports.rows")}</Table.Th>
              <Table.Th>{t("imports.uploaded")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data ?? []).map((j) => (
              <Table.Tr key={j.id} aria-current={j.id === current ? "true" : undefined}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => void navigate({ search: { job: j.id } })}>
                    {j.fileName}
                  </Button>
                </Table.Td>
                <Table.Td>{t(`imports.kind.${j.kind}`)}</Table.Td>
                <Table.Td><StatusBadge status={j.status} /></Table.Td>
                <Table.Td>{t("imports.rowsSummary", { processed: f.number(j.processedRows), total: f.number(j.totalRows), created: f.number(j.createdRows), errors: f.number(j.errorCount) })}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.dateTime(j.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
            {!list.isPending && !list.data?.length && (
              <Table.Tr><Table.Td colSpan={5}>{t("imports.none")}</Table.Td></Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}
