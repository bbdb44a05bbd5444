import { Badge, Card, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ProposalContent, ProposalKpi } from "../../../modules/strategy/contracts.js";
import { useFormat } from "../../app/format.js";
import { Bi } from "./Bi.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

/** A B.E. year as the interface shows it: พ.ศ. in Thai, C.E. in English. */
export function useYear() {
  const f = useFormat();
  return (y: number | null | undefined) => (y == null ? "—" : f.lang === "th" ? `พ.ศ. ${y}` : String(y - 543));
}

export function KpiTargets({ k }: { k: ProposalKpi }) {
  const f = useFormat();
  const year = useYear();
  const n = (v: number | null) => (v == null ? "—" : f.number(v));
  return (
    <span>
      {n(k.baseline)} ({year(k.baselineYear)}) → {n(k.year1Target)} → {n(k.year2Target)} <Bi th={k.unit} />
    </span>
  );
}

/** One version of a proposal, section by section. */
export function ProposalView({ content }: { content: ProposalContent }) {
  const { t } = useTranslation();
  const f = useFormat();
  const year = useYear();
  const fy = (y: number | null) => (y == null ? "—" : f.fiscalYear(y));
  const list = (items: ProposalContent["goals"], testId: string) =>
    items.length ? (
      <List type="ordered" spacing={4} data-testid={testId}>
        {items.map((g) => (
          <List.Item key={g.key}><Bi th={g.textTh} en={g.textEn} /></List.Item>
        ))}
      </List>
    ) : (
      <Text c="dark.4">{t("agendas.none")}</Text>
    );
  const s = content.support;
  return (
    <Stack gap="md" data-testid="proposal-content">
      <Text>
        <Text span fw={700}>{t("agendas.field.period")}:</Text> {t("agendas.kpi.y1")} {fy(content.startYear)}
        {content.startYear != null && <> · {t("agendas.kpi.y2")} {fy(content.startYear + 1)}</>}
      </Text>
      <section aria-labelledby="p-goals">
        <Title order={3} size="h4" id="p-goals" mb={4}>{t("agendas.section.goals")}</Title>
        {list(content.goals, "proposal-goals")}
      </section>
      <section aria-labelledby="p-methods">
        <Title order={3} size="h4" id="p-methods" mb={4}>{t("agendas.section.methods")}</Title>
        {list(content.methods, "proposal-methods")}
      </section>
      <section aria-labelledby="p-tools">
        <Title order={3} size="h4" id="p-tools" mb={4}>{t("agendas.section.tools")}</Title>
        {content.tools.length ? (
          <Stack gap={6}>
            {content.tools.map((x) => (
              <Group key={x.tool} gap="xs" wrap="nowrap" align="flex-start">
                <Badge variant="outline" color="gray.8" c="dark.9" style={{ flexShrink: 0 }}>{t(`agendas.tools.${x.tool}`)}</Badge>
                {(x.howTh || x.howEn) && <Text size="sm"><Bi th={x.howTh} en={x.howEn} /></Text>}
              </Group>
            ))}
          </Stack>
        ) : (
          <Text c="dark.4">{t("agendas.none")}</Text>
        )}
      </section>
      <section aria-labelledby="p-kpis">
        <Title order={3} size="h4" id="p-kpis" mb={4}>{t("agendas.section.kpis")}</Title>
        {content.kpis.length ? (
          <div className="table-scroll">
            <ExportButtons size="compact-xs" variant="light" nextTable="proposal-kpis" />
            <Table data-testid="proposal-kpis" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("agendas.kpi.name")}</Table.Th>
                  <Table.Th>{t("agendas.kpi.unit")}</Table.Th>
                  <Table.Th>{t("agendas.kpi.direction")}</Table.Th>
                  <Table.Th>{t("agendas.kpi.baseline")}</Table.Th>
                  <Table.Th>{t("agendas.kpi.yearN", { n: 1, year: fy(content.startYear) })}</Table.Th>
                  <Table.Th>{t("agendas.kpi.yearN", { n: 2, year: fy(content.startYear == null ? null : content.startYear + 1) })}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {content.kpis.map((k) => (
                  <Table.Tr key={k.key}>
                    <Table.Td><Bi th={k.nameTh} en={k.nameEn} /></Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}><Bi th={k.unit} /></Table.Td>
                    <Table.Td>{t(`agendas.kpi.${k.direction}`)}</Table.Td>
                    <Table.Td>{k.baseline == null ? "—" : `${f.number(k.baseline)} (${year(k.baselineYear)})`}</Table.Td>
                    <Table.Td>{k.year1Target == null ? "—" : f.number(k.year1Target)}</Table.Td>
                    <Table.Td>{k.year2Target == null ? "—" : f.number(k.year2Target)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ) : (
          <Text c="dark.4">{t("agendas.none")}</Text>
        )}
      </section>
      <section aria-labelledby="p-benefits">
        <Title order={3} size="h4" id="p-benefits" mb={4}>{t("agendas.section.benefits")}</Title>
        {list(content.benefits, "proposal-benefits")}
      </section>
      <Card withBorder component="section" aria-labelledby="p-support" bg="gray.0">
        <Title order={3} size="h4" id="p-support" mb={4}>{t("agendas.section.support")}</Title>
        <Stack gap={4}>
          <Text size="sm"><Text span fw={700}>{t("agendas.field.delegationTh")}:</Text> {s.delegationTh ? <Bi th={s.delegationTh} /> : "—"}</Text>
          <Text size="sm"><Text span fw={700}>{t("agendas.field.budgetBaht")}:</Text> {s.budgetBaht ? f.baht(s.budgetBaht) : "—"}</Text>
          <Text size="sm">
            <Text span fw={700}>{t("agendas.field.personnel")}:</Text> {s.personnelCount != null ? t("agendas.positions", { n: f.number(s.personnelCount) }) : "—"}
            {s.personnelTh && <> · <Bi th={s.personnelTh} /></>}
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}
