import { Alert as MAlert, Anchor, Badge, Button, Card, Checkbox, Group, MultiSelect, Select, Stack, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ALERT_RULES, type AlertPage, type AlertRule, type AlertSeverity, type AlertSubscriptions, type DigestFrequency } from "../../../modules/oversight/contracts-alerts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { ListPagination, NoResultsRow } from "../../ui/table.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/oversight/alerts");
const PAGE_SIZE = 50;
// glyphs the bundled and fallback fonts all draw (⛔ is missing from them)
const SEVERITY_ICON: Record<AlertSeverity, string> = { critical: "‼", warning: "⚠", notice: "ℹ" };
const SEVERITY_COLOR: Record<AlertSeverity, string> = { critical: "red.8", warning: "orange.8", notice: "blue.8" };

/** Severity as an icon and a word (never colour alone). */
export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={SEVERITY_COLOR[severity]} styles={{ label: { color: "var(--mantine-color-dark-9)" } }} style={{ textTransform: "none" }} data-testid={`severity-${severity}`}>
      <span aria-hidden="true">{SEVERITY_ICON[severity]} </span>
      {t(`oversight.alerts.severity.${severity}`)}
    </Badge>
  );
}

/**
 * The alert inbox of an operation centre: the open alerts of the reader's subscribed scopes (or of their landing scope
 * when they subscribed to nothing), filtered by rule, province, status and unread, each linking to its record; and the
 * reader's subscriptions (scopes, rules, e-mail digest) below.
 */
