import { useState } from "react";
import { Alert, Button, Card, PasswordInput, Stack, TextInput, Title, Text } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ResetPasswordInput } from "../../../modules/accounts/contracts.js";
import { api, isApiError } from "../../app/api.js";
import { ErrorAlert } from "../../ui/errors.js";
import { ButtonLink } from "../../ui/links.js";

const route = getRouteApi("/reset-password");

export function ResetPasswordPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "th";
  const search = route.useSearch();
  // a mailed link carries the token in the fragment (#token=…), which never reaches server logs
  const [token, setToken] = useState(search.token ?? (/(?:^#|&)token=([^&]+)/.exec(window.location.hash)?.[1] ?? ""));
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setError(null);
    const errs: Record<string, string> = {};
    const parsed = ResetPasswordInput.safeParse({ token: token.trim(), newPassword: password });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        errs[key] = key === "newPassword" ? t("validation.passwordLength") : t("validation.tokenInvalid");
      }
    }
    if (password !== confirm) errs.confirm = t("validation.passwordMismatch");
    setFieldErrors(errs);
    if (Object.keys(errs).length || !parsed.success) return;
    setBusy(true);
    try {
      await api.post("/auth/reset-password", parsed.data);
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack maw={520} mx="auto" py="md">
      <Title order={1}>{t("auth.resetTitle")}</Title>
      <Text c="dimmed">{t("auth.resetHint")}</Text>
      <Card withBorder>
        {done ? (
          <Stack>
            <Alert color="green" variant="light" role="status" icon={<span aria-hidden="true">✓</span>}>
              {t("auth.resetDone")}
            </Alert>
            <ButtonLink to="/login" search={{}}>
              {t("auth.login")}
            </ButtonLink>
          </Stack>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Stack>
              <TextInput
                label={t("auth.resetToken")}
                required
                value={token}
                onChange={(e) => setToken(e.currentTarget.value)}
                error={fieldErrors.token ?? (isApiError(error) ? error.fieldError("token", lang) : undefined)}
                data-testid="reset-token"
                autoComplete="one-time-code"
              />
              <PasswordInput
                label={t("auth.newPassword")}
                description={t("validation.passwordLength")}
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={fieldErrors.newPassword ?? (isApiError(error) ? error.fieldError("newPassword", lang) : undefined)}
                autoComplete="new-password"
                data-testid="reset-password"
              />
              <PasswordInput
                label={t("auth.confirmPassword")}
                required
                value={confirm}
                onChange={(e) => setConfirm(e.currentTarget.value)}
                error={fieldErrors.confirm}
                autoComplete="new-password"
                data-testid="reset-confirm"
              />
              <ErrorAlert error={error} />
              <Button type="submit" loading={busy} data-testid="reset-submit">
                {t("auth.resetSubmit")}
              </Button>
            </Stack>
          </form>
        )}
      </Card>
    </Stack>
  );
}
