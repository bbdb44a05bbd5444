import { useEffect, useMemo, useRef, useState } from "react";
import { Alert, Button, Card, Checkbox, CloseButton, FileButton, Group, Image, NativeSelect, Radio, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { z } from "zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { CONSENT_VERSION, SubmitCaseInput, type CategoryView, type SubmittedCase } from "../../../modules/cases/contracts.js";
import { api, isApiError } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { AreaSelects, type AreaChoice } from "./AreaSelects.js";
import { categoriesQuery, privacyQuery, CaseStatusBadge } from "./case-ui.js";
import { MAX_PHOTOS, PHOTO_TYPES, SERVER_MAX_BYTES, shrinkPhoto } from "./photos.js";
import { ReportDone } from "./ReportDone.js";

const DESCRIPTION_MAX = 4000;
const DESCRIPTION_MIN = 5;

/** An Open311 attribute of a category, as the categories endpoint serves it. */
type Attribute = { code: string; datatype: "string" | "number" | "singlevaluelist" | "text"; required: boolean; descriptionTh: string; descriptionEn: string; values?: { key: string; nameTh: string; nameEn: string }[] };
type Photo = { file: File; url: string };
type Pin = { lat: number; lon: number; accuracy: number | null };
type Similar = { id: string; publicRef: string; status: SubmittedCase["status"]; publicText: string; distanceMeters: number; similarity: number; receivedAt: string };

type Fields = {
  categoryId: string;
  attributes: Record<string, string>;
  descriptionTh: string;
  pin: Pin | null;
  area: AreaChoice;
  addressTh: string;
  anonymous: boolean;
  name: string;
  phone: string;
  email: string;
  notify: boolean;
  consent: boolean;
};

const EMPTY: Fields = {
  categoryId: "",
  attributes: {},
  descriptionTh: "",
  pin: null,
  area: { provinceCode: "", districtCode: "", subdistrictCode: "" },
  addressTh: "",
  anonymous: true,
  name: "",
  phone: "",
  email: "",
  notify: true,
  consent: false,
};

/** The JSON the server takes (SubmitCaseInput): empty optional fields left out, contact only when not anonymous. */
function toInput(v: Fields, consentVersion: string | undefined): z.input<typeof SubmitCaseInput> {
  const attributes = Object.fromEntries(Object.entries(v.attributes).filter(([, x]) => x.trim() !== ""));
  return {
    categoryId: v.categoryId,
    descriptionTh: v.descriptionTh.trim(),
    ...(v.pin ? { lat: round6(v.pin.lat), lon: round6(v.pin.lon) } : {}),
    ...(v.area.subdistrictCode ? { subdistrictCode: v.area.subdistrictCode } : {}),
    ...(v.area.districtCode ? { districtCode: v.area.districtCode } : {}),
    ...(v.area.provinceCode ? { provinceCode: v.area.provinceCode } : {}),
    ...(v.addressTh.trim() ? { addressTh: v.addressTh.trim() } : {}),
    attributes,
    reporter: v.anonymous
      ? { anonymous: true, notify: false }
      : {
          anonymous: false,
          ...(v.name.trim() ? { name: v.name.trim() } : {}),
          ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
          ...(v.email.trim() ? { email: v.email.trim() } : {}),
          notify: !!v.email.trim() && v.notify,
        },
    consent: true,
    ...(consentVersion ? { consentVersion } : {}),
  };
}
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

type FieldKey = "categoryId" | "descriptionTh" | "location" | "provinceCode" | "districtCode" | "subdistrictCode" | "addressTh" | "photo" | "contact" | "name" | "phone" | "email" | "consent" | `attributes.${string}`;

/** Which form field a server error belongs to (its path in SubmitCaseInput). */
function fieldOf(path: string): FieldKey | null {
  if (path === "lat" || path === "lon") return "location";
  if (path === "reporter") return "contact";
  if (path.startsWith("reporter.")) return (["name", "phone", "email"].includes(path.slice(9)) ? path.slice(9) : "contact") as FieldKey;
  if (path.startsWith("attributes.")) return path as FieldKey;
  if (["categoryId", "descriptionTh", "provinceCode", "districtCode", "subdistrictCode", "addressTh", "photo", "consent"].includes(path)) return path as FieldKey;
  return null;
}

/**
 * "แจ้งเรื่องร้องเรียน": the citizen's report, one column for a phone: what (category and its questions, a Thai
 * description), where (the phone's position and/or province → district → subdistrict), photos, who (anonymous by
 * default) and the PDPA consent. Open cases nearby with similar words are offered before sending.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const categories = useQuery(categoriesQuery);
  const privacy = useQuery(privacyQuery);
  const [v, setV] = useState<Fields>(EMPTY);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [photoNote, setPhotoNote] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState<SubmittedCase | null>(null);
  const resetFiles = useRef<() => void>(null);
  const set = <K extends keyof Fields>(k: K, value: Fields[K]) => setV((s) => ({ ...s, [k]: value }));
  const citizen = !!me.data?.authenticated;

  // object URLs of previews are released when a photo is removed or the page is left
  const photosRef = useRef(photos);
  photosRef.current = photos;
  useEffect(() => () => photosRef.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const category = categories.data?.items.find((c) => c.id === v.categoryId);
  const attributes = (category?.attributes ?? []) as Attribute[];
  const groups = useMemo(() => {
    const m = new Map<string, { label: string; items: { value: string; label: string }[] }>();
    for (const c of categories.data?.items ?? []) {
      const key = c.groupTh;
      if (!m.has(key)) m.set(key, { label: f.pick(c.groupTh, c.groupEn), items: [] });
      m.get(key)!.items.push({ value: c.id, label: f.name(c) });
    }
    return [...m.values()].map((g) => ({ group: g.label, items: g.items }));
  }, [categories.data, f]);

  // "is this already reported?": asked once a pin and some words exist, after typing pauses
  const [similarKey] = useDebouncedValue(v.pin && v.descriptionTh.trim().length >= DESCRIPTION_MIN ? { lat: round6(v.pin.lat), lon: round6(v.pin.lon), text: v.descriptionTh.trim() } : null, 700);
  const similar = useQuery({
    queryKey: ["cases", "similar", similarKey],
    queryFn: () => api.get<{ items: Similar[] }>("/cases/similar", { lat: similarKey!.lat, lon: similarKey!.lon, text: similarKey!.text }),
    enabled: !!similarKey && !done,
    staleTime: 60_000,
  });

  const submit = useMutation({
    mutationFn: async () => {
      const form = new FormData();
      form.append("case", JSON.stringify(toInput(v, privacy.data?.consentVersion)));
      for (const p of photos) form.append("photo", p.file, p.file.name);
      return api.postForm<SubmittedCase>("/cases", form);
    },
    onSuccess: (r) => {
      setDone(r);
      window.scrollTo({ top: 0 });
    },
  });

  // the form's own checks, in the reader's language; the server's field errors are shown the same way
  const problems = useMemo(() => {
    const out: Partial<Record<FieldKey, string>> = {};
    if (!v.categoryId) out.categoryId = t("casesPublic.report.invalid.category");
    if (v.descriptionTh.trim().length < DESCRIPTION_MIN) out.descriptionTh = t("casesPublic.report.invalid.description", { min: DESCRIPTION_MIN });
    if (!v.pin && !v.area.provinceCode) out.location = t("casesPublic.report.invalid.location");
    // the contract's own bounds: a pin outside Thailand is refused by the server too
    if (v.pin && !(SubmitCaseInput.shape.lat.safeParse(v.pin.lat).success && SubmitCaseInput.shape.lon.safeParse(v.pin.lon).success)) out.location = t("casesPublic.report.invalid.outside");
    for (const a of attributes) if (a.required && !(v.attributes[a.code] ?? "").trim()) out[`attributes.${a.code}`] = t("casesPublic.report.invalid.attribute");
    if (!v.anonymous) {
      if (!v.name.trim() && !v.phone.trim() && !v.email.trim()) out.contact = t("casesPublic.report.invalid.contact");
      if (v.phone.trim() && !/^\+?[0-9 -]{9,15}$/.test(v.phone.trim())) out.phone = t("casesPublic.report.invalid.phone");
      if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) out.email = t("casesPublic.report.invalid.email");
    }
    if (!v.consent) out.consent = t("casesPublic.report.invalid.consent");
    return out;
  }, [v, attributes, t]);
  const serverErrors = useMemo(() => {
    const out: Partial<Record<FieldKey, string>> = {};
    if (isApiError(submit.error)) for (const fe of submit.error.fields) {
      const k = fieldOf(fe.path);
      if (k && !out[k]) out[k] = f.lang === "en" ? fe.messageEn || fe.messageTh : fe.messageTh || fe.messageEn;
    }
    return out;
  }, [submit.error, f.lang]);
  const err = (k: FieldKey) => (tried ? problems[k] : undefined) ?? serverErrors[k];
  const unplacedServerError = isApiError(submit.error) && (submit.error.fields.length === 0 || submit.error.fields.some((fe) => !fieldOf(fe.path)));

  const locate = () => {
    setGeoError(null);
    if (!("geolocation" in navigator)) {
      setGeoError(t("casesPublic.report.where.unsupported"));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        set("pin", { lat: p.coords.latitude, lon: p.coords.longitude, accuracy: Number.isFinite(p.coords.accuracy) ? p.coords.accuracy : null });
      },
      (e) => {
        setLocating(false);
        setGeoError(e.code === e.PERMISSION_DENIED ? t("casesPublic.report.where.denied") : t("casesPublic.report.where.failed"));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const addPhotos = async (files: File[]) => {
    setPhotoNote(null);
    const room = MAX_PHOTOS - photos.length;
    const picked = [...files];
    if (picked.length > room) setPhotoNote(t("casesPublic.report.photos.tooMany", { max: MAX_PHOTOS }));
    const added: Photo[] = [];
    for (const file of picked.slice(0, Math.max(0, room))) {
      if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
        setPhotoNote(t("casesPublic.report.photos.badType"));
        continue;
      }
      const small = await shrinkPhoto(file);
      if (small.size > SERVER_MAX_BYTES) {
        setPhotoNote(t("casesPublic.report.photos.tooLarge"));
        continue;
      }
      added.push({ file: small, url: URL.createObjectURL(small) });
    }
    setPhotos((ps) => [...ps, ...added].slice(0, MAX_PHOTOS));
    resetFiles.current?.();
  };
  const removePhoto = (i: number) =>
    setPhotos((ps) => {
      URL.revokeObjectURL(ps[i]!.url);
      return ps.filter((_, k) => k !== i);
    });

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(problems).length) {
      // take the reader to the first field that needs them
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[data-invalid='true'], [aria-invalid='true']")?.focus());
      return;
    }
    submit.mutate();
  };

  if (done) {
    return (
      <ReportDone
        result={done}
        onAnother={() => {
          photos.forEach((p) => URL.revokeObjectURL(p.url));
          setPhotos([]);
          setV(EMPTY);
          setTried(false);
          setDone(null);
          submit.reset();
        }}
      />
    );
  }

  const count = v.descriptionTh.length;
  return (
    <form onSubmit={onSubmit} noValidate data-testid="report-form">
    <Stack gap="lg" maw={720} mx="auto">
      <div>
        <Title order={1} data-testid="report-title">{t("casesPublic.report.title")}</Title>
        <Text c="dark.5">{t("casesPublic.report.intro")}</Text>
      </div>
      <ErrorAlert error={categories.error} />

      {/* 1. what */}
      <Card withBorder component="fieldset" p="md" style={{ border: "1px solid var(--mantine-color-gray-3)" }}>
        <Title order={2} size="h3" component="legend" px={4}>{t("casesPublic.report.what.title")}</Title>
        <Stack gap="md">
          <NativeSelect
            size="md"
            label={t("casesPublic.report.what.category")}
            description={t("casesPublic.report.what.categoryHint")}
            required
            value={v.categoryId}
            onChange={(e) => {
              const categoryId = e.currentTarget.value;
              setV((s) => ({ ...s, categoryId, attributes: {} }));
            }}
            data={[{ value: "", label: t("casesPublic.report.what.chooseCategory") }, ...groups]}
            error={err("categoryId")}
            data-testid="report-category"
          />
          {category && <CategoryHint c={category} />}
          {attributes.map((a) => (
            <AttributeField key={a.code} a={a} value={v.attributes[a.code] ?? ""} onChange={(x) => set("attributes", { ...v.attributes, [a.code]: x })} error={err(`attributes.${a.code}`)} />
          ))}
          <Textarea
            size="md"
            label={t("casesPublic.report.what.description")}
            description={t("casesPublic.report.what.descriptionHint")}
            required
            autosize
            minRows={4}
            maxLength={DESCRIPTION_MAX}
            value={v.descriptionTh}
            onChange={(e) => set("descriptionTh", e.currentTarget.value)}
            error={err("descriptionTh")}
            inputWrapperOrder={["label", "description", "input", "error"]}
            data-testid="report-description"
          />
          <Text size="xs" c={count > DESCRIPTION_MAX * 0.95 ? "red.9" : "dark.5"} ta="right" mt={-10} aria-live="polite" data-testid="report-description-count">
            {t("casesPublic.report.what.counter", { n: f.number(count), max: f.number(DESCRIPTION_MAX) })}
          </Text>
        </Stack>
      </Card>

      {/* 2. where */}
      <Card withBorder component="fieldset" p="md" style={{ border: "1px solid var(--mantine-color-gray-3)" }} data-invalid={err("location") ? "true" : undefined}>
        <Title order={2} size="h3" component="legend" px={4}>{t("casesPublic.report.where.title")}</Title>
        <Stack gap="md">
          <Text size="sm">{t("casesPublic.report.where.intro")}</Text>
          <Button size="lg" variant={v.pin ? "light" : "filled"} onClick={locate} loading={locating} data-testid="report-locate" fullWidth>
            {v.pin ? t("casesPublic.report.where.again") : t("casesPublic.report.where.useMine")}
          </Button>
          {v.pin && (
            <Group justify="space-between" wrap="nowrap" data-testid="report-pin">
              <Text size="sm">
                {t("casesPublic.report.where.pinned", { lat: v.pin.lat.toFixed(5), lon: v.pin.lon.toFixed(5) })}
                {v.pin.accuracy !== null && <> · {t("casesPublic.report.where.accuracy", { m: f.number(Math.round(v.pin.accuracy)) })}</>}
              </Text>
              <Button variant="subtle" size="sm" onClick={() => set("pin", null)} data-testid="report-pin-clear">{t("casesPublic.report.where.clearPin")}</Button>
            </Group>
          )}
          {geoError && <Text size="sm" c="red.9" role="status" data-testid="report-geo-error">{geoError}</Text>}
          <Text size="sm" fw={700}>{v.pin ? t("casesPublic.report.where.orAlso") : t("casesPublic.report.where.orChoose")}</Text>
          <AreaSelects value={v.area} onChange={(area) => set("area", area)} testIdPrefix="report" errors={{ provinceCode: err("provinceCode"), districtCode: err("districtCode"), subdistrictCode: err("subdistrictCode") }} />
          {err("location") && <Text size="sm" c="red.9" role="alert" data-testid="report-location-error">{err("location")}</Text>}
          <TextInput size="md" label={t("casesPublic.report.where.address")} description={t("casesPublic.report.where.addressHint")} maxLength={300} value={v.addressTh} onChange={(e) => set("addressTh", e.currentTarget.value)} error={err("addressTh")} data-testid="report-address" />
        </Stack>
      </Card>

      {similar.data && similar.data.items.length > 0 && <SimilarCases items={similar.data.items} />}

      {/* 3. photos */}
      <Card withBorder component="fieldset" p="md" style={{ border: "1px solid var(--mantine-color-gray-3)" }}>
        <Title order={2} size="h3" component="legend" px={4}>{t("casesPublic.report.photos.title")}</Title>
        <Stack gap="sm">
          <Text size="sm">{t("casesPublic.report.photos.intro", { max: MAX_PHOTOS })}</Text>
          <FileButton resetRef={resetFiles} onChange={(files) => void addPhotos(files)} accept={PHOTO_TYPES.join(",")} capture="environment" multiple disabled={photos.length >= MAX_PHOTOS} inputProps={{ "data-testid": "report-photo-input" } as React.ComponentProps<"input">}>
            {(props) => (
              <Button {...props} size="lg" variant="default" fullWidth disabled={photos.length >= MAX_PHOTOS} data-testid="report-photo-add">
                {photos.length >= MAX_PHOTOS ? t("casesPublic.report.photos.full", { max: MAX_PHOTOS }) : t("casesPublic.report.photos.add")}
              </Button>
            )}
          </FileButton>
          {photoNote && <Text size="sm" c="red.9" role="status">{photoNote}</Text>}
          {err("photo") && <Text size="sm" c="red.9" role="alert">{err("photo")}</Text>}
          {photos.length > 0 && (
            <SimpleGrid cols={3} spacing="xs" data-testid="report-photos">
              {photos.map((p, i) => (
                <div key={p.url} style={{ position: "relative" }}>
                  <Image src={p.url} alt={t("casesPublic.report.photos.preview", { n: i + 1 })} radius="sm" h={110} fit="cover" />
                  <CloseButton
                    size="lg"
                    radius="xl"
                    variant="filled"
                    aria-label={t("casesPublic.report.photos.remove", { n: i + 1 })}
                    onClick={() => removePhoto(i)}
                    style={{ position: "absolute", top: 4, right: 4 }}
                    data-testid="report-photo-remove"
                  />
                </div>
              ))}
            </SimpleGrid>
          )}
          <Text size="xs" c="dark.5">{t("casesPublic.report.photos.privacy")}</Text>
        </Stack>
      </Card>

      {/* 4. who */}
      <Card withBorder component="fieldset" p="md" style={{ border: "1px solid var(--mantine-color-gray-3)" }}>
        <Title order={2} size="h3" component="legend" px={4}>{t("casesPublic.report.who.title")}</Title>
        <Stack gap="md">
          <Switch size="lg" checked={v.anonymous} onChange={(e) => set("anonymous", e.currentTarget.checked)} label={t("casesPublic.report.who.anonymous")} description={t("casesPublic.report.who.anonymousHint")} data-testid="report-anonymous" />
          {citizen && <Text size="sm" c="dark.5">{t("casesPublic.report.who.loggedIn")}</Text>}
          {!v.anonymous && (
            <Stack gap="sm" data-testid="report-contact">
              <TextInput size="md" label={t("casesPublic.report.who.name")} autoComplete="name" maxLength={120} value={v.name} onChange={(e) => set("name", e.currentTarget.value)} error={err("name")} data-testid="report-name" />
              <TextInput size="md" label={t("casesPublic.report.who.phone")} type="tel" inputMode="tel" autoComplete="tel" value={v.phone} onChange={(e) => set("phone", e.currentTarget.value)} error={err("phone")} data-testid="report-phone" />
              <TextInput size="md" label={t("casesPublic.report.who.email")} type="email" inputMode="email" autoComplete="email" value={v.email} onChange={(e) => set("email", e.currentTarget.value)} error={err("email")} data-testid="report-email" />
              <Checkbox size="md" checked={v.notify} disabled={!v.email.trim()} onChange={(e) => set("notify", e.currentTarget.checked)} label={t("casesPublic.report.who.notify")} description={v.email.trim() ? undefined : t("casesPublic.report.who.notifyNeedsEmail")} data-testid="report-notify" />
              {err("contact") && <Text size="sm" c="red.9" role="alert">{err("contact")}</Text>}
            </Stack>
          )}
        </Stack>
      </Card>

      {/* 5. consent (PDPA) */}
      <Card withBorder component="section" p="md" aria-labelledby="consent-title" data-testid="report-consent-text">
        <Title order={2} size="h3" id="consent-title" mb="xs">{t("casesPublic.consent.title")}</Title>
        <Text size="sm" mb="xs">{t("casesPublic.consent.intro")}</Text>
        <Stack gap={6} component="ul" style={{ paddingLeft: 20, margin: 0 }}>
          {(["kept", "who", "photos", "retention", "rights"] as const).map((k) => (
            <Text component="li" size="sm" key={k}>{t(`casesPublic.consent.${k}`, { days: privacy.data?.retentionDays ?? "…" })}</Text>
          ))}
        </Stack>
        <Text size="xs" c="dark.5" mt="xs" data-testid="report-consent-version">{t("casesPublic.consent.version", { version: privacy.data?.consentVersion ?? CONSENT_VERSION })}</Text>
        <Checkbox size="md" mt="md" required checked={v.consent} onChange={(e) => set("consent", e.currentTarget.checked)} label={t("casesPublic.consent.agree")} error={err("consent")} data-testid="report-consent" />
      </Card>

      {tried && Object.keys(problems).length > 0 && (
        <Alert color="red" variant="light" role="alert" title={t("casesPublic.report.fixTitle")} data-testid="report-invalid">
          <Text size="sm">{t("casesPublic.report.fixIntro", { count: Object.keys(problems).length })}</Text>
        </Alert>
      )}
      {unplacedServerError && <ErrorAlert error={submit.error} title={t("casesPublic.report.sendFailed")} />}
      {isApiError(submit.error) && !unplacedServerError && (
        <Alert color="red" variant="light" role="alert" title={t("casesPublic.report.sendFailed")} data-testid="report-server-invalid">
          <Text size="sm">{t("casesPublic.report.serverFields")}</Text>
        </Alert>
      )}
      <Button type="submit" size="xl" fullWidth loading={submit.isPending} data-testid="report-submit">{t("casesPublic.report.send")}</Button>
      <Text size="sm" c="dark.5" ta="center">
        {t("casesPublic.report.haveCode")} <AnchorLink to="/track">{t("casesPublic.nav.track")}</AnchorLink>
      </Text>
    </Stack>
    </form>
  );
}

