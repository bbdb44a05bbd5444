import { Button, Card, Group, Radio, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SurveyView } from "../../../modules/participation/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { NotFoundPage } from "../../ui/NotFound.js";
import { PageLoader } from "../../ui/PageLoader.js";

const route = getRouteApi("/participation/surveys/$id");

/** A satisfaction survey: answer once on 1–5 (verified citizens); after it closes, the result recorded into the KPI. */
export function SurveyPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const qc = useQueryClient();
  const { id } = route.useParams();
  const key = ["participation", "survey", id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<SurveyView>(`/participation/surveys/${seg(id)}`), retry: (n, e) => !isApiError(e, 404) && n < 2 });
  const [score, setScore] = useState<string>("");
  const m = useMutation({ mutationFn: () => api.post(`/participation/surveys/${seg(id)}/answers`, { score: Number(score) }), onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
  if (isApiError(q.error, 404)) return <NotFoundPage />;
  if (q.isPending) return <PageLoader />;
  if (!q.data) return <ErrorAlert error={q.error} />;
  const s = q.data;
  return (
    <Stack gap="md" maw={720} mx="auto" data-testid="survey-page">
      <AnchorLink to="/participation" search={{ provinceCode: s.provinceCode }} size="sm">← {t("participation.back")}</AnchorLink>
      <div>
        <Text size="sm" c="dark.5">{t("participation.surveys.kicker", { province: f.pick(s.provinceNameTh, s.provinceNameEn) })}</Text>
        <Title order={1}>{f.pick(s.questionTh, s.questionEn)}</Title>
      </div>
      <Card withBorder p="md">
        <Text size="sm">{t("participation.surveys.feeds", { kpi: f.pick(s.kpi.nameTh, s.kpi.nameEn), period: f.date(s.periodEnd) })}</Text>
        <Text size="sm" data-testid="survey-respondents">{t("participation.surveys.respondents", { n: f.number(s.respondents) })}</Text>
        <Text size="sm">{s.isOpen ? t("participation.closes", { date: f.date(s.closesAt) }) : t("participation.closed")}</Text>
        <AnchorLink to="/kpis/$id" params={{ id: s.kpi.id }} size="sm">{t("participation.subject.openKpi")}</AnchorLink>
      </Card>
      {s.result && (
        <Card withBorder p="md" data-testid="survey-result">
          <Title order={2} size="h4">{t("participation.surveys.result")}</Title>
          <Text fw={700}>{t("participation.surveys.mean", { mean: f.number(s.result.mean) })}</Text>
          <Text size="sm">{t("participation.surveys.spread", { sd: s.result.sd === null ? "—" : f.number(s.result.sd), n: f.number(s.result.respondents) })}</Text>
          <Text size="sm">{s.result.distribution.map((n, k) => `${k + 1}: ${f.number(n)}`).join(" · ")}</Text>
          <Text size="sm" c="dark.5">{t(`participation.surveys.recorded.${s.result.recordedAs}`)}</Text>
        </Card>
      )}
      {s.isOpen && (
        <Card withBorder p="md">
          {s.answeredByMe || m.isSuccess ? (
            <Text data-testid="survey-thanks">{t("participation.surveys.thanks")}</Text>
          ) : !me.data?.authenticated ? (
            <Text size="sm">{t("participation.support.blocked.auth_required")}</Text>
          ) : (
            <form onSubmit={(e) => { e.preventDefault(); m.mutate(); }}>
              <Radio.Group value={score} onChange={setScore} label={t("participation.surveys.answer")} required>
                <Group mt="xs" gap="md">
                  {[1, 2, 3, 4, 5].map((n) => <Radio key={n} value={String(n)} label={`${n} ${t(`participation.surveys.scale.${n}`)}`} data-testid={`survey-score-${n}`} />)}
                </Group>
              </Radio.Group>
              <Text size="xs" c="dark.5" mt="xs">{t("participation.surveys.private")}</Text>
              <ErrorAlert error={m.error} />
              <Button type="submit" mt="sm" disabled={!score} loading={m.isPending} data-testid="survey-submit">{t("participation.surveys.submit")}</Button>
            </form>
          )}
        </Card>
      )}
    </Stack>
  );
}
