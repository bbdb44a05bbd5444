import { Card, Group, NativeSelect, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { CallSummary, SurveyView } from "../../../modules/participation/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink, ButtonLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { CountBadge } from "./participation-ui.js";

const route = getRouteApi("/participation");
const PILOTS = ["57", "34", "31", "40", "76"];

/** "บอกเราถึงรัฐ": the open calls for input of a province (or every province) and its satisfaction surveys, phone-first. */
export function ParticipationPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const { provinceCode } = route.useSearch();
  const navigate = useNavigate();
  const calls = useQuery({ queryKey: ["participation", "calls", provinceCode ?? "all"], queryFn: () => api.get<{ items: CallSummary[] }>("/participation/calls", { provinceCode, state: "open" }) });
  const surveys = useQuery({ queryKey: ["participation", "surveys", provinceCode ?? "all"], queryFn: () => api.get<{ items: SurveyView[] }>("/participation/surveys", { provinceCode, state: "open" }) });
  const names = new Map((calls.data?.items ?? []).map((c) => [c.provinceCode, f.pick(c.provinceNameTh, c.provinceNameEn)]));
  return (
    <Stack gap="md" maw={860} mx="auto" data-testid="participation-page">
      <div>
        <Title order={1}>{t("participation.title")}</Title>
        <Text c="dark.5">{t("participation.intro")}</Text>
      </div>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label={t("participation.province")}
          value={provinceCode ?? ""}
          onChange={(e) => void navigate({ to: "/participation", search: { provinceCode: e.currentTarget.value || undefined } })}
          data={[{ value: "", label: t("participation.allProvinces") }, ...PILOTS.map((c) => ({ value: c, label: names.get(c) ?? c }))]}
          data-testid="participation-province"
        />
        {holdsRoleFor(me.data, "participation:manage") && <ButtonLink to="/participation/office" variant="default">{t("participation.office.nav")}</ButtonLink>}
      </Group>
      <Title order={2} size="h3">{t("participation.openCalls")}</Title>
      {calls.isPending ? <PageLoader /> : <ErrorAlert error={calls.error} />}
      {calls.data?.items.length === 0 && <Text c="dark.5">{t("participation.noCalls")}</Text>}
      <Stack gap="sm">
        {calls.data?.items.map((c) => (
          <Card key={c.id} withBorder p="md" data-testid="call-card">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Text size="sm" c="dark.5">{f.pick(c.provinceNameTh, c.provinceNameEn)} · {t(`participation.subject.${c.subject.kind}`)}</Text>
              <DemoBadge isDemo={c.isDemo} />
            </Group>
            <AnchorLink to="/participation/calls/$id" params={{ id: c.id }} fw={600} size="lg" data-testid="call-link">
              {f.pick(c.titleTh, c.titleEn)}
            </AnchorLink>
            <Group gap="xs" mt="xs" wrap="wrap">
              <CountBadge color="blue.9">{t("participation.counts.proposals", { n: f.number(c.proposals) })}</CountBadge>
              <CountBadge color="teal.9">{t("participation.counts.supports", { n: f.number(c.supports) })}</CountBadge>
              {c.awaitingResponse > 0 && <CountBadge color="orange.9">{t("participation.counts.awaiting", { n: f.number(c.awaitingResponse) })}</CountBadge>}
              {c.responded > 0 && <CountBadge color="green.9">{t("participation.counts.responded", { n: f.number(c.responded) })}</CountBadge>}
            </Group>
            <Text size="sm" mt="xs">{t("participation.closes", { date: f.date(c.closesAt) })} · {t("participation.threshold", { n: f.number(c.supportThreshold), days: c.responseDays })}</Text>
          </Card>
        ))}
      </Stack>
      <Title order={2} size="h3">{t("participation.surveys.title")}</Title>
      <ErrorAlert error={surveys.error} />
      {surveys.data?.items.length === 0 && <Text c="dark.5">{t("participation.surveys.none")}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {surveys.data?.items.map((s) => (
          <Card key={s.id} withBorder p="md" data-testid="survey-card">
            <Text size="sm" c="dark.5">{f.pick(s.provinceNameTh, s.provinceNameEn)} · {f.pick(s.kpi.nameTh, s.kpi.nameEn)}</Text>
            <AnchorLink to="/participation/surveys/$id" params={{ id: s.id }} fw={600}>{f.pick(s.questionTh, s.questionEn)}</AnchorLink>
            <Text size="sm" mt="xs">{t("participation.surveys.respondents", { n: f.number(s.respondents) })}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
