import { useState } from "react";
import { Alert, Button, Card, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";
import { mailInfoQuery, rememberedAddress } from "./queries.js";

/** After sign-up: open the link in the mail; ask for a new one; in development, where the outbox is. */
export function CheckEmailPage() {
  const { t } = useTranslation();
  const [email] = useState(rememberedAddress);
  const info = useQuery(mailInfoQuery);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function resend() {
    setBusy(true);
    setError(null);
    try {
      await api.post("/auth/resend-verification", { email });
      setSent(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack maw={520} mx="auto" py="md" gap="md">
      <Title order={1}>{t("citizenAccount.checkEmail.title")}</Title>
      <Card withBorder>
        <Stack>
          <Text lh={1.7}>{email ? t("citizenAccount.checkEmail.sentTo", { email }) : t("citizenAccount.checkEmail.sent")}</Text>
          <Text size="sm" c="dark.5" lh={1.7}>
            {t("citizenAccount.checkEmail.notArrived")}
          </Text>
          {sent && (
            <Alert color="green" variant="light" role="status" icon={<span aria-hidden="true">✓</span>}>
              {t("citizenAccount.checkEmail.resent")}
            </Alert>
          )}
          <ErrorAlert error={error} />
          {email && (
            <Button variant="light" size="md" onClick={() => void resend()} loading={busy} data-testid="resend-verification">
              {t("citizenAccount.checkEmail.resend")}
            </Button>
          )}
          {info.data?.outbox && (
            <Alert color="yellow" variant="light" role="note" title={t("citizenAccount.outbox.banner")}>
              <AnchorLink to="/dev/outbox" data-testid="open-dev-outbox">
                {t("citizenAccount.checkEmail.openOutbox")}
              </AnchorLink>
            </Alert>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
