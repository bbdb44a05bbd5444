import { Button, Card, Checkbox, Group, NumberInput, SegmentedControl, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ChangeInput, Decision, ProposalDetail, ResponseView } from "../../../modules/participation/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { NotFoundPage } from "../../ui/NotFound.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { Author, ChangesTable, HiddenBy, Picked, StateBadge, SubjectCard, SupportButton } from "./participation-ui.js";

const route = getRouteApi("/participation/proposals/$id");

/** A proposal: its text and support, the official response with what changed (before → after), comments; the office answers and moderates here. */
export function ProposalPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id } = route.useParams();
  const key = ["participation", "proposal", id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<ProposalDetail>(`/participation/proposals/${seg(id)}`), retry: (n, e) => !isApiError(e, 404) && n < 2 });
  if (isApiError(q.error, 404)) return <NotFoundPage />;
  if (q.isPending) return <PageLoader />;
  if (!q.data) return <ErrorAlert error={q.error} />;
  const p = q.data;
  const hidden = p.state === "hidden";
  return (
    <Stack gap="md" maw={860} mx="auto" data-testid="proposal-page">
      <AnchorLink to="/participation/calls/$id" params={{ id: p.call.id }} size="sm" lang={f.lang === "en" && !p.call.titleEn ? "th" : undefined}>← {f.pick(p.call.titleTh, p.call.titleEn)}</AnchorLink>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div>
          <Text size="sm" c="dark.5">{t("participation.kicker", { province: f.pick(p.call.provinceNameTh, p.call.provinceNameEn) })}</Text>
          <Title order={1} data-testid="proposal-title" lang={hidden ? undefined : "th"}>{hidden ? t("participation.hiddenTitle") : p.titleTh}</Title>
        </div>
        <StateBadge state={p.state} />
      </Group>
      {hidden ? (
        <Card withBorder p="md" data-testid="proposal-hidden">
          <Text><HiddenBy reason={p.hiddenReasonTh} /></Text>
          {p.viewer.canManage && (
            <Group mt="sm">
              <ModerateForm url={`/participation/proposals/${seg(p.id)}/unhide`} invalidate={key} label={t("participation.moderate.unhideProposal")} reasonLabel={t("participation.moderate.unhideReason")} testId="unhide-proposal" />
            </Group>
          )}
        </Card>
      ) : (
        <Card withBorder p="md">
          <Text style={{ whiteSpace: "pre-wrap" }} lang="th" data-testid="proposal-body">{p.bodyTh}</Text>
          <Text size="xs" c="dark.5" mt="xs"><Author name={p.authorName} /> · {f.date(p.createdAt)}</Text>
          <Group mt="md">
            <SupportButton proposalId={p.id} count={p.supportCount} supportedByMe={p.supportedByMe} viewer={p.viewer} disabled={!p.call.isOpen} invalidate={[key]} />
          </Group>
          <Text size="sm" mt="sm" data-testid="proposal-deadline">
            {p.thresholdReachedAt
              ? p.respondedAt
                ? t("participation.respondedOn", { date: f.date(p.respondedAt) })
                : t("participation.deadline", { date: f.date(p.responseDueOn) })
              : t("participation.toThreshold", { n: f.number(Math.max(0, p.call.supportThreshold - p.supportCount)), days: p.call.responseDays })}
          </Text>
        </Card>
      )}
      {p.response && <ResponseCard r={p.response} />}
      {!p.response && p.viewer.canManage && !hidden && <RespondForm p={p} invalidate={key} />}
      <SubjectCard subject={p.call.subject} />
      <Comments p={p} invalidate={key} />
      {/* an answered proposal is part of the record: the server refuses to hide it (409), so it is not offered */}
      {p.viewer.canManage && !hidden && !p.response && <ModerateForm url={`/participation/proposals/${seg(p.id)}/hide`} invalidate={key} label={t("participation.moderate.hideProposal")} reasonLabel={t("participation.moderate.reason")} danger testId="hide-proposal" />}
      {p.viewer.canManage && !hidden && p.response && <Text size="sm" c="dark.5" data-testid="proposal-kept">{t("participation.moderate.keptOnRecord")}</Text>}
    </Stack>
  );
}

