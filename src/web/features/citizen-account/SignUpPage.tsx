import { useState } from "react";
import { Alert, Button, Card, Checkbox, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { SignUpInput } from "../../../modules/accounts/contracts.js";
import { api, isApiError } from "../../app/api.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { ConsentText } from "./ConsentText.js";
import { rememberAddress } from "./queries.js";

/** Citizen sign-up, one column for phones: address, password, name, optional mobile, consent. */
export function SignUpPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "th";
  const navigate = useNavigate();
  const [form, setForm] = useState({ email: "", password: "", confirm: "", displayName: "", phone: "", consent: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // a field's message goes once it is edited; the others stay until the next try
  const set = (k: keyof typeof form) => (v: string | boolean) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors(({ [k]: _gone, ...rest }) => rest);
  };

  const MESSAGES: Record<string, string> = {
    email: t("citizenAccount.errors.email"),
    password: t("validation.passwordLength"),
    displayName: t("citizenAccount.errors.displayName"),
    phone: t("citizenAccount.errors.phone"),
    consent: t("citizenAccount.errors.consent"),
  };

  async function submit() {
    setError(null);
    const input = { email: form.email, password: form.password, displayName: form.displayName, phone: form.phone.trim() || undefined, locale: lang, consent: form.consent as true };
    const parsed = SignUpInput.safeParse(input);
    const errs: Record<string, string> = {};
    if (!parsed.success) for (const i of parsed.error.issues) errs[String(i.path[0])] = MESSAGES[String(i.path[0])] ?? t("validation.required");
    if (form.password !== form.confirm) errs.confirm = t("validation.passwordMismatch");
    setErrors(errs);
    if (!parsed.success || Object.keys(errs).length) return;
    setBusy(true);
    try {
      await api.post("/auth/sign-up", parsed.data);
      rememberAddress(parsed.data.email);
      await navigate({ to: "/sign-up/check-email" });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const server = (k: string) => (isApiError(error) ? error.fieldError(k, lang) : undefined);

  return (
    <Stack maw={520} mx="auto" py="md" gap="md">
      <Title order={1}>{t("citizenAccount.signUp.title")}</Title>
      <Text c="dark.5">{t("citizenAccount.signUp.intro")}</Text>
      <Card withBorder>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack>
            <TextInput size="md" type="email" inputMode="email" autoComplete="email" required label={t("citizenAccount.fields.email")} description={t("citizenAccount.fields.emailHint")} value={form.email} onChange={(e) => set("email")(e.currentTarget.value)} error={errors.email ?? server("email")} data-testid="signup-email" />
            <TextInput size="md" autoComplete="name" required label={t("citizenAccount.fields.displayName")} value={form.displayName} onChange={(e) => set("displayName")(e.currentTarget.value)} error={errors.displayName ?? server("displayName")} data-testid="signup-name" />
            <TextInput size="md" type="tel" inputMode="tel" autoComplete="tel-national" label={t("citizenAccount.fields.phone")} description={t("citizenAccount.fields.phoneHint")} value={form.phone} onChange={(e) => set("phone")(e.currentTarget.value)} error={errors.phone ?? server("phone")} data-testid="signup-phone" />
            <PasswordInput size="md" autoComplete="new-password" required label={t("auth.password")} description={t("validation.passwordLength")} value={form.password} onChange={(e) => set("password")(e.currentTarget.value)} error={errors.password ?? server("password")} data-testid="signup-password" />
            <PasswordInput size="md" autoComplete="new-password" required label={t("citizenAccount.fields.confirmPassword")} value={form.confirm} onChange={(e) => set("confirm")(e.currentTarget.value)} error={errors.confirm} data-testid="signup-confirm" />
            <Card withBorder bg="gray.0" p="sm">
              <Title order={2} size="h5" mb={4}>
                {t("citizenAccount.signUp.consentTitle")}
              </Title>
              <ConsentText />
            </Card>
            <Checkbox size="md" checked={form.consent} onChange={(e) => set("consent")(e.currentTarget.checked)} label={t("citizenAccount.signUp.consent")} error={errors.consent} data-testid="signup-consent" />
            <ErrorAlert error={error} />
            <Button size="md" type="submit" loading={busy} data-testid="signup-submit">
              {t("citizenAccount.signUp.submit")}
            </Button>
            <Text size="sm">
              {t("citizenAccount.signUp.haveAccount")}{" "}
              <AnchorLink to="/login" search={{}}>
                {t("auth.login")}
              </AnchorLink>
            </Text>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
