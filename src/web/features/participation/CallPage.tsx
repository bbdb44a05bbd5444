import { Button, Card, Checkbox, Group, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CallDetail } from "../../../modules/participation/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink, ButtonLink } from "../../ui/links.js";
import { NotFoundPage } from "../../ui/NotFound.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { Author, HiddenBy, StateBadge, SubjectCard, SupportButton } from "./participation-ui.js";

const route = getRouteApi("/participation/calls/$id");

/** A call for input: what it is about, its proposals (most supported first) with support buttons, and the propose form. */
export function CallPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id } = route.useParams();
  const key = ["participation", "call", id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<CallDetail>(`/participation/calls/${seg(id)}`), retry: (n, e) => !isApiError(e, 404) && n < 2 });
  if (isApiError(q.error, 404)) return <NotFoundPage />;
  if (q.isPending) return <PageLoader />;
  if (!q.data) return <ErrorAlert error={q.error} />;
  const c = q.data;
  return (
    <Stack gap="md" maw={860} mx="auto" data-testid="call-page">
      <AnchorLink to="/participation" search={{ provinceCode: c.provinceCode }} size="sm">← {t("participation.back")}</AnchorLink>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div>
          <Text size="sm" c="dark.5">{t("participation.kicker", { province: f.pick(c.provinceNameTh, c.provinceNameEn) })}</Text>
          <Title order={1} data-testid="call-title">{f.pick(c.titleTh, c.titleEn)}</Title>
        </div>
        <DemoBadge isDemo={c.isDemo} />
      </Group>
      {f.pick(c.descriptionTh, c.descriptionEn) && <Text style={{ whiteSpace: "pre-wrap" }}>{f.pick(c.descriptionTh, c.descriptionEn)}</Text>}
      <SubjectCard subject={c.subject} />
      <Text size="sm">
        {c.isOpen ? t("participation.closes", { date: f.date(c.closesAt) }) : t("participation.closed")} · {t("participation.threshold", { n: f.number(c.supportThreshold), days: c.responseDays })}
      </Text>
      <Title order={2} size="h3">{t("participation.proposals", { n: f.number(c.proposalsList.length) })}</Title>
      <Stack gap="sm">
        {c.proposalsList.map((p) => (
          <Card key={p.id} withBorder p="md" data-testid="proposal-card" data-proposal-id={p.id}>
            <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
              {p.state === "hidden" ? (
                <Text c="dark.5" data-testid="proposal-hidden"><HiddenBy reason={p.hiddenReasonTh} /></Text>
              ) : (
                <AnchorLink to="/participation/proposals/$id" params={{ id: p.id }} fw={600} lang="th" data-testid="proposal-link">{p.titleTh}</AnchorLink>
              )}
              <StateBadge state={p.state} />
            </Group>
            {p.state !== "hidden" && (
              <>
                <Text size="sm" mt={4} lang="th">{p.excerptTh}</Text>
                <Text size="xs" c="dark.5" mt={4}>
                  <Author name={p.authorName} /> · {f.date(p.createdAt)} · {t("participation.commentsCount", { n: f.number(p.comments) })}
                  {p.responseDueOn && !p.respondedAt ? ` · ${t("participation.dueOn", { date: f.date(p.responseDueOn) })}` : ""}
                </Text>
                <Group mt="sm">
                  <SupportButton proposalId={p.id} count={p.supportCount} supportedByMe={p.supportedByMe} viewer={c.viewer} disabled={!c.isOpen} invalidate={[key]} />
                </Group>
              </>
            )}
          </Card>
        ))}
      </Stack>
      {c.isOpen && <ProposeForm callId={c.id} canTakePart={c.viewer.canTakePart} loggedIn={c.viewer.loggedIn} />}
    </Stack>
  );
}

function ProposeForm({ callId, canTakePart, loggedIn }: { callId: string; canTakePart: boolean; loggedIn: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [titleTh, setTitle] = useState("");
  const [bodyTh, setBody] = useState("");
  const [showName, setShowName] = useState(false);
  const m = useMutation({
    mutationFn: () => api.post<{ id: string }>(`/participation/calls/${seg(callId)}/proposals`, { titleTh, bodyTh, showName }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ["participation"] });
      await navigate({ to: "/participation/proposals/$id", params: { id: r.id } });
    },
  });
  return (
    <Card withBorder p="md" component="section" aria-labelledby="propose-title">
      <Title order={2} size="h4" id="propose-title" mb="sm">{t("participation.propose.title")}</Title>
      {!canTakePart ? (
        loggedIn ? <Text size="sm" c="dark.5">{t("participation.propose.citizensOnly")}</Text> : <ButtonLink to="/login" search={{ redirect: typeof window === "undefined" ? undefined : window.location.pathname }} variant="default">{t("participation.propose.login")}</ButtonLink>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); m.mutate(); }}>
          <Stack gap="sm">
            <TextInput label={t("participation.propose.titleLabel")} value={titleTh} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={200} data-testid="propose-title" />
            <Textarea label={t("participation.propose.bodyLabel")} value={bodyTh} onChange={(e) => setBody(e.currentTarget.value)} required minRows={4} autosize maxLength={5000} data-testid="propose-body" />
            <Checkbox label={t("participation.showName")} checked={showName} onChange={(e) => setShowName(e.currentTarget.checked)} />
            <Text size="xs" c="dark.5">{t("participation.privacy")}</Text>
            <ErrorAlert error={m.error} />
            <Button type="submit" size="md" loading={m.isPending} data-testid="propose-submit">{t("participation.propose.submit")}</Button>
          </Stack>
        </form>
      )}
    </Card>
  );
}
