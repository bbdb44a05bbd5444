import { Alert, Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AlertPage } from "../../../modules/oversight/contracts-alerts.js";
import { METRICS, type Dashboard, type MetricId, type MyScopes } from "../../../modules/oversight/contracts.js";
import { api, API_BASE } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { currentFiscalYear, FiscalYearSelect } from "../planning-budget/budget-ui.js";
import { useMetricText } from "./metric-ui.js";
import { RecordsDrawer, type RecordsQuery } from "./RecordsDrawer.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/oversight");

const CARD_GROUPS: { group: "kpis" | "budget" | "cases" | "permits" | "committees"; metrics: MetricId[] }[] = [
  { group: "kpis", metrics: ["kpi.on_target_pct", "kpi.reported_pct", "agreement.score"] },
  { group: "budget", metrics: ["budget.total", "budget.disbursed_pct", "budget.vs_plan_pct", "deadlines.on_time_pct", "deadlines.open_overdue"] },
  { group: "cases", metrics: ["cases.received", "cases.on_time_pct", "cases.open_overdue", "cases.satisfaction"] },
  { group: "permits", metrics: ["permits.on_time_pct", "permits.turnaround", "permits.delegated_pct", "permits.open_overdue", "delegation.request_turnaround"] },
  { group: "committees", metrics: ["committees.late", "committees.actions_overdue"] },
];

/**
 * An operation centre's dashboard (ศูนย์ปฏิบัติการ): the reader lands on their own scope (a governor on the province,
 * a ministry on its function across provinces, the PMOC on the nation) and may switch to any other scope their grants
 * open. Every figure opens the records behind it.
 */
