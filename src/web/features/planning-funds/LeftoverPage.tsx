import { useState } from "react";
import { Alert, Button, Card, Group, List, Modal, NumberInput, Select, Stack, Table, Text, Textarea, Title, VisuallyHidden } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { LeftoverFundView, LeftoverPool, ReallocationOptions, ReallocationView } from "../../../modules/planning/contracts-funds.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { ProvinceSelect } from "./funds-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/planning/leftover");

/**
 * The province's pool of leftover allotment funds (เงินประจำงวดเหลือจ่าย) by agency. The governor reallocates a
 * fund only to the same agency's activities, under the delegation chain the dialog shows.
 */
export function LeftoverPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/planning/leftover" });
  const me = useMe();
  const province = search.province ?? "76";
  const pool = useQuery({ queryKey: ["planning-funds", "leftover", province], queryFn: () => api.get<LeftoverPool>("/planning/leftover", { provinceCode: province }) });
  const [open, setOpen] = useState<LeftoverFundView | null>(null);
  const [historyOf, setHistoryOf] = useState<LeftoverFundView | null>(null);
  const mayHistory = pool.data?.may.history ?? false;
  const [done, setDone] = useState<ReallocationView | null>(null);
  const canRealloc = holdsRoleFor(me.data, "planning:leftover.reallocate");
  const exportTable = () =>
    pool.data &&
    ({
      fileName: `leftover-${province}`,
      header: ["fund_id", "agency_id", "agency_th", "project_code", "project_th", "owner_th", "amount_baht", "remaining_baht", "recorded_on", "demo"],
      rows: pool.data.agencies.flatMap((a) => a.funds.map((x) => [x.id, a.agency.id, a.agency.nameTh, x.projectCode, x.projectTitleTh, x.ownerNameTh, x.amount, x.remaining, x.recordedOn, x.isDemo])),
    });
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t("planningFunds.leftover.title")}</Title>
          <Text c="dark.4">{t("planningFunds.leftover.lead")}</Text>
        </div>
        <Group align="flex-end">
          <ProvinceSelect label={t("planningFunds.province")} value={province} onChange={(v) => void navigate({ search: { province: v } })} testId="leftover-province" clearable={false} />
          <ExportButtons table={exportTable} disabled={!pool.data} testId="leftover-export" csvLabel={t("planningFunds.exportCsv")} />
        </Group>
      </Group>
      <ErrorAlert error={pool.error} />
      {done && (
        <Alert color="green" title={t("planningFunds.leftover.done")} data-testid="leftover-done" withCloseButton onClose={() => setDone(null)}>
          {t("planningFunds.leftover.doneText", { amount: f.baht(done.amount), project: `${done.targetProjectCode} ${done.targetProjectTitleTh}` })}
        </Alert>
      )}
      {pool.data && (
        <Group>
          <Card withBorder><Text size="sm">{t("planningFunds.leftover.total")}</Text><Text fw={700} size="lg">{f.baht(pool.data.total)}</Text></Card>
          <Card withBorder><Text size="sm">{t("planningFunds.leftover.remaining")}</Text><Text fw={700} size="lg" data-testid="leftover-remaining-total">{f.baht(pool.data.remaining)}</Text></Card>
        </Group>
      )}
      {pool.data?.agencies.length === 0 && <Text>{t("planningFunds.leftover.empty")}</Text>}
      {pool.data?.agencies.map((a) => (
        <Card withBorder key={a.agency.id} component="section" aria-labelledby={`leftover-agency-${a.agency.id}`} data-testid="leftover-agency" data-agency={a.agency.id}>
          <Group justify="space-between">
            <Title order={2} size="h4" id={`leftover-agency-${a.agency.id}`}>{f.name(a.agency)}</Title>
            <Text>{t("planningFunds.leftover.agencyRemaining", { remaining: f.baht(a.remaining), amount: f.baht(a.amount) })}</Text>
          </Group>
          <Table mt="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("planningFunds.leftover.sourceProject")}</Table.Th>
                <Table.Th>{t("planningFunds.leftover.owner")}</Table.Th>
                <Table.Th>{t("planningFunds.amount")}</Table.Th>
                <Table.Th>{t("planningFunds.leftover.remaining")}</Table.Th>
                <Table.Th>{t("planningFunds.leftover.recordedOn")}</Table.Th>
                {(canRealloc || mayHistory) && <Table.Th><VisuallyHidden>{t("planningFunds.leftover.actions")}</VisuallyHidden></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.funds.map((x) => (
                <Table.Tr key={x.id} data-testid="leftover-fund" data-id={x.id}>
                  <Table.Td>{x.projectCode} · {x.projectTitleTh} <DemoBadge isDemo={x.isDemo} /></Table.Td>
                  <Table.Td>{f.pick(x.ownerNameTh, x.ownerNameEn)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{f.baht(x.amount)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }} data-testid="leftover-fund-remaining">{f.baht(x.remaining)}</Table.Td>
                  <Table.Td>{f.date(x.recordedOn)}</Table.Td>
                  {(canRealloc || mayHistory) && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {canRealloc && <Button size="xs" onClick={() => setOpen(x)} disabled={Number(x.remaining) <= 0} data-testid="leftover-reallocate">{t("planningFunds.leftover.reallocate")}</Button>}
                        {mayHistory && <Button size="xs" variant="default" onClick={() => setHistoryOf(x)} aria-label={t("planningFunds.leftover.historyOf", { project: x.projectCode })} data-testid="leftover-history">{t("planningFunds.leftover.history")}</Button>}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
      <section aria-labelledby="realloc-title">
        <Title order={2} size="h3" id="realloc-title" mb="xs">{t("planningFunds.leftover.reallocations")}</Title>
        <ExportButtons size="compact-xs" variant="light" nextTable="leftover-reallocations" />
        <Table striped withTableBorder data-testid="leftover-reallocations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("planningFunds.leftover.target")}</Table.Th>
              <Table.Th>{t("planningFunds.amount")}</Table.Th>
              <Table.Th>{t("planningFunds.leftover.purpose")}</Table.Th>
              <Table.Th>{t("planningFunds.leftover.underAuthority")}</Table.Th>
              <Table.Th>{t("planningFunds.emergency.decidedOn")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(pool.data?.reallocations ?? []).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.targetProjectCode} · {r.targetProjectTitleTh}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.baht(r.amount)}</Table.Td>
                <Table.Td>{r.purposeTh}</Table.Td>
                <Table.Td><Text size="xs">{(f.lang === "en" ? r.chainEn : r.chainTh).join(" · ")}</Text></Table.Td>
                <Table.Td>{f.date(r.decidedOn)}</Table.Td>
              </Table.Tr>
            ))}
            {pool.data && pool.data.reallocations.length === 0 && (
              <Table.Tr><Table.Td colSpan={5}><Text c="dark.4">{t("planningFunds.leftover.noReallocations")}</Text></Table.Td></Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </section>
      {open && <ReallocateDialog fund={open} onClose={() => setOpen(null)} onDone={(r) => { setDone(r); setOpen(null); }} />}
      {historyOf && (
        <Modal opened onClose={() => setHistoryOf(null)} title={t("planningFunds.leftover.historyOf", { project: historyOf.projectCode })} size="xl" data-testid="leftover-history-dialog">
          <HistoryPanel entityType="leftover-fund" entityId={historyOf.id} allowed={mayHistory} />
        </Modal>
      )}
    </Stack>
  );
}

function ReallocateDialog({ fund, onClose, onDone }: { fund: LeftoverFundView; onClose: () => void; onDone: (r: ReallocationView) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const opts = useQuery({ queryKey: ["planning-funds", "leftover-options", fund.id], queryFn: () => api.get<ReallocationOptions>(`/planning/leftover/${seg(fund.id)}/reallocation-options`) });
  const [target, setTarget] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | string>(Number(fund.remaining));
  const [purpose, setPurpose] = useState("");
  const m = useMutation({
    mutationFn: () => api.post<ReallocationView>(`/planning/leftover/${seg(fund.id)}/reallocate`, { targetProjectId: target, amount: Number(amount), purposeTh: purpose }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ["planning-funds"] });
      void qc.invalidateQueries({ queryKey: ["history", "leftover-fund", fund.id] });
      onDone(r);
    },
  });
  const a = opts.data?.authority;
  return (
    <Modal opened onClose={onClose} title={t("planningFunds.leftover.dialogTitle", { agency: f.name(fund.agency) })} size="lg" data-testid="leftover-dialog">
      <Stack gap="sm">
        <Text size="sm">{t("planningFunds.leftover.mandateRule", { agency: f.name(fund.agency) })}</Text>
        <ErrorAlert error={opts.error} />
        <Select
          label={t("planningFunds.leftover.target")}
          placeholder={t("planningFunds.leftover.targetHint")}
          searchable
          data={(opts.data?.targets ?? []).map((p) => ({ value: p.id, label: `${p.code} · ${f.pick(p.titleTh, p.titleEn)}` }))}
          value={target}
          onChange={setTarget}
          nothingFoundMessage={t("planningFunds.leftover.noTargets")}
          data-testid="leftover-target"
        />
        <NumberInput label={t("planningFunds.amount")} description={t("planningFunds.leftover.upTo", { amount: f.baht(fund.remaining) })} value={amount} onChange={setAmount} thousandSeparator="," decimalScale={2} min={0} data-testid="leftover-amount" />
        <Textarea label={t("planningFunds.leftover.purpose")} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} required data-testid="leftover-purpose" />
        {a && (
          <Card withBorder bg={a.governorMayDecide ? undefined : "red.0"} data-testid="leftover-authority" data-may={a.governorMayDecide}>
            <Text fw={700} size="sm">{a.governorMayDecide ? <><span aria-hidden="true">✓ </span>{t("planningFunds.leftover.authorityOk")}</> : <><span aria-hidden="true">✗ </span>{t("planningFunds.leftover.authorityCentral", { central: f.pick(a.centralTh, a.centralEn) })}</>}</Text>
            <List size="sm" mt={4}>
              {(f.lang === "en" ? a.chainEn : a.chainTh).map((c) => <List.Item key={c}>{c}</List.Item>)}
            </List>
            <Text size="xs" c="dark.5" mt={4}>{f.pick(a.explanationTh, a.explanationEn)}</Text>
          </Card>
        )}
        <ErrorAlert error={m.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t("planningFunds.cancel")}</Button>
          <Button onClick={() => m.mutate()} loading={m.isPending} disabled={!target || !purpose.trim()} data-testid="leftover-confirm">{t("planningFunds.leftover.confirm")}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
