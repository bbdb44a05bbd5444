import { useState } from "react";
import { Button, Card, Group, Modal, NumberInput, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { AgreementDetail, AgreementRoundView, AmendAgreementInput, ItemResultInput } from "../../../modules/performance/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { Bi } from "../agendas/Bi.js";

type Item = AgreementDetail["items"][number];

/** After any action: the agreement (its rounds' live scores) and the cockpit show the new state. */
function useRefresh() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ["agreements"] }), qc.invalidateQueries({ queryKey: ["cockpit"] })]);
}

/** A draft agreement's signing by the deputy PM's office: a confirmation with an optional signing date. */
export function SignAgreementButton({ a }: { a: AgreementDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [signedOn, setSignedOn] = useState("");
  const sign = useMutation({
    mutationFn: (body: { signedOn?: string }) => api.post(`/agreements/${seg(a.id)}/sign`, body),
    onSuccess: async () => {
      await refresh();
      setOpen(false);
    },
  });
  if (!a.may.sign || a.status !== "draft") return null;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="agreement-sign">{t("agreements.actions.sign")}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("agreements.actions.signTitle")}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            sign.mutate(signedOn ? { signedOn } : {});
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t("agreements.actions.signConfirm", { title: f.pick(a.titleTh, a.titleEn) })}</Text>
            <TextInput
              type="date"
              label={t("agreements.actions.signedOn")}
              description={signedOn ? f.date(signedOn, "long") : t("agreements.actions.signedOnHint")}
              value={signedOn}
              onChange={(e) => setSignedOn(e.currentTarget.value)}
              error={isApiError(sign.error) ? sign.error.fieldError("signedOn", f.lang) : undefined}
              data-testid="agreement-signed-on"
            />
            <ErrorAlert error={sign.error} />
            <Group gap="sm" justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
              <Button type="submit" loading={sign.isPending} data-testid="agreement-sign-confirm">{t("agreements.actions.signConfirmButton")}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** Items the assessor scores directly: no KPI, criteria a five-step milestone (0–5 steps) or an assessment (0–100 points). */
export function assessableItems(a: AgreementDetail): Item[] {
  return a.items.filter((i) => !i.kpiId && (i.criteria.kind === "five-level-milestone" || i.criteria.kind === "assessed"));
}

/** OPDC's part of an open round: results of items without a KPI, and closing the round (the score is frozen). */
export function AssessorPanel({ a, r }: { a: AgreementDetail; r: AgreementRoundView }) {
  const { t } = useTranslation();
  if (!a.may.assess || r.status === "closed") return null;
  const items = assessableItems(a);
  return (
    <Card withBorder component="section" aria-labelledby={`assessor-title-${r.round}`} data-testid="assessor-panel">
      <Group justify="space-between" mb="xs" align="flex-start">
        <Title order={3} size="h4" id={`assessor-title-${r.round}`}>{t("agreements.actions.assessorTitle")}</Title>
        <CloseRoundButton a={a} r={r} />
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dark.4">{t("agreements.actions.assessorNone")}</Text>
      ) : (
        <Stack gap="md">
          <Text size="sm">{t("agreements.actions.assessorHint")}</Text>
          {items.map((i) => <ItemResultForm key={i.itemId} a={a} r={r} item={i} />)}
        </Stack>
      )}
    </Card>
  );
}

function ItemResultForm({ a, r, item }: { a: AgreementDetail; r: AgreementRoundView; item: Item }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefresh();
  const milestone = item.criteria.kind === "five-level-milestone";
  const current = r.itemResults.find((x) => x.itemId === item.itemId);
  const [value, setValue] = useState<number | "">(current ? current.value : "");
  const [note, setNote] = useState(current?.note ?? "");
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: ItemResultInput) => api.put(`/agreements/${seg(a.id)}/rounds/${r.round}/results`, body),
    onSuccess: async () => {
      await refresh();
      setSaved(true);
    },
  });
  const max = milestone ? 5 : 100;
  const valid = value !== "" && value >= 0 && value <= max && (!milestone || Number.isInteger(value));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        setSaved(false);
        save.mutate({ itemId: item.itemId, value: value as number, note: note.trim() || null });
      }}
      data-testid="item-result-form"
      data-item={item.itemId}
    >
      <Stack gap="xs">
        <Text fw={700} size="sm"><Bi th={item.nameTh} en={item.nameEn} /></Text>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NumberInput
            label={t(milestone ? "agreements.actions.valueSteps" : "agreements.actions.valuePoints")}
            description={t(milestone ? "agreements.actions.valueStepsHint" : "agreements.actions.valuePointsHint")}
            value={value}
            min={0}
            max={max}
            allowDecimal={!milestone}
            decimalScale={milestone ? 0 : 2}
            allowNegative={false}
            clampBehavior="strict"
            w={220}
            required
            onChange={(v) => {
              setSaved(false);
              setValue(typeof v === "number" ? v : v === "" ? "" : Number(v));
            }}
            error={isApiError(save.error) ? save.error.fieldError("value", f.lang) : undefined}
            data-testid="item-result-value"
          />
          <TextInput label={t("agreements.actions.note")} value={note} maxLength={2000} onChange={(e) => setNote(e.currentTarget.value)} style={{ flex: 1, minWidth: 220 }} data-testid="item-result-note" />
          <Button type="submit" disabled={!valid} loading={save.isPending} data-testid="item-result-save">{t("agreements.actions.saveResult")}</Button>
        </Group>
        {saved && !save.isPending && <Text size="sm" c="green.9" role="status" data-testid="item-result-saved">{t("agreements.actions.resultSaved")}</Text>}
        <ErrorAlert error={save.error} />
      </Stack>
    </form>
  );
}