export function AlertsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const en = i18n.language === "en";
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/oversight/alerts" });
  const qc = useQueryClient();
  const page = search.page ?? 1;
  const query = { rule: search.rule, province: search.province, status: search.status ?? "open", unread: search.unread ? "true" : undefined, page, pageSize: PAGE_SIZE };
  const q = useQuery({ queryKey: ["oversight", "alerts", query], queryFn: () => api.get<AlertPage>("/oversight/alerts", query), placeholderData: keepPreviousData });
  const mark = useMutation({
    mutationFn: ({ id, read }: { id: string; read: boolean }) => api.post(`/oversight/alerts/${encodeURIComponent(id)}/read`, { read }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["oversight", "alerts"] }),
  });
  const set = (patch: Record<string, unknown>) => void navigate({ search: (s) => ({ ...s, page: undefined, ...patch }) });
  const d = q.data;
  const provinces = new Map((d?.provinces ?? []).map((p) => [p.code, `${en ? p.nameEn : p.nameTh} (${f.number(p.alerts)})`]));
  if (search.province && !provinces.has(search.province)) provinces.set(search.province, search.province);
  const provinceOptions = [{ value: "", label: t("oversight.alerts.allProvinces") }, ...[...provinces].map(([value, label]) => ({ value, label }))];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} data-testid="alerts-title">{t("oversight.alerts.title")}</Title>
          <Text c="dark.4">{t("oversight.alerts.intro")}</Text>
        </div>
        <AnchorLink to="/oversight" data-testid="link-dashboard">{t("oversight.openDashboard")}</AnchorLink>
      </Group>
      {d && (
        <Text size="sm" data-testid="alerts-scopes">
          {t(`oversight.alerts.source.${d.source}`)}: {d.scopes.map((s) => `${f.name(s)}${s.rules ? ` (${s.rules.map((r) => t(`oversight.alerts.rules.${r}`)).join(", ")})` : ""}`).join(" · ") || "—"}
        </Text>
      )}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t("oversight.alerts.rule")}
          data={[{ value: "", label: t("oversight.alerts.allRules") }, ...ALERT_RULES.map((r) => ({ value: r, label: t(`oversight.alerts.rules.${r}`) }))]}
          value={search.rule ?? ""}
          onChange={(v) => set({ rule: v || undefined })}
          allowDeselect={false}
          w={{ base: "100%", sm: 300 }}
          data-testid="alerts-rule"
        />
        <Select
          label={t("oversight.province")}
          data={provinceOptions}
          value={search.province ?? ""}
          onChange={(v) => set({ province: v || undefined })}
          allowDeselect={false}
          w={{ base: "100%", sm: 220 }}
          data-testid="alerts-province"
        />
        <Select
          label={t("oversight.alerts.status")}
          data={(["open", "resolved", "all"] as const).map((s) => ({ value: s, label: t(`oversight.alerts.statuses.${s}`) }))}
          value={search.status ?? "open"}
          onChange={(v) => set({ status: v === "open" ? undefined : v })}
          allowDeselect={false}
          w={{ base: "100%", sm: 180 }}
          data-testid="alerts-status"
        />
        <Checkbox label={t("oversight.alerts.unreadOnly")} checked={!!search.unread} onChange={(e) => set({ unread: e.currentTarget.checked || undefined })} data-testid="alerts-unread" />
        {d && (
          <ExportButtons table={() => ({ fileName: "oversight-alerts", header: [t("oversight.alerts.severityLabel"), t("oversight.alerts.rule"), t("oversight.province"), t("oversight.function"), t("oversight.alerts.subject"), t("oversight.alerts.raised"), t("oversight.alerts.resolved")], rows: d.items.map((a) => [t(`oversight.alerts.severity.${a.severity}`), t(`oversight.alerts.rules.${a.rule}`), en ? a.provinceNameEn : a.provinceNameTh, (en ? a.orgNameEn : a.orgNameTh) ?? "", en ? a.titleEn : a.titleTh, f.dateTime(a.raisedAt), a.resolvedAt ? f.dateTime(a.resolvedAt) : ""]) })} size="xs" csvLabel={t("oversight.exportCsv")} />
        )}
      </Group>
      <ErrorAlert error={q.error ?? mark.error} />
      {q.isPending ? (
        <PageLoader />
      ) : d ? (
        <Card withBorder component="section" aria-labelledby="alerts-list">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="alerts-list">{t("oversight.alerts.list", { count: d.total })}</Title>
            <Text size="sm" data-testid="alerts-unread-count">{t("oversight.alerts.unreadCount", { count: d.unread })}</Text>
          </Group>
          <Table.ScrollContainer minWidth={900}>
            <Table striped data-testid="alerts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("oversight.alerts.severityLabel")}</Table.Th>
                  <Table.Th>{t("oversight.alerts.subject")}</Table.Th>
                  <Table.Th>{t("oversight.province")}</Table.Th>
                  <Table.Th>{t("oversight.function")}</Table.Th>
                  <Table.Th>{t("oversight.alerts.raised")}</Table.Th>
                  <Table.Th>{t("oversight.alerts.readLabel")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <NoResultsRow colSpan={6} show={d.items.length === 0} />
                {d.items.map((a) => (
                  <Table.Tr key={a.id} data-testid="alert-row" fw={a.read ? undefined : 600}>
                    <Table.Td>
                      <SeverityBadge severity={a.severity} />
                    </Table.Td>
                    <Table.Td>
                      <Anchor href={a.link} data-testid="alert-link">{en ? a.titleEn : a.titleTh}</Anchor>
                      <Text size="xs" c="dark.4">
                        {t(`oversight.alerts.rules.${a.rule}`)} · {en ? a.detailEn : a.detailTh}
                        {a.resolvedAt && ` · ${t("oversight.alerts.resolvedOn", { date: f.dateTime(a.resolvedAt) })}`}
                      </Text>
                      <DemoBadge isDemo={a.isDemo} />
                    </Table.Td>
                    <Table.Td>{en ? a.provinceNameEn : a.provinceNameTh}</Table.Td>
                    <Table.Td>{(en ? a.orgNameEn : a.orgNameTh) ?? "—"}</Table.Td>
                    <Table.Td>{f.dateTime(a.raisedAt)}</Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="default" loading={mark.isPending && mark.variables?.id === a.id} onClick={() => mark.mutate({ id: a.id, read: !a.read })} aria-label={`${a.read ? t("oversight.alerts.markUnread") : t("oversight.alerts.markRead")}: ${en ? a.titleEn : a.titleTh}`} data-testid="alert-mark">
                        {a.read ? t("oversight.alerts.markUnread") : t("oversight.alerts.markRead")}
                      </Button>
                      <Text size="xs" c="dark.4">{a.read ? t("oversight.alerts.read") : t("oversight.alerts.unread")}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="center" mt="sm">
            <ListPagination total={d.total} pageSize={PAGE_SIZE} page={page} onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p }) })} />
          </Group>
        </Card>
      ) : null}
      <SubscriptionSettings />
    </Stack>
  );
}

type Draft = { scope: string; rules: AlertRule[]; frequency: DigestFrequency };

