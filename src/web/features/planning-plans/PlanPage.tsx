import { useState } from "react";
import { ActionIcon, Alert, Badge, Button, Card, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ConsolidateResult, DuplicateFlag, PlanDetail, PlanProject } from "../../../modules/planning/contracts-plans.js";
import type { ProjectDetail } from "../../../modules/planning/contracts-projects.js";
import type { BudgetSource } from "../../../modules/planning/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { OrganizationPicker } from "../../ui/pickers.js";

import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { AnchorLink } from "../../ui/links.js";
import { BUDGET_SOURCES, PlanStatusBadge, ProjectStatusBadge } from "./plan-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/planning/plans/$id");

/** The plan builder of one level: projects in priority order (up/down), proposals, consolidation with likely duplicates side by side, approval. */
export function PlanPage() {
  const { id } = route.useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const qc = useQueryClient();
  const plan = useQuery({ queryKey: ["planning", "plan", id], queryFn: () => api.get<PlanDetail>(`/planning/plans/${seg(id)}`) });
  const set = (p: PlanDetail) => {
    qc.setQueryData(["planning", "plan", id], p);
    void qc.invalidateQueries({ queryKey: ["planning", "plans"] });
    void qc.invalidateQueries({ queryKey: ["history", "plan", id] });
  };
  const [pulled, setPulled] = useState<number | null>(null);
  const order = useMutation({ mutationFn: (ids: string[]) => api.post<PlanDetail>(`/planning/plans/${seg(id)}/order`, { order: ids, version: plan.data!.version }), onSuccess: set });
  const consolidate = useMutation({ mutationFn: () => api.post<ConsolidateResult>(`/planning/plans/${seg(id)}/consolidate`), onSuccess: (r) => { set(r.plan); setPulled(r.pulledIn); } });
  const approve = useMutation({ mutationFn: () => api.post<PlanDetail>(`/planning/plans/${seg(id)}/approve`, { version: plan.data!.version }), onSuccess: set });
  const resolve = useMutation({ mutationFn: (x: { projectId: string; otherId: string; decision: "confirm" | "dismiss" }) => api.post<PlanDetail>(`/planning/plans/${seg(id)}/duplicates`, x), onSuccess: set });
  if (plan.isPending) return <Text>{t("common.loading")}</Text>;
  if (plan.error) return <ErrorAlert error={plan.error} />;
  const p = plan.data;
  const locked = p.status === "approved";
  const mayWrite = holdsRoleFor(me.data, "planning:plan.write") && !locked;
  const mayApprove = holdsRoleFor(me.data, p.level === "cluster" ? "planning:cluster-plan.approve" : "planning:plan.approve") && !locked;
  const active = p.projects.filter((x) => !x.duplicateOf && !["rejected", "cancelled"].includes(x.status));
  const move = (k: number, d: -1 | 1) => {
    const ids = active.map((x) => x.id);
    const j = k + d;
    if (j < 0 || j >= ids.length) return;
    [ids[k], ids[j]] = [ids[j]!, ids[k]!];
    order.mutate(ids);
  };
  const byId = new Map(p.projects.map((x) => [x.id, x]));
  return (
    <Stack gap="md">
      <div>
        <Text size="sm" c="dark.4"><AnchorLink to="/planning/plans">{t("planningPlans.plans.title")}</AnchorLink></Text>
        <Title order={1} data-testid="plan-title">{f.pick(p.titleTh, p.titleEn)}</Title>
        <Group gap="xs" mt={4}>
          <PlanStatusBadge status={p.status} />
          <Badge variant="outline" color="dark.6">{t(`planning.planLevel.${p.level}`)}</Badge>
          <Text size="sm">{f.fiscalYear(p.fiscalYear)} · {f.pick(p.areaNameTh, p.areaNameEn)}</Text>
          <DemoBadge isDemo={p.isDemo} />
        </Group>
        <Text size="sm" mt={4} data-testid="plan-total">{t("planningPlans.plan.total", { count: p.projectCount, amount: f.baht(p.totalBudget) })}</Text>
        {locked && <Alert mt="sm" color="green" variant="light" role="status" icon={<span aria-hidden="true">🔒</span>} data-testid="plan-locked"><LockedBy text={t("planningPlans.plan.locked", { date: f.date(p.approvedOn), by: BY })} by={p.approvedBy ?? ""} /></Alert>}
      </div>
      <Group gap="sm">
        {mayWrite && p.level === "province" && <Button onClick={() => consolidate.mutate()} loading={consolidate.isPending} data-testid="consolidate">{t("planningPlans.plan.consolidate")}</Button>}
        {mayWrite && <ProposeButton plan={p} />}
        {mayApprove && <Button color="green.9" onClick={() => { if (window.confirm(t("planningPlans.plan.approveConfirm"))) approve.mutate(); }} loading={approve.isPending} data-testid="approve-plan">{t("planningPlans.plan.approve")}</Button>}
      </Group>
      <ErrorAlert error={order.error ?? consolidate.error ?? approve.error ?? resolve.error} />
      {pulled !== null && <Alert color="blue" variant="light" role="status" data-testid="consolidated-msg">{t("planningPlans.plan.pulledIn", { count: pulled, flagged: p.duplicateFlags.length })}</Alert>}

      {p.duplicateFlags.length > 0 && (
        <Card withBorder data-testid="duplicate-flags">
          <Title order={2} size="h4">{t("planningPlans.dup.title", { count: p.duplicateFlags.length })}</Title>
          <Text size="sm" c="dark.4" mb="sm">{t("planningPlans.dup.intro", { threshold: f.number(p.duplicateThreshold) })}</Text>
          <Stack>
            {p.duplicateFlags.map((d) => <DuplicatePair key={`${d.projectId}|${d.otherId}`} flag={d} a={byId.get(d.projectId)} b={byId.get(d.otherId)} canAct={mayWrite} onResolve={(decision) => resolve.mutate({ projectId: d.projectId, otherId: d.otherId, decision })} busy={resolve.isPending} />)}
          </Stack>
        </Card>
      )}

      <Title order={2} size="h3">{t("planningPlans.plan.projects")}</Title>
      <div className="table-scroll">
        <ExportButtons size="compact-xs" variant="light" nextTable="plan-projects" />
        <Table striped data-testid="plan-projects" style={{ minWidth: 860 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("planningPlans.plan.priority")}</Table.Th>
              <Table.Th>{t("planning.project")}</Table.Th>
              <Table.Th>{t("planningPlans.plan.from")}</Table.Th>
              <Table.Th style={{ textAlign: "right" }}>{t("planning.budget")}</Table.Th>
              <Table.Th>{t("planning.status")}</Table.Th>
              {mayWrite && <Table.Th>{t("planningPlans.plan.reorder")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.projects.map((x) => {
              const k = active.findIndex((a) => a.id === x.id);
              return (
                <Table.Tr key={x.id} data-testid="plan-project-row" data-code={x.code}>
                  <Table.Td>{x.priority ?? "–"}</Table.Td>
                  <Table.Td>
                    <AnchorLink to="/planning/projects/$id" params={{ id: x.id }} fw={600}>{x.code}</AnchorLink>
                    <Text size="sm">{f.pick(x.titleTh, x.titleEn)}</Text>
                    <Text size="xs" c="dark.4">{f.pick(x.ownerNameTh, x.ownerNameEn)}</Text>
                    {x.duplicateOf && <Badge color="red.9" variant="outline" size="sm">{t("planningPlans.dup.markedOf", { code: byId.get(x.duplicateOf)?.code ?? x.duplicateOf })}</Badge>}
                  </Table.Td>
                  <Table.Td>{x.fromPlanLevel ? t(`planning.planLevel.${x.fromPlanLevel}`) : "–"}</Table.Td>
                  <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{f.baht(x.totalBudget)}</Table.Td>
                  <Table.Td><ProjectStatusBadge status={x.status} /></Table.Td>
                  {mayWrite && (
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {k >= 0 && (
                        <Group gap={4}>
                          <ActionIcon variant="default" aria-label={t("planningPlans.plan.up", { code: x.code })} disabled={k === 0 || order.isPending} onClick={() => move(k, -1)} data-testid="move-up">↑</ActionIcon>
                          <ActionIcon variant="default" aria-label={t("planningPlans.plan.down", { code: x.code })} disabled={k === active.length - 1 || order.isPending} onClick={() => move(k, 1)} data-testid="move-down">↓</ActionIcon>
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
            {!p.projects.length && <Table.Tr><Table.Td colSpan={6}>{t("common.none")}</Table.Td></Table.Tr>}
          </Table.Tbody>
        </Table>
      </div>

      {p.lowerPlans.length > 0 && (
        <>
          <Title order={2} size="h3">{t("planningPlans.plan.lower")}</Title>
          <ExportButtons size="compact-xs" variant="light" nextTable="lower-plans" columns={[t("tableExport.plan"), t("tableExport.level"), t("tableExport.proposals")]} />
          <Table striped data-testid="lower-plans">
            <Table.Tbody>
              {p.lowerPlans.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td><AnchorLink to="/planning/plans/$id" params={{ id: l.id }}>{f.pick(l.titleTh, l.titleEn)}</AnchorLink></Table.Td>
                  <Table.Td>{t(`planning.planLevel.${l.level}`)}</Table.Td>
                  <Table.Td>{t("planningPlans.plan.waiting", { count: l.pendingProposals })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <HistoryPanel entityType="plan" entityId={p.id} allowed={p.may.history} />
    </Stack>
  );
}

function DuplicatePair({ flag, a, b, canAct, onResolve, busy }: { flag: DuplicateFlag; a?: PlanProject; b?: PlanProject; canAct: boolean; onResolve: (d: "confirm" | "dismiss") => void; busy: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const side = (x: PlanProject | undefined, label: string) => (
    <Card withBorder padding="sm">
      <Text size="xs" c="dark.4">{label}</Text>
      {x && (
        <>
          <AnchorLink to="/planning/projects/$id" params={{ id: x.id }} fw={600}>{x.code}</AnchorLink>
          <Text size="sm">{x.titleTh}</Text>
          <Text size="xs" c="dark.4">{f.pick(x.ownerNameTh, x.ownerNameEn)} · {x.fromPlanLevel ? t(`planning.planLevel.${x.fromPlanLevel}`) : ""}</Text>
          <Text size="xs">{t("planningPlans.dup.areas")}: {x.areaCodes.join(", ") || "–"} · {f.baht(x.totalBudget)}</Text>
        </>
      )}
    </Card>
  );
  return (
    <div data-testid="duplicate-pair" data-project={a?.code} data-other={b?.code}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {side(a, t("planningPlans.dup.proposal"))}
        {side(b, t("planningPlans.dup.similarTo"))}
      </SimpleGrid>
      <Group mt={6} gap="sm">
        <Badge variant="outline" color="orange.9" leftSection={<span aria-hidden="true">⚠</span>}>{t("planningPlans.dup.similarity", { value: f.number(Math.round(flag.similarity * 100)) })}</Badge>
        <Text size="xs">{flag.areaMatch === "subdistricts" ? t("planningPlans.dup.sameSubdistricts", { codes: flag.sharedAreaCodes.join(", ") }) : t("planningPlans.dup.sameDistrict")}</Text>
        {canAct && (
          <>
            <Button size="xs" color="red.9" onClick={() => onResolve("confirm")} loading={busy} data-testid="dup-confirm">{t("planningPlans.dup.confirm")}</Button>
            <Button size="xs" variant="default" onClick={() => onResolve("dismiss")} loading={busy} data-testid="dup-dismiss">{t("planningPlans.dup.dismiss")}</Button>
          </>
        )}
      </Group>
    </div>
  );
}

/** A proposal into this plan: owner, title, goal, areas and one budget line (more on the project page). */
function ProposeButton({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const province = plan.provinceCode ?? "";
  const [form, setForm] = useState({ titleTh: "", ownerOrgId: `pro:${province}:provincial-office`, goalId: "", areaCodes: "", source: "province" as BudgetSource, amount: 0 as number | string });
  const goals = useQuery({ queryKey: ["strategy", "goals", province], enabled: open && !!province, queryFn: () => api.get<{ items: { id: string; code: string | null; nameTh: string; nameEn: string }[] }>("/strategy/nodes", { kind: "provincial_goal", provinceCode: province, limit: 100 }) });
  const create = useMutation({
    mutationFn: () =>
      api.post<ProjectDetail>("/planning/projects", {
        fiscalYear: plan.fiscalYear,
        provinceCode: province,
        planId: plan.id,
        origin: plan.level === "province" ? "agency" : plan.level,
        ownerOrgId: form.ownerOrgId.trim(),
        titleTh: form.titleTh.trim(),
        goalIds: form.goalId ? [form.goalId] : [],
        areaCodes: form.areaCodes.split(/[\s,]+/).filter(Boolean),
        budgetLines: Number(form.amount) > 0 ? [{ source: form.source, amount: Number(form.amount) }] : [],
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["planning"] });
      setOpen(false);
    },
  });
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)} data-testid="propose">{t("planningPlans.plan.propose")}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("planningPlans.plan.propose")} size="lg">
        <Stack>
          <TextInput label={t("planningPlans.propose.title")} value={form.titleTh} onChange={(e) => setForm({ ...form, titleTh: e.currentTarget.value })} required data-testid="propose-title" />
          <OrganizationPicker label={t("planningPlans.propose.owner")} description={t("planningPlans.propose.ownerHint")} value={form.ownerOrgId} onChange={(ownerOrgId) => setForm({ ...form, ownerOrgId })} provinceCode={province || undefined} required testId="propose-owner" />
          <Select label={t("planningPlans.propose.goal")} required data={(goals.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.code ?? ""} ${f.name(g)}` }))} value={form.goalId || null} onChange={(v) => setForm({ ...form, goalId: v ?? "" })} data-testid="propose-goal" />
          <TextInput label={t("planningPlans.propose.areas")} description={t("planningPlans.propose.areasHint")} value={form.areaCodes} onChange={(e) => setForm({ ...form, areaCodes: e.currentTarget.value })} />
          <Group grow>
            <Select label={t("planning.source")} data={BUDGET_SOURCES.map((s) => ({ value: s, label: t(`planning.budgetSource.${s}`) }))} value={form.source} onChange={(v) => setForm({ ...form, source: (v as BudgetSource) ?? "province" })} allowDeselect={false} />
            <NumberInput label={t("planningPlans.propose.amount")} thousandSeparator="," min={0} decimalScale={2} value={form.amount} onChange={(v) => setForm({ ...form, amount: v })} />
          </Group>
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
            <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!form.titleTh.trim() || !form.goalId || !form.ownerOrgId} data-testid="propose-save">{t("common.save")}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

const BY = "\u2063BY\u2063";
/** The sentence with the approver's name (Thai data) marked as Thai, whatever the interface language. */
function LockedBy({ text, by }: { text: string; by: string }) {
  const [before, after = ""] = text.split(BY);
  return (
    <>
      {before}
      <span lang="th">{by}</span>
      {after}
    </>
  );
}
