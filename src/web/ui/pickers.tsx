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

type Option = { id: string };

/**
 * A searchable select whose options come from the server: typing asks `fetch` for the matches (debounced), and the
 * chosen record is fetched on its own when it is not among them (a form opened on a saved value still shows its name).
 */
export function RemotePicker<T extends Option>({ label, description, value, onChange, required, testId, listKey, fetch, fetchOne, optionLabel }: Omit<PickerProps, "provinceCode"> & {
  listKey: readonly unknown[];
  fetch: (q: string | undefined) => Promise<{ items: T[] }>;
  fetchOne: readonly [key: readonly unknown[], get: () => Promise<T>];
  optionLabel: (item: T) => string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const list = useQuery({ queryKey: [...listKey, q], queryFn: () => fetch(q || undefined) });
  const items = list.data?.items ?? [];
  const listed = items.some((o) => o.id === value);
  const chosen = useQuery({ queryKey: fetchOne[0], enabled: !!value && !listed, queryFn: fetchOne[1] });
  const extra = chosen.data;
  const options = extra && !items.some((o) => o.id === extra.id) ? [...items, extra] : items;
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
      data={options.map((o) => ({ value: o.id, label: optionLabel(o) }))}
      value={value || null}
      onChange={(v) => onChange(v ?? "")}
      data-testid={testId}
    />
  );
}

/**
 * Picks an organisation by typing part of its Thai or English name (the registry's list, within a province when one
 * is given); the chosen organisation's id is what the form sends. Replaces typing ids such as pro:76:energy by hand.
 */
export function OrganizationPicker({ provinceCode, value, ...rest }: PickerProps) {
  const f = useFormat();
  return (
    <RemotePicker<OrganizationSummary>
      {...rest}
      value={value}
      listKey={["pick", "organizations", provinceCode ?? ""]}
      fetch={(q) => api.get<{ items: OrganizationSummary[] }>("/organizations", { provinceCode, q, limit: 30 })}
      fetchOne={[["organizations", value], () => api.get<OrganizationSummary>(`/organizations/${encodeURIComponent(value)}`)]}
      optionLabel={(o) => f.name(o)}
    />
  );
}

type ProjectOption = { id: string; code: string; titleTh: string; titleEn: string };

/** Picks a project by its code or part of its Thai title (within a province when one is given). */
export function ProjectPicker({ provinceCode, value, ...rest }: PickerProps) {
  const f = useFormat();
  return (
    <RemotePicker<ProjectOption>
      {...rest}
      value={value}
      listKey={["pick", "projects", provinceCode ?? ""]}
      fetch={(q) => api.get<ProjectList>("/planning/projects", { provinceCode, q, pageSize: 30, sort: "code" })}
      fetchOne={[["planning", "project", value], () => api.get<ProjectOption>(`/planning/projects/${encodeURIComponent(value)}`)]}
      optionLabel={(p) => `${p.code} ${f.pick(p.titleTh, p.titleEn)}`}
    />
  );
}
