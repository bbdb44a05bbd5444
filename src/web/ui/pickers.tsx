import { useState } from "react";
import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { OrganizationSummary } from "../../modules/registry/contracts.js";
import type { ProjectList } from "../../modules/planning/contracts-projects.js";
import { api } from "../app/api.js";
import { useFormat } from "../app/format.js";

type PickerProps = {
  label: string;
  description?: string;
  value: string;
  onChange: (id: string) => void;
  /** only records of this province */
  provinceCode?: string;
  required?: boolean;
  testId: string;
};

/** Typing filters on the server: show its answer as it is (the options are already the matches). */
const asServed = ({ options }: { options: unknown[] }) => options as never;

/**
 * Picks an organisation by typing part of its Thai or English name (the registry's list, within a province when one
 * is given); the chosen organisation's id is what the form sends. Replaces typing ids such as pro:76:energy by hand.
 */
export function OrganizationPicker({ label, description, value, onChange, provinceCode, required, testId }: PickerProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const list = useQuery({
    queryKey: ["pick", "organizations", provinceCode ?? "", q],
    queryFn: () => api.get<{ items: OrganizationSummary[] }>("/organizations", { provinceCode, q: q || undefined, limit: 30 }),
  });
  const items = list.data?.items ?? [];
  const chosen = useQuery({
    queryKey: ["organizations", value],
    enabled: !!value && !items.some((o) => o.id === value),
    queryFn: () => api.get<OrganizationSummary>(`/organizations/${encodeURIComponent(value)}`),
  });
  const options = [...items, ...(chosen.data && !items.some((o) => o.id === chosen.data.id) ? [chosen.data] : [])];
  return (
    <Select
      label={label}
      description={description}
      required={required}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={asServed}
      nothingFoundMessage={list.isFetching ? t("common.loading") : t("common.noResults")}
      data={options.map((o) => ({ value: o.id, label: f.name(o) }))}
      value={value || null}
      onChange={(v) => onChange(v ?? "")}
      data-testid={testId}
    />
  );
}

/** Picks a project by its code or part of its Thai title (within a province when one is given). */
export function ProjectPicker({ label, description, value, onChange, provinceCode, required, testId }: PickerProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const list = useQuery({
    queryKey: ["pick", "projects", provinceCode ?? "", q],
    queryFn: () => api.get<ProjectList>("/planning/projects", { provinceCode, q: q || undefined, pageSize: 30, sort: "code" }),
  });
  const items = list.data?.items ?? [];
  const chosen = useQuery({
    queryKey: ["planning", "project", value],
    enabled: !!value && !items.some((p) => p.id === value),
    queryFn: () => api.get<{ id: string; code: string; titleTh: string; titleEn: string }>(`/planning/projects/${encodeURIComponent(value)}`),
  });
  const options = [...items, ...(chosen.data && !items.some((p) => p.id === chosen.data.id) ? [chosen.data] : [])];
  return (
    <Select
      label={label}
      description={description}
      required={required}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={asServed}
      nothingFoundMessage={list.isFetching ? t("common.loading") : t("common.noResults")}
      data={options.map((p) => ({ value: p.id, label: `${p.code} ${f.pick(p.titleTh, p.titleEn)}` }))}
      value={value || null}
      onChange={(v) => onChange(v ?? "")}
      data-testid={testId}
    />
  );
}
