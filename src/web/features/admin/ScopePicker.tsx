import { useState } from "react";
import { Group, Radio, Stack, Text, TextInput, UnstyledButton, Code, Paper } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ScopeKey, type GrantRoleInput } from "../../../modules/accounts/contracts.js";
import type { SearchResult } from "../../../modules/registry/contracts.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";

type Kind = "nation" | "area" | "org";

function kindOf(scope: string): Kind {
  return scope.startsWith("area:") ? "area" : scope.startsWith("org:") ? "org" : "nation";
}

/**
 * Builds a scope key: `nation`, `area:<area id>` (area ids are e.g. province:57, district:5701,
 * cluster:N2) or `org:<organisation id>`, by searching areas/organisations through /search.
 */
export function ScopePicker({ value, onChange, error }: { value: string; onChange: (scope: string, label: string | null) => void; error?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [kind, setKind] = useState<Kind>(kindOf(value));
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const [label, setLabel] = useState<string | null>(null);
  const results = useQuery({
    queryKey: ["scope-search", kind, debounced],
    queryFn: () => api.get<SearchResult>("/search", { q: debounced, kinds: kind === "area" ? "area" : "organization", limit: 12 }),
    enabled: kind !== "nation" && debounced.length > 0,
  });
  const valid = ScopeKey.safeParse(value).success;

  return (
    <Stack gap="xs">
      <Radio.Group
        label={t("scope.kind")}
        value={kind}
        onChange={(v) => {
          const k = v as Kind;
          setKind(k);
          setLabel(null);
          onChange(k === "nation" ? "nation" : "", null);
        }}
      >
        <Group gap="md" mt={4}>
          <Radio value="nation" label={t("scope.nation")} />
          <Radio value="area" label={t("scope.area")} />
          <Radio value="org" label={t("scope.organization")} />
        </Group>
      </Radio.Group>
      {kind !== "nation" && (
        <>
          <TextInput
            type="search"
            label={kind === "area" ? t("scope.searchArea") : t("scope.searchOrganization")}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            data-testid="scope-search"
          />
          <ErrorAlert error={results.error} />
          {results.data && (
            <Paper withBorder p={4} mah={220} style={{ overflowY: "auto" }}>
              {results.data.hits.length === 0 && <Text size="sm" p="xs">{t("common.noResults")}</Text>}
              <Stack gap={0} role="listbox" aria-label={t("scope.results")}>
                {results.data.hits.map((h) => {
                  const key = `${kind}:${h.id}`;
                  const selected = value === key;
                  return (
                    <UnstyledButton
                      key={h.id}
                      role="option"
                      aria-selected={selected}
                      onClick={() => {
                        const l = f.name(h);
                        setLabel(l);
                        onChange(key, l);
                      }}
                      p="xs"
                      style={{ borderRadius: 4, background: selected ? "var(--mantine-color-changwat-0)" : undefined }}
                    >
                      <Text size="sm" fw={selected ? 700 : 400}>
                        {selected ? "✓ " : ""}
                        {f.name(h)}
                      </Text>
                      <Text size="xs" c="dark.4">
                        {kind === "area" ? t(`areaClass.${h.classification}`, { defaultValue: h.classification }) : t(`orgClass.${h.classification}`, { defaultValue: h.classification })}
                        {h.contextTh || h.contextEn ? ` · ${f.pick(h.contextTh, h.contextEn)}` : ""}
                      </Text>
                    </UnstyledButton>
                  );
                })}
              </Stack>
            </Paper>
          )}
        </>
      )}
      <TextInput
        label={t("scope.key")}
        description={t("scope.keyHint")}
        value={value}
        onChange={(e) => {
          setLabel(null);
          onChange(e.currentTarget.value.trim(), null);
        }}
        error={error ?? (value && !valid ? t("scope.invalid") : undefined)}
        data-testid="scope-key"
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
      />
      {label && valid && (
        <Text size="sm">
          {t("scope.selected")}: <strong>{label}</strong> <Code>{value}</Code>
        </Text>
      )}
    </Stack>
  );
}

export type { GrantRoleInput };
