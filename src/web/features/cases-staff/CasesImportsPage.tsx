import { useState } from "react";
import { Anchor, Card, Code, FileInput, Group, Radio, Stack, Table, Text, Title, Button } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { type ImportJob, type ImportJobSummary, type ImportMode } from "../../../modules/registry/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { ImportJobPanel } from "../../ui/ImportJobPanel.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/cases/imports");
/** The Traffy Fondue export's columns, in its order (the importer reads them by these names). */
const TRAFFY_COLUMNS = ["ticket_id", "type", "organization", "comment", "coords", "photo", "photo_after", "address", "subdistrict", "district", "province", "timestamp", "state", "star", "count_reopen", "last_activity", "source"] as const;

/**
 * A province moving its history here uploads its Traffy Fondue export (CSV); the job's id is in the address, so the
 * page can be left and picked up again until its report is in.
 */
export function CasesImportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const { job: jobId } = route.useSearch();
  const navigate = useNavigate({ from: "/cases/imports" });
  const qc = useQueryClient();
  const [mode, setMode] = useState<ImportMode>("valid-rows");
  const [file, setFile] = useState<File | null>(null);
  const allowed = holdsRoleFor(me.data, "cases:import");
  const upload = useMutation({
    mutationFn: (body: File) => api.upload<ImportJob>("/cases/imports", new Blob([body], { type: "text/csv" }), { mode, format: "csv", fileName: body.name.slice(0, 200) }),
    onSuccess: (job) => {
      qc.setQueryData(["cases", "imports", job.id], job);
      void qc.invalidateQueries({ queryKey: ["cases", "imports", "list"] });
      setFile(null);
      void navigate({ search: { job: job.id } });
    },
  });
  const recent = useQuery({ queryKey: ["cases", "imports", "list"], queryFn: () => api.get<ImportJobSummary[]>("/cases/imports", { limit: 20 }), enabled: allowed });
  if (!allowed) return <Text>{t("casesStaff.imports.notAllowed")}</Text>;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} data-testid="cases-imports-title">{t("casesStaff.imports.title")}</Title>
        <Text c="dark.4">{t("casesStaff.imports.intro")}</Text>
      </div>
      <Card withBorder>
        <form onSubmit={(e) => { e.preventDefault(); if (file) upload.mutate(file); }}>
          <Stack gap="md">
            <FileInput label={t("casesStaff.imports.file")} placeholder={t("casesStaff.imports.filePlaceholder")} accept=".csv,text/csv" value={file} onChange={setFile} clearable required data-testid="cases-import-file" maw={480} />
            <Radio.Group label={t("casesStaff.imports.modeLabel")} value={mode} onChange={(v) => setMode(v as ImportMode)}>
              <Stack gap="xs" mt="xs">
                <Radio value="valid-rows" label={t("casesStaff.imports.mode.valid-rows")} data-testid="cases-import-mode-valid" />
                <Radio value="all-or-nothing" label={t("casesStaff.imports.mode.all-or-nothing")} data-testid="cases-import-mode-all" />
              </Stack>
            </Radio.Group>
            <div>
              <Text size="sm">{t("casesStaff.imports.columns")}:</Text>
              <Group gap={4} wrap="wrap" mt={2}>{TRAFFY_COLUMNS.map((c) => <Code key={c}>{c}</Code>)}</Group>
            </div>
            <Text size="xs" c="dark.4">{t("casesStaff.imports.hint")}</Text>
            <ErrorAlert error={upload.error} />
            <Group gap="sm">
              <Button type="submit" loading={upload.isPending} disabled={!file} data-testid="cases-import-submit">{t("casesStaff.imports.submit")}</Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {jobId && <ImportJobPanel url={`/cases/imports/${seg(jobId)}`} queryKey={["cases", "imports", jobId]} i18n="casesStaff.imports" testPrefix="cases" />}
      <Card withBorder component="section" aria-labelledby="cases-imports-recent">
        <Title order={2} size="h4" id="cases-imports-recent">{t("casesStaff.imports.recent")}</Title>
        <ErrorAlert error={recent.error} />
        <ExportButtons size="compact-xs" variant="light" nextTable="cases-imports" />
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("casesStaff.imports.file")}</Table.Th>
              <Table.Th>{t("casesStaff.imports.statusLabel")}</Table.Th>
              <Table.Th>{t("casesStaff.imports.rows")}</Table.Th>
              <Table.Th>{t("casesStaff.imports.when")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(recent.data ?? []).map((j) => (
              <Table.Tr key={j.id} data-testid="cases-import-recent">
                <Table.Td><Anchor component="button" type="button" onClick={() => void navigate({ search: { job: j.id } })}>{j.fileName}</Anchor></Table.Td>
                <Table.Td>{t(`casesStaff.imports.status.${j.status}`)}</Table.Td>
                <Table.Td>{t("casesStaff.imports.rowsValue", { created: f.number(j.createdRows), total: f.number(j.totalRows), errors: f.number(j.errorCount) })}</Table.Td>
                <Table.Td>{f.dateTime(j.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
            {recent.data && !recent.data.length && (
              <Table.Tr><Table.Td colSpan={4}>{t("casesStaff.imports.noneYet")}</Table.Td></Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

