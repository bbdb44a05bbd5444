import { useState } from "react";
import { ActionIcon, Alert, Anchor, Badge, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { AnchorLink } from "../../ui/links.js";
import { useTranslation } from "react-i18next";
import type { AllocationNoticeList, AllocationNoticeView, RecordAllocationNoticeInput } from "../../../modules/planning/contracts-budget.js";
import { bangkokToday } from "../../../platform/thai/index.js";
import { api, isApiError, type Query } from "../../app/api.js";
import { useExportAll } from "../../app/csv.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { ListPagination } from "../../ui/table.js";
import { currentFiscalYear, FiscalYearSelect, ProvinceSelect, StatusBadge, useBaht } from "./budget-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/planning/budget/notices");
const PAGE = 25;
type Line = { projectCode: string; descriptionTh: string; amount: number | "" };

/**
 * Allocation notices (หนังสือแจ้งจัดสรรงบประมาณ): the form a department or ministry officer sends one with (its
 * deadline and lateness shown as soon as it is recorded) and the list of notices with late flags and days late.
 */
export function AllocationNoticesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const baht = useBaht();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/planning/budget/notices" });
  const fy = search.fy ?? currentFiscalYear();
  const page = search.page ?? 1;
  const filters: Query = { fiscalYear: fy, provinceCode: search.province, late: search.late, q: search.q, sort: search.sort ?? "-notified" };
  const list = useQuery({ queryKey: ["planning", "notices", filters, page], queryFn: () => api.get<AllocationNoticeList>("/planning/allocation-notices", { ...filters, limit: PAGE, offset: (page - 1) * PAGE }), placeholderData: keepPreviousData });
  const set = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, page: undefined, ...patch }) });
  const mayNotify = holdsRoleFor(me.data, "planning:allocation.notify");
  const exporter = useExportAll();
  const exportAll = () =>
    exporter.collect(
      (offset, limit) => api.get<AllocationNoticeList>("/planning/allocation-notices", { ...filters, offset, limit: Math.min(limit, 200) }),
      (rows) => ({
        fileName: `allocation-notices-${fy}`,
        header: ["fiscal_year", "from_org", "from_th", "province", "total", "notified_on", "due_on", "days_late", "reference"],
        rows: rows.map((n) => [n.fiscalYear, n.fromOrgId, n.fromNameTh, n.provinceCode, n.total, n.notifiedOn, n.dueOn, n.daysLate, n.referenceTh]),
      }),
      200,
    );
  return (
    <Stack gap="md">
      <div>
        <Title order={1} data-testid="notices-title">{t("planningBudget.notices.title")}</Title>
        <Text c="dark.4">{f.fiscalYear(fy)} · {t("planningBudget.notices.intro")}</Text>
      </div>
      {mayNotify && <NoticeForm fy={fy} defaultProvince={search.province} />}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <ProvinceSelect value={search.province} onChange={(v) => set({ province: v })} clearable />
        <FiscalYearSelect value={fy} onChange={(v) => set({ fy: v })} />
        <TextInput label={t("planningBudget.notices.searchRef")} defaultValue={search.q ?? ""} onKeyDown={(e) => e.key === "Enter" && set({ q: e.currentTarget.value || undefined })} w={{ base: "100%", sm: 220 }} />
        <Select label={t("planningBudget.projects.sort")} data={["-notified", "notified", "-late", "-total"].map((s) => ({ value: s, label: t(`planningBudget.notices.sorts.${s}`) }))} value={search.sort ?? "-notified"} onChange={(v) => set({ sort: (v as never) ?? undefined })} w={{ base: "100%", sm: 200 }} />
        <Switch label={t("planningBudget.notices.lateOnly")} checked={!!search.late} onChange={(e) => set({ late: e.currentTarget.checked || undefined })} data-testid="late-only" />
        <ExportButtons table={exportAll} loading={exporter.busy} disabled={!list.data?.total} />
      </Group>
      <ErrorAlert error={list.error ?? exporter.error} />
      {list.isPending ? <PageLoader /> : (
        <>
          <Table.ScrollContainer minWidth={860}>
            <Table striped fz="sm" data-testid="notices-list">
              <Table.Thead><Table.Tr><Table.Th>{t("planningBudget.notices.from")}</Table.Th><Table.Th>{t("planningBudget.province")}</Table.Th><Table.Th ta="right">{t("planningBudget.notices.total")}</Table.Th><Table.Th>{t("planningBudget.notices.notifiedOn")}</Table.Th><Table.Th>{t("planningBudget.notices.dueOn")}</Table.Th><Table.Th>{t("planningBudget.calendar.status")}</Table.Th><Table.Th>{t("planningBudget.notices.reference")}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {(list.data?.items ?? []).map((n) => (
                  <Table.Tr key={n.id} data-testid="notice-row" data-from={n.fromOrgId} data-province={n.provinceCode}>
                    <Table.Td>{f.pick(n.fromNameTh, n.fromNameEn)} <DemoBadge isDemo={n.isDemo} /></Table.Td>
                    <Table.Td><AnchorLink to="/planning/budget" search={{ province: n.provinceCode, fy: n.fiscalYear }}>{f.pick(n.provinceNameTh, n.provinceNameEn)}</AnchorLink></Table.Td>
                    <Table.Td ta="right">{n.lines.some((l) => l.projectId) ? <AnchorLink to="/planning/budget/projects" search={{ province: n.provinceCode, fy: n.fiscalYear, notice: n.id }}>{baht(n.total)}</AnchorLink> : baht(n.total)}</Table.Td>
                    <Table.Td>{f.date(n.notifiedOn)}</Table.Td>
                    <Table.Td>{f.date(n.dueOn)}</Table.Td>
                    <Table.Td><StatusBadge status={n.late ? "late" : "on-time"} daysLate={n.daysLate} testId="notice-status" /></Table.Td>
                    <Table.Td>{n.referenceTh}</Table.Td>
                  </Table.Tr>
                ))}
                {!list.data?.items.length && <Table.Tr><Table.Td colSpan={7}>{t("common.noResults")}</Table.Td></Table.Tr>}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListPagination total={list.data?.total ?? 0} pageSize={PAGE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p }) })} />
        </>
      )}
    </Stack>
  );
}

