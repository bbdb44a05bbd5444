import { useEffect, useState } from "react";
import { Alert, Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { UpdateMyProfileInput, type MyData, type MyProfile } from "../../../modules/accounts/contracts.js";
import { api, API_BASE, isApiError } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { CloseAccountCard } from "./CloseAccountCard.js";
import { columnLabel, isInstant } from "./columns.js";
import { myDataQuery, myProfileQuery } from "./queries.js";

/** My account: the profile (name, mobile, e-mail, language), "my data" with its downloads, and closing the account. */
export function MyAccountPage() {
  const { t } = useTranslation();
  const profile = useQuery(myProfileQuery);
  const data = useQuery(myDataQuery);
  return (
    <Stack maw={960} mx="auto" py="md" gap="lg">
      <Title order={1}>{t("citizenAccount.account.title")}</Title>
      {profile.isPending ? <PageLoader /> : profile.error ? <ErrorAlert error={profile.error} /> : <ProfileCard profile={profile.data} />}
      {data.isPending ? <PageLoader /> : data.error ? <ErrorAlert error={data.error} /> : <MyDataCard data={data.data} />}
      {profile.data && <CloseAccountCard />}
    </Stack>
  );
}

function ProfileCard({ profile }: { profile: MyProfile }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = i18n.language === "en" ? "en" : "th";
  const qc = useQueryClient();
  const [form, setForm] = useState({ displayName: profile.displayName, phone: profile.phone ?? "", email: profile.email ?? "", locale: profile.locale });
  useEffect(() => setForm({ displayName: profile.displayName, phone: profile.phone ?? "", email: profile.email ?? "", locale: profile.locale }), [profile]);
  const [error, setError] = useState<unknown>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function save() {
    setSaved(false);
    setError(null);
    const input = { displayName: form.displayName, phone: form.phone.trim() ? form.phone : null, locale: form.locale, ...(form.email.trim().toLowerCase() !== (profile.email ?? "").toLowerCase() ? { email: form.email } : {}) };
    const parsed = UpdateMyProfileInput.safeParse(input);
    const errs: Record<string, string> = {};
    if (!parsed.success) for (const i of parsed.error.issues) errs[String(i.path[0])] = t(`citizenAccount.errors.${String(i.path[0])}`, { defaultValue: t("validation.required") });
    setErrors(errs);
    if (!parsed.success) return;
    setBusy(true);
    try {
      const p = await api.patch<MyProfile>("/me/profile", parsed.data);
      qc.setQueryData(myProfileQuery.queryKey, p);
      await qc.invalidateQueries({ queryKey: ["me", "data"] });
      await qc.invalidateQueries({ queryKey: ["auth", "me"] });
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const server = (k: string) => (isApiError(error) ? error.fieldError(k, lang) : undefined);

  return (
    <Card withBorder component="section" aria-labelledby="profile-title">
      <Title order={2} size="h3" id="profile-title" mb="sm">
        {t("citizenAccount.account.profile")}
      </Title>
      <Group gap="xs" mb="sm">
        <Text size="sm">{profile.email ?? "—"}</Text>
        {profile.emailVerified ? (
          <Badge color="#1b5e20" variant="outline" leftSection={<span aria-hidden="true">✓</span>} data-testid="email-verified">
            {t("citizenAccount.account.verified")}
          </Badge>
        ) : (
          <Badge color="#9a3412" variant="outline" leftSection={<span aria-hidden="true">!</span>} data-testid="email-unverified">
            {t("citizenAccount.account.unverified")}
          </Badge>
        )}
      </Group>
      {profile.pendingEmail && (
        <Alert color="blue" variant="light" mb="sm">
          {t("citizenAccount.account.pendingEmail", { email: profile.pendingEmail })}
        </Alert>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <TextInput size="md" label={t("citizenAccount.fields.displayName")} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })} error={errors.displayName ?? server("displayName")} data-testid="profile-name" />
          <TextInput size="md" type="tel" inputMode="tel" label={t("citizenAccount.fields.phone")} description={t("citizenAccount.fields.phoneHint")} value={form.phone} onChange={(e) => setForm({ ...form, phone: e.currentTarget.value })} error={errors.phone ?? server("phone")} data-testid="profile-phone" />
          <TextInput size="md" type="email" label={t("citizenAccount.fields.email")} description={t("citizenAccount.account.emailChangeHint")} value={form.email} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} error={errors.email ?? server("email")} data-testid="profile-email" />
          <div>
            <Text size="sm" fw={500} mb={4} id="profile-locale-label">
              {t("citizenAccount.fields.locale")}
            </Text>
            <SegmentedControl aria-labelledby="profile-locale-label" value={form.locale} onChange={(v) => setForm({ ...form, locale: v === "en" ? "en" : "th" })} data={[{ value: "th", label: t("citizenAccount.fields.localeTh") }, { value: "en", label: t("citizenAccount.fields.localeEn") }]} />
          </div>
          {saved && (
            <Alert color="green" variant="light" role="status" icon={<span aria-hidden="true">✓</span>}>
              {t("citizenAccount.account.saved")}
            </Alert>
          )}
          <ErrorAlert error={error} />
          <Button size="md" type="submit" loading={busy} data-testid="profile-save">
            {t("common.save")}
          </Button>
          <Text size="xs" c="dark.4">
            {t("citizenAccount.account.consentGiven", { version: profile.consentVersion ?? "—", date: f.date(profile.consentAt) || "—" })}
          </Text>
        </Stack>
      </form>
    </Card>
  );
}

function MyDataCard({ data }: { data: MyData }) {
  const { t } = useTranslation();
  const f = useFormat();
  // shown in the reader's language; the downloads keep the machine values
  const cell = (v: string | number | boolean | null | undefined) => (v === null || v === undefined || v === "" ? "—" : typeof v === "boolean" ? t(v ? "citizenAccount.myData.yes" : "citizenAccount.myData.no") : isInstant(v) ? f.dateTime(v) : String(v));
  return (
    <Card withBorder component="section" aria-labelledby="mydata-title" data-testid="my-data">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h3" id="mydata-title">
          {t("citizenAccount.myData.title")}
        </Title>
        <Button component="a" href={`${API_BASE}/me/data?download=true`} download variant="filled" data-testid="my-data-download">
          {t("citizenAccount.myData.downloadJson")}
        </Button>
      </Group>
      <Text size="sm" c="dark.5" mb="md" lh={1.7}>
        {t("citizenAccount.myData.intro")}
      </Text>
      <Stack gap="lg">
        {data.sections.map((s) => {
          const cols = [...new Set(s.rows.flatMap((r) => Object.keys(r)))];
          return (
            <section key={s.key} aria-labelledby={`sec-${s.key}`} data-testid={`my-data-${s.key}`}>
              <Group justify="space-between" mb={4} wrap="wrap">
                <Title order={3} size="h5" id={`sec-${s.key}`}>
                  {f.pick(s.titleTh, s.titleEn)} <Text span size="sm" c="dark.4">({t("citizenAccount.myData.rows", { count: s.rows.length })})</Text>
                </Title>
                {s.rows.length > 0 && (
                  <Anchor href={`${API_BASE}/me/data/${encodeURIComponent(s.key)}/csv`} download size="sm">
                    {t("citizenAccount.myData.downloadCsv")}
                  </Anchor>
                )}
              </Group>
              {s.rows.length === 0 ? (
                <Text size="sm" c="dark.4">
                  {t("citizenAccount.myData.empty")}
                </Text>
              ) : (
                // a wide table scrolls sideways on a phone; focusable so the keyboard can scroll it too
                <div tabIndex={0} role="region" aria-labelledby={`sec-${s.key}`} style={{ overflowX: "auto" }}>
                  <Table striped withTableBorder fz="xs" miw={480}>
                    <Table.Thead>
                      <Table.Tr>
                        {cols.map((c) => (
                          <Table.Th key={c} data-key={c}>
                            {columnLabel(t, c)}
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {s.rows.slice(0, 50).map((r, i) => (
                        <Table.Tr key={i}>
                          {cols.map((c) => (
                            <Table.Td key={c}>{cell(r[c])}</Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </div>
              )}
            </section>
          );
        })}
      </Stack>
    </Card>
  );
}