function ResponseCard({ r }: { r: ResponseView }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder p="md" component="section" aria-labelledby="response-title" data-testid="official-response" style={{ borderLeft: "4px solid var(--mantine-color-green-7)" }}>
      <Title order={2} size="h3" id="response-title">{t("participation.response.title")}</Title>
      <Text fw={700} mt="xs" data-testid="response-decision">{t(`participation.decision.${r.decision}`)}</Text>
      <Text size="xs" c="dark.5">
        {t("participation.response.by", { date: f.date(r.publishedAt) })}
        {r.onTime === false ? ` · ${t("participation.response.late")}` : r.onTime ? ` · ${t("participation.response.onTime")}` : ""}
      </Text>
      <Picked mt="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="response-reasoning" th={r.reasoningTh} en={r.reasoningEn} />
      <Title order={3} size="h4" mt="md" mb="xs">{t("participation.response.changed")}</Title>
      <ChangesTable changes={r.changes} />
    </Card>
  );
}

function RespondForm({ p, invalidate }: { p: ProposalDetail; invalidate: string[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const subject = p.call.subject;
  const current = subject.targets.find((x) => x.round === 12)?.levels ?? [];
  const [decision, setDecision] = useState<Decision>("accepted");
  const [reasoningTh, setTh] = useState("");
  const [reasoningEn, setEn] = useState("");
  const [changeTarget, setChangeTarget] = useState(false);
  const [levels, setLevels] = useState<(number | string)[]>(current.length === 5 ? current : ["", "", "", "", ""]);
  const m = useMutation({
    mutationFn: () => {
      const changes: ChangeInput[] = changeTarget && subject.kind === "target" && subject.fiscalYear ? [{ kind: "target", kpiId: subject.id, fiscalYear: subject.fiscalYear, round: 12, levels: levels.map(Number) as [number, number, number, number, number] }] : [];
      return api.post<ResponseView>(`/participation/proposals/${seg(p.id)}/response`, { decision, reasoningTh, reasoningEn, changes });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: invalidate }),
  });
  return (
    <Card withBorder p="md" component="section" aria-labelledby="respond-title" data-testid="respond-form">
      <Title order={2} size="h4" id="respond-title" mb="sm">{t("participation.respond.title")}</Title>
      <form onSubmit={(e) => { e.preventDefault(); m.mutate(); }}>
        <Stack gap="sm">
          <SegmentedControl value={decision} onChange={(v) => setDecision(v as Decision)} data={(["accepted", "partly", "not_accepted"] as const).map((d) => ({ value: d, label: t(`participation.decision.${d}`) }))} data-testid="respond-decision" />
          <Textarea label={t("participation.respond.reasoningTh")} value={reasoningTh} onChange={(e) => setTh(e.currentTarget.value)} required minRows={4} autosize data-testid="respond-reasoning" />
          <Textarea label={t("participation.respond.reasoningEn")} value={reasoningEn} onChange={(e) => setEn(e.currentTarget.value)} minRows={2} autosize />
          {subject.kind === "target" && subject.fiscalYear && (
            <>
              <Checkbox label={t("participation.respond.changeTarget", { year: subject.fiscalYear })} checked={changeTarget} onChange={(e) => setChangeTarget(e.currentTarget.checked)} data-testid="respond-change-target" />
              {changeTarget && (
                <Group gap="xs" wrap="wrap">
                  {levels.map((v, k) => (
                    <NumberInput key={k} w={96} label={t("participation.respond.level", { n: k + 1 })} value={v} onChange={(x) => setLevels((ls) => ls.map((y, j) => (j === k ? x : y)))} data-testid={`respond-level-${k + 1}`} />
                  ))}
                </Group>
              )}
            </>
          )}
          <ErrorAlert error={m.error} />
          <Button type="submit" loading={m.isPending} data-testid="respond-submit">{t("participation.respond.submit")}</Button>
        </Stack>
      </form>
    </Card>
  );
}

function Comments({ p, invalidate }: { p: ProposalDetail; invalidate: string[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [bodyTh, setBody] = useState("");
  const [showName, setShowName] = useState(false);
  const m = useMutation({
    mutationFn: () => api.post(`/participation/proposals/${seg(p.id)}/comments`, { bodyTh, showName }),
    onSuccess: async () => {
      setBody("");
      await qc.invalidateQueries({ queryKey: invalidate });
    },
  });
  return (
    <Card withBorder p="md" component="section" aria-labelledby="comments-title">
      <Title order={2} size="h4" id="comments-title" mb="sm">{t("participation.commentsCount", { n: f.number(p.commentsList.filter((c) => !c.hiddenReasonTh).length) })}</Title>
      <Stack gap="xs" data-testid="comments">
        {p.commentsList.map((c) => (
          <div key={c.id} data-testid="comment">
            {c.hiddenReasonTh ? (
              <Group gap="xs">
                <Text size="sm" c="dark.5"><HiddenBy reason={c.hiddenReasonTh} /></Text>
                {p.viewer.canManage && <ModerateForm url={`/participation/comments/${seg(c.id)}/unhide`} invalidate={invalidate} label={t("participation.moderate.unhideComment")} reasonLabel={t("participation.moderate.unhideReason")} compact testId="unhide-comment" />}
              </Group>
            ) : (
              <>
                <Text size="sm" lang="th" style={{ whiteSpace: "pre-wrap" }}>{c.bodyTh}</Text>
                <Group gap="xs">
                  <Text size="xs" c="dark.5"><Author name={c.authorName} /> · {f.dateTime(c.createdAt)}</Text>
                  {p.viewer.canManage && <ModerateForm url={`/participation/comments/${seg(c.id)}/hide`} invalidate={invalidate} label={t("participation.moderate.hideComment")} reasonLabel={t("participation.moderate.reason")} danger compact testId="hide-comment" />}
                </Group>
              </>
            )}
          </div>
        ))}
        {p.commentsList.length === 0 && <Text size="sm" c="dark.5">{t("participation.noComments")}</Text>}
      </Stack>
      {p.viewer.canTakePart && p.call.isOpen && p.state !== "hidden" && (
        <form onSubmit={(e) => { e.preventDefault(); m.mutate(); }}>
          <Stack gap="xs" mt="md">
            <Textarea label={t("participation.comment.label")} value={bodyTh} onChange={(e) => setBody(e.currentTarget.value)} required minRows={2} autosize maxLength={2000} data-testid="comment-body" />
            <Checkbox label={t("participation.showName")} checked={showName} onChange={(e) => setShowName(e.currentTarget.checked)} />
            <ErrorAlert error={m.error} />
            <Button type="submit" variant="default" loading={m.isPending} data-testid="comment-submit">{t("participation.comment.submit")}</Button>
          </Stack>
        </form>
      )}
    </Card>
  );
}

/** Hide or show again (with a reason, audited): a button that opens a one-field form. */
function ModerateForm({ url, invalidate, label, reasonLabel, danger, compact, testId }: { url: string; invalidate: string[]; label: string; reasonLabel: string; danger?: boolean; compact?: boolean; testId: string }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reasonTh, setReason] = useState("");
  const m = useMutation({ mutationFn: () => api.post(url, { reasonTh }), onSuccess: () => qc.invalidateQueries({ queryKey: invalidate }) });
  const color = danger ? "red" : undefined;
  if (!open) return <Button size={compact ? "compact-xs" : "sm"} variant="subtle" color={color} onClick={() => setOpen(true)} data-testid={testId}>{label}</Button>;
  return (
    <form onSubmit={(e) => { e.preventDefault(); m.mutate(); }}>
      <Group gap="xs" align="flex-end">
        <Textarea label={reasonLabel} value={reasonTh} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={1} data-testid={`${testId}-reason`} />
        <Button type="submit" color={color} loading={m.isPending} data-testid={`${testId}-submit`}>{label}</Button>
      </Group>
      <ErrorAlert error={m.error} />
    </form>
  );
}
