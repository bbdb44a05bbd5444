import { useState } from "react";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { Anchor, Badge, Breadcrumbs, Button, Card, Code, Group, List, SimpleGrid, Stack, Table, Tabs, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { AgreementDetail, AgreementRoundView, SelfAssessmentInput } from "../../../modules/performance/contracts.js";
import { api, API_BASE, isApiError, seg } from "../../app/api.js";
import { useFormat, type Format } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { Bi } from "../agendas/Bi.js";
import { EvidenceRows, evidenceInput, type EvidenceRow } from "../kpis/RecordResultForm.js";
import { useKpiFormat, type KpiFormat } from "../kpis/kpi-ui.js";
import { provincesQuery } from "../provinces/queries.js";
import { AmendAgreementButton, AssessorPanel, SignAgreementButton } from "./AgreementActions.js";
import { AgreementStatusBadge } from "./AgreementStatusBadge.js";
import { formatScore, RoundStatusBadge, ScoreKindBadge } from "./round-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/agreements/$id");

type Item = AgreementDetail["items"][number];
type Levels = [number, number, number, number, number];
type Tiers = { threshold: number; standard: number; challenge: number };
type Criteria =
  | { kind: "five-level-numeric"; direction: "higher-is-better" | "lower-is-better"; levels: Levels; roundLevels?: { "6"?: Levels; "9"?: Levels } }
  | { kind: "five-level-milestone"; steps: { th: string; en: string }[] }
  | { kind: "tiered"; direction: "higher-is-better" | "lower-is-better"; targets: Tiers; roundTargets?: { "6"?: Tiers; "9"?: Tiers } }
  | { kind: "assessed" };

