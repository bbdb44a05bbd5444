import { useState } from "react";
import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { CommitteeView } from "../../../modules/committees/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { ActionStatusBadge, CadenceBadge, MEETING_STATUS_COLOR, StatusBadge } from "./parts.js";
import { PARTNER_SEAT_KINDS, SeatPartner } from "./SeatPartner.js";
import { AddSeat, EndSeat, ReportProgress } from "./CommitteeForms.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/committees/$id");

/** A committee: its cadence, seats (one per ministry, equal votes), meetings and the action items it is following. */
export function CommitteePage() {
  const { id } = route.useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ["committee", id], queryFn: () => api.get<CommitteeView>(`/committees/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const c = q.data;
  const active = c.seats.filter((s) => s.endedOn === null);
  const exportItems = () => ({
    fileName: "committee-action-items",
    header: ["id", "meeting", "title_th", "owner_org_id", "owner_th", "due_on", "status", "overdue", "progress_th", "closed_on"],
    rows: c.actionItems.map((a) => [a.id, a.meetingLabel.th, a.titleTh, a.ownerOrgId, a.ownerName.th, a.dueOn, a.status, a.overdue, a.progressTh, a.closedOn]),
  });
  return (
    <Stack gap="md">
      <div>
        <Group gap="xs">
          <Title order={1} data-testid="committee-title">{f.pick(c.nameTh, c.nameEn)}</Title>
          <DemoBadge isDemo={c.isDemo} />
        </Group>
        <Text c="dark.4">{t(`committees.kinds.${c.kind}`)} · {t("committees.cadence.every", { days: f.number(c.cadence.everyDays) })}</Text>
      </div>
      <Group gap="sm">
        <CadenceBadge c={c.cadence} />
        {c.cadence.lastHeldOn && <Text size="sm">{t("committees.cadence.lastHeld", { date: f.date(c.cadence.lastHeldOn) })}</Text>}
        {c.cadence.missed > 0 && <Text size="sm" c="red.9" data-testid="cadence-missed">{t("committees.cadence.missed", { n: f.number(c.cadence.missed) })}</Text>}
      </Group>
      {c.cadence.status === "late" && <Alert color="red" variant="light" title={t("committees.cadence.lateTitle")}>{t("committees.cadence.lateBody")}</Alert>}

      <Card withBorder>
        <Title order={2} size="h3">{t("committees.meetings")}</Title>
        {c.mayRunMeetings && <ScheduleMeeting committeeId={c.id} />}
        {c.meetings.length === 0 ? (
          <Text c="dark.4">{t("committees.noMeetings")}</Text>
        ) : (
          <Table data-testid="meetings-table">
            <Table.Caption><ExportButtons size="compact-xs" variant="light" nextTable="committee-meetings" /></Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("committees.meeting")}</Table.Th>
                <Table.Th>{t("committees.date")}</Table.Th>
                <Table.Th>{t("committees.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.meetings.map((m) => (
                <Table.Tr key={m.id} data-testid="meeting-row">
                  <Table.Td><AnchorLink to="/meetings/$id" params={{ id: m.id }} data-testid="meeting-link">{f.pick(m.label.th, m.label.en)}</AnchorLink></Table.Td>
                  <Table.Td>{f.date(m.heldOn ?? m.scheduledOn, "long")}</Table.Td>
                  <Table.Td><StatusBadge color={MEETING_STATUS_COLOR[m.status]}>{t(`committees.meetingStatuses.${m.status}`)}</StatusBadge></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>

      <Card withBorder>
        <Group justify="space-between">
          <Title order={2} size="h3">{t("committees.actionItems")}</Title>
          <ExportButtons table={exportItems} disabled={!c.actionItems.length} size="xs" />
        </Group>
        {c.actionItems.length === 0 ? (
          <Text c="dark.4">{t("committees.noActionItems")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table data-testid="action-items-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("committees.action.title")}</Table.Th>
                  <Table.Th>{t("committees.action.owner")}</Table.Th>
                  <Table.Th>{t("committees.action.due")}</Table.Th>
                  <Table.Th>{t("committees.status")}</Table.Th>
                  <Table.Th>{t("committees.meeting")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.actionItems.map((a) => (
                  <Table.Tr key={a.id} data-testid="action-item-row">
                    <Table.Td>{f.pick(a.titleTh, a.titleEn)}{a.progressTh && <Text size="xs" c="dark.4" lang="th">{a.progressTh}</Text>}</Table.Td>
                    <Table.Td>{f.pick(a.ownerName.th, a.ownerName.en)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(a.dueOn)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap"><ActionStatusBadge a={a} />{c.mayRunMeetings && <ReportProgress a={a} committeeId={c.id} mayDrop={c.mayRunMeetings} />}</Group>
                    </Table.Td>
                    <Table.Td>{f.pick(a.meetingLabel.th, a.meetingLabel.en)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <Card withBorder>
        <Group justify="space-between">
          <Title order={2} size="h3">{t("committees.seats", { voting: f.number(c.votingSeats) })}</Title>
          {c.mayManage && <AddSeat committeeId={c.id} provinceCode={c.provinceCode} />}
        </Group>
        <Text size="sm" c="dark.4">{t("committees.seatRule")}</Text>
        <Table.ScrollContainer minWidth={640}>
          <ExportButtons size="compact-xs" variant="light" nextTable="committee-seats" />
          <Table data-testid="seats-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("committees.seatKind")}</Table.Th>
                <Table.Th>{t("committees.holder")}</Table.Th>
                <Table.Th>{t("committees.vote")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {active.map((s) => (
                <Table.Tr key={s.id} data-testid="seat-row">
                  <Table.Td>{s.ministryName ? f.pick(s.ministryName.th, s.ministryName.en) : t(`committees.seatKinds.${s.kind}`)}</Table.Td>
                  <Table.Td>
                    {f.pick(s.holderNameTh, s.holderNameEn)}
                    {s.partnerId && s.partnerName && (
                      <Text size="xs">
                        <AnchorLink to="/partners/$id" params={{ id: s.partnerId }} data-testid="seat-partner-link">{t("networks.heldBy", { name: f.pick(s.partnerName.th, s.partnerName.en) })}</AnchorLink>
                      </Text>
                    )}
                    {c.mayManage && PARTNER_SEAT_KINDS.includes(s.kind) && <SeatPartner committeeId={c.id} provinceCode={c.provinceCode} seat={s} />}
                  </Table.Td>
                  <Table.Td>
                    {s.voting ? t("committees.oneVote") : t("committees.noVote")}
                    {c.mayManage && <div><EndSeat committeeId={c.id} seat={s} /></div>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <HistoryPanel entityType="committee" entityId={c.id} allowed />
    </Stack>
  );
}

function ScheduleMeeting({ committeeId }: { committeeId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [date, setDate] = useState("");
  const [place, setPlace] = useState("");
  const m = useMutation({
    mutationFn: () => api.post<{ id: string }>(`/committees/${seg(committeeId)}/meetings`, { scheduledOn: date, ...(place.trim() ? { place } : {}) }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ["committee", committeeId] });
      void qc.invalidateQueries({ queryKey: ["committees"] });
      void navigate({ to: "/meetings/$id", params: { id: r.id } });
    },
  });
  return (
    <Stack gap="xs" my="sm">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput type="date" label={t("committees.scheduleDate")} value={date} onChange={(e) => setDate(e.currentTarget.value)} description={date ? f.date(date, "long") : undefined} data-testid="schedule-date" />
        <TextInput label={t("committees.place")} value={place} onChange={(e) => setPlace(e.currentTarget.value)} w={{ base: "100%", sm: 320 }} data-testid="schedule-place" />
        <Button onClick={() => m.mutate()} disabled={!date} loading={m.isPending} data-testid="schedule-submit">{t("committees.schedule")}</Button>
      </Group>
      <Text size="xs" c="dark.4">{t("committees.scheduleHint")}</Text>
      {m.error && <ErrorAlert error={m.error} />}
    </Stack>
  );
}
