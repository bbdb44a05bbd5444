import { useState } from "react";
import { Badge, Blockquote, Box, Breadcrumbs, Button, Card, Checkbox, Grid, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { CommitteeDetail } from "../../../modules/delegation/contracts-personnel.js";
import { bangkokToday, isIsoDate } from "../../../platform/thai/index.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { Bi } from "../agendas/Bi.js";
import { CreateCommitteeForm } from "./CreateCommitteeForm.js";
import { CommitteeStatusBadge } from "./PersonnelBadges.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/delegation/committees/$id");

/** A recruitment or selection committee: members, candidates with scores and the shortlist, the linked committee, the decision, and the steps the ministry may take. */
export function CommitteePage() {
  const { id } = route.useParams();
  const q = useQuery({ queryKey: ["committees", "detail", id], queryFn: () => api.get<CommitteeDetail>(`/delegation/committees/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <CommitteeView c={q.data} />;
}

function CommitteeView({ c }: { c: CommitteeDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const [appointing, setAppointing] = useState(false);
  const recruitment = c.kind === "recruitment";
  const open = c.status !== "decided";
  const fact = (label: string, value: React.ReactNode) => (
    <div>
      <Text size="sm" c="dark.4">{label}</Text>
      <Box fw={600}>{value}</Box>
    </div>
  );
  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs separator="›" styles={{ root: { flexWrap: "wrap" } }}>
          <AnchorLink to="/delegation/committees" size="sm">{t("personnel.committees.title")}</AnchorLink>
        </Breadcrumbs>
        <Group gap="sm" mt="xs">
          <Badge variant="outline" color="gray.8" c="dark.9">{t(`personnel.committees.kinds.${c.kind}`)}</Badge>
          <CommitteeStatusBadge status={c.status} size="lg" />
          <DemoBadge isDemo={c.isDemo} />
        </Group>
        <Title order={1} mt={4} data-testid="committee-title"><Bi th={c.titleTh} en={c.titleEn} /></Title>
      </div>

      <Card withBorder component="section" aria-labelledby="committee-facts">
        <Title order={2} size="h3" id="committee-facts" mb="sm">{t("personnel.committees.facts")}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
          {fact(t("personnel.committees.position"), <Bi th={c.positionTh} />)}
          {fact(t("personnel.province"), c.provinceCode ? <AnchorLink to="/provinces/$code" params={{ code: c.provinceCode }}>{f.pick(c.provinceNameTh, c.provinceNameEn)}</AnchorLink> : t("personnel.committees.national"))}
          {fact(t("personnel.committees.appointedOn"), f.date(c.appointedOn, "long"))}
          {fact(t("personnel.orderNo"), <Bi th={c.orderNo} />)}
          {c.parentCommitteeId && fact(t("personnel.committees.parent"), <AnchorLink to="/delegation/committees/$id" params={{ id: c.parentCommitteeId }} data-testid="committee-parent-link">{t("personnel.committees.openRecruitment")}</AnchorLink>)}
          {recruitment && fact(t("personnel.committees.selectionCommittee"), c.selectionCommitteeId ? <AnchorLink to="/delegation/committees/$id" params={{ id: c.selectionCommitteeId }} data-testid="committee-selection-link">{t("personnel.committees.openSelection")}</AnchorLink> : t("personnel.committees.notYetAppointed"))}
          {fact(t("personnel.recordedBy"), <Bi th={c.createdByName} />)}
        </SimpleGrid>
      </Card>

      {c.status === "decided" && c.selectedCandidateName && (
        <Card withBorder component="section" aria-labelledby="committee-decision" data-testid="committee-decision" style={{ borderColor: "var(--mantine-color-green-7)" }}>
          <Title order={2} size="h3" id="committee-decision" mb="xs"><span aria-hidden="true">✓ </span>{t("personnel.committees.decision")}</Title>
          <Text fw={700}>{t("personnel.committees.selected", { name: c.selectedCandidateName })}</Text>
          {c.decisionOn && <Text size="sm">{t("personnel.committees.decidedOn", { date: f.date(c.decisionOn, "long") })}</Text>}
          {c.decisionTh && <Blockquote p="xs" mt={4} color="gray" fz="sm"><Bi th={c.decisionTh} /></Blockquote>}
        </Card>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder component="section" aria-labelledby="committee-members">
            <Title order={2} size="h3" id="committee-members" mb="sm">{t("personnel.committees.members")}</Title>
            <ExportButtons size="compact-xs" variant="light" nextTable="committee-members" />
            <Table data-testid="committee-members-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("personnel.committees.memberName")}</Table.Th>
                  <Table.Th>{t("personnel.committees.form.role")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.members.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}><Bi th={m.name} /></Text>
                      {m.positionTh && <Text size="xs" c="dark.4"><Bi th={m.positionTh} /></Text>}
                    </Table.Td>
                    <Table.Td>{t(`personnel.committees.roles.${m.role}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Candidates c={c} />
        </Grid.Col>
      </Grid>

      {c.may.write && open && recruitment && <AddCandidates c={c} />}
      {c.may.write && open && recruitment && c.candidates.length > 0 && <Assessment c={c} />}
      {c.may.write && recruitment && c.status === "assessed" && !c.selectionCommitteeId && (
        appointing ? (
          <CreateCommitteeForm parent={c} onCancel={() => setAppointing(false)} onDone={(s) => void navigate({ to: "/delegation/committees/$id", params: { id: s.id } })} />
        ) : (
          <Group>
            <Button onClick={() => setAppointing(true)} data-testid="committee-appoint-selection">{t("personnel.committees.appointSelection")}</Button>
          </Group>
        )
      )}
      {c.may.write && open && !recruitment && <Decide c={c} />}
    </Stack>
  );
}

/** A recruitment committee's candidates, or the shortlist a selection committee decides among, with scores and ranks. */
function Candidates({ c }: { c: CommitteeDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const score = (s: string | null) => (s === null ? "–" : new Intl.NumberFormat(f.lang === "th" ? "th-TH" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(s)));
  return (
    <Card withBorder component="section" aria-labelledby="committee-candidates">
      <Title order={2} size="h3" id="committee-candidates" mb="xs">{c.kind === "recruitment" ? t("personnel.committees.candidates") : t("personnel.committees.shortlist")}</Title>
      {c.assessedOn && <Text size="sm" c="dark.4" mb="xs">{t("personnel.committees.assessedOn", { date: f.date(c.assessedOn, "long") })}</Text>}
      {c.assessmentTh && <Blockquote p="xs" mb="xs" color="gray" fz="sm"><Bi th={c.assessmentTh} /></Blockquote>}
      {c.candidatesHidden ? (
        <Text c="dark.4" data-testid="committee-candidates-hidden">{t("personnel.committees.candidatesHidden")}</Text>
      ) : c.candidates.length === 0 ? (
        <Text c="dark.4">{t("personnel.committees.noCandidates")}</Text>
      ) : (
        <div className="table-scroll">
          <ExportButtons size="compact-xs" variant="light" nextTable="committee-candidates" />
          <Table data-testid="committee-candidates-table" style={{ minWidth: 360 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("personnel.committees.rank")}</Table.Th>
                <Table.Th>{t("personnel.committees.candidate")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("personnel.committees.score")}</Table.Th>
                <Table.Th>{t("personnel.committees.shortlisted")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...c.candidates].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999)).map((x) => (
                <Table.Tr key={x.id} data-testid="candidate-row" data-shortlisted={x.shortlisted}>
                  <Table.Td>{x.rank ?? "–"}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600} component="div">
                      <Bi th={x.name} />
                      {c.selectedCandidateId === x.id && <Badge ml={6} variant="light" color="green" c="dark.9" size="sm" leftSection={<span aria-hidden="true">✓</span>}>{t("personnel.committees.selectedBadge")}</Badge>}
                    </Text>
                    <Text size="xs" c="dark.4"><Bi th={x.currentPositionTh} /></Text>
                  </Table.Td>
                  <Table.Td style={{ textAlign: "right", fontVariantNumeric: "tabular-nums" }}>{score(x.score)}</Table.Td>
                  <Table.Td>{x.shortlisted ? <Text span size="sm"><span aria-hidden="true">✓ </span>{t("personnel.committees.onShortlist")}</Text> : <Text span size="sm" c="dark.4">{x.score === null ? t("personnel.committees.notAssessed") : t("personnel.committees.notOnShortlist")}</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}

function useCommitteeAction(c: CommitteeDetail, path: string, after?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api.post<CommitteeDetail>(`/delegation/committees/${seg(c.id)}/${path}`, body),
    onSuccess: () => {
      after?.();
      void qc.invalidateQueries({ queryKey: ["committees"] });
    },
  });
}

function AddCandidates({ c }: { c: CommitteeDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [name, setName] = useState("");
  const [position, setPosition] = useState("");
  const add = useCommitteeAction(c, "candidates", () => {
    setName("");
    setPosition("");
  });
  const err = (path: string) => (isApiError(add.error) ? add.error.fieldError(path, f.lang) : undefined);
  return (
    <Card withBorder component="section" aria-labelledby="add-candidates-title">
      <Title order={2} size="h4" id="add-candidates-title" mb="xs">{t("personnel.committees.addCandidate")}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({ candidates: [{ name: name.trim(), currentPositionTh: position.trim() }] });
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label={t("personnel.committees.candidate")} required maxLength={200} value={name} onChange={(e) => setName(e.currentTarget.value)} error={err("candidates.0.name")} style={{ flex: "1 1 220px" }} data-testid="candidate-name" />
          <TextInput label={t("personnel.committees.currentPosition")} required maxLength={300} value={position} onChange={(e) => setPosition(e.currentTarget.value)} error={err("candidates.0.currentPositionTh")} style={{ flex: "1 1 260px" }} data-testid="candidate-position" />
          <Button type="submit" loading={add.isPending} disabled={!name.trim() || !position.trim()} data-testid="candidate-add">{t("personnel.committees.add")}</Button>
        </Group>
        <Box mt="xs"><ErrorAlert error={add.error} /></Box>
      </form>
    </Card>
  );
}

/** Scores for every candidate and the shortlist; a later assessment replaces the earlier one until the selection is decided. */
function Assessment({ c }: { c: CommitteeDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [scores, setScores] = useState<Record<string, number | "">>(() => Object.fromEntries(c.candidates.map((x) => [x.id, x.score === null ? "" : Number(x.score)])));
  const [short, setShort] = useState<Set<string>>(() => new Set(c.candidates.filter((x) => x.shortlisted).map((x) => x.id)));
  const [assessedOn, setAssessedOn] = useState(c.assessedOn ?? bangkokToday());
  const [text, setText] = useState(c.assessmentTh ?? "");
  const assess = useCommitteeAction(c, "assessment");
  const complete = c.candidates.every((x) => scores[x.id] !== "" && scores[x.id] !== undefined) && short.size > 0;
  return (
    <Card withBorder component="section" aria-labelledby="assessment-title" data-testid="committee-assessment">
      <Title order={2} size="h4" id="assessment-title" mb="xs">{c.assessedOn ? t("personnel.committees.reassess") : t("personnel.committees.assess")}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          assess.mutate({ assessedOn, assessmentTh: text.trim(), scores: c.candidates.map((x) => ({ candidateId: x.id, score: Number(scores[x.id]) })), shortlist: c.candidates.filter((x) => short.has(x.id)).map((x) => x.id) });
        }}
      >
        <Stack gap="sm">
          {c.candidates.map((x) => (
            <Group key={x.id} gap="sm" align="flex-end" wrap="wrap">
              <NumberInput label={t("personnel.committees.scoreFor", { name: x.name })} min={0} max={100} decimalScale={2} value={scores[x.id] ?? ""} onChange={(v) => setScores((s) => ({ ...s, [x.id]: v === "" ? "" : Number(v) }))} w={{ base: "100%", sm: 320 }} />
              <Checkbox label={t("personnel.committees.putOnShortlist")} checked={short.has(x.id)} onChange={(e) => { const on = e.currentTarget.checked; setShort((s) => { const n = new Set(s); if (on) n.add(x.id); else n.delete(x.id); return n; }); }} mb={8} />
            </Group>
          ))}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput type="date" label={t("personnel.committees.assessedOnLabel")} required max={bangkokToday()} value={assessedOn} onChange={(e) => setAssessedOn(e.currentTarget.value)} description={isIsoDate(assessedOn) ? f.date(assessedOn, "long") : undefined} />
          </SimpleGrid>
          <Textarea label={t("personnel.committees.assessmentText")} autosize minRows={2} maxLength={4000} value={text} onChange={(e) => setText(e.currentTarget.value)} />
          <ErrorAlert error={assess.error} />
          <Group>
            <Button type="submit" loading={assess.isPending} disabled={!complete}>{t("personnel.committees.saveAssessment")}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The selection committee's one decision: a candidate from the shortlist. */
function Decide({ c }: { c: CommitteeDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [selected, setSelected] = useState<string | null>(null);
  const [decisionOn, setDecisionOn] = useState(bangkokToday());
  const [text, setText] = useState("");
  const decide = useCommitteeAction(c, "decision");
  const err = (path: string) => (isApiError(decide.error) ? decide.error.fieldError(path, f.lang) : undefined);
  if (!c.candidates.length) return <Text c="dark.4">{t("personnel.committees.waitShortlist")}</Text>;
  return (
    <Card withBorder component="section" aria-labelledby="decide-title" data-testid="committee-decide">
      <Title order={2} size="h4" id="decide-title" mb="xs">{t("personnel.committees.decide")}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          decide.mutate({ selectedCandidateId: selected, decisionOn, decisionTh: text.trim() });
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t("personnel.committees.candidate")} data={c.candidates.map((x) => ({ value: x.id, label: `${x.name} (${x.currentPositionTh})` }))} value={selected} onChange={setSelected} required error={err("selectedCandidateId")} />
            <TextInput type="date" label={t("personnel.committees.decisionOn")} required max={bangkokToday()} value={decisionOn} onChange={(e) => setDecisionOn(e.currentTarget.value)} description={isIsoDate(decisionOn) ? f.date(decisionOn, "long") : undefined} error={err("decisionOn")} />
          </SimpleGrid>
          <Textarea label={t("personnel.committees.decisionText")} required autosize minRows={2} maxLength={4000} value={text} onChange={(e) => setText(e.currentTarget.value)} error={err("decisionTh")} />
          <ErrorAlert error={decide.error} />
          <Group>
            <Button type="submit" loading={decide.isPending} disabled={!selected || !text.trim()}>{t("personnel.committees.recordDecision")}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