/** A performance agreement: parties, scheme, items with weights and criteria, each round's explained score, self-assessment, reports and amendments. */
export function AgreementPage() {
  const { id } = route.useParams();
  const q = useQuery({ queryKey: ["agreements", "detail", id], queryFn: () => api.get<AgreementDetail>(`/agreements/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <AgreementView a={q.data} />;
}

const pct = (f: Format, w: number) => new Intl.NumberFormat(f.lang === "th" ? "th-TH" : "en-GB", { style: "percent", maximumFractionDigits: 2 }).format(w);

function AgreementView({ a }: { a: AgreementDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/agreements/$id" });
  const provinces = useQuery(provincesQuery);
  const province = provinces.data?.find((p) => p.code === a.provinceCode);
  const firstOpen = a.rounds.find((r) => r.status !== "closed")?.round ?? a.rounds[a.rounds.length - 1]?.round ?? 12;
  const round = String(a.rounds.some((r) => r.round === search.round) ? search.round : firstOpen);
  const decimals = a.schemeType === "pb-pt" ? 3 : 4;
  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs separator="›" styles={{ root: { flexWrap: "wrap" } }}>
          <AnchorLink to="/agreements" size="sm">{t("nav.agreements")}</AnchorLink>
          {a.provinceCode && <AnchorLink to="/agreements" search={{ provinceCode: a.provinceCode }} size="sm">{province ? f.name(province) : a.provinceCode}</AnchorLink>}
        </Breadcrumbs>
        <Group gap="sm" mt="xs">
          <AgreementStatusBadge status={a.status} size="lg" />
          <Badge variant="outline" color="gray.8" c="dark.9">{t("agreements.versionN", { n: a.version })}</Badge>
          <DemoBadge isDemo={a.isDemo} />
          <SignAgreementButton a={a} />
        </Group>
        <Title order={1} mt={4} data-testid="agreement-title"><Bi th={a.titleTh} en={a.titleEn} /></Title>
        <Group gap="lg" mt="xs">
          <Text size="sm"><b>{t("agreements.fiscalYear")}</b>: {f.fiscalYear(a.fiscalYear)}</Text>
          {a.provinceCode && (
            <Text size="sm">
              <b>{t("agreements.province")}</b>: <AnchorLink to="/provinces/$code" params={{ code: a.provinceCode }}>{province ? f.name(province) : a.provinceCode}</AnchorLink>
              {" · "}
              <AnchorLink to="/cockpit/$provinceCode" params={{ provinceCode: a.provinceCode }} search={{ fy: a.fiscalYear }} data-testid="agreement-cockpit-link">{t("agreements.openCockpit")}</AnchorLink>
            </Text>
          )}
          <Text size="sm"><b>{t("agreements.schemeLabel")}</b>: {t(`agreements.scheme.${a.schemeType}`)}</Text>
          {a.signedAt && (
            <Text size="sm">
              <b>{t("agreements.signed")}</b>: {f.date(a.signedAt)}
              {a.signedByName && <> · <Bi th={a.signedByName} /></>}
            </Text>
          )}
          <Text size="sm"><b>{t("agreements.roundDueDays")}</b>: {t("agreements.days", { count: a.roundDueDays })}</Text>
        </Group>
      </div>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder component="section" aria-labelledby="parties-title">
          <Title order={2} size="h3" id="parties-title" mb="xs">{t("agreements.parties")}</Title>
          {a.parties.length === 0 ? (
            <Text c="dark.4">{t("common.none")}</Text>
          ) : (
            <List spacing={4} data-testid="agreement-parties">
              {a.parties.map((p, i) => (
                <List.Item key={i}>
                  <Text span size="sm" c="dark.4">{t(`agreements.partyRole.${p.role}`)}: </Text>
                  <Bi th={p.nameTh} en={p.nameEn} />
                </List.Item>
              ))}
            </List>
          )}
        </Card>
        <Card withBorder component="section" aria-labelledby="scheme-title">
          <Title order={2} size="h3" id="scheme-title" mb="xs">{t("agreements.schemeLabel")}: {t(`agreements.scheme.${a.schemeType}`)}</Title>
          <SchemeFacts a={a} />
        </Card>
      </SimpleGrid>

      <Card withBorder component="section" aria-labelledby="items-title">
        <Title order={2} size="h3" id="items-title" mb="sm">{t("agreements.items")}</Title>
        <ItemsTable a={a} />
      </Card>

      <section aria-labelledby="rounds-title">
        <Title order={2} size="h3" id="rounds-title" mb="sm">{t("agreements.rounds")}</Title>
        <Tabs value={round} onChange={(v) => v && void navigate({ search: { round: Number(v) }, replace: true })} keepMounted={false}>
          <Tabs.List>
            {a.rounds.map((r) => (
              <Tabs.Tab key={r.round} value={String(r.round)} data-testid="round-tab">
                {t("cockpit.roundN", { n: r.round })}
                {" · "}
                {r.score.total === null ? "—" : formatScore(f.lang, r.score.total, decimals)}
                {r.live && <Text span size="xs">{` (${t("agreements.live")})`}</Text>}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {a.rounds.map((r) => (
            <Tabs.Panel key={r.round} value={String(r.round)} pt="md">
              <RoundPanel a={a} r={r} />
            </Tabs.Panel>
          ))}
        </Tabs>
      </section>

      <Card withBorder component="section" aria-labelledby="amendments-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="amendments-title">{t("agreements.amendments")}</Title>
          <AmendAgreementButton a={a} />
        </Group>
        {a.amendments.length === 0 ? (
          <Text c="dark.4" data-testid="amendments-empty">{t("agreements.noAmendments")}</Text>
        ) : (
          <Stack gap="sm" data-testid="amendments">
            {a.amendments.map((m) => (
              <div key={m.version}>
                <Text fw={700}>{t("agreements.amendmentN", { n: m.version })} · {f.dateTime(m.createdAt)} · <Bi th={m.createdByName} /></Text>
                <Text size="sm"><b>{t("agreements.reason")}</b>: <Bi th={m.reasonTh} /></Text>
                <details>
                  <summary style={{ cursor: "pointer" }}>{t("agreements.beforeAfter")}</summary>
                  <SimpleGrid cols={{ base: 1, md: 2 }} mt="xs">
                    <div>
                      <Text size="sm" fw={700}>{t("agreements.before")}</Text>
                      <Code block style={{ maxHeight: 320, overflow: "auto" }}>{JSON.stringify(m.before, null, 2)}</Code>
                    </div>
                    <div>
                      <Text size="sm" fw={700}>{t("agreements.after")}</Text>
                      <Code block style={{ maxHeight: 320, overflow: "auto" }}>{JSON.stringify(m.after, null, 2)}</Code>
                    </div>
                  </SimpleGrid>
                </details>
              </div>
            ))}
          </Stack>
        )}
      </Card>
      <HistoryPanel entityType="agreement" entityId={a.id} allowed />
    </Stack>
  );
}

function SchemeFacts({ a }: { a: AgreementDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = a.scheme as { type: string; decimals?: number; missingResults?: { interim: string; final: string }; componentWeights?: { performance: number; potential: number }; tierPoints?: Tiers; ratingBands?: { min: number; th: string; en: string }[] };
  return (
    <Stack gap={4}>
      <Text size="sm">{t(a.schemeType === "pb-pt" ? "agreements.schemeHint.pb-pt" : "agreements.schemeHint.five-level")}</Text>
      {s.componentWeights && <Text size="sm">{t("agreements.components", { performance: pct(f, s.componentWeights.performance), potential: pct(f, s.componentWeights.potential) })}</Text>}
      {s.tierPoints && <Text size="sm">{t("agreements.tierPoints", s.tierPoints)}</Text>}
      {s.missingResults && (
        <Text size="sm">
          {t("agreements.missing", { interim: t(`agreements.missingPolicy.${s.missingResults.interim}`), final: t(`agreements.missingPolicy.${s.missingResults.final}`) })}
        </Text>
      )}
      {s.ratingBands && (
        <Text size="sm">
          {t("agreements.ratingBands")}: {s.ratingBands.map((b) => `${f.pick(b.th, b.en)} ≥ ${b.min}`).join(" · ")}
        </Text>
      )}
    </Stack>
  );
}

function ItemsTable({ a }: { a: AgreementDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const kf = useKpiFormat();
  const pbpt = a.schemeType === "pb-pt";
  return (
    <Table.ScrollContainer minWidth={760}>
      <ExportButtons size="compact-xs" variant="light" nextTable="agreement-items" />
      <Table striped data-testid="agreement-items">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("agreements.item")}</Table.Th>
            <Table.Th style={{ textAlign: "right", whiteSpace: "nowrap" }}>{t("agreements.weight")}</Table.Th>
            {pbpt && <Table.Th>{t("agreements.component")}</Table.Th>}
            <Table.Th>{t("agreements.criteriaLabel")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {a.items.map((i) => (
            <Table.Tr key={i.itemId} data-testid="agreement-item">
              <Table.Td>
                <Bi th={i.nameTh} en={i.nameEn} />
                {i.kpiId && (
                  <Text size="xs">
                    <AnchorLink to="/kpis/$id" params={{ id: i.kpiId }}>{t("agreements.kpiLink", { code: i.kpiCode ?? i.kpiId })}</AnchorLink>
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{pct(f, i.weight)}</Table.Td>
              {pbpt && <Table.Td>{i.component ? t(`agreements.componentName.${i.component}`) : "–"}</Table.Td>}
              <Table.Td><CriteriaView item={i} a={a} kf={kf} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The criteria in words: five level targets, milestone steps, three tiers with their points, or an assessor's points. */
function CriteriaView({ item, a, kf }: { item: Item; a: AgreementDetail; kf: KpiFormat }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = item.criteria as Criteria;
  const tierPoints = (a.scheme as { tierPoints?: Tiers }).tierPoints ?? { threshold: 50, standard: 70, challenge: 100 };
  const dir = (d: string) => t(d === "lower-is-better" ? "kpi.direction.lower" : "kpi.direction.higher");
  const levels = (l: Levels) => l.map((v) => kf.number(v, 4)).join(" · ");
  const tiers = (x: Tiers) => t("agreements.tiers", { threshold: kf.number(x.threshold, 4), standard: kf.number(x.standard, 4), challenge: kf.number(x.challenge, 4), pThreshold: tierPoints.threshold, pStandard: tierPoints.standard, pChallenge: tierPoints.challenge });
  switch (c.kind) {
    case "five-level-numeric":
      return (
        <Stack gap={0}>
          <Text size="xs" c="dark.4">{dir(c.direction)}{item.unit ? ` · ${kf.unit(item.unit)}` : ""}</Text>
          <Text size="sm">{t("agreements.levels12", { levels: levels(c.levels) })}</Text>
          {(["6", "9"] as const).map((r) => c.roundLevels?.[r] && levels(c.roundLevels[r]!) !== levels(c.levels) ? <Text key={r} size="sm">{t("agreements.levelsRound", { n: r, levels: levels(c.roundLevels[r]!) })}</Text> : null)}
        </Stack>
      );
    case "five-level-milestone":
      return (
        <List type="ordered" size="sm" spacing={0}>
          {c.steps.map((s, k) => <List.Item key={k}>{f.pick(s.th, s.en)}</List.Item>)}
        </List>
      );
    case "tiered":
      return (
        <Stack gap={0}>
          <Text size="xs" c="dark.4">{dir(c.direction)}{item.unit ? ` · ${kf.unit(item.unit)}` : ""}</Text>
          <Text size="sm">{tiers(c.targets)}</Text>
          {(["6", "9"] as const).map((r) => c.roundTargets?.[r] && tiers(c.roundTargets[r]!) !== tiers(c.targets) ? <Text key={r} size="sm">{t("agreements.tiersRound", { n: r, tiers: tiers(c.roundTargets[r]!) })}</Text> : null)}
        </Stack>
      );
    case "assessed":
      return <Text size="sm">{t("agreements.assessed")}</Text>;
    default:
      return <Text size="sm">–</Text>;
  }
}

/** One round: its state, explained score table, total, self-assessment, evidence and report downloads. */
function RoundPanel({ a, r }: { a: AgreementDetail; r: AgreementRoundView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const kf = useKpiFormat();
  const s = r.score;
  const itemById = new Map(a.items.map((i) => [i.itemId, i]));
  const report = (format: "pdf" | "xlsx") => `${API_BASE}/agreements/${seg(a.id)}/rounds/${r.round}/report?format=${format}`;
  return (
    <Stack gap="md" data-testid="round-panel" data-round={r.round}>
      <Group gap="xs">
        <RoundStatusBadge status={r.status} />
        <ScoreKindBadge live={r.live} />
        <Text size="sm">{t("agreements.periodEnd", { date: f.date(r.periodEnd) })}</Text>
        <Text size="sm">· {t("cockpit.rounds.due", { date: f.date(r.dueDate) })}</Text>
        {r.closedAt && <Text size="sm">· {t("agreements.closedAt", { date: f.dateTime(r.closedAt) })}</Text>}
      </Group>

      <Card withBorder>
        <Group justify="space-between" align="flex-start" gap="md">
          <div>
            <Text size="sm" c="dark.4">{t("agreements.total")}</Text>
            <Text fz={32} fw={700} lh={1.4} data-testid="round-panel-total">
              {s.total === null ? "—" : formatScore(f.lang, s.total, s.decimals)}
              <Text span size="md" fw={400} c="dark.4">{` / ${s.scale.max}`}</Text>
            </Text>
            {s.total === null && <Text size="sm" c="dark.4">{t("cockpit.noScore")}</Text>}
            {s.rating && <Text fw={700}>{f.pick(s.rating.th, s.rating.en)}</Text>}
            {s.components && (
              <Text size="sm">
                {t("agreements.componentScores", {
                  performance: s.components.performance.score === null ? "—" : formatScore(f.lang, s.components.performance.score, s.decimals),
                  potential: s.components.potential.score === null ? "—" : formatScore(f.lang, s.components.potential.score, s.decimals),
                })}
              </Text>
            )}
          </div>
          <Stack gap={4} align="flex-end">
            <Text size="sm" fw={700}>{t("agreements.report")}</Text>
            <Group gap="xs">
              <Button component="a" href={report("pdf")} variant="default" size="sm" data-testid="report-pdf" leftSection={<span aria-hidden="true">⤓</span>}>{t("agreements.downloadPdf")}</Button>
              <Button component="a" href={report("xlsx")} variant="default" size="sm" data-testid="report-xlsx" leftSection={<span aria-hidden="true">⤓</span>}>{t("agreements.downloadXlsx")}</Button>
            </Group>
            {r.live && <Text size="xs" c="dark.4" maw={320} ta="right">{t("agreements.reportLiveHint")}</Text>}
          </Stack>
        </Group>
        <Text size="sm" mt="sm" data-testid="round-explanation">{f.pick(s.explanation.th, s.explanation.en)}</Text>
        <Text size="xs" c="dark.4" mt={4}>{t("agreements.weightsCounted", { reported: pct(f, s.reportedWeight), counted: pct(f, s.countedWeight) })}</Text>
      </Card>

      <Table.ScrollContainer minWidth={880}>
        <ExportButtons size="compact-xs" variant="light" nextTable="agreement-scores" />
        <Table striped withTableBorder data-testid="score-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("agreements.item")}</Table.Th>
              <Table.Th style={{ textAlign: "right", whiteSpace: "nowrap" }}>{t("agreements.weight")}</Table.Th>
              <Table.Th style={{ textAlign: "right", whiteSpace: "nowrap" }}>{t("agreements.result")}</Table.Th>
              <Table.Th style={{ textAlign: "right", whiteSpace: "nowrap" }}>{t("agreements.score")}</Table.Th>
              <Table.Th style={{ textAlign: "right", whiteSpace: "nowrap" }}>{t("agreements.weightedScore")}</Table.Th>
              <Table.Th>{t("agreements.explanation")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.items.map((x) => {
              const item = itemById.get(x.itemId);
              return (
                <Table.Tr key={x.itemId} data-testid="score-row" data-item={x.itemId} data-status={x.status}>
                  <Table.Td>{item ? <Bi th={item.nameTh} en={item.nameEn} /> : x.itemId}</Table.Td>
                  <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{pct(f, x.weight)}</Table.Td>
                  <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>{x.result === null ? "—" : item?.unit ? kf.value(x.result, item.unit, 4) : kf.number(x.result, 4)}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{x.score === null ? "—" : formatScore(f.lang, x.score, s.decimals)}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{x.weightedScore === null ? "—" : formatScore(f.lang, x.weightedScore, s.decimals)}</Table.Td>
                  <Table.Td><Text size="sm">{f.pick(x.explanation.th, x.explanation.en)}</Text></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>{t("agreements.total")}</Table.Th>
              <Table.Th />
              <Table.Th />
              <Table.Th />
              <Table.Th style={{ textAlign: "right", whiteSpace: "nowrap" }}>{s.total === null ? "—" : formatScore(f.lang, s.total, s.decimals)}</Table.Th>
              <Table.Th>{s.final ? t("agreements.final") : t("agreements.interim")}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>

      {r.itemResults.length > 0 && (
        <div>
          <Text fw={700} size="sm">{t("agreements.assessorResults")}</Text>
          <List size="sm">
            {r.itemResults.map((x) => {
              const item = itemById.get(x.itemId);
              return (
                <List.Item key={x.itemId}>
                  {item ? f.pick(item.nameTh, item.nameEn) : x.itemId}: <b>{kf.number(x.value, 4)}</b> · <Bi th={x.enteredByName} />
                  {x.note && <> · <Bi th={x.note} /></>}
                </List.Item>
              );
            })}
          </List>
        </div>
      )}

      <AssessorPanel a={a} r={r} />
      <SelfAssessment a={a} r={r} />
    </Stack>
  );
}

function SelfAssessment({ a, r }: { a: AgreementDetail; r: AgreementRoundView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = a.may.selfAssess && r.status !== "closed";
  const [editing, setEditing] = useState(false);
  return (
    <Card withBorder component="section" aria-labelledby={`self-title-${r.round}`} data-testid="self-assessment">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id={`self-title-${r.round}`}>{t("agreements.selfAssessment")}</Title>
        {canEdit && !editing && (
          <Button size="sm" variant={r.selfAssessmentTh ? "default" : "filled"} onClick={() => setEditing(true)} data-testid="self-assessment-edit">
            {r.selfAssessmentTh ? t("agreements.selfEdit") : t("agreements.selfWrite")}
          </Button>
        )}
      </Group>
      {editing ? (
        <SelfAssessmentForm a={a} r={r} onDone={() => setEditing(false)} />
      ) : (
        <>
          {r.selfAssessmentTh ? (
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }} lang={f.lang === "en" ? "th" : undefined} data-testid="self-assessment-text">{r.selfAssessmentTh}</Text>
          ) : (
            <Text size="sm" c="dark.4">{t("agreements.selfNone")}</Text>
          )}
          {r.submittedAt && (
            <Text size="xs" c="dark.4" mt={4}>
              {t("agreements.selfSubmitted", { date: f.dateTime(r.submittedAt) })} {r.submittedByName && <Bi th={r.submittedByName} />}
            </Text>
          )}
          <Text fw={700} size="sm" mt="sm">{t("kpi.evidence.title")}</Text>
          {r.evidence.length === 0 ? (
            <Text size="sm" c="dark.4">{t("kpi.evidence.none")}</Text>
          ) : (
            <List size="sm" data-testid="round-evidence">
              {r.evidence.map((e, i) => (
                <List.Item key={i}>
                  {e.url ? <Anchor href={e.url} target="_blank" rel="noopener noreferrer"><Bi th={e.name} /></Anchor> : <Bi th={e.name} />}
                </List.Item>
              ))}
            </List>
          )}
        </>
      )}
    </Card>
  );
}

function SelfAssessmentForm({ a, r, onDone }: { a: AgreementDetail; r: AgreementRoundView; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [text, setText] = useState(r.selfAssessmentTh ?? "");
  const [evidence, setEvidence] = useState<EvidenceRow[]>(r.evidence.length ? r.evidence.map((e) => ({ name: e.name, url: e.url ?? "" })) : [{ name: "", url: "" }]);
  const save = useMutation({
    mutationFn: (body: SelfAssessmentInput) => api.put(`/agreements/${seg(a.id)}/rounds/${r.round}/self-assessment`, body),
    onSuccess: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: ["agreements"] }), qc.invalidateQueries({ queryKey: ["cockpit"] })]);
      onDone();
    },
  });
  const fieldError = (path: string) => (isApiError(save.error) ? save.error.fieldError(path, f.lang) : undefined);
  const send = (submit: boolean) => save.mutate({ selfAssessmentTh: text.trim(), evidence: evidenceInput(evidence), submit });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send(true);
      }}
      data-testid="self-assessment-form"
    >
      <Stack gap="sm">
        <Textarea label={t("agreements.selfText")} description={t("agreements.selfHint")} autosize minRows={4} maxLength={20000} value={text} onChange={(e) => setText(e.currentTarget.value)} required error={fieldError("selfAssessmentTh")} data-testid="self-assessment-input" />
        <EvidenceRows rows={evidence} onChange={setEvidence} error={fieldError} testId="self-evidence" />
        <ErrorAlert error={save.error} />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending && save.variables?.submit} disabled={!text.trim()} data-testid="self-assessment-submit">{t("agreements.selfSubmit")}</Button>
          <Button variant="default" loading={save.isPending && !save.variables?.submit} disabled={!text.trim()} onClick={() => send(false)} data-testid="self-assessment-draft">{t("agreements.selfDraft")}</Button>
          <Button variant="subtle" onClick={onDone} data-testid="self-assessment-cancel">{t("common.cancel")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