function CloseRoundButton({ a, r }: { a: AgreementDetail; r: AgreementRoundView }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const close = useMutation({
    mutationFn: () => api.post(`/agreements/${seg(a.id)}/rounds/${r.round}/close`, {}),
    onSuccess: async () => {
      await refresh();
      setOpen(false);
    },
  });
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)} data-testid="round-close">{t("agreements.actions.closeRound")}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("agreements.actions.closeRoundTitle", { n: r.round })}>
        <Stack gap="sm">
          <Text size="sm">{t("agreements.actions.closeRoundConfirm")}</Text>
          <ErrorAlert error={close.error} />
          <Group gap="sm" justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
            <Button color="red.9" loading={close.isPending} onClick={() => close.mutate()} data-testid="round-close-confirm">{t("agreements.actions.closeRoundButton")}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Percent with two decimals as whole basis points (weights are multiples of 0.0001). */
const bp = (percent: number) => Math.round(percent * 100);

/** An amendment of a signed agreement: new item weights (in %, summing to 100 %) and a required reason. */
export function AmendAgreementButton({ a }: { a: AgreementDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!a.may.amend || a.status !== "signed") return null;
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)} data-testid="agreement-amend">{t("agreements.actions.amend")}</Button>
      {open && <AmendModal a={a} onClose={() => setOpen(false)} />}
    </>
  );
}

function AmendModal({ a, onClose }: { a: AgreementDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefresh();
  const [weights, setWeights] = useState<(number | "")[]>(a.items.map((i) => Math.round(i.weight * 10_000) / 100));
  const [reason, setReason] = useState("");
  const sumBp = weights.reduce<number>((s, w) => s + (w === "" ? 0 : bp(w)), 0);
  const allSet = weights.every((w) => w !== "" && w > 0);
  const ok = allSet && sumBp === 10_000 && reason.trim().length > 0;
  const amend = useMutation({
    mutationFn: (body: AmendAgreementInput) => api.post(`/agreements/${seg(a.id)}/amendments`, body),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
  });
  const num = (n: number) => new Intl.NumberFormat(f.lang === "th" ? "th-TH" : "en-GB", { maximumFractionDigits: 2 }).format(n);
  const submit = () => {
    const changes = {
      titleTh: a.titleTh,
      titleEn: a.titleEn,
      parties: a.parties,
      scheme: a.scheme,
      roundDueDays: a.roundDueDays,
      items: a.items.map((i, k) => ({
        id: i.itemId,
        kpiId: i.kpiId,
        nameTh: i.nameTh,
        nameEn: i.nameEn,
        weight: bp(weights[k] as number) / 10_000,
        ...(i.component ? { component: i.component } : {}),
        criteria: i.criteria,
      })),
    } as unknown as AmendAgreementInput["changes"];
    amend.mutate({ reasonTh: reason.trim(), changes });
  };
  return (
    <Modal opened onClose={onClose} title={t("agreements.actions.amendTitle")} size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ok) submit();
        }}
        data-testid="amend-form"
      >
        <Stack gap="sm">
          <Text size="sm">{t("agreements.actions.amendHint", { n: a.version + 1 })}</Text>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("agreements.item")}</Table.Th>
                <Table.Th style={{ textAlign: "right", whiteSpace: "nowrap" }}>{t("agreements.actions.weightPercent")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.items.map((i, k) => (
                <Table.Tr key={i.itemId}>
                  <Table.Td><Bi th={i.nameTh} en={i.nameEn} /></Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`${t("agreements.actions.weightPercent")}: ${f.pick(i.nameTh, i.nameEn)}`}
                      value={weights[k]}
                      min={0}
                      max={100}
                      decimalScale={2}
                      allowNegative={false}
                      suffix=" %"
                      w={140}
                      ml="auto"
                      onChange={(v) => setWeights((ws) => ws.map((w, j) => (j === k ? (typeof v === "number" ? v : v === "" ? "" : Number(v)) : w)))}
                      error={isApiError(amend.error) ? amend.error.fieldError(`changes.items.${k}.weight`, f.lang) : undefined}
                      data-testid="amend-weight"
                      data-item={i.itemId}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t("agreements.actions.weightSum")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }} data-testid="amend-weight-sum" data-ok={sumBp === 10_000}>
                  <Text span fw={700} c={sumBp === 10_000 ? "dark.9" : "red.9"}>{num(sumBp / 100)} %</Text>
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
          {sumBp !== 10_000 && <Text size="sm" c="red.9" data-testid="amend-weight-error">{t("agreements.actions.weightSumMust", { sum: num(sumBp / 100) })}</Text>}
          <Textarea label={t("agreements.actions.amendReason")} description={t("agreements.actions.amendReasonHint")} required autosize minRows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={isApiError(amend.error) ? amend.error.fieldError("reasonTh", f.lang) : undefined} data-testid="amend-reason" />
          <ErrorAlert error={amend.error} />
          <Group gap="sm" justify="flex-end">
            <Button variant="default" onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="submit" disabled={!ok} loading={amend.isPending} data-testid="amend-save">{t("agreements.actions.amendSave")}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