/** The notice form: the sender is the officer's own department (or, for a ministry officer, one it names). */
function NoticeForm({ fy, defaultProvince }: { fy: number; defaultProvince?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const baht = useBaht();
  const me = useMe();
  const qc = useQueryClient();
  const orgs = (me.data?.grants ?? []).filter((g) => g.role === "department_officer" || g.role === "ministry_officer").map((g) => g.scope.replace(/^org:/, ""));
  const [fromOrgId, setFrom] = useState(orgs[0] ?? "");
  const [province, setProvince] = useState<string | undefined>(defaultProvince);
  const [year, setYear] = useState(fy);
  const [total, setTotal] = useState<number | "">("");
  const [notifiedOn, setNotifiedOn] = useState(bangkokToday());
  const [referenceTh, setRef] = useState("");
  const [lines, setLines] = useState<Line[]>([]);
  const [done, setDone] = useState<AllocationNoticeView | null>(null);
  const m = useMutation({
    mutationFn: (body: RecordAllocationNoticeInput) => api.post<AllocationNoticeView>("/planning/allocation-notices", body),
    onSuccess: (n) => {
      setDone(n);
      void qc.invalidateQueries({ queryKey: ["planning"] });
    },
  });
  const err = (path: string) => (isApiError(m.error) ? m.error.fieldError(path, f.lang) : undefined);
  const submit = () => {
    setDone(null);
    m.mutate({ fiscalYear: year, fromOrgId, provinceCode: province ?? "", total: total === "" ? Number.NaN : total, notifiedOn, referenceTh: referenceTh || undefined, lines: lines.map((l) => ({ projectCode: l.projectCode || undefined, descriptionTh: l.descriptionTh, amount: l.amount === "" ? Number.NaN : l.amount })) });
  };
  return (
    <Card withBorder data-testid="notice-form">
      <Title order={2} size="h4">{t("planningBudget.notices.formTitle")}</Title>
      <Text size="sm" c="dark.4">{t("planningBudget.notices.formHint")}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="sm">
        {orgs.length > 1 ? <Select label={t("planningBudget.notices.from")} data={orgs} value={fromOrgId} onChange={(v) => setFrom(v ?? "")} /> : <TextInput label={t("planningBudget.notices.from")} value={fromOrgId} onChange={(e) => setFrom(e.currentTarget.value)} error={err("fromOrgId")} data-testid="notice-from" />}
        <ProvinceSelect value={province} onChange={setProvince} testId="notice-province" />
        <FiscalYearSelect value={year} onChange={setYear} testId="notice-fy" />
        <NumberInput label={t("planningBudget.notices.total")} description={total !== "" ? baht(total) : undefined} value={total} onChange={(v) => setTotal(typeof v === "number" ? v : "")} min={0} decimalScale={2} thousandSeparator="," error={err("total")} data-testid="notice-total" />
        <TextInput type="date" label={t("planningBudget.notices.notifiedOn")} description={f.date(notifiedOn)} value={notifiedOn} onChange={(e) => setNotifiedOn(e.currentTarget.value)} error={err("notifiedOn")} data-testid="notice-date" />
        <TextInput label={t("planningBudget.notices.reference")} value={referenceTh} onChange={(e) => setRef(e.currentTarget.value)} error={err("referenceTh")} data-testid="notice-ref" />
      </SimpleGrid>
      <Stack gap="xs" mt="sm">
        <Text fw={600} size="sm">{t("planningBudget.notices.lines")}</Text>
        {lines.map((l, k) => (
          <Group key={k} align="flex-end" wrap="wrap">
            <TextInput label={t("planningBudget.notices.projectCode")} value={l.projectCode} onChange={(e) => { const v = e.currentTarget.value; setLines((ls) => ls.map((x, j) => (j === k ? { ...x, projectCode: v } : x))); }} error={err(`lines.${k}.projectCode`)} w={180} />
            <TextInput label={t("planningBudget.notices.description")} value={l.descriptionTh} onChange={(e) => { const v = e.currentTarget.value; setLines((ls) => ls.map((x, j) => (j === k ? { ...x, descriptionTh: v } : x))); }} error={err(`lines.${k}.descriptionTh`)} w={{ base: "100%", sm: 320 }} />
            <NumberInput label={t("planningBudget.dashboard.amount")} value={l.amount} onChange={(v) => setLines((ls) => ls.map((x, j) => (j === k ? { ...x, amount: typeof v === "number" ? v : "" } : x)))} min={0} decimalScale={2} thousandSeparator="," error={err(`lines.${k}.amount`)} w={180} />
            <ActionIcon variant="default" aria-label={t("planningBudget.notices.removeLine")} onClick={() => setLines((ls) => ls.filter((_, j) => j !== k))}>✕</ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="default" size="xs" onClick={() => setLines((ls) => [...ls, { projectCode: "", descriptionTh: "", amount: "" }])}>{t("planningBudget.notices.addLine")}</Button>
        </Group>
      </Stack>
      <Group mt="md">
        <Button onClick={submit} loading={m.isPending} disabled={!fromOrgId || !province || total === ""} data-testid="notice-submit">{t("planningBudget.notices.send")}</Button>
      </Group>
      <ErrorAlert error={m.error} />
      {done && (
        <Alert mt="sm" color={done.late ? "red" : "teal"} title={done.late ? t("planningBudget.notices.recordedLate", { count: done.daysLate }) : t("planningBudget.notices.recordedOnTime")} data-testid="notice-result">
          <Text size="sm">{t("planningBudget.notices.resultLine", { from: f.pick(done.fromNameTh, done.fromNameEn), province: f.pick(done.provinceNameTh, done.provinceNameEn), total: baht(done.total), notified: f.date(done.notifiedOn, "long"), due: f.date(done.dueOn, "long") })}</Text>
          <Group gap="xs" mt={4}>
            <StatusBadge status={done.late ? "late" : "on-time"} daysLate={done.daysLate} testId="notice-result-status" />
            <Badge variant="outline" style={{ textTransform: "none" }}>{t("planningBudget.notices.ruleShort")}</Badge>
          </Group>
        </Alert>
      )}
    </Card>
  );
}
