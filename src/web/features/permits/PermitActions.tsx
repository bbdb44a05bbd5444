import { useState } from "react";
import { Button, Group, Modal, Radio, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { PermitApplicationDetail } from "../../../modules/delegation/contracts-permits.js";
import { bangkokToday } from "../../../platform/thai/index.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";

/** After an action the record, the queue and the statistics show the new state. */
function useRefresh() {
  const qc = useQueryClient();
  return (a: PermitApplicationDetail) => {
    qc.setQueryData(["permits", "detail", a.id], a);
    return qc.invalidateQueries({ queryKey: ["permits"] });
  };
}

/** The actions the server says this user may take here (`may`): start the review, decide, withdraw. */
export function PermitActions({ a }: { a: PermitApplicationDetail }) {
  if (!a.may.review && !a.may.decide && !a.may.withdraw) return null;
  return (
    <Group gap="sm" data-testid="permit-actions">
      <StartReviewButton a={a} />
      <DecideButton a={a} />
      <WithdrawButton a={a} />
    </Group>
  );
}

function StartReviewButton({ a }: { a: PermitApplicationDetail }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const review = useMutation({ mutationFn: () => api.post<PermitApplicationDetail>(`/delegation/permits/${seg(a.id)}/review`, {}), onSuccess: refresh });
  if (!a.may.review) return null;
  return (
    <Stack gap={4}>
      <Button variant="default" onClick={() => review.mutate()} loading={review.isPending} data-testid="permit-start-review">{t("permits.actions.startReview")}</Button>
      <ErrorAlert error={review.error} />
    </Stack>
  );
}

function DateField({ value, onChange, label, min, error, testId }: { value: string; onChange: (v: string) => void; label: string; min: string; error?: string; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return <TextInput type="date" label={label} description={value ? f.date(value, "long") : t("permits.actions.todayHint")} min={min} max={bangkokToday()} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} data-testid={testId} />;
}

/** Approve or refuse, with the reasons (required for a refusal) and the decision date (today unless given). */
function DecideButton({ a }: { a: PermitApplicationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [decision, setDecision] = useState<"approve" | "refuse">("approve");
  const [reason, setReason] = useState("");
  const [decidedOn, setDecidedOn] = useState("");
  const [tried, setTried] = useState(false);
  const decide = useMutation({
    mutationFn: (body: { decision: "approve" | "refuse"; reasonTh?: string; decidedOn?: string }) => api.post<PermitApplicationDetail>(`/delegation/permits/${seg(a.id)}/decide`, body),
    onSuccess: async (x) => {
      await refresh(x);
      setOpen(false);
    },
  });
  if (!a.may.decide) return null;
  const reasonMissing = decision === "refuse" && !reason.trim();
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="permit-decide">{t("permits.actions.decide")}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("permits.actions.decideTitle", { code: a.trackingCode })} size="lg" closeButtonProps={{ "aria-label": t("common.close") }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (reasonMissing) return;
            decide.mutate({ decision, ...(reason.trim() ? { reasonTh: reason.trim() } : {}), ...(decidedOn ? { decidedOn } : {}) });
          }}
          data-testid="permit-decide-form"
        >
          <Stack gap="sm">
            <Text size="sm">{t("permits.actions.decideHint", { decider: f.pick(a.deciderLabelTh, a.deciderLabelEn) })}</Text>
            <Radio.Group label={t("permits.actions.decision")} value={decision} onChange={(x) => setDecision(x as "approve" | "refuse")} required>
              <Group gap="lg" mt={4}>
                <Radio value="approve" label={<span><span aria-hidden="true">✓ </span>{t("permits.actions.approve")}</span>} data-testid="permit-decide-approve" />
                <Radio value="refuse" label={<span><span aria-hidden="true">✕ </span>{t("permits.actions.refuse")}</span>} data-testid="permit-decide-refuse" />
              </Group>
            </Radio.Group>
            <Textarea
              label={t("permits.actions.reason")}
              description={t(decision === "refuse" ? "permits.actions.reasonRequired" : "permits.actions.reasonHint")}
              required={decision === "refuse"}
              autosize
              minRows={3}
              maxLength={4000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={(tried && reasonMissing ? t("permits.actions.reasonMissing") : undefined) ?? (isApiError(decide.error) ? decide.error.fieldError("reasonTh", f.lang) : undefined)}
              data-testid="permit-decide-reason"
            />
            <DateField label={t("permits.actions.decidedOn")} value={decidedOn} onChange={setDecidedOn} min={a.receivedOn} error={isApiError(decide.error) ? decide.error.fieldError("decidedOn", f.lang) : undefined} testId="permit-decide-date" />
            <ErrorAlert error={decide.error} />
            <Group gap="sm" justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
              <Button type="submit" color={decision === "refuse" ? "red.9" : undefined} loading={decide.isPending} data-testid="permit-decide-save">
                {t(decision === "approve" ? "permits.actions.approveSave" : "permits.actions.refuseSave")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** The applicant withdraws the application at the counter: an optional reason and date. */
function WithdrawButton({ a }: { a: PermitApplicationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [withdrawnOn, setWithdrawnOn] = useState("");
  const withdraw = useMutation({
    mutationFn: (body: { reasonTh?: string; withdrawnOn?: string }) => api.post<PermitApplicationDetail>(`/delegation/permits/${seg(a.id)}/withdraw`, body),
    onSuccess: async (x) => {
      await refresh(x);
      setOpen(false);
    },
  });
  if (!a.may.withdraw) return null;
  return (
    <>
      <Button variant="default" color="red.9" onClick={() => setOpen(true)} data-testid="permit-withdraw">{t("permits.actions.withdraw")}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("permits.actions.withdrawTitle", { code: a.trackingCode })} closeButtonProps={{ "aria-label": t("common.close") }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            withdraw.mutate({ ...(reason.trim() ? { reasonTh: reason.trim() } : {}), ...(withdrawnOn ? { withdrawnOn } : {}) });
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t("permits.actions.withdrawHint")}</Text>
            <Textarea label={t("permits.actions.withdrawReason")} autosize minRows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={isApiError(withdraw.error) ? withdraw.error.fieldError("reasonTh", f.lang) : undefined} data-testid="permit-withdraw-reason" />
            <DateField label={t("permits.actions.withdrawnOn")} value={withdrawnOn} onChange={setWithdrawnOn} min={a.receivedOn} error={isApiError(withdraw.error) ? withdraw.error.fieldError("withdrawnOn", f.lang) : undefined} testId="permit-withdraw-date" />
            <ErrorAlert error={withdraw.error} />
            <Group gap="sm" justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
              <Button type="submit" color="red.9" loading={withdraw.isPending} data-testid="permit-withdraw-save">{t("permits.actions.withdrawSave")}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
