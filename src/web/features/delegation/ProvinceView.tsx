import { useMemo, useState } from "react";
import { Card, Checkbox, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ProvincePowers } from "../../../modules/delegation/contracts.js";
import { bangkokToday } from "../../../platform/thai/index.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { SortTh, useSortedRows } from "../../ui/table.js";
import { provincesQuery } from "../provinces/queries.js";
import type { ViewProps } from "./DelegationPage.js";
import { provincePowersQuery } from "./queries.js";
import { DecisionBadge, PermitBadge, useDelegationFormat, VerifiedBadge } from "./ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

type Item = ProvincePowers["items"][number];
type SortKey = "code" | "name" | "decision" | "cap" | "until";
export const PROVINCE_ROLES = ["governor", "vice_governor"] as const;

/** "What can the governor of P decide today": every power, decided here or central, with the cap, end date and instrument. */
export function ProvinceView({ search, setSearch }: ViewProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const provinces = useQuery(provincesQuery);
  const role = search.role === "vice_governor" ? "vice_governor" : "governor";
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t("delegation.province")}
          placeholder={t("delegation.byProvince.choose")}
          searchable
          data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))}
          value={search.province ?? null}
          onChange={(v) => setSearch({ province: v ?? undefined })}
          w={{ base: "100%", sm: 260 }}
          data-testid="province-select"
        />
        <div>
          <Text size="sm" fw={500} id="role-switch-label" mb={2}>{t("delegation.byProvince.post")}</Text>
          <SegmentedControl
            aria-labelledby="role-switch-label"
            data={PROVINCE_ROLES.map((r) => ({ value: r, label: t(`delegation.roles.${r}`) }))}
            value={role}
            onChange={(v) => setSearch({ role: v === "governor" ? undefined : v })}
            data-testid="role-switch"
          />
        </div>
        <TextInput type="date" inputWrapperOrder={["label", "input", "description", "error"]}
          label={t("delegation.onDate")}
          description={search.date ? f.date(search.date) : t("delegation.todayIs", { date: f.date(bangkokToday()) })}
          value={search.date ?? ""}
          onChange={(e) => setSearch({ date: e.currentTarget.value || undefined })}
          w={{ base: "100%", sm: 220 }}
          data-testid="province-date"
        />
      </Group>
      {search.province ? <ProvincePowersTable code={search.province} role={role} date={search.date} /> : <Text c="dark.4" data-testid="province-prompt">{t("delegation.byProvince.prompt")}</Text>}
    </Stack>
  );
}