/** What the chosen category is for and how fast the province promises to act on it. */
function CategoryHint({ c }: { c: CategoryView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const days = (h: number) => (h < 48 ? t("casesPublic.hours", { n: f.number(h) }) : t("casesPublic.days", { n: f.number(Math.round((h / 24) * 10) / 10) }));
  const desc = f.pick(c.descriptionTh, c.descriptionEn);
  return (
    <Text size="sm" c="dark.6" data-testid="report-category-hint">
      {desc && <>{desc} · </>}
      {t("casesPublic.report.what.serviceLevel", { accept: days(c.acceptHours), resolve: days(c.resolveHours) })}
      {c.sensitive && <> · {t("casesPublic.report.what.sensitive")}</>}
    </Text>
  );
}

/** One of a category's Open311 questions: a number, a choice, or text. */
function AttributeField({ a, value, onChange, error }: { a: Attribute; value: string; onChange: (v: string) => void; error?: string }) {
  const f = useFormat();
  const label = f.pick(a.descriptionTh, a.descriptionEn);
  const testId = `report-attr-${a.code}`;
  if (a.datatype === "singlevaluelist") {
    return (
      <Radio.Group label={label} required={a.required} value={value} onChange={onChange} error={error} data-testid={testId}>
        <Group gap="lg" mt={6}>
          {(a.values ?? []).map((x) => (
            <Radio size="md" key={x.key} value={x.key} label={f.pick(x.nameTh, x.nameEn)} />
          ))}
        </Group>
      </Radio.Group>
    );
  }
  if (a.datatype === "number") {
    return <TextInput size="md" label={label} required={a.required} type="number" inputMode="decimal" min={0} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} data-testid={testId} />;
  }
  if (a.datatype === "text") return <Textarea size="md" label={label} required={a.required} autosize minRows={2} maxLength={500} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} data-testid={testId} />;
  return <TextInput size="md" label={label} required={a.required} maxLength={500} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} data-testid={testId} />;
}

