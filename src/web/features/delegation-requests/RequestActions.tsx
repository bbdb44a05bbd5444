import { useState } from "react";
import { Button, Card, Group, Modal, Radio, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { RequestDetail } from "../../../modules/delegation/contracts-requests.js";
import { bangkokToday } from "../../../platform/thai/index.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";

/** Only the actions the server's `may` flags allow: the province edits, submits or withdraws; MOI, OPDC and the Cabinet (as recorded by OPDC) decide. */
export function RequestActions({ r, editing, onEdit }: { r: RequestDetail; editing: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const province = r.may.update || r.may.withdraw;
  if (!province && !r.may.reviewMoi && !r.may.reviewOpdc && !r.may.recordCabinet) return null;
  return (
    <Card withBorder component="section" aria-labelledby="request-actions-title" data-testid="request-actions">
      <Title order={2} size="h4" id="request-actions-title" mb="xs">{t("delegationRequests.actions.title")}</Title>
      <Stack gap="md">
        {province && !editing && <ProvinceActions r={r} onEdit={onEdit} />}
        {r.may.reviewMoi && <MoiReview r={r} />}
        {r.may.reviewOpdc && <OpdcReview r={r} />}
        {r.may.recordCabinet && <CabinetDecision r={r} />}
      </Stack>
    </Card>
  );
}

function useAct(r: RequestDetail, path: string, after?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post(`/delegation/requests/${seg(r.id)}/${path}`, { ...body, expectedVersion: r.version }),
    onSuccess: () => {
      after?.();
      void qc.invalidateQueries({ queryKey: ["delegation-requests"] });
      void qc.invalidateQueries({ queryKey: ["delegation"] });
    },
  });
}

