import { useState } from "react";
import { Anchor, Breadcrumbs, Button, Card, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { PartnerSeatView } from "../../../modules/committees/contracts.js";
import type { AgreementView, PartnerOptions, PartnerView } from "../../../modules/networks/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { OrganizationPicker, ProjectPicker } from "../../ui/pickers.js";
import { EditPartner } from "./EditPartner.js";
import { AgendaTotalsTable } from "./NetworksPage.js";
import { AgreementStatusBadge, useBaht } from "./parts.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/partners/$id");
const CONTRIBUTION_KINDS = ["money", "in_kind", "expertise", "volunteers"] as const;

/** A partner organisation: its MOUs with the province, what it gave to which agenda or project, the committee seats it holds, its history. */
export function PartnerPage() {
  const { id } = route.useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const baht = useBaht();
  const q = useQuery({ queryKey: ["partner", id], queryFn: () => api.get<PartnerView>(`/partners/${seg(id)}`) });
  const seats = useQuery({ queryKey: ["partner", id, "seats"], enabled: !!q.data?.may.seats, queryFn: () => api.get<PartnerSeatView[]>(`/partners/${seg(id)}/committee-seats`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const p = q.data;
  const exportContributions = () => ({
    fileName: `partner-${p.id}-contributions`,
    header: ["id", "partner_th", "kind", "amount_baht", "volunteers", "contributed_on", "description_th", "agenda_id", "agenda_th", "project_code", "project_th", "agreement_id", "demo"],
    rows: p.contributions.map((c) => [c.id, p.nameTh, c.kind, c.amount, c.volunteers, c.contributedOn, c.descriptionTh, c.agenda?.id, c.agenda?.nameTh, c.project?.code, c.project?.titleTh, c.agreementId, c.isDemo]),
  });
  return (
    <Stack gap="md">
      <div>
        <Breadcrumbs separator="›">
          <AnchorLink to="/networks" size="sm">{t("networks.title")}</AnchorLink>
        </Breadcrumbs>
        <Group gap="xs" mt={4}>
          <Title order={1} data-testid="partner-title">{f.pick(p.nameTh, p.nameEn)}</Title>
          <DemoBadge isDemo={p.isDemo} />
          {p.may.manage && <EditPartner partner={p} />}
        </Group>
        <Text c="dark.4">
          {t(`networks.kinds.${p.kind}`)} · {t("networks.networkOf", { province: f.pick(p.provinceName.th, p.provinceName.en) })}
        </Text>
        {(p.focusTh || p.focusEn) && <Text mt={4} data-testid="partner-focus">{f.pick(p.focusTh, p.focusEn)}</Text>}
        <Group gap="md" mt={4}>
          {p.website && (
            <Anchor href={p.website} target="_blank" rel="noopener noreferrer" size="sm" data-testid="partner-website">
              {t("networks.website")}: {p.website}
            </Anchor>
          )}
          {p.registryOrgId && (
            <AnchorLink to="/organizations/$id" params={{ id: p.registryOrgId }} size="sm">
              {t("networks.registryOrg")}: {p.registryOrgName ? f.pick(p.registryOrgName.th, p.registryOrgName.en) : p.registryOrgId}
            </AnchorLink>
          )}
        </Group>
        <Text size="xs" c="dark.4" mt={4}>{t("networks.noPersonalData")}</Text>
      </div>

      <SimpleGrid cols={{ base: 1, sm: 4 }} data-testid="partner-totals">
        <Fact label={t("networks.money")} value={baht(p.totals.money)} />
        <Fact label={t("networks.inKind")} value={baht(p.totals.inKind)} />
        <Fact label={t("networks.contributions")} value={f.number(p.totals.contributions)} />
        <Fact label={t("networks.volunteers")} value={f.number(p.totals.volunteers)} />
      </SimpleGrid>

      <Card withBorder>
        <Title order={2} size="h3">{t("networks.agreements")}</Title>
        {p.agreements.length === 0 ? (
          <Text c="dark.4">{t("networks.noAgreements")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <ExportButtons size="compact-xs" variant="light" nextTable="partner-agreements" />
            <Table data-testid="agreements-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("networks.agreement.title")}</Table.Th>
                  <Table.Th>{t("networks.agreement.party")}</Table.Th>
                  <Table.Th>{t("networks.agreement.term")}</Table.Th>
                  <Table.Th>{t("networks.agreement.status")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.agreements.map((a) => (
                  <Table.Tr key={a.id} data-testid="agreement-row">
                    <Table.Td>
                      <Text fw={600}>{f.pick(a.titleTh, a.titleEn)}</Text>
                      <Text size="sm">{f.pick(a.purposeTh, a.purposeEn)}</Text>
                      {a.agendas.length > 0 && <Text size="xs" c="dark.4">{t("networks.agreement.serves")}: {a.agendas.map((g) => f.pick(g.nameTh, g.nameEn)).join(" · ")}</Text>}
                      {a.endedReasonTh && <Text size="xs" c="dark.4" lang={f.lang === "en" ? "th" : undefined}>{t("networks.agreement.endedReason")}: {a.endedReasonTh}</Text>}
                    </Table.Td>
                    <Table.Td>{f.pick(a.partyName.th, a.partyName.en)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {t("common.dateRange", { from: f.date(a.signedOn), to: f.date(a.endsOn) })}
                      {a.endedOn && <Text size="xs">{t("networks.agreement.endedOn", { date: f.date(a.endedOn) })}</Text>}
                    </Table.Td>
                    <Table.Td>
                      <AgreementStatusBadge a={a} />
                      {p.may.manage && a.status === "active" && <EndAgreement partnerId={p.id} agreement={a} />}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {p.may.manage && <AddAgreement partner={p} />}
      </Card>

      <Card withBorder>
        <Group justify="space-between">
          <Title order={2} size="h3">{t("networks.contributionsTitle")}</Title>
          <ExportButtons table={exportContributions} disabled={!p.contributions.length} size="xs" />
        </Group>
        {p.contributions.length === 0 ? (
          <Text c="dark.4">{t("networks.noContributions")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table data-testid="contributions-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("networks.contribution.date")}</Table.Th>
                  <Table.Th>{t("networks.contribution.kind")}</Table.Th>
                  <Table.Th>{t("networks.contribution.what")}</Table.Th>
                  <Table.Th>{t("networks.contribution.to")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.contributions.map((c) => (
                  <Table.Tr key={c.id} data-testid="contribution-row">
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(c.contributedOn)}</Table.Td>
                    <Table.Td>
                      {t(`networks.contributionKinds.${c.kind}`)}
                      {c.amount && <Text size="sm" style={{ whiteSpace: "nowrap" }}>{baht(c.amount)}</Text>}
                      {c.volunteers !== null && <Text size="sm">{t("networks.contribution.people", { n: f.number(c.volunteers) })}</Text>}
                    </Table.Td>
                    <Table.Td>{f.pick(c.descriptionTh, c.descriptionEn)}</Table.Td>
                    <Table.Td>
                      {c.agenda && <Text size="sm">{f.pick(c.agenda.nameTh, c.agenda.nameEn)}</Text>}
                      {c.project && (
                        <AnchorLink to="/planning/projects/$id" params={{ id: c.project.id }} size="sm">
                          {c.project.code} · {f.pick(c.project.titleTh, c.project.titleEn)}
                        </AnchorLink>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {p.byAgenda.length > 0 && (
          <>
            <Title order={3} size="h4" mt="md">{t("networks.byAgendaTitle")}</Title>
            <AgendaTotalsTable rows={p.byAgenda} />
          </>
        )}
        {p.may.manage && <AddContribution partner={p} />}
      </Card>

      {p.may.seats && (
        <Card withBorder>
          <Title order={2} size="h3">{t("networks.seatsTitle")}</Title>
          <ErrorAlert error={seats.error} />
          {seats.data && seats.data.length === 0 && <Text c="dark.4">{t("networks.noSeats")}</Text>}
          {seats.data && seats.data.length > 0 && (
            <Table data-testid="partner-seats-table">
              <Table.Caption><ExportButtons size="compact-xs" variant="light" nextTable="partner-seats" columns={[t("tableExport.committee"), t("tableExport.seat"), t("tableExport.period")]} /></Table.Caption>
              <Table.Tbody>
                {seats.data.map((s) => (
                  <Table.Tr key={s.seatId} data-testid="partner-seat-row">
                    <Table.Td><AnchorLink to="/committees/$id" params={{ id: s.committeeId }}>{f.pick(s.committeeNameTh, s.committeeNameEn)}</AnchorLink></Table.Td>
                    <Table.Td>{t(`committees.seatKinds.${s.kind}`)} · {f.pick(s.holderNameTh, s.holderNameEn)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{s.endedOn ? t("common.dateRange", { from: f.date(s.startedOn), to: f.date(s.endedOn) }) : t("networks.seatSince", { date: f.date(s.startedOn) })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      )}
      <HistoryPanel entityType="partner" entityId={p.id} allowed={p.may.history} />
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dark.4">{label}</Text>
      <Text fw={700} size="lg">{value}</Text>
    </Card>
  );
}

function useRefresh(partnerId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ["partner", partnerId] });
    void qc.invalidateQueries({ queryKey: ["networks"] });
    void qc.invalidateQueries({ queryKey: ["history"] });
  };
}

function useAgendaOptions(partnerId: string) {
  const f = useFormat();
  const q = useQuery({ queryKey: ["partner", partnerId, "options"], queryFn: () => api.get<PartnerOptions>(`/partners/${seg(partnerId)}/options`) });
  return (q.data?.agendas ?? []).map((a) => ({ value: a.id, label: f.pick(a.nameTh, a.nameEn) }));
}

function AddAgreement({ partner }: { partner: PartnerView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefresh(partner.id);
  const agendas = useAgendaOptions(partner.id);
  const empty = { titleTh: "", titleEn: "", purposeTh: "", purposeEn: "", partyOrgId: `prov:${partner.provinceCode}`, signedOn: "", endsOn: "", agendaNodeIds: [] as string[] };
  const [v, setV] = useState(empty);
  const [open, setOpen] = useState(false);
  const m = useMutation({
    mutationFn: () => api.post<{ id: string }>("/partner-agreements", { partnerId: partner.id, ...v, titleEn: v.titleEn || undefined, purposeEn: v.purposeEn || undefined }),
    onSuccess: () => {
      setV(empty);
      setOpen(false);
      refresh();
    },
  });
  if (!open) return <Button variant="light" mt="sm" onClick={() => setOpen(true)} data-testid="agreement-add-open">{t("networks.agreement.add")}</Button>;
  return (
    <Stack gap="xs" mt="md" data-testid="agreement-form">
      <Title order={3} size="h4">{t("networks.agreement.add")}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t("networks.agreement.titleTh")} required value={v.titleTh} onChange={(e) => setV({ ...v, titleTh: e.currentTarget.value })} data-testid="agreement-title-th" />
        <TextInput label={t("networks.agreement.titleEn")} value={v.titleEn} onChange={(e) => setV({ ...v, titleEn: e.currentTarget.value })} data-testid="agreement-title-en" />
        <Textarea label={t("networks.agreement.purposeTh")} required autosize minRows={2} value={v.purposeTh} onChange={(e) => setV({ ...v, purposeTh: e.currentTarget.value })} data-testid="agreement-purpose-th" />
        <Textarea label={t("networks.agreement.purposeEn")} autosize minRows={2} value={v.purposeEn} onChange={(e) => setV({ ...v, purposeEn: e.currentTarget.value })} data-testid="agreement-purpose-en" />
        <OrganizationPicker label={t("networks.agreement.party")} description={t("networks.agreement.partyHint")} provinceCode={partner.provinceCode} value={v.partyOrgId} onChange={(partyOrgId) => setV({ ...v, partyOrgId })} required testId="agreement-party" />
        <MultiSelect label={t("networks.agreement.agendas")} data={agendas} value={v.agendaNodeIds} onChange={(agendaNodeIds) => setV({ ...v, agendaNodeIds })} searchable clearable data-testid="agreement-agendas" />
        <TextInput type="date" label={t("networks.agreement.signedOn")} required value={v.signedOn} onChange={(e) => setV({ ...v, signedOn: e.currentTarget.value })} description={v.signedOn ? f.date(v.signedOn, "long") : undefined} data-testid="agreement-signed-on" />
        <TextInput type="date" label={t("networks.agreement.endsOnLabel")} required value={v.endsOn} onChange={(e) => setV({ ...v, endsOn: e.currentTarget.value })} description={v.endsOn ? f.date(v.endsOn, "long") : undefined} data-testid="agreement-ends-on" />
      </SimpleGrid>
      <Group>
        <Button onClick={() => m.mutate()} loading={m.isPending} disabled={!v.titleTh || !v.purposeTh || !v.signedOn || !v.endsOn || !v.partyOrgId} data-testid="agreement-submit">{t("common.save")}</Button>
        <Button variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
      </Group>
      <ErrorAlert error={m.error} />
    </Stack>
  );
}

function EndAgreement({ partnerId, agreement }: { partnerId: string; agreement: AgreementView }) {
  const { t } = useTranslation();
  const refresh = useRefresh(partnerId);
  const [open, setOpen] = useState(false);
  const [endedOn, setEndedOn] = useState("");
  const [reasonTh, setReason] = useState("");
  const m = useMutation({
    mutationFn: () => api.post(`/partner-agreements/${seg(agreement.id)}/end`, { endedOn, reasonTh }),
    onSuccess: () => {
      setOpen(false);
      refresh();
    },
  });
  if (!open) return <Button variant="subtle" size="compact-xs" mt={4} onClick={() => setOpen(true)} data-testid="agreement-end-open">{t("networks.agreement.end")}</Button>;
  return (
    <Stack gap={4} mt={4} data-testid="agreement-end-form">
      <TextInput type="date" size="xs" label={t("networks.agreement.endedOnLabel")} value={endedOn} onChange={(e) => setEndedOn(e.currentTarget.value)} data-testid="agreement-ended-on" />
      <TextInput size="xs" label={t("networks.agreement.endedReason")} value={reasonTh} onChange={(e) => setReason(e.currentTarget.value)} data-testid="agreement-ended-reason" />
      <Group gap="xs">
        <Button size="compact-xs" color="red" onClick={() => m.mutate()} loading={m.isPending} disabled={!endedOn || !reasonTh.trim()} data-testid="agreement-end-submit">{t("networks.agreement.end")}</Button>
        <Button size="compact-xs" variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
      </Group>
      <ErrorAlert error={m.error} />
    </Stack>
  );
}

function AddContribution({ partner }: { partner: PartnerView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefresh(partner.id);
  const agendas = useAgendaOptions(partner.id);
  const empty = { kind: "money" as (typeof CONTRIBUTION_KINDS)[number], amount: "", volunteers: "" as number | "", contributedOn: "", descriptionTh: "", descriptionEn: "", agendaNodeId: "", projectId: "", agreementId: "" };
  const [v, setV] = useState(empty);
  const [open, setOpen] = useState(false);
  const hasAmount = v.kind === "money" || v.kind === "in_kind";
  const m = useMutation({
    mutationFn: () =>
      api.post<{ id: string }>("/partner-contributions", {
        partnerId: partner.id,
        kind: v.kind,
        amount: hasAmount && v.amount.trim() ? v.amount.trim().replace(/,/g, "") : undefined,
        volunteers: v.kind === "volunteers" && v.volunteers !== "" ? v.volunteers : undefined,
        contributedOn: v.contributedOn,
        descriptionTh: v.descriptionTh,
        descriptionEn: v.descriptionEn || undefined,
        agendaNodeId: v.agendaNodeId || undefined,
        projectId: v.projectId || undefined,
        agreementId: v.agreementId || undefined,
      }),
    onSuccess: () => {
      setV(empty);
      setOpen(false);
      refresh();
    },
  });
  if (!open) return <Button variant="light" mt="sm" onClick={() => setOpen(true)} data-testid="contribution-add-open">{t("networks.contribution.add")}</Button>;
  return (
    <Stack gap="xs" mt="md" data-testid="contribution-form">
      <Title order={3} size="h4">{t("networks.contribution.add")}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label={t("networks.contribution.kind")} data={CONTRIBUTION_KINDS.map((k) => ({ value: k, label: t(`networks.contributionKinds.${k}`) }))} value={v.kind} onChange={(k) => k && setV({ ...v, kind: k as typeof v.kind })} allowDeselect={false} data-testid="contribution-kind" />
        {hasAmount && (
          <TextInput
            label={v.kind === "money" ? t("networks.contribution.amount") : t("networks.contribution.estimatedValue")}
            required={v.kind === "money"}
            inputMode="decimal"
            value={v.amount}
            onChange={(e) => setV({ ...v, amount: e.currentTarget.value })}
            description={/^\d[\d,]*(\.\d{1,2})?$/.test(v.amount.trim()) ? f.baht(v.amount.trim().replace(/,/g, "")) : t("networks.contribution.amountHint")}
            data-testid="contribution-amount"
          />
        )}
        {v.kind === "volunteers" && <NumberInput label={t("networks.contribution.volunteers")} required min={1} value={v.volunteers} onChange={(n) => setV({ ...v, volunteers: typeof n === "number" ? n : "" })} data-testid="contribution-volunteers" />}
        <TextInput type="date" label={t("networks.contribution.date")} required value={v.contributedOn} onChange={(e) => setV({ ...v, contributedOn: e.currentTarget.value })} description={v.contributedOn ? f.date(v.contributedOn, "long") : undefined} data-testid="contribution-date" />
        <Textarea label={t("networks.contribution.descriptionTh")} required autosize minRows={2} value={v.descriptionTh} onChange={(e) => setV({ ...v, descriptionTh: e.currentTarget.value })} data-testid="contribution-description-th" />
        <Textarea label={t("networks.contribution.descriptionEn")} autosize minRows={2} value={v.descriptionEn} onChange={(e) => setV({ ...v, descriptionEn: e.currentTarget.value })} data-testid="contribution-description-en" />
        <Select label={t("networks.contribution.agenda")} description={t("networks.contribution.targetHint")} data={agendas} value={v.agendaNodeId || null} onChange={(x) => setV({ ...v, agendaNodeId: x ?? "" })} searchable clearable data-testid="contribution-agenda" />
        <ProjectPicker label={t("networks.contribution.project")} provinceCode={partner.provinceCode} value={v.projectId} onChange={(projectId) => setV({ ...v, projectId })} testId="contribution-project" />
        <Select
          label={t("networks.contribution.agreement")}
          data={partner.agreements.map((a) => ({ value: a.id, label: f.pick(a.titleTh, a.titleEn) }))}
          value={v.agreementId || null}
          onChange={(x) => setV({ ...v, agreementId: x ?? "" })}
          searchable
          clearable
          data-testid="contribution-agreement"
        />
      </SimpleGrid>
      <Group>
        <Button onClick={() => m.mutate()} loading={m.isPending} disabled={!v.contributedOn || !v.descriptionTh || (!v.agendaNodeId && !v.projectId)} data-testid="contribution-submit">{t("common.save")}</Button>
        <Button variant="default" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
      </Group>
      <ErrorAlert error={m.error} />
    </Stack>
  );
}
