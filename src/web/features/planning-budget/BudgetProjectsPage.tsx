import { Button, Group, Progress, Select, Stack, Switch, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { AnchorLink } from "../../ui/links.js";
import { useTranslation } from "react-i18next";
import type { BudgetProjectList } from "../../../modules/planning/contracts-budget.js";
import { api, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { ListPagination } from "../../ui/table.js";
import { currentFiscalYear, FiscalYearSelect, ProvinceSelect, useBaht } from "./budget-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/planning/budget/projects");
const PAGE = 50;
const SORTS = ["code", "-budget", "budget", "-disbursed", "disbursed", "pct", "-pct"] as const;

/** The projects behind a dashboard figure: filtered by source, agency, goal or issue, frame shift, notice or lagging. */
export function BudgetProjectsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const baht = useBaht();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/planning/budget/projects" });
  const province = search.province ?? "76";
  const fy = search.fy ?? currentFiscalYear();
  const page = search.page ?? 1;
  const filters: Query = { provinceCode: province, fiscalYear: fy, source: search.source, agencyId: search.agency, goalId: search.goal, issueId: search.issue, frameShiftId: search.frameShift, allocationNoticeId: search.notice, lagging: search.lagging, q: search.q, sort: search.sort ?? "code" };
  const q = useQuery({ queryKey: ["planning", "budget", "projects", filters, page], queryFn: () => api.get<BudgetProjectList>("/planning/budget/projects", { ...filters, limit: PAGE, offset: (page - 1) * PAGE }), placeholderData: keepPreviousData });
  const set = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, page: undefined, ...patch }) });
  const exporter = useExportAll();
  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<BudgetProjectList>("/planning/budget/projects", { ...filters, offset, limit: Math.min(limit, 200) }),
      (rows) => ({
        fileName: `budget-projects-${province}-${fy}`,
        header: ["code", "title_th", "owner", "status", "budget", "disbursed", "disbursed_pct", "physical_pct", "source_amount"],
        rows: rows.map((r) => [r.code, r.titleTh, r.ownerNameTh, r.status, r.budget, r.disbursed, r.disbursedPct, r.physicalPct, r.sourceAmount]),
      }),
      200,
    );
  const active = [search.source && t(`planningBudget.source.${search.source}`), search.agency, search.goal, search.issue, search.frameShift && t("planningBudget.frameShifts.title"), search.notice && t("planningBudget.notices.one"), search.lagging && t("planningBudget.lagging.title")].filter(Boolean);
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t("planningBudget.projects.title")}</Title>
        <Text c="dark.4">{f.fiscalYear(fy)}{active.length ? ` · ${t("planningBudget.projects.filteredBy")} ${active.join(", ")}` : ""}</Text>
        <AnchorLink to="/planning/budget" search={{ province, fy }}>{t("planningBudget.projects.back")}</AnchorLink>
      </div>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <ProvinceSelect value={province} onChange={(v) => v && set({ province: v })} />
        <FiscalYearSelect value={fy} onChange={(v) => set({ fy: v })} />
        <TextInput label={t("common.search")} defaultValue={search.q ?? ""} onKeyDown={(e) => e.key === "Enter" && set({ q: e.currentTarget.value || undefined })} w={{ base: "100%", sm: 220 }} />
        <Select label={t("planningBudget.projects.sort")} data={SORTS.map((s) => ({ value: s, label: t(`planningBudget.projects.sorts.${s}`) }))} value={search.sort ?? "code"} onChange={(v) => set({ sort: (v as (typeof SORTS)[number]) ?? undefined })} w={{ base: "100%", sm: 220 }} />
        <Switch label={t("planningBudget.lagging.only")} checked={!!search.lagging} onChange={(e) => set({ lagging: e.currentTarget.checked || undefined })} />
        <Button variant="default" onClick={() => set({ source: undefined, agency: undefined, goal: undefined, issue: undefined, frameShift: undefined, notice: undefined, lagging: undefined, q: undefined })}>{t("planningBudget.projects.clear")}</Button>
        <ExportButtons table={exportAll} loading={exporter.busy} disabled={!q.data?.total} />
      </Group>
      <ErrorAlert error={q.error ?? exporter.error} />
      {q.isPending ? <PageLoader /> : (
        <>
          <Text size="sm" aria-live="polite" data-testid="projects-total">{t("planningBudget.dashboard.projects", { count: q.data?.total ?? 0 })}</Text>
          <Table.ScrollContainer minWidth={820}>
            <Table striped fz="sm" data-testid="budget-projects">
              <Table.Thead><Table.Tr><Table.Th>{t("planningBudget.projects.code")}</Table.Th><Table.Th>{t("planningBudget.projects.name")}</Table.Th><Table.Th>{t("planningBudget.projects.owner")}</Table.Th><Table.Th ta="right">{t("planningBudget.dashboard.amount")}</Table.Th>{search.source || search.frameShift || search.notice ? <Table.Th ta="right">{t("planningBudget.projects.fromFilter")}</Table.Th> : null}<Table.Th ta="right">{t("planningBudget.dashboard.disbursed")}</Table.Th><Table.Th>{t("planningBudget.projects.progress")}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {(q.data?.items ?? []).map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.code} <DemoBadge isDemo={p.isDemo} /></Table.Td>
                    <Table.Td>{f.pick(p.titleTh, p.titleEn)}</Table.Td>
                    <Table.Td>{f.pick(p.ownerNameTh, p.ownerNameEn)}</Table.Td>
                    <Table.Td ta="right">{baht(p.budget)}</Table.Td>
                    {search.source || search.frameShift || search.notice ? <Table.Td ta="right">{baht(p.sourceAmount)}</Table.Td> : null}
                    <Table.Td ta="right">{baht(p.disbursed)} ({f.number(p.disbursedPct)}%)</Table.Td>
                    <Table.Td miw={140}><Progress value={p.physicalPct ?? 0} aria-label={t("planningBudget.projects.physical")} /><Text size="xs">{p.physicalPct === null ? "–" : `${f.number(p.physicalPct)}%`}</Text></Table.Td>
                  </Table.Tr>
                ))}
                {!q.data?.items.length && <Table.Tr><Table.Td colSpan={7}>{t("common.noResults")}</Table.Td></Table.Tr>}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListPagination total={q.data?.total ?? 0} pageSize={PAGE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p }) })} />
        </>
      )}
    </Stack>
  );
}
