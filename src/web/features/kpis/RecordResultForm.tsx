import { useMemo, useState } from "react";
import { ActionIcon, Button, Card, Group, NumberInput, Select, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { KpiDetail, MeasurementView, SubmitMeasurementInput } from "../../../modules/performance/contracts.js";
import { fiscalYearOf } from "../../../platform/thai/index.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { invalidatePerformance, periodEndsOf, useKpiFormat } from "./kpi-ui.js";

export interface EvidenceRow {
  name: string;
  url: string;
}

/** Evidence as a list of documents: a name, and a link when the document is online. */
export function EvidenceRows({ rows, onChange, error, testId }: { rows: EvidenceRow[]; onChange: (rows: EvidenceRow[]) => void; error?: (path: string) => string | undefined; testId: string }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<EvidenceRow>) => onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs" data-testid={testId}>
      <Text size="sm" fw={500}>{t("kpi.evidence.title")}</Text>
      <Text size="xs" c="dark.4" mt={-6}>{t("kpi.evidence.hint")}</Text>
      {rows.map((r, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="wrap">
          <TextInput
            label={t("kpi.evidence.name", { n: i + 1 })}
            value={r.name}
            onChange={(e) => set(i, { name: e.currentTarget.value })}
            maxLength={200}
            style={{ flex: "2 1 220px" }}
            error={error?.(`evidence.${i}.name`)}
            data-testid={`${testId}-name-${i}`}
          />
          <TextInput
            label={t("kpi.evidence.url", { n: i + 1 })}
            type="url"
            placeholder="https://"
            value={r.url}
            onChange={(e) => set(i, { url: e.currentTarget.value })}
            maxLength={1000}
            style={{ flex: "2 1 220px" }}
            error={error?.(`evidence.${i}.url`)}
          />
          <ActionIcon variant="default" size="lg" mt={30} onClick={() => onChange(rows.filter((_, k) => k !== i))} aria-label={t("kpi.evidence.remove", { n: i + 1 })} title={t("kpi.evidence.remove", { n: i + 1 })}>
            <span aria-hidden="true">×</span>
          </ActionIcon>
        </Group>
      ))}
      <div>
        <Button variant="default" size="xs" onClick={() => onChange([...rows, { name: "", url: "" }])} disabled={rows.length >= 20} data-testid={`${testId}-add`}>
          {t("kpi.evidence.add")}
        </Button>
      </div>
    </Stack>
  );
}

/** The evidence rows a user filled in, as the API takes them (blank rows are dropped). */
export const evidenceInput = (rows: EvidenceRow[]) => rows.filter((r) => r.name.trim() || r.url.trim()).map((r) => ({ name: r.name.trim(), url: r.url.trim() || null }));

/**
 * Records a period's result with its evidence. The period defaults to the first one of the fiscal year not
 * reported yet (what the cockpit says is due); periods already reported are marked.
 */
export function RecordResultForm({ kpi, today }: { kpi: KpiDetail; today: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const kf = useKpiFormat();
  const qc = useQueryClient();
  const fy = fiscalYearOf(today);
  const reported = useMemo(() => new Set(kpi.measurements.filter((m) => m.status !== "returned").map((m) => m.periodEnd)), [kpi.measurements]);
  const options = useMemo(() => {
    const past = [...periodEndsOf(fy - 1, kpi.frequency), ...periodEndsOf(fy, kpi.frequency)].filter((p) => p < today).reverse();
    return past.map((p) => ({ value: p, label: reported.has(p) ? t("kpi.record.periodReported", { period: kf.period(p, kpi.frequency) }) : kf.period(p, kpi.frequency) }));
  }, [fy, kpi.frequency, today, reported, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const firstOpen = periodEndsOf(fy, kpi.frequency).find((p) => p < today && !reported.has(p)) ?? null;
  const [period, setPeriod] = useState<string | null>(firstOpen ?? options[0]?.value ?? null);
  const [value, setValue] = useState<number | string>("");
  const [note, setNote] = useState("");
  const [evidence, setEvidence] = useState<EvidenceRow[]>([{ name: "", url: "" }]);
  const [saved, setSaved] = useState<MeasurementView | null>(null);
  const submit = useMutation({
    mutationFn: (body: SubmitMeasurementInput) => api.post<MeasurementView>(`/kpis/${seg(kpi.id)}/measurements`, body),
    onSuccess: async (m) => {
      setSaved(m);
      setValue("");
      setNote("");
      setEvidence([{ name: "", url: "" }]);
      await invalidatePerformance(qc);
    },
  });
  const fieldError = (path: string) => (isApiError(submit.error) ? submit.error.fieldError(path, f.lang) : undefined);
  const numeric = typeof value === "number" && Number.isFinite(value);
  return (
    <Card withBorder component="section" aria-labelledby="record-title" data-testid="record-form">
      <Title order={3} size="h4" id="record-title">{t("kpi.record.title")}</Title>
      <Text size="sm" c="dark.4" mb="sm">{t("kpi.record.hint")}</Text>
      {saved ? (
        <Stack gap="xs" align="flex-start">
          <Text role="status" data-testid="record-saved">
            <span aria-hidden="true">✓ </span>
            {t("kpi.record.saved", { period: kf.period(saved.periodEnd, kpi.frequency), value: kf.value(saved.value, kpi.unit) })}
          </Text>
          <Button
            variant="default"
            size="sm"
            onClick={() => {
              setSaved(null);
              submit.reset();
              setPeriod(firstOpen ?? options[0]?.value ?? null);
            }}
            data-testid="record-another"
          >
            {t("kpi.record.another")}
          </Button>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!period || !numeric) return;
            setSaved(null);
            submit.mutate({ fiscalYear: fiscalYearOf(period), periodEnd: period, value: value as number, note: note.trim() || null, evidence: evidenceInput(evidence) });
          }}
        >
          <Stack gap="sm">
            <Group gap="sm" align="flex-start" wrap="wrap">
              <Select label={t("kpi.record.period")} data={options} value={period} onChange={setPeriod} required allowDeselect={false} w={{ base: "100%", sm: 240 }} error={fieldError("periodEnd")} data-testid="record-period" />
              <NumberInput
                label={t("kpi.record.value", { unit: kf.unit(kpi.unit) })}
                value={value}
                onChange={setValue}
                required
                decimalScale={4}
                thousandSeparator=","
                w={{ base: "100%", sm: 200 }}
                error={fieldError("value")}
                data-testid="record-value"
              />
            </Group>
            <Textarea label={t("kpi.record.note")} autosize minRows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="record-note" />
            <EvidenceRows rows={evidence} onChange={setEvidence} error={fieldError} testId="record-evidence" />
            <ErrorAlert error={submit.error} />
            <Group>
              <Button type="submit" loading={submit.isPending} disabled={!period || !numeric} data-testid="record-submit">{t("kpi.record.submit")}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
