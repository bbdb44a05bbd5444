import { useMemo, useState } from "react";
import { Alert, Button, Card, Code, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { AuthorityAnswer } from "../../../modules/delegation/contracts.js";
import { PERSONNEL_KIND_POWER, PersonnelActionKind, type PersonnelActionView } from "../../../modules/delegation/contracts-personnel.js";
import type { OrganizationSummary } from "../../../modules/registry/contracts.js";
import { bangkokToday, isIsoDate } from "../../../platform/thai/index.js";
import { api, isApiError } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { ErrorAlert, useErrorMessage } from "../../ui/errors.js";
import { ButtonLink } from "../../ui/links.js";
import { Bi } from "../agendas/Bi.js";
import { grantProvinces } from "../delegation-requests/queries.js";
import { provincesQuery } from "../provinces/queries.js";

/** Offices a personnel action moves people between: the province's own offices, its provincial government and its districts. */
const ORG_CLASSES = ["provincial_office", "provincial_government", "district_office"] as const;
/** The server refuses with these when the power is not the recorder's to use: shown as a refusal, not as a failure. */
const REFUSALS = ["delegation.personnel.not-delegated", "delegation.personnel.not-decider", "delegation.personnel.org-outside-province"];

interface Form {
  kind: string;
  provinceCode: string | null;
  personName: string;
  positionTh: string;
  fromOrgId: string | null;
  toOrgId: string | null;
  detailsTh: string;
  effectiveOn: string;
  orderNo: string;
}

/**
 * Records a personnel action. Before saving it says who decides this kind of action in the province on that date
 * (the authority check); the server checks again and, when the power is not delegated, its refusal names the
 * central authority the matter goes to.
 */
export function PersonnelActionForm({ onDone, onCancel }: { onDone: (a: PersonnelActionView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const qc = useQueryClient();
  const message = useErrorMessage();
  const provinces = useQuery(provincesQuery);
  const mine = grantProvinces(me.data, "delegation:personnel.write");
  const choices = (provinces.data ?? []).filter((p) => mine === null || mine.includes(p.code));
  const [c, setC] = useState<Form>({ kind: "transfer", provinceCode: mine?.length === 1 ? mine[0]! : null, personName: "", positionTh: "", fromOrgId: null, toOrgId: null, detailsTh: "", effectiveOn: bangkokToday(), orderNo: "" });
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setC((x) => ({ ...x, [k]: v }));
  const kind = c.kind as PersonnelActionKind;
  const needsFrom = kind === "transfer" || kind === "minor-discipline";
  const needsTo = kind !== "minor-discipline";
  const powerCode = PERSONNEL_KIND_POWER[kind];

  const orgLists = useQueries({
    queries: ORG_CLASSES.map((classification) => ({
      queryKey: ["organizations", "personnel", c.provinceCode, classification],
      queryFn: () => api.get<{ items: OrganizationSummary[] }>("/organizations", { provinceCode: c.provinceCode, classification, limit: 500 }),
      enabled: !!c.provinceCode,
      staleTime: 5 * 60_000,
    })),
  });
  const orgOptions = useMemo(
    () => orgLists.flatMap((q, k) => (q.data?.items ?? []).map((o) => ({ value: o.id, label: f.name(o), group: ORG_CLASSES[k] }))),
    [orgLists.map((q) => q.dataUpdatedAt).join(), f.lang], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const groupedOrgs = useMemo(
    () => ORG_CLASSES.map((k) => ({ group: t(`orgClass.${k}`), items: orgOptions.filter((o) => o.group === k).map(({ value, label }) => ({ value, label })) })).filter((g) => g.items.length),
    [orgOptions, t],
  );

  const validDate = isIsoDate(c.effectiveOn);
  const authority = useQuery({
    queryKey: ["delegation", "authority", powerCode, c.provinceCode, c.effectiveOn],
    queryFn: () => api.get<AuthorityAnswer>("/delegation/authority", { powerCode, provinceCode: c.provinceCode, date: c.effectiveOn }),
    enabled: !!c.provinceCode && validDate,
  });

  const record = useMutation({
    mutationFn: () =>
      api.post<PersonnelActionView>("/delegation/personnel-actions", {
        provinceCode: c.provinceCode,
        kind: c.kind,
        personName: c.personName.trim(),
        positionTh: c.positionTh.trim(),
        fromOrgId: needsFrom ? c.fromOrgId : null,
        toOrgId: needsTo ? c.toOrgId : null,
        detailsTh: c.detailsTh.trim(),
        effectiveOn: c.effectiveOn,
        orderNo: c.orderNo.trim(),
      }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: ["personnel-actions"] });
      onDone(a);
    },
  });
  const err = (path: string) => (isApiError(record.error) ? record.error.fieldError(path, f.lang) : undefined);
  const refused = isApiError(record.error) && REFUSALS.includes(record.error.code) ? record.error : null;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate();
      }}
      data-testid="personnel-form"
    >
      <Card withBorder component="section" aria-labelledby="personnel-form-title">
        <Title order={2} size="h3" id="personnel-form-title" mb="sm">{t("personnel.form.title")}</Title>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t("personnel.kind")} data={PersonnelActionKind.options.map((k) => ({ value: k, label: `${t(`personnel.kinds.${k}`)} (${PERSONNEL_KIND_POWER[k]})` }))} value={c.kind} onChange={(v) => v && set("kind", v)} allowDeselect={false} required data-testid="personnel-kind" />
            <Select label={t("personnel.province")} data={choices.map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={c.provinceCode} onChange={(v) => setC((x) => ({ ...x, provinceCode: v, fromOrgId: null, toOrgId: null }))} searchable required allowDeselect={false} error={err("provinceCode")} data-testid="personnel-province" />
          </SimpleGrid>

          {c.provinceCode && validDate && authority.data && (
            <Alert
              variant="light"
              color={authority.data.decision === "delegated" ? "green" : "gray"}
              icon={<span aria-hidden="true">{authority.data.decision === "delegated" ? "✓" : "■"}</span>}
              title={t(`personnel.form.authority.${authority.data.decision}`)}
              role="note"
              aria-live="polite"
              data-testid="personnel-authority"
              data-decision={authority.data.decision}
            >
              <Text size="sm"><Bi th={authority.data.explanationTh} en={authority.data.explanationEn} /></Text>
            </Alert>
          )}

          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t("personnel.person")} description={t("personnel.form.personHint")} required maxLength={200} value={c.personName} onChange={(e) => set("personName", e.currentTarget.value)} error={err("personName")} data-testid="personnel-person" />
            <TextInput label={t("personnel.position")} required maxLength={300} value={c.positionTh} onChange={(e) => set("positionTh", e.currentTarget.value)} error={err("positionTh")} data-testid="personnel-position" />
            {needsFrom && (
              <Select label={kind === "minor-discipline" ? t("personnel.form.servesAt") : t("personnel.fromOrg")} data={groupedOrgs} value={c.fromOrgId} onChange={(v) => set("fromOrgId", v)} searchable clearable required limit={60} nothingFoundMessage={t("common.noResults")} disabled={!c.provinceCode} error={err("fromOrgId")} data-testid="personnel-from" />
            )}
            {needsTo && (
              <Select label={kind === "transfer" ? t("personnel.toOrg") : t("personnel.form.postAt")} data={groupedOrgs} value={c.toOrgId} onChange={(v) => set("toOrgId", v)} searchable clearable required limit={60} nothingFoundMessage={t("common.noResults")} disabled={!c.provinceCode} error={err("toOrgId")} data-testid="personnel-to" />
            )}
            <TextInput type="date" label={t("personnel.effectiveOn")} required value={c.effectiveOn} onChange={(e) => set("effectiveOn", e.currentTarget.value)} description={validDate ? f.date(c.effectiveOn, "long") : undefined} error={err("effectiveOn")} data-testid="personnel-effective" />
            <TextInput label={t("personnel.orderNo")} required maxLength={120} value={c.orderNo} onChange={(e) => set("orderNo", e.currentTarget.value)} error={err("orderNo")} data-testid="personnel-order" />
          </SimpleGrid>
          <Textarea label={t("personnel.details")} autosize minRows={2} maxLength={4000} value={c.detailsTh} onChange={(e) => set("detailsTh", e.currentTarget.value)} error={err("detailsTh")} />

          {refused ? (
            <Alert color="red" variant="light" role="alert" title={t("personnel.form.refusedTitle")} icon={<span aria-hidden="true">✗</span>} data-testid="personnel-refusal" data-code={refused.code}>
              <Text size="sm">{message(refused)}</Text>
              <Text size="sm" mt={4}>{t("personnel.form.refusedHint")}</Text>
              {refused.code === "delegation.personnel.not-delegated" && holdsRoleFor(me.data, "delegation:request.write") && (
                <ButtonLink to="/delegation/requests/new" search={{ provinceCode: c.provinceCode ?? undefined, powerCode }} variant="light" size="xs" mt="xs" data-testid="personnel-ask-delegation">
                  {t("personnel.form.askForIt")}
                </ButtonLink>
              )}
              {refused.requestId && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t("errors.requestId")}: <Code>{refused.requestId}</Code>
                </Text>
              )}
            </Alert>
          ) : (
            <ErrorAlert error={record.error} />
          )}
          <Group>
            <Button type="submit" loading={record.isPending} disabled={!c.provinceCode} data-testid="personnel-save">{t("personnel.form.save")}</Button>
            <Button variant="default" onClick={onCancel}>{t("common.cancel")}</Button>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}
