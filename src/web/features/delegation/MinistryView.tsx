import { useMemo } from "react";
import { Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import type { ViewProps } from "./DelegationPage.js";
import { ExportButton, InstrumentsTable } from "./InstrumentsView.js";
import { instrumentsQuery, ministriesQuery, ministryOf, powersQuery } from "./queries.js";
import { PermitBadge, useDelegationFormat, VerifiedBadge } from "./ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

/** A ministry's powers and the instruments in force under them; without a choice, every ministry with its counts. */
export function MinistryView({ search, setSearch }: ViewProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const ministries = useQuery(ministriesQuery);
  const all = useQuery(powersQuery());
  const counts = useMemo(() => {
    const m = new Map<string, { powers: number; inForce: number; unverified: number }>();
    for (const p of all.data?.items ?? []) {
      const k = ministryOf(p.centralOrgId);
      const c = m.get(k) ?? { powers: 0, inForce: 0, unverified: 0 };
      c.powers++;
      c.inForce += p.inForceCount;
      if (!p.verified) c.unverified++;
      m.set(k, c);
    }
    return m;
  }, [all.data]);
  const withPowers = (ministries.data?.items ?? []).filter((m) => counts.has(m.id));
  return (
    <Stack gap="sm">
      <Select
        label={t("delegation.ministry")}
        placeholder={t("delegation.byMinistry.choose")}
        clearable
        searchable
        data={(ministries.data?.items ?? []).map((m) => ({ value: m.id, label: f.name(m) }))}
        value={search.ministry ?? null}
        onChange={(v) => setSearch({ ministry: v ?? undefined })}
        w={{ base: "100%", sm: 360 }}
        data-testid="ministry-select"
      />
      <ErrorAlert error={ministries.error ?? all.error} />
      {search.ministry ? (
        <MinistryDetail id={search.ministry} />
      ) : (
        <Card withBorder component="section" aria-labelledby="ministries-title">
          <Title order={2} size="h3" id="ministries-title" mb="sm">{t("delegation.byMinistry.overview")}</Title>
          <Table.ScrollContainer minWidth={560}>
            <ExportButtons size="compact-xs" variant="light" nextTable="ministries" />
            <Table striped data-testid="ministries-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("delegation.ministry")}</Table.Th>
                  <Table.Th style={{ textAlign: "right" }}>{t("delegation.byMinistry.powers")}</Table.Th>
                  <Table.Th style={{ textAlign: "right" }}>{t("delegation.byMinistry.unverified")}</Table.Th>
                  <Table.Th style={{ textAlign: "right" }}>{t("delegation.powers.inForce")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {withPowers.map((m) => {
                  const c = counts.get(m.id)!;
                  return (
                    <Table.Tr key={m.id} data-testid="ministry-row" data-id={m.id}>
                      <Table.Td>
                        <AnchorLink to="/delegation" search={{ view: "ministry", ministry: m.id }}>{f.name(m)}</AnchorLink>
                      </Table.Td>
                      <Table.Td style={{ textAlign: "right" }}>{f.number(c.powers)}</Table.Td>
                      <Table.Td style={{ textAlign: "right" }}>{f.number(c.unverified)}</Table.Td>
                      <Table.Td style={{ textAlign: "right" }}>{f.number(c.inForce)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}

function MinistryDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = useDelegationFormat();
  const ministries = useQuery(ministriesQuery);
  const powers = useQuery(powersQuery({ ministryId: id }));
  const filters = { ministryId: id, status: "in-force" };
  const instruments = useQuery(instrumentsQuery({ ...filters, limit: 500 }));
  const ministry = ministries.data?.items.find((m) => m.id === id);
  const name = ministry ? f.name(ministry) : id;
  return (
    <SimpleGrid cols={1} spacing="md">
      <Card withBorder component="section" aria-labelledby="ministry-powers-title" data-testid="ministry-powers">
        <Title order={2} size="h3" id="ministry-powers-title" mb="sm">{t("delegation.byMinistry.powersOf", { ministry: name })}</Title>
        <ErrorAlert error={powers.error} />
        {powers.data && powers.data.items.length === 0 && <Text c="dark.4">{t("delegation.byMinistry.noPowers")}</Text>}
        <Stack gap="xs">
          {(powers.data?.items ?? []).map((p) => (
            <Group key={p.code} gap="xs" wrap="wrap" align="baseline" data-testid="ministry-power" data-code={p.code}>
              <Text size="sm" fw={700} style={{ whiteSpace: "nowrap" }}>{p.code}</Text>
              <Text size="sm" style={{ flex: "1 1 320px" }}>
                {f.pick(p.nameTh, p.nameEn)} <Text span size="xs" c="dark.4">· {f.pick(p.centralOrgNameTh, p.centralOrgNameEn)} · {d.area(p.area)}</Text>
              </Text>
              {p.isPermit && <PermitBadge />}
              <VerifiedBadge verified={p.verified} />
              <Text size="sm">{t("delegation.byMinistry.inForceN", { n: f.number(p.inForceCount) })}</Text>
              <AnchorLink to="/delegation/authority" search={{ power: p.code }} size="sm" aria-label={t("delegation.powers.askFor", { code: p.code })}>{t("delegation.powers.ask")}</AnchorLink>
            </Group>
          ))}
        </Stack>
      </Card>
      <Card withBorder component="section" aria-labelledby="ministry-instruments-title" data-testid="ministry-instruments">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h3" id="ministry-instruments-title">{t("delegation.byMinistry.instrumentsOf", { ministry: name, n: f.number(instruments.data?.total ?? 0) })}</Title>
          <ExportButton filters={filters} total={instruments.data?.total ?? 0} fileName={`delegation-instruments-${id}`} />
        </Group>
        <ErrorAlert error={instruments.error} />
        <InstrumentsTable items={instruments.data?.items ?? []} loading={instruments.isPending} />
        <AnchorLink to="/delegation" search={{ view: "instruments", ministry: id }} size="sm" mt="xs" display="inline-block">{t("delegation.byMinistry.allInstruments")}</AnchorLink>
      </Card>
    </SimpleGrid>
  );
}
