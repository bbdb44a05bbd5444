import { useEffect, useMemo, useState } from "react";
import { Checkbox, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { PowerArea, type PowerView } from "../../../modules/delegation/contracts.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { SortTh, useSortedRows } from "../../ui/table.js";
import type { ViewProps } from "./DelegationPage.js";
import { ministriesQuery, powersQuery } from "./queries.js";
import { PermitBadge, useDelegationFormat, VerifiedBadge } from "./ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

type SortKey = "code" | "name" | "area" | "central" | "verified" | "inForce";

/** The powers catalogue: area, central authority, legal basis, whether a source confirmed it, instruments in force. */
export function PowersView({ search, setSearch }: ViewProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = useDelegationFormat();
  const [text, setText] = useState(search.q ?? "");
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    if ((debounced.trim() || undefined) !== search.q) setSearch({ q: debounced.trim() || undefined });
  }, [debounced]); // eslint-disable-line react-hooks/exhaustive-deps
  const filters = { area: search.area, ministryId: search.ministry, isPermit: search.permit ? "true" : undefined, q: search.q };
  const q = useQuery(powersQuery(filters));
  const ministries = useQuery(ministriesQuery);
  const items = useMemo(() => q.data?.items ?? [], [q.data]);
  const central = (p: PowerView) => f.pick(p.centralAuthorityTh || p.centralOrgNameTh, p.centralAuthorityEn || p.centralOrgNameEn);
  const { sorted, sort, toggle } = useSortedRows<PowerView, SortKey>(
    items,
    { code: (p) => p.code, name: (p) => f.pick(p.nameTh, p.nameEn), area: (p) => d.area(p.area), central, verified: (p) => p.verified, inForce: (p) => p.inForceCount },
    { key: "code", dir: "asc" },
  );
  const unverified = items.filter((p) => !p.verified).length;
  const exportTable = () => ({
    fileName: "delegation-powers",
    header: ["code", "area", "name_th", "name_en", "legal_basis_th", "legal_basis_en", "central_org_id", "central_org_th", "central_org_en", "central_authority_th", "central_authority_en", "is_permit", "sla_days_delegated", "sla_days_central", "verified", "verification", "instruments_in_force"],
    rows: sorted.map((p) => [p.code, p.area, p.nameTh, p.nameEn, p.legalBasisTh, p.legalBasisEn, p.centralOrgId, p.centralOrgNameTh, p.centralOrgNameEn, p.centralAuthorityTh, p.centralAuthorityEn, p.isPermit, p.slaDaysDelegated, p.slaDaysCentral, p.verified, p.verification, p.inForceCount]),
  });
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput type="search" label={t("common.search")} placeholder={t("delegation.powers.searchPlaceholder")} value={text} onChange={(e) => setText(e.currentTarget.value)} w={{ base: "100%", sm: 280 }} data-testid="powers-search" />
        <Select label={t("delegation.areaLabel")} placeholder={t("common.all")} clearable data={PowerArea.options.map((a) => ({ value: a, label: d.area(a) }))} value={search.area ?? null} onChange={(v) => setSearch({ area: (v as PowerArea | null) ?? undefined })} w={{ base: "100%", sm: 260 }} data-testid="powers-area" />
        <Select label={t("delegation.ministry")} placeholder={t("common.all")} clearable searchable data={(ministries.data?.items ?? []).map((m) => ({ value: m.id, label: f.name(m) }))} value={search.ministry ?? null} onChange={(v) => setSearch({ ministry: v ?? undefined })} w={{ base: "100%", sm: 280 }} data-testid="powers-ministry" />
        <Checkbox label={t("delegation.powers.permitOnly")} checked={!!search.permit} onChange={(e) => setSearch({ permit: e.currentTarget.checked || undefined })} mb={8} data-testid="powers-permit" />
        <ExportButtons table={exportTable} disabled={!sorted.length} csvLabel={t("common.exportCsvAll", { count: sorted.length })} />
      </Group>
      <ErrorAlert error={q.error} />
      <Text size="sm" c="dark.4" aria-live="polite" data-testid="powers-count">
        {t("delegation.powers.count", { total: f.number(items.length), unverified: f.number(unverified) })}
      </Text>
      <Table.ScrollContainer minWidth={940}>
        <Table striped verticalSpacing="xs" data-testid="powers-table" style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t("delegation.code")} sortKey="code" sort={sort} onSort={toggle} />
              <SortTh label={t("delegation.power")} sortKey="name" sort={sort} onSort={toggle} />
              <SortTh label={t("delegation.areaLabel")} sortKey="area" sort={sort} onSort={toggle} />
              <SortTh label={t("delegation.centralAuthority")} sortKey="central" sort={sort} onSort={toggle} />
              <Table.Th>{t("delegation.legalBasis")}</Table.Th>
              <SortTh label={t("delegation.verification")} sortKey="verified" sort={sort} onSort={toggle} />
              <SortTh label={t("delegation.powers.inForce")} sortKey="inForce" sort={sort} onSort={toggle} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((p) => (
              <Table.Tr key={p.code} data-testid="power-row" data-code={p.code}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{p.code}</Table.Td>
                <Table.Td miw={260}>
                  <Text size="sm" fw={600} lang={f.lang === "en" && !p.nameEn ? "th" : undefined}>{f.pick(p.nameTh, p.nameEn)}</Text>
                  <Group gap="xs" mt={2}>
                    {p.isPermit && <PermitBadge />}
                    <AnchorLink to="/delegation/authority" search={{ power: p.code }} size="sm" aria-label={t("delegation.powers.askFor", { code: p.code })} data-testid="power-ask">
                      {t("delegation.powers.ask")} →
                    </AnchorLink>
                  </Group>
                </Table.Td>
                <Table.Td><Text size="sm">{d.area(p.area)}</Text></Table.Td>
                <Table.Td>
                  <Text size="sm">{central(p)}</Text>
                  {(p.centralAuthorityTh || p.centralAuthorityEn) && <Text size="xs" c="dark.4">{f.pick(p.centralOrgNameTh, p.centralOrgNameEn)}</Text>}
                </Table.Td>
                <Table.Td miw={200}><Text size="sm" lang={f.lang === "en" && !p.legalBasisEn ? "th" : undefined}>{f.pick(p.legalBasisTh, p.legalBasisEn)}</Text></Table.Td>
                <Table.Td><VerifiedBadge verified={p.verified} /></Table.Td>
                <Table.Td style={{ textAlign: "right" }}>
                  {p.inForceCount > 0 ? (
                    <AnchorLink to="/delegation" search={{ view: "instruments", power: p.code, status: "in-force" }} aria-label={t("delegation.powers.inForceLink", { n: f.number(p.inForceCount), code: p.code })}>
                      {f.number(p.inForceCount)}
                    </AnchorLink>
                  ) : (
                    f.number(0)
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {!q.isPending && !sorted.length && (
              <Table.Tr>
                <Table.Td colSpan={7}>{t("common.noResults")}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dark.4">{t("delegation.powers.verificationNote")}</Text>
    </Stack>
  );
}