function ProvinceActions({ r, onEdit }: { r: RequestDetail; onEdit: () => void }) {
  const { t } = useTranslation();
  const [withdrawing, setWithdrawing] = useState(false);
  const [comment, setComment] = useState("");
  const submit = useAct(r, "submit");
  const withdraw = useAct(r, "withdraw", () => setWithdrawing(false));
  return (
    <Stack gap="xs">
      <Group gap="sm">
        {r.may.update && (
          <Button variant={r.may.submit ? "default" : "filled"} onClick={onEdit} data-testid="request-edit">
            {r.status === "returned" ? t("delegationRequests.actions.revise") : t("delegationRequests.actions.edit")}
          </Button>
        )}
        {r.may.update && (
          <Button onClick={() => submit.mutate({})} loading={submit.isPending} disabled={!r.may.submit} data-testid="request-submit">
            {r.status === "returned" ? t("delegationRequests.actions.resubmit") : t("delegationRequests.actions.submit")}
          </Button>
        )}
        {r.may.withdraw && (
          <Button variant="outline" color="red.9" onClick={() => setWithdrawing(true)} data-testid="request-withdraw">
            {t("delegationRequests.actions.withdraw")}
          </Button>
        )}
      </Group>
      {r.may.update && !r.may.submit && <Text size="sm" c="dark.5">{t("delegationRequests.actions.submitBlocked")}</Text>}
      {r.may.submit && <Text size="sm" c="dark.5">{t("delegationRequests.actions.submitHint")}</Text>}
      <ErrorAlert error={submit.error} />
      <Modal opened={withdrawing} onClose={() => setWithdrawing(false)} title={t("delegationRequests.actions.withdrawTitle")}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            withdraw.mutate({ comment: comment.trim() || null });
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t("delegationRequests.actions.withdrawHint")}</Text>
            <Textarea label={t("delegationRequests.actions.comment")} autosize minRows={2} maxLength={4000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
            <ErrorAlert error={withdraw.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setWithdrawing(false)}>{t("common.cancel")}</Button>
              <Button type="submit" color="red.9" loading={withdraw.isPending} data-testid="request-withdraw-confirm">{t("delegationRequests.actions.withdraw")}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}

function MoiReview({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState("");
  const review = useAct(r, "review-moi", () => setComment(""));
  return (
    <Stack gap="xs" data-testid="moi-review">
      <Text size="sm">{t("delegationRequests.actions.moiHint")}</Text>
      <Textarea label={t("delegationRequests.actions.comment")} description={t("delegationRequests.actions.commentHint")} autosize minRows={2} maxLength={4000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-testid="review-comment" />
      <Group gap="sm">
        <Button onClick={() => review.mutate({ decision: "forward", comment: comment.trim() || null })} loading={review.isPending} data-testid="moi-forward">{t("delegationRequests.actions.moiForward")}</Button>
        <Button variant="default" disabled={!comment.trim()} onClick={() => review.mutate({ decision: "return", comment: comment.trim() })} loading={review.isPending} data-testid="moi-return">{t("delegationRequests.actions.returnToProvince")}</Button>
      </Group>
      <ErrorAlert error={review.error} />
    </Stack>
  );
}

function OpdcReview({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState("");
  const [opinion, setOpinion] = useState<string>("");
  const review = useAct(r, "review-opdc", () => setComment(""));
  return (
    <Stack gap="xs" data-testid="opdc-review">
      <Text size="sm">{t("delegationRequests.actions.opdcHint")}</Text>
      <Radio.Group label={t("delegationRequests.actions.opinion")} value={opinion} onChange={setOpinion}>
        <Group gap="md" mt={4}>
          <Radio value="support" label={t("delegationRequests.opinions.support")} data-testid="opinion-support" />
          <Radio value="not-support" label={t("delegationRequests.opinions.not-support")} data-testid="opinion-not-support" />
        </Group>
      </Radio.Group>
      <Textarea label={t("delegationRequests.actions.comment")} description={t("delegationRequests.actions.commentHint")} autosize minRows={2} maxLength={4000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-testid="review-comment" />
      <Group gap="sm">
        <Button disabled={!opinion} onClick={() => review.mutate({ decision: "recommend", opinion, comment: comment.trim() || null })} loading={review.isPending} data-testid="opdc-recommend">{t("delegationRequests.actions.opdcRecommend")}</Button>
        <Button variant="default" disabled={!comment.trim()} onClick={() => review.mutate({ decision: "return", comment: comment.trim() })} loading={review.isPending} data-testid="opdc-return">{t("delegationRequests.actions.returnToProvince")}</Button>
      </Group>
      <ErrorAlert error={review.error} />
    </Stack>
  );
}

function CabinetDecision({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const today = bangkokToday();
  const [decision, setDecision] = useState<string>("approve");
  const [cabinetDate, setCabinetDate] = useState(today);
  const [resolutionNo, setResolutionNo] = useState("");
  const [effectiveFrom, setFrom] = useState("");
  const [effectiveTo, setTo] = useState("");
  const [comment, setComment] = useState("");
  const record = useAct(r, "cabinet-decision");
  const err = (path: string) => (isApiError(record.error) ? record.error.fieldError(path, f.lang) : undefined);
  const approve = decision === "approve";
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        record.mutate({
          decision,
          cabinetDate,
          resolutionNo: resolutionNo.trim(),
          ...(approve ? { effectiveFrom: effectiveFrom || null, effectiveTo: effectiveTo || null } : {}),
          comment: comment.trim() || null,
        });
      }}
      data-testid="cabinet-form"
    >
      <Stack gap="xs">
        <Text size="sm">{t("delegationRequests.actions.cabinetHint")}</Text>
        <Radio.Group label={t("delegationRequests.actions.cabinetDecision")} value={decision} onChange={setDecision}>
          <Group gap="md" mt={4}>
            <Radio value="approve" label={t("delegationRequests.actions.cabinetApprove")} data-testid="cabinet-approve" />
            <Radio value="reject" label={t("delegationRequests.actions.cabinetReject")} data-testid="cabinet-reject" />
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput type="date" label={t("delegationRequests.actions.cabinetDate")} required max={today} value={cabinetDate} onChange={(e) => setCabinetDate(e.currentTarget.value)} description={cabinetDate ? f.date(cabinetDate, "long") : undefined} error={err("cabinetDate")} data-testid="cabinet-date" />
          <TextInput label={t("delegationRequests.actions.resolutionNo")} required maxLength={100} value={resolutionNo} onChange={(e) => setResolutionNo(e.currentTarget.value)} error={err("resolutionNo")} data-testid="cabinet-resolution" />
          {approve && (
            <TextInput type="date" label={t("delegationRequests.actions.effectiveFrom")} value={effectiveFrom} onChange={(e) => setFrom(e.currentTarget.value)} description={effectiveFrom ? f.date(effectiveFrom, "long") : t("delegationRequests.actions.effectiveFromHint")} error={err("effectiveFrom")} data-testid="cabinet-effective-from" />
          )}
          {approve && (
            <TextInput type="date" label={t("delegationRequests.actions.effectiveTo")} value={effectiveTo} onChange={(e) => setTo(e.currentTarget.value)} description={effectiveTo ? f.date(effectiveTo, "long") : t("delegationRequests.actions.effectiveToHint")} error={err("effectiveTo")} data-testid="cabinet-effective-to" />
          )}
        </SimpleGrid>
        <Textarea label={t("delegationRequests.actions.comment")} autosize minRows={1} maxLength={4000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        <ErrorAlert error={record.error} />
        <Group>
          <Button type="submit" loading={record.isPending} disabled={!cabinetDate || !resolutionNo.trim()} data-testid="cabinet-submit">{t("delegationRequests.actions.cabinetRecord")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