/** "เรื่องที่อาจซ้ำกัน": open cases within 50 m and 14 days with similar words, each linked to its public page. */
function SimilarCases({ items }: { items: Similar[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Alert color="yellow" variant="light" title={t("casesPublic.report.similar.title")} icon={<span aria-hidden="true">⚠</span>} data-testid="report-similar">
      <Text size="sm" mb="xs">{t("casesPublic.report.similar.intro")}</Text>
      <Stack gap="xs">
        {items.map((s) => (
          <Card key={s.id} withBorder p="xs" data-testid="report-similar-item">
            <Group gap="xs" wrap="wrap">
              <AnchorLink to="/board/$ref" params={{ ref: s.publicRef }} target="_blank" fw={700}>{s.publicRef}</AnchorLink>
              <CaseStatusBadge status={s.status} size="sm" />
              <Text size="xs" c="dark.5">{t("casesPublic.report.similar.meta", { m: f.number(Math.round(s.distanceMeters)), date: f.date(s.receivedAt) })}</Text>
            </Group>
            {s.publicText && <Text size="sm" lang="th" lineClamp={2}>{s.publicText}</Text>}
          </Card>
        ))}
      </Stack>
      <Text size="xs" mt="xs">{t("casesPublic.report.similar.stillSend")}</Text>
    </Alert>
  );
}

