import { useMemo, useState } from "react";
import { Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { RequestView } from "../../../modules/delegation/contracts-requests.js";
import { isApiError } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { powersQuery } from "../delegation/queries.js";

/** What the form edits: the request's own fields, as the contracts name them. */
export interface RequestFields {
  powerCode: string | null;
  titleTh: string;
  yearlyVolume: number;
  centralTurnaroundDays: number;
  expectedTurnaroundDays: number;
  benefitTh: string;
  justificationTh: string;
  /** baht as typed (digits, optional decimals); empty = no cap */
  amountCap: string;
  conditionsTh: string;
  maySubdelegate: boolean;
}

export const EMPTY_FIELDS: RequestFields = { powerCode: null, titleTh: "", yearlyVolume: 0, centralTurnaroundDays: 0, expectedTurnaroundDays: 0, benefitTh: "", justificationTh: "", amountCap: "", conditionsTh: "", maySubdelegate: false };

export function fieldsOf(r: RequestView): RequestFields {
  return {
    powerCode: r.powerCode,
    titleTh: r.titleTh,
    yearlyVolume: r.yearlyVolume,
    centralTurnaroundDays: r.centralTurnaroundDays,
    expectedTurnaroundDays: r.expectedTurnaroundDays,
    benefitTh: r.benefitTh,
    justificationTh: r.justificationTh,
    amountCap: r.amountCap ?? "",
    conditionsTh: r.conditionsTh,
    maySubdelegate: r.maySubdelegate,
  };
}

/** The body the API takes (create or update): a blank title is left to the server's default, a blank cap is none. */
export function bodyOf(c: RequestFields): Record<string, unknown> {
  const cap = c.amountCap.replace(/[,\s]/g, "");
  return {
    powerCode: c.powerCode ?? undefined,
    ...(c.titleTh.trim() ? { titleTh: c.titleTh.trim() } : {}),
    yearlyVolume: c.yearlyVolume,
    centralTurnaroundDays: c.centralTurnaroundDays,
    expectedTurnaroundDays: c.expectedTurnaroundDays,
    benefitTh: c.benefitTh,
    justificationTh: c.justificationTh,
    amountCap: cap === "" ? null : Number(cap),
    conditionsTh: c.conditionsTh,
    maySubdelegate: c.maySubdelegate,
  };
}

const int = (v: number | string): number => (typeof v === "number" ? Math.trunc(v) : Number.isFinite(Number(v)) && v.trim() !== "" ? Math.trunc(Number(v)) : 0);

/**
 * The request's content: the power asked for (searchable), how many matters a year, today's turnaround at the centre
 * and the expected one if delegated (the days citizens save are worked out as one types), the benefit, the
 * justification, and what is asked for: a cap, conditions and leave to delegate onward.
 */
export function RequestForm({
  initial,
  title,
  submitLabel,
  onSubmit,
  onCancel,
  pending,
  error,
  powerLocked = false,
  extra,
}: {
  initial: RequestFields;
  title: string;
  submitLabel: string;
  onSubmit: (c: RequestFields) => void;
  onCancel?: () => void;
  pending: boolean;
  error: unknown;
  powerLocked?: boolean;
  /** fields shown above the power (the province, when creating) */
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [c, setC] = useState<RequestFields>(initial);
  const powers = useQuery(powersQuery());
  const power = powers.data?.items.find((p) => p.code === c.powerCode);
  const options = useMemo(() => (powers.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` })), [powers.data, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const err = (path: string) => (isApiError(error) ? error.fieldError(path, f.lang) : undefined);
  const set = <K extends keyof RequestFields>(k: K, v: RequestFields[K]) => setC((x) => ({ ...x, [k]: v }));
  const saved = Math.max(0, c.centralTurnaroundDays - c.expectedTurnaroundDays) * c.yearlyVolume;
  const capText = c.amountCap.replace(/[,\s]/g, "");
  const capValid = capText === "" || /^\d{1,14}(\.\d{1,2})?$/.test(capText);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (capValid) onSubmit(c);
      }}
      data-testid="request-form"
    >
      <Card withBorder component="section" aria-labelledby="request-form-title">
        <Title order={2} size="h3" id="request-form-title" mb="sm">{title}</Title>
        <Stack gap="md">
          {extra}
          <Select
            label={t("delegationRequests.field.power")}
            description={t("delegationRequests.field.powerHint")}
            placeholder={t("delegationRequests.field.powerPlaceholder")}
            data={options}
            value={c.powerCode}
            onChange={(v) => set("powerCode", v)}
            searchable
            required
            disabled={powerLocked}
            nothingFoundMessage={t("common.noResults")}
            error={err("powerCode")}
            maxDropdownHeight={320}
            data-testid="request-power"
          />
          {power && (
            <Text size="sm" c="dark.4" data-testid="request-power-facts">
              {t("delegationRequests.field.powerFacts", { central: f.pick(power.centralAuthorityTh || power.centralOrgNameTh, power.centralAuthorityEn || power.centralOrgNameEn), basis: f.pick(power.legalBasisTh, power.legalBasisEn) })}
            </Text>
          )}
          <TextInput label={t("delegationRequests.field.title")} description={t("delegationRequests.field.titleHint")} value={c.titleTh} maxLength={500} onChange={(e) => set("titleTh", e.currentTarget.value)} error={err("titleTh")} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NumberInput label={t("delegationRequests.field.yearlyVolume")} description={t("delegationRequests.field.yearlyVolumeHint")} value={c.yearlyVolume} min={0} max={10_000_000} allowDecimal={false} allowNegative={false} thousandSeparator="," onChange={(v) => set("yearlyVolume", int(v))} error={err("yearlyVolume")} data-testid="request-volume" />
            <NumberInput label={t("delegationRequests.field.centralDays")} description={t("delegationRequests.field.centralDaysHint")} value={c.centralTurnaroundDays} min={0} max={3650} allowDecimal={false} allowNegative={false} onChange={(v) => set("centralTurnaroundDays", int(v))} error={err("centralTurnaroundDays")} data-testid="request-central-days" />
            <NumberInput label={t("delegationRequests.field.expectedDays")} description={t("delegationRequests.field.expectedDaysHint")} value={c.expectedTurnaroundDays} min={0} max={3650} allowDecimal={false} allowNegative={false} onChange={(v) => set("expectedTurnaroundDays", int(v))} error={err("expectedTurnaroundDays")} data-testid="request-expected-days" />
          </SimpleGrid>
          <Text size="sm" aria-live="polite" data-testid="request-saved-preview">
            {t("delegationRequests.savedPreview", { days: f.number(Math.max(0, c.centralTurnaroundDays - c.expectedTurnaroundDays)), total: f.number(saved) })}
          </Text>
          <Textarea label={t("delegationRequests.field.benefit")} description={t("delegationRequests.field.benefitHint")} autosize minRows={2} maxLength={4000} value={c.benefitTh} onChange={(e) => set("benefitTh", e.currentTarget.value)} error={err("benefitTh")} data-testid="request-benefit" />
          <Textarea label={t("delegationRequests.field.justification")} autosize minRows={2} maxLength={4000} value={c.justificationTh} onChange={(e) => set("justificationTh", e.currentTarget.value)} error={err("justificationTh")} data-testid="request-justification" />
          <TextInput
            label={t("delegationRequests.field.amountCap")}
            description={capText && capValid ? f.baht(capText) : t("delegationRequests.field.amountCapHint")}
            inputMode="decimal"
            maw={320}
            value={c.amountCap}
            onChange={(e) => set("amountCap", e.currentTarget.value)}
            error={!capValid ? t("delegationRequests.field.amountCapInvalid") : err("amountCap")}
            data-testid="request-cap"
          />
          <Textarea label={t("delegationRequests.field.conditions")} autosize minRows={1} maxLength={2000} value={c.conditionsTh} onChange={(e) => set("conditionsTh", e.currentTarget.value)} error={err("conditionsTh")} />
          <Checkbox label={t("delegationRequests.field.maySubdelegate")} description={t("delegationRequests.field.maySubdelegateHint")} checked={c.maySubdelegate} onChange={(e) => set("maySubdelegate", e.currentTarget.checked)} />
          <ErrorAlert error={error} />
          <Group>
            <Button type="submit" loading={pending} disabled={!c.powerCode} data-testid="request-save">{submitLabel}</Button>
            {onCancel && <Button variant="default" onClick={onCancel} data-testid="request-cancel">{t("common.cancel")}</Button>}
          </Group>
        </Stack>
      </Card>
    </form>
  );
}
