import { lazy, Suspense, useMemo } from "react";
import { Alert, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import type { PermitStats, TurnaroundSummary } from "../../../modules/delegation/contracts-permits.js";
import { bangkokToday, fiscalYearOf } from "../../../platform/thai/index.js";
import { api, isApiError, type Query } from "../../app/api.js";
import { useFormat, type Format } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { powersQuery } from "../delegation/queries.js";
import { provincesQuery } from "../provinces/queries.js";
import { days, RouteBadge, share } from "./permit-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const TurnaroundChart = lazy(() => import("./TurnaroundChart.js"));
const route = getRouteApi("/delegation/permits/stats");
type Group_ = PermitStats["groups"][number];

/**
 * Service performance (ผลการให้บริการ), public: per power, decisions made in the province under a delegation against
 * those made centrally — how many, median / mean / 90th-percentile turnaround in business days, the share within the
 * service level, and what is open and overdue today; for one power in one province, before and after its delegation.
 */
export function PermitStatsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/delegation/permits/stats" });
  const filters: Query = { powerCode: search.powerCode, provinceCode: search.provinceCode, fiscalYear: search.fy, from: search.from, to: search.to };
  const stats = useQuery({ queryKey: ["permits", "stats", filters], queryFn: () => api.get<PermitStats>("/delegation/permits/stats", filters), placeholderData: keepPreviousData });
  const powers = useQuery(powersQuery({ isPermit: true }));
  const provinces = useQuery(provincesQuery);
  const setFilter = (patch: Partial<typeof search>) => void navigate({ search: (s) => ({ ...s, ...patch }) });
  // a phone reads one card per power and route instead of a ten-column table
  const phone = useMediaQuery("(max-width: 48em)");
  const currentFy = fiscalYearOf(bangkokToday());
  const years = Array.from({ length: 6 }, (_, i) => currentFy - i);
  const s = stats.data;
  const groups = useMemo(() => [...(s?.groups ?? [])].sort((a, b) => a.powerCode.localeCompare(b.powerCode) || (a.route === "delegated" ? -1 : 1)), [s]);
  const byPower = useMemo(() => {
    const m = new Map<string, Group_[]>();
    for (const g of groups) m.set(g.powerCode, [...(m.get(g.powerCode) ?? []), g]);
    return [...m.entries()];
  }, [groups]);
  const provinceName = (code: string) => {
    const p = provinces.data?.find((x) => x.code === code);
    return p ? f.name(p) : code;
  };
  const period = s?.from || s?.to ? t("permits.stats.periodRange", { from: s.from ? f.date(s.from) : "…", to: s.to ? f.date(s.to) : "…" }) : t("permits.stats.allTime");

  const exportTable = () => ({
    fileName: "permit-turnaround",
    header: ["power_code", "power_th", "power_en", "route", "sla_business_days", "decided", "approved", "refused", "median_business_days", "mean_business_days", "p90_business_days", "within_sla_share", "open", "overdue", "province_code", "from", "to", "as_of"],
    rows: groups.map((g) => [g.powerCode, g.powerNameTh, g.powerNameEn, g.route, g.slaDays, g.decidedCount, g.approvedCount, g.refusedCount, g.medianDays, g.meanDays, g.p90Days, g.withinSlaShare, g.openCount, g.overdueCount, s?.provinceCode ?? "", s?.from ?? "", s?.to ?? "", s?.today ?? ""]),
  });

  return (
    <Stack gap="md">
      <div>
        <Title order={1} data-testid="permit-stats-title">{t("permits.stats.title")}</Title>
        <Text c="dark.4">{t("permits.stats.intro")}</Text>
      </div>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label={t("permits.power")} placeholder={t("common.all")} clearable searchable data={(powers.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.powerCode ?? null} onChange={(v) => setFilter({ powerCode: v ?? undefined })} w={{ base: "100%", sm: 320 }} comboboxProps={{ width: 440, position: "bottom-start" }} data-testid="stats-power" />
        <Select label={t("permits.province")} placeholder={t("common.all")} clearable searchable data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={search.provinceCode ?? null} onChange={(v) => setFilter({ provinceCode: v ?? undefined })} w={{ base: "100%", sm: 220 }} data-testid="stats-province" />
        <Select label={t("permits.stats.fiscalYear")} placeholder={t("permits.stats.anyYear")} clearable data={years.map((y) => ({ value: String(y), label: f.fiscalYear(y) }))} value={search.fy ? String(search.fy) : null} onChange={(v) => setFilter({ fy: v ? Number(v) : undefined, from: undefined, to: undefined })} w={{ base: "100%", sm: 240 }} data-testid="stats-fy" />
        <TextInput type="date" label={t("permits.stats.from")} description={search.from ? f.date(search.from) : undefined} value={search.from ?? ""} onChange={(e) => setFilter({ from: e.currentTarget.value || undefined, fy: undefined })} w={{ base: "100%", sm: 170 }} error={isApiError(stats.error) ? stats.error.fieldError("from", f.lang) : undefined} data-testid="stats-from" />
        <TextInput type="date" label={t("permits.stats.to")} description={search.to ? f.date(search.to) : undefined} value={search.to ?? ""} onChange={(e) => setFilter({ to: e.currentTarget.value || undefined, fy: undefined })} w={{ base: "100%", sm: 170 }} error={isApiError(stats.error) ? stats.error.fieldError("to", f.lang) : undefined} data-testid="stats-to" />
        <ExportButtons table={exportTable} disabled={!groups.length} />
      </Group>
      <ErrorAlert error={stats.error} />
      {stats.isPending ? (
        <PageLoader />
      ) : s ? (
        <>
          <Text size="sm" c="dark.4" aria-live="polite" data-testid="stats-scope">
            {t("permits.stats.scope", { period, province: s.provinceCode ? provinceName(s.provinceCode) : t("permits.stats.allProvinces"), date: f.date(s.today) })}
          </Text>

          {search.powerCode && search.provinceCode && <Comparison s={s} provinceName={provinceName(search.provinceCode)} />}

          {groups.length === 0 ? (
            <Text c="dark.4" data-testid="stats-empty">{t("permits.stats.empty")}</Text>
          ) : (
            <>
              <Card withBorder component="section" aria-labelledby="stats-chart-title">
                <Title order={2} size="h3" id="stats-chart-title" mb="xs">{t("permits.stats.chartTitle")}</Title>
                <Suspense fallback={<div style={{ height: 200 }} />}>
                  <TurnaroundChart groups={groups} title={t("permits.stats.chartTitle")} testId="stats-chart" />
                </Suspense>
                <Text size="xs" c="dark.4">{t("permits.stats.chartNote")}</Text>
              </Card>

              <section aria-labelledby="stats-table-title">
                <Title order={2} size="h3" id="stats-table-title" mb="xs">{t("permits.stats.tableTitle")}</Title>
                {phone ? (
                  <StatsCards byPower={byPower} />
                ) : (
                  // focusable, so a keyboard can scroll the wide table sideways
                  <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="stats-table-title">
                    <Table data-testid="stats-table" style={{ minWidth: 900 }} withRowBorders>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t("permits.power")}</Table.Th>
                          <Table.Th>{t("permits.stats.route")}</Table.Th>
                          <Table.Th style={{ textAlign: "right", minWidth: 76 }}>{t("permits.sla")}</Table.Th>
                          <Table.Th style={{ textAlign: "right", minWidth: 76 }}>{t("permits.stats.decided")}</Table.Th>
                          <Table.Th style={{ textAlign: "right", minWidth: 76 }}>{t("permits.stats.median")}</Table.Th>
                          <Table.Th style={{ textAlign: "right", minWidth: 76 }}>{t("permits.stats.mean")}</Table.Th>
                          <Table.Th style={{ textAlign: "right", minWidth: 76 }}>{t("permits.stats.p90")}</Table.Th>
                          <Table.Th style={{ textAlign: "right", minWidth: 76 }}>{t("permits.stats.withinSla")}</Table.Th>
                          <Table.Th style={{ textAlign: "right", minWidth: 76 }}>{t("permits.stats.open")}</Table.Th>
                          <Table.Th style={{ textAlign: "right", minWidth: 76 }}>{t("permits.stats.overdue")}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {byPower.map(([code, gs]) =>
                          gs.map((g, i) => (
                            <Table.Tr key={`${code}-${g.route}`} data-testid="stats-row" data-power={code} data-route={g.route}>
                              {i === 0 && (
                                <Table.Td rowSpan={gs.length} style={{ verticalAlign: "top", minWidth: 180 }}>
                                  <Text fw={700} size="sm">{code}</Text>
                                  <Text size="sm">{f.pick(g.powerNameTh, g.powerNameEn)}</Text>
                                </Table.Td>
                            )}
                            <Table.Td><RouteBadge route={g.route} /></Table.Td>
                            <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{g.slaDays === null ? "—" : t("permits.slaDays", { count: g.slaDays })}</Table.Td>
                            <Table.Td style={{ textAlign: "right" }}>
                              {f.number(g.decidedCount)}
                              <Text size="xs" c="dark.4" style={{ whiteSpace: "nowrap" }}>{t("permits.stats.approvedRefused", { approved: f.number(g.approvedCount), refused: f.number(g.refusedCount) })}</Text>
                            </Table.Td>
                            <Table.Td style={{ textAlign: "right", fontWeight: 700 }} data-testid="stats-median">{days(f, g.medianDays)}</Table.Td>
                            <Table.Td style={{ textAlign: "right" }}>{days(f, g.meanDays)}</Table.Td>
                            <Table.Td style={{ textAlign: "right" }}>{days(f, g.p90Days)}</Table.Td>
                            <Table.Td style={{ textAlign: "right" }}>{share(f, g.withinSlaShare)}</Table.Td>
                            <Table.Td style={{ textAlign: "right" }}>{f.number(g.openCount)}</Table.Td>
                            <Table.Td style={{ textAlign: "right" }}>
                              {g.overdueCount > 0 ? <Text span size="sm" c="red.9" fw={700}><span aria-hidden="true">⚠ </span>{f.number(g.overdueCount)}</Text> : f.number(g.overdueCount)}
                            </Table.Td>
                          </Table.Tr>
                        )),
                      )}
                    </Table.Tbody>
                  </Table>
                </div>
                )}
                <Text size="xs" c="dark.4" mt={4}>{t("permits.stats.tableNote")}</Text>
              </section>
            </>
          )}

          <Card withBorder component="section" aria-labelledby="method-title" bg="gray.0" data-testid="stats-method">
            <Title order={2} size="h4" id="method-title" mb={4}>{t("permits.stats.methodTitle")}</Title>
            <Text size="sm">{t("permits.stats.methodShort")}</Text>
            <Text size="xs" c="dark.6" mt={6}>{f.pick(s.methodTh, s.methodEn)}</Text>
          </Card>
        </>
      ) : null}
    </Stack>
  );
}

