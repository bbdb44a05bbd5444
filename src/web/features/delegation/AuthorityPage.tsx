import { useEffect, useState } from "react";
import { Blockquote, Button, Card, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { AuthorityAnswer } from "../../../modules/delegation/contracts.js";
import { bangkokToday } from "../../../platform/thai/index.js";
import { isApiError } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import type { AuthoritySearch } from "../../app/router.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { provincesQuery } from "../provinces/queries.js";
import { boxesFromChain, ChainDiagram } from "./ChainDiagram.js";
import { authorityQuery, districtsQuery, powersQuery } from "./queries.js";
import { DecisionBadge, useDelegationFormat, VerifiedBadge } from "./ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/delegation/authority");

/**
 * "Who may decide": a power, a province (and district), an amount and a date — kept in the URL so an answer can be
 * linked — answered with the deciding posts most local first, the chain from the central authority down to each,
 * the legal basis, and the instruments that do not apply and why.
 */
export function AuthorityPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/delegation/authority" });
  const ready = !!(search.power && search.province);
  return (
    <Stack gap="md">
      <div>
        <Text size="sm" c="dark.4">
          <AnchorLink to="/delegation">{t("delegation.title")}</AnchorLink>
        </Text>
        <Title order={1} data-testid="authority-title">{t("delegation.authority.title")}</Title>
        <Text c="dark.4">{t("delegation.authority.intro")}</Text>
      </div>
      <AuthorityForm search={search} onAsk={(s) => void navigate({ search: s })} />
      {ready ? <Answer q={{ powerCode: search.power!, provinceCode: search.province!, districtCode: search.district, amount: search.amount, date: search.date }} /> : <Text c="dark.4" data-testid="authority-prompt">{t("delegation.authority.prompt")}</Text>}
    </Stack>
  );
}

