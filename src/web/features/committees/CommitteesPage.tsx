import { Group, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { CommitteeSummary } from "../../../modules/committees/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { CadenceBadge } from "./parts.js";
import { ExportButtons } from "../../ui/ExportButtons.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { CreateCommittee } from "./CommitteeForms.js";

/** The committees the reader may see: whether each keeps its meetings, its open and overdue action items, its next meeting. */
export function CommitteesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const q = useQuery({ queryKey: ["committees"], queryFn: () => api.get<CommitteeSummary[]>("/committees") });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const rows = q.data;
  const exportTable = () => ({
    fileName: "committees",
    header: ["id", "province_code", "kind", "name_th", "name_en", "cadence_days", "last_held_on", "next_due_on", "days_late", "missed_meetings", "open_action_items", "overdue_action_items", "next_meeting_on", "demo"],
    rows: rows.map((c) => [c.id, c.provinceCode, c.kind, c.nameTh, c.nameEn, c.cadence.everyDays, c.cadence.lastHeldOn, c.cadence.nextDueOn, c.cadence.daysLate, c.cadence.missed, c.openActionItems, c.overdueActionItems, c.nextMeeting?.scheduledOn ?? null, c.isDemo]),
  });
  return (
    <Stack gap="md">
      <div>
        <Title order={1} data-testid="committees-title">{t("committees.title")}</Title>
        <Text c="dark.4">{t("committees.intro")}</Text>
      </div>
      <Group>
        <ExportButtons table={exportTable} disabled={!rows.length} />
        {holdsRoleFor(me.data, "committees:manage") && <CreateCommittee />}
      </Group>
      {rows.length === 0 ? (
        <Text c="dark.4">{t("committees.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover data-testid="committees-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("committees.name")}</Table.Th>
                <Table.Th>{t("committees.provinceCode")}</Table.Th>
                <Table.Th>{t("committees.cadence.title")}</Table.Th>
                <Table.Th>{t("committees.openItems")}</Table.Th>
                <Table.Th>{t("committees.nextMeeting")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.id} data-testid="committee-row">
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <AnchorLink to="/committees/$id" params={{ id: c.id }} data-testid="committee-link">{f.pick(c.nameTh, c.nameEn)}</AnchorLink>
                      <DemoBadge isDemo={c.isDemo} />
                    </Group>
                    <Text size="xs" c="dark.4">{t(`committees.kinds.${c.kind}`)}</Text>
                  </Table.Td>
                  <Table.Td>{c.provinceCode}</Table.Td>
                  <Table.Td><CadenceBadge c={c.cadence} /></Table.Td>
                  <Table.Td>
                    {f.number(c.openActionItems)}
                    {c.overdueActionItems > 0 && <Text span c="red.9" size="sm"> ({t("committees.overdueCount", { n: f.number(c.overdueActionItems) })})</Text>}
                  </Table.Td>
                  <Table.Td>{c.nextMeeting ? `${f.pick(c.nextMeeting.label.th, c.nextMeeting.label.en)} · ${f.date(c.nextMeeting.scheduledOn)}` : "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
