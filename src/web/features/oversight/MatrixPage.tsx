import { Alert, Badge, Button, Card, Group, SegmentedControl, Select, Stack, Table, Text, Title, UnstyledButton } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { METRICS, type Dashboard, type Matrix, type MetricId, type MetricMap, type MyScopes } from "../../../modules/oversight/contracts.js";
import { api } from "../../app/api.js";
import { ExportButtons, type TableExport } from "../../ui/ExportButtons.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { currentFiscalYear, FiscalYearSelect } from "../planning-budget/budget-ui.js";
import { heatColor, heatText, MetricSelect, useMetricText } from "./metric-ui.js";
import { MetricMapView } from "./MetricMapView.js";
import { RecordsDrawer, type RecordsQuery } from "./RecordsDrawer.js";

const route = getRouteApi("/oversight/matrix");

/**
 * The function × area × agenda matrix (เมทริกซ์ภารกิจ × พื้นที่ × วาระ): one figure for every ministry or department
 * in every province, cluster or region, optionally for one agenda, as a heat map with the value in each cell, or as
 * the map of provinces coloured by it. The worst area is named; every cell opens its records; the table exports.
 */
export function MatrixPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const text = useMetricText();
  const s = route.useSearch();
  const navigate = useNavigate({ from: "/oversight/matrix" });
  const set = (patch: Record<string, unknown>) => void navigate({ search: (x) => ({ ...x, ...patch }) });
  const metric = (s.metric ?? "kpi.on_target_pct") as MetricId;
  const fy = s.fy ?? currentFiscalYear();
  const rows = s.rows ?? "ministry";
  const columns = s.columns ?? "province";
  const view = s.view ?? "table";
  const [records, setRecords] = useState<RecordsQuery | null>(null);
  const scopes = useQuery({ queryKey: ["oversight", "scopes"], queryFn: () => api.get<MyScopes>("/oversight/scopes") });
  const scope = s.scope ?? scopes.data?.landing ?? undefined;
  const def = METRICS[metric];
  const agenda = def.byAgenda ? s.agenda : undefined;
  // the agendas of the scope (from its dashboard: those with records)
  const dash = useQuery({ queryKey: ["oversight", "dashboard", scope, fy], queryFn: () => api.get<Dashboard>("/oversight/dashboard", { scope, fiscalYear: fy }), enabled: !!scope });
  const q = useQuery({
    queryKey: ["oversight", "matrix", metric, fy, rows, columns, agenda, scope],
    queryFn: () => api.get<Matrix>("/oversight/matrix", { metric, fiscalYear: fy, rows, columns, agenda, scope }),
    enabled: !!scope && view === "table",
    placeholderData: keepPreviousData,
  });
  const map = useQuery({
    queryKey: ["oversight", "map", metric, fy, agenda, scope],
    queryFn: () => api.get<MetricMap>("/oversight/map", { metric, fiscalYear: fy, agenda, scope }),
    enabled: !!scope && view === "map",
    placeholderData: keepPreviousData,
  });
  const m = q.data;
  const cells = useMemo(() => new Map((m?.cells ?? []).map((c) => [`${c.row}|${c.column}`, c])), [m]);
  const values = (m?.cells ?? []).flatMap((c) => (c.value === null ? [] : [c.value]));
  const lo = values.length ? Math.min(...values) : null;
  const hi = values.length ? Math.max(...values) : null;
  const columnsShown = (m?.columns ?? []).filter((c) => m?.columnTotals.some((x) => x.column === c.id));
  const worst = m?.worstColumn ? m.columns.find((c) => c.id === m.worstColumn) : undefined;
  const agendaName = agenda ? f.name(dash.data?.agendas.find((a) => a.id === agenda) ?? m?.agenda ?? { nameTh: agenda, nameEn: agenda }) : "";
  const drill = (where: string, extra: Partial<RecordsQuery>) =>
    setRecords({ metric, fiscalYear: fy, scope, agenda, title: [t(`oversight.metrics.${metric}`), agendaName, where, f.fiscalYear(fy)].filter(Boolean).join(" · "), ...extra });
  const provincesOf = (columnId: string) => m?.columns.find((c) => c.id === columnId)?.provinces ?? [];
  const exportTable = (): TableExport | null => {
    if (!m) return null;
    return { fileName: `matrix-${metric}-${fy}`, header: [t(`oversight.matrix.rowKind.${m.rowKind}`), ...columnsShown.map((c) => f.name(c)), t("oversight.matrix.total")], rows: [
      ...m.rows.map((r) => [f.name(r), ...columnsShown.map((c) => cells.get(`${r.id}|${c.id}`)?.value ?? null), m.rowTotals.find((x) => x.row === r.id)?.value ?? null]),
      [t("oversight.matrix.total"), ...columnsShown.map((c) => m.columnTotals.find((x) => x.column === c.id)?.value ?? null), m.total.value],
    ] };
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} data-testid="matrix-title">{t("oversight.matrix.title")}</Title>
          <Text c="dark.4">{t("oversight.matrix.intro")}</Text>
        </div>
        <AnchorLink to="/oversight" search={{ scope, fy }}>{t("oversight.openDashboard")}</AnchorLink>
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <MetricSelect value={metric} onChange={(v) => set({ metric: v, agenda: METRICS[v].byAgenda ? s.agenda : undefined })} testId="matrix-metric" />
        <Select
          label={t("oversight.agenda")}
          data={[{ value: "", label: t("oversight.matrix.allAgendas") }, ...(dash.data?.agendas ?? []).map((a) => ({ value: a.id, label: f.name(a) }))]}
          value={agenda ?? ""}
          onChange={(v) => set({ agenda: v || undefined })}
          disabled={!def.byAgenda}
          allowDeselect={false}
          w={{ base: "100%", sm: 320 }}
          data-testid="matrix-agenda"
        />
        <FiscalYearSelect value={fy} onChange={(v) => set({ fy: v })} testId="matrix-fy" />
        <Select label={t("oversight.scope")} data={(scopes.data?.scopes ?? []).map((x) => ({ value: x.key, label: x.kind === "nation" ? t("oversight.scopeKind.nation") : `${f.name(x)} · ${t(`oversight.scopeKind.${x.kind}`)}` }))} value={scope ?? null} onChange={(v) => v && set({ scope: v })} allowDeselect={false} searchable w={{ base: "100%", sm: 300 }} data-testid="matrix-scope" />
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Text size="sm" fw={500}>{t("oversight.matrix.view")}</Text>
          <SegmentedControl value={view} onChange={(v) => set({ view: v })} data={[{ value: "table", label: t("oversight.matrix.table") }, { value: "map", label: t("oversight.matrix.map") }]} data-testid="matrix-view" />
        </Stack>
        {view === "table" && (
          <>
            <Stack gap={2}>
              <Text size="sm" fw={500}>{t("oversight.matrix.rows")}</Text>
              <SegmentedControl value={rows} onChange={(v) => set({ rows: v })} data={(["ministry", "department"] as const).map((k) => ({ value: k, label: t(`oversight.matrix.rowKind.${k}`) }))} data-testid="matrix-rows" />
            </Stack>
            <Stack gap={2}>
              <Text size="sm" fw={500}>{t("oversight.matrix.columns")}</Text>
              <SegmentedControl value={columns} onChange={(v) => set({ columns: v })} data={(["province", "cluster", "region"] as const).map((k) => ({ value: k, label: t(`oversight.matrix.columnKind.${k}`) }))} data-testid="matrix-columns" />
            </Stack>
            <ExportButtons table={exportTable} disabled={!m} testId="matrix-export" csvLabel={t("oversight.exportCsv")} />
          </>
        )}
      </Group>
      <ErrorAlert error={q.error ?? map.error ?? scopes.error} />
      <Text size="sm" c="dark.4">{def.better === "none" ? t("oversight.matrix.legendNeutral") : t("oversight.matrix.legend")}</Text>

      {view === "map" ? (
        map.isPending && scope ? <PageLoader /> : map.data ? <MetricMapView data={map.data} onOpen={(code, name) => drill(name, { province: code })} /> : null
      ) : q.isPending && scope ? (
        <PageLoader />
      ) : m ? (
        <>
          {worst && (
            <Card withBorder data-testid="matrix-worst" style={{ borderColor: "var(--mantine-color-red-9)" }}>
              <Group gap="xs">
                <Badge color="red.9" variant="outline">{t("oversight.matrix.worstBadge")}</Badge>
                <UnstyledButton td="underline" onClick={() => drill(f.name(worst), provincesOf(worst.id).length === 1 ? { province: worst.id } : { area: worst.id })}>
                  {t("oversight.matrix.worst", { name: f.name(worst) })} · {text(metric, m.columnTotals.find((c) => c.column === worst.id)?.value)}
                </UnstyledButton>
              </Group>
            </Card>
          )}
          {m.rows.length === 0 ? (
            <Alert color="gray">{t("oversight.matrix.noCells")}</Alert>
          ) : (
            <Card withBorder p={0}>
              <Table.ScrollContainer minWidth={Math.max(600, 160 + columnsShown.length * 64)}>
                <Table withColumnBorders data-testid="matrix-table" fz="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th miw={200}>{t(`oversight.matrix.rowKind.${m.rowKind}`)}</Table.Th>
                      {columnsShown.map((c) => (
                        <Table.Th key={c.id} title={f.name(c)} style={{ writingMode: columnsShown.length > 12 ? "vertical-rl" : undefined }}>
                          {m.columnKind === "province" ? `${c.code} ${f.name(c)}` : f.name(c)}
                          {c.id === m.worstColumn && " ▼"}
                        </Table.Th>
                      ))}
                      <Table.Th>{t("oversight.matrix.total")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {m.rows.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Th scope="row" fw={500}>{f.name(r)}</Table.Th>
                        {columnsShown.map((c) => {
                          const cell = cells.get(`${r.id}|${c.id}`);
                          if (!cell) return <Table.Td key={c.id} aria-label={t("oversight.noValue")} />;
                          const fill = heatColor(metric, cell.value, lo, hi);
                          const label = t("oversight.matrix.cellLabel", { row: f.name(r), column: f.name(c), value: text(metric, cell.value) });
                          return (
                            <Table.Td key={c.id} p={0} style={{ background: fill }}>
                              <UnstyledButton
                                w="100%"
                                p={4}
                                aria-label={label}
                                title={label}
                                data-testid={`cell-${r.id || "none"}-${c.id}`}
                                style={{ color: heatText(fill), textAlign: "center" }}
                                onClick={() => drill(`${f.name(r)} · ${f.name(c)}`, { org: r.id && r.id !== "*" ? r.id : undefined, ...(provincesOf(c.id).length === 1 ? { province: c.id } : { area: c.id }) })}
                              >
                                {cell.value === null ? "–" : f.number(cell.value)}
                              </UnstyledButton>
                            </Table.Td>
                          );
                        })}
                        <Table.Td fw={700}>{text(metric, m.rowTotals.find((x) => x.row === r.id)?.value)}</Table.Td>
                      </Table.Tr>
                    ))}
                    <Table.Tr>
                      <Table.Th scope="row">{t("oversight.matrix.total")}</Table.Th>
                      {columnsShown.map((c) => (
                        <Table.Td key={c.id} fw={700} data-testid={`total-${c.id}`}>{text(metric, m.columnTotals.find((x) => x.column === c.id)?.value)}</Table.Td>
                      ))}
                      <Table.Td fw={700} data-testid="matrix-total">{text(metric, m.total.value)}</Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          )}
        </>
      ) : null}
      <RecordsDrawer query={records} onClose={() => setRecords(null)} />
    </Stack>
  );
}
