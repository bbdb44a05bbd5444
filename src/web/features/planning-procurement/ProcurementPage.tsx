import { useState, type ReactNode } from "react";
import { Anchor, Button, Card, Group, NumberInput, Radio, SimpleGrid, Stack, Stepper, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ProcurementDetail } from "../../../modules/planning/contracts-procurement.js";
import { API_BASE, api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { AnchorLink } from "../../ui/links.js";
import { FLOW, StageBadge, useBaht } from "./procurement-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/planning/procurement/$id");

/** One procurement process: its stage stepper, what each step recorded, the form of the next step for its buyer's staff, its OCDS release and history. */
export function ProcurementPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const baht = useBaht();
  const { id } = route.useParams();
  const q = useQuery({ queryKey: ["planning", "procurement", id], queryFn: () => api.get<ProcurementDetail>(`/planning/procurements/${seg(id)}`) });
  if (q.error) return <ErrorAlert error={q.error} />;
  const p = q.data;
  if (!p) return <Text>{t("common.loading")}</Text>;
  const closed = p.stage === "cancelled" || p.stage === "unsuccessful";
  const active = closed ? -1 : p.stage === "complete" ? FLOW.length : FLOW.indexOf(p.stage);
  const c = p.contracts[0];
  const ocdsUrl = `${API_BASE}/planning/ocds/releases/${encodeURIComponent(p.ocid)}`;
  return (
    <Stack gap="md">
      <div>
        <AnchorLink to="/planning/procurement">{t("planningProcurement.list.back")}</AnchorLink>
        <Group gap="sm" mt="xs" align="center">
          <Title order={1} data-testid="procurement-title">{p.titleTh}</Title>
          <StageBadge stage={p.stage} />
          <DemoBadge isDemo={p.isDemo} />
        </Group>
        <Text c="dark.4">{p.projectCode} · {p.projectTitleTh} · {f.fiscalYear(p.fiscalYear)} · {f.pick(p.buyerNameTh, p.buyerNameEn)}</Text>
        <Text size="sm" c="dark.4">ocid <code data-testid="procurement-ocid">{p.ocid}</code> · {t("planningProcurement.version", { version: p.version })}</Text>
      </div>
      <Stepper active={active} size="sm" aria-label={t("planningProcurement.stepperLabel")} data-testid="procurement-stepper" allowNextStepsSelect={false}>
        {FLOW.map((s) => <Stepper.Step key={s} label={t(`planningProcurement.stage.${s}`)} />)}
      </Stepper>
      {closed && <Card withBorder data-testid="procurement-closed"><Text fw={600}>{t(`planningProcurement.stage.${p.stage}`)} · {f.date(p.closedOn)}</Text><Text>{p.closedReasonTh}</Text></Card>}
      <Card withBorder component="section" aria-labelledby="ocds-title">
        <Title order={2} size="h4" id="ocds-title">{t("planningProcurement.ocds.title")}</Title>
        <Group gap="md">
          <Anchor href={ocdsUrl} target="_blank" rel="noreferrer" data-testid="ocds-release-link">{t("planningProcurement.ocds.view", { id: p.releaseId })}</Anchor>
          <Anchor href={ocdsUrl} download={`${p.ocid}.json`} data-testid="ocds-release-download">{t("planningProcurement.ocds.download")}</Anchor>
        </Group>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder component="section">
          <Title order={2} size="h4">{t("planningProcurement.facts")}</Title>
          <Facts rows={[
            [t("planningProcurement.methodLabel"), `${t(`planningProcurement.method.${p.method}`)}${p.methodDetailsTh ? ` (${p.methodDetailsTh})` : ""}`],
            [t("planningProcurement.categoryLabel"), t(`planningProcurement.category.${p.category}`)],
            [t("planningProcurement.plannedValue"), baht(p.plannedValue)],
            [t("planningProcurement.tenderValue"), baht(p.tenderValue)],
            [t("planningProcurement.tenderPeriod"), p.tenderStart ? `${f.date(p.tenderStart)} – ${f.date(p.tenderEnd)}` : "—"],
            [t("planningProcurement.awardAmount"), c ? `${baht(c.awardAmount)} · ${f.date(c.awardDate)}` : "—"],
            [t("planningProcurement.supplier"), c?.supplierNameTh ?? "—"],
            [t("planningProcurement.contractAmount"), c?.contractAmount ? `${baht(c.contractAmount)} · ${t("planningProcurement.contractNo")} ${c.contractNo} · ${f.date(c.signedOn)}` : "—"],
            [t("planningProcurement.paid"), baht(p.paid)],
            [t("planningProcurement.completedOn"), p.completedOn ? f.date(p.completedOn) : "—"],
          ]} />
          {c?.awardJustificationTh && <Text size="sm" mt="xs">{t("planningProcurement.justification")}: {c.awardJustificationTh}</Text>}
        </Card>
        <Card withBorder component="section">
          <Title order={2} size="h4">{t("planningProcurement.tenderers")}</Title>
          {p.parties.length === 0 ? <Text c="dark.4">—</Text> : (
            <Table data-testid="procurement-parties">
              <Table.Caption><ExportButtons size="compact-xs" variant="light" nextTable="procurement-tenderers" /></Table.Caption>
              <Table.Thead><Table.Tr><Table.Th>{t("planningProcurement.name")}</Table.Th><Table.Th>{t("planningProcurement.taxId")}</Table.Th><Table.Th style={{ textAlign: "right" }}>{t("planningProcurement.bid")}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>{p.parties.map((x) => <Table.Tr key={x.id}><Table.Td>{x.nameTh}{x.role === "supplier" && <Text span fw={700}> · {t("planningProcurement.winner")}</Text>}</Table.Td><Table.Td>{x.taxId}</Table.Td><Table.Td style={{ textAlign: "right" }}>{baht(x.bidAmount)}</Table.Td></Table.Tr>)}</Table.Tbody>
            </Table>
          )}
          {c && c.payments.length > 0 && (
            <>
              <Title order={3} size="h5" mt="md">{t("planningProcurement.payments")}</Title>
              <ExportButtons size="compact-xs" variant="light" nextTable="procurement-payments" columns={[t("tableExport.paidOn"), t("tableExport.amount")]} />
              <Table data-testid="procurement-payments"><Table.Tbody>{c.payments.map((x) => <Table.Tr key={x.id}><Table.Td>{f.date(x.paidOn)}</Table.Td><Table.Td style={{ textAlign: "right" }}>{baht(x.amount)}</Table.Td></Table.Tr>)}</Table.Tbody></Table>
            </>
          )}
        </Card>
      </SimpleGrid>
      {p.canWrite && <NextStep p={p} />}
      <HistoryPanel entityType="procurement" entityId={p.id} allowed={p.may.history} />
    </Stack>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table variant="vertical" withRowBorders={false}>
      <Table.Tbody>{rows.map(([k, v]) => <Table.Tr key={k}><Table.Th w={180}>{k}</Table.Th><Table.Td>{v}</Table.Td></Table.Tr>)}</Table.Tbody>
    </Table>
  );
}

