import { Badge, Card, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { SandboxDetail } from "../../../modules/performance/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { Countdown, SandboxStatusBadge } from "./SandboxStatus.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/sandboxes/$id");

/** One sandbox: its province, scope, the rules it waives or modifies, its life with the expiry reminder, and its results. */
export function SandboxPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id } = route.useParams();
  const q = useQuery({ queryKey: ["sandboxes", "one", id], queryFn: () => api.get<SandboxDetail>(`/sandboxes/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const s = q.data;
  const unit = (u: string) => t(`pilots.units.${u}`, { defaultValue: u });
  return (
    <Stack gap="lg">
      <div>
        <AnchorLink to="/sandboxes" size="sm">{t("nav.sandboxes")}</AnchorLink>
        <Group gap="sm" mt="xs">
          <SandboxStatusBadge s={s} />
          <DemoBadge isDemo={s.isDemo} />
        </Group>
        <Title order={1} mt={4} data-testid="sandbox-title">{f.pick(s.nameTh, s.nameEn)}</Title>
        <Group gap="xl" mt="sm">
          <Text size="sm"><b>{t("sandboxes.province")}</b>: <AnchorLink to="/provinces/$code" params={{ code: s.provinceCode }}>{f.pick(s.provinceNameTh, s.provinceNameEn)}</AnchorLink></Text>
          <Text size="sm"><b>{t("sandboxes.period")}</b>: {t("common.dateRange", { from: f.date(s.startsOn), to: f.date(s.expiresOn) })}</Text>
          {s.endedOn && <Text size="sm"><b>{t("sandboxes.endedOn")}</b>: {f.date(s.endedOn)}</Text>}
          <Countdown s={s} />
        </Group>
      </div>
      {s.expiringSoon && s.expiresInDays !== null && (
        <Paper withBorder p="sm" style={{ borderColor: "var(--mantine-color-orange-9)", borderWidth: 2 }} data-testid="sandbox-reminder">
          <Text fw={700}><span aria-hidden="true">◷ </span>{t("sandboxes.reminder", { days: s.expiresInDays, date: f.date(s.expiresOn) })}</Text>
        </Paper>
      )}
      {s.status === "expired" && (
        <Paper withBorder p="sm" style={{ borderColor: "var(--mantine-color-red-9)", borderWidth: 2 }} data-testid="sandbox-expired">
          <Text fw={700}><span aria-hidden="true">⚠ </span>{t("sandboxes.expiredNotice", { date: f.date(s.expiresOn) })}</Text>
        </Paper>
      )}
      <Card withBorder component="section" aria-labelledby="sandbox-scope-title">
        <Title order={2} size="h3" id="sandbox-scope-title" mb="xs">{t("sandboxes.scope")}</Title>
        <Text lang="th">{s.scopeTh}</Text>
        {s.legalBasisTh && (
          <Text size="sm" mt="sm"><b>{t("sandboxes.legalBasis")}</b>: <span lang="th">{s.legalBasisTh}</span></Text>
        )}
      </Card>
      <Card withBorder component="section" aria-labelledby="sandbox-rules-title">
        <Title order={2} size="h3" id="sandbox-rules-title" mb="xs">{t("sandboxes.rules")}</Title>
        <Table.ScrollContainer minWidth={640}>
          <ExportButtons size="compact-xs" variant="light" nextTable="sandbox-rules" />
          <Table striped data-testid="sandbox-rules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("sandboxes.rule")}</Table.Th>
                <Table.Th>{t("sandboxes.change")}</Table.Th>
                <Table.Th>{t("sandboxes.detail")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.rules.map((r, k) => (
                <Table.Tr key={k}>
                  <Table.Td lang="th">{r.ruleTh}</Table.Td>
                  <Table.Td><Badge variant="outline" color="gray.8" style={{ textTransform: "none" }}>{t(`sandboxes.changes.${r.change}`)}</Badge></Table.Td>
                  <Table.Td lang="th">{r.detailTh}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Card withBorder component="section" aria-labelledby="sandbox-results-title">
        <Title order={2} size="h3" id="sandbox-results-title" mb="xs">{t("sandboxes.results")}</Title>
        {s.results.length === 0 ? (
          <Text c="dark.4">{t("sandboxes.noResults")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <ExportButtons size="compact-xs" variant="light" nextTable="sandbox-results" />
            <Table striped data-testid="sandbox-results">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("sandboxes.measuredOn")}</Table.Th>
                  <Table.Th>{t("sandboxes.indicator")}</Table.Th>
                  <Table.Th style={{ textAlign: "right" }}>{t("sandboxes.baseline")}</Table.Th>
                  <Table.Th style={{ textAlign: "right" }}>{t("sandboxes.value")}</Table.Th>
                  <Table.Th>{t("sandboxes.note")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.results.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(r.measuredOn)}</Table.Td>
                    <Table.Td lang="th">{r.indicatorTh}</Table.Td>
                    <Table.Td style={{ textAlign: "right" }}>{r.baseline === null ? "–" : `${f.number(r.baseline)} ${unit(r.unit)}`}</Table.Td>
                    <Table.Td style={{ textAlign: "right" }}>{`${f.number(r.value)} ${unit(r.unit)}`}</Table.Td>
                    <Table.Td lang="th">{r.noteTh ?? ""}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
