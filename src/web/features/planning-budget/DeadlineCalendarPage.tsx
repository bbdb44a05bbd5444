import { Card, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { AnchorLink } from "../../ui/links.js";
import { useTranslation } from "react-i18next";
import type { DeadlineCalendar } from "../../../modules/planning/contracts-budget.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { currentFiscalYear, FiscalYearSelect, ProvinceSelect, StatusBadge } from "./budget-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/planning/budget/calendar");
const KINDS = ["budget-act", "allocation-notice", "operating-plan", "quarter-target", "milestone"] as const;
const STATUSES = ["pending", "due-soon", "overdue", "on-time", "late", "met", "missed"] as const;

/**
 * The deadline calendar (ปฏิทินกำหนดเวลาตามกฎหมาย): every statutory deadline of a fiscal year for one province, or
 * nation-wide, in date order with its status, and how each is counted.
 */
export function DeadlineCalendarPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/planning/budget/calendar" });
  const fy = search.fy ?? currentFiscalYear();
  const q = useQuery({ queryKey: ["planning", "budget", "calendar", search.province, fy, search.kind, search.status], queryFn: () => api.get<DeadlineCalendar>("/planning/budget/calendar", { fiscalYear: fy, provinceCode: search.province, kind: search.kind, status: search.status }), placeholderData: keepPreviousData });
  const set = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch }) });
  const c = q.data;
  const exportTable = () => c && ({ fileName: `deadlines-${search.province ?? "all"}-${fy}`, header: ["date", "kind", "province", "org", "title_th", "status", "done_on", "days_late"], rows: c.items.map((x) => [x.date, x.kind, x.provinceCode, x.orgId, x.titleTh, x.status, x.doneOn, x.daysLate]) });
  return (
    <Stack gap="md">
      <div>
        <Title order={1} data-testid="calendar-title">{t("planningBudget.calendar.title")}</Title>
        <Text c="dark.4">{f.fiscalYear(fy)} · {t("planningBudget.calendar.intro")}</Text>
      </div>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <ProvinceSelect value={search.province} onChange={(v) => set({ province: v })} clearable testId="calendar-province" />
        <FiscalYearSelect value={fy} onChange={(v) => set({ fy: v })} />
        <Select label={t("planningBudget.calendar.kind")} placeholder={t("common.all")} clearable data={KINDS.map((k) => ({ value: k, label: t(`planningBudget.calendar.kinds.${k}`) }))} value={search.kind ?? null} onChange={(v) => set({ kind: (v as (typeof KINDS)[number]) ?? undefined })} w={{ base: "100%", sm: 220 }} />
        <Select label={t("planningBudget.calendar.statusFilter")} placeholder={t("common.all")} clearable data={STATUSES.map((s) => ({ value: s, label: t(`planningBudget.status.${s}`) }))} value={search.status ?? null} onChange={(v) => set({ status: (v as (typeof STATUSES)[number]) ?? undefined })} w={{ base: "100%", sm: 200 }} />
        <ExportButtons table={exportTable} disabled={!c?.items.length} />
      </Group>
      <ErrorAlert error={q.error} />
      {c && (
        <Card withBorder>
          <Text size="sm" data-testid="calendar-rule">
            {c.act ? t("planningBudget.calendar.actLine", { date: f.date(c.act.passedOn, "long"), due: f.date(c.act.noticeDueOn, "long") }) : t("planningBudget.dashboard.noAct")} <DemoBadge isDemo={c.act?.isDemo} />
          </Text>
          <Text size="sm" c="dark.4">{t("planningBudget.calendar.rule")}</Text>
        </Card>
      )}
      {q.isPending ? <PageLoader /> : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped fz="sm" data-testid="calendar-items">
            <Table.Thead><Table.Tr><Table.Th>{t("planningBudget.calendar.date")}</Table.Th><Table.Th>{t("planningBudget.calendar.kind")}</Table.Th><Table.Th>{t("planningBudget.calendar.what")}</Table.Th><Table.Th>{t("planningBudget.calendar.status")}</Table.Th><Table.Th>{t("planningBudget.calendar.done")}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {(c?.items ?? []).map((x, k) => (
                <Table.Tr key={`${x.kind}-${x.entityId ?? ""}-${x.orgId ?? ""}-${x.provinceCode ?? ""}-${k}`} data-kind={x.kind} data-org={x.orgId ?? ""}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{x.date ? f.date(x.date) : "–"}</Table.Td>
                  <Table.Td>{t(`planningBudget.calendar.kinds.${x.kind}`)}</Table.Td>
                  <Table.Td>
                    {x.kind === "allocation-notice" && x.entityId ? <AnchorLink to="/planning/budget/notices" search={{ province: x.provinceCode ?? undefined, fy }}>{f.pick(x.titleTh, x.titleEn)}</AnchorLink> : f.pick(x.titleTh, x.titleEn)}
                    {x.kind === "quarter-target" && x.actualPct !== null && <Text size="xs">{t("planningBudget.calendar.actualPct", { pct: f.number(x.actualPct) })}</Text>}
                  </Table.Td>
                  <Table.Td><StatusBadge status={x.status} daysLate={x.daysLate} /></Table.Td>
                  <Table.Td>{x.doneOn ? f.date(x.doneOn) : x.daysLeft !== null && x.daysLeft >= 0 ? t("planningBudget.calendar.daysLeft", { count: x.daysLeft }) : "–"}</Table.Td>
                </Table.Tr>
              ))}
              {!c?.items.length && <Table.Tr><Table.Td colSpan={5}>{t("common.noResults")}</Table.Td></Table.Tr>}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
