import { useState } from "react";
import { Anchor, Button, Card, Code, FileInput, Group, Radio, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { PLANNING_IMPORT_COLUMNS, PLANNING_IMPORT_KINDS, type PlanningImportKind } from "../../../modules/planning/contracts-imports.js";
import type { ImportJob, ImportJobSummary, ImportMode } from "../../../modules/registry/contracts.js";
import { API_BASE, api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { ImportJobPanel } from "../../ui/ImportJobPanel.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/planning/imports");

/** A report's column as the file's header would name it in the reader's language. */
function useColumnLabel() {
  const f = useFormat();
  return (name: string | null | undefined) => {
    const c = Object.values(PLANNING_IMPORT_COLUMNS).flat().find((x) => x.name === name);
    return c ? (f.lang === "en" ? c.name : c.th) : (name ?? "");
  };
}

/** Upload project lists and allocation notices (CSV/XLSX); the job's id is in the URL, so the page can be left and picked up again until its report is in. */
export function PlanningImportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { job: jobId } = route.useSearch();
  const columnLabel = useColumnLabel();
  const navigate = useNavigate({ from: "/planning/imports" });
  const qc = useQueryClient();
  const [kind, setKind] = useState<PlanningImportKind>("planning-projects");
  const [mode, setMode] = useState<ImportMode>("all-or-nothing");
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (body: File) => {
      const xlsx = /\.xlsx$/i.test(body.name);
      const typed = new Blob([body], { type: xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv" });
      return api.upload<ImportJob>("/planning/imports", typed, { kind, mode, format: xlsx ? "xlsx" : "csv", fileName: body.name.slice(0, 200) });
    },
    onSuccess: (job) => {
      qc.setQueryData(["planning", "imports", job.id], job);
      void qc.invalidateQueries({ queryKey: ["planning", "imports", "list"] });
      setFile(null);
      void navigate({ search: { job: job.id } });
    },
  });
  const cols = PLANNING_IMPORT_COLUMNS[kind];
  const recent = useQuery({ queryKey: ["planning", "imports", "list"], queryFn: () => api.get<ImportJobSummary[]>("/planning/imports", { limit: 20 }) });
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} data-testid="planning-imports-title">{t("planningProcurement.imports.title")}</Title>
        <Text c="dark.4">{t("planningProcurement.imports.intro")}</Text>
      </div>
      <Card withBorder>
        <form onSubmit={(e) => { e.preventDefault(); if (file) upload.mutate(file); }}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label={t("planningProcurement.imports.kindLabel")} data={PLANNING_IMPORT_KINDS.map((k) => ({ value: k, label: t(`planningProcurement.imports.kind.${k}`) }))} value={kind} onChange={(v) => v && setKind(v as PlanningImportKind)} allowDeselect={false} data-testid="planning-import-kind" />
              <FileInput label={t("planningProcurement.imports.file")} placeholder={t("planningProcurement.imports.filePlaceholder")} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" value={file} onChange={setFile} clearable required data-testid="planning-import-file" />
            </SimpleGrid>
            <Radio.Group label={t("planningProcurement.imports.modeLabel")} value={mode} onChange={(v) => setMode(v as ImportMode)}>
              <Stack gap="xs" mt="xs">
                <Radio value="all-or-nothing" label={t("planningProcurement.imports.mode.all-or-nothing")} data-testid="planning-import-mode-all" />
                <Radio value="valid-rows" label={t("planningProcurement.imports.mode.valid-rows")} data-testid="planning-import-mode-valid" />
              </Stack>
            </Radio.Group>
            <Text size="sm">{t("planningProcurement.imports.columns")}: {cols.map((c) => <Code key={c.name} mr={4} title={f.lang === "en" ? undefined : c.name}>{f.lang === "en" ? c.name : c.th}{c.required ? " *" : ""}</Code>)}</Text>
            <Text size="xs" c="dark.4">{t(`planningProcurement.imports.hint.${kind}`)}</Text>
            <ErrorAlert error={upload.error} />
            <Group gap="sm">
              <Button type="submit" loading={upload.isPending} disabled={!file} data-testid="planning-import-submit">{t("planningProcurement.imports.submit")}</Button>
              <Anchor href={`${API_BASE}/planning/imports/templates/${kind}?format=xlsx`} download data-testid="template-xlsx">{t("planningProcurement.imports.templateXlsx")}</Anchor>
              <Anchor href={`${API_BASE}/planning/imports/templates/${kind}?format=csv`} download data-testid="template-csv">{t("planningProcurement.imports.templateCsv")}</Anchor>
            </Group>
          </Stack>
        </form>
      </Card>
      {jobId && <ImportJobPanel url={`/planning/imports/${seg(jobId)}`} queryKey={["planning", "imports", jobId]} i18n="planningProcurement.imports" testPrefix="planning" columnLabel={columnLabel} />}
      <Card withBorder component="section">
        <Title order={2} size="h4">{t("planningProcurement.imports.recent")}</Title>
        <ExportButtons size="compact-xs" variant="light" nextTable="planning-imports" columns={[t("tableExport.file"), t("tableExport.kind"), t("tableExport.status"), t("tableExport.created")]} />
        <Table>
          <Table.Tbody>
            {(recent.data ?? []).map((j) => (
              <Table.Tr key={j.id}>
                <Table.Td><Anchor component="button" type="button" onClick={() => void navigate({ search: { job: j.id } })}>{j.fileName}</Anchor></Table.Td>
                <Table.Td>{t(`planningProcurement.imports.kind.${j.kind}`, { defaultValue: j.kind })}</Table.Td>
                <Table.Td>{t(`planningProcurement.imports.status.${j.status}`)}</Table.Td>
                <Table.Td>{f.dateTime(j.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

