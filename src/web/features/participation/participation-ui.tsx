import { Badge, Button, Card, Group, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ChangeView, ProposalState, SubjectView, SupportResult, ViewerView } from "../../../modules/participation/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";

const STATE_COLOR: Record<ProposalState, string> = { open: "blue", awaiting_response: "orange", overdue: "red", responded: "green", hidden: "gray" };
const STATE_ICON: Record<ProposalState, string> = { open: "○", awaiting_response: "⏳", overdue: "!", responded: "✓", hidden: "—" };

/** A proposal's state in words (with an icon), never colour alone. */
export function StateBadge({ state }: { state: ProposalState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" leftSection={<span aria-hidden="true">{STATE_ICON[state]}</span>} data-testid="proposal-state" data-state={state} styles={{ label: { textTransform: "none" } }}>
      {t(`participation.state.${state}`)}
    </Badge>
  );
}

/** The author as the public reads them: the display name they chose to show, else "ประชาชน". */
export function authorLabel(name: string | null, t: (k: string) => string): string {
  return name ?? t("participation.citizen");
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

/** What the call is about: the KPI or goal, and a KPI's current targets for the year. */
export function SubjectCard({ subject }: { subject: SubjectView }) {
  const { t } = useTranslation();
  const f = useFormat();
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
                {t("participation.subject.round", { round: x.round })}: {x.levels.map((v) => f.number(v)).join(" · ")} {subject.unit ?? ""}
              </Text>
            ))
          )}
        </Stack>
      )}
      {(subject.kind === "kpi" || subject.kind === "target") && (
        <AnchorLink to="/kpis/$id" params={{ id: subject.id }} size="sm" mt="xs">
          {t("participation.subject.openKpi")}
        </AnchorLink>
      )}
    </Card>
  );
}

/** What the response changed: before → after, and whether the record itself changed. */
export function ChangesTable({ changes }: { changes: ChangeView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!changes.length) return <Text size="sm" c="dark.5">{t("participation.response.noChanges")}</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table data-testid="changes-table" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("participation.response.what")}</Table.Th>
            <Table.Th>{t("participation.response.before")}</Table.Th>
            <Table.Th>{t("participation.response.after")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((c, k) => (
            <Table.Tr key={k} data-testid="change-row">
              <Table.Td>
                <Text size="sm" fw={600}>{f.pick(c.subjectNameTh, c.subjectNameEn)}</Text>
                <Text size="sm">{f.pick(c.fieldTh, c.fieldEn)}</Text>
                <Text size="xs" c="dark.5">{c.applied ? t("participation.response.applied") : t("participation.response.recorded")}</Text>
              </Table.Td>
              <Table.Td data-testid="change-before">{c.before || t("participation.response.none")}</Table.Td>
              <Table.Td data-testid="change-after">
                <span aria-hidden="true">→ </span>
                {c.after}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
