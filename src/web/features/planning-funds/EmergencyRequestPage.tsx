import { useState, type ReactNode } from "react";
import { Button, Card, Group, MultiSelect, NumberInput, Radio, Select, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { EmergencyDecision, EmergencyRequestDetail, EmergencyRequestView } from "../../../modules/planning/contracts-funds.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { ProjectPicker } from "../../ui/pickers.js";

import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { EmergencyStatusBadge, ProvinceSelect } from "./funds-ui.js";

const route = getRouteApi("/planning/emergency/$id");

/** One emergency request: what was asked, the working group's recommendation, the decisions, and its history. */
export function EmergencyRequestPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id } = route.useParams();
  const me = useMe();
  const q = useQuery({ queryKey: ["planning-funds", "emergency", "one", id], queryFn: () => api.get<EmergencyRequestDetail>(`/planning/emergency/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const r = q.data;
  return (
    <Stack gap="lg">
      <AnchorLink to="/planning/emergency">← {t("planningFunds.emergency.title")}</AnchorLink>
      <Group gap="sm">
        <Title order={1} lang="th">{r.titleTh}</Title>
        <EmergencyStatusBadge status={r.status} />
        <DemoBadge isDemo={r.isDemo} />
      </Group>
      <Card withBorder>
        <Table variant="vertical" withTableBorder={false}>
          <Table.Tbody>
            <Row label={t("planningFunds.province")} value={`${f.pick(r.provinceNameTh, r.provinceNameEn)} (${r.provinceCode})`} />
            <Row label={t("planningFunds.fiscalYear")} value={f.fiscalYear(r.fiscalYear)} />
            <Row label={t("planningFunds.emergency.amountRequested")} value={f.baht(r.amount)} />
            <Row label={t("planningFunds.emergency.urgency")} value={t(`planningFunds.emergency.urgencies.${r.urgency}`)} />
            <Row label={t("planningFunds.emergency.areas")} value={r.areaCodes.join(", ")} />
            <Row label={t("planningFunds.emergency.deputyPm")} value={f.pick(r.deputyPmLabelTh, r.deputyPmLabelEn) || "—"} />
            <Row label={t("planningFunds.emergency.submittedOn")} value={f.date(r.submittedOn)} />
            <Row label={t("planningFunds.emergency.justification")} value={r.justificationTh} />
            {r.projectId && <Row label={t("planningFunds.emergency.project")} value={<AnchorLink to="/planning/projects/$id" params={{ id: r.projectId }}>{t("planningFunds.emergency.openProject")}</AnchorLink>} />}
            {r.screening && <Row label={t("planningFunds.emergency.screening")} value={`${t(r.screening.recommendation === "support" ? "planningFunds.emergency.supported" : "planningFunds.emergency.notSupported")}${r.screening.recommendedAmount ? ` · ${f.baht(r.screening.recommendedAmount)}` : ""}${r.screening.noteTh ? ` · ${r.screening.noteTh}` : ""}`} />}
            {r.decidedOn && <Row label={t("planningFunds.emergency.decidedOn")} value={`${f.date(r.decidedOn)}${r.decisionNoteTh ? ` · ${r.decisionNoteTh}` : ""}`} />}
          </Table.Tbody>
        </Table>
      </Card>
      {(r.status === "submitted" || r.status === "screened") && holdsRoleFor(me.data, "planning:emergency.screen") && <ScreenForm r={r} />}
      {r.status === "screened" && holdsRoleFor(me.data, "planning:emergency.approve") && <DecideButtons r={r} path="decide" options={["approve", "refer", "reject"]} />}
      {r.status === "referred_to_pm" && holdsRoleFor(me.data, "planning:emergency.pm-decide") && <DecideButtons r={r} path="pm-decide" options={["approve", "reject"]} />}
      <HistoryPanel entityType="emergency-request" entityId={r.id} allowed={r.may.history} />
    </Stack>
  );
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={220}>{label}</Table.Th>
      <Table.Td style={{ whiteSpace: "pre-wrap" }}>{value}</Table.Td>
    </Table.Tr>
  );
}

function ScreenForm({ r }: { r: EmergencyRequestView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [rec, setRec] = useState<"support" | "not_support">("support");
  const [amount, setAmount] = useState<number | string>(Number(r.amount));
  const [note, setNote] = useState("");
  const m = useMutation({
    mutationFn: () => api.post(`/planning/emergency/${seg(r.id)}/screen`, { recommendation: rec, recommendedAmount: rec === "support" ? Number(amount) : undefined, noteTh: note || undefined, version: r.version }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["planning-funds"] });
      void qc.invalidateQueries({ queryKey: ["history", "emergency-request", r.id] });
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="screen-title">
      <Title order={2} size="h4" id="screen-title" mb="xs">{t("planningFunds.emergency.screenTitle")}</Title>
      <Stack gap="sm">
        <Radio.Group value={rec} onChange={(v) => setRec(v as typeof rec)} label={t("planningFunds.emergency.screening")}>
          <Group mt={4}>
            <Radio value="support" label={t("planningFunds.emergency.supported")} />
            <Radio value="not_support" label={t("planningFunds.emergency.notSupported")} />
          </Group>
        </Radio.Group>
        {rec === "support" && <NumberInput label={t("planningFunds.emergency.recommended")} value={amount} onChange={setAmount} thousandSeparator="," decimalScale={2} min={0} w={260} />}
        <Textarea label={t("planningFunds.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <ErrorAlert error={m.error} />
        <Group><Button onClick={() => m.mutate()} loading={m.isPending} data-testid="emergency-screen">{t("planningFunds.emergency.screenSave")}</Button></Group>
      </Stack>
    </Card>
  );
}

function DecideButtons({ r, path, options }: { r: EmergencyRequestView; path: "decide" | "pm-decide"; options: ("approve" | "refer" | "reject")[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState("");
  const m = useMutation({
    mutationFn: (decision: string) => api.post<EmergencyDecision | EmergencyRequestView>(`/planning/emergency/${seg(r.id)}/${path}`, { decision, noteTh: note || undefined, version: r.version }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["planning-funds"] });
      void qc.invalidateQueries({ queryKey: ["history", "emergency-request", r.id] });
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="decide-title">
      <Title order={2} size="h4" id="decide-title" mb="xs">{t(path === "decide" ? "planningFunds.emergency.decideTitle" : "planningFunds.emergency.pmDecideTitle")}</Title>
      <Textarea label={t("planningFunds.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} mb="sm" />
      <ErrorAlert error={m.error} />
      <Group>
        {options.map((o) => (
          <Button key={o} variant={o === "approve" ? "filled" : "outline"} color={o === "reject" ? "red.8" : undefined} onClick={() => m.mutate(o)} loading={m.isPending && m.variables === o} data-testid={`emergency-${path}-${o}`}>
            {t(`planningFunds.emergency.${o}`)}
          </Button>
        ))}
      </Group>
    </Card>
  );
}

/** The request form of the governor or the strategy office. */
export function NewEmergencyRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [province, setProvince] = useState<string | undefined>();
  const [title, setTitle] = useState("");
  const [amount, setAmount] = useState<number | string>("");
  const [justification, setJustification] = useState("");
  const [areas, setAreas] = useState<string[]>([]);
  const [urgency, setUrgency] = useState<string>("urgent");
  const [projectId, setProjectId] = useState("");
  const m = useMutation({
    mutationFn: () => api.post<EmergencyRequestView>("/planning/emergency", { provinceCode: province, titleTh: title, amount: Number(amount), justificationTh: justification, areaCodes: areas, urgency, projectId: projectId || undefined }),
    onSuccess: (r) => void navigate({ to: "/planning/emergency/$id", params: { id: r.id } }),
  });
  const f = useFormat();
  const err = (path: string) => (isApiError(m.error) ? m.error.fieldError(path, f.lang) : undefined);
  return (
    <Stack gap="md" maw={720}>
      <AnchorLink to="/planning/emergency">← {t("planningFunds.emergency.title")}</AnchorLink>
      <Title order={1}>{t("planningFunds.emergency.new")}</Title>
      <form onSubmit={(e) => { e.preventDefault(); m.mutate(); }}>
        <Stack gap="sm">
          <ProvinceSelect label={t("planningFunds.province")} value={province} onChange={setProvince} testId="emergency-form-province" clearable={false} />
          <TextInput label={t("planningFunds.emergency.requestTitle")} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={err("titleTh")} data-testid="emergency-form-title" />
          <NumberInput label={t("planningFunds.emergency.amountRequested")} required value={amount} onChange={setAmount} thousandSeparator="," decimalScale={2} min={0} error={err("amount")} data-testid="emergency-form-amount" />
          <Textarea label={t("planningFunds.emergency.justification")} required minRows={3} value={justification} onChange={(e) => setJustification(e.currentTarget.value)} error={err("justificationTh")} />
          <MultiSelect label={t("planningFunds.emergency.areas")} description={t("planningFunds.emergency.areasHint")} searchable data={areas.map((a) => ({ value: a, label: a }))} value={areas} onChange={setAreas} onSearchChange={() => undefined} error={err("areaCodes")} />
          <TextInput label={t("planningFunds.emergency.addArea")} placeholder="760101" onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); const v = e.currentTarget.value.trim(); if (/^\d{6}$/.test(v) && !areas.includes(v)) setAreas([...areas, v]); e.currentTarget.value = ""; } }} data-testid="emergency-form-area" />
          <Select label={t("planningFunds.emergency.urgency")} data={["immediate", "urgent", "necessary"].map((u) => ({ value: u, label: t(`planningFunds.emergency.urgencies.${u}`) }))} value={urgency} onChange={(v) => setUrgency(v ?? "urgent")} />
          {province && <ProjectPicker label={t("planningFunds.emergency.project")} description={t("planningFunds.emergency.projectHint")} value={projectId} onChange={setProjectId} provinceCode={province} testId="emergency-form-project" />}
          <ErrorAlert error={m.error} />
          <Group><Button type="submit" loading={m.isPending} data-testid="emergency-form-submit">{t("planningFunds.emergency.submit")}</Button></Group>
          <Text size="xs" c="dark.4">{t("planningFunds.emergency.formHint")}</Text>
        </Stack>
      </form>
    </Stack>
  );
}
