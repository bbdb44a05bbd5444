import { lazy, Suspense, useCallback, useMemo } from "react";
import { Badge, Breadcrumbs, Card, Drawer, Grid, Group, List, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { Cockpit, CockpitKpi } from "../../../modules/performance/contracts.js";
import type { AgendaStatus } from "../../../modules/strategy/contracts.js";
import { diffDays, fiscalYearOf } from "../../../platform/thai/index.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { Bi } from "../agendas/Bi.js";
import { StatusBadge } from "../agendas/StatusBadge.js";
import { KpiDetailView, useKpiTitle } from "../kpis/KpiDetailView.js";
import { MeasurementStatusBadge, periodEndsOf, TRACK_LOOK, TrackBadge, trackOf, useKpiFormat, type Track } from "../kpis/kpi-ui.js";
import { provincesQuery } from "../provinces/queries.js";
import { readableProvinces } from "./provinces.js";
import { RoundStatusBadge, ScoreKindBadge, formatScore } from "../agreements/round-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

// ECharts is large: it loads with the first chart.
const KpiTrendChart = lazy(() => import("../kpis/KpiTrendChart.js"));
const HistoryChart = lazy(() => import("./HistoryChart.js"));
const route = getRouteApi("/cockpit/$provinceCode");

export const cockpitQuery = (provinceCode: string, fy: number | undefined) => ({
  queryKey: ["cockpit", provinceCode, fy ?? "current"],
  queryFn: () => api.get<Cockpit>("/cockpit", { provinceCode, fiscalYear: fy }),
});

/** The governor's cockpit: what is due, the agreement's score by round, agenda cards, KPI status and trends; read-only for those who do not steer the province. */
export function CockpitPage() {
  const { provinceCode } = route.useParams();
  const search = route.useSearch();
  const q = useQuery({ ...cockpitQuery(provinceCode, search.fy), placeholderData: keepPreviousData });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <CockpitView c={q.data} stale={q.isPlaceholderData} />;
}

function CockpitView({ c, stale }: { c: Cockpit; stale: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/cockpit/$provinceCode" });
  const provinces = useQuery(provincesQuery);
  const several = readableProvinces(me.data, provinces.data ?? []).length > 1;
  const steer = c.mode === "steer";
  const demo = c.kpis.some((k) => k.isDemo) || !!c.agreement?.id.startsWith("demo-");
  const currentFy = fiscalYearOf(c.today);
  const years = [...new Set([currentFy, c.fiscalYear, ...c.history.map((h) => h.fiscalYear)])].sort((a, b) => b - a);
  const openKpi = (id: string | undefined) => void navigate({ search: (s) => ({ ...s, kpi: id }) });
  return (
    <Stack gap="lg" style={{ opacity: stale ? 0.6 : 1 }} data-testid="cockpit" data-mode={c.mode}>
      <div>
        <Breadcrumbs separator="›" styles={{ root: { flexWrap: "wrap" } }}>
          {several ? <AnchorLink to="/cockpit" size="sm">{t("nav.cockpit")}</AnchorLink> : <Text size="sm">{t("nav.cockpit")}</Text>}
          <AnchorLink to="/provinces/$code" params={{ code: c.province.code }} size="sm">{f.name(c.province)}</AnchorLink>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-end" gap="sm" mt={4}>
          <div>
            <Title order={1} data-testid="cockpit-title">{t("cockpit.title", { province: f.name(c.province) })}</Title>
            <Group gap="xs" mt={4}>
              <Text size="sm" c="dark.4" data-testid="cockpit-today">{t("cockpit.asOf", { date: f.date(c.today, "long") })}</Text>
              {demo && <DemoBadge isDemo />}
            </Group>
          </div>
          <Select
            label={t("cockpit.fiscalYear")}
            data={years.map((y) => ({ value: String(y), label: f.fiscalYear(y) }))}
            value={String(c.fiscalYear)}
            onChange={(v) => v && void navigate({ search: (s) => ({ ...s, fy: Number(v) === currentFy ? undefined : Number(v) }) })}
            allowDeselect={false}
            w={{ base: "100%", xs: 260 }}
            data-testid="cockpit-fy"
          />
        </Group>
        {demo && <Text size="sm" c="dark.4" mt={4}>{t("cockpit.demoNote")}</Text>}
        {!steer && (
          <Paper withBorder p="sm" mt="sm" data-testid="read-only-notice" style={{ borderLeft: "4px solid var(--mantine-color-gray-7)" }}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Badge variant="outline" color="gray.8" c="dark.9" leftSection={<span aria-hidden="true">◉</span>} style={{ flexShrink: 0 }}>{t("cockpit.readOnly")}</Badge>
              <Text size="sm">{t("cockpit.readOnlyHint")}</Text>
            </Group>
          </Paper>
        )}
      </div>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <DueList c={c} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <AgreementRounds c={c} />
        </Grid.Col>
      </Grid>

      <Agendas c={c} />
      <Kpis c={c} />
      <History c={c} />

      <KpiDrawer c={c} id={search.kpi} onClose={() => openKpi(undefined)} />
    </Stack>
  );
}

/** The KPI drawer: its detail, the "record a result" form and verify / return, only when the cockpit steers. */
function KpiDrawer({ c, id, onClose }: { c: Cockpit; id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const title = useKpiTitle(id ?? "");
  const steer = c.mode === "steer";
  return (
    <Drawer opened={!!id} onClose={onClose} position="right" size="min(960px, 100%)" title={<Title order={2} size="h3">{title ?? t("common.loading")}</Title>} closeButtonProps={{ "aria-label": t("common.close") }} data-testid="kpi-drawer">
      {id && <KpiDetailView id={id} fiscalYear={c.fiscalYear} actions={{ submit: steer, verify: steer }} headingLevel={3} />}
    </Drawer>
  );
}

const DUE_ICON: Record<Cockpit["due"][number]["kind"], string> = { report: "✎", verify: "☐", "round-due": "▤", proposal: "➜" };

/** What falls due within seven days, and anything overdue: a word, an icon and the date, never colour alone. */
function DueList({ c }: { c: Cockpit }) {
  const { t } = useTranslation();
  const f = useFormat();
  const kf = useKpiFormat();
  const kpiById = new Map(c.kpis.map((k) => [k.id, k]));
  const text = (d: Cockpit["due"][number]): string => {
    if (d.kind === "report") {
      const k = kpiById.get(d.entityId);
      if (k?.nextReport) return t("cockpit.due.report", { code: k.code, name: f.name(k), period: kf.period(k.nextReport.periodEnd, k.frequency) });
    }
    if (d.kind === "verify") {
      const k = d.kpiId ? kpiById.get(d.kpiId) : undefined;
      const period = d.periodEnd;
      if (k && period) return t("cockpit.due.verify", { code: k.code, name: f.name(k), period: kf.period(period, k.frequency) });
    }
    if (d.kind === "round-due") {
      const r = c.agreement?.rounds.find((x) => x.dueDate === d.dueDate);
      if (r) return t("cockpit.due.roundDue", { n: r.round });
    }
    if (d.kind === "proposal") {
      const a = c.agendas.find((x) => x.assignmentId === d.entityId);
      if (a) return t("cockpit.due.proposal", { name: f.pick(a.nameTh, a.nameEn), status: t(`agendas.statuses.${a.proposalStatus}`) });
    }
    return f.pick(d.title.th, d.title.en); // the server's own wording, dates already written out
  };
  return (
    <Card withBorder component="section" aria-labelledby="due-title" h="100%">
      <Title order={2} size="h3" id="due-title">{t("cockpit.due.title")}</Title>
      <Text size="sm" c="dark.4" mb="sm">{t("cockpit.due.hint")}</Text>
      {c.due.length === 0 ? (
        <Text data-testid="due-empty"><span aria-hidden="true">✓ </span>{t("cockpit.due.none")}</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid="due-list">
          {c.due.map((d) => {
            const kpiId = d.kind === "report" ? d.entityId : d.kind === "verify" ? d.link.replace(/^\/kpis\//, "") : null;
            const days = d.dueDate ? diffDays(d.dueDate, c.today) : 0;
            return (
              <Paper
                component="li"
                key={`${d.kind}-${d.entityId}`}
                withBorder
                p="xs"
                data-testid="due-item"
                data-kind={d.kind}
                data-entity={d.entityId}
                data-overdue={d.overdue}
                style={d.overdue ? { borderLeft: "4px solid var(--mantine-color-red-8)" } : { borderLeft: "4px solid var(--mantine-color-gray-5)" }}
              >
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Text span aria-hidden="true" fw={700} w={18} ta="center">{DUE_ICON[d.kind]}</Text>
                  <div style={{ minWidth: 0 }}>
                    <Text size="xs" c="dark.4">{t(`cockpit.due.kinds.${d.kind}`)}</Text>
                    {kpiId ? (
                      <AnchorLink to="/cockpit/$provinceCode" params={{ provinceCode: c.province.code }} search={(s) => ({ ...s, kpi: kpiId })} size="sm" fw={600} data-testid="due-link">{text(d)}</AnchorLink>
                    ) : d.kind === "round-due" ? (
                      <AnchorLink to="/agreements/$id" params={{ id: d.entityId }} size="sm" fw={600} data-testid="due-link">{text(d)}</AnchorLink>
                    ) : (
                      <AnchorLink to="/agendas/$id" params={{ id: d.entityId }} size="sm" fw={600} data-testid="due-link">{text(d)}</AnchorLink>
                    )}
                    <Group gap="xs" mt={2}>
                      {d.dueDate && <Text size="xs">{t("cockpit.due.dueOn", { date: f.date(d.dueDate) })}</Text>}
                      {d.overdue && (
                        <Badge color="red.9" variant="filled" size="sm" leftSection={<span aria-hidden="true">⚠</span>} data-testid="due-overdue">
                          {days > 0 ? t("cockpit.due.overdueDays", { count: days }) : t("cockpit.due.overdue")}
                        </Badge>
                      )}
                    </Group>
                  </div>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}

/** The current year's agreement: each round's total on the scheme's scale, live while open, frozen once closed. */
function AgreementRounds({ c }: { c: Cockpit }) {
  const { t } = useTranslation();
  const f = useFormat();
  const a = c.agreement;
  return (
    <Card withBorder component="section" aria-labelledby="rounds-title" h="100%">
      <Group justify="space-between" gap="xs" align="flex-start">
        <Title order={2} size="h3" id="rounds-title">{t("cockpit.rounds.title", { fy: f.fiscalYear(c.fiscalYear) })}</Title>
        {a && <AnchorLink to="/agreements/$id" params={{ id: a.id }} size="sm" data-testid="cockpit-agreement-link">{t("cockpit.rounds.open")}</AnchorLink>}
      </Group>
      {!a ? (
        <Text c="dark.4" mt="sm" data-testid="cockpit-no-agreement">{t("cockpit.rounds.none")}</Text>
      ) : (
        <>
          <Text size="sm" c="dark.4" mb="sm">
            {t(`agreements.scheme.${a.schemeType}`)} · {t("cockpit.rounds.scale", { min: a.scale.min, max: a.scale.max })} · {t(`agreements.status.${a.status}`)}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            {a.rounds.map((r) => (
              <Paper key={r.round} withBorder p="sm" data-testid="round-card" data-round={r.round} data-live={r.live} style={{ borderStyle: r.live ? "dashed" : "solid", borderWidth: 2 }}>
                <Text fw={700}>{t("cockpit.roundN", { n: r.round })}</Text>
                <Text size="xl" fw={700} lh={1.4} data-testid="round-total" data-value={r.total ?? ""}>
                  {r.total === null ? "—" : formatScore(f.lang, r.total, a.schemeType === "pb-pt" ? 3 : 4)}
                  <Text span size="sm" fw={400} c="dark.4">{` / ${a.scale.max}`}</Text>
                </Text>
                {r.total === null && <Text size="xs" c="dark.4">{t("cockpit.noScore")}</Text>}
                <Stack gap={4} mt={6} align="flex-start">
                  <ScoreKindBadge live={r.live} />
                  <RoundStatusBadge status={r.status} />
                </Stack>
                <Text size="xs" mt={6}>{t("cockpit.rounds.due", { date: f.date(r.dueDate) })}</Text>
              </Paper>
            ))}
          </SimpleGrid>
          {a.rounds.some((r) => r.live) && <Text size="xs" c="dark.4" mt="xs">{t("cockpit.rounds.liveHint")}</Text>}
        </>
      )}
    </Card>
  );
}

const TRACKS: Track[] = ["on-track", "off-track", "no-data"];

function Agendas({ c }: { c: Cockpit }) {
  const { t } = useTranslation();
  const f = useFormat();
  const kpiById = new Map(c.kpis.map((k) => [k.id, k]));
  return (
    <section aria-labelledby="agendas-title">
      <Title order={2} size="h3" id="agendas-title" mb="sm">{t("cockpit.agendas.title")}</Title>
      {c.agendas.length === 0 ? (
        <Text c="dark.4">{t("cockpit.agendas.none")}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {c.agendas.map((a) => {
            const counts: Record<Track, number> = { "on-track": a.onTrack, "off-track": a.offTrack, "no-data": a.noData };
            return (
              <Card key={a.assignmentId} withBorder data-testid="agenda-card" data-agenda={a.agendaNodeId}>
                <Title order={3} size="h4"><Bi th={a.nameTh} en={a.nameEn} /></Title>
                <Group gap="xs" mt={4}>
                  <StatusBadge status={a.proposalStatus as AgendaStatus} size="sm" />
                  <Text size="sm">{t("agendas.versionN", { n: a.proposalVersion })}</Text>
                  <AnchorLink to="/agendas/$id" params={{ id: a.assignmentId }} size="sm" data-testid="agenda-card-link">{t("cockpit.agendas.proposal")}</AnchorLink>
                </Group>
                <Group gap="md" mt="sm" data-testid="agenda-counts">
                  {TRACKS.map((tr) => (
                    <Text key={tr} size="sm" data-track={tr}>
                      <Text span aria-hidden="true" fw={700}>{TRACK_LOOK[tr].icon} </Text>
                      {t(`kpi.track.${tr}`)}: <b>{f.number(counts[tr])}</b>
                    </Text>
                  ))}
                </Group>
                {a.kpiIds.length > 0 ? (
                  <List size="sm" mt="xs" spacing={4} listStyleType="none" ml={0} pl={0}>
                    {a.kpiIds.map((id) => {
                      const k = kpiById.get(id);
                      if (!k) return null;
                      return (
                        <List.Item key={id}>
                          <Group gap={6} wrap="nowrap" align="flex-start">
                            <Text span aria-hidden="true" fw={700} w={16}>{TRACK_LOOK[trackOf(k.offTrack)].icon}</Text>
                            <div>
                              <KpiLink c={c} k={k} />
                              <Text span size="xs" c="dark.4">{` · ${t(`kpi.track.${trackOf(k.offTrack)}`)}`}</Text>
                            </div>
                          </Group>
                        </List.Item>
                      );
                    })}
                  </List>
                ) : (
                  <Text size="sm" c="dark.4" mt="xs">{t("cockpit.agendas.noKpis")}</Text>
                )}
              </Card>
            );
          })}
        </SimpleGrid>
      )}
    </section>
  );
}

function KpiLink({ c, k, strong }: { c: Cockpit; k: CockpitKpi; strong?: boolean }) {
  const f = useFormat();
  return (
    <AnchorLink to="/cockpit/$provinceCode" params={{ provinceCode: c.province.code }} search={(s) => ({ ...s, kpi: k.id })} fw={strong ? 700 : 500} data-testid="kpi-link" data-kpi={k.id} lang={f.lang === "en" && !k.nameEn ? "th" : undefined}>
      {f.name(k)}
    </AnchorLink>
  );
}

/** Every KPI of the province: status, latest value and period, the year's target, the projection and a small trend. */
function Kpis({ c }: { c: Cockpit }) {
  const { t } = useTranslation();
  const f = useFormat();
  const kf = useKpiFormat();
  const exportTable = () => ({
    fileName: `cockpit-${c.province.code}-${c.fiscalYear}-kpis`,
    header: ["code", "name_th", "name_en", "unit", "status", "latest_period_end", "latest_value", "latest_status", "target_level3", "projected", "pending_verification", "next_report_period_end", "next_report_due", "overdue", "demo"],
    rows: c.kpis.map((k) => [k.code, k.nameTh, k.nameEn, k.unit, trackOf(k.offTrack), k.latest?.periodEnd ?? "", k.latest?.value ?? "", k.latest?.status ?? "", k.target ?? "", k.projected ?? "", k.pendingVerification, k.nextReport?.periodEnd ?? "", k.nextReport?.dueDate ?? "", k.nextReport?.overdue ?? "", k.isDemo]),
  });
  return (
    <section aria-labelledby="kpis-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="kpis-title">{t("cockpit.kpis.title", { count: c.kpis.length })}</Title>
        <ExportButtons table={exportTable} disabled={!c.kpis.length} size="sm" />
      </Group>
      {c.kpis.length === 0 ? (
        <Text c="dark.4">{t("cockpit.kpis.none")}</Text>
      ) : (
        <Stack gap="sm" data-testid="kpi-cards">
          {c.kpis.map((k) => (
            <KpiCard key={k.id} c={c} k={k} kf={kf} f={f} />
          ))}
        </Stack>
      )}
    </section>
  );
}

function KpiCard({ c, k, kf, f }: { c: Cockpit; k: CockpitKpi; kf: ReturnType<typeof useKpiFormat>; f: ReturnType<typeof useFormat> }) {
  const { t } = useTranslation();
  const periods = useMemo(() => [...periodEndsOf(c.fiscalYear - 1, k.frequency), ...periodEndsOf(c.fiscalYear, k.frequency)], [c.fiscalYear, k.frequency]);
  const label = useCallback((p: string) => kf.period(p, k.frequency), [f.lang, k.frequency]); // eslint-disable-line react-hooks/exhaustive-deps
  const format = useCallback((v: number) => kf.value(v, k.unit), [f.lang, k.unit]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Card withBorder padding="sm" data-testid="kpi-card" data-kpi={k.id} data-track={trackOf(k.offTrack)}>
      <Grid gap="md" align="center">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Group gap={6} mb={4}>
            <Badge variant="outline" color="gray.8" c="dark.9" size="sm">{k.code}</Badge>
            <TrackBadge offTrack={k.offTrack} size="sm" />
            {k.pendingVerification > 0 && (
              <Badge variant="light" color="yellow" c="dark.9" size="sm" leftSection={<span aria-hidden="true">…</span>} data-testid="kpi-pending">
                {t("cockpit.kpis.pending", { count: k.pendingVerification })}
              </Badge>
            )}
          </Group>
          <KpiLink c={c} k={k} strong />
          {k.nextReport ? (
            <Text size="xs" mt={4} data-testid="kpi-next-report">
              {k.nextReport.overdue && <Text span fw={700} c="red.9"><span aria-hidden="true">⚠ </span>{t("cockpit.due.overdue")} · </Text>}
              {t("cockpit.kpis.nextReport", { period: kf.period(k.nextReport.periodEnd, k.frequency), date: f.date(k.nextReport.dueDate) })}
            </Text>
          ) : (
            <Text size="xs" mt={4} c="dark.4">{t("cockpit.kpis.upToDate")}</Text>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5, md: 3 }}>
          <Text size="xs" c="dark.4">{t("cockpit.kpis.latest")}</Text>
          {k.latest ? (
            <>
              <Text fw={700} size="lg" lh={1.4} data-testid="kpi-latest">{kf.value(k.latest.value, k.unit)}</Text>
              <Group gap={4}>
                <Text size="xs">{kf.period(k.latest.periodEnd, k.frequency)}</Text>
                {k.latest.status !== "verified" && <MeasurementStatusBadge status={k.latest.status} />}
              </Group>
            </>
          ) : (
            <Text>–</Text>
          )}
          <Text size="xs" mt={4}>
            {t("cockpit.kpis.target", { value: kf.value(k.target, k.unit) })}
          </Text>
          {k.projected !== null && <Text size="xs">{t("cockpit.kpis.projected", { value: kf.value(k.projected, k.unit) })}</Text>}
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 7, md: 4 }}>
          <Suspense fallback={<div style={{ height: 120 }} />}>
            <KpiTrendChart
              points={k.trend}
              periods={periods}
              currentYearStart={periodEndsOf(c.fiscalYear, k.frequency)[0] ?? null}
              target={k.target}
              label={label}
              format={format}
              height={120}
              compact
              title={t("kpi.chart.summary", { name: f.name(k), latest: k.latest ? `${kf.value(k.latest.value, k.unit)} (${kf.period(k.latest.periodEnd, k.frequency)})` : "–", target: kf.value(k.target, k.unit) })}
              testId="kpi-trend"
            />
          </Suspense>
        </Grid.Col>
      </Grid>
    </Card>
  );
}

/** Every fiscal year's round totals, one chart per scoring scheme (their scales differ), with the numbers in a table. */
function History({ c }: { c: Cockpit }) {
  const { t } = useTranslation();
  const f = useFormat();
  const yearLabel = useCallback((fy: number) => t("cockpit.history.year", { fy }), [t]);
  const groups = useMemo(() => {
    const out: { scheme: "five-level" | "pb-pt"; years: Cockpit["history"] }[] = [];
    for (const h of c.history) {
      const g = out.find((x) => x.scheme === h.schemeType);
      if (g) g.years.push(h);
      else out.push({ scheme: h.schemeType, years: [h] });
    }
    return out;
  }, [c.history]);
  if (!c.history.length) return null;
  return (
    <Card withBorder component="section" aria-labelledby="history-title">
      <Title order={2} size="h3" id="history-title">{t("cockpit.history.title")}</Title>
      <Text size="sm" c="dark.4" mb="sm">{t("cockpit.history.hint")}</Text>
      <SimpleGrid cols={{ base: 1, md: groups.length > 1 ? 2 : 1 }}>
        {groups.map((g) => {
          const scale = g.scheme === "pb-pt" ? { min: 0, max: 100 } : { min: 1, max: 5 };
          const title = `${t("cockpit.history.chartTitle")} · ${t(`agreements.scheme.${g.scheme}`)} (${scale.min}–${scale.max})`;
          return (
            <figure key={g.scheme} style={{ margin: 0 }}>
              <figcaption style={{ fontWeight: 700 }}>{title}</figcaption>
              <Suspense fallback={<PageLoader />}>
                <HistoryChart years={g.years} scale={scale} decimals={g.scheme === "pb-pt" ? 3 : 4} yearLabel={yearLabel} title={title} testId="history-chart" />
              </Suspense>
            </figure>
          );
        })}
      </SimpleGrid>
      <details>
        <summary style={{ cursor: "pointer", fontWeight: 700 }}>{t("cockpit.history.table")}</summary>
        <Table.ScrollContainer minWidth={560} mt="xs">
          <Table striped data-testid="history-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("cockpit.fiscalYear")}</Table.Th>
                <Table.Th>{t("agreements.schemeLabel")}</Table.Th>
                {[6, 9, 12].map((r) => (
                  <Table.Th key={r} style={{ textAlign: "right" }}>{t("cockpit.roundN", { n: r })}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.history.map((h) => (
                <Table.Tr key={h.agreementId}>
                  <Table.Td><AnchorLink to="/agreements/$id" params={{ id: h.agreementId }}>{f.fiscalYear(h.fiscalYear)}</AnchorLink></Table.Td>
                  <Table.Td>{t(`agreements.scheme.${h.schemeType}`)}</Table.Td>
                  {[6, 9, 12].map((r) => {
                    const x = h.rounds.find((z) => z.round === r);
                    return (
                      <Table.Td key={r} style={{ textAlign: "right" }}>
                        {x?.total === null || x?.total === undefined ? "—" : formatScore(f.lang, x.total, h.schemeType === "pb-pt" ? 3 : 4)}
                        {x && x.live && <Text span size="xs" c="dark.4">{` (${t("agreements.live")})`}</Text>}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </details>
      <Text size="xs" c="dark.4" mt="xs">{t("cockpit.history.liveNote")}</Text>
    </Card>
  );
}
