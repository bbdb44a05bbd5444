import { useState } from "react";
import { Alert, Button, Card, List, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { CLOSE_ACCOUNT_PHRASE, isCloseConfirmation, type ClosedAccount } from "../../../modules/accounts/contracts.js";
import { api, isApiError, setCsrfToken } from "../../app/api.js";
import { queryClient } from "../../app/query-client.js";
import { isStaff, meQuery, useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";

/**
 * "Close my account": what is erased and what stays, then the password and the typed phrase. Staff accounts and the
 * shared demo accounts see why they cannot close here (the server refuses them too, with 409).
 */
export function CloseAccountCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "th";
  const me = useMe();
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<{ password?: string; confirmation?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const staff = isStaff(me.data);
  const demo = !!me.data?.account?.isDemo;
  const blocked = staff || demo;
  const phrase = CLOSE_ACCOUNT_PHRASE[lang];

  async function submit() {
    setError(null);
    const errs = { password: password ? undefined : t("citizenAccount.close.errors.password"), confirmation: isCloseConfirmation(confirmation) ? undefined : t("citizenAccount.close.errors.confirmation") };
    setErrors(errs);
    if (errs.password || errs.confirmation) return;
    setBusy(true);
    try {
      await api.post<ClosedAccount>("/me/close", { password, confirmation });
      // the server ended every session and cleared the cookie: the header learns it first, then this page's data is
      // dropped once the page is left (dropped earlier, the page would ask for it again as a logged-out visitor)
      setCsrfToken(null);
      await queryClient.fetchQuery({ ...meQuery, staleTime: 0 }).catch(() => undefined);
      await navigate({ to: "/account/closed" });
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "meta" && q.queryKey.join("/") !== meQuery.queryKey.join("/") });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }
  const server = (k: string) => (isApiError(error) ? error.fieldError(k, lang) : undefined);

  return (
    <Card withBorder component="section" aria-labelledby="close-title" data-testid="close-account">
      <Title order={2} size="h3" id="close-title" mb="sm">
        {t("citizenAccount.close.title")}
      </Title>
      <Stack gap="sm">
        <Text size="sm" lh={1.7}>
          {t("citizenAccount.close.intro")}
        </Text>
        <Alert color="red" variant="light" role="note" title={t("citizenAccount.close.erasedTitle")} icon={<span aria-hidden="true">!</span>} data-testid="close-erased">
          <List size="sm" spacing={4} lh={1.7}>
            {(["erased1", "erased2", "erased3", "erased4"] as const).map((k) => (
              <List.Item key={k}>{t(`citizenAccount.close.${k}`)}</List.Item>
            ))}
          </List>
        </Alert>
        <Alert color="gray" variant="light" role="note" title={t("citizenAccount.close.keptTitle")} icon={<span aria-hidden="true">i</span>} data-testid="close-kept">
          <List size="sm" spacing={4} lh={1.7}>
            {(["kept1", "kept2", "kept3"] as const).map((k) => (
              <List.Item key={k}>{t(`citizenAccount.close.${k}`)}</List.Item>
            ))}
          </List>
        </Alert>
        <Text size="sm" lh={1.7}>
          {t("citizenAccount.close.downloadFirst")}
        </Text>
        {blocked ? (
          <Alert color="yellow" variant="light" role="note" data-testid="close-blocked">
            {t(staff ? "citizenAccount.close.staff" : "citizenAccount.close.demo")}
          </Alert>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Stack gap="sm">
              <PasswordInput size="md" label={t("citizenAccount.close.password")} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errors.password ?? server("password")} data-testid="close-password" />
              <TextInput size="md" label={t("citizenAccount.close.confirmation", { phrase })} autoComplete="off" value={confirmation} onChange={(e) => setConfirmation(e.currentTarget.value)} error={errors.confirmation ?? server("confirmation")} data-testid="close-confirmation" />
              <ErrorAlert error={error} />
              <Button size="md" type="submit" color="red.9" loading={busy} data-testid="close-submit">
                {t("citizenAccount.close.submit")}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