export function OversightPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const text = useMetricText();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/oversight" });
  const fy = search.fy ?? currentFiscalYear();
  const [records, setRecords] = useState<RecordsQuery | null>(null);
  const scopes = useQuery({ queryKey: ["oversight", "scopes"], queryFn: () => api.get<MyScopes>("/oversight/scopes") });
  const scope = search.scope ?? scopes.data?.landing ?? undefined;
  const q = useQuery({
    queryKey: ["oversight", "dashboard", scope, fy],
    queryFn: () => api.get<Dashboard>("/oversight/dashboard", { scope, fiscalYear: fy }),
    enabled: !!scope,
    placeholderData: keepPreviousData,
  });
  const d = q.data;
  const open = (metric: MetricId, extra: Partial<RecordsQuery> = {}, where = "") =>
    setRecords({ metric, fiscalYear: fy, scope, title: `${t(`oversight.metrics.${metric}`)}${where ? ` · ${where}` : ""} · ${f.fiscalYear(fy)}`, ...extra });
  const provinceCols: MetricId[] = ["kpi.on_target_pct", "budget.disbursed_pct", "cases.received", "cases.on_time_pct", "cases.satisfaction", "permits.on_time_pct", "committees.late"];
  const fnCols: MetricId[] = ["kpi.on_target_pct", "budget.total", "budget.disbursed_pct", "cases.received", "cases.on_time_pct", "permits.on_time_pct"];
  const agendaCols: MetricId[] = ["kpi.on_target_pct", "kpi.reported_pct", "budget.total", "budget.disbursed_pct"];

  if (scopes.data && !scopes.data.landing) return <Alert color="gray" data-testid="oversight-no-scope">{t("oversight.noScope")}</Alert>;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} data-testid="oversight-title">{t("oversight.title")}</Title>
          <Text c="dark.4">{d ? `${d.scope.kind === "nation" ? "" : `${f.name(d.scope)} · `}${t(`oversight.scopeKind.${d.scope.kind}`)} · ${f.fiscalYear(d.fiscalYear)}` : t("oversight.intro")}</Text>
        </div>
        <Group gap="md">
          <AlertsLink />
          <AnchorLink to="/oversight/matrix" search={{ scope, fy }} data-testid="link-matrix">{t("oversight.openMatrix")}</AnchorLink>
        </Group>
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t("oversight.scope")}
          data={(scopes.data?.scopes ?? []).map((s) => ({ value: s.key, label: s.kind === "nation" ? t("oversight.scopeKind.nation") : `${f.name(s)} · ${t(`oversight.scopeKind.${s.kind}`)}` }))}
          value={scope ?? null}
          onChange={(v) => v && void navigate({ search: (s) => ({ ...s, scope: v }) })}
          allowDeselect={false}
          searchable
          w={{ base: "100%", sm: 360 }}
          data-testid="oversight-scope"
        />
        <FiscalYearSelect value={fy} onChange={(v) => void navigate({ search: (s) => ({ ...s, fy: v }) })} testId="oversight-fy" />
        {d && <DemoBadge isDemo={d.isDemo} />}
      </Group>
      <ErrorAlert error={q.error ?? scopes.error} />
      {d?.scope.kind === "province" && <ProvinceReports provinceCode={d.scope.key.slice("area:province:".length)} fiscalYear={d.fiscalYear} />}
      {d && (
        <Text size="sm" c="dark.4" data-testid="oversight-as-of">
          {d.asOf ? t("oversight.asOf", { date: f.dateTime(d.asOf) }) : t("oversight.notYet")}
          {d.pending > 0 && ` · ${t("oversight.pending", { count: d.pending })}`}
        </Text>
      )}
      {q.isPending && scope ? (
        <PageLoader />
      ) : d ? (
        <>
          {CARD_GROUPS.map(({ group, metrics }) => (
            <section key={group} aria-labelledby={`group-${group}`}>
              <Title order={2} size="h4" id={`group-${group}`} mb="xs">{t(`oversight.groups.${group}`)}</Title>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
                {metrics.map((m) => {
                  const v = d.figures.find((x) => x.metric === m)!;
                  return (
                    <Card withBorder key={m} data-testid={`figure-${m}`}>
                      <UnstyledButton onClick={() => open(m)} aria-label={`${t(`oversight.metrics.${m}`)}: ${text(m, v.value)} · ${t("oversight.showRecords")}`}>
                        <Text size="sm" c="dark.4">{t(`oversight.metrics.${m}`)}</Text>
                        <Text fw={700} size="xl" c="blue.9" td="underline">{v.value === null ? t("oversight.noValue") : text(m, v.value)}</Text>
                        {v.den !== null && v.value !== null && METRICS[m].unit === "percent" && <Text size="xs" c="dark.4">{t("oversight.ofCount", { num: f.number(v.num), den: f.number(v.den) })}</Text>}
                      </UnstyledButton>
                    </Card>
                  );
                })}
              </SimpleGrid>
            </section>
          ))}

          {d.clusterAgreements.length > 0 && (
            <Card withBorder component="section" aria-labelledby="cluster-agreements" data-testid="oversight-cluster-agreements">
              <Title order={2} size="h4" id="cluster-agreements" mb="xs">{t("oversight.clusterAgreements.title")}</Title>
              <ExportButtons size="compact-xs" variant="light" nextTable={`oversight-cluster-agreements-${fy}`} />
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("oversight.clusterAgreements.cluster")}</Table.Th>
                    <Table.Th>{t("oversight.clusterAgreements.agreement")}</Table.Th>
                    <Table.Th>{t("oversight.clusterAgreements.status")}</Table.Th>
                    <Table.Th>{t("oversight.clusterAgreements.score")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.clusterAgreements.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{f.pick(a.clusterNameTh, a.clusterNameEn)}</Table.Td>
                      <Table.Td>
                        <AnchorLink to="/agreements/$id" params={{ id: a.id }} data-testid="cluster-agreement-link">{f.pick(a.titleTh, a.titleEn)}</AnchorLink>
                      </Table.Td>
                      <Table.Td>{t(`agreements.status.${a.status}`, { defaultValue: a.status })}</Table.Td>
                      <Table.Td>{a.score === null ? t("oversight.clusterAgreements.noScore") : t("oversight.clusterAgreements.scoreOfRound", { score: f.number(a.score), round: a.round })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          )}

          {d.provinces.length > 1 && (
            <Card withBorder component="section" aria-labelledby="by-province">
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4" id="by-province">{t("oversight.byProvince")}</Title>
                <ExportButtons table={() => ({ fileName: `oversight-provinces-${fy}`, header: [t("oversight.province"), ...provinceCols.map((m) => t(`oversight.metrics.${m}`))], rows: d.provinces.map((p) => [`${p.code} ${f.name(p)}`, ...provinceCols.map((m) => p.values[m] ?? null)]) })} size="xs" csvLabel={t("oversight.exportCsv")} />
              </Group>
              <Table.ScrollContainer minWidth={800}>
                <Table striped data-testid="oversight-provinces">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("oversight.province")}</Table.Th>
                      {provinceCols.map((m) => <Table.Th key={m}>{t(`oversight.metrics.${m}`)}</Table.Th>)}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.provinces.map((p) => (
                      <Table.Tr key={p.code}>
                        <Table.Td>
                          <AnchorLink to="/oversight" search={{ scope: `area:province:${p.code}`, fy }}>{f.name(p)}</AnchorLink>
                        </Table.Td>
                        {provinceCols.map((m) => (
                          <Table.Td key={m}>
                            <UnstyledButton onClick={() => open(m, { province: p.code }, f.name(p))} td="underline">{text(m, p.values[m])}</UnstyledButton>
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          )}

          {d.functions.length > 0 && (
            <Card withBorder component="section" aria-labelledby="by-function">
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4" id="by-function">{t("oversight.byFunction")}</Title>
                <ExportButtons table={() => ({ fileName: `oversight-functions-${fy}`, header: [t("oversight.function"), ...fnCols.map((m) => t(`oversight.metrics.${m}`))], rows: d.functions.map((x) => [f.name(x), ...fnCols.map((m) => x.values[m] ?? null)]) })} size="xs" csvLabel={t("oversight.exportCsv")} />
              </Group>
              <Table.ScrollContainer minWidth={800}>
                <Table striped data-testid="oversight-functions">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("oversight.function")}</Table.Th>
                      {fnCols.map((m) => <Table.Th key={m}>{t(`oversight.metrics.${m}`)}</Table.Th>)}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.functions.map((x) => (
                      <Table.Tr key={x.id}>
                        <Table.Td>{f.name(x)}</Table.Td>
                        {fnCols.map((m) => (
                          <Table.Td key={m}>
                            <UnstyledButton onClick={() => open(m, { org: x.id }, f.name(x))} td="underline">{text(m, x.values[m])}</UnstyledButton>
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          )}

          {d.agendas.length > 0 && (
            <Card withBorder component="section" aria-labelledby="by-agenda">
              <Title order={2} size="h4" id="by-agenda" mb="xs">{t("oversight.byAgenda")}</Title>
              <ExportButtons size="compact-xs" variant="light" nextTable="oversight-agendas" />
              <Table striped data-testid="oversight-agendas">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("oversight.agenda")}</Table.Th>
                    {agendaCols.map((m) => <Table.Th key={m}>{t(`oversight.metrics.${m}`)}</Table.Th>)}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.agendas.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <AnchorLink to="/oversight/matrix" search={{ metric: "kpi.on_target_pct", agenda: a.id, fy, scope }}>{f.name(a)}</AnchorLink>
                      </Table.Td>
                      {agendaCols.map((m) => (
                        <Table.Td key={m}>
                          <UnstyledButton onClick={() => open(m, { agenda: a.id }, f.name(a))} td="underline">{text(m, a.values[m])}</UnstyledButton>
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          )}

          {d.months.length > 0 && (
            <Card withBorder component="section" aria-labelledby="by-month">
              <Title order={2} size="h4" id="by-month" mb="xs">{t("oversight.byMonth")}</Title>
              <ExportButtons size="compact-xs" variant="light" nextTable="oversight-months" />
              <Table striped data-testid="oversight-months">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("oversight.month")}</Table.Th>
                    <Table.Th>{t("oversight.received")}</Table.Th>
                    <Table.Th>{t("oversight.resolved")}</Table.Th>
                    <Table.Th>{t("oversight.resolvedOnTime")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.months.map((m) => (
                    <Table.Tr key={m.month}>
                      <Table.Td>{f.date(m.month)}</Table.Td>
                      {/* each figure drills to the cases received that month: all of them, or those resolved (late ones first) */}
                      <Table.Td>
                        <UnstyledButton onClick={() => open("cases.received", { month: m.month.slice(0, 7) }, f.date(m.month))} td="underline" data-testid="month-received">{f.number(m.received)}</UnstyledButton>
                      </Table.Td>
                      <Table.Td>
                        <UnstyledButton onClick={() => open("cases.on_time_pct", { month: m.month.slice(0, 7) }, f.date(m.month))} td="underline" data-testid="month-resolved">{f.number(m.resolved)}</UnstyledButton>
                      </Table.Td>
                      <Table.Td>
                        <UnstyledButton onClick={() => open("cases.on_time_pct", { month: m.month.slice(0, 7) }, f.date(m.month))} td="underline">{f.number(m.resolvedOnTime)}</UnstyledButton>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          )}
        </>
      ) : null}
      <RecordsDrawer query={records} onClose={() => setRecords(null)} />
    </Stack>
  );
}

/** The way to the alert inbox, with how many open alerts the reader has not read. */
function AlertsLink() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ["oversight", "alerts", "unread"], queryFn: () => api.get<AlertPage>("/oversight/alerts", { pageSize: 1 }) });
  return (
    <AnchorLink to="/oversight/alerts" data-testid="link-alerts">
      {q.data ? t("oversight.alerts.linkWithCount", { count: q.data.unread }) : t("oversight.alerts.title")}
    </AnchorLink>
  );
}

/** The province's 6- and 12-month report and its one-page executive brief, as PDF downloads (shown on a province's dashboard). */
function ProvinceReports({ provinceCode, fiscalYear }: { provinceCode: string; fiscalYear: number }) {
  const { t } = useTranslation();
  // the 12-month report once the first half of the fiscal year is over (April on), the 6-month one before
  const month = new Date().getMonth() + 1;
  const [period, setPeriod] = useState<"6" | "12">(fiscalYear < currentFiscalYear() || (month >= 4 && month <= 9) ? "12" : "6");
  const href = (format: "pdf" | "brief") => `${API_BASE}/oversight/reports/province?provinceCode=${provinceCode}&fiscalYear=${fiscalYear}&period=${period}&format=${format}`;
  return (
    <Card withBorder padding="sm" data-testid="province-reports">
      <Group gap="sm" align="center" wrap="wrap">
        <Text fw={700} id="province-reports-title">{t("oversight.reports.title")}</Text>
        <SegmentedControl
          value={period}
          onChange={(v) => setPeriod(v as "6" | "12")}
          data={[{ value: "6", label: t("oversight.reports.period6") }, { value: "12", label: t("oversight.reports.period12") }]}
          aria-labelledby="province-reports-title"
          data-testid="province-report-period"
        />
        <Button component="a" href={href("pdf")} variant="default" size="sm" data-testid="province-report-pdf" leftSection={<span aria-hidden="true">⤓</span>}>{t("oversight.reports.full")}</Button>
        <Button component="a" href={href("brief")} variant="default" size="sm" data-testid="province-report-brief" leftSection={<span aria-hidden="true">⤓</span>}>{t("oversight.reports.brief")}</Button>
        <Text size="xs" c="dark.4">{t("oversight.reports.hint")}</Text>
      </Group>
    </Card>
  );
}
