import { useState } from "react";
import { Alert, Anchor, Badge, Button, Card, FileInput, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Timeline, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { AmendmentAuthority, AmendmentRoutePreview, AmendmentView, ProjectFileView, ProjectPage as Page, ProjectTimeline } from "../../../modules/planning/contracts-projects.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { AnchorLink } from "../../ui/links.js";
import type { BudgetSource } from "../../../modules/planning/contracts.js";
import { BUDGET_SOURCES, ProjectStatusBadge, uploadMultipart } from "./plan-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/planning/projects/$id");

/** The project record: one timeline from proposal to outcome, money by source, the goals it serves up the cascade, milestones, files, amendments with their authority. */
export function ProjectPage() {
  const { id } = route.useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const page = useQuery({ queryKey: ["planning", "project", id], queryFn: () => api.get<Page>(`/planning/projects/${seg(id)}/page`) });
  const timeline = useQuery({ queryKey: ["planning", "project", id, "timeline"], queryFn: () => api.get<ProjectTimeline>(`/planning/projects/${seg(id)}/timeline`) });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ["planning", "project", id] });
    void qc.invalidateQueries({ queryKey: ["history", "project", id] });
  };
  const status = useMutation({ mutationFn: (x: { status: string; reasonTh?: string }) => api.post(`/planning/projects/${seg(id)}/status`, { ...x, version: page.data!.project.version }), onSuccess: refresh });
  if (page.isPending) return <Text>{t("common.loading")}</Text>;
  if (page.error) return <ErrorAlert error={page.error} />;
  const d = page.data;
  const p = d.project;
  const bySource = new Map<string, number>();
  for (const l of p.budgetLines) bySource.set(l.source, (bySource.get(l.source) ?? 0) + Number(l.amount));
  return (
    <Stack gap="md">
      <div>
        <Text size="sm" c="dark.4"><AnchorLink to="/planning/projects">{t("planningPlans.projects.title")}</AnchorLink>{d.plan && <> · <AnchorLink to="/planning/plans/$id" params={{ id: d.plan.id }}>{f.pick(d.plan.titleTh, d.plan.titleEn)}</AnchorLink></>}</Text>
        <Title order={1} data-testid="project-title">{f.pick(p.titleTh, p.titleEn)}</Title>
        <Group gap="xs" mt={4}>
          <Text fw={600} data-testid="project-code">{p.code}</Text>
          <ProjectStatusBadge status={p.status} />
          <Text size="sm">{f.fiscalYear(p.fiscalYear)} · {f.pick(p.ownerNameTh, p.ownerNameEn)}</Text>
          <DemoBadge isDemo={p.isDemo} />
        </Group>
        <Text size="lg" fw={700} mt="xs" data-testid="project-total">{f.baht(p.totalBudget)}</Text>
        {d.consolidatedInto && <Text size="sm">{t("planningPlans.project.consolidatedInto")} <AnchorLink to="/planning/plans/$id" params={{ id: d.consolidatedInto.id }}>{f.pick(d.consolidatedInto.titleTh, d.consolidatedInto.titleEn)}</AnchorLink></Text>}
        {d.duplicateOfProject && <Alert color="red" variant="light" mt="xs">{t("planningPlans.dup.markedOf", { code: d.duplicateOfProject.code })} — <AnchorLink to="/planning/projects/$id" params={{ id: d.duplicateOfProject.id }}>{d.duplicateOfProject.titleTh}</AnchorLink></Alert>}
      </div>
      <Group gap="sm">
        {d.may.amend && <AmendButton page={d} onDone={refresh} />}
        {d.may.changeStatus && p.status === "approved" && <Button variant="default" onClick={() => status.mutate({ status: "in_progress" })} loading={status.isPending} data-testid="start-project">{t("planningPlans.project.start")}</Button>}
        {d.may.changeStatus && p.status === "in_progress" && <Button variant="default" onClick={() => status.mutate({ status: "completed" })} loading={status.isPending}>{t("planningPlans.project.complete")}</Button>}
        {d.may.changeStatus && ["proposed", "prioritised", "approved", "in_progress"].includes(p.status) && (
          <Button variant="default" c="red.9" leftSection={<span aria-hidden="true">✕</span>} onClick={() => { const reasonTh = window.prompt(t("planningPlans.project.cancelReason")); if (reasonTh) status.mutate({ status: "cancelled", reasonTh }); }}>{t("planningPlans.project.cancel")}</Button>
        )}
      </Group>
      <ErrorAlert error={status.error} />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder data-testid="project-timeline">
          <Title order={2} size="h4" mb="sm">{t("planningPlans.project.timeline")}</Title>
          {timeline.error && <ErrorAlert error={timeline.error} />}
          <Timeline bulletSize={18} lineWidth={2} active={(timeline.data?.events ?? []).filter((e) => !e.planned).length - 1}>
            {(timeline.data?.events ?? []).map((e, k) => (
              <Timeline.Item key={k} title={<Group gap={6}><Badge size="xs" variant="outline" color="dark.6">{t(`planningPlans.timeline.${e.kind}`)}</Badge><Text size="sm" fw={600}>{f.date(e.date)}</Text>{e.planned && <Text size="xs" c="dark.4">({t("planningPlans.timeline.planned")})</Text>}</Group>} data-testid="timeline-event" data-kind={e.kind}>
                <Text size="sm">{f.pick(e.titleTh, e.titleEn)}</Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Card>
        <Stack>
          <Card withBorder data-testid="budget-lines">
            <Title order={2} size="h4" mb="sm">{t("planningPlans.project.budget")}</Title>
            <ExportButtons size="compact-xs" variant="light" nextTable="project-budget-lines" columns={[t("tableExport.source"), t("tableExport.funder"), t("tableExport.amount")]} />
            <Table>
              <Table.Tbody>
                {p.budgetLines.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>{t(`planning.budgetSource.${l.source}`)}</Table.Td>
                    <Table.Td><Text size="sm">{f.pick(l.funderNameTh, l.funderNameEn)}</Text></Table.Td>
                    <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{f.baht(l.amount)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr><Table.Td colSpan={2} fw={700}>{t("planningPlans.project.totalBySource", { count: bySource.size })}</Table.Td><Table.Td fw={700} style={{ textAlign: "right" }}>{f.baht(p.totalBudget)}</Table.Td></Table.Tr>
              </Table.Tbody>
            </Table>
          </Card>
          <Card withBorder data-testid="goal-chain">
            <Title order={2} size="h4" mb="sm">{t("planningPlans.project.goals")}</Title>
            {d.goalChains.map((g) => (
              <Stack key={g.goal.id} gap={2} mb="sm">
                <AnchorLink to="/strategy/$id" params={{ id: g.goal.id }} fw={600}>{g.goal.code} {f.name(g.goal)}</AnchorLink>
                {g.chain.map((c) => (
                  <Text key={c.id} size="sm" pl={c.depth * 12}>
                    <span aria-hidden="true">↳ </span>
                    <AnchorLink to="/strategy/$id" params={{ id: c.id }}>{c.code ? `${c.code} ` : ""}{f.name(c)}</AnchorLink> <Text span size="xs" c="dark.4">({t(`planningPlans.project.via.${c.via === "part_of" ? "part_of" : "serves"}`)})</Text>
                  </Text>
                ))}
              </Stack>
            ))}
          </Card>
          <Card withBorder data-testid="outcomes">
            <Title order={2} size="h4" mb="sm">{t("planningPlans.project.outcomes")}</Title>
            {d.outcomes.length === 0 && <Text size="sm">{t("common.none")}</Text>}
            {d.outcomes.map((o) => (
              <Text key={o.kpiId} size="sm">
                {t(`planningPlans.project.kind.${o.kind}`)}: <AnchorLink to="/kpis/$id" params={{ id: o.kpiId }}>{o.kpiCode} {f.pick(o.kpiNameTh, o.kpiNameEn)}</AnchorLink>
                {o.latest && <> — {t("planningPlans.project.latest", { value: f.number(o.latest.value), unit: o.kpiUnit ?? "", date: f.date(o.latest.periodEnd) })}</>}
              </Text>
            ))}
          </Card>
        </Stack>
      </SimpleGrid>

      <Amendments items={d.amendments} />
      <Milestones page={d} onChange={refresh} />
      <Files page={d} onChange={refresh} />
      {d.progress.length > 0 && (
        <Card withBorder data-testid="progress">
          <Title order={2} size="h4" mb="sm">{t("planningPlans.project.progress")}</Title>
          <ExportButtons size="compact-xs" variant="light" nextTable="project-progress" />
          <Table>
            <Table.Thead><Table.Tr><Table.Th>{t("planningPlans.project.month")}</Table.Th><Table.Th>{t("planningPlans.project.physical")}</Table.Th><Table.Th style={{ textAlign: "right" }}>{t("planningPlans.project.disbursed")}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{d.progress.map((r) => <Table.Tr key={r.month}><Table.Td>{f.date(r.month)}</Table.Td><Table.Td>{r.physicalPct ?? "–"}%</Table.Td><Table.Td style={{ textAlign: "right" }}>{r.disbursed ? f.baht(r.disbursed) : "–"}</Table.Td></Table.Tr>)}</Table.Tbody>
          </Table>
        </Card>
      )}
      <HistoryPanel entityType="project" entityId={p.id} allowed={d.may.history} />
    </Stack>
  );
}

/** Who decided under which instrument (the chain from the central authority down), or where it waits. */
export function AuthorityChain({ authority }: { authority: AmendmentAuthority }) {
  const f = useFormat();
  const d = authority.deciders[0];
  return (
    <Stack gap={2}>
      <Text size="sm">{f.pick(authority.explanationTh, authority.explanationEn)}</Text>
      {d?.chain.map((c) => (
        <Text key={c.delegationId} size="xs" c="dark.5">
          <span aria-hidden="true">↳ </span>
          <AnchorLink to="/delegation/instruments/$id" params={{ id: c.delegationId }}>{c.instrumentNo}</AnchorLink>: {f.pick(c.delegatorLabelTh, c.delegatorLabelEn)} → {f.pick(c.delegateLabelTh, c.delegateLabelEn)} ({f.date(c.effectiveFrom)}{c.amountCap ? `, ≤ ${f.baht(c.amountCap)}` : ""})
        </Text>
      ))}
    </Stack>
  );
}

function Amendments({ items }: { items: AmendmentView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder data-testid="amendments">
      <Title order={2} size="h4" mb="sm">{t("planningPlans.amend.title")}</Title>
      {items.length === 0 && <Text size="sm">{t("common.none")}</Text>}
      <Stack>
        {items.map((a) => (
          <Card key={a.id} withBorder padding="sm" data-testid="amendment" data-status={a.status}>
            <Group gap="xs">
              <Badge variant="outline" c="dark.9" color={a.status === "approved" ? "green.9" : a.status === "rejected" ? "red.9" : "orange.9"} leftSection={<span aria-hidden="true">{a.status === "approved" ? "✓" : a.status === "rejected" ? "✕" : "…"}</span>}>{t(`planningPlans.amend.status.${a.status}`)}</Badge>
              <Badge variant="outline" color="dark.6">{t(`planningPlans.amend.route.${a.route}`)}</Badge>
              <Text size="sm">{f.date(a.requestedOn)} · {a.requestedBy}</Text>
              {a.amount && <Text size="sm">{f.baht(a.amount)}</Text>}
            </Group>
            <Text size="sm" mt={4}>{a.reasonTh}</Text>
            <Text size="xs" c="dark.4">{t("planningPlans.amend.changed")}: {Object.keys(a.changes).map((k) => t(`planningPlans.amend.field.${k}`, { defaultValue: k })).join(", ")}</Text>
            {a.status === "approved" && a.route === "delegated" && a.instrumentNo && <Text size="sm" fw={600} mt={4} data-testid="approved-under">{t("planningPlans.amend.approvedUnder", { who: a.decidedBy ?? "", instrument: a.instrumentNo, date: f.date(a.decidedOn) })}</Text>}
            {a.status === "pending_central" && <Text size="sm" fw={600} mt={4} data-testid="pending-central">{t("planningPlans.amend.waitingCentral", { org: f.pick(a.authority.central.authorityTh, a.authority.central.authorityEn) })}</Text>}
            {a.decidedOn && a.route === "central" && <Text size="sm">{t("planningPlans.amend.decidedBy", { who: a.decidedBy ?? "", date: f.date(a.decidedOn) })}</Text>}
            <AuthorityChain authority={a.authority} />
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

/** Before asking, the dialog says whether the province decides (and whether this user may) or it goes central. */
function AmendButton({ page, onDone }: { page: Page; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const p = page.project;
  const [open, setOpen] = useState(false);
  const [titleTh, setTitleTh] = useState(p.titleTh);
  const [startDate, setStartDate] = useState(p.startDate ?? "");
  const [endDate, setEndDate] = useState(p.endDate ?? "");
  const [areas, setAreas] = useState(p.areaCodes.join(", "));
  // each line keeps its id, so a line an allocation notice named stays tied to it; a zero amount removes the line
  const [amounts, setAmounts] = useState<(number | string)[]>(p.budgetLines.map((l) => Number(l.amount)));
  const [added, setAdded] = useState<{ source: BudgetSource; amount: number | string }>({ source: "province", amount: 0 });
  const [reason, setReason] = useState("");
  const areaList = areas.split(/[\s,]+/).filter(Boolean);
  const linesChanged = p.budgetLines.some((l, k) => Number(amounts[k]) !== Number(l.amount)) || Number(added.amount) > 0;
  const total = amounts.reduce<number>((s, a) => s + (Number(a) || 0), 0) + (Number(added.amount) || 0);
  const changes: Record<string, unknown> = {};
  if (titleTh.trim() && titleTh.trim() !== p.titleTh) changes.titleTh = titleTh.trim();
  if (startDate && startDate !== (p.startDate ?? "")) changes.startDate = startDate;
  if (endDate && endDate !== (p.endDate ?? "")) changes.endDate = endDate;
  if (areaList.length && areaList.join(",") !== p.areaCodes.join(",")) changes.areaCodes = areaList;
  if (linesChanged) {
    changes.budgetLines = [
      ...p.budgetLines.flatMap((l, k) => (Number(amounts[k]) > 0 ? [{ id: l.id, source: l.source, funderOrgId: l.funderOrgId ?? undefined, amount: Math.round(Number(amounts[k]) * 100) / 100, frameShiftId: l.frameShiftId ?? undefined }] : [])),
      ...(Number(added.amount) > 0 ? [{ source: added.source, amount: Math.round(Number(added.amount) * 100) / 100 }] : []),
    ];
  }
  const preview = useQuery({ queryKey: ["planning", "amend-route", p.id, total], enabled: open, queryFn: () => api.get<AmendmentRoutePreview>(`/planning/projects/${seg(p.id)}/amendment-route`, { amount: total }) });
  const send = useMutation({
    mutationFn: () => api.post<AmendmentView>(`/planning/projects/${seg(p.id)}/amendments`, { changes, reasonTh: reason }),
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
  });
  const a = preview.data?.authority;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="amend">{t("planningPlans.amend.button")}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("planningPlans.amend.button")} size="xl">
        <Stack>
          <TextInput label={t("planningPlans.amend.field.titleTh")} value={titleTh} onChange={(e) => setTitleTh(e.currentTarget.value)} data-testid="amend-title" />
          <Group grow align="flex-start">
            <TextInput type="date" label={t("planningPlans.amend.startDate")} description={p.startDate ? t("planningPlans.amend.now", { value: f.date(p.startDate) }) : undefined} value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} data-testid="amend-start" />
            <TextInput type="date" label={t("planningPlans.amend.endDate")} description={p.endDate ? t("planningPlans.amend.now", { value: f.date(p.endDate) }) : undefined} value={endDate} onChange={(e) => setEndDate(e.currentTarget.value)} data-testid="amend-end" />
          </Group>
          <TextInput label={t("planningPlans.amend.field.areaCodes")} description={t("planningPlans.propose.areasHint")} value={areas} onChange={(e) => setAreas(e.currentTarget.value)} data-testid="amend-areas" />
          <Stack gap={4}>
            <Text fw={600} size="sm">{t("planningPlans.amend.lines")}</Text>
            {p.budgetLines.map((l, k) => (
              <NumberInput
                key={l.id}
                label={`${t(`planning.budgetSource.${l.source}`)}${l.funderNameTh ? ` · ${f.pick(l.funderNameTh, l.funderNameEn ?? l.funderNameTh)}` : ""}`}
                description={[t("planningPlans.amend.now", { value: f.baht(l.amount) }), l.allocationNoticeId ? t("planningPlans.amend.tiedToNotice") : null].filter(Boolean).join(" · ")}
                thousandSeparator=","
                decimalScale={2}
                min={0}
                value={amounts[k]}
                onChange={(v) => setAmounts(amounts.map((x, j) => (j === k ? v : x)))}
                data-testid="amend-line"
              />
            ))}
            <Group grow>
              <Select label={t("planningPlans.amend.newLine")} data={BUDGET_SOURCES.map((x) => ({ value: x, label: t(`planning.budgetSource.${x}`) }))} value={added.source} onChange={(v) => setAdded({ ...added, source: (v as BudgetSource) ?? "province" })} allowDeselect={false} data-testid="amend-new-source" />
              <NumberInput label={t("planningPlans.propose.amount")} thousandSeparator="," decimalScale={2} min={0} value={added.amount} onChange={(v) => setAdded({ ...added, amount: v })} data-testid="amend-new-amount" />
            </Group>
            <Text size="sm" data-testid="amend-total">{t("planningPlans.amend.total")}: <b>{f.baht(total.toFixed(2))}</b> ({t("planningPlans.amend.now", { value: f.baht(p.totalBudget) })})</Text>
          </Stack>
          <Textarea label={t("planningPlans.amend.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} minRows={2} required data-testid="amend-reason" />
          {a && (
            <Alert color={a.decision === "delegated" ? "green" : "orange"} variant="light" data-testid="amend-route" data-decision={a.decision} title={a.decision === "delegated" ? (preview.data!.youMayDecide ? t("planningPlans.amend.routeYou") : t("planningPlans.amend.routeProvince")) : t("planningPlans.amend.routeCentral", { org: f.pick(a.central.authorityTh, a.central.authorityEn) })}>
              <AuthorityChain authority={a} />
            </Alert>
          )}
          <ErrorAlert error={send.error ?? preview.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
            <Button onClick={() => send.mutate()} loading={send.isPending} disabled={reason.trim().length < 5 || Object.keys(changes).length === 0} data-testid="amend-send">
              {a?.decision === "delegated" && preview.data?.youMayDecide ? t("planningPlans.amend.approveNow") : t("planningPlans.amend.send")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function Milestones({ page, onChange }: { page: Page; onChange: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const add = useMutation({ mutationFn: () => api.post(`/planning/projects/${seg(page.project.id)}/milestones`, { titleTh: title, dueOn: due }), onSuccess: () => { setTitle(""); setDue(""); onChange(); } });
  const done = useMutation({ mutationFn: (mid: string) => api.post(`/planning/projects/${seg(page.project.id)}/milestones/${seg(mid)}/done`, {}), onSuccess: onChange });
  return (
    <Card withBorder data-testid="milestones">
      <Title order={2} size="h4" mb="sm">{t("planningPlans.project.milestones")}</Title>
      <ExportButtons size="compact-xs" variant="light" nextTable="project-milestones" columns={[t("tableExport.milestone"), t("tableExport.due"), t("tableExport.status"), ""]} />
      <Table>
        <Table.Tbody>
          {page.milestones.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{f.pick(m.titleTh, m.titleEn)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{t("planningPlans.project.due", { date: f.date(m.dueOn) })}</Table.Td>
              <Table.Td>
                {m.doneOn ? <Text size="sm">✔ {t("planningPlans.project.doneOn", { date: f.date(m.doneOn) })}{m.late ? ` (${t("planningPlans.project.late")})` : ""}</Text> : m.late ? <Text size="sm" c="red.9">⚠ {t("planningPlans.project.overdue")}</Text> : <Text size="sm">{t("planningPlans.project.open")}</Text>}
              </Table.Td>
              <Table.Td>{!m.doneOn && page.may.progress && <Button size="xs" variant="default" onClick={() => done.mutate(m.id)} loading={done.isPending}>{t("planningPlans.project.markDone")}</Button>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {page.may.progress && (
        <Group mt="sm" align="flex-end">
          <TextInput label={t("planningPlans.project.milestone")} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
          <TextInput type="date" label={t("planningPlans.project.dueOn")} value={due} onChange={(e) => setDue(e.currentTarget.value)} />
          <Button onClick={() => add.mutate()} disabled={title.trim().length < 3 || !due} loading={add.isPending}>{t("planningPlans.project.addMilestone")}</Button>
        </Group>
      )}
      <ErrorAlert error={add.error ?? done.error} />
    </Card>
  );
}

function Files({ page, onChange }: { page: Page; onChange: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState("");
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.append("captionTh", caption);
      form.append("file", file!);
      return uploadMultipart<ProjectFileView>(`/planning/projects/${seg(page.project.id)}/files`, form);
    },
    onSuccess: () => { setFile(null); setCaption(""); onChange(); },
  });
  return (
    <Card withBorder data-testid="files">
      <Title order={2} size="h4" mb="sm">{t("planningPlans.project.files")}</Title>
      {page.files.length === 0 && <Text size="sm">{t("common.none")}</Text>}
      {page.files.map((x) => (
        <Text key={x.id} size="sm">
          {x.kind === "photo" ? "🖼" : "📄"} <Anchor href={`/api/v1/planning/projects/${seg(page.project.id)}/files/${seg(x.id)}`} target="_blank" rel="noopener">{x.fileName}</Anchor> · {f.number(Math.ceil(x.size / 1024))} KB · {f.dateTime(x.uploadedAt)} {x.captionTh && `· ${x.captionTh}`}
        </Text>
      ))}
      {page.may.progress && holdsRoleFor(me.data, "planning:project.progress") && (
        <Group mt="sm" align="flex-end">
          <FileInput label={t("planningPlans.project.file")} description={t("planningPlans.project.fileHint")} accept="application/pdf,image/jpeg,image/png,image/webp,.docx,.xlsx" value={file} onChange={setFile} clearable w={260} />
          <TextInput label={t("planningPlans.project.caption")} value={caption} onChange={(e) => setCaption(e.currentTarget.value)} />
          <Button onClick={() => upload.mutate()} disabled={!file} loading={upload.isPending}>{t("planningPlans.project.upload")}</Button>
        </Group>
      )}
      <ErrorAlert error={upload.error} />
    </Card>
  );
}
