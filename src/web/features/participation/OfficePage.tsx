import { Box, Button, Card, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { QueueItem, SubjectChoices, SubjectKind } from "../../../modules/participation/contracts.js";
import { POLICY } from "../../../platform/auth/policy.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { StateBadge } from "./participation-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const MANAGERS = POLICY["participation:manage"] as readonly string[];

/** The governor's office: proposals past their threshold with deadlines (overdue first), and forms to open a call or a survey. */
export function OfficePage() {
  const { t } = useTranslation();
  const me = useMe();
  const provinces = [...new Set((me.data?.grants ?? []).filter((g) => MANAGERS.includes(g.role)).map((g) => /^area:province:(\d{2})$/.exec(g.scope)?.[1]).filter((x): x is string => !!x))];
  const [picked, setPicked] = useState<string | null>(null);
  const provinceCode = picked ?? provinces[0] ?? null;
  if (me.isPending) return <PageLoader />;
  if (!provinceCode) return <Text>{t("participation.office.noProvince")}</Text>;
  return (
    <Stack gap="md" data-testid="participation-office">
      <Title order={1}>{t("participation.office.title")}</Title>
      {provinces.length > 1 && <NativeSelect label={t("participation.province")} value={provinceCode} onChange={(e) => setPicked(e.currentTarget.value)} data={provinces} />}
      <Queue provinceCode={provinceCode} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <OpenCallForm provinceCode={provinceCode} />
        <OpenSurveyForm provinceCode={provinceCode} />
      </SimpleGrid>
    </Stack>
  );
}

function Queue({ provinceCode }: { provinceCode: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ["participation", "queue", provinceCode], queryFn: () => api.get<{ items: QueueItem[] }>("/participation/queue", { provinceCode }) });
  return (
    <Card withBorder p="md" component="section" aria-labelledby="queue-title">
      <Title order={2} size="h3" id="queue-title" mb="sm">{t("participation.office.queue")}</Title>
      <ErrorAlert error={q.error} />
      {q.data?.items.length === 0 && <Text c="dark.5">{t("participation.office.queueEmpty")}</Text>}
      {!!q.data?.items.length && (
        <Box style={{ overflowX: "auto" }} tabIndex={0} role="region" aria-labelledby="queue-title">
          <ExportButtons size="compact-xs" variant="light" nextTable="participation-queue" />
          <Table data-testid="queue-table" striped miw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("participation.office.proposal")}</Table.Th>
                <Table.Th>{t("participation.office.supports")}</Table.Th>
                <Table.Th>{t("participation.office.due")}</Table.Th>
                <Table.Th>{t("participation.office.state")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((p) => (
                <Table.Tr key={p.id} data-testid="queue-row">
                  <Table.Td>
                    <AnchorLink to="/participation/proposals/$id" params={{ id: p.id }} lang="th">{p.titleTh}</AnchorLink>
                    <Text size="xs" c="dark.5" lang="th">{p.callTitleTh}</Text>
                  </Table.Td>
                  <Table.Td>{f.number(p.supportCount)}</Table.Td>
                  <Table.Td>
                    {f.date(p.responseDueOn)}
                    {p.daysLeft !== null && <Text size="xs" c={p.daysLeft < 0 ? "red.8" : "dark.5"}>{p.daysLeft < 0 ? t("participation.office.daysLate", { n: -p.daysLeft }) : t("participation.office.daysLeft", { n: p.daysLeft })}</Text>}
                  </Table.Td>
                  <Table.Td><StateBadge state={p.state} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
    </Card>
  );
}

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

function OpenCallForm({ provinceCode }: { provinceCode: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const choices = useQuery({ queryKey: ["participation", "subjects", provinceCode], queryFn: () => api.get<SubjectChoices>("/participation/subjects", { provinceCode }) });
  const [kind, setKind] = useState<SubjectKind>("target");
  const [subjectId, setSubjectId] = useState("");
  const [fiscalYear, setFiscalYear] = useState<number | string>(2571);
  const [titleTh, setTitle] = useState("");
  const [descriptionTh, setDescription] = useState("");
  const [threshold, setThreshold] = useState<number | string>(25);
  const [days, setDays] = useState<number | string>(30);
  const [openDays, setOpenDays] = useState<number | string>(60);
  const m = useMutation({
    mutationFn: () => api.post<{ id: string }>("/participation/calls", { provinceCode, subjectKind: kind, subjectId, fiscalYear: kind === "target" ? Number(fiscalYear) : null, titleTh, descriptionTh, supportThreshold: Number(threshold), responseDays: Number(days), closesAt: inDays(Number(openDays)) }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ["participation"] });
      await navigate({ to: "/participation/calls/$id", params: { id: r.id } });
    },
  });
  const c = choices.data;
  const options = !c ? [] : kind === "agenda" ? c.agendas.map((a) => ({ value: a.id, label: f.name(a) })) : kind === "goal" ? c.goals.map((g) => ({ value: g.id, label: `${g.code ?? ""} ${f.name(g)}`.trim() })) : c.kpis.map((k) => ({ value: k.id, label: `${k.code} ${f.name(k)}` }));
  return (
    <Card withBorder p="md" component="section" aria-labelledby="open-call-title">
      <Title order={2} size="h4" id="open-call-title" mb="sm">{t("participation.office.openCall")}</Title>
      <form onSubmit={(e) => { e.preventDefault(); m.mutate(); }}>
        <Stack gap="sm">
          <NativeSelect label={t("participation.office.subjectKind")} value={kind} onChange={(e) => { setKind(e.currentTarget.value as SubjectKind); setSubjectId(""); }} data={(["target", "kpi", "goal", "agenda"] as const).map((k) => ({ value: k, label: t(`participation.subject.${k}`) }))} />
          <NativeSelect label={t("participation.office.subject")} value={subjectId} onChange={(e) => setSubjectId(e.currentTarget.value)} data={[{ value: "", label: "—" }, ...options]} required />
          {kind === "target" && <NumberInput label={t("participation.office.fiscalYear")} value={fiscalYear} onChange={setFiscalYear} min={2560} max={2650} />}
          <TextInput label={t("participation.office.callTitle")} value={titleTh} onChange={(e) => setTitle(e.currentTarget.value)} required />
          <Textarea label={t("participation.office.description")} value={descriptionTh} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} />
          <Group grow>
            <NumberInput label={t("participation.office.threshold")} value={threshold} onChange={setThreshold} min={1} />
            <NumberInput label={t("participation.office.responseDays")} value={days} onChange={setDays} min={1} max={365} />
            <NumberInput label={t("participation.office.openDays")} value={openDays} onChange={setOpenDays} min={1} max={365} />
          </Group>
          <ErrorAlert error={m.error ?? choices.error} />
          <Button type="submit" loading={m.isPending}>{t("participation.office.openCall")}</Button>
        </Stack>
      </form>
    </Card>
  );
}

function OpenSurveyForm({ provinceCode }: { provinceCode: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const choices = useQuery({ queryKey: ["participation", "subjects", provinceCode], queryFn: () => api.get<SubjectChoices>("/participation/subjects", { provinceCode }) });
  const [kpiId, setKpiId] = useState("");
  const [questionTh, setQuestion] = useState("");
  const [periodEnd, setPeriodEnd] = useState("2026-12-31");
  const [openDays, setOpenDays] = useState<number | string>(30);
  const m = useMutation({
    mutationFn: () => api.post<{ id: string }>("/participation/surveys", { provinceCode, kpiId, questionTh, periodEnd, closesAt: inDays(Number(openDays)) }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ["participation"] });
      await navigate({ to: "/participation/surveys/$id", params: { id: r.id } });
    },
  });
  return (
    <Card withBorder p="md" component="section" aria-labelledby="open-survey-title">
      <Title order={2} size="h4" id="open-survey-title" mb="sm">{t("participation.office.openSurvey")}</Title>
      <form onSubmit={(e) => { e.preventDefault(); m.mutate(); }}>
        <Stack gap="sm">
          <NativeSelect label={t("participation.office.kpi")} value={kpiId} onChange={(e) => setKpiId(e.currentTarget.value)} data={[{ value: "", label: "—" }, ...(choices.data?.kpis ?? []).map((k) => ({ value: k.id, label: `${k.code} ${f.name(k)}` }))]} required />
          <Textarea label={t("participation.office.question")} value={questionTh} onChange={(e) => setQuestion(e.currentTarget.value)} required autosize minRows={2} />
          <TextInput label={t("participation.office.periodEnd")} value={periodEnd} onChange={(e) => setPeriodEnd(e.currentTarget.value)} placeholder="2026-12-31" required />
          <NumberInput label={t("participation.office.openDays")} value={openDays} onChange={setOpenDays} min={1} max={365} />
          <ErrorAlert error={m.error} />
          <Button type="submit" loading={m.isPending}>{t("participation.office.openSurvey")}</Button>
        </Stack>
      </form>
    </Card>
  );
}
