import { Breadcrumbs, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { PermitApplicationDetail } from "../../../modules/delegation/contracts-permits.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { PermitActions } from "./PermitActions.js";
import { DueState, InstrumentLink, PERMIT_STATUSES, PermitStatusBadge, placeOf, RouteBadge } from "./permit-ui.js";
import { Fact } from "../../ui/fact.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/delegation/permits/$id");

/** One application for the people handling it: the matter, where it was routed and by when, the applicant, the decision and its history. */
export function PermitPage() {
  const { id } = route.useParams();
  const q = useQuery({ queryKey: ["permits", "detail", id], queryFn: () => api.get<PermitApplicationDetail>(`/delegation/permits/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <PermitView a={q.data} />;
}


const HISTORY_ACTIONS = ["receive", "review", "decide", "withdraw"] as const;

function PermitView({ a }: { a: PermitApplicationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const thData = f.lang === "en" ? "th" : undefined;
  const decided = a.status === "approved" || a.status === "refused";
  const hasApplicant = !!a.applicant && !!a.applicant.name;
  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs separator="›" styles={{ root: { flexWrap: "wrap" } }}>
          <AnchorLink to="/delegation/permits" size="sm">{t("permits.queue.title")}</AnchorLink>
          <Text size="sm">{a.trackingCode}</Text>
        </Breadcrumbs>
        <Group gap="sm" mt="xs">
          <PermitStatusBadge status={a.status} size="lg" />
          <RouteBadge route={a.route} size="lg" />
          <DemoBadge isDemo={a.isDemo} />
        </Group>
        <Text fw={700} mt={4} data-testid="permit-tracking-code">{t("permits.trackingCode")}: {a.trackingCode}</Text>
        <Title order={1} size="h2" lang={thData} data-testid="permit-title">{a.subjectTh}</Title>
        <Group gap="md" mt="xs" justify="space-between" align="flex-end">
          <Text size="sm">
            <b>{t("permits.power")}</b>: {a.powerCode} {f.pick(a.powerNameTh, a.powerNameEn)}
          </Text>
          <PermitActions a={a} />
        </Group>
      </div>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder component="section" aria-labelledby="routing-title" data-testid="permit-routing">
          <Title order={2} size="h3" id="routing-title" mb="xs">{t("permits.routing.title")}</Title>
          <Stack gap="xs">
            <Group gap="xs">
              <RouteBadge route={a.route} />
              <Text fw={600} data-testid="permit-decider">{f.pick(a.deciderLabelTh, a.deciderLabelEn)}</Text>
            </Group>
            <Text size="sm">{t(a.route === "delegated" ? "permits.routing.delegatedText" : "permits.routing.centralText")}</Text>
            {a.deciderDelegationId && (
              <Text size="sm">
                {t("permits.routing.instrument")}: <InstrumentLink id={a.deciderDelegationId}>{t("permits.routing.openInstrument")}</InstrumentLink>
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
              <Fact label={t("permits.receivedOn")}>{f.date(a.receivedOn)}</Fact>
              <Fact label={t("permits.sla")}>{t("permits.slaDays", { count: a.slaDays })}</Fact>
              <Fact label={t("permits.dueOn")} testId="permit-due">{f.date(a.dueOn)}</Fact>
              <Fact label={t(a.daysLeft === null ? "permits.turnaround" : "permits.daysLeftCol")}><DueState p={a} /></Fact>
            </SimpleGrid>
            <Text size="xs" c="dark.4" data-testid="permit-day-counting">
              <b>{t("permits.dayCounting")}</b>: {f.pick(a.dayCountingTh, a.dayCountingEn)}
            </Text>
          </Stack>
        </Card>

        <Card withBorder component="section" aria-labelledby="matter-title">
          <Title order={2} size="h3" id="matter-title" mb="xs">{t("permits.matter")}</Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <Fact label={t("permits.power")}>{a.powerCode} · {f.pick(a.powerNameTh, a.powerNameEn)}</Fact>
            <Fact label={t("permits.legalBasis")}>{f.pick(a.legalBasisTh, a.legalBasisEn)}</Fact>
            <Fact label={t("permits.place")}>{placeOf(f, a)}</Fact>
            <Fact label={t("permits.applicantKindLabel")}>{t(`permits.applicantKind.${a.applicantKind}`)}</Fact>
            <Fact label={t("permits.amount")}>{a.amount === null ? "—" : f.baht(a.amount)}</Fact>
            <Fact label={t("permits.receivedBy")}><span lang={thData}>{a.receivedByName}</span></Fact>
          </SimpleGrid>
        </Card>
      </SimpleGrid>

      {hasApplicant && (
        <Card withBorder component="section" aria-labelledby="applicant-title" data-testid="permit-applicant">
          <Title order={2} size="h3" id="applicant-title" mb={2}>{t("permits.applicant.title")}</Title>
          <Text size="xs" c="dark.4" mb="xs">{t("permits.applicant.pdpa")}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="xs">
            <Fact label={t(a.applicantKind === "business" ? "permits.applicant.businessName" : "permits.applicant.name")}><span lang={thData}>{a.applicant.name}</span></Fact>
            <Fact label={t(a.applicantKind === "business" ? "permits.applicant.juristicNumber" : "permits.applicant.idNumber")}>{a.applicant.idNumber ?? "—"}</Fact>
            <Fact label={t("permits.applicant.phone")}>{a.applicant.phone ?? "—"}</Fact>
            <Fact label={t("permits.applicant.address")}><span lang={thData}>{a.applicant.address ?? "—"}</span></Fact>
          </SimpleGrid>
        </Card>
      )}

      <Card withBorder component="section" aria-labelledby="decision-title" data-testid="permit-decision">
        <Title order={2} size="h3" id="decision-title" mb="xs">{t("permits.decisionTitle")}</Title>
        {decided ? (
          <Stack gap="xs">
            <Group gap="sm">
              <PermitStatusBadge status={a.status} />
              <Text size="sm">{f.date(a.decidedOn)} · <span lang={thData}>{a.decidedByName}</span></Text>
            </Group>
            {a.turnaroundDays !== null && (
              <Text size="sm" data-testid="permit-decision-turnaround">
                {t("permits.turnaroundSentence", { count: a.turnaroundDays, sla: a.slaDays })}{" "}
                <b>{a.turnaroundDays <= a.slaDays ? <><span aria-hidden="true">✓ </span>{t("permits.withinSla")}</> : <><span aria-hidden="true">⚠ </span>{t("permits.overSla")}</>}</b>
              </Text>
            )}
            <Fact label={t("permits.reasons")}><span lang={thData} style={{ whiteSpace: "pre-wrap" }} data-testid="permit-reason">{a.reasonTh ?? t("permits.noReason")}</span></Fact>
          </Stack>
        ) : a.status === "withdrawn" ? (
          <Stack gap="xs">
            <Text size="sm">{t("permits.withdrawnOnText", { date: f.date(a.withdrawnOn) })}</Text>
            {a.withdrawReasonTh && <Text size="sm" lang={thData}>{a.withdrawReasonTh}</Text>}
          </Stack>
        ) : (
          <Text size="sm" c="dark.4">
            {a.status === "under-review" && a.reviewStartedOn ? t("permits.underReviewSince", { date: f.date(a.reviewStartedOn) }) : t("permits.awaitingDecision")}
          </Text>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="history-title" data-testid="permit-history">
        <Title order={2} size="h3" id="history-title" mb="xs">{t("permits.history.title")}</Title>
        <div className="table-scroll">
          <ExportButtons size="compact-xs" variant="light" nextTable="permit-history" />
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("permits.history.when")}</Table.Th>
                <Table.Th>{t("permits.history.what")}</Table.Th>
                <Table.Th>{t("permits.history.who")}</Table.Th>
                <Table.Th>{t("permits.statusLabel")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.history.map((h, i) => {
                const verb = h.action.split(".").pop() ?? h.action;
                const status = PERMIT_STATUSES.find((x) => x === h.status) ?? null;
                return (
                  <Table.Tr key={i} data-testid="permit-history-row">
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{f.dateTime(h.at)}</Table.Td>
                    <Table.Td>{(HISTORY_ACTIONS as readonly string[]).includes(verb) ? t(`permits.history.actions.${verb}`) : h.action}</Table.Td>
                    <Table.Td><span lang={thData}>{h.actorName}</span></Table.Td>
                    <Table.Td>{status ? <PermitStatusBadge status={status} size="sm" /> : "—"}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      </Card>
    </Stack>
  );
}
