import { useState } from "react";
import { Alert, Anchor, Breadcrumbs, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { CaseDetail, CaseEventView, CaseStatus, SubmittedCase } from "../../../modules/cases/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { CaseActions, PublicTextEditor } from "./CaseActions.js";
import { DuplicatesPanel, SuggestionsPanel } from "./CaseHints.js";
import { CASE_STEPS, CaseStatusBadge, caseKey, EscalationBadge, OPEN, OverdueFlag, photoSrc, submittedKey, VisibilityBadge } from "./cases-ui.js";
import { Fact } from "../../ui/fact.js";

const route = getRouteApi("/cases/$id");

/** One case as the people handling it see it: what, where, who reported, its clock, its whole timeline and what to do next. */
export function CasePage() {
  const { id } = route.useParams();
  const q = useQuery({ queryKey: caseKey(id), queryFn: () => api.get<CaseDetail>(`/cases/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <CaseView c={q.data} />;
}


function CaseView({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const thData = f.lang === "en" ? "th" : undefined;
  const open = OPEN.has(c.status) && !c.mergedInto;
  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs separator="›" styles={{ root: { flexWrap: "wrap" } }}>
          <AnchorLink to="/cases" size="sm">{t("casesStaff.queue.title")}</AnchorLink>
          <Text size="sm">{c.publicRef}</Text>
        </Breadcrumbs>
        <TrackingCodeBanner id={c.id} />
        <Group gap="sm" mt="xs" wrap="wrap">
          <Title order={1} size="h2" data-testid="case-title">{t("casesStaff.case.title", { ref: c.publicRef })}</Title>
          <CaseStatusBadge status={c.status} size="lg" />
          {c.overdue && <OverdueFlag />}
          {c.escalationLevel > 0 && <EscalationBadge level={c.escalationLevel} />}
        </Group>
        <Text size="sm" mt={4}>
          <b>{f.pick(c.categoryNameTh, c.categoryNameEn)}</b> · {t(`casesStaff.channel.${c.channel}`)} · {f.pick(c.areaNameTh, c.areaNameEn)}
        </Text>
      </div>

      {c.mergedInto && (
        <Alert color="gray" variant="light" role="note" icon={<span aria-hidden="true">⇢</span>} data-testid="case-merged">
          {t("casesStaff.case.mergedInto")} <AnchorLink to="/cases/$id" params={{ id: c.mergedInto }}>{t("casesStaff.case.openMerged")}</AnchorLink>
        </Alert>
      )}

      <StatusSteps c={c} />

      {c.can.handle || c.can.assign ? <CaseActions c={c} /> : <Text size="sm" c="dark.4" data-testid="case-read-only">{t("casesStaff.case.readOnly")}</Text>}

      {/* triage first: what the text suggests and what it may repeat, beside the actions */}
      {open && c.can.handle && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <SuggestionsPanel c={c} />
          <DuplicatesPanel c={c} />
        </SimpleGrid>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder component="section" aria-labelledby="case-facts-title" data-testid="case-facts">
          <Title order={2} size="h3" id="case-facts-title" mb="xs">{t("casesStaff.case.facts")}</Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Fact label={t("casesStaff.category")}>{f.pick(c.categoryNameTh, c.categoryNameEn)}</Fact>
            <Fact label={t("casesStaff.channelLabel")}>{t(`casesStaff.channel.${c.channel}`)}</Fact>
            <Fact label={t("casesStaff.area")} testId="case-area">{f.pick(c.areaNameTh, c.areaNameEn)}</Fact>
            <Fact label={t("casesStaff.case.address")}><span lang={thData}>{c.addressTh || "—"}</span></Fact>
            <Fact label={t("casesStaff.case.pin")} testId="case-pin">
              {c.lat !== null && c.lon !== null ? (
                <>
                  <span style={{ fontVariantNumeric: "tabular-nums" }}>{c.lat.toFixed(6)}, {c.lon.toFixed(6)}</span>{" "}
                  <Anchor href={`https://www.openstreetmap.org/?mlat=${c.lat}&mlon=${c.lon}#map=18/${c.lat}/${c.lon}`} target="_blank" rel="noopener noreferrer" size="sm">{t("casesStaff.case.openMap")}</Anchor>
                </>
              ) : (
                t(c.reporters ? "casesStaff.case.noPin" : "casesStaff.case.pinHidden")
              )}
            </Fact>
            <Fact label={t("casesStaff.handledBy")} testId="case-org">
              {c.assignedOrg ? <AnchorLink to="/organizations/$id" params={{ id: c.assignedOrg.id }}>{f.name(c.assignedOrg)}</AnchorLink> : "—"}
              {c.routedBy && <Text size="xs" c="dark.4">{t(`casesStaff.routedBy.${c.routedBy}`, { defaultValue: c.routedBy })}</Text>}
            </Fact>
            <Fact label={t("casesStaff.case.assignee")} testId="case-assignee"><span lang={thData}>{c.assigneeName ?? "—"}</span></Fact>
            <Fact label={t("casesStaff.escalation.title")}><EscalationBadge level={c.escalationLevel} /></Fact>
            <Fact label={t("casesStaff.receivedAt")}>{f.dateTime(c.receivedAt)}</Fact>
            <Fact label={t("casesStaff.case.acceptDueAt")} testId="case-accept-due">{f.dateTime(c.acceptDueAt)}{c.acceptedAt ? ` · ${t("casesStaff.case.acceptedAt", { at: f.dateTime(c.acceptedAt) })}` : ""}</Fact>
            <Fact label={t("casesStaff.resolveDueAt")} testId="case-resolve-due">
              {f.dateTime(c.resolveDueAt)} {c.overdue && <OverdueFlag />}
            </Fact>
            <Fact label={t("casesStaff.case.support")}>{t("casesStaff.case.supportCount", { count: c.supportCount })}</Fact>
            {c.rating !== null && <Fact label={t("casesStaff.case.rating")}>{t("casesStaff.case.ratingValue", { rating: c.rating })}</Fact>}
            {c.resolutionTh && <Fact label={t("casesStaff.case.resolution")}><span lang={thData}>{c.resolutionTh}</span></Fact>}
            {c.disputedAt && <Fact label={t("casesStaff.case.disputedAt")}>{f.dateTime(c.disputedAt)}</Fact>}
          </SimpleGrid>
        </Card>

        <Card withBorder component="section" aria-labelledby="case-text-title" data-testid="case-text">
          <Title order={2} size="h3" id="case-text-title" mb="xs">{t(c.reporters ? "casesStaff.case.description" : "casesStaff.publicText.title")}</Title>
          {c.reporters ? (
            <>
              <Text size="xs" c="dark.4" mb={4}>{t("casesStaff.case.descriptionHint")}</Text>
              <Text style={{ whiteSpace: "pre-wrap" }} lang={thData} data-testid="case-description">{c.descriptionTh}</Text>
              <PublicTextEditor c={c} />
            </>
          ) : (
            // readers who do not handle the case get the public text only (the server sends it as the description too)
            <>
              <Text size="xs" c="dark.4" mb={4}>{t("casesStaff.case.descriptionRedacted")}</Text>
              <Text style={{ whiteSpace: "pre-wrap" }} lang={thData} data-testid="case-description">{c.publicText}</Text>
            </>
          )}
        </Card>
      </SimpleGrid>

      <ReportersCard c={c} />
      <PhotosCard c={c} />

      <TimelineCard timeline={c.timeline} />
    </Stack>
  );
}

/** The tracking code the intake page just received: shown once, to read to the caller (it is never in the address). */
function TrackingCodeBanner({ id }: { id: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [submitted] = useState(() => qc.getQueryData<SubmittedCase>(submittedKey(id)) ?? null);
  const [shown, setShown] = useState(!!submitted);
  if (!submitted || !shown) return null;
  return (
    <Alert color="green" variant="light" mt="sm" role="status" title={t("casesStaff.newCase.savedTitle")} icon={<span aria-hidden="true">✓</span>} data-testid="case-tracking-banner">
      <Text size="sm">{t("casesStaff.newCase.readCode")}</Text>
      <Text fw={700} size="xl" style={{ letterSpacing: 2, fontFamily: "monospace" }} data-testid="case-tracking-code">{submitted.trackingCode}</Text>
      <Text size="sm">{t("casesStaff.newCase.routedTo", { org: submitted.assignedOrgNameTh ?? "—" })}</Text>
      <Text size="xs" c="dark.4">{t("casesStaff.newCase.codeOnce")}</Text>
      <Button size="xs" variant="default" mt="xs" onClick={() => { qc.removeQueries({ queryKey: submittedKey(id) }); setShown(false); }} data-testid="case-tracking-done">{t("casesStaff.newCase.codeRead")}</Button>
    </Alert>
  );
}

/** When the case reached each step, from its own dates and, for "in progress", its timeline. */
function stepDates(c: CaseDetail): Partial<Record<CaseStatus, string | null>> {
  const started = [...c.timeline].reverse().find((e) => e.toStatus === "in_progress")?.at ?? null;
  return { received: c.receivedAt, accepted: c.acceptedAt, in_progress: started, resolved: c.resolvedAt, closed: c.closedAt };
}

function StatusSteps({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const current = c.status === "reopened" ? 1 : CASE_STEPS.indexOf(c.status);
  const dates = stepDates(c);
  return (
    <nav aria-label={t("casesStaff.case.steps")} data-testid="case-steps">
      <ol style={{ display: "flex", gap: 8, listStyle: "none", padding: 0, margin: 0, flexWrap: "wrap" }}>
        {CASE_STEPS.map((s, i) => {
          const done = i < current || (i === current && (s === "closed" || s === "resolved"));
          const here = i === current;
          return (
            <li key={s} aria-current={here ? "step" : undefined} style={{ flex: "1 1 150px", borderTop: `4px solid var(--mantine-color-${i <= current ? "blue-8" : "gray-3"})`, paddingTop: 6 }} data-step={s} data-state={here ? "current" : done ? "done" : "todo"}>
              <Text size="sm" fw={here ? 700 : 500}>
                <span aria-hidden="true">{done ? "✓ " : here ? "● " : "○ "}</span>
                {t(`casesStaff.status.${s}`)}
                {here && <VisuallyHidden component="span"> ({t("casesStaff.case.currentStep")})</VisuallyHidden>}
              </Text>
              <Text size="xs" c="dark.4">{dates[s] ? f.dateTime(dates[s]) : "—"}</Text>
            </li>
          );
        })}
      </ol>
      {(c.status === "reopened" || c.reopenCount > 0) && <Text size="xs" mt={4} data-testid="case-reopened">↺ {t("casesStaff.case.reopened", { count: c.reopenCount })}</Text>}
    </nav>
  );
}

/** Who reported: the case's handlers only (PDPA); anonymous reporters say so. */
function ReportersCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const thData = f.lang === "en" ? "th" : undefined;
  return (
    <Card withBorder component="section" aria-labelledby="case-reporters-title" data-testid="case-reporters">
      <Title order={2} size="h3" id="case-reporters-title" mb={4}>{t("casesStaff.reporters.title")}</Title>
      {c.reporters === null ? (
        <Text size="sm" data-testid="case-reporters-hidden">{t("casesStaff.reporters.hidden")}</Text>
      ) : (
        <>
          <Text size="xs" c="dark.4" mb="xs">{t("casesStaff.reporters.pdpa")}</Text>
          <div className="table-scroll">
            <Table fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("casesStaff.reporters.name")}</Table.Th>
                  <Table.Th>{t("casesStaff.reporters.phone")}</Table.Th>
                  <Table.Th>{t("casesStaff.reporters.email")}</Table.Th>
                  <Table.Th>{t("casesStaff.reporters.role")}</Table.Th>
                  <Table.Th>{t("casesStaff.reporters.joinedAt")}</Table.Th>
                  <Table.Th>{t("casesStaff.case.rating")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.reporters.map((r) => (
                  <Table.Tr key={r.id} data-testid="case-reporter">
                    <Table.Td>{r.anonymous ? <i>{t("casesStaff.reporters.anonymous")}</i> : <span lang={thData}>{r.name ?? t("casesStaff.reporters.purged")}</span>}</Table.Td>
                    <Table.Td>{r.phone ?? "—"}</Table.Td>
                    <Table.Td>{r.email ?? "—"}</Table.Td>
                    <Table.Td>{t(r.original ? "casesStaff.reporters.original" : "casesStaff.reporters.joined")}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{f.dateTime(r.joinedAt)}</Table.Td>
                    <Table.Td>{r.rating ?? "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </>
      )}
    </Card>
  );
}

function PhotosCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const groups = (["before", "after"] as const).map((kind) => ({ kind, photos: c.photos.filter((p) => p.kind === kind) }));
  return (
    <Card withBorder component="section" aria-labelledby="case-photos-title" data-testid="case-photos">
      <Title order={2} size="h3" id="case-photos-title" mb="xs">{t("casesStaff.photos.title")}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {groups.map((g) => (
          <div key={g.kind} data-testid={`case-photos-${g.kind}`}>
            <Text size="sm" fw={600} mb={4}>{t(`casesStaff.photos.${g.kind}`)}</Text>
            {g.photos.length === 0 ? (
              <Text size="sm" c="dark.4">{t("casesStaff.photos.none")}</Text>
            ) : (
              <Group gap="xs">
                {g.photos.map((p, i) => (
                  <a key={p.id} href={photoSrc(c.id, p.id)} target="_blank" rel="noopener noreferrer" title={t("casesStaff.photos.openFull")}>
                    <img src={photoSrc(c.id, p.id, true)} alt={t("casesStaff.photos.alt", { kind: t(`casesStaff.photos.${g.kind}`), n: i + 1 })} style={{ height: 120, width: "auto", borderRadius: 4 }} loading="lazy" />
                  </a>
                ))}
              </Group>
            )}
          </div>
        ))}
      </SimpleGrid>
    </Card>
  );
}

/** The whole history; internal notes are framed and marked "internal", public updates "public". */
function TimelineCard({ timeline }: { timeline: CaseEventView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const thData = f.lang === "en" ? "th" : undefined;
  return (
    <Card withBorder component="section" aria-labelledby="case-timeline-title" data-testid="case-timeline">
      <Title order={2} size="h3" id="case-timeline-title" mb="xs">{t("casesStaff.timeline.title")}</Title>
      <ol style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {timeline.map((e) => (
          <li
            key={e.id}
            data-testid="timeline-event"
            data-kind={e.kind}
            data-visibility={e.visibility}
            style={{
              padding: "8px 10px",
              marginBottom: 6,
              borderLeft: `4px ${e.visibility === "internal" ? "dashed var(--mantine-color-grape-8)" : "solid var(--mantine-color-teal-8)"}`,
              background: e.visibility === "internal" ? "var(--mantine-color-grape-0)" : undefined,
            }}
          >
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={700} style={{ whiteSpace: "nowrap" }}>{f.dateTime(e.at)}</Text>
              <VisibilityBadge visibility={e.visibility} />
              <Text size="sm" fw={600}>{t(`casesStaff.timeline.kind.${e.kind}`, { defaultValue: e.kind })}</Text>
              {e.fromStatus && e.toStatus && (
                <Text size="sm" c="dark.6">
                  {t(`casesStaff.status.${e.fromStatus}`, { defaultValue: e.fromStatus })} → {t(`casesStaff.status.${e.toStatus}`, { defaultValue: e.toStatus })}
                </Text>
              )}
              {e.actorLabelTh && <Text size="sm" c="dark.4" lang={thData}>· {e.actorLabelTh}</Text>}
            </Group>
            {e.textTh && <Text size="sm" mt={2} style={{ whiteSpace: "pre-wrap" }} lang={thData}>{e.textTh}</Text>}
          </li>
        ))}
      </ol>
    </Card>
  );
}