function ProvincePowersTable({ code, role, date }: { code: string; role: string; date?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = useDelegationFormat();
  const q = useQuery(provincePowersQuery(code, { role, date }));
  const [hereOnly, setHereOnly] = useState(false);
  const items = useMemo(() => (q.data?.items ?? []).filter((x) => !hereOnly || x.decidedHere), [q.data, hereOnly]);
  const { sorted, sort, toggle } = useSortedRows<Item, SortKey>(
    items,
    { code: (x) => x.power.code, name: (x) => f.pick(x.power.nameTh, x.power.nameEn), decision: (x) => x.decidedHere, cap: (x) => (x.decidedHere ? (x.amountCap === null ? Number.MAX_VALUE : Number(x.amountCap)) : null), until: (x) => (x.decidedHere ? x.effectiveTo ?? "9999-12-31" : null) },
    { key: "decision", dir: "asc" },
  );
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return <Text c="dark.4">{t("common.loading")}</Text>;
  const p = q.data;
  const post = t(`delegation.byProvince.postOf.${p.role}`, { province: f.pick(p.provinceNameTh, p.provinceNameEn) });
  const exportTable = () => ({
    fileName: `delegation-${p.provinceCode}-${p.role}-${p.date}`,
    header: ["province_code", "province_iso", "role", "date", "power_code", "area", "power_th", "power_en", "decided_here", "amount_cap", "effective_to", "instrument_no", "instrument_id", "may_subdelegate", "central_org_id", "verified"],
    rows: sorted.map((x) => [p.provinceCode, `TH-${p.provinceCode}`, p.role, p.date, x.power.code, x.power.area, x.power.nameTh, x.power.nameEn, x.decidedHere, x.amountCap, x.effectiveTo, x.instrumentNo, x.delegationId, x.maySubdelegate, x.power.centralOrgId, x.power.verified]),
  });
  return (
    <Card withBorder component="section" aria-labelledby="province-powers-title" data-testid="province-powers" style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }}>
      <Title order={2} size="h3" id="province-powers-title" data-testid="province-powers-title">
        {t("delegation.byProvince.heading", { post, date: f.date(p.date) })}
      </Title>
      <Group gap="lg" mt="xs" mb="sm" wrap="wrap">
        <Text data-testid="province-counts">
          <span aria-hidden="true">✓ </span>
          {t("delegation.byProvince.countHere", { n: f.number(p.counts.decidedHere) })}
          {" · "}
          <span aria-hidden="true">↑ </span>
          {t("delegation.byProvince.countCentral", { n: f.number(p.counts.central) })}
        </Text>
        <Checkbox label={t("delegation.byProvince.hereOnly")} checked={hereOnly} onChange={(e) => setHereOnly(e.currentTarget.checked)} data-testid="province-here-only" />
        <ExportButtons table={exportTable} size="xs" csvLabel={t("common.exportCsvAll", { count: sorted.length })} />
      </Group>
      <Table.ScrollContainer minWidth={900}>
        <Table striped verticalSpacing="xs" data-testid="province-powers-table">
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t("delegation.code")} sortKey="code" sort={sort} onSort={toggle} />
              <SortTh label={t("delegation.power")} sortKey="name" sort={sort} onSort={toggle} />
              <SortTh label={t("delegation.byProvince.decision")} sortKey="decision" sort={sort} onSort={toggle} />
              <SortTh label={t("delegation.cap")} sortKey="cap" sort={sort} onSort={toggle} />
              <SortTh label={t("delegation.until")} sortKey="until" sort={sort} onSort={toggle} />
              <Table.Th>{t("delegation.instrument")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((x) => (
              <Table.Tr key={x.power.code} data-testid="province-power-row" data-code={x.power.code} data-decision={x.decidedHere ? "delegated" : "central"}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{x.power.code}</Table.Td>
                <Table.Td miw={280}>
                  <Text size="sm" fw={600} lang={f.lang === "en" && !x.power.nameEn ? "th" : undefined}>{f.pick(x.power.nameTh, x.power.nameEn)}</Text>
                  <Group gap={4} mt={2}>
                    <Text size="xs" c="dark.4">{d.area(x.power.area)}</Text>
                    {x.power.isPermit && <PermitBadge />}
                    {!x.power.verified && <VerifiedBadge verified={false} />}
                  </Group>
                  <AnchorLink to="/delegation/authority" search={{ power: x.power.code, province: p.provinceCode }} size="sm" aria-label={t("delegation.powers.askFor", { code: x.power.code })} data-testid="power-ask">
                    {t("delegation.powers.ask")} →
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <DecisionBadge here={x.decidedHere} />
                  {!x.decidedHere && <Text size="xs" c="dark.4" mt={2}>{f.pick(x.power.centralOrgNameTh, x.power.centralOrgNameEn)}</Text>}
                  {x.decidedHere && x.maySubdelegate && <Text size="xs" c="dark.4" mt={2}>{t("delegation.maySubdelegateShort")}</Text>}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{x.decidedHere ? d.cap(x.amountCap) : "—"}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{x.decidedHere ? (x.effectiveTo ? f.date(x.effectiveTo) : t("delegation.noEnd")) : "—"}</Table.Td>
                <Table.Td>
                  {x.delegationId && x.instrumentNo ? (
                    <AnchorLink to="/delegation/instruments/$id" params={{ id: x.delegationId }} size="sm" lang={f.lang === "en" ? "th" : undefined} data-testid="instrument-link">
                      {x.instrumentNo}
                    </AnchorLink>
                  ) : (
                    "—"
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {!sorted.length && (
              <Table.Tr>
                <Table.Td colSpan={6}>{t("common.noResults")}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
