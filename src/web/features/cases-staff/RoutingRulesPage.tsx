import { useMemo, useState } from "react";
import { Button, Card, Group, Modal, Radio, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { AreaSummary } from "../../../modules/registry/contracts.js";
import type { RoutingProvinces, RoutingRuleList } from "../../../modules/cases/contracts.js";
import { api, isApiError, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { OrganizationPicker } from "../../ui/pickers.js";
import { NoResultsRow } from "../../ui/table.js";
import { provinceQuery, provincesQuery } from "../provinces/queries.js";
import { categoriesQuery, categoryOptions, homePlace } from "./cases-ui.js";
import { ExportButtons } from "../../ui/ExportButtons.js";

const route = getRouteApi("/cases/routing");
type Rule = RoutingRuleList["items"][number];
type Level = "province" | "district" | "subdistrict";
const ALL = "__all__";

/**
 * A province's routing rules: who handles a category (or every category) in the province, a district or a subdistrict.
 * The most specific rule wins at intake; without one, the category's provincial office, else the province's centre.
 * Everyone who takes or handles the province's cases reads them; the server says who may change them (canWrite):
 * the others see them read-only, with whom to ask.
 */
export function RoutingRulesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const navigate = useNavigate({ from: "/cases/routing" });
  const { province: chosen } = route.useSearch();
  const home = useMemo(() => homePlace(me.data), [me.data]);
  // only the provinces whose rules the reader may read are offered (a district's centre: its own, so no choice)
  const readable = useQuery({ queryKey: ["cases", "routing-rules", "provinces"], queryFn: () => api.get<RoutingProvinces>("/cases/routing-rules/provinces"), staleTime: 10 * 60_000 });
  const codes = readable.data?.provinceCodes;
  // an office's own province by default; a nation-wide administrator chooses one first
  const provinceCode = chosen ?? home.provinceCode ?? (codes?.length === 1 ? codes[0]! : null);
  const qc = useQueryClient();

  const provinces = useQuery(provincesQuery);
  const provinceOptions = useMemo(() => (provinces.data ?? []).filter((p) => codes?.includes(p.code)).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` })), [provinces.data, codes, f]);
  const province = useQuery({ ...provinceQuery(provinceCode ?? "00"), enabled: !!provinceCode });
  const subdistricts = useQuery({
    queryKey: ["areas", "subdistricts-of-province", provinceCode],
    queryFn: () => api.get<{ items: AreaSummary[] }>("/areas", { classification: "subdistrict", provinceCode, limit: 500 }),
    enabled: !!provinceCode,
    staleTime: 10 * 60_000,
  });
  const categories = useQuery(categoriesQuery);
  const rules = useQuery({ queryKey: ["cases", "routing-rules", provinceCode], queryFn: () => api.get<RoutingRuleList>("/cases/routing-rules", { provinceCode }), enabled: !!provinceCode });
  const canWrite = rules.data?.canWrite === true;
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/cases/routing-rules/${seg(id)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["cases", "routing-rules"] }),
  });
  const [deleting, setDeleting] = useState<Rule | null>(null);

  const areaName = (areaId: string): string => {
    const [kind, code] = areaId.split(":") as [Level, string];
    if (kind === "province") return t("casesStaff.routing.wholeProvince", { name: province.data ? f.name(province.data) : code });
    if (kind === "district") {
      const d = province.data?.districts.find((x) => x.code === code);
      return t("casesStaff.routing.districtName", { name: d ? f.name(d) : code });
    }
    const s = subdistricts.data?.items.find((x) => x.code === code);
    const d = province.data?.districts.find((x) => x.code === code.slice(0, 4));
    return t("casesStaff.routing.subdistrictName", { name: s ? f.name(s) : code, district: d ? f.name(d) : code.slice(0, 4) });
  };
  const categoryName = (id: string | null) => {
    if (!id) return t("casesStaff.routing.allCategories");
    const c = categories.data?.items.find((x) => x.id === id);
    return c ? f.pick(c.nameTh, c.nameEn) : id;
  };
  const items = rules.data?.items ?? [];
  const thData = f.lang === "en" ? "th" : undefined;

  return (
    <Stack gap="md">
      <div>
        <Title order={1} data-testid="routing-title">{t("casesStaff.routing.title")}</Title>
        <Text c="dark.4">{t("casesStaff.routing.intro")}</Text>
      </div>
      {codes && codes.length > 1 && (
        <Group gap="sm" align="flex-end">
          <Select label={t("casesStaff.queue.province")} searchable allowDeselect={false} data={provinceOptions} value={provinceCode} placeholder={t("casesStaff.routing.chooseProvince")} onChange={(v) => v && void navigate({ search: { province: v } })} w={260} data-testid="routing-province" />
        </Group>
      )}
      {codes && codes.length <= 1 && provinceCode && province.data && (
        <Text fw={600} data-testid="routing-province-name">{t("casesStaff.routing.provinceName", { name: f.name(province.data) })}</Text>
      )}
      <ErrorAlert error={readable.error ?? rules.error ?? remove.error} />
      {!provinceCode && <Text data-testid="routing-choose-province">{t("casesStaff.routing.chooseProvince")}</Text>}
      {provinceCode && rules.data && !canWrite && (
        <Card withBorder p="sm" bg="gray.0" data-testid="routing-read-only">
          <Text size="sm" fw={600}>{t("casesStaff.routing.readOnlyTitle")}</Text>
          <Text size="sm">
            {t("casesStaff.routing.readOnlyText", { province: province.data ? f.name(province.data) : provinceCode })}{" "}
            <AnchorLink to="/organizations/$id" params={{ id: `pro:${provinceCode}:provincial-office` }}>{t("casesStaff.routing.readOnlyWho", { province: province.data ? f.name(province.data) : provinceCode })}</AnchorLink>
          </Text>
        </Card>
      )}
      {provinceCode && (
        <>
          <div className="table-scroll">
            <ExportButtons size="compact-xs" variant="light" nextTable="routing-rules" />
            <Table striped data-testid="routing-table" style={{ minWidth: 760 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("casesStaff.routing.area")}</Table.Th>
                  <Table.Th>{t("casesStaff.category")}</Table.Th>
                  <Table.Th>{t("casesStaff.routing.office")}</Table.Th>
                  <Table.Th>{t("casesStaff.routing.note")}</Table.Th>
                  {canWrite && <Table.Th data-export="skip"><span className="visually-hidden-inline">{t("casesStaff.routing.actions")}</span></Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.id} data-testid="routing-row" data-area={r.areaId}>
                    <Table.Td>{areaName(r.areaId)}</Table.Td>
                    <Table.Td>{categoryName(r.categoryId)}</Table.Td>
                    <Table.Td><AnchorLink to="/organizations/$id" params={{ id: r.orgId }}><span lang={thData}>{r.orgNameTh}</span></AnchorLink></Table.Td>
                    <Table.Td><Text size="sm" lang={thData}>{r.noteTh || "—"}</Text></Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Button size="xs" variant="default" color="red.9" onClick={() => setDeleting(r)} aria-label={t("casesStaff.routing.deleteLabel", { area: areaName(r.areaId), category: categoryName(r.categoryId) })} data-testid="routing-delete">{t("casesStaff.routing.delete")}</Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
                <NoResultsRow colSpan={canWrite ? 5 : 4} show={!rules.isPending && !items.length} />
              </Table.Tbody>
            </Table>
          </div>
          <Text size="xs" c="dark.4">{t("casesStaff.routing.fallback")}</Text>
          {canWrite && <RuleForm key={provinceCode} provinceCode={provinceCode} districts={province.data?.districts ?? []} subdistricts={subdistricts.data?.items ?? []} categories={categoryOptions(categories.data?.items ?? [], f.pick)} />}
        </>
      )}
      <Modal opened={!!deleting} onClose={() => setDeleting(null)} title={t("casesStaff.routing.deleteTitle")} closeButtonProps={{ "aria-label": t("common.close") }}>
        {deleting && (
          <Stack gap="sm">
            <Text size="sm">{t("casesStaff.routing.deleteText", { area: areaName(deleting.areaId), category: categoryName(deleting.categoryId) })}</Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setDeleting(null)}>{t("common.cancel")}</Button>
              <Button color="red.9" loading={remove.isPending} onClick={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })} data-testid="routing-delete-save">{t("casesStaff.routing.delete")}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** Sets one rule (replacing the rule of the same area and category). */
function RuleForm({ provinceCode, districts, subdistricts, categories }: { provinceCode: string; districts: AreaSummary[]; subdistricts: AreaSummary[]; categories: ReturnType<typeof categoryOptions> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [level, setLevel] = useState<Level>("district");
  const [district, setDistrict] = useState<string | null>(null);
  const [subdistrict, setSubdistrict] = useState<string | null>(null);
  const [category, setCategory] = useState<string>(ALL);
  const [orgId, setOrgId] = useState("");
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const areaId = level === "province" ? `province:${provinceCode}` : level === "district" ? (district ? `district:${district}` : null) : subdistrict ? `subdistrict:${subdistrict}` : null;
  const save = useMutation({
    mutationFn: () => api.put<{ id: string }>("/cases/routing-rules", { areaId, categoryId: category === ALL ? null : category, orgId, ...(note.trim() ? { noteTh: note.trim() } : {}) }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ["cases", "routing-rules"] });
      setTried(false);
      setNote("");
    },
  });
  const fieldErr = (p: string) => (isApiError(save.error) ? save.error.fieldError(p, f.lang) : undefined);
  return (
    <Card withBorder component="section" aria-labelledby="routing-form-title">
      <Title order={2} size="h3" id="routing-form-title" mb="xs">{t("casesStaff.routing.formTitle")}</Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!areaId || !orgId) return;
          save.mutate();
        }}
        data-testid="routing-form"
      >
        <Stack gap="sm">
          <Radio.Group label={t("casesStaff.routing.level")} value={level} onChange={(v) => setLevel(v as Level)}>
            <Group gap="lg" mt={4}>
              <Radio value="province" label={t("casesStaff.routing.levelProvince")} data-testid="routing-level-province" />
              <Radio value="district" label={t("casesStaff.routing.levelDistrict")} data-testid="routing-level-district" />
              <Radio value="subdistrict" label={t("casesStaff.routing.levelSubdistrict")} data-testid="routing-level-subdistrict" />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {level !== "province" && (
              <Select label={t("casesStaff.queue.district")} required searchable data={districts.map((d) => ({ value: d.code, label: `${d.code} · ${f.name(d)}` }))} value={district} onChange={(v) => { setDistrict(v); setSubdistrict(null); }} error={tried && !district ? t("casesStaff.routing.areaMissing") : fieldErr("areaId")} data-testid="routing-district" />
            )}
            {level === "subdistrict" && (
              <Select label={t("casesStaff.newCase.subdistrict")} required searchable disabled={!district} data={subdistricts.filter((s) => district && s.code.startsWith(district)).map((s) => ({ value: s.code, label: `${s.code} · ${f.name(s)}` }))} value={subdistrict} onChange={setSubdistrict} error={tried && !subdistrict ? t("casesStaff.routing.areaMissing") : undefined} data-testid="routing-subdistrict" />
            )}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t("casesStaff.category")} searchable allowDeselect={false} data={[{ group: t("casesStaff.routing.every"), items: [{ value: ALL, label: t("casesStaff.routing.allCategories") }] }, ...categories]} value={category} onChange={(v) => setCategory(v ?? ALL)} error={fieldErr("categoryId")} data-testid="routing-category" />
            <div>
              <OrganizationPicker label={t("casesStaff.routing.office")} provinceCode={provinceCode} value={orgId} onChange={setOrgId} required testId="routing-org" />
              {tried && !orgId && <Text size="xs" c="red.9" role="alert">{t("casesStaff.routing.officeMissing")}</Text>}
            </div>
          </SimpleGrid>
          <TextInput label={t("casesStaff.routing.note")} maxLength={500} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="routing-note" />
          <ErrorAlert error={save.error} />
          {save.isSuccess && <Text size="sm" role="status" data-testid="routing-saved">✓ {t("casesStaff.routing.saved")}</Text>}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="routing-save">{t("casesStaff.routing.save")}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