function AuthorityForm({ search, onAsk }: { search: AuthoritySearch; onAsk: (s: AuthoritySearch) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const powers = useQuery(powersQuery());
  const provinces = useQuery(provincesQuery);
  const [form, setForm] = useState<AuthoritySearch>(search);
  // the address is the truth: going back or following a link shows that question in the form
  useEffect(() => setForm(search), [search.power, search.province, search.district, search.amount, search.date]); // eslint-disable-line react-hooks/exhaustive-deps
  const districts = useQuery({ ...districtsQuery(form.province ?? ""), enabled: !!form.province });
  const missing = !form.power || !form.province;
  return (
    <Card withBorder component="form" aria-labelledby="authority-form-title" onSubmit={(e) => { e.preventDefault(); if (!missing) onAsk(form); }} data-testid="authority-form">
      <Title order={2} size="h3" id="authority-form-title" mb="sm">{t("delegation.authority.question")}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <Select
          inputWrapperOrder={["label", "input", "description", "error"]}
          label={t("delegation.power")}
          placeholder={t("delegation.authority.powerPlaceholder")}
          required
          searchable
          nothingFoundMessage={t("common.noResults")}
          data={(powers.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.pick(p.nameTh, p.nameEn)}` }))}
          value={form.power ?? null}
          onChange={(v) => setForm((s) => ({ ...s, power: v ?? undefined }))}
          style={{ gridColumn: "1 / -1" }}
          data-testid="authority-power"
        />
        <Select
          inputWrapperOrder={["label", "input", "description", "error"]}
          label={t("delegation.province")}
          placeholder={t("delegation.byProvince.choose")}
          required
          searchable
          data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))}
          value={form.province ?? null}
          onChange={(v) => setForm((s) => ({ ...s, province: v ?? undefined, district: undefined }))}
          data-testid="authority-province"
        />
        <Select
          inputWrapperOrder={["label", "input", "description", "error"]}
          label={t("delegation.district")}
          description={t("delegation.authority.districtHint")}
          placeholder={form.province ? t("delegation.authority.anyDistrict") : t("delegation.authority.provinceFirst")}
          clearable
          searchable
          disabled={!form.province}
          data={(districts.data?.items ?? []).map((d) => ({ value: d.code, label: `${d.code} · ${f.name(d)}` }))}
          value={form.district ?? null}
          onChange={(v) => setForm((s) => ({ ...s, district: v ?? undefined }))}
          data-testid="authority-district"
        />
        <NumberInput
          inputWrapperOrder={["label", "input", "description", "error"]}
          label={t("delegation.authority.amount")}
          description={t("delegation.authority.amountHint")}
          thousandSeparator=","
          decimalScale={2}
          allowNegative={false}
          min={0}
          value={form.amount ?? ""}
          onChange={(v) => setForm((s) => ({ ...s, amount: typeof v === "number" ? v : v === "" ? undefined : Number(v) }))}
          rightSection={<Text size="sm" c="dark.4" pr="xs">{t("delegation.baht")}</Text>}
          rightSectionWidth={48}
          data-testid="authority-amount"
        />
        <TextInput type="date" inputWrapperOrder={["label", "input", "description", "error"]}
          label={t("delegation.onDate")}
          description={form.date ? f.date(form.date) : t("delegation.todayIs", { date: f.date(bangkokToday()) })}
          value={form.date ?? ""}
          onChange={(e) => setForm((s) => ({ ...s, date: e.currentTarget.value || undefined }))}
          data-testid="authority-date"
        />
      </SimpleGrid>
      <Group mt="md" gap="sm">
        <Button type="submit" disabled={missing} data-testid="authority-ask">{t("delegation.authority.ask")}</Button>
        {missing && <Text size="sm" c="dark.4">{t("delegation.authority.needPowerProvince")}</Text>}
      </Group>
    </Card>
  );
}

function Answer({ q }: { q: { powerCode: string; provinceCode: string; districtCode?: string; amount?: number; date?: string } }) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = useDelegationFormat();
  const answer = useQuery(authorityQuery(q));
  const powers = useQuery(powersQuery());
  const provinces = useQuery(provincesQuery);
  const districts = useQuery({ ...districtsQuery(q.provinceCode), enabled: !!q.districtCode });
  if (answer.error) {
    // a bad question (unknown power, a district of another province) says which field, in words
    const e = answer.error;
    return isApiError(e) && e.fields.length ? <ErrorAlert error={e} title={t("delegation.authority.badQuestion")} /> : <ErrorAlert error={e} />;
  }
  if (!answer.data) return <Text c="dark.4">{t("common.loading")}</Text>;
  const a = answer.data;
  const power = powers.data?.items.find((p) => p.code === a.powerCode);
  const province = provinces.data?.find((p) => p.code === a.provinceCode);
  const district = districts.data?.items.find((x) => x.code === a.districtCode);
  const here = a.decision === "delegated";
  const first = a.deciders[0];
  const centralName = f.pick(a.central.authorityTh, a.central.authorityEn);
  return (
    <Stack gap="md" data-testid="authority-answer" data-decision={a.decision}>
      <Paper withBorder p="md" radius="md" style={{ borderWidth: 3, borderColor: here ? "var(--mantine-color-green-8)" : "var(--mantine-color-gray-7)" }} component="section" aria-labelledby="answer-title">
        <Group gap="md" align="flex-start" wrap="nowrap">
          <Text fz={40} lh={1} aria-hidden="true">{here ? "✓" : "↑"}</Text>
          <div style={{ minWidth: 0 }}>
            <Title order={2} id="answer-title" data-testid="authority-decision">
              {t(here ? "delegation.authority.decidedHere" : "delegation.authority.goesCentral", { province: f.name(province) || a.provinceCode })}
            </Title>
            <Text size="lg" mt={4} data-testid="authority-decider">
              {here && first ? t("delegation.authority.decider", { post: f.label(first) }) : t("delegation.authority.centralDecider", { authority: centralName, org: f.pick(a.central.nameTh, a.central.nameEn) })}
            </Text>
            {here && first && <Text size="sm">{t("delegation.authority.deciderCap", { cap: d.cap(first.amountCap) })}</Text>}
          </div>
        </Group>
        <Group gap="xs" mt="sm" wrap="wrap">
          <DecisionBadge here={here} />
          {power && <VerifiedBadge verified={power.verified} />}
        </Group>
        <Text size="sm" mt="sm" data-testid="authority-question">
          {t("delegation.authority.asked", {
            power: `${a.powerCode} ${f.pick(a.powerNameTh, a.powerNameEn)}`,
            place: district ? `${f.name(district)}, ${f.name(province)}` : f.name(province) || a.provinceCode,
            amount: a.amount === null ? t("delegation.authority.noAmount") : f.baht(a.amount),
            date: f.date(a.date),
          })}
        </Text>
        {power && !power.verified && (
          <Text size="sm" mt="xs" data-testid="authority-unverified">
            <span aria-hidden="true">⚠ </span>
            {t("delegation.authority.unverifiedNote")}
          </Text>
        )}
        <Blockquote mt="sm" p="sm" color="gray" data-testid="authority-explanation">
          {f.pick(a.explanationTh, a.explanationEn)}
        </Blockquote>
      </Paper>

      {a.deciders.length > 0 ? (
        <Card withBorder component="section" aria-labelledby="deciders-title" data-testid="authority-deciders">
          <Title order={2} size="h3" id="deciders-title">{t("delegation.authority.deciders")}</Title>
          <Text size="sm" c="dark.4" mb="sm">{t("delegation.authority.decidersHint")}</Text>
          <Stack gap="lg" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {a.deciders.map((x, k) => (
              <li key={x.delegationId} data-testid="decider" data-id={x.delegationId} data-role={x.role}>
                <Group gap="xs" align="baseline" wrap="wrap" mb={6}>
                  <Title order={3} size="h4">
                    {k + 1}. {f.label(x)}
                  </Title>
                  <Text size="sm" c="dark.5">{t("delegation.authority.effectiveCap", { cap: d.cap(x.amountCap) })}</Text>
                </Group>
                <ChainDiagram
                  boxes={boxesFromChain(x.chain, (th, en) => f.pick(th, en), { source: t("delegation.chain.source"), last: t("delegation.chain.decides") }, centralName)}
                  label={t("delegation.chain.label", { post: f.label(x) })}
                />
              </li>
            ))}
          </Stack>
        </Card>
      ) : (
        <Card withBorder component="section" aria-labelledby="central-title" data-testid="authority-central">
          <Title order={2} size="h3" id="central-title" mb="xs">{t("delegation.authority.centralTitle")}</Title>
          <div className="chain-box" data-kind="source" style={{ maxWidth: 520 }}>
            <Text size="xs" fw={700} c="dark.5">{t("delegation.chain.source")}</Text>
            <Text fw={700}>{centralName}</Text>
            <Text size="sm">{f.pick(a.central.nameTh, a.central.nameEn)}</Text>
          </div>
        </Card>
      )}

      <Card withBorder component="section" aria-labelledby="basis-title">
        <Title order={2} size="h3" id="basis-title" mb="xs">{t("delegation.legalBasis")}</Title>
        <Text data-testid="authority-legal-basis" lang={f.lang === "en" && !a.legalBasisEn ? "th" : undefined}>{f.pick(a.legalBasisTh, a.legalBasisEn)}</Text>
        <Text size="sm" c="dark.4" mt="xs">{t("delegation.authority.centralIs", { authority: centralName })}</Text>
      </Card>

      <NotApplicable a={a} />
    </Stack>
  );
}

function NotApplicable({ a }: { a: AuthorityAnswer }) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = useDelegationFormat();
  if (!a.notApplicable.length) return null;
  return (
    <Card withBorder component="section" aria-labelledby="na-title" data-testid="authority-not-applicable">
      <Title order={2} size="h3" id="na-title">{t("delegation.authority.notApplicable")}</Title>
      <Text size="sm" c="dark.4" mb="sm">{t("delegation.authority.notApplicableHint")}</Text>
      <Table.ScrollContainer minWidth={560}>
        <ExportButtons size="compact-xs" variant="light" nextTable="authority-not-applicable" />
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("delegation.delegate")}</Table.Th>
              <Table.Th>{t("delegation.instrument")}</Table.Th>
              <Table.Th>{t("delegation.authority.why")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.notApplicable.map((n) => (
              <Table.Tr key={n.delegationId} data-testid="not-applicable" data-id={n.delegationId} data-reason={n.reason}>
                <Table.Td>{f.pick(n.delegateLabelTh, n.delegateLabelEn)}</Table.Td>
                <Table.Td>
                  <AnchorLink to="/delegation/instruments/$id" params={{ id: n.delegationId }} size="sm" lang={f.lang === "en" ? "th" : undefined}>{n.instrumentNo}</AnchorLink>
                </Table.Td>
                <Table.Td>
                  <Text size="sm"><span aria-hidden="true">✕ </span>{d.reason(n.reason)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
