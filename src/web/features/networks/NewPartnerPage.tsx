import { useState } from "react";
import { Breadcrumbs, Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { grantProvinces } from "../delegation-requests/queries.js";
import { provincesQuery } from "../provinces/queries.js";

const route = getRouteApi("/networks/new");
const KINDS = ["private_sector", "civil_society", "academic", "community"] as const;

/** The governor's office adds a partner organisation to its province's network (organisations only: no contact persons). */
export function NewPartnerPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const provinces = useQuery(provincesQuery);
  const mine = grantProvinces(me.data, "networks:manage");
  const choices = (provinces.data ?? []).filter((p) => mine === null || mine.includes(p.code));
  const initialProvince = search.provinceCode && (mine === null || mine.includes(search.provinceCode)) ? search.provinceCode : mine?.length === 1 ? mine[0]! : "";
  const [v, setV] = useState({ kind: "private_sector" as (typeof KINDS)[number], provinceCode: initialProvince, nameTh: "", nameEn: "", website: "", focusTh: "", focusEn: "" });
  const create = useMutation({
    mutationFn: () =>
      api.post<{ id: string }>("/partners", {
        kind: v.kind,
        provinceCode: v.provinceCode,
        nameTh: v.nameTh,
        nameEn: v.nameEn || undefined,
        website: v.website.trim() || undefined,
        focusTh: v.focusTh || undefined,
        focusEn: v.focusEn || undefined,
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ["networks"] });
      void navigate({ to: "/partners/$id", params: { id: r.id } });
    },
  });
  if (me.isPending || provinces.isPending) return <PageLoader />;
  const allowed = holdsRoleFor(me.data, "networks:manage");
  return (
    <Stack gap="md">
      <div>
        <Breadcrumbs separator="›">
          <AnchorLink to="/networks" size="sm">{t("networks.title")}</AnchorLink>
        </Breadcrumbs>
        <Title order={1} mt={4} data-testid="partner-new-title">{t("networks.newTitle")}</Title>
        <Text c="dark.4">{t("networks.newIntro")}</Text>
      </div>
      {!allowed ? (
        <Text data-testid="partner-new-forbidden">{t("networks.newForbidden")}</Text>
      ) : (
        <Stack gap="xs" maw={900}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t("networks.province")} data={choices.map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={v.provinceCode || null} onChange={(x) => setV({ ...v, provinceCode: x ?? "" })} searchable required allowDeselect={false} data-testid="partner-province" />
            <Select label={t("networks.kind")} data={KINDS.map((k) => ({ value: k, label: t(`networks.kinds.${k}`) }))} value={v.kind} onChange={(k) => k && setV({ ...v, kind: k as typeof v.kind })} allowDeselect={false} required data-testid="partner-kind" />
            <TextInput label={t("networks.nameTh")} required value={v.nameTh} onChange={(e) => setV({ ...v, nameTh: e.currentTarget.value })} data-testid="partner-name-th" />
            <TextInput label={t("networks.nameEn")} value={v.nameEn} onChange={(e) => setV({ ...v, nameEn: e.currentTarget.value })} data-testid="partner-name-en" />
            <TextInput label={t("networks.focusTh")} value={v.focusTh} onChange={(e) => setV({ ...v, focusTh: e.currentTarget.value })} data-testid="partner-focus-th" />
            <TextInput label={t("networks.focusEn")} value={v.focusEn} onChange={(e) => setV({ ...v, focusEn: e.currentTarget.value })} data-testid="partner-focus-en" />
            <TextInput type="url" label={t("networks.website")} placeholder="https://" value={v.website} onChange={(e) => setV({ ...v, website: e.currentTarget.value })} data-testid="partner-website-input" />
          </SimpleGrid>
          <Text size="xs" c="dark.4">{t("networks.noPersonalData")}</Text>
          <Group>
            <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!v.nameTh.trim() || !v.provinceCode} data-testid="partner-submit">{t("common.save")}</Button>
            <Button variant="default" onClick={() => void navigate({ to: "/networks" })}>{t("common.cancel")}</Button>
          </Group>
          <ErrorAlert error={create.error} />
        </Stack>
      )}
    </Stack>
  );
}
