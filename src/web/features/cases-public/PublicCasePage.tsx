import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { PublicCaseView } from "../../../modules/cases/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink, ButtonLink } from "../../ui/links.js";
import { NotFoundPage } from "../../ui/NotFound.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { AfterPhoto, CaseStatusBadge, CaseTimeline, StatusStepper } from "./case-ui.js";

const route = getRouteApi("/board/$ref");

/** A case's public page: category, area (coarsened), office, status, the redacted text, timeline and after-photo. */
export function PublicCasePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { ref } = route.useParams();
  const q = useQuery({ queryKey: ["cases", "public", ref], queryFn: () => api.get<PublicCaseView>(`/public/cases/${seg(ref)}`), retry: (n, e) => !isApiError(e, 404) && n < 2 });
  if (isApiError(q.error, 404)) return <NotFoundPage />;
  if (q.isPending) return <PageLoader />;
  if (!q.data) return <ErrorAlert error={q.error} />;
  const c = q.data;
  const settled = c.status === "resolved" || c.status === "closed";
  return (
    <Stack gap="md" maw={860} mx="auto" data-testid="public-case">
      <AnchorLink to="/board" search={{ provinceCode: c.provinceCode }} size="sm">← {t("casesPublic.case.back")}</AnchorLink>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div>
          <Text size="sm" c="dark.5">{t("casesPublic.case.kicker")}</Text>
          <Title order={1} data-testid="public-case-title">
            {c.publicRef} · {f.pick(c.categoryNameTh, c.categoryNameEn)}
          </Title>
        </div>
        <CaseStatusBadge status={c.status} size="xl" />
      </Group>
      <Card withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Fact label={t("casesPublic.fields.area")} value={f.pick(c.areaNameTh, c.areaNameEn)} />
          <Fact label={t("casesPublic.fields.office")} value={c.assignedOrg ? f.name(c.assignedOrg) : "—"} testId="public-case-office" />
          <Fact label={t("casesPublic.fields.received")} value={f.dateTime(c.receivedAt)} />
          {c.resolvedAt && <Fact label={t("casesPublic.fields.resolved")} value={f.dateTime(c.resolvedAt)} />}
          <Fact label={t("casesPublic.fields.support")} value={t("casesPublic.supportCount", { n: f.number(c.supportCount) })} />
          {c.rating !== null && <Fact label={t("casesPublic.fields.rating")} value={t("casesPublic.board.rating", { n: f.number(c.rating) })} />}
        </SimpleGrid>
        {c.publicText ? (
          <Text mt="sm" lang="th" style={{ whiteSpace: "pre-wrap" }} data-testid="public-case-text">
            {c.publicText}
          </Text>
        ) : (
          <Text mt="sm" size="sm" c="dark.5">{t("casesPublic.case.textHidden")}</Text>
        )}
        <Text size="xs" c="dark.5" mt="xs">{t("casesPublic.case.privacy")}</Text>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder p="md" component="section" aria-labelledby="pc-progress">
          <Title order={2} size="h4" id="pc-progress" mb="sm">{t("casesPublic.track.progress")}</Title>
          <StatusStepper status={c.status} timeline={c.timeline} />
        </Card>
        <Card withBorder p="md" component="section" aria-labelledby="pc-after">
          <Title order={2} size="h4" id="pc-after" mb="sm">{t("casesPublic.afterPhoto.title")}</Title>
          {settled || c.afterPhoto ? <AfterPhoto photo={c.afterPhoto} /> : <Text size="sm" c="dark.5">{t("casesPublic.afterPhoto.notYet")}</Text>}
        </Card>
      </SimpleGrid>
      <Card withBorder p="md" component="section" aria-labelledby="pc-timeline">
        <Title order={2} size="h4" id="pc-timeline" mb="sm">{t("casesPublic.timeline.title")}</Title>
        <CaseTimeline events={c.timeline} />
      </Card>
      <Group gap="sm">
        <ButtonLink to="/track" variant="default">{t("casesPublic.case.reporterTrack")}</ButtonLink>
        <ButtonLink to="/report" variant="default">{t("casesPublic.nav.report")}</ButtonLink>
      </Group>
    </Stack>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="sm" c="dark.5">{label}</Text>
      <Text fw={600} data-testid={testId}>{value}</Text>
    </div>
  );
}
