import { useEffect, useState } from "react";
import { Badge, Button, Card, Chip, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { SearchHit, SearchResult } from "../../../modules/registry/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/search");
const KINDS = ["area", "organization", "person", "post"] as const;
type Kind = (typeof KINDS)[number];

export function SearchPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/search" });
  const q = search.q?.trim() ?? "";
  const kinds = (search.kinds?.split(",").filter((k): k is Kind => (KINDS as readonly string[]).includes(k)) ?? []) as Kind[];
  const [text, setText] = useState(q);
  const [limit, setLimit] = useState(50);
  useEffect(() => setText(q), [q]);

  const result = useQuery({
    queryKey: ["search", q, kinds.join(","), limit],
    queryFn: () => api.get<SearchResult>("/search", { q, kinds: kinds.length ? kinds.join(",") : undefined, limit }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  const hits = result.data?.hits ?? [];
  const groups = KINDS.map((k) => ({ kind: k, hits: hits.filter((h) => h.kind === k) })).filter((g) => g.hits.length);

  return (
    <Stack gap="md">
      <Title order={1}>{t("search.title")}</Title>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void navigate({ search: (s) => ({ ...s, q: text.trim() || undefined }) });
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput type="search" label={t("search.label")} placeholder={t("search.globalPlaceholder")} value={text} onChange={(e) => setText(e.currentTarget.value)} w={{ base: "100%", sm: 420 }} data-testid="search-input" />
          <Select label={t("search.limit")} data={["20", "50", "100"]} value={String(limit)} onChange={(v) => setLimit(Number(v ?? 50))} w={110} allowDeselect={false} />
          <Button type="submit">{t("search.submit")}</Button>
        </Group>
      </form>
      <Chip.Group
        multiple
        value={kinds}
        onChange={(v) => void navigate({ search: (s) => ({ ...s, kinds: v.length ? v.join(",") : undefined }) })}
      >
        <Group gap="xs" role="group" aria-label={t("search.kindsLabel")}>
          {KINDS.map((k) => (
            <Chip key={k} value={k} variant="outline">
              {t(`search.kinds.${k}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>

      {!q && <Text c="dark.4">{t("search.empty")}</Text>}
      <ErrorAlert error={result.error} />
      {q && result.isPending && <PageLoader />}
      {result.data && (
        <Stack gap="md" data-testid="search-results">
          <Group gap="xs" wrap="wrap">
            <Text size="sm">{t("search.words")}:</Text>
            {result.data.words.length ? (
              result.data.words.map((w, i) => (
                <Badge key={`${w}-${i}`} variant="outline" color="gray.8" data-testid="search-word">
                  {w}
                </Badge>
              ))
            ) : (
              <Text size="sm">{result.data.query}</Text>
            )}
            <Text size="sm" c="dark.4" aria-live="polite">
              · {t("search.hitCount", { count: hits.length })}
            </Text>
            {hits.length > 0 && (
              <ExportButtons table={() => ({ fileName: "search", header: ["kind", "id", "classification", "name_th", "name_en", "context_th", "context_en", "province_code", "score"], rows: hits.map((h) => [h.kind, h.id, h.classification, h.nameTh, h.nameEn, h.contextTh, h.contextEn, h.provinceCode, h.score]) })} variant="subtle" size="compact-sm" />
            )}
          </Group>
          {hits.length === 0 && <Text>{t("common.noResults")}</Text>}
          {groups.map((g) => (
            <Card withBorder key={g.kind} component="section" aria-labelledby={`hits-${g.kind}`}>
              <Title order={2} size="h3" id={`hits-${g.kind}`} mb="xs">
                {t(`search.kinds.${g.kind}`)} ({f.number(g.hits.length)})
              </Title>
              <Stack gap={6} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {g.hits.map((h) => (
                  <li key={`${h.kind}:${h.id}`} data-testid="search-hit">
                    <Group gap="xs" wrap="wrap">
                      <HitLink hit={h} />
                      <Text size="xs" c="dark.4">
                        {hitClassLabel(h, t)}
                      </Text>
                    </Group>
                    {(h.contextTh || h.contextEn) && (
                      <Text size="sm" c="dark.5">
                        {f.pick(h.contextTh, h.contextEn)}
                      </Text>
                    )}
                  </li>
                ))}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function hitClassLabel(h: SearchHit, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (h.kind === "area") return t(`areaClass.${h.classification}`, { defaultValue: h.classification });
  if (h.kind === "organization") return t(`orgClass.${h.classification}`, { defaultValue: h.classification });
  if (h.kind === "post") return t(`postRoles.${h.classification}`, { defaultValue: h.classification });
  return "";
}

function HitLink({ hit }: { hit: SearchHit }) {
  const f = useFormat();
  const name = f.name(hit);
  if (hit.kind === "area") {
    const code = hit.id.startsWith("province:") ? hit.id.slice("province:".length) : null;
    if (hit.classification === "province" && code) {
      return <AnchorLink to="/provinces/$code" params={{ code }} fw={500}>{name}</AnchorLink>;
    }
    return <AnchorLink to="/areas/$id" params={{ id: hit.id }} fw={500}>{name}</AnchorLink>;
  }
  if (hit.kind === "organization") return <AnchorLink to="/organizations/$id" params={{ id: hit.id }} fw={500}>{name}</AnchorLink>;
  if (hit.kind === "person") return <AnchorLink to="/persons/$id" params={{ id: hit.id }} fw={500}>{name}</AnchorLink>;
  return <PostHitLink hit={hit} name={name} />;
}

/** A post opens the page of the organisation it belongs to. */
function PostHitLink({ hit, name }: { hit: SearchHit; name: string }) {
  if (!hit.organizationId) return <Text fw={500}>{name}</Text>;
  return <AnchorLink to="/organizations/$id" params={{ id: hit.organizationId }} fw={500}>{name}</AnchorLink>;
}
