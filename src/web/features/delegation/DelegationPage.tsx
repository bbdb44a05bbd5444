import { Stack, Tabs, Text, Title, Group } from "@mantine/core";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { DelegationSearch } from "../../app/router.js";
import { ButtonLink } from "../../ui/links.js";
import { InstrumentsView } from "./InstrumentsView.js";
import { MinistryView } from "./MinistryView.js";
import { PowersView } from "./PowersView.js";
import { ProvinceView } from "./ProvinceView.js";

const route = getRouteApi("/delegation");
export const VIEWS = ["powers", "province", "ministry", "instruments"] as const;
export type DelegationViewName = (typeof VIEWS)[number];

/**
 * The delegation registry (การมอบอำนาจ): the powers catalogue, what a province's governor may decide on a day,
 * each ministry's powers and instruments, and the instruments themselves. The view and its filters live in the URL.
 */
export function DelegationPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/delegation" });
  const view: DelegationViewName = search.view ?? "powers";
  const setSearch = (patch: Partial<DelegationSearch>, replace = true) => void navigate({ search: (s) => ({ ...s, ...patch }), replace });
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div style={{ flex: "1 1 420px", minWidth: 0 }}>
          <Title order={1} data-testid="delegation-title">{t("delegation.title")}</Title>
          <Text c="dark.4">{t("delegation.intro")}</Text>
        </div>
        <ButtonLink to="/delegation/authority" variant="light" data-testid="ask-authority">
          {t("delegation.askButton")}
        </ButtonLink>
      </Group>
      <Tabs value={view} onChange={(v) => v && setSearch({ view: v === "powers" ? undefined : (v as DelegationViewName), page: undefined }, false)} keepMounted={false}>
        <Tabs.List>
          {VIEWS.map((v) => (
            <Tabs.Tab key={v} value={v} data-testid={`view-${v}`}>
              {t(`delegation.views.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="powers" pt="md">
          <PowersView search={search} setSearch={setSearch} />
        </Tabs.Panel>
        <Tabs.Panel value="province" pt="md">
          <ProvinceView search={search} setSearch={setSearch} />
        </Tabs.Panel>
        <Tabs.Panel value="ministry" pt="md">
          <MinistryView search={search} setSearch={setSearch} />
        </Tabs.Panel>
        <Tabs.Panel value="instruments" pt="md">
          <InstrumentsView search={search} setSearch={setSearch} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export interface ViewProps {
  search: DelegationSearch;
  setSearch: (patch: Partial<DelegationSearch>, replace?: boolean) => void;
}
