import { useState } from "react";
import { Badge, Blockquote, Breadcrumbs, Button, Card, Grid, Group, List, SegmentedControl, Stack, Text, Textarea, Timeline, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { EMPTY_PROPOSAL, type AgendaAssignmentDetail, type ReviewDecision, type ReviewStage } from "../../../modules/strategy/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { provincesQuery } from "../provinces/queries.js";
import { Bi } from "./Bi.js";
import { CompareVersions } from "./CompareVersions.js";
import { ProposalEditor } from "./ProposalEditor.js";
import { ProposalView } from "./ProposalView.js";
import { StatusBadge } from "./StatusBadge.js";

const route = getRouteApi("/agendas/$id");

/** One assignment: the proposal, the actions the caller may take, the workflow timeline and a comparison of versions. */
export function AgendaPage() {
  const { id } = route.useParams();
  const q = useQuery({ queryKey: ["agenda-assignments", "detail", id], queryFn: () => api.get<AgendaAssignmentDetail>(`/agenda-assignments/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <AgendaView a={q.data} />;
}

function AgendaView({ a }: { a: AgendaAssignmentDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useQuery(provincesQuery);
  const province = provinces.data?.find((p) => p.code === a.provinceCode);
  const [editing, setEditing] = useState(false);
  const latest = a.versions[a.versions.length - 1];
  const [shown, setShown] = useState<number | null>(null);
  const view = a.versions.find((v) => v.version === (shown ?? latest?.version)) ?? latest;
  const nextVersion = a.status === "returned" ? a.currentVersion + 1 : a.currentVersion;
  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs separator="›" styles={{ root: { flexWrap: "wrap" } }}>
          <AnchorLink to="/agendas" size="sm">{t("nav.agendas")}</AnchorLink>
          <AnchorLink to="/agendas" search={{ provinceCode: a.provinceCode }} size="sm">{province ? f.name(province) : a.provinceCode}</AnchorLink>
        </Breadcrumbs>
        <Group gap="sm" mt="xs">
          <StatusBadge status={a.status} size="lg" />
          <Badge variant="outline" color="gray.8" c="dark.9">{t("agendas.versionN", { n: a.currentVersion })}</Badge>
          <DemoBadge isDemo={a.isDemo} />
        </Group>
        <Title order={1} mt={4} data-testid="agenda-title"><Bi th={a.titleTh} en={a.titleEn} /></Title>
        <Group gap="lg" mt="xs">
          <Text size="sm">
            {t("agendas.province")}: <AnchorLink to="/provinces/$code" params={{ code: a.provinceCode }}>{province ? f.name(province) : a.provinceCode}</AnchorLink>
          </Text>
          <Text size="sm">
            {t(`strategy.kinds.${a.agenda.kind}`)}: <AnchorLink to="/strategy/$id" params={{ id: a.agenda.id }} data-testid="agenda-node-link"><Bi th={a.agenda.nameTh} en={a.agenda.nameEn} /></AnchorLink>
          </Text>
          <Text size="sm">{t("agendas.assignedOn", { date: f.date(a.assignedOn) })} · <Bi th={a.assignedBy} /></Text>
        </Group>
      </div>

      <Actions a={a} editing={editing} onEdit={() => setEditing(true)} nextVersion={nextVersion} />

      {a.issues.length > 0 && (
        <Card withBorder data-testid="proposal-issues" style={{ borderColor: "var(--mantine-color-orange-7)" }}>
          <Text fw={700}><span aria-hidden="true">⚠ </span>{t("agendas.issuesTitle")}</Text>
          <List size="sm" mt={4}>
            {a.issues.map((i) => (
              <List.Item key={i.code + i.messageEn}>{f.pick(i.messageTh, i.messageEn)}</List.Item>
            ))}
          </List>
        </Card>
      )}

      {editing ? (
        <ProposalEditor assignmentId={a.id} initial={a.versions.find((v) => v.version === a.currentVersion)?.content ?? latest?.content ?? EMPTY_PROPOSAL} nextVersion={nextVersion} onDone={() => { setEditing(false); setShown(null); }} />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Card withBorder component="section" aria-labelledby="proposal-title">
              <Group justify="space-between" mb="sm" wrap="wrap">
                <Title order={2} size="h3" id="proposal-title">{t("agendas.proposal")}</Title>
                {a.versions.length > 1 && view && (
                  <SegmentedControl
                    aria-label={t("agendas.showVersion")}
                    value={String(view.version)}
                    onChange={(v) => setShown(Number(v))}
                    data={a.versions.map((v) => ({ value: String(v.version), label: t("agendas.versionN", { n: v.version }) }))}
                    data-testid="version-picker"
                  />
                )}
              </Group>
              {view ? (
                <>
                  <Group gap="xs" mb="sm">
                    <StatusBadge status={view.state} size="sm" />
                    <Text size="sm" c="dark.4">{t("agendas.editedBy", { date: f.dateTime(view.editedAt) })} <Bi th={view.editedByName} /></Text>
                  </Group>
                  <ProposalView content={view.content} />
                </>
              ) : (
                <Text c="dark.4" data-testid="proposal-empty">{t("agendas.noProposal")}</Text>
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <WorkflowTimeline a={a} />
          </Grid.Col>
        </Grid>
      )}
      {!editing && <CompareVersions a={a} />}
    </Stack>
  );
}

function Actions({ a, editing, onEdit, nextVersion }: { a: AgendaAssignmentDetail; editing: boolean; onEdit: () => void; nextVersion: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [comment, setComment] = useState("");
  const done = () => {
    setComment("");
    void qc.invalidateQueries({ queryKey: ["agenda-assignments"] });
  };
  const submit = useMutation({ mutationFn: () => api.post(`/agenda-assignments/${seg(a.id)}/submit`, {}), onSuccess: done });
  const review = useMutation({
    mutationFn: (r: { stage: ReviewStage; decision: ReviewDecision }) => api.post(`/agenda-assignments/${seg(a.id)}/review`, { ...r, comment: comment.trim() || null }),
    onSuccess: done,
  });
  const stage: ReviewStage | null = a.may.reviewMoi ? "moi" : a.may.reviewOpdc ? "opdc" : null;
  if (!stage && (editing || (!a.may.edit && !a.may.submit))) return null;
  return (
    <Card withBorder component="section" aria-labelledby="actions-title" data-testid="agenda-actions">
      <Title order={2} size="h4" id="actions-title" mb="xs">{t("agendas.actions.title")}</Title>
      {(a.may.edit || a.may.submit) && !editing && (
        <Group gap="sm">
          {a.may.edit && (
            <Button variant={a.may.submit ? "default" : "filled"} onClick={onEdit} data-testid="proposal-edit">
              {a.status === "returned" ? t("agendas.actions.revise", { n: nextVersion }) : t("agendas.actions.edit")}
            </Button>
          )}
          {a.may.submit && <Button onClick={() => submit.mutate()} loading={submit.isPending} data-testid="proposal-submit">{t("agendas.actions.submit")}</Button>}
        </Group>
      )}
      {stage && (
        <Stack gap="xs">
          <Text size="sm">{t(`agendas.actions.${stage}Hint`)}</Text>
          <Textarea label={t("agendas.actions.comment")} description={t("agendas.actions.commentHint")} autosize minRows={2} maxLength={4000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-testid="review-comment" />
          <Group gap="sm">
            <Button onClick={() => review.mutate({ stage, decision: stage === "moi" ? "forward" : "approve" })} loading={review.isPending} data-testid={stage === "moi" ? "review-forward" : "review-approve"}>
              {t(stage === "moi" ? "agendas.actions.forward" : "agendas.actions.approve")}
            </Button>
            <Button variant="default" disabled={!comment.trim()} onClick={() => review.mutate({ stage, decision: "return" })} loading={review.isPending} data-testid="review-return">
              {t("agendas.actions.return")}
            </Button>
          </Group>
        </Stack>
      )}
      <ErrorAlert error={submit.error ?? review.error} />
    </Card>
  );
}

type Event = { at: string; key: string; title: string; who?: string; comment?: string | null; icon: string };

/** Assignment, each version's writing and submission, and every review with its comment, oldest first. */
function WorkflowTimeline({ a }: { a: AgendaAssignmentDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const events: Event[] = [{ at: `${a.assignedOn}T00:00:00Z`, key: "assigned", title: t("agendas.timeline.assigned"), who: a.assignedBy, icon: "★" }];
  for (const v of a.versions) {
    events.push({ at: v.editedAt, key: `v${v.version}-edit`, title: t("agendas.timeline.saved", { n: v.version }), who: v.editedByName, icon: "✎" });
    if (v.submittedAt) events.push({ at: v.submittedAt, key: `v${v.version}-submit`, title: t("agendas.timeline.submitted", { n: v.version }), icon: "➜" });
  }
  for (const r of a.reviews) {
    events.push({ at: r.reviewedAt, key: r.id, title: t(`agendas.timeline.${r.stage}.${r.decision}`, { n: r.version }), who: r.reviewedByName, comment: r.comment, icon: r.decision === "return" ? "↩" : r.decision === "approve" ? "✓" : "➜" });
  }
  // a version is written before it is submitted, and reviewed after: keep that order when times tie
  const order = (e: Event) => (e.key === "assigned" ? 0 : e.key.endsWith("-edit") ? 1 : e.key.endsWith("-submit") ? 2 : 3);
  events.sort((x, y) => x.at.localeCompare(y.at) || order(x) - order(y));
  return (
    <Card withBorder component="section" aria-labelledby="timeline-title">
      <Title order={2} size="h3" id="timeline-title" mb="sm">{t("agendas.timeline.title")}</Title>
      <Timeline active={events.length - 1} bulletSize={24} lineWidth={2} data-testid="agenda-timeline">
        {events.map((e) => (
          <Timeline.Item key={e.key} bullet={<span aria-hidden="true">{e.icon}</span>} title={e.title}>
            <Text size="xs" c="dark.4">
              {e.key === "assigned" ? f.date(a.assignedOn) : f.dateTime(e.at)}
              {e.who && <> · <Bi th={e.who} /></>}
            </Text>
            {e.comment && (
              <Blockquote p="xs" mt={4} color="gray" fz="sm" data-testid="review-comment-text">
                <Bi th={e.comment} />
              </Blockquote>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
