import { useState } from "react";
import { Anchor, Badge, Button, Card, Checkbox, Group, SegmentedControl, Select, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { MeetingView } from "../../../modules/committees/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { OrganizationPicker } from "../../ui/pickers.js";
import { CancelMeeting, ReportProgress } from "./CommitteeForms.js";
import { AgendaLinkPicker, type AgendaLink } from "./LinkPickers.js";
import { ActionStatusBadge, MEETING_STATUS_COLOR, StatusBadge } from "./parts.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/meetings/$id");
type Item = MeetingView["agenda"][number];
type Vote = "for" | "against" | "abstain";

/** A meeting as its minutes read, and where the secretary records it: agenda, follow-ups, resolutions with votes, action items. */
export function MeetingPage() {
  const { id } = route.useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ["meeting", id], queryFn: () => api.get<MeetingView>(`/meetings/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const m = q.data;
  const run = m.mayRunMeeting && m.status !== "cancelled";
  return (
    <Stack gap="md">
      <div>
        <Text size="sm"><AnchorLink to="/committees/$id" params={{ id: m.committeeId }}>{f.pick(m.committeeNameTh, m.committeeNameEn)}</AnchorLink></Text>
        <Title order={1} data-testid="meeting-title">{t("committees.meetingTitle", { label: f.pick(m.label.th, m.label.en) })}</Title>
        <Group gap="xs">
          <Text c="dark.4">{f.date(m.heldOn ?? m.scheduledOn, "long")}{m.place ? ` · ${m.place}` : ""}</Text>
          <StatusBadge color={MEETING_STATUS_COLOR[m.status]} testId="meeting-status">{t(`committees.meetingStatuses.${m.status}`)}</StatusBadge>
          {m.mayRunMeeting && m.status === "scheduled" && <CancelMeeting meetingId={m.id} committeeId={m.committeeId} />}
        </Group>
      </div>
      <Card withBorder>
        <Title order={2} size="h3">{t("committees.agenda")}</Title>
        {m.agenda.length === 0 && <Text c="dark.4">{t("committees.noAgenda")}</Text>}
        <Stack gap="sm" mt="xs">
          {m.agenda.map((item) => <AgendaItem key={item.id} m={m} item={item} run={run && m.underway} />)}
        </Stack>
        {run && <AddAgendaItem m={m} />}
      </Card>
      <Card withBorder>
        <Title order={2} size="h3">{t("committees.raisedHere")}</Title>
        {m.actionItems.length === 0 ? <Text c="dark.4">{t("committees.noActionItems")}</Text> : (
          <Table data-testid="raised-table">
            <Table.Caption><ExportButtons size="compact-xs" variant="light" nextTable="meeting-action-items" columns={[t("tableExport.action"), t("tableExport.owner"), t("tableExport.due"), t("tableExport.status")]} /></Table.Caption>
            <Table.Tbody>
              {m.actionItems.map((a) => (
                <Table.Tr key={a.id} data-testid="raised-row">
                  <Table.Td>{f.pick(a.titleTh, a.titleEn)}</Table.Td>
                  <Table.Td>{f.pick(a.ownerName.th, a.ownerName.en)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(a.dueOn)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap"><ActionStatusBadge a={a} />{run && m.underway && <ReportProgress a={a} committeeId={m.committeeId} meetingId={m.id} mayDrop={m.mayRunMeeting} />}</Group>
                    {a.progressTh && <Text size="xs" c="dark.4" lang="th">{a.progressTh}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h3">{t("committees.minutes")}</Title>
        {m.minutesTh ? <Text style={{ whiteSpace: "pre-wrap" }} lang="th" data-testid="minutes-text">{m.minutesTh}</Text> : <Text c="dark.4">{t("committees.noMinutes")}</Text>}
        {run && m.underway && <RecordMinutes m={m} />}
        {run && !m.underway && <Text size="sm" c="dark.4">{t("committees.notYet")}</Text>}
      </Card>
    </Stack>
  );
}

function useRefresh(meetingId: string, committeeId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ["meeting", meetingId] });
    void qc.invalidateQueries({ queryKey: ["committee", committeeId] });
    void qc.invalidateQueries({ queryKey: ["committees"] });
  };
}

function AgendaItem({ m, item, run }: { m: MeetingView; item: Item; run: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState<"resolution" | "action" | null>(null);
  const a = item.followsUp;
  return (
    <Card withBorder padding="sm" data-testid="agenda-item">
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text fw={700}>{item.position}.</Text>
        <div style={{ flex: 1 }}>
          <Group gap="xs">
            <Badge variant="outline" size="sm">{t(`committees.agendaKinds.${item.kind}`)}</Badge>
            <Text fw={600} data-testid="agenda-item-title">{f.pick(item.titleTh, item.titleEn)}</Text>
          </Group>
          {item.link && (
            <Text size="sm">
              {t(`committees.linkTypes.${item.link.type}`)}:{" "}
              <LinkedRecord link={item.link} />
            </Text>
          )}
          {a && (
            <Group gap="xs" data-testid="follow-up">
              <Text size="sm">{t("committees.followUpOf", { meeting: f.pick(a.meetingLabel.th, a.meetingLabel.en), owner: f.pick(a.ownerName.th, a.ownerName.en), due: f.date(a.dueOn) })}</Text>
              <ActionStatusBadge a={a} />
              {a.progressTh && <Text size="sm" c="dark.4" lang="th">{a.progressTh}</Text>}
              {run && a.status === "open" && <MarkDone m={m} actionItemId={a.id} />}
              {run && <ReportProgress a={a} committeeId={m.committeeId} meetingId={m.id} mayDrop={m.mayRunMeeting} />}
            </Group>
          )}
          {item.resolutions.map((r) => (
            <Stack key={r.id} gap={2} mt={4} data-testid="resolution">
              <Text size="sm"><b>{t("committees.resolution")}:</b> <span lang="th">{r.textTh}</span> — <b>{t(`committees.outcomes.${r.outcome}`)}</b></Text>
              {r.outcome !== "noted" && <Text size="xs" c="dark.4">{t("committees.tally", { for: f.number(r.votesFor), against: f.number(r.votesAgainst), abstain: f.number(r.abstentions) })}</Text>}
            </Stack>
          ))}
          {run && (
            <Group gap="xs" mt={4}>
              <Button size="xs" variant="light" onClick={() => setOpen(open === "resolution" ? null : "resolution")} data-testid="open-resolution">{t("committees.recordResolution")}</Button>
              <Button size="xs" variant="light" onClick={() => setOpen(open === "action" ? null : "action")} data-testid="open-action">{t("committees.assign")}</Button>
            </Group>
          )}
          {open === "resolution" && <ResolutionForm m={m} item={item} onDone={() => setOpen(null)} />}
          {open === "action" && <ActionForm m={m} item={item} onDone={() => setOpen(null)} />}
        </div>
      </Group>
    </Card>
  );
}

/** What an agenda item is about, linked to its page: a case by its public reference and public text only; an alert by its title and whether it is still open. */
function LinkedRecord({ link }: { link: NonNullable<Item["link"]> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const label = f.pick(link.label, link.labelEn);
  if (link.type === "kpi") return <AnchorLink to="/kpis/$id" params={{ id: link.id }} data-testid="agenda-link">{label}</AnchorLink>;
  if (link.type === "project") return <AnchorLink to="/planning/projects/$id" params={{ id: link.id }} data-testid="agenda-link">{label}</AnchorLink>;
  if (link.type === "case") return <AnchorLink to="/cases/$id" params={{ id: link.id }} data-testid="agenda-link">{label}</AnchorLink>;
  return (
    <>
      {link.href ? <Anchor href={link.href} data-testid="agenda-link">{label}</Anchor> : <span data-testid="agenda-link">{label}</span>}{" "}
      {link.status && <StatusBadge color={link.status === "open" ? "red.8" : "green.8"} testId="agenda-link-status">{t(`committees.alertStatuses.${link.status === "open" ? "open" : "resolved"}`)}</StatusBadge>}
    </>
  );
}

function MarkDone({ m, actionItemId }: { m: MeetingView; actionItemId: string }) {
  const { t } = useTranslation();
  const refresh = useRefresh(m.id, m.committeeId);
  const mut = useMutation({ mutationFn: () => api.post(`/action-items/${seg(actionItemId)}`, { status: "done" }), onSuccess: refresh });
  return <Button size="compact-xs" variant="default" onClick={() => mut.mutate()} loading={mut.isPending} data-testid="mark-done">{t("committees.markDone")}</Button>;
}

function ResolutionForm({ m, item, onDone }: { m: MeetingView; item: Item; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefresh(m.id, m.committeeId);
  const voting = m.seats.filter((s) => s.voting && s.endedOn === null);
  const [text, setText] = useState("");
  const [noted, setNoted] = useState(item.kind !== "decide");
  const [votes, setVotes] = useState<Record<string, Vote | "absent">>(() => Object.fromEntries(voting.map((s) => [s.id, "for" as const])));
  const mut = useMutation({
    mutationFn: () =>
      api.post(`/meetings/${seg(m.id)}/resolutions`, {
        agendaItemId: item.id,
        textTh: text,
        ...(noted ? {} : { votes: Object.entries(votes).flatMap(([seatId, vote]) => (vote === "absent" ? [] : [{ seatId, vote }])) }),
      }),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  return (
    <Stack gap="xs" mt="xs" data-testid="resolution-form">
      <Textarea label={t("committees.resolutionText")} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} data-testid="resolution-text" />
      <Checkbox label={t("committees.notedOnly")} checked={noted} onChange={(e) => setNoted(e.currentTarget.checked)} data-testid="resolution-noted" />
      {!noted && (
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="votes-table">
            <Table.Tbody>
              {voting.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.ministryName ? f.pick(s.ministryName.th, s.ministryName.en) : f.pick(s.holderNameTh, s.holderNameEn)}</Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      value={votes[s.id]}
                      onChange={(v) => setVotes({ ...votes, [s.id]: v as Vote })}
                      data={(["for", "against", "abstain", "absent"] as const).map((v) => ({ value: v, label: t(`committees.votes.${v}`) }))}
                      aria-label={t("committees.voteOf", { seat: s.ministryName ? f.pick(s.ministryName.th, s.ministryName.en) : f.pick(s.holderNameTh, s.holderNameEn) })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group>
        <Button size="xs" onClick={() => mut.mutate()} disabled={!text.trim()} loading={mut.isPending} data-testid="resolution-submit">{t("committees.save")}</Button>
      </Group>
      {mut.error && <ErrorAlert error={mut.error} />}
    </Stack>
  );
}

function ActionForm({ m, item, onDone }: { m: MeetingView; item: Item; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefresh(m.id, m.committeeId);
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState("");
  const [due, setDue] = useState("");
  const mut = useMutation({
    mutationFn: () => api.post(`/meetings/${seg(m.id)}/action-items`, { agendaItemId: item.id, titleTh: title, ownerOrgId: owner, dueOn: due }),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  return (
    <Stack gap="xs" mt="xs" data-testid="action-form">
      <TextInput label={t("committees.action.title")} value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-testid="action-title" />
      <OrganizationPicker label={t("committees.action.owner")} provinceCode={m.provinceCode} value={owner} onChange={setOwner} testId="action-owner" />
      <TextInput type="date" label={t("committees.action.due")} value={due} onChange={(e) => setDue(e.currentTarget.value)} description={due ? f.date(due, "long") : undefined} data-testid="action-due" />
      <Group>
        <Button size="xs" onClick={() => mut.mutate()} disabled={!title.trim() || !owner || !due} loading={mut.isPending} data-testid="action-submit">{t("committees.save")}</Button>
      </Group>
      {mut.error && <ErrorAlert error={mut.error} />}
    </Stack>
  );
}

function AddAgendaItem({ m }: { m: MeetingView }) {
  const { t } = useTranslation();
  const refresh = useRefresh(m.id, m.committeeId);
  const [kind, setKind] = useState<string>("decide");
  const [title, setTitle] = useState("");
  const [link, setLink] = useState<AgendaLink>(null);
  const mut = useMutation({
    mutationFn: () => api.post(`/meetings/${seg(m.id)}/agenda`, { kind, titleTh: title, ...(link?.id ? { link } : {}) }),
    onSuccess: () => {
      refresh();
      setTitle("");
      setLink(null);
    },
  });
  return (
    <Stack gap="xs" mt="md" data-testid="agenda-form">
      <Title order={3} size="h4">{t("committees.addAgenda")}</Title>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select label={t("committees.agendaKind")} data={(["inform", "decide", "other"] as const).map((k) => ({ value: k, label: t(`committees.agendaKinds.${k}`) }))} value={kind} onChange={(v) => setKind(v ?? "decide")} allowDeselect={false} w={180} data-testid="agenda-kind" />
        <TextInput label={t("committees.agendaTitle")} value={title} onChange={(e) => setTitle(e.currentTarget.value)} w={{ base: "100%", sm: 360 }} data-testid="agenda-title" />
      </Group>
      <AgendaLinkPicker provinceCode={m.provinceCode} value={link} onChange={setLink} />
      <Group>
        <Button size="xs" onClick={() => mut.mutate()} disabled={!title.trim() || (!!link && !link.id)} loading={mut.isPending} data-testid="agenda-submit">{t("committees.addAgendaSubmit")}</Button>
      </Group>
      {mut.error && <ErrorAlert error={mut.error} />}
    </Stack>
  );
}

function RecordMinutes({ m }: { m: MeetingView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefresh(m.id, m.committeeId);
  const [held, setHeld] = useState(m.heldOn ?? m.scheduledOn);
  const [text, setText] = useState(m.minutesTh ?? "");
  const mut = useMutation({ mutationFn: () => api.post(`/meetings/${seg(m.id)}/minutes`, { heldOn: held, minutesTh: text }), onSuccess: refresh });
  return (
    <Stack gap="xs" mt="sm" data-testid="minutes-form">
      <TextInput type="date" label={t("committees.heldOn")} value={held} onChange={(e) => setHeld(e.currentTarget.value)} description={held ? f.date(held, "long") : undefined} w={220} data-testid="minutes-date" />
      <Textarea label={t("committees.minutesText")} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} data-testid="minutes-input" />
      <Group>
        <Button size="xs" onClick={() => mut.mutate()} disabled={!text.trim() || !held} loading={mut.isPending} data-testid="minutes-submit">{m.status === "held" ? t("committees.correctMinutes") : t("committees.recordMinutes")}</Button>
      </Group>
      {mut.error && <ErrorAlert error={mut.error} />}
    </Stack>
  );
}
