import { lazy, Suspense, useMemo } from "react";
import { Badge, Card, Group, List, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { PilotComparison, PilotOutcomeComparison, PilotProgrammeDetail, PilotVerdict } from "../../../modules/performance/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat, type Format } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { periodLabeller } from "./period.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

// ECharts is large: it loads with the first chart.
const ComparisonChart = lazy(() => import("./ComparisonChart.js"));
const route = getRouteApi("/pilots/$id");

/** A pilot programme: provinces by role, incentives, and per outcome the comparison over time with its difference in differences. */
export function PilotPage() {
  const { id } = route.useParams();
  const programme = useQuery({ queryKey: ["pilots", id], queryFn: () => api.get<PilotProgrammeDetail>(`/pilots/${seg(id)}`) });
  const comparison = useQuery({ queryKey: ["pilots", id, "comparison"], queryFn: () => api.get<PilotComparison>(`/pilots/${seg(id)}/comparison`) });
  if (programme.isPending || comparison.isPending) return <PageLoader />;
  const error = programme.error ?? comparison.error;
  if (error) return <ErrorAlert error={error} />;
  return <PilotView p={programme.data!} c={comparison.data!} />;
}

/** Numbers with up to `digits` decimals in the interface language. */
const num = (f: Format, v: number | null | undefined, digits = 2) => (v === null || v === undefined ? "–" : new Intl.NumberFormat(f.lang === "th" ? "th-TH" : "en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v));

function PilotView({ p, c }: { p: PilotProgrammeDetail; c: PilotComparison }) {
  const { t } = useTranslation();
  const f = useFormat();
  const name = useMemo(() => new Map(p.provinces.map((x) => [x.provinceCode, f.name(x)])), [p.provinces, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const pilots = p.provinces.filter((x) => x.role === "pilot");
  const comparisons = p.provinces.filter((x) => x.role === "comparison");
  return (
    <Stack gap="lg">
      <div>
        <AnchorLink to="/pilots" size="sm">{t("nav.pilots")}</AnchorLink>
        <Group gap="sm" mt="xs">
          <Badge variant="outline" color="gray.8" style={{ textTransform: "none" }}>{p.code}</Badge>
          <DemoBadge isDemo={p.isDemo} />
        </Group>
        <Title order={1} mt={4} data-testid="pilot-title">{f.name(p)}</Title>
        {(p.descriptionTh || p.descriptionEn) && <Text mt="xs">{f.pick(p.descriptionTh, p.descriptionEn)}</Text>}
        <Group gap="xl" mt="sm">
          <Text size="sm"><b>{t("pilots.period")}</b>: {t("common.dateRange", { from: f.date(p.periodStart), to: f.date(p.periodEnd) })}</Text>
          <Text size="sm"><b>{t("pilots.treatmentStart")}</b>: {f.date(p.treatmentStart)}</Text>
        </Group>
        {p.isDemo && <Text size="sm" c="dark.4" mt={4}>{t("pilots.demoNote")}</Text>}
      </div>

      <Card withBorder component="section" aria-labelledby="pilot-provinces-title">
        <Title order={2} size="h3" id="pilot-provinces-title" mb="sm">{t("pilots.provinces")}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div data-testid="pilot-provinces">
            <Text fw={700}>{t("pilots.pilotProvinces")} ({f.number(pilots.length)})</Text>
            <List spacing={2}>
              {pilots.map((x) => (
                <List.Item key={x.provinceCode}><AnchorLink to="/provinces/$code" params={{ code: x.provinceCode }}>{f.name(x)}</AnchorLink></List.Item>
              ))}
            </List>
          </div>
          <div data-testid="comparison-provinces">
            <Text fw={700}>{t("pilots.comparisonProvinces")} ({f.number(comparisons.length)})</Text>
            <List spacing={2}>
              {comparisons.map((x) => (
                <List.Item key={x.provinceCode}>
                  <AnchorLink to="/provinces/$code" params={{ code: x.provinceCode }}>{f.name(x)}</AnchorLink>
                  {x.pairedWith && <Text span size="sm" c="dark.4">{` · ${t("pilots.pairedWith", { name: name.get(x.pairedWith) ?? x.pairedWith })}`}</Text>}
                </List.Item>
              ))}
            </List>
          </div>
        </SimpleGrid>
      </Card>

      <Card withBorder component="section" aria-labelledby="pilot-incentives-title">
        <Title order={2} size="h3" id="pilot-incentives-title" mb="sm">{t("pilots.incentives")}</Title>
        {p.incentives.length === 0 ? (
          <Text c="dark.4">{t("pilots.noIncentives")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <ExportButtons size="compact-xs" variant="light" nextTable="pilot-incentives" />
            <Table striped data-testid="pilot-incentives">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("pilots.province")}</Table.Th>
                  <Table.Th>{t("pilots.kind")}</Table.Th>
                  <Table.Th>{t("pilots.description")}</Table.Th>
                  <Table.Th style={{ textAlign: "right" }}>{t("pilots.amount")}</Table.Th>
                  <Table.Th>{t("pilots.grantedOn")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.incentives.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>{name.get(i.provinceCode) ?? i.provinceCode}</Table.Td>
                    <Table.Td>{t(`pilots.incentiveKinds.${i.kind}`)}</Table.Td>
                    <Table.Td><span lang="th">{i.descriptionTh}</span></Table.Td>
                    <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>
                      {i.amount === null ? "–" : i.unit === "บาท" ? f.baht(i.amount) : `${f.number(Number(i.amount))} ${unitLabel(t, i.unit)}`}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(i.grantedOn)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <section aria-labelledby="pilot-comparison-title">
        <Title order={2} size="h3" id="pilot-comparison-title" mb="sm">{t("pilots.comparison")}</Title>
        {c.outcomes.length === 0 ? (
          <Text c="dark.4">{t("pilots.noOutcomes")}</Text>
        ) : (
          <Tabs defaultValue={c.outcomes[0]!.outcome.id} keepMounted={false}>
            <Tabs.List>
              {c.outcomes.map((o) => (
                <Tabs.Tab key={o.outcome.id} value={o.outcome.id} data-testid="outcome-tab">{f.name(o.outcome)}</Tabs.Tab>
              ))}
            </Tabs.List>
            {c.outcomes.map((o) => (
              <Tabs.Panel key={o.outcome.id} value={o.outcome.id} pt="md">
                <OutcomeComparison o={o} names={name} />
              </Tabs.Panel>
            ))}
          </Tabs>
        )}
        <Text size="sm" mt="md"><b>{t("pilots.did.assumption")}</b>: {f.pick(c.assumptionTh, c.assumptionEn)}</Text>
      </section>
    </Stack>
  );
}

function unitLabel(t: (k: string, o?: Record<string, unknown>) => string, unit: string | null): string {
  return unit ? t(`pilots.units.${unit}`, { defaultValue: unit }) : "";
}

const VERDICT_STYLE: Record<PilotVerdict, { color: string; icon: string }> = {
  improved: { color: "green.9", icon: "▲" },
  worsened: { color: "red.9", icon: "▼" },
  "no-clear-effect": { color: "gray.8", icon: "≈" },
  "not-estimable": { color: "gray.8", icon: "–" },
};

function OutcomeComparison({ o, names }: { o: PilotOutcomeComparison; names: Map<string, string> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = o.did;
  const unit = unitLabel(t, o.outcome.unit);
  const periods = useMemo(() => o.series.map((s) => s.period), [o.series]);
  const label = useMemo(() => periodLabeller(periods, f.lang, t, (x) => f.date(x)), [periods, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const level = Math.round((d.ci?.level ?? 0.95) * 100);
  const style = VERDICT_STYLE[d.verdict];
  const change = (pre: number | null, post: number | null) => (pre === null || post === null ? null : post - pre);
  return (
    <Stack gap="md" data-testid="outcome-comparison">
      <Group gap="xs">
        <Badge variant="outline" color="gray.8" style={{ textTransform: "none" }}>{t(`pilots.outcomeKinds.${o.outcome.kind}`)}</Badge>
        <Badge variant="outline" color="gray.8" style={{ textTransform: "none" }}>{t(`pilots.better.${o.outcome.direction}`)}</Badge>
        {o.outcome.kpiCode && <Badge variant="outline" color="blue.9" style={{ textTransform: "none" }}>{t("pilots.kpiLink", { code: o.outcome.kpiCode })}</Badge>}
      </Group>
      <Suspense fallback={<PageLoader />}>
        <ComparisonChart series={o.series} label={label} unit={unit} title={`${f.name(o.outcome)} · ${t("pilots.chartTitle", { unit })}`} testId="comparison-chart" />
      </Suspense>

      <Card withBorder data-testid="did-result">
        <Title order={3} size="h4">{t("pilots.did.title")}</Title>
        {d.estimate === null || d.ci === null ? (
          <Text mt="xs">{t("pilots.did.notEstimable")}</Text>
        ) : (
          <>
            <Text mt="xs" size="lg" fw={700} data-testid="did-sentence">
              {t("pilots.did.sentence", { estimate: num(f, d.estimate), unit, level, low: num(f, d.ci.low), high: num(f, d.ci.high) })}
            </Text>
            <Text mt={4}>{t(d.estimate < 0 ? "pilots.did.wordsDown" : "pilots.did.wordsUp", { amount: num(f, Math.abs(d.estimate)), unit })}</Text>
            <Text>{t("pilots.did.wordsCi", { low: num(f, d.ci.low), high: num(f, d.ci.high), unit, level })}</Text>
          </>
        )}
        <Paper withBorder px="sm" py={6} mt="sm" style={{ display: "inline-flex", gap: 8, alignItems: "center", borderColor: `var(--mantine-color-${style.color.replace(".", "-")})`, borderWidth: 2 }}>
          <Text span fw={700} c={style.color} aria-hidden="true">{style.icon}</Text>
          <Text span fw={700} c="dark.9" data-testid="did-verdict">{t(`pilots.did.verdicts.${d.verdict}`)}</Text>
        </Paper>
        <Text mt="sm" size="sm" data-testid="did-small-sample">{f.pick(d.smallSample.messageTh, d.smallSample.messageEn)}</Text>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} mt="sm" spacing="xs">
          <Fact label={t("pilots.did.estimate")} value={`${num(f, d.estimate)} ${unit}`} />
          <Fact label={t("pilots.did.ci", { level })} value={d.ci ? `${num(f, d.ci.low)} – ${num(f, d.ci.high)}` : "–"} />
          <Fact label={t("pilots.did.se")} value={num(f, d.se, 3)} />
          <Fact label={t("pilots.did.df")} value={num(f, d.df, 1)} />
          <Fact label={t("pilots.did.p")} value={d.pValue !== null && d.pValue < 0.001 ? `< ${num(f, 0.001, 3)}` : num(f, d.pValue, 3)} />
          <Fact label={t("pilots.did.units")} value={t("pilots.did.unitsValue", { pilot: d.units.pilot, comparison: d.units.comparison })} />
        </SimpleGrid>
        {d.warnings.length > 0 && (
          <>
            <Text fw={700} mt="sm" size="sm">{t("pilots.did.caution")}</Text>
            <List size="sm" spacing={2} data-testid="did-warnings">
              {d.warnings.map((w) => <List.Item key={w.code}>{f.pick(w.messageTh, w.messageEn)}</List.Item>)}
            </List>
          </>
        )}
        <Text size="xs" c="dark.4" mt="sm">{t("pilots.did.method")}</Text>
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div>
          <Text fw={700} size="sm" mb={4}>{t("pilots.did.table")}</Text>
          <ExportButtons size="compact-xs" variant="light" nextTable="pilot-did" />
          <Table withTableBorder data-testid="did-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("pilots.did.group")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("pilots.did.before")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("pilots.did.after")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("pilots.did.change")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(["pilot", "comparison"] as const).map((g) => (
                <Table.Tr key={g}>
                  <Table.Td>{t(g === "pilot" ? "pilots.pilotProvinces" : "pilots.comparisonProvinces")}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{num(f, d.cells[g].pre)}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{num(f, d.cells[g].post)}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{num(f, change(d.cells[g].pre, d.cells[g].post))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        <div>
          <Text fw={700} size="sm" mb={4}>{t("pilots.did.unitChanges")}</Text>
          <ExportButtons size="compact-xs" variant="light" nextTable="pilot-did-units" columns={[t("tableExport.province"), t("tableExport.role"), t("tableExport.beforeAfter"), t("tableExport.difference")]} />
          <Table withTableBorder data-testid="did-units">
            <Table.Tbody>
              {d.unitDifferences.map((u) => (
                <Table.Tr key={u.provinceCode}>
                  <Table.Td>{names.get(u.provinceCode) ?? u.provinceCode}</Table.Td>
                  <Table.Td>{t(`pilots.role.${u.role}`)}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{`${num(f, u.preMean)} → ${num(f, u.postMean)}`}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{num(f, u.difference)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </SimpleGrid>

      <details>
        <summary style={{ cursor: "pointer", fontWeight: 700 }}>{t("pilots.seriesTable")}</summary>
        <Table.ScrollContainer minWidth={560} mt="xs">
          <ExportButtons size="compact-xs" variant="light" nextTable="pilot-series" />
          <Table striped data-testid="series-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("pilots.periodCol")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("pilots.pilotMean")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("pilots.comparisonMean")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("pilots.gap")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.series.map((s) => (
                <Table.Tr key={s.period}>
                  <Table.Td>{`${label(s.period)} (${t(`pilots.phase.${s.phase}`)})`}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{num(f, s.pilot?.mean)}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{num(f, s.comparison?.mean)}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{num(f, s.gap)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </details>
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dark.4">{label}</Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}
