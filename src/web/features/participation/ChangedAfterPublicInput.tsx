import { Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Decision, ResponsesBySubject } from "../../../modules/participation/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { ChangesTable, Picked } from "./participation-ui.js";

const DECISION_COLOR: Record<Decision, string> = { accepted: "green.9", partly: "orange.9", not_accepted: "gray.8" };
const DECISION_ICON: Record<Decision, string> = { accepted: "✓", partly: "◐", not_accepted: "✕" };
const FIRST = 5;

/** The province's decision in words (with an icon), never colour alone. */
export function DecisionBadge({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const c = DECISION_COLOR[decision];
  return (
    <Badge color={c} variant="outline" leftSection={<Text span c={c} fw={700} aria-hidden="true">{DECISION_ICON[decision]}</Text>} data-testid="response-decision-badge" data-decision={decision} styles={{ label: { color: "var(--mantine-color-dark-9)", textTransform: "none" } }}>
      {t(`participation.decision.${decision}`)}
    </Badge>
  );
}

/**
 * "Changed after public input" on a KPI or goal/agenda page: the province's official responses to proposals about
 * it (date, the proposal, the decision, what changed before → after), newest first. Renders nothing when there are none.
 */
export function ChangedAfterPublicInput({ subjectId }: { subjectId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const titleId = useId();
  const [all, setAll] = useState(false);
  // under the "participation" key, so a response published on the proposal page refreshes this list too
  const q = useQuery({ queryKey: ["participation", "responses-by-subject", subjectId], queryFn: () => api.get<ResponsesBySubject>("/participation/responses", { subjectId }) });
  if (q.error) return <ErrorAlert error={q.error} />;
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  const shown = all ? items : items.slice(0, FIRST);
  return (
    <Card withBorder component="section" aria-labelledby={titleId} data-testid="changed-after-input" style={{ borderLeft: "4px solid var(--mantine-color-green-7)" }}>
      <Title order={2} size="h3" id={titleId}>{t("participation.changedAfter.title")}</Title>
      <Text size="sm" c="dark.5" mb="sm">{t("participation.changedAfter.intro", { n: f.number(items.length) })}</Text>
      <Stack gap="md" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {shown.map((r) => (
          <li key={r.id} data-testid="changed-after-item" data-proposal-id={r.proposalId}>
            <Group gap="xs" wrap="wrap" align="center">
              <Text size="sm" fw={700} component="span">{f.date(r.publishedAt)}</Text>
              <DecisionBadge decision={r.decision} />
              {r.onTime === false && <Text size="xs" c="dark.5" component="span">{t("participation.response.late")}</Text>}
            </Group>
            <Text size="sm" mt={4}>
              {t("participation.changedAfter.proposal")}{" "}
              <AnchorLink to="/participation/proposals/$id" params={{ id: r.proposalId }} fw={600} lang={r.proposalTitleTh ? "th" : undefined} data-testid="changed-after-proposal">
                {r.proposalTitleTh || t("participation.hiddenTitle")}
              </AnchorLink>
            </Text>
            <Text size="xs" c="dark.5">
              {t("participation.changedAfter.call")} <span lang={f.lang === "en" && r.callTitleEn ? undefined : "th"}>{f.pick(r.callTitleTh, r.callTitleEn)}</span>
            </Text>
            <Picked size="sm" mt={4} lineClamp={4} th={r.reasoningTh} en={r.reasoningEn} data-testid="changed-after-reasoning" />
            <Title order={3} size="h6" mt="xs" mb={4}>{t("participation.response.changed")}</Title>
            <ChangesTable changes={r.changes} />
          </li>
        ))}
      </Stack>
      {items.length > FIRST && (
        <Button variant="subtle" mt="sm" onClick={() => setAll((a) => !a)} data-testid="changed-after-more">
          {all ? t("participation.changedAfter.fewer") : t("participation.changedAfter.all", { n: f.number(items.length) })}
        </Button>
      )}
    </Card>
  );
}