/** The reader's alert subscriptions: which scopes (of those their grants open), which rules, which e-mail digest. */
function SubscriptionSettings() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ["oversight", "alert-subscriptions"], queryFn: () => api.get<AlertSubscriptions>("/oversight/alert-subscriptions") });
  const [draft, setDraft] = useState<Draft[] | null>(null);
  useEffect(() => {
    if (q.data && draft === null) setDraft(q.data.subscriptions.map((s) => ({ scope: s.scope.key, rules: s.rules ?? [], frequency: s.frequency })));
  }, [q.data, draft]);
  const save = useMutation({
    mutationFn: (rows: Draft[]) => api.put<AlertSubscriptions>("/oversight/alert-subscriptions", { subscriptions: rows.map((r) => ({ scope: r.scope, rules: r.rules.length ? r.rules : null, frequency: r.frequency })) }),
    onSuccess: (data) => {
      qc.setQueryData(["oversight", "alert-subscriptions"], data);
      setDraft(data.subscriptions.map((s) => ({ scope: s.scope.key, rules: s.rules ?? [], frequency: s.frequency })));
      void qc.invalidateQueries({ queryKey: ["oversight", "alerts"] });
    },
  });
  const d = q.data;
  const rows = draft ?? [];
  const update = (i: number, patch: Partial<Draft>) => setDraft(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const unused = (d?.available ?? []).filter((s) => !rows.some((r) => r.scope === s.key));
  const defaultName = d?.available.find((s) => s.key === d.defaultScope);

  return (
    <Card withBorder component="section" aria-labelledby="alert-subscriptions" data-testid="alert-subscriptions">
      <Title order={2} size="h4" id="alert-subscriptions" mb="xs">{t("oversight.alerts.subscriptions.title")}</Title>
      <Text size="sm" c="dark.4" mb="sm">{t("oversight.alerts.subscriptions.intro", { scope: defaultName ? f.name(defaultName) : "—" })}</Text>
      <ErrorAlert error={q.error ?? save.error} />
      {save.isSuccess && <MAlert color="green" mb="sm" data-testid="subscriptions-saved">{t("oversight.alerts.subscriptions.saved")}</MAlert>}
      <Stack gap="sm">
        {rows.map((r, i) => {
          const s = d?.available.find((x) => x.key === r.scope) ?? d?.subscriptions.find((x) => x.scope.key === r.scope)?.scope;
          return (
            <Group key={r.scope} align="flex-end" wrap="wrap" data-testid="subscription-row">
              <Text fw={600} w={{ base: "100%", sm: 240 }}>{s ? `${f.name(s)} · ${t(`oversight.scopeKind.${s.kind}`)}` : r.scope}</Text>
              <MultiSelect
                label={t("oversight.alerts.subscriptions.rules")}
                placeholder={r.rules.length ? undefined : t("oversight.alerts.allRules")}
                data={ALERT_RULES.map((x) => ({ value: x, label: t(`oversight.alerts.rules.${x}`) }))}
                value={r.rules}
                onChange={(v) => update(i, { rules: v as AlertRule[] })}
                w={{ base: "100%", sm: 360 }}
              />
              <Select
                label={t("oversight.alerts.subscriptions.frequency")}
                data={(["none", "daily", "weekly"] as const).map((x) => ({ value: x, label: t(`oversight.alerts.subscriptions.frequencies.${x}`) }))}
                value={r.frequency}
                onChange={(v) => v && update(i, { frequency: v as DigestFrequency })}
                allowDeselect={false}
                w={{ base: "100%", sm: 220 }}
                data-testid="subscription-frequency"
              />
              <Button variant="default" size="xs" onClick={() => setDraft(rows.filter((_, j) => j !== i))}>{t("oversight.alerts.subscriptions.remove")}</Button>
            </Group>
          );
        })}
        {unused.length > 0 && (
          <Select
            label={t("oversight.alerts.subscriptions.add")}
            placeholder={t("oversight.alerts.subscriptions.addPlaceholder")}
            data={unused.map((s) => ({ value: s.key, label: `${f.name(s)} · ${t(`oversight.scopeKind.${s.kind}`)}` }))}
            value={null}
            onChange={(v) => v && setDraft([...rows, { scope: v, rules: [], frequency: "daily" }])}
            searchable
            w={{ base: "100%", sm: 360 }}
            data-testid="subscription-add"
          />
        )}
        <Group>
          <Button onClick={() => save.mutate(rows)} loading={save.isPending} data-testid="subscriptions-save">{t("oversight.alerts.subscriptions.save")}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
