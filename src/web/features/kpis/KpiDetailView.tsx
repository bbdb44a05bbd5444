import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import { Anchor, Badge, Button, Group, List, SimpleGrid, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { KpiDetail, MeasurementView } from "../../../modules/performance/contracts.js";
import type { OrganizationDetail } from "../../../modules/registry/contracts.js";
import { bangkokToday, fiscalYearOf } from "../../../platform/thai/index.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { invalidatePerformance, kpiQuery, MeasurementStatusBadge, periodEndsOf, TrackBadge, useKpiFormat } from "./kpi-ui.js";
import { RecordResultForm } from "./RecordResultForm.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const KpiTrendChart = lazy(() => import("./KpiTrendChart.js"));

export interface KpiActions {
  /** show the "record a result" form */
  submit: boolean;
  /** show verify / return on submitted results */
  verify: boolean;
}

/**
 * A KPI: what it measures, its status against the year's target, the trend over two fiscal years, the targets by
 * round, a form to record a result, and every result with its evidence and review (verify / return when allowed).
 * `actions` narrows what the KPI's own `may` allows (the cockpit is read-only for those who do not steer it).
 */
export function KpiDetailView({ id, fiscalYear, actions, headingLevel = 2 }: { id: string; fiscalYear?: number; actions?: Partial<KpiActions>; headingLevel?: 2 | 3 }) {
  const q = useQuery(kpiQuery(id));
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <KpiBody kpi={q.data} fiscalYear={fiscalYear} actions={actions} headingLevel={headingLevel} />;
}

function KpiBody({ kpi, fiscalYear, actions, headingLevel }: { kpi: KpiDetail; fiscalYear?: number; actions?: Partial<KpiActions>; headingLevel: 2 | 3 }) {
  const { t } = useTranslation();
  const f = useFormat();
  const kf = useKpiFormat();
  const today = bangkokToday();
  const fy = fiscalYear ?? fiscalYearOf(today);
  const canSubmit = kpi.may.submit && actions?.submit !== false;
  const canVerify = kpi.may.verify && actions?.verify !== false;
  const h = headingLevel;
  const periods = useMemo(() => [...periodEndsOf(fy - 1, kpi.frequency), ...periodEndsOf(fy, kpi.frequency)], [fy, kpi.frequency]);
  const points = useMemo(() => kpi.measurements.filter((m) => m.status !== "returned" && (m.fiscalYear === fy || m.fiscalYear === fy - 1)).map((m) => ({ periodEnd: m.periodEnd, value: m.value, status: m.status })), [kpi.measurements, fy]);
  const yearTargets = kpi.targets.filter((x) => x.fiscalYear === fy).sort((a, b) => a.round - b.round);
  const target = yearTargets.find((x) => x.round === 12)?.levels[2] ?? null;
  const label = useCallback((p: string) => kf.period(p, kpi.frequency), [f.lang, kpi.frequency]); // eslint-disable-line react-hooks/exhaustive-deps
  const format = useCallback((v: number) => kf.value(v, kpi.unit), [f.lang, kpi.unit]); // eslint-disable-line react-hooks/exhaustive-deps
  const ot = kpi.offTrack;
  const owner = useQuery({ queryKey: ["organization", kpi.ownerOrgId], queryFn: () => api.get<OrganizationDetail>(`/organizations/${seg(kpi.ownerOrgId)}`), staleTime: 5 * 60_000 });
  return (
    <Stack gap="md" data-testid="kpi-detail" data-kpi={kpi.id}>
      <Group gap="xs">
        <Badge variant="outline" color="gray.8" c="dark.9">{kpi.code}</Badge>
        <TrackBadge offTrack={ot?.offTrack ?? null} />
        {kpi.measurements.some((m) => m.status === "submitted") && <MeasurementStatusBadge status="submitted" size="md" />}
        <DemoBadge isDemo={kpi.isDemo} />
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs" verticalSpacing={4}>
        <Fact label={t("kpi.unit")} value={kf.unit(kpi.unit)} />
        <Fact label={t("kpi.directionLabel")} value={kf.direction(kpi.direction)} />
        <Fact label={t("kpi.frequencyLabel")} value={kf.frequency(kpi.frequency)} />
        <Fact label={t("kpi.baseline")} value={kpi.baseline === null ? "–" : `${kf.value(kpi.baseline, kpi.unit)}${kpi.baselineYear ? ` (${f.fiscalYear(kpi.baselineYear)})` : ""}`} />
        <Fact label={t("kpi.dataSource")} value={kpi.dataSource ?? "–"} lang={f.lang === "en" && kpi.dataSource ? "th" : undefined} />
        <div>
          <Text size="xs" c="dark.4">{t("kpi.owner")}</Text>
          <AnchorLink to="/organizations/$id" params={{ id: kpi.ownerOrgId }} size="sm" display="block">{owner.data ? f.name(owner.data) : kpi.ownerOrgId}</AnchorLink>
        </div>
      </SimpleGrid>
      {kpi.definitionTh && <Text size="sm" lang={f.lang === "en" ? "th" : undefined}>{kpi.definitionTh}</Text>}
      <Text size="sm" data-testid="kpi-projection">
        {ot
          ? t(ot.offTrack ? "kpi.projectionOff" : "kpi.projectionOn", { projected: kf.value(ot.projected, kpi.unit), target: kf.value(ot.target, kpi.unit), fy: ot.fiscalYear })
          : t("kpi.projectionNone")}
      </Text>

      <Suspense fallback={<PageLoader />}>
        <KpiTrendChart
          points={points}
          periods={periods}
          currentYearStart={periodEndsOf(fy, kpi.frequency)[0] ?? null}
          target={target}
          label={label}
          format={format}
          height={240}
          title={t("kpi.chart.title", { name: f.name(kpi), fy })}
          testId="kpi-trend-large"
        />
      </Suspense>

      {yearTargets.length > 0 && (
        <div>
          <Title order={(h + 1) as 3 | 4} size="h5" mb={4}>{t("kpi.targetsTitle", { fy: f.fiscalYear(fy) })}</Title>
          <Table.ScrollContainer minWidth={480} maw={640}>
            <ExportButtons size="compact-xs" variant="light" nextTable="kpi-targets" />
            <Table withTableBorder data-testid="kpi-targets">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("kpi.round")}</Table.Th>
                  {[1, 2, 3, 4, 5].map((l) => (
                    <Table.Th key={l} style={{ textAlign: "right" }}>{t("kpi.level", { n: l })}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {yearTargets.map((x) => (
                  <Table.Tr key={x.round}>
                    <Table.Td>{t("kpi.roundMonths", { n: x.round })}</Table.Td>
                    {x.levels.map((v, i) => (
                      <Table.Td key={i} style={{ textAlign: "right", fontWeight: i === 2 ? 700 : undefined }}>{kf.number(v)}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dark.4">{t("kpi.levelHint")}</Text>
        </div>
      )}

      {canSubmit && <RecordResultForm kpi={kpi} today={today} />}

      <div>
        <Title order={(h + 1) as 3 | 4} size="h5" mb={4}>{t("kpi.history")}</Title>
        <MeasurementsTable kpi={kpi} canVerify={canVerify} />
      </div>
    </Stack>
  );
}

function Fact({ label, value, lang }: { label: string; value: string; lang?: string }) {
  return (
    <div>
      <Text size="xs" c="dark.4">{label}</Text>
      <Text size="sm" fw={500} lang={lang}>{value}</Text>
    </div>
  );
}

/** Every result, newest first, with its evidence, who submitted and who reviewed it; verify / return on submitted ones. */
function MeasurementsTable({ kpi, canVerify }: { kpi: KpiDetail; canVerify: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const kf = useKpiFormat();
  const qc = useQueryClient();
  const [showAll, setShowAll] = useState(false);
  const [returning, setReturning] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  const review = useMutation({
    mutationFn: (r: { id: string; decision: "verify" | "return"; comment?: string }) => api.post<MeasurementView>(`/measurements/${seg(r.id)}/review`, { decision: r.decision, comment: r.comment || null }),
    onSuccess: async () => {
      setReturning(null);
      setComment("");
      await invalidatePerformance(qc);
    },
  });
  const rows = showAll ? kpi.measurements : kpi.measurements.slice(0, 12);
  if (!kpi.measurements.length) return <Text c="dark.4">{t("kpi.noResults")}</Text>;
  return (
    <Stack gap="xs">
      <ErrorAlert error={review.error} />
      <Table.ScrollContainer minWidth={720}>
        <ExportButtons size="compact-xs" variant="light" nextTable="kpi-measurements" />
        <Table striped data-testid="measurements-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("kpi.period")}</Table.Th>
              <Table.Th style={{ textAlign: "right" }}>{t("kpi.value")}</Table.Th>
              <Table.Th>{t("kpi.status")}</Table.Th>
              <Table.Th>{t("kpi.evidence.title")}</Table.Th>
              <Table.Th>{t("kpi.submittedReviewed")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((m) => (
              <Table.Tr key={m.id} data-testid="measurement-row" data-id={m.id} data-status={m.status} data-period={m.periodEnd}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {kf.period(m.periodEnd, kpi.frequency)}
                  <Text size="xs" c="dark.4">{t("kpi.periodEnds", { date: f.date(m.periodEnd) })}</Text>
                </Table.Td>
                <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap", fontWeight: 600 }}>{kf.value(m.value, kpi.unit)}</Table.Td>
                <Table.Td>
                  <MeasurementStatusBadge status={m.status} />
                </Table.Td>
                <Table.Td>
                  {m.evidence.length === 0 ? (
                    <Text size="sm" c="dark.4">{t("kpi.evidence.none")}</Text>
                  ) : (
                    <List size="sm" spacing={0} data-testid="measurement-evidence">
                      {m.evidence.map((e, i) => (
                        <List.Item key={i}>
                          {e.url ? (
                            <Anchor href={e.url} target="_blank" rel="noopener noreferrer" lang={f.lang === "en" ? "th" : undefined}>{e.name}</Anchor>
                          ) : (
                            <span lang={f.lang === "en" ? "th" : undefined}>{e.name}</span>
                          )}
                        </List.Item>
                      ))}
                    </List>
                  )}
                  {m.note && <Text size="xs" c="dark.4" lang={f.lang === "en" ? "th" : undefined}>{t("kpi.note")}: {m.note}</Text>}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {t("kpi.submittedBy", { date: f.dateTime(m.submittedAt) })} <span lang={f.lang === "en" ? "th" : undefined}>{m.submittedByName}</span>
                  </Text>
                  {m.reviewedAt && (
                    <Text size="xs">
                      {t(m.status === "returned" ? "kpi.returnedBy" : "kpi.verifiedBy", { date: f.dateTime(m.reviewedAt) })} <span lang={f.lang === "en" ? "th" : undefined}>{m.reviewedByName}</span>
                    </Text>
                  )}
                  {m.reviewComment && (
                    <Text size="xs" fs="italic" lang={f.lang === "en" ? "th" : undefined} data-testid="review-comment-text">“{m.reviewComment}”</Text>
                  )}
                  {canVerify && m.status === "submitted" && (
                    <Stack gap={4} mt={6}>
                      {returning === m.id ? (
                        <>
                          <Textarea label={t("kpi.review.comment")} description={t("kpi.review.commentHint")} autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-testid="return-comment" />
                          <Group gap="xs">
                            <Button size="xs" color="orange.9" disabled={!comment.trim()} loading={review.isPending} onClick={() => review.mutate({ id: m.id, decision: "return", comment: comment.trim() })} data-testid="return-confirm">
                              {t("kpi.review.returnConfirm")}
                            </Button>
                            <Button size="xs" variant="default" onClick={() => setReturning(null)}>{t("common.cancel")}</Button>
                          </Group>
                        </>
                      ) : (
                        <Group gap="xs">
                          <Button size="xs" loading={review.isPending} onClick={() => review.mutate({ id: m.id, decision: "verify" })} data-testid="verify-button" leftSection={<span aria-hidden="true">✓</span>}>
                            {t("kpi.review.verify")}
                          </Button>
                          <Button size="xs" variant="default" onClick={() => { review.reset(); setReturning(m.id); }} data-testid="return-button" leftSection={<span aria-hidden="true">↩</span>}>
                            {t("kpi.review.return")}
                          </Button>
                        </Group>
                      )}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {kpi.measurements.length > rows.length && (
        <div>
          <Button variant="subtle" size="compact-sm" onClick={() => setShowAll(true)}>{t("common.showingCount", { shown: rows.length, total: kpi.measurements.length })} · {t("common.showAll")}</Button>
        </div>
      )}
    </Stack>
  );
}

/** Used by the cockpit's drawer and the KPI page: a heading for the KPI in the interface language. */
export function useKpiTitle(id: string): string | null {
  const f = useFormat();
  const q = useQuery({ ...kpiQuery(id), enabled: !!id });
  return q.data ? f.name(q.data) : null;
}

