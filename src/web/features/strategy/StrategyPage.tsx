import { Badge, Card, Group, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { StrategyNodeListItem } from "../../../modules/strategy/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { DemoBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { provincesQuery } from "../provinces/queries.js";

const route = getRouteApi("/strategy");
type List = { items: StrategyNodeListItem[]; total: number };

/** The cascade's entry points: the national strategy and its master plans, the government agendas, and a province's strategy. */
export function StrategyPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/strategy" });
  const national = useQuery({ queryKey: ["strategy", "national"], queryFn: () => api.get<List>("/strategy/nodes", { kind: "national_strategy" }) });
  const plans = useQuery({ queryKey: ["strategy", "master_plan"], queryFn: () => api.get<List>("/strategy/nodes", { kind: "master_plan" }) });
  const agendas = useQuery({ queryKey: ["strategy", "government_agenda"], queryFn: () => api.get<List>("/strategy/nodes", { kind: "government_agenda" }) });
  const provinces = useQuery(provincesQuery);
  const code = search.provinceCode;
  const provincial = useQuery({
    queryKey: ["strategy", "province", code],
    queryFn: () => api.get<List>("/strategy/nodes", { provinceCode: code!, limit: 500 }),
    enabled: !!code,
  });
  if (national.isPending || plans.isPending || agendas.isPending) return <PageLoader />;
  const error = national.error ?? plans.error ?? agendas.error;
  if (error) return <ErrorAlert error={error} />;
  const plansOf = (nsId: string) => (plans.data?.items ?? []).filter((p) => p.serves.includes(nsId));
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} data-testid="strategy-title">{t("strategy.title")}</Title>
        <Text c="dark.4">{t("strategy.intro")}</Text>
      </div>
      <Card withBorder component="section" aria-labelledby="agendas-title">
        <Title order={2} size="h3" id="agendas-title" mb="sm">{t("strategy.agendas")}</Title>
        <Group gap="xs">
          {(agendas.data?.items ?? []).map((a) => (
            <AnchorLink key={a.id} to="/strategy/$id" params={{ id: a.id }} data-testid="agenda-link">
              <Badge variant="light" size="lg" style={{ cursor: "pointer", textTransform: "none" }}>{f.name(a)}</Badge>
            </AnchorLink>
          ))}
        </Group>
      </Card>
      <Card withBorder component="section" aria-labelledby="province-strategy-title">
        <Group justify="space-between" mb="sm" align="flex-end">
          <Title order={2} size="h3" id="province-strategy-title">{t("strategy.provincial")}</Title>
          <Select
            label={t("strategy.pickProvince")}
            searchable
            clearable
            w={260}
            data={(provinces.data ?? []).filter((p) => p.ceo).map((p) => ({ value: p.code, label: f.name(p) }))}
            value={code ?? null}
            onChange={(v) => void navigate({ search: { provinceCode: v ?? undefined } })}
            data-testid="strategy-province"
          />
        </Group>
        {!code && <Text c="dark.4">{t("strategy.pickProvinceHint")}</Text>}
        {code && provincial.isPending && <Text c="dark.4">{t("common.loading")}</Text>}
        {code && provincial.data && provincial.data.items.length === 0 && <Text c="dark.4">{t("strategy.noProvincial")}</Text>}
        <Stack gap={4}>
          {asTree(provincial.data?.items ?? []).map((n) => (
            <Group key={n.id} gap="xs" wrap="nowrap" pl={indent(n.kind)}>
              <Badge variant="outline" color="gray.8" size="sm" style={{ textTransform: "none", flexShrink: 0 }}>{t(`strategy.kinds.${n.kind}`)}</Badge>
              <AnchorLink to="/strategy/$id" params={{ id: n.id }}>{f.name(n)}</AnchorLink>
              {n.status === "draft" && <Badge color="orange.9" c="dark.9" variant="outline" size="sm">{t("strategy.draft")}</Badge>}
              <DemoBadge isDemo={n.isDemo} />
            </Group>
          ))}
        </Stack>
      </Card>
      <section aria-labelledby="national-title">
        <Title order={2} size="h3" id="national-title" mb="sm">{t("strategy.national")}</Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {(national.data?.items ?? []).map((ns) => (
            <Card key={ns.id} withBorder>
              <AnchorLink to="/strategy/$id" params={{ id: ns.id }} fw={700}>{f.name(ns)}</AnchorLink>
              <Stack gap={2} mt="xs">
                {plansOf(ns.id).map((p) => (
                  <AnchorLink key={p.id} to="/strategy/$id" params={{ id: p.id }} size="sm">{`${p.code} · ${f.name(p)}`}</AnchorLink>
                ))}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}

/** The province's strategy first, each strategic issue followed by its goals, then pain points and anything else. */
function asTree(items: readonly StrategyNodeListItem[]): StrategyNodeListItem[] {
  const byCode = (a: StrategyNodeListItem, b: StrategyNodeListItem) => (a.code ?? a.nameTh).localeCompare(b.code ?? b.nameTh, "th", { numeric: true });
  const out: StrategyNodeListItem[] = [];
  const seen = new Set<string>();
  const push = (n: StrategyNodeListItem) => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    out.push(n);
  };
  for (const s of items.filter((n) => n.kind === "provincial_strategy").sort(byCode)) push(s);
  for (const issue of items.filter((n) => n.kind === "strategic_issue").sort(byCode)) {
    push(issue);
    for (const g of items.filter((n) => n.kind === "provincial_goal" && n.serves.includes(issue.id)).sort(byCode)) push(g);
  }
  for (const n of [...items].sort(byCode)) push(n);
  return out;
}

const indent = (kind: string) => (kind === "strategic_issue" ? 24 : kind === "provincial_goal" ? 48 : 0);