/** The table's figures as cards, for phones. */
function StatsCards({ byPower }: { byPower: [string, Group_[]][] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="sm" data-testid="stats-cards">
      {byPower.map(([code, gs]) => (
        <Card withBorder p="sm" key={code}>
          <Text fw={700} size="sm">{code}</Text>
          <Text size="sm" mb="xs">{f.pick(gs[0]!.powerNameTh, gs[0]!.powerNameEn)}</Text>
          <Stack gap="sm">
            {gs.map((g) => (
              <div key={g.route} data-testid="stats-card" data-power={code} data-route={g.route}>
                <Group gap="xs" mb={4}>
                  <RouteBadge route={g.route} />
                  {g.slaDays !== null && <Text size="xs" c="dark.4">{t("permits.slaShort", { count: g.slaDays })}</Text>}
                </Group>
                <SimpleGrid cols={2} spacing={2}>
                  <Text size="sm">{t("permits.stats.median")}</Text>
                  <Text size="sm" ta="right" fw={700}>{days(f, g.medianDays)} {t("permits.stats.businessDaysUnit")}</Text>
                  <Text size="sm">{t("permits.stats.p90")}</Text>
                  <Text size="sm" ta="right">{days(f, g.p90Days)} {t("permits.stats.businessDaysUnit")}</Text>
                  <Text size="sm">{t("permits.stats.withinSla")}</Text>
                  <Text size="sm" ta="right">{share(f, g.withinSlaShare)}</Text>
                  <Text size="sm">{t("permits.stats.decided")}</Text>
                  <Text size="sm" ta="right">{f.number(g.decidedCount)}</Text>
                  <Text size="sm">{t("permits.stats.open")} / {t("permits.stats.overdue")}</Text>
                  <Text size="sm" ta="right">{f.number(g.openCount)} / {g.overdueCount > 0 ? <Text span size="sm" c="red.9" fw={700}><span aria-hidden="true">⚠ </span>{f.number(g.overdueCount)}</Text> : f.number(g.overdueCount)}</Text>
                </SimpleGrid>
              </div>
            ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function SummaryFacts({ x, f, testId }: { x: TurnaroundSummary; f: Format; testId: string }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={2} spacing={4} data-testid={testId}>
      <Text size="sm">{t("permits.stats.decided")}</Text>
      <Text size="sm" ta="right">{f.number(x.decidedCount)}</Text>
      <Text size="sm">{t("permits.stats.median")}</Text>
      <Text size="sm" ta="right" fw={700}>{days(f, x.medianDays)} {t("permits.stats.businessDaysUnit")}</Text>
      <Text size="sm">{t("permits.stats.mean")}</Text>
      <Text size="sm" ta="right">{days(f, x.meanDays)} {t("permits.stats.businessDaysUnit")}</Text>
      <Text size="sm">{t("permits.stats.p90")}</Text>
      <Text size="sm" ta="right">{days(f, x.p90Days)} {t("permits.stats.businessDaysUnit")}</Text>
      <Text size="sm">{t("permits.stats.withinSla")}</Text>
      <Text size="sm" ta="right">{share(f, x.withinSlaShare)}</Text>
    </SimpleGrid>
  );
}

/** One power in one province: central decisions before its delegation date against delegated decisions after it. */
function Comparison({ s, provinceName }: { s: PermitStats; provinceName: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = s.comparison;
  if (!c) {
    return (
      <Alert variant="light" color="gray" role="note" title={t("permits.stats.compareTitle", { power: s.powerCode ?? "", province: provinceName })} icon={<span aria-hidden="true">ℹ</span>} data-testid="stats-no-comparison">
        <Text size="sm">{t("permits.stats.noComparison")}</Text>
      </Alert>
    );
  }
  const change = c.medianChangeDays;
  return (
    <Card withBorder component="section" aria-labelledby="compare-title" data-testid="stats-comparison">
      <Title order={2} size="h3" id="compare-title" mb={4}>{t("permits.stats.compareTitle", { power: c.powerCode, province: provinceName })}</Title>
      <Text size="sm" mb="sm">{t("permits.stats.compareIntro", { date: f.date(c.delegatedFrom) })}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder p="sm">
          <Group gap="xs" mb="xs"><RouteBadge route="central" size="sm" /><Text fw={700} size="sm">{t("permits.stats.before", { date: f.date(c.delegatedFrom) })}</Text></Group>
          <SummaryFacts x={c.before} f={f} testId="stats-before" />
        </Card>
        <Card withBorder p="sm">
          <Group gap="xs" mb="xs"><RouteBadge route="delegated" size="sm" /><Text fw={700} size="sm">{t("permits.stats.after", { date: f.date(c.delegatedFrom) })}</Text></Group>
          <SummaryFacts x={c.after} f={f} testId="stats-after" />
        </Card>
      </SimpleGrid>
      <Text mt="sm" fw={700} data-testid="stats-change">
        <span aria-hidden="true">{change < 0 ? "▼ " : change > 0 ? "▲ " : "= "}</span>
        {change < 0 ? t("permits.stats.faster", { days: days(f, -change) }) : change > 0 ? t("permits.stats.slower", { days: days(f, change) }) : t("permits.stats.same")}
      </Text>
      <Text size="xs" c="dark.4">{t("permits.stats.compareNote")}</Text>
    </Card>
  );
}
