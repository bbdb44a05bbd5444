import { useMemo, useState } from "react";
import { Button, Card, Checkbox, Group, NumberInput, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { AreaSummary } from "../../../modules/registry/contracts.js";
import { CONSENT_VERSION, type RoutingPreview, type SubmittedCase } from "../../../modules/cases/contracts.js";
import { api, isApiError } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { OrganizationPicker } from "../../ui/pickers.js";
import { provinceQuery, provincesQuery } from "../provinces/queries.js";
import { suggestQuery } from "./CaseHints.js";
import { privacyQuery } from "../cases-public/case-ui.js";
import { ReceivePermitButton } from "../permits/ReceivePermitForm.js";
import { categoriesQuery, categoryOptions, ConfidenceBar, homePlace, submittedKey } from "./cases-ui.js";

type Fields = {
  channel: "hotline_1567" | "walk_in";
  categoryId: string | null;
  descriptionTh: string;
  provinceCode: string | null;
  districtCode: string | null;
  subdistrictCode: string | null;
  addressTh: string;
  lat: number | "";
  lon: number | "";
  anonymous: boolean;
  name: string;
  phone: string;
  email: string;
  notify: boolean;
  consent: boolean;
  orgId: string;
};

/** NumberInput answers a string while the typed number ends in zeros ("20.441200"): read it as the number it is. */
const asNumber = (x: number | string): number | "" => (x === "" ? "" : typeof x === "number" ? x : Number(x));

/** The request body: empty optional fields left out; an anonymous caller's contact is never sent. */
function body(v: Fields, consentVersion: string | undefined) {
  const reporter = v.anonymous
    ? { anonymous: true, notify: false }
    : {
        anonymous: false,
        ...(v.name.trim() ? { name: v.name.trim() } : {}),
        ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
        ...(v.email.trim() ? { email: v.email.trim() } : {}),
        notify: !!v.email.trim() && v.notify,
      };
  return {
    channel: v.channel,
    categoryId: v.categoryId ?? "",
    descriptionTh: v.descriptionTh.trim(),
    ...(v.subdistrictCode ? { subdistrictCode: v.subdistrictCode } : {}),
    ...(v.districtCode ? { districtCode: v.districtCode } : {}),
    ...(v.provinceCode ? { provinceCode: v.provinceCode } : {}),
    ...(v.addressTh.trim() ? { addressTh: v.addressTh.trim() } : {}),
    ...(v.lat !== "" && v.lon !== "" ? { lat: v.lat, lon: v.lon } : {}),
    reporter,
    consent: v.consent,
    ...(consentVersion ? { consentVersion } : {}),
    ...(v.orgId ? { orgId: v.orgId } : {}),
  };
}

/**
 * Staff entry of a hotline 1567 call or a walk-in at a district's Damrongdhama centre: what, where, the caller (kept
 * apart: PDPA) with the consent read out, and optionally the agency to send it to; else the province's rules route
 * it. On saving, the case page opens with the tracking code to read to the caller.
 */
export function NewCasePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  // the route loads the session first (requireLogin), so the officer's own district is known on the first render
  const home = useMemo(() => homePlace(me.data), [me.data]);
  const [v, setV] = useState<Fields>(() => ({
    channel: "hotline_1567",
    categoryId: null,
    descriptionTh: "",
    provinceCode: home.provinceCode,
    districtCode: home.districtCode,
    subdistrictCode: null,
    addressTh: "",
    lat: "",
    lon: "",
    anonymous: false,
    name: "",
    phone: "",
    email: "",
    notify: true,
    consent: false,
    orgId: "",
  }));
  const set = <K extends keyof Fields>(k: K, value: Fields[K]) => setV((s) => ({ ...s, [k]: value }));
  const [tried, setTried] = useState(false);

  const categories = useQuery(categoriesQuery);
  const privacy = useQuery(privacyQuery);
  const provinces = useQuery(provincesQuery);
  const province = useQuery({ ...provinceQuery(v.provinceCode ?? "00"), enabled: !!v.provinceCode });
  const subdistricts = useQuery({
    queryKey: ["areas", "subdistricts", v.districtCode],
    queryFn: () => api.get<{ items: AreaSummary[] }>("/areas", { classification: "subdistrict", parentId: `district:${v.districtCode}`, limit: 500 }),
    enabled: !!v.districtCode,
    staleTime: 10 * 60_000,
  });
  const [typed] = useDebouncedValue(v.descriptionTh.trim(), 600);
  const suggestions = useQuery({ ...suggestQuery(typed), enabled: typed.length >= 5 });
  const category = categories.data?.items.find((c) => c.id === v.categoryId);
  // where the province's rules would send it, asked of the server as soon as a category and a place are known
  const pinned = v.lat !== "" && v.lon !== "" && Number.isFinite(v.lat) && Number.isFinite(v.lon);
  const previewQuery = {
    categoryId: v.categoryId,
    ...(v.subdistrictCode ? { subdistrictCode: v.subdistrictCode } : v.districtCode ? { districtCode: v.districtCode } : pinned ? { lat: v.lat as number, lon: v.lon as number } : v.provinceCode ? { provinceCode: v.provinceCode } : {}),
  };
  const preview = useQuery({
    queryKey: ["cases", "routing-preview", previewQuery],
    queryFn: () => api.get<RoutingPreview>("/cases/routing-rules/preview", previewQuery),
    enabled: !!v.categoryId && Object.keys(previewQuery).length > 1,
    staleTime: 60_000,
    retry: false,
  });

  const problems = useMemo(() => {
    const out: Partial<Record<keyof Fields, string>> = {};
    if (!v.categoryId) out.categoryId = t("casesStaff.newCase.invalid.category");
    if (v.descriptionTh.trim().length < 5) out.descriptionTh = t("casesStaff.newCase.invalid.description");
    if (!v.subdistrictCode && !v.districtCode && !v.provinceCode && (v.lat === "" || v.lon === "")) out.subdistrictCode = t("casesStaff.newCase.invalid.place");
    if ((v.lat === "") !== (v.lon === "") || (v.lat !== "" && !Number.isFinite(v.lat)) || (v.lon !== "" && !Number.isFinite(v.lon))) out.lat = t("casesStaff.newCase.invalid.pin");
    if (!v.anonymous && v.phone.trim() && !/^\+?[0-9 -]{9,15}$/.test(v.phone.trim())) out.phone = t("casesStaff.newCase.invalid.phone");
    if (!v.consent) out.consent = t("casesStaff.newCase.invalid.consent");
    return out;
  }, [v, t]);

  const submit = useMutation({
    mutationFn: (b: ReturnType<typeof body>) => api.post<SubmittedCase>("/cases", b),
    onSuccess: async (r) => {
      qc.setQueryData(submittedKey(r.id), r);
      await qc.invalidateQueries({ queryKey: ["cases", "queue"] });
      await navigate({ to: "/cases/$id", params: { id: r.id } });
    },
  });
  const serverError = (path: string) => (isApiError(submit.error) ? submit.error.fieldError(path, f.lang) : undefined);
  const err = (field: keyof Fields, path: string = field) => (tried ? problems[field] : undefined) ?? serverError(path);

  if (me.data && !holdsRoleFor(me.data, "cases:intake")) return <Text>{t("casesStaff.newCase.notAllowed")}</Text>;

  return (
    <Stack gap="md" maw={980}>
      <div>
        <Title order={1} data-testid="case-new-title">{t("casesStaff.newCase.title")}</Title>
        <Text c="dark.4">{t("casesStaff.newCase.intro")}</Text>
      </div>
      {holdsRoleFor(me.data, "delegation:permit.receive") && (
        // one-stop: the same counter takes applications for permits and approvals (the delegation module's casework)
        <Card withBorder p="sm" data-testid="case-new-permit">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <div>
              <Text fw={600}>{t("casesStaff.newCase.permitTitle")}</Text>
              <Text size="sm" c="dark.4">{t("casesStaff.newCase.permitIntro")}</Text>
            </div>
            <ReceivePermitButton />
          </Group>
        </Card>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (Object.keys(problems).length) return;
          submit.mutate(body(v, privacy.data?.consentVersion));
        }}
        data-testid="case-new-form"
      >
        <Stack gap="md">
          <Card withBorder component="fieldset" style={{ margin: 0 }}>
            <Text component="legend" fw={700} px={4}>{t("casesStaff.newCase.what")}</Text>
            <Stack gap="sm">
              <Radio.Group label={t("casesStaff.channelLabel")} value={v.channel} onChange={(x) => set("channel", x as Fields["channel"])} required>
                <Group gap="lg" mt={4}>
                  <Radio value="hotline_1567" label={t("casesStaff.channel.hotline_1567")} data-testid="case-new-channel-1567" />
                  <Radio value="walk_in" label={t("casesStaff.channel.walk_in")} data-testid="case-new-channel-walk-in" />
                </Group>
              </Radio.Group>
              <Textarea label={t("casesStaff.newCase.description")} description={t("casesStaff.newCase.descriptionHint")} required autosize minRows={4} maxLength={4000} value={v.descriptionTh} onChange={(e) => set("descriptionTh", e.currentTarget.value)} error={err("descriptionTh")} data-testid="case-new-description" />
              <SuggestionChips s={suggestions.data} loading={suggestions.isFetching} typed={typed.length >= 5} onCategory={(id) => set("categoryId", id)} onOrg={(id) => set("orgId", id)} categoryId={v.categoryId} orgId={v.orgId} />
              <Select
                label={t("casesStaff.category")}
                description={category ? t("casesStaff.newCase.categorySla", { accept: category.acceptHours, resolve: category.resolveHours }) : undefined}
                placeholder={t("casesStaff.newCase.chooseCategory")}
                required
                searchable
                data={categoryOptions(categories.data?.items ?? [], f.pick)}
                value={v.categoryId}
                onChange={(x) => set("categoryId", x)}
                error={err("categoryId")}
                data-testid="case-new-category"
              />
            </Stack>
          </Card>

          <Card withBorder component="fieldset" style={{ margin: 0 }}>
            <Text component="legend" fw={700} px={4}>{t("casesStaff.newCase.where")}</Text>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select label={t("casesStaff.queue.province")} searchable data={(provinces.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))} value={v.provinceCode} onChange={(x) => setV((s) => ({ ...s, provinceCode: x, districtCode: x && s.districtCode?.startsWith(x) ? s.districtCode : null, subdistrictCode: null, orgId: "" }))} error={err("provinceCode")} data-testid="case-new-province" />
                <Select label={t("casesStaff.queue.district")} searchable clearable disabled={!v.provinceCode} data={(province.data?.districts ?? []).map((d) => ({ value: d.code, label: `${d.code} · ${f.name(d)}` }))} value={v.districtCode} onChange={(x) => setV((s) => ({ ...s, districtCode: x, subdistrictCode: null }))} error={err("districtCode")} data-testid="case-new-district" />
                <Select label={t("casesStaff.newCase.subdistrict")} searchable clearable disabled={!v.districtCode} data={(subdistricts.data?.items ?? []).map((a) => ({ value: a.code, label: `${a.code} · ${f.name(a)}` }))} value={v.subdistrictCode} onChange={(x) => set("subdistrictCode", x)} error={err("subdistrictCode")} data-testid="case-new-subdistrict" />
              </SimpleGrid>
              <TextInput label={t("casesStaff.case.address")} description={t("casesStaff.newCase.addressHint")} maxLength={300} value={v.addressTh} onChange={(e) => set("addressTh", e.currentTarget.value)} error={err("addressTh")} data-testid="case-new-address" />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput label={t("casesStaff.newCase.lat")} min={5} max={21} decimalScale={6} hideControls value={v.lat} onChange={(x) => set("lat", asNumber(x))} error={err("lat")} data-testid="case-new-lat" />
                <NumberInput label={t("casesStaff.newCase.lon")} min={97} max={106} decimalScale={6} hideControls value={v.lon} onChange={(x) => set("lon", asNumber(x))} error={err("lon")} data-testid="case-new-lon" />
              </SimpleGrid>
              <Text size="xs" c="dark.4" mt={-8}>{t("casesStaff.newCase.pinHint")}</Text>
            </Stack>
          </Card>

          <Card withBorder component="fieldset" style={{ margin: 0 }} data-testid="case-new-caller">
            <Text component="legend" fw={700} px={4}>{t("casesStaff.newCase.caller")}</Text>
            <Text size="xs" c="dark.4" mb="xs">{t("casesStaff.newCase.callerPdpa")}</Text>
            <Stack gap="sm">
              <Checkbox label={t("casesStaff.reporters.anonymous")} checked={v.anonymous} onChange={(e) => set("anonymous", e.currentTarget.checked)} data-testid="case-new-anonymous" />
              {!v.anonymous && (
                <>
                  <TextInput label={t("casesStaff.reporters.name")} autoComplete="off" maxLength={120} value={v.name} onChange={(e) => set("name", e.currentTarget.value)} error={err("name", "reporter.name")} data-testid="case-new-name" />
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput label={t("casesStaff.reporters.phone")} type="tel" autoComplete="off" maxLength={20} value={v.phone} onChange={(e) => set("phone", e.currentTarget.value)} error={err("phone", "reporter.phone")} data-testid="case-new-phone" />
                    <TextInput label={t("casesStaff.reporters.email")} type="email" autoComplete="off" maxLength={200} value={v.email} onChange={(e) => set("email", e.currentTarget.value)} error={err("email", "reporter.email")} data-testid="case-new-email" />
                  </SimpleGrid>
                  <Checkbox label={t("casesStaff.newCase.notify")} checked={v.notify && !!v.email.trim()} disabled={!v.email.trim()} onChange={(e) => set("notify", e.currentTarget.checked)} data-testid="case-new-notify" />
                </>
              )}
              <Card withBorder p="sm" bg="gray.0">
                <Text size="sm" fw={600}>{t("casesStaff.newCase.consentTitle", { version: privacy.data?.consentVersion ?? CONSENT_VERSION })}</Text>
                <Text size="sm" data-testid="case-new-consent-text">{t("casesStaff.newCase.consentText", { days: privacy.data?.retentionDays ?? "…" })}</Text>
              </Card>
              <Checkbox label={t("casesStaff.newCase.consent")} checked={v.consent} onChange={(e) => set("consent", e.currentTarget.checked)} error={err("consent")} required data-testid="case-new-consent" />
            </Stack>
          </Card>

          <Card withBorder component="fieldset" style={{ margin: 0 }}>
            <Text component="legend" fw={700} px={4}>{t("casesStaff.newCase.routing")}</Text>
            <RoutePreview p={v.categoryId ? preview.data : undefined} overridden={!!v.orgId} />
            <OrganizationPicker label={t("casesStaff.newCase.sendTo")} description={t("casesStaff.newCase.sendToHint")} provinceCode={v.provinceCode ?? undefined} value={v.orgId} onChange={(id) => set("orgId", id)} testId="case-new-org" />
          </Card>

          {tried && Object.keys(problems).length > 0 && <Text size="sm" c="red.9" role="alert" data-testid="case-new-invalid">{t("casesStaff.newCase.fixFields")}</Text>}
          <ErrorAlert error={submit.error} />
          <Group justify="flex-end">
            <Button type="submit" size="md" loading={submit.isPending} data-testid="case-new-save">{t("casesStaff.newCase.save")}</Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/**
 * "This category routes to X (rule: Mae Sai district)": where the province's rules send the case and why, with the
 * rule's note; when the officer chose an agency, that it overrides the rules. Links to the rules (read-only for most).
 */
function RoutePreview({ p, overridden }: { p: RoutingPreview | undefined; overridden: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!p) return null;
  const org = f.pick(p.orgNameTh, p.orgNameEn);
  let why: string;
  if (p.rule) {
    const name = f.pick(p.rule.areaNameTh, p.rule.areaNameEn);
    const area = p.rule.level === "province" ? t("casesStaff.routing.wholeProvince", { name }) : p.rule.level === "district" ? t("casesStaff.routing.districtName", { name }) : t("casesStaff.newCase.preview.subdistrict", { name });
    why = p.rule.categoryId ? t("casesStaff.newCase.preview.rule", { area }) : t("casesStaff.newCase.preview.ruleEvery", { area });
  } else why = t(`casesStaff.newCase.preview.${p.reason}`);
  return (
    <Card withBorder p="sm" mb="sm" bg="gray.0" data-testid="case-new-route-preview" data-org={p.orgId} data-reason={p.reason} aria-live="polite">
      <Text size="sm">
        {t("casesStaff.newCase.preview.routesTo")} <Text span fw={700} data-testid="case-new-route-org">{org}</Text> <Text span size="sm" data-testid="case-new-route-why">({why})</Text>
      </Text>
      {p.rule?.noteTh && <Text size="xs" c="dark.4" lang={f.lang === "en" ? "th" : undefined}>{t("casesStaff.routing.note")}: {p.rule.noteTh}</Text>}
      {overridden && <Text size="xs" c="dark.4" data-testid="case-new-route-overridden">{t("casesStaff.newCase.preview.overridden")}</Text>}
      <Text size="xs" mt={4}>
        <AnchorLink to="/cases/routing" search={{ province: p.provinceCode }}>{t("casesStaff.newCase.preview.seeRules")}</AnchorLink>
      </Text>
    </Card>
  );
}

/** The suggestions as the officer types: a category or an agency is taken with one click. */
function SuggestionChips({ s, loading, typed, onCategory, onOrg, categoryId, orgId }: { s: { categories: { id: string; nameTh: string; nameEn: string; confidence: number }[]; organizations: { id: string; nameTh: string; nameEn: string; confidence: number }[] } | undefined; loading: boolean; typed: boolean; onCategory: (id: string) => void; onOrg: (id: string) => void; categoryId: string | null; orgId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!typed) return null;
  const none = s && !s.categories.length && !s.organizations.length;
  return (
    <Card withBorder p="xs" data-testid="case-new-suggestions" aria-live="polite">
      <Text size="sm" fw={600}>{t("casesStaff.suggest.title")}</Text>
      {loading && !s && <Text size="sm" c="dark.4">{t("common.loading")}</Text>}
      {none && <Text size="sm" c="dark.4">{t("casesStaff.suggest.none")}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {s && s.categories.length > 0 && (
          <Stack gap={4}>
            <Text size="xs" c="dark.4">{t("casesStaff.suggest.categories")}</Text>
            {s.categories.map((x) => (
              <Group key={x.id} gap="xs" wrap="nowrap">
                <Text size="sm" w={130} style={{ flexShrink: 0 }}>{f.pick(x.nameTh, x.nameEn)}</Text>
                <ConfidenceBar value={x.confidence} label={t("casesStaff.suggest.confidenceOf", { name: f.pick(x.nameTh, x.nameEn) })} />
                <Button size="compact-xs" variant={categoryId === x.id ? "filled" : "default"} onClick={() => onCategory(x.id)} aria-label={t("casesStaff.suggest.useLabel", { name: f.pick(x.nameTh, x.nameEn) })} data-testid="case-new-use-category">{t("casesStaff.suggest.use")}</Button>
              </Group>
            ))}
          </Stack>
        )}
        {s && s.organizations.length > 0 && (
          <Stack gap={4}>
            <Text size="xs" c="dark.4">{t("casesStaff.suggest.organizations")}</Text>
            {s.organizations.map((x) => (
              <Group key={x.id} gap="xs" wrap="nowrap">
                <Text size="sm" w={130} style={{ flexShrink: 0 }} lineClamp={2}>{f.pick(x.nameTh, x.nameEn)}</Text>
                <ConfidenceBar value={x.confidence} label={t("casesStaff.suggest.confidenceOf", { name: f.pick(x.nameTh, x.nameEn) })} />
                <Button size="compact-xs" variant={orgId === x.id ? "filled" : "default"} onClick={() => onOrg(x.id)} aria-label={t("casesStaff.suggest.useLabel", { name: f.pick(x.nameTh, x.nameEn) })} data-testid="case-new-use-org">{t("casesStaff.suggest.use")}</Button>
              </Group>
            ))}
          </Stack>
        )}
      </SimpleGrid>
    </Card>
  );
}
