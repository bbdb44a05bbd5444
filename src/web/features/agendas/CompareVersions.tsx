import { useState } from "react";
import { Badge, Card, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { AgendaAssignmentDetail, ProposalContent, ProposalDiff, ProposalItem, ProposalKpi, ProposalTool } from "../../../modules/strategy/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { Bi } from "./Bi.js";
import { useYear } from "./ProposalView.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

type Change = "added" | "removed" | "changed" | "same";
const BG: Record<Change, string | undefined> = { added: "var(--mantine-color-green-0)", removed: "var(--mantine-color-red-0)", changed: "var(--mantine-color-yellow-0)", same: undefined };
const ICON: Record<Change, string> = { added: "+", removed: "−", changed: "≠", same: "=" };

function ChangeBadge({ change }: { change: Change }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="gray.8" c="dark.9" size="sm" leftSection={<span aria-hidden="true">{ICON[change]}</span>} data-change={change}>
      {t(`agendas.compare.${change}`)}
    </Badge>
  );
}

type Row = { key: string; change: Change; before: React.ReactNode; after: React.ReactNode; fields: string[] };

/** Rows for one list: the later version's order, then what was removed; each marked by the server's diff. */
function rowsOf<T>(from: readonly T[], to: readonly T[], keyOf: (x: T) => string, diff: ProposalDiff["goals"] | ProposalDiff["tools"] | ProposalDiff["kpis"], render: (x: T, changed: Set<string>) => React.ReactNode): Row[] {
  const byKey = new Map(diff.map((d) => [d.key, d]));
  const old = new Map(from.map((x) => [keyOf(x), x]));
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const x of [...to, ...from]) {
    const k = keyOf(x);
    if (seen.has(k)) continue;
    seen.add(k);
    const d = byKey.get(k);
    const change: Change = d?.change ?? "same";
    const fields = new Set((d?.fields ?? []).map((c) => c.field));
    const before = old.get(k);
    const after = to.find((y) => keyOf(y) === k);
    rows.push({ key: k, change, before: before ? render(before, fields) : null, after: after ? render(after, fields) : null, fields: [...fields] });
  }
  return rows;
}

/** A value that changed is marked, not only coloured. */
function Mark({ on, children }: { on: boolean; children: React.ReactNode }) {
  return on ? <mark style={{ background: "var(--mantine-color-yellow-2)", color: "inherit" }}>{children}</mark> : <>{children}</>;
}

