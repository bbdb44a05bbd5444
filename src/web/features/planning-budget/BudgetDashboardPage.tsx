import { lazy, Suspense } from "react";
import { Alert, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { AnchorLink } from "../../ui/links.js";
import { useTranslation } from "react-i18next";
import type { BudgetDashboard } from "../../../modules/planning/contracts-budget.js";
import type { BudgetSource } from "../../../modules/planning/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { currentFiscalYear, FiscalYearSelect, ProvinceSelect, StatusBadge, useBaht } from "./budget-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const DisbursementCurve = lazy(() => import("./DisbursementCurve.js"));
const route = getRouteApi("/planning/budget");

/**
 * The province budget dashboard (แดชบอร์ดงบประมาณจังหวัด): totals by source, agency and strategy, the disbursement
 * curve against the plan and the quarterly targets, lagging agencies and projects, deadline status, frame shifts.
 * Every figure links to the projects behind it.
 */
export function BudgetDashboardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const baht = useBaht();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/planning/budget" });
  const province = search.province ?? "76";
  const fy = search.fy ?? currentFiscalYear();
  const q = useQuery({ queryKey: ["planning", "budget", "dashboard", province, fy], queryFn: () => api.get<BudgetDashboard>("/planning/budget/dashboard", { provinceCode: province, fiscalYear: fy }), placeholderData: keepPreviousData });
  const d = q.data;
  const drill = (extra: { source?: BudgetSource; agency?: string; goal?: string; issue?: string; frameShift?: string; lagging?: true }) => ({ to: "/planning/budget/projects" as const, search: { province, fy, ...extra } });
  const pctText = (n: number | null) => (n === null ? "–" : `${f.number(n)}%`);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} data-testid="budget-dashboard-title">{t("planningBudget.dashboard.title")}</Title>
          <Text c="dark.4">{d ? `${f.name({ nameTh: `จังหวัด${d.provinceNameTh}`, nameEn: d.provinceNameEn })} · ${f.fiscalYear(d.fiscalYear)}` : t("planningBudget.dashboard.intro")}</Text>
        </div>
        <Group gap="xs">
          <AnchorLink to="/planning/budget/calendar" search={{ province, fy }} data-testid="link-calendar">{t("planningBudget.calendar.title")}</AnchorLink>
          <AnchorLink to="/planning/budget/notices" search={{ province, fy }} data-testid="link-notices">{t("planningBudget.notices.title")}</AnchorLink>
        </Group>
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <ProvinceSelect value={province} onChange={(v) => v && void navigate({ search: (s) => ({ ...s, province: v }) })} testId="dashboard-province" />
        <FiscalYearSelect value={fy} onChange={(v) => void navigate({ search: (s) => ({ ...s, fy: v }) })} testId="dashboard-fy" />
        {d && <DemoBadge isDemo={d.isDemo} />}
      </Group>
      <ErrorAlert error={q.error} />
      {q.isPending ? (
        <PageLoader />
      ) : d ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <Card withBorder>
              <Text size="sm" c="dark.4">{t("planningBudget.dashboard.budget")}</Text>
              <AnchorLink {...drill({})} fw={700} size="xl" data-testid="total-budget">{baht(d.totals.budget)}</AnchorLink>
              <Text size="sm">{t("planningBudget.dashboard.projects", { count: d.totals.projects })}</Text>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dark.4">{t("planningBudget.dashboard.disbursed")}</Text>
              <Text fw={700} size="xl" data-testid="total-disbursed">{baht(d.totals.disbursed)}</Text>
              <Text size="sm">{t("planningBudget.dashboard.asOf", { date: f.date(d.asOf) })}</Text>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dark.4">{t("planningBudget.dashboard.target")}</Text>
              <Text fw={700} size="xl">{d.elapsedQuarter ? t("planningBudget.dashboard.targetOf", { q: d.elapsedQuarter, pct: d.targets?.[`q${d.elapsedQuarter}` as "q1"] ?? "–" }) : t("planningBudget.dashboard.noQuarterYet")}</Text>
              <Text size="xs" c="dark.4">{t("planningBudget.dashboard.targetsConfigurable")}</Text>
            </Card>
            <Card withBorder data-testid="deadline-status">
              <Text size="sm" c="dark.4">{t("planningBudget.dashboard.deadlines")}</Text>
              {d.deadlines.act ? (
                <Stack gap={4}>
                  <Text size="sm">{t("planningBudget.dashboard.noticeDue", { date: f.date(d.deadlines.act.noticeDueOn) })}</Text>
                  <Group gap={6}>
                    <Badge variant="outline" color="teal.9" style={{ textTransform: "none" }}>✓ {t("planningBudget.dashboard.onTime", { count: d.deadlines.notices.onTime })}</Badge>
                    <Badge variant="filled" color="red.9" style={{ textTransform: "none" }} data-testid="late-notices">⚠ {t("planningBudget.dashboard.late", { count: d.deadlines.notices.late })}</Badge>
                    {d.deadlines.notices.overdue > 0 && <Badge variant="filled" color="red.9" style={{ textTransform: "none" }}>⚠ {t("planningBudget.dashboard.overdue", { count: d.deadlines.notices.overdue })}</Badge>}
                  </Group>
                  {d.deadlines.operatingPlan && (
                    <Group gap={6}>
                      <Text size="sm">{t("planningBudget.dashboard.operatingPlan")}{d.deadlines.operatingPlan.dueOn ? ` ${f.date(d.deadlines.operatingPlan.dueOn)}` : ""}</Text>
                      <StatusBadge status={d.deadlines.operatingPlan.status} daysLate={d.deadlines.operatingPlan.daysLate} testId="operating-plan-status" />
                    </Group>
                  )}
                </Stack>
              ) : (
                <Text size="sm">{t("planningBudget.dashboard.noAct")}</Text>
              )}
            </Card>
          </SimpleGrid>

          <Card withBorder>
            <Title order={2} size="h4">{t("planningBudget.curve.title")}</Title>
            <Suspense fallback={<PageLoader />}>
              <DisbursementCurve curve={d.curve} title={t("planningBudget.curve.title")} />
            </Suspense>
            <Table.ScrollContainer minWidth={640}>
              <ExportButtons size="compact-xs" variant="light" nextTable="budget-curve" />
              <Table striped fz="sm" data-testid="curve-table">
                <Table.Thead>
                  <Table.Tr><Table.Th>{t("planningBudget.curve.month")}</Table.Th><Table.Th ta="right">{t("planningBudget.curve.actualBaht")}</Table.Th><Table.Th ta="right">{t("planningBudget.curve.actual")}</Table.Th><Table.Th ta="right">{t("planningBudget.curve.planned")}</Table.Th><Table.Th ta="right">{t("planningBudget.curve.target")}</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.curve.map((c) => (
                    <Table.Tr key={c.month}><Table.Td>{f.date(c.month).replace(/^1\s/, "")}</Table.Td><Table.Td ta="right">{c.cumulative === null ? "–" : baht(c.cumulative)}</Table.Td><Table.Td ta="right">{pctText(c.cumulativePct)}</Table.Td><Table.Td ta="right">{pctText(c.cumulativePlannedPct)}</Table.Td><Table.Td ta="right">{pctText(c.targetPct)}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>

          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4">{t("planningBudget.dashboard.bySource")}</Title>
              <ExportButtons size="compact-xs" variant="light" nextTable="budget-by-source" />
              <Table fz="sm" data-testid="by-source">
                <Table.Thead><Table.Tr><Table.Th>{t("planningBudget.dashboard.source")}</Table.Th><Table.Th ta="right">{t("planningBudget.dashboard.amount")}</Table.Th><Table.Th ta="right">{t("planningBudget.dashboard.projectsCol")}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {d.bySource.map((s) => (
                    <Table.Tr key={s.source}><Table.Td>{t(`planningBudget.source.${s.source}`)}</Table.Td><Table.Td ta="right"><AnchorLink {...drill({ source: s.source })}>{baht(s.amount)}</AnchorLink></Table.Td><Table.Td ta="right">{f.number(s.projects)}</Table.Td></Table.Tr>
                  ))}
                  {!d.bySource.length && <Table.Tr><Table.Td colSpan={3}>{t("common.noResults")}</Table.Td></Table.Tr>}
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">{t("planningBudget.dashboard.byStrategy")}</Title>
              <ExportButtons size="compact-xs" variant="light" nextTable="budget-by-strategy" />
              <Table fz="sm" data-testid="by-strategy">
                <Table.Thead><Table.Tr><Table.Th>{t("planningBudget.dashboard.goal")}</Table.Th><Table.Th ta="right">{t("planningBudget.dashboard.amount")}</Table.Th><Table.Th ta="right">{t("planningBudget.dashboard.disbursed")}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {d.byStrategy.flatMap((iss) => [
                    <Table.Tr key={`i-${iss.issueId}`}><Table.Td colSpan={3} fw={700}>{iss.issueId ? <AnchorLink {...drill({ issue: iss.issueId })}>{[iss.issueCode, f.pick(iss.issueNameTh, iss.issueNameEn)].filter(Boolean).join(" ")}</AnchorLink> : f.pick(iss.issueNameTh, iss.issueNameEn)}</Table.Td></Table.Tr>,
                    ...iss.goals.map((g) => (
                      <Table.Tr key={g.goalId}><Table.Td pl="lg">{[g.code, f.pick(g.nameTh, g.nameEn)].filter(Boolean).join(" ")}</Table.Td><Table.Td ta="right"><AnchorLink {...drill({ goal: g.goalId })}>{baht(g.budget)}</AnchorLink></Table.Td><Table.Td ta="right">{baht(g.disbursed)}</Table.Td></Table.Tr>
                    )),
                  ])}
                </Table.Tbody>
              </Table>
            </Card>
          </SimpleGrid>

          <Card withBorder>
            <Title order={2} size="h4">{t("planningBudget.dashboard.byAgency")}</Title>
            <Table.ScrollContainer minWidth={640}>
              <ExportButtons size="compact-xs" variant="light" nextTable="budget-by-agency" />
              <Table fz="sm" striped data-testid="by-agency">
                <Table.Thead><Table.Tr><Table.Th>{t("planningBudget.dashboard.agency")}</Table.Th><Table.Th ta="right">{t("planningBudget.dashboard.projectsCol")}</Table.Th><Table.Th ta="right">{t("planningBudget.dashboard.amount")}</Table.Th><Table.Th ta="right">{t("planningBudget.dashboard.disbursed")}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {d.byAgency.map((a) => (
                    <Table.Tr key={a.agencyId}><Table.Td>{f.name(a)}</Table.Td><Table.Td ta="right">{f.number(a.projects)}</Table.Td><Table.Td ta="right"><AnchorLink {...drill({ agency: a.agencyId })}>{baht(a.budget)}</AnchorLink></Table.Td><Table.Td ta="right">{baht(a.disbursed)}</Table.Td></Table.Tr>
                  ))}
                  {!d.byAgency.length && <Table.Tr><Table.Td colSpan={4}>{t("planningBudget.dashboard.noProjects")}</Table.Td></Table.Tr>}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>

          <Card withBorder data-testid="lagging">
            <Group justify="space-between">
              <Title order={2} size="h4">{t("planningBudget.lagging.title")}</Title>
              <AnchorLink {...drill({ lagging: true })}>{t("planningBudget.lagging.all", { count: d.lagging.projectsTotal })}</AnchorLink>
            </Group>
            <Text size="sm" c="dark.4">{t("planningBudget.lagging.rule")}</Text>
            <Table.ScrollContainer minWidth={720}>
              <ExportButtons size="compact-xs" variant="light" nextTable="budget-lagging" />
              <Table fz="sm" striped>
                <Table.Thead><Table.Tr><Table.Th>{t("planningBudget.lagging.who")}</Table.Th><Table.Th ta="right">{t("planningBudget.lagging.disbursedPct")}</Table.Th><Table.Th ta="right">{t("planningBudget.lagging.behindTarget")}</Table.Th><Table.Th ta="right">{t("planningBudget.lagging.behindPlan")}</Table.Th><Table.Th>{t("planningBudget.lagging.why")}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {[...d.lagging.agencies, ...d.lagging.projects].map((x) => (
                    <Table.Tr key={`${x.kind}-${x.id}`}>
                      <Table.Td>{x.kind === "agency" ? <AnchorLink {...drill({ agency: x.id })}><b>{f.pick(x.nameTh, x.nameEn)}</b></AnchorLink> : `${x.code} ${f.pick(x.nameTh, x.nameEn)}`}</Table.Td>
                      <Table.Td ta="right">{pctText(x.disbursedPct)}</Table.Td>
                      <Table.Td ta="right">{x.behindTargetPts !== null && x.behindTargetPts > 0 ? t("planningBudget.lagging.points", { n: f.number(x.behindTargetPts) }) : "–"}</Table.Td>
                      <Table.Td ta="right">{x.behindPlan && x.behindPlan !== "0.00" ? baht(x.behindPlan) : "–"}</Table.Td>
                      <Table.Td>{x.reasons.map((r) => <Badge key={r} variant="outline" color="red.9" mr={4} style={{ textTransform: "none" }}>⚠ {t(`planningBudget.lagging.reason.${r}`)}</Badge>)}</Table.Td>
                    </Table.Tr>
                  ))}
                  {!d.lagging.agencies.length && !d.lagging.projects.length && <Table.Tr><Table.Td colSpan={5}>{t("planningBudget.lagging.none")}</Table.Td></Table.Tr>}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>

          <Card withBorder>
            <Title order={2} size="h4">{t("planningBudget.frameShifts.title")}</Title>
            <ExportButtons size="compact-xs" variant="light" nextTable="budget-frame-shifts" />
            <Table fz="sm" data-testid="frame-shifts">
              <Table.Thead><Table.Tr><Table.Th>{t("planningBudget.frameShifts.from")}</Table.Th><Table.Th>{t("planningBudget.frameShifts.purpose")}</Table.Th><Table.Th ta="right">{t("planningBudget.frameShifts.shifted")}</Table.Th><Table.Th ta="right">{t("planningBudget.frameShifts.assigned")}</Table.Th><Table.Th ta="right">{t("planningBudget.frameShifts.disbursed")}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {d.frameShifts.map((s) => (
                  <Table.Tr key={s.id}><Table.Td>{f.pick(s.fromNameTh, s.fromNameEn)} <DemoBadge isDemo={s.isDemo} /></Table.Td><Table.Td>{s.purposeTh}</Table.Td><Table.Td ta="right">{baht(s.amount)}</Table.Td><Table.Td ta="right"><AnchorLink {...drill({ frameShift: s.id })}>{baht(s.assigned)}</AnchorLink>{s.overAssigned && <Badge ml={4} color="red.9" style={{ textTransform: "none" }}>⚠ {t("planningBudget.frameShifts.over")}</Badge>}</Table.Td><Table.Td ta="right">{baht(s.disbursed)}</Table.Td></Table.Tr>
                ))}
                {!d.frameShifts.length && <Table.Tr><Table.Td colSpan={5}>{t("common.noResults")}</Table.Td></Table.Tr>}
              </Table.Tbody>
            </Table>
          </Card>
        </>
      ) : (
        <Alert>{t("common.noResults")}</Alert>
      )}
    </Stack>
  );
}
