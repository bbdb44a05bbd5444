import { Badge, Breadcrumbs, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { CascadeEntry, StrategyNodeDetail } from "../../../modules/strategy/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { HistoryPanel } from "../../ui/HistoryPanel.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { ChangedAfterPublicInput } from "../participation/ChangedAfterPublicInput.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/strategy/$id");

/** The cascade explorer: for one node, everything it serves up to the national strategy and everything serving it, across provinces. */
export function CascadePage() {
  const { id } = route.useParams();
  const q = useQuery({ queryKey: ["strategy", "node", id], queryFn: () => api.get<StrategyNodeDetail>(`/strategy/nodes/${seg(id)}`) });
  if (q.isPending) return <PageLoader />;
  if (q.error) return <ErrorAlert error={q.error} />;
  return <CascadeView node={q.data} />;
}

function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="gray.8" size="sm" style={{ textTransform: "none", flexShrink: 0 }}>
      {t(`strategy.kinds.${kind}`)}
    </Badge>
  );
}

function CascadeView({ node }: { node: StrategyNodeDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const approve = useMutation({
    mutationFn: () => api.post(`/strategy/nodes/${seg(node.id)}/approve`, {}),
    onSuccess: () => void qc.invalidateQueries(),
  });
  // the chain above, highest first; below, grouped by province (national and cluster nodes first)
  const above = [...node.above].sort((a, b) => b.depth - a.depth);
  const groups = new Map<string, CascadeEntry[]>();
  for (const b of node.below) groups.set(b.provinceCode ?? "", [...(groups.get(b.provinceCode ?? "") ?? []), b]);
  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs separator="›" aria-label={t("strategy.above")} styles={{ root: { flexWrap: "wrap" } }}>
          <AnchorLink to="/strategy" size="sm">{t("nav.strategy")}</AnchorLink>
          {above.map((a) => (
            <AnchorLink key={a.id} to="/strategy/$id" params={{ id: a.id }} size="sm">{a.code ?? f.name(a)}</AnchorLink>
          ))}
        </Breadcrumbs>
        <Group gap="sm" mt="xs">
          <KindBadge kind={node.kind} />
          {node.status === "draft" && <Badge color="orange.9" c="dark.9" variant="outline">{t("strategy.draft")}</Badge>}
          <DemoBadge isDemo={node.isDemo} />
        </Group>
        <Title order={1} mt={4} data-testid="strategy-node-title">{f.name(node)}</Title>
        <Text c="dark.4" lang={f.other}>{f.lang === "th" ? node.nameEn : node.nameTh}</Text>
        <Group gap="lg" mt="xs">
          {node.mission && <Text size="sm">{t("strategy.mission")}: {t(`strategy.missions.${node.mission}`)}</Text>}
          {node.fromYear && <Text size="sm">{t("strategy.years", { from: f.lang === "th" ? node.fromYear : node.fromYear - 543, to: f.lang === "th" ? node.toYear : (node.toYear ?? 0) - 543 })}</Text>}
          {node.approvedBy && <Text size="sm">{t("strategy.approvedBy", { who: node.approvedBy })}</Text>}
        </Group>
        {node.may.approve && (
          <Button mt="sm" onClick={() => approve.mutate()} loading={approve.isPending} data-testid="strategy-approve">{t("strategy.approve")}</Button>
        )}
        <ErrorAlert error={approve.error} />
      </div>

      <Card withBorder component="section" aria-labelledby="above-title">
        <Title order={2} size="h3" id="above-title" mb="sm">{t("strategy.above")}</Title>
        {above.length === 0 ? <Text c="dark.4">{t("strategy.top")}</Text> : (
          <Stack gap={4} data-testid="cascade-above">
            {above.map((a) => (
              <Group key={a.id} gap="xs" wrap="nowrap">
                <KindBadge kind={a.kind} />
                <AnchorLink to="/strategy/$id" params={{ id: a.id }}>{f.name(a)}</AnchorLink>
              </Group>
            ))}
          </Stack>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="below-title">
        <Title order={2} size="h3" id="below-title" mb="sm">{t("strategy.below", { count: node.belowTotal })}</Title>
        {node.below.length === 0 ? <Text c="dark.4">{t("strategy.nothingBelow")}</Text> : (
          <div className="table-scroll">
            <ExportButtons size="compact-xs" variant="light" nextTable="cascade-below" />
            <Table data-testid="cascade-below">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("strategy.province")}</Table.Th>
                  <Table.Th>{t("strategy.kind")}</Table.Th>
                  <Table.Th>{t("strategy.name")}</Table.Th>
                  <Table.Th>{t("strategy.steps")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...groups.entries()].flatMap(([, rows]) =>
                  rows.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td>{b.provinceCode ? <AnchorLink to="/provinces/$code" params={{ code: b.provinceCode }}>{b.provinceCode}</AnchorLink> : "—"}</Table.Td>
                      <Table.Td><KindBadge kind={b.kind} /></Table.Td>
                      <Table.Td>
                        <AnchorLink to="/strategy/$id" params={{ id: b.id }}>{f.name(b)}</AnchorLink> <DemoBadge isDemo={b.isDemo} />
                      </Table.Td>
                      <Table.Td>{f.number(b.depth)}</Table.Td>
                    </Table.Tr>
                  )),
                )}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Card>
      <ChangedAfterPublicInput subjectId={node.id} />
      <HistoryPanel entityType="strategy-node" entityId={node.id} allowed={node.may.history} />
    </Stack>
  );
}
