import { Badge, Button, Card, Group, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ChangeView, ProposalState, SubjectView, SupportResult, ViewerView } from "../../../modules/participation/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";

const STATE_COLOR: Record<ProposalState, string> = { open: "blue.9", awaiting_response: "orange.9", overdue: "red.9", responded: "green.9", hidden: "gray.8" };
const STATE_ICON: Record<ProposalState, string> = { open: "○", awaiting_response: "⏳", overdue: "!", responded: "✓", hidden: "—" };

/** A proposal's state in words (with an icon), never colour alone. */
export function StateBadge({ state }: { state: ProposalState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="outline" leftSection={<Text span c={STATE_COLOR[state]} fw={700} aria-hidden="true">{STATE_ICON[state]}</Text>} data-testid="proposal-state" data-state={state} styles={{ label: { color: "var(--mantine-color-dark-9)", textTransform: "none" } }}>
      {t(`participation.state.${state}`)}
    </Badge>
  );
}

/** A count in words on a call's card (outline, dark text: readable at AA contrast). */
export function CountBadge({ color, children }: { color: string; children: string }) {
  return (
    <Badge variant="outline" color={color} styles={{ label: { color: "var(--mantine-color-dark-9)", textTransform: "none" } }}>
      {children}
    </Badge>
  );
}

/** The author as the public reads them: the display name they chose to show (data, marked Thai), else "ประชาชน". */
export function Author({ name }: { name: string | null }) {
  const { t } = useTranslation();
  return name ? <span lang="th">{name}</span> : <>{t("participation.citizen")}</>;
}

/** "Hidden by the province: <reason>": the reason is the province's Thai text. */
export function HiddenBy({ reason }: { reason: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      {t("participation.hiddenBy")} <span lang="th">{reason ?? ""}</span>
    </>
  );
}

/** Text in the viewer's language when it exists, else the Thai, marked lang="th" so screen readers and checks know. */
export function Picked({ th, en, ...rest }: { th: string; en: string } & React.ComponentProps<typeof Text<"p">>) {
  const f = useFormat();
  const showTh = f.lang === "th" || !en;
  return (
    <Text lang={showTh ? "th" : undefined} {...rest}>
      {showTh ? th : en}
    </Text>
  );
}

/** The support button with the count; disabled with the reason when the viewer cannot support (not logged in, staff, unverified). */
export function SupportButton({ proposalId, count, supportedByMe, viewer, disabled, invalidate }: { proposalId: string; count: number; supportedByMe: boolean; viewer: ViewerView; disabled?: boolean; invalidate: unknown[][] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: () => api.post<SupportResult>(`/participation/proposals/${seg(proposalId)}/support`),
    onSuccess: async () => {
      for (const k of invalidate) await qc.invalidateQueries({ queryKey: k });
    },
  });
  const blocked = viewer.supportBlockedCode;
  return (
    <Stack gap={4} align="flex-start">
      <Group gap="xs">
        <Button
          size="md"
          variant={supportedByMe ? "light" : "filled"}
          disabled={!!blocked || !!disabled}
          loading={m.isPending}
          onClick={() => m.mutate()}
          aria-pressed={supportedByMe}
          data-testid="support-button"
          leftSection={<span aria-hidden="true">{supportedByMe ? "✓" : "+"}</span>}
        >
          {supportedByMe ? t("participation.support.supported") : t("participation.support.action")}
        </Button>
        <Text fw={700} data-testid="support-count" aria-live="polite">
          {t("participation.support.count", { n: f.number(count) })}
        </Text>
      </Group>
      {m.data && !m.data.counted && <Text size="sm" c="dark.5" data-testid="support-already">{t("participation.support.already")}</Text>}
      {blocked && <Text size="sm" c="dark.5" data-testid="support-blocked">{t(`participation.support.blocked.${blocked.replace(/\./g, "_")}`)}</Text>}
      <ErrorAlert error={m.error} />
    </Stack>
  );
}

/** What the call is about: the KPI or goal (linked to its page, where the viewer may read it), and a KPI's current targets for the year. */
export function SubjectCard({ subject }: { subject: SubjectView }) {
  const { t } = useTranslation();
  const f = useFormat();
  // KPI pages are for staff (performance:read): a citizen would land on a refusal; goals and agendas are public
  const me = useMe();
  return (
    <Card withBorder p="md" data-testid="call-subject">
      <Text size="sm" c="dark.5">{t(`participation.subject.${subject.kind}`)}</Text>
      <Text fw={600}>
        {subject.code ? `${subject.code} · ` : ""}
        {f.name(subject)}
      </Text>
      {subject.kind === "target" && (
        <Stack gap={4} mt="xs">
          <Text size="sm">{t("participation.subject.targetsFor", { year: subject.fiscalYear ? f.fiscalYear(subject.fiscalYear) : "" })}</Text>
          {subject.targets.length === 0 ? (
            <Text size="sm" c="dark.5">{t("participation.subject.noTargets")}</Text>
          ) : (
            subject.targets.map((x) => (
              <Text key={`${x.fiscalYear}-${x.round}`} size="sm" data-testid="call-targets">
                {t("participation.subject.round", { round: x.round })}: {x.levels.map((v) => f.number(v)).join(" · ")} <span lang="th">{subject.unit ?? ""}</span>
              </Text>
            ))
          )}
        </Stack>
      )}
      {(subject.kind === "kpi" || subject.kind === "target") && holdsRoleFor(me.data, "performance:read") && (
        <AnchorLink to="/kpis/$id" params={{ id: subject.id }} size="sm" mt="xs" display="block" data-testid="subject-kpi-link">
          {t("participation.subject.openKpi")}
        </AnchorLink>
      )}
      {(subject.kind === "goal" || subject.kind === "agenda") && (
        <AnchorLink to="/strategy/$id" params={{ id: subject.id }} size="sm" mt="xs" display="block" data-testid="subject-node-link">
          {t("participation.subject.openNode")}
        </AnchorLink>
      )}
    </Card>
  );
}

/** What the response changed: before → after (stacked, phone-first), and whether the record itself changed. */
export function ChangesTable({ changes }: { changes: ChangeView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!changes.length) return <Text size="sm" c="dark.5">{t("participation.response.noChanges")}</Text>;
  return (
    <Stack gap="sm" data-testid="changes-table" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {changes.map((c, k) => (
        <Card key={k} withBorder p="sm" component="li" data-testid="change-row">
          <Text size="sm" fw={600}>{f.pick(c.subjectNameTh, c.subjectNameEn)}</Text>
          <Picked size="sm" th={c.fieldTh} en={c.fieldEn} />
          <Group gap="xs" mt={4} wrap="wrap" align="baseline">
            <Text size="sm" c="dark.5">{t("participation.response.before")}:</Text>
            <Text size="sm" td="line-through" data-testid="change-before">{c.before || t("participation.response.none")}</Text>
            <Text size="sm" aria-hidden="true">→</Text>
            <Text size="sm" c="dark.5">{t("participation.response.after")}:</Text>
            <Text size="sm" fw={700} data-testid="change-after">{c.after}</Text>
          </Group>
          <Text size="xs" c="dark.5" mt={4}>{c.applied ? t("participation.response.applied") : t("participation.response.recorded")}</Text>
        </Card>
      ))}
    </Stack>
  );
}
