import { useState } from "react";
import { Alert, Button, Card, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EmailInput } from "../../../modules/accounts/contracts.js";
import { api } from "../../app/api.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { mailInfoQuery, rememberAddress } from "./queries.js";

/** "Forgot password": a one-time link by mail (citizens have no administrator to ask). */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const info = useQuery(mailInfoQuery);
  const [email, setEmail] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const parsed = EmailInput.safeParse({ email });
    setInvalid(!parsed.success);
    if (!parsed.success) return;
    setBusy(true);
    setError(null);
    try {
      await api.post("/auth/forgot-password", parsed.data);
      setSent(parsed.data.email);
      rememberAddress(parsed.data.email);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack maw={520} mx="auto" py="md" gap="md">
      <Title order={1}>{t("citizenAccount.forgot.title")}</Title>
      <Text c="dark.5" lh={1.7}>
        {t("citizenAccount.forgot.intro")}
      </Text>
      <Card withBorder>
        {sent ? (
          <Stack>
            <Alert color="green" variant="light" role="status" icon={<span aria-hidden="true">✓</span>}>
              {t("citizenAccount.forgot.sent")}
            </Alert>
            {info.data?.outbox && (
              <AnchorLink to="/dev/outbox">
                {t("citizenAccount.checkEmail.openOutbox")}
              </AnchorLink>
            )}
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
              <TextInput size="md" type="email" inputMode="email" autoComplete="email" required label={t("citizenAccount.fields.email")} value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={invalid ? t("citizenAccount.errors.email") : undefined} data-testid="forgot-email" />
              <ErrorAlert error={error} />
              <Button size="md" type="submit" loading={busy} data-testid="forgot-submit">
                {t("citizenAccount.forgot.submit")}
              </Button>
              <Text size="sm">
                {t("citizenAccount.forgot.staffHint")}{" "}
                <AnchorLink to="/reset-password" search={{}}>
                  {t("auth.resetLink")}
                </AnchorLink>
              </Text>
            </Stack>
          </form>
        )}
      </Card>
    </Stack>
  );
}