type Bidder = { nameTh: string; taxId: string; bidAmount: number | string };

/** The form of the step that follows the current stage (and cancelling while that is still allowed). */
function NextStep({ p }: { p: ProcurementDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState<Record<string, string | number>>({});
  const [bidders, setBidders] = useState<Bidder[]>([{ nameTh: "", taxId: "", bidAmount: "" }]);
  const [winner, setWinner] = useState("0");
  const step = useMutation({
    mutationFn: ({ path, body }: { path: string; body: object }) => api.post<ProcurementDetail>(`/planning/procurements/${seg(p.id)}/${path}`, { ...body, version: p.version }),
    onSuccess: (d) => {
      qc.setQueryData(["planning", "procurement", p.id], d);
      void qc.invalidateQueries({ queryKey: ["planning", "procurements"] });
      void qc.invalidateQueries({ queryKey: ["history", "procurement", p.id] });
      setV({});
    },
  });
  const text = (k: string, label: string, type = "text") => <TextInput key={k} type={type} label={label} value={String(v[k] ?? "")} onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })} required data-testid={`step-${k}`} />;
  const money = (k: string, label: string) => <NumberInput key={k} label={label} value={v[k] ?? ""} onChange={(x) => setV({ ...v, [k]: x })} min={0} decimalScale={2} thousandSeparator="," required data-testid={`step-${k}`} />;
  const num = (k: string) => Number(v[k]);
  const submit = (path: string, body: object) => (e: React.FormEvent) => { e.preventDefault(); step.mutate({ path, body }); };

  let form: ReactNode = null;
  if (p.stage === "planning") form = (
    <form onSubmit={submit("tender", { tenderValue: num("tenderValue"), tenderStart: v.tenderStart, tenderEnd: v.tenderEnd })}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>{money("tenderValue", t("planningProcurement.tenderValue"))}{text("tenderStart", t("planningProcurement.tenderStart"), "date")}{text("tenderEnd", t("planningProcurement.tenderEnd"), "date")}</SimpleGrid>
      <Button type="submit" mt="sm" loading={step.isPending} data-testid="step-submit">{t("planningProcurement.steps.tender")}</Button>
    </form>
  );
  if (p.stage === "tender") form = (
    <form onSubmit={submit("award", { tenderers: bidders.map((b) => ({ ...b, bidAmount: Number(b.bidAmount) })), supplierTaxId: bidders[Number(winner)]?.taxId, awardAmount: num("awardAmount"), awardDate: v.awardDate, justificationTh: v.justificationTh || undefined })}>
      <Radio.Group value={winner} onChange={setWinner} label={t("planningProcurement.tenderers")}>
        <Stack gap="xs" mt="xs">
          {bidders.map((b, i) => (
            <Group key={i} align="flex-end" wrap="wrap">
              <Radio value={String(i)} label={t("planningProcurement.winner")} />
              <TextInput label={t("planningProcurement.name")} value={b.nameTh} onChange={(e) => setBidders(bidders.map((x, k) => (k === i ? { ...x, nameTh: e.currentTarget.value } : x)))} required data-testid={`bidder-name-${i}`} />
              <TextInput label={t("planningProcurement.taxId")} value={b.taxId} onChange={(e) => setBidders(bidders.map((x, k) => (k === i ? { ...x, taxId: e.currentTarget.value } : x)))} required maxLength={13} data-testid={`bidder-tax-${i}`} />
              <NumberInput label={t("planningProcurement.bid")} value={b.bidAmount} onChange={(x) => setBidders(bidders.map((y, k) => (k === i ? { ...y, bidAmount: x } : y)))} min={0} decimalScale={2} thousandSeparator="," required data-testid={`bidder-bid-${i}`} />
            </Group>
          ))}
        </Stack>
      </Radio.Group>
      <Button variant="subtle" mt="xs" onClick={() => setBidders([...bidders, { nameTh: "", taxId: "", bidAmount: "" }])} data-testid="bidder-add">{t("planningProcurement.addTenderer")}</Button>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">{money("awardAmount", t("planningProcurement.awardAmount"))}{text("awardDate", t("planningProcurement.awardDate"), "date")}</SimpleGrid>
      <Textarea label={t("planningProcurement.justification")} description={t("planningProcurement.justificationHint")} value={String(v.justificationTh ?? "")} onChange={(e) => setV({ ...v, justificationTh: e.currentTarget.value })} mt="sm" />
      <Button type="submit" mt="sm" loading={step.isPending} data-testid="step-submit">{t("planningProcurement.steps.award")}</Button>
    </form>
  );
  if (p.stage === "award") form = (
    <form onSubmit={submit("contract", { contractNo: v.contractNo, contractAmount: num("contractAmount"), signedOn: v.signedOn, periodStart: v.periodStart, periodEnd: v.periodEnd })}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>{text("contractNo", t("planningProcurement.contractNo"))}{money("contractAmount", t("planningProcurement.contractAmount"))}{text("signedOn", t("planningProcurement.signedOn"), "date")}{text("periodStart", t("planningProcurement.periodStart"), "date")}{text("periodEnd", t("planningProcurement.periodEnd"), "date")}</SimpleGrid>
      <Button type="submit" mt="sm" loading={step.isPending} data-testid="step-submit">{t("planningProcurement.steps.contract")}</Button>
    </form>
  );
  if (p.stage === "contract" || p.stage === "implementation") form = (
    <Stack>
      <form onSubmit={submit("payments", { amount: num("amount"), paidOn: v.paidOn })}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>{money("amount", t("planningProcurement.paymentAmount"))}{text("paidOn", t("planningProcurement.paidOn"), "date")}</SimpleGrid>
        <Button type="submit" mt="sm" loading={step.isPending} data-testid="step-submit">{t("planningProcurement.steps.payment")}</Button>
      </form>
      {p.stage === "implementation" && (
        <form onSubmit={submit("complete", { completedOn: v.completedOn })}>
          {text("completedOn", t("planningProcurement.completedOn"), "date")}
          <Button type="submit" mt="sm" variant="default" loading={step.isPending} data-testid="step-complete">{t("planningProcurement.steps.complete")}</Button>
        </form>
      )}
    </Stack>
  );
  const cancellable = ["planning", "tender", "award"].includes(p.stage);
  if (!form && !cancellable) return null;
  return (
    <Card withBorder component="section" aria-labelledby="next-step-title" data-testid="procurement-next-step">
      <Title order={2} size="h4" id="next-step-title" mb="xs">{t("planningProcurement.nextStep")}</Title>
      {form}
      <ErrorAlert error={step.error} />
      {cancellable && (
        <form onSubmit={submit("cancel", { outcome: v.outcome || "cancelled", reasonTh: v.reasonTh, closedOn: v.closedOn })}>
          <Title order={3} size="h5" mt="lg">{t("planningProcurement.steps.cancelTitle")}</Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Radio.Group value={String(v.outcome || "cancelled")} onChange={(x) => setV({ ...v, outcome: x })} label={t("planningProcurement.outcome")}>
              <Group mt="xs"><Radio value="cancelled" label={t("planningProcurement.stage.cancelled")} />{p.stage === "tender" && <Radio value="unsuccessful" label={t("planningProcurement.stage.unsuccessful")} />}</Group>
            </Radio.Group>
            {text("reasonTh", t("planningProcurement.reason"))}
            {text("closedOn", t("planningProcurement.closedOn"), "date")}
          </SimpleGrid>
          <Button type="submit" mt="sm" color="red.9" variant="outline" loading={step.isPending} data-testid="step-cancel">{t("planningProcurement.steps.cancel")}</Button>
        </form>
      )}
    </Card>
  );
}
