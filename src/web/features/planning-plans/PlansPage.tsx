import { useState } from "react";
import { Button, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { PlanDetail, PlanList } from "../../../modules/planning/contracts-plans.js";
import type { PlanLevel } from "../../../modules/planning/contracts.js";
import { api } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { ListPagination, NoResultsRow } from "../../ui/table.js";
import { provincesQuery } from "../provinces/queries.js";
import { PLAN_LEVELS, PLAN_STATUSES, PlanStatusBadge } from "./plan-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/planning/plans");
const PAGE_SIZE = 50;
const FISCAL_YEARS = [2571, 2570, 2569, 2568];

/** One Plan: the plans of every level per fiscal year, with filters, paging and CSV; staff who plan open a new one. */
export function PlansPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/planning/plans" });
  const me = useMe();
  const page = search.page ?? 1;
  const [q, setQ] = useState(search.q ?? "");
  const filters = { fiscalYear: search.fiscalYear, level: search.level, provinceCode: search.provinceCode, status: search.status, q: search.q };
  const list = useQuery({ queryKey: ["planning", "plans", filters, page], queryFn: () => api.get<PlanList>("/planning/plans", { ...filters, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  const provinces = useQuery(provincesQuery);
  const exporter = useExportAll();
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }) });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const exportAll = () =>
    exporter.collect(
      async (offset, limit) => api.get<PlanList>("/planning/plans", { ...filters, page: Math.floor(offset / limit) + 1, pageSize: limit }),
      (rows) => ({
        fileName: "plans",
        header: ["id", "fiscal_year", "level", "area_id", "area_th", "title_th", "status", "approved_on", "projects", "total_baht", "demo"],
        rows: rows.map((p) => [p.id, p.fiscalYear, p.level, p.areaId, p.areaNameTh, p.titleTh, p.status, p.approvedOn, p.projectCount, p.totalBudget, p.isDemo]),
      }),
      200,
    );
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div style={{ flex: "1 1 420px" }}>
          <Title order={1} data-testid="plans-title">{t("planningPlans.plans.title")}</Title>
          <Text c="dark.4">{t("planningPlans.plans.intro")}</Text>
        </div>
        <Group>
          <AnchorLink to="/planning/projects">{t("planningPlans.projects.title")}</AnchorLink>
          {holdsRoleFor(me.data, "planning:plan.write") && <NewPlanButton />}
        </Group>
      </Group>
      <form role="search" onSubmit={(e) => { e.preventDefault(); setFilter({ q: q.trim() || undefined }); }}>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput type="search" label={t("common.search")} value={q} onChange={(e) => setQ(e.currentTarget.value)} onBlur={() => setFilter({ q: q.trim() || undefined })} w={{ base: "100%", sm: 220 }} data-testid="plans-q" />
          <Select label={t("planning.fiscalYear")} placeholder={t("common.all")} clearable data={FISCAL_YEARS.map((y) => ({ value: String(y), label: f.fiscalYear(y) }))} value={search.fiscalYear ? String(search.fiscalYear) : null} onChange={(v) => setFilter({ fiscalYear: v ? Number(v) : undefined })} w={{ base: "100%", sm: 170 }} data-testid="plans-fy-filter" />
          <Select label={t("planning.level")} placeholder={t("common.all")} clearable data={PLAN_LEVELS.map((l) => ({ value: l, label: t(`planning.planLevel.${l}`) }))} value={search.level ?? null} onChange={(v) => setFilter({ level: (v as PlanLevel) ?? undefined })} w={{ base: "100%", sm: 170 }} data-testid="plans-level-filter" />
          <Select label={t("planning.province")} placeholder={t("common.all")} clearable searchable data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.provinceCode ?? null} onChange={(v) => setFilter({ provinceCode: v ?? undefined })} w={{ base: "100%", sm: 210 }} data-testid="plans-province-filter" />
          <Select label={t("planning.status")} placeholder={t("common.all")} clearable data={PLAN_STATUSES.map((s) => ({ value: s, label: t(`planning.planStatus.${s}`) }))} value={search.status ?? null} onChange={(v) => setFilter({ status: (v as typeof search.status) ?? undefined })} w={{ base: "100%", sm: 170 }} />
          <ExportButtons table={exportAll} loading={exporter.busy} disabled={!total} csvLabel={t("common.exportCsvAll", { count: total })} />
        </Group>
      </form>
      <ErrorAlert error={list.error ?? exporter.error} />
      <Text size="sm" c="dark.4" aria-live="polite">{t("planningPlans.plans.count", { total: f.number(total) })}</Text>
      <div className="table-scroll">
        <Table striped data-testid="plans-table" style={{ minWidth: 820, opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("planningPlans.plans.plan")}</Table.Th>
              <Table.Th>{t("planning.level")}</Table.Th>
              <Table.Th>{t("planning.fiscalYear")}</Table.Th>
              <Table.Th style={{ textAlign: "right" }}>{t("planningPlans.plans.projects")}</Table.Th>
              <Table.Th style={{ textAlign: "right" }}>{t("planning.budget")}</Table.Th>
              <Table.Th>{t("planning.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id} data-testid="plan-row" data-id={p.id}>
                <Table.Td>
                  <AnchorLink to="/planning/plans/$id" params={{ id: p.id }} fw={600}>{f.pick(p.titleTh, p.titleEn)}</AnchorLink>
                  <Text size="xs" c="dark.4">{f.pick(p.areaNameTh, p.areaNameEn)}</Text>
                  <DemoBadge isDemo={p.isDemo} />
                </Table.Td>
                <Table.Td>{t(`planning.planLevel.${p.level}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.fiscalYear(p.fiscalYear)}</Table.Td>
                <Table.Td style={{ textAlign: "right" }}>{f.number(p.projectCount)}</Table.Td>
                <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{f.baht(p.totalBudget)}</Table.Td>
                <Table.Td><PlanStatusBadge status={p.status} /></Table.Td>
              </Table.Tr>
            ))}
            <NoResultsRow colSpan={6} show={!list.isPending && !items.length} />
          </Table.Tbody>
        </Table>
      </div>
      <ListPagination total={total} pageSize={PAGE_SIZE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })} />
    </Stack>
  );
}

function NewPlanButton() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [fy, setFy] = useState("2570");
  const [level, setLevel] = useState<PlanLevel>("province");
  const [areaCode, setAreaCode] = useState("");
  const create = useMutation({
    mutationFn: () => api.post<PlanDetail>("/planning/plans", { fiscalYear: Number(fy), level, areaId: `${level}:${areaCode.trim()}` }),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: ["planning"] });
      setOpen(false);
      void navigate({ to: "/planning/plans/$id", params: { id: p.id } });
    },
  });
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="new-plan">{t("planningPlans.plans.new")}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("planningPlans.plans.new")}>
        <Stack>
          <Select label={t("planning.fiscalYear")} data={FISCAL_YEARS.map((y) => ({ value: String(y), label: f.fiscalYear(y) }))} value={fy} onChange={(v) => setFy(v ?? "2570")} allowDeselect={false} />
          <Select label={t("planning.level")} data={PLAN_LEVELS.map((l) => ({ value: l, label: t(`planning.planLevel.${l}`) }))} value={level} onChange={(v) => setLevel((v as PlanLevel) ?? "province")} allowDeselect={false} />
          <TextInput label={t("planningPlans.plans.areaCode")} description={t("planningPlans.plans.areaCodeHint")} value={areaCode} onChange={(e) => setAreaCode(e.currentTarget.value)} required />
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
            <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!areaCode.trim()}>{t("common.create")}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