/** Two versions side by side, every item marked added, removed, changed (with the changed fields) or unchanged. */
export function CompareVersions({ a }: { a: AgendaAssignmentDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const year = useYear();
  const versions = a.versions.map((v) => v.version);
  const [from, setFrom] = useState(versions[versions.length - 2] ?? 1);
  const [to, setTo] = useState(versions[versions.length - 1] ?? 1);
  const diff = useQuery({
    queryKey: ["agenda-assignments", a.id, "compare", from, to],
    queryFn: () => api.get<ProposalDiff>(`/agenda-assignments/${seg(a.id)}/compare`, { from, to }),
    enabled: versions.length >= 2,
  });
  if (versions.length < 2) return null;
  const A = a.versions.find((v) => v.version === from)?.content;
  const B = a.versions.find((v) => v.version === to)?.content;
  const options = versions.map((v) => ({ value: String(v), label: t("agendas.versionN", { n: v }) }));
  const n = (v: number | null) => (v == null ? "—" : f.number(v));
  const item = (x: ProposalItem, c: Set<string>) => <Mark on={c.has("textTh") || c.has("textEn")}><Bi th={x.textTh} en={x.textEn} /></Mark>;
  const tool = (x: ProposalTool, c: Set<string>) => (
    <span>
      <Text span fw={600}>{t(`agendas.tools.${x.tool}`)}</Text>
      {(x.howTh || x.howEn) && <>: <Mark on={c.has("howTh") || c.has("howEn")}><Bi th={x.howTh} en={x.howEn} /></Mark></>}
    </span>
  );
  const kpi = (k: ProposalKpi, c: Set<string>) => (
    <span>
      <Mark on={c.has("nameTh") || c.has("nameEn")}><Bi th={k.nameTh} en={k.nameEn} /></Mark>
      <br />
      <Text span size="sm">
        {t("agendas.kpi.baseline")} <Mark on={c.has("baseline") || c.has("baselineYear")}>{n(k.baseline)} ({year(k.baselineYear)})</Mark> · {t("agendas.kpi.y1")} <Mark on={c.has("year1Target")}>{n(k.year1Target)}</Mark> · {t("agendas.kpi.y2")} <Mark on={c.has("year2Target")}>{n(k.year2Target)}</Mark>{" "}
        <Mark on={c.has("unit")}><Bi th={k.unit} /></Mark> · <Mark on={c.has("direction")}>{t(`agendas.kpi.${k.direction}`)}</Mark>
      </Text>
    </span>
  );
  const sections: { id: keyof ProposalContent; rows: Row[] }[] =
    A && B && diff.data
      ? [
          { id: "goals", rows: rowsOf(A.goals, B.goals, (x) => x.key, diff.data.goals, item) },
          { id: "methods", rows: rowsOf(A.methods, B.methods, (x) => x.key, diff.data.methods, item) },
          { id: "tools", rows: rowsOf(A.tools, B.tools, (x) => x.tool, diff.data.tools, tool) },
          { id: "kpis", rows: rowsOf(A.kpis, B.kpis, (x) => x.key, diff.data.kpis, kpi) },
          { id: "benefits", rows: rowsOf(A.benefits, B.benefits, (x) => x.key, diff.data.benefits, item) },
        ]
      : [];
  const support = (c: ProposalContent, field: string) => {
    const s = c.support;
    if (field === "budgetBaht") return s.budgetBaht ? f.baht(s.budgetBaht) : "—";
    if (field === "personnelCount") return s.personnelCount == null ? "—" : f.number(s.personnelCount);
    const v = field === "delegationTh" ? s.delegationTh : s.personnelTh;
    return v ? <Bi th={v} /> : "—";
  };
  const changedSupport = new Set((diff.data?.support ?? []).map((x) => x.field));
  return (
    <Card withBorder component="section" aria-labelledby="compare-title" data-testid="compare">
      <Title order={2} size="h3" id="compare-title" mb="sm">{t("agendas.compare.title")}</Title>
      <Group gap="sm" align="flex-end" mb="sm">
        <Select label={t("agendas.compare.from")} data={options} value={String(from)} onChange={(v) => v && setFrom(Number(v))} allowDeselect={false} w={160} data-testid="compare-from" />
        <Select label={t("agendas.compare.to")} data={options} value={String(to)} onChange={(v) => v && setTo(Number(v))} allowDeselect={false} w={160} data-testid="compare-to" />
        {diff.data && <Text size="sm" aria-live="polite" data-testid="compare-count">{t("agendas.compare.count", { n: diff.data.changes })}</Text>}
      </Group>
      <ErrorAlert error={diff.error} />
      {A && B && diff.data && (
        <div className="table-scroll">
          <ExportButtons size="compact-xs" variant="light" nextTable="agenda-versions-compared" />
          <Table withTableBorder withColumnBorders data-testid="compare-table" style={{ tableLayout: "fixed", minWidth: 720 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>{t("agendas.compare.change")}</Table.Th>
                <Table.Th>{t("agendas.versionN", { n: from })}</Table.Th>
                <Table.Th>{t("agendas.versionN", { n: to })}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr style={{ background: BG[diff.data.startYear ? "changed" : "same"] }}>
                <Table.Td><Stack gap={2}><Text size="sm" fw={700}>{t("agendas.field.startYear")}</Text><ChangeBadge change={diff.data.startYear ? "changed" : "same"} /></Stack></Table.Td>
                <Table.Td>{A.startYear == null ? "—" : f.fiscalYear(A.startYear)}</Table.Td>
                <Table.Td><Mark on={!!diff.data.startYear}>{B.startYear == null ? "—" : f.fiscalYear(B.startYear)}</Mark></Table.Td>
              </Table.Tr>
              {sections.map((s) => [
                <Table.Tr key={s.id}>
                  <Table.Td colSpan={3} bg="gray.1"><Text fw={700}>{t(`agendas.section.${s.id}`)}</Text></Table.Td>
                </Table.Tr>,
                ...s.rows.map((r) => (
                  <Table.Tr key={`${s.id}-${r.key}`} style={{ background: BG[r.change] }} data-change={r.change}>
                    <Table.Td>
                      <ChangeBadge change={r.change} />
                      {r.change === "changed" && <Text size="xs" mt={2}>{r.fields.map((x) => t(`agendas.field.${x}`)).join(", ")}</Text>}
                    </Table.Td>
                    <Table.Td>{r.before ?? "—"}</Table.Td>
                    <Table.Td>{r.after ?? "—"}</Table.Td>
                  </Table.Tr>
                )),
              ])}
              <Table.Tr>
                <Table.Td colSpan={3} bg="gray.1"><Text fw={700}>{t("agendas.section.support")}</Text></Table.Td>
              </Table.Tr>
              {(["delegationTh", "budgetBaht", "personnelCount", "personnelTh"] as const).map((field) => {
                const change: Change = changedSupport.has(field) ? "changed" : "same";
                return (
                  <Table.Tr key={field} style={{ background: BG[change] }} data-change={change}>
                    <Table.Td><Stack gap={2}><Text size="sm" fw={700}>{t(`agendas.field.${field}`)}</Text><ChangeBadge change={change} /></Stack></Table.Td>
                    <Table.Td>{support(A, field)}</Table.Td>
                    <Table.Td><Mark on={change === "changed"}>{support(B, field)}</Mark></Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}
