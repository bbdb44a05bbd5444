import { useState } from "react";
import { Badge, Blockquote, Box, Breadcrumbs, Card, Grid, Group, List, SimpleGrid, Stack, Text, Timeline, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { AuthorityAnswer, DelegationView } from "../../../modules/delegation/contracts.js";
import type { RequestDetail, RequestEventView } from "../../../modules/delegation/contracts-requests.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { Bi } from "../agendas/Bi.js";
import { RequestActions } from "./RequestActions.js";
import { bodyOf, fieldsOf, RequestForm } from "./RequestForm.js";
import { RequestStages } from "./RequestStages.js";
import { RequestStatusBadge, StageDue } from "./RequestStatus.js";

const route = getRouteApi("/delegation/requests/$id");

/** One request: where it stands on its road, its content, what the caller may do now, its history and, once decided, what changed. */
export function RequestPage() {
  const { id } = route.useParams();
  const q = useQuery({ queryKey: ["delegation-requests", "detail", id], queryFn: () => api.get<RequestDetail>(`/delegation/requests/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <RequestView r={q.data} />;
}

function RequestView({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const update = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch(`/delegation/requests/${seg(r.id)}`, { ...body, expectedVersion: r.version }),
    onSuccess: () => {
      setEditing(false);
      void qc.invalidateQueries({ queryKey: ["delegation-requests"] });
    },
  });
  const province = f.pick(r.provinceNameTh, r.provinceNameEn);
  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs separator="›" styles={{ root: { flexWrap: "wrap" } }}>
          <AnchorLink to="/delegation/requests" size="sm">{t("delegationRequests.title")}</AnchorLink>
          <AnchorLink to="/delegation/requests" search={{ provinceCode: r.provinceCode }} size="sm">{province}</AnchorLink>
        </Breadcrumbs>
        <Group gap="sm" mt="xs">
          <RequestStatusBadge status={r.status} size="lg" />
          <Badge variant="outline" color="gray.8" c="dark.9">{t(`delegationRequests.areas.${r.powerArea}`)}</Badge>
          <DemoBadge isDemo={r.isDemo} />
        </Group>
        {/* the title is Thai data; the English heading says what it is and the power's name follows as data */}
        <Title order={1} mt={4} data-testid="request-title">
          {f.lang === "en" ? t("delegationRequests.requestFor", { province }) : r.titleTh}
        </Title>
        {f.lang === "en" && <Text size="lg" fw={600}><Bi th={r.powerNameTh} en={r.powerNameEn} /></Text>}
        <Group gap="lg" mt="xs">
          <Text size="sm">{t("delegationRequests.province")}: <AnchorLink to="/provinces/$code" params={{ code: r.provinceCode }}>{province}</AnchorLink></Text>
          <Text size="sm">{t("delegationRequests.power")}: {r.powerCode} · <Bi th={r.powerNameTh} en={r.powerNameEn} /></Text>
          <Text size="sm">{t("delegationRequests.centralNow")}: <Bi th={r.centralOrgNameTh} en={r.centralOrgNameEn} /></Text>
          <Text size="sm">{t("delegationRequests.createdBy", { date: f.date(r.createdAt) })} <Bi th={r.createdByName} /></Text>
        </Group>
      </div>

      <RequestStages r={r} />

      {r.status === "returned" && <ReturnedBecause r={r} />}

      <RequestActions r={r} editing={editing} onEdit={() => setEditing(true)} />

      {r.issues.length > 0 && (
        <Card withBorder data-testid="request-issues" style={{ borderColor: "var(--mantine-color-orange-7)" }}>
          <Text fw={700}><span aria-hidden="true">⚠ </span>{t("delegationRequests.issuesTitle")}</Text>
          <List size="sm" mt={4}>
            {r.issues.map((i) => (
              <List.Item key={i.code}>{f.pick(i.messageTh, i.messageEn)}</List.Item>
            ))}
          </List>
        </Card>
      )}

      {(r.instruments.length > 0 || r.status === "approved" || r.status === "rejected") && <Outcome r={r} />}

      {editing ? (
        <RequestForm
          initial={fieldsOf(r)}
          title={t("delegationRequests.editTitle")}
          submitLabel={t("common.save")}
          onSubmit={(c) => update.mutate(bodyOf(c))}
          onCancel={() => setEditing(false)}
          pending={update.isPending}
          error={update.error}
        />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Facts r={r} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="lg">
              <AuthorityToday a={r.authorityToday} />
              <Events r={r} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

/** Why the request came back to the province: the returning stage's comment, next to what the province can do about it. */
function ReturnedBecause({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const e = [...r.events].reverse().find((x) => x.action === "moi-return" || x.action === "opdc-return");
  if (!e) return null;
  return (
    <Card withBorder data-testid="request-returned" style={{ borderColor: "var(--mantine-color-orange-7)" }}>
      <Text fw={700}><span aria-hidden="true">↩ </span>{t(`delegationRequests.events.${e.action}`)} · {f.date(e.at)}</Text>
      {e.commentTh && <Text size="sm" mt={4}><Bi th={e.commentTh} /></Text>}
    </Card>
  );
}

/** A labelled value: figures in bold, running text (`plain`) in the body weight. */
function Fact({ label, children, testId, plain = false }: { label: string; children: React.ReactNode; testId?: string; plain?: boolean }) {
  return (
    <div data-testid={testId}>
      <Text size="sm" c="dark.4">{label}</Text>
      <Box fw={plain ? 400 : 600}>{children}</Box>
    </div>
  );
}

/** What the province asks for and why: volume, turnaround now and if delegated, what citizens gain, the cap and conditions. */
function Facts({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const none = <Text span c="dark.4" fw={400}>{t("delegationRequests.notGiven")}</Text>;
  return (
    <Card withBorder component="section" aria-labelledby="facts-title" data-testid="request-facts">
      <Title order={2} size="h3" id="facts-title" mb="sm">{t("delegationRequests.facts")}</Title>
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }} spacing="sm" mb="md">
        <Fact label={t("delegationRequests.field.yearlyVolume")}>{t("delegationRequests.mattersN", { n: f.number(r.yearlyVolume) })}</Fact>
        <Fact label={t("delegationRequests.field.centralDays")}>{t("delegationRequests.daysN", { n: f.number(r.centralTurnaroundDays) })}</Fact>
        <Fact label={t("delegationRequests.field.expectedDays")}>{t("delegationRequests.daysN", { n: f.number(r.expectedTurnaroundDays) })}</Fact>
        <Fact label={t("delegationRequests.savedPerYear")} testId="request-saved">{t("delegationRequests.daysN", { n: f.number(r.citizenDaysSavedPerYear) })}</Fact>
      </SimpleGrid>
      <Stack gap="sm">
        <Fact plain label={t("delegationRequests.field.benefit")}>{r.benefitTh ? <Bi th={r.benefitTh} /> : none}</Fact>
        <Fact plain label={t("delegationRequests.field.justification")}>{r.justificationTh ? <Bi th={r.justificationTh} /> : none}</Fact>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Fact label={t("delegationRequests.field.amountCap")}>{r.amountCap ? f.baht(r.amountCap) : t("delegationRequests.noCap")}</Fact>
          <Fact label={t("delegationRequests.field.maySubdelegate")}>{r.maySubdelegate ? t("delegationRequests.yes") : t("delegationRequests.no")}</Fact>
        </SimpleGrid>
        <Fact plain label={t("delegationRequests.field.conditions")}>{r.conditionsTh ? <Bi th={r.conditionsTh} /> : none}</Fact>
        {r.submittedAt && <Fact label={t("delegationRequests.submittedAt")}>{f.dateTime(r.submittedAt)}</Fact>}
        {r.stageDueOn && <Fact label={t("delegationRequests.stageDue")}><StageDue r={r} /></Fact>}
      </Stack>
    </Card>
  );
}

/** Who decides this power in this province today: the governor under an instrument, or still the centre. */
export function AuthorityToday({ a }: { a: AuthorityAnswer }) {
  const { t } = useTranslation();
  const f = useFormat();
  const delegated = a.decision === "delegated";
  return (
    <Card withBorder component="section" aria-labelledby="authority-title" data-testid="authority-today" data-decision={a.decision}>
      <Title order={2} size="h4" id="authority-title" mb="xs">{t("delegationRequests.authority.title", { date: f.date(a.date) })}</Title>
      <Badge variant="light" color={delegated ? "green" : "gray"} c="dark.9" size="lg" leftSection={<span aria-hidden="true">{delegated ? "✓" : "■"}</span>} data-testid="authority-decision">
        {t(`delegationRequests.authority.${a.decision}`)}
      </Badge>
      {delegated ? (
        <List size="sm" mt="xs">
          {a.deciders.map((d) => (
            <List.Item key={d.delegationId} data-testid="authority-decider">
              <Bi th={d.labelTh} en={d.labelEn} />
              {d.amountCap && <> · {t("delegationRequests.authority.cap", { amount: f.baht(d.amountCap) })}</>}
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" mt="xs" data-testid="authority-central"><Bi th={a.central.authorityTh || a.central.nameTh} en={a.central.authorityEn || a.central.nameEn} /></Text>
      )}
      <Text size="sm" c="dark.5" mt="xs"><Bi th={a.explanationTh} en={a.explanationEn} /></Text>
    </Card>
  );
}

/** The Cabinet's decision and the instrument its approval created (its page is in the delegation registry). */
function Outcome({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder component="section" aria-labelledby="outcome-title" data-testid="request-outcome" style={{ borderColor: `var(--mantine-color-${r.status === "approved" ? "green" : "gray"}-7)` }}>
      <Title order={2} size="h3" id="outcome-title" mb="xs">{t("delegationRequests.outcome.title")}</Title>
      <Group gap="sm" mb="xs">
        <RequestStatusBadge status={r.status} />
        {r.cabinetDate && <Text size="sm">{t("delegationRequests.cabinetOn", { date: f.date(r.cabinetDate), no: r.cabinetResolutionNo ?? "" })}</Text>}
      </Group>
      {r.instruments.length > 0 && (
        <Stack gap="xs">
          <Text size="sm" fw={700}>{t("delegationRequests.outcome.instruments")}</Text>
          {r.instruments.map((d) => (
            <InstrumentLine key={d.id} d={d} />
          ))}
        </Stack>
      )}
    </Card>
  );
}

function InstrumentLine({ d }: { d: DelegationView }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Group gap="xs" wrap="wrap" data-testid="request-instrument">
      {/* the instrument page belongs to the delegation registry's pages */}
      <AnchorLink to="/delegation/instruments/$id" params={{ id: d.id }} fw={600} data-testid="instrument-link" lang={f.lang === "en" ? "th" : undefined}>
        {d.instrumentNo}
      </AnchorLink>
      <Text size="sm">
        <Bi th={d.delegatorLabelTh} en={d.delegatorLabelEn} /> → <Bi th={d.delegateLabelTh} en={d.delegateLabelEn} />
      </Text>
      <Text size="sm">{t("delegationRequests.effectiveRange", { from: f.date(d.effectiveFrom), to: d.effectiveTo ? f.date(d.effectiveTo) : t("delegationRequests.noEnd") })}</Text>
      <Badge variant="outline" color="gray.8" c="dark.9">{t(`delegationRequests.instrumentStatus.${d.status}`)}</Badge>
    </Group>
  );
}

const ICON: Record<RequestEventView["action"], string> = {
  create: "★",
  update: "✎",
  submit: "➜",
  resubmit: "➜",
  withdraw: "■",
  "moi-forward": "➜",
  "moi-return": "↩",
  "opdc-recommend": "➜",
  "opdc-return": "↩",
  "cabinet-approve": "✓",
  "cabinet-reject": "✗",
};

/** Every step with who took it, when, the comment and what it recorded, oldest first. */
function Events({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const extra = (e: RequestEventView): string[] => {
    const d = e.details;
    const out: string[] = [];
    if (typeof d.opinion === "string") out.push(t(`delegationRequests.opinions.${d.opinion}`));
    if (typeof d.cabinetDate === "string") out.push(t("delegationRequests.cabinetOn", { date: f.date(d.cabinetDate), no: String(d.resolutionNo ?? "") }));
    if (typeof d.effectiveFrom === "string") out.push(t("delegationRequests.effectiveRange", { from: f.date(d.effectiveFrom), to: typeof d.effectiveTo === "string" ? f.date(d.effectiveTo) : t("delegationRequests.noEnd") }));
    if (typeof d.fields === "string" && d.fields) out.push(t("delegationRequests.changedFields", { fields: d.fields.split(",").map((x) => t(`delegationRequests.fieldNames.${x}`, { defaultValue: x })).join(", ") }));
    return out;
  };
  return (
    <Card withBorder component="section" aria-labelledby="events-title">
      <Title order={2} size="h4" id="events-title" mb="sm">{t("delegationRequests.eventsTitle")}</Title>
      <Timeline active={r.events.length - 1} bulletSize={24} lineWidth={2} data-testid="request-events">
        {r.events.map((e) => (
          <Timeline.Item key={e.id} bullet={<span aria-hidden="true">{ICON[e.action]}</span>} title={t(`delegationRequests.events.${e.action}`)} data-action={e.action}>
            <Text size="xs" c="dark.4">
              {f.dateTime(e.at)} · <Bi th={e.actorName} />
            </Text>
            {extra(e).map((x) => (
              <Text size="xs" key={x}>{x}</Text>
            ))}
            {e.commentTh && (
              <Blockquote p="xs" mt={4} color="gray" fz="sm" data-testid="event-comment">
                <Bi th={e.commentTh} />
              </Blockquote>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
