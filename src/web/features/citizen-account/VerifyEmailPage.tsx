import { useState } from "react";
import { Alert, Button, Card, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.js";
import { useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink, ButtonLink } from "../../ui/links.js";

/** The token from the link's fragment (#token=…): browsers never send a fragment, so it stays out of server logs. */
export function tokenFromHash(): string {
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  try {
    return m ? decodeURIComponent(m[1]!) : "";
  } catch {
    return "";
  }
}

/**
 * The link from the mail. Confirming takes a press of the button: mail scanners that open links must not spend
 * the one-time token before the person does.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [token] = useState(tokenFromHash);
  const me = useMe();
  const qc = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ ok: true; email: string }>("/auth/verify-email", { token });
      setDone(r.email);
      await qc.invalidateQueries({ queryKey: ["me"] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack maw={520} mx="auto" py="md" gap="md">
      <Title order={1}>{t("citizenAccount.verify.title")}</Title>
      <Card withBorder>
        {done ? (
          <Stack>
            <Alert color="green" variant="light" role="status" icon={<span aria-hidden="true">✓</span>} data-testid="verify-done">
              {t("citizenAccount.verify.done", { email: done })}
            </Alert>
            {me.data?.authenticated ? (
              <ButtonLink to="/account" search={{}}>
                {t("citizenAccount.nav.myAccount")}
              </ButtonLink>
            ) : (
              <ButtonLink to="/login" search={{}} data-testid="verify-login">
                {t("auth.login")}
              </ButtonLink>
            )}
          </Stack>
        ) : !token ? (
          <Alert color="red" variant="light" role="alert">
            {t("citizenAccount.verify.noToken")}
          </Alert>
        ) : (
          <Stack>
            <Text lh={1.7}>{t("citizenAccount.verify.intro")}</Text>
            <ErrorAlert error={error} />
            {error ? (
              <Text size="sm">
                <AnchorLink to="/sign-up/check-email" search={{}}>
                  {t("citizenAccount.verify.askAgain")}
                </AnchorLink>
              </Text>
            ) : null}
            <Button size="md" onClick={() => void confirm()} loading={busy} data-testid="verify-confirm">
              {t("citizenAccount.verify.confirm")}
            </Button>
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
