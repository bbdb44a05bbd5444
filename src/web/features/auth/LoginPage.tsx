import { useState } from "react";
import { Alert, Button, Card, Group, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title, Badge } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { DemoAccount } from "../../../modules/accounts/contracts.js";
import { api, isApiError } from "../../app/api.js";
import { login, useMe } from "../../app/session.js";
import { ErrorAlert } from "../../ui/errors.js";
import { AnchorLink } from "../../ui/links.js";

const route = getRouteApi("/login");

/** Only same-site paths are followed after login (no open redirect). */
function safePath(p: string | undefined | null): string | null {
  return p && p.startsWith("/") && !p.startsWith("//") && !p.startsWith("/login") ? p : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = route.useSearch();
  const me = useMe();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState({ username: false, password: false });
  const demo = useQuery({
    queryKey: ["demo", "accounts"],
    queryFn: () => api.get<DemoAccount[]>("/demo/accounts"),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

  async function submit(u: string, p: string) {
    const missing = { username: !u.trim(), password: !p };
    setMissing(missing);
    if (missing.username || missing.password) return;
    setBusy(true);
    setError(null);
    try {
      const who = await login(u, p);
      const target = safePath(search.redirect) ?? safePath(who.home) ?? "/";
      await navigate({ to: target });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const demoAccounts = demo.data && Array.isArray(demo.data) ? demo.data : [];

  return (
    <Stack maw={880} mx="auto" py="md" gap="lg">
      <Title order={1}>{t("auth.loginTitle")}</Title>
      {me.data?.authenticated && me.data.account && (
        <Alert color="blue" variant="light">
          {t("auth.alreadySignedIn", { name: me.data.account.displayName })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: demoAccounts.length ? 2 : 1 }} spacing="lg">
        <Card withBorder component="section" aria-labelledby="login-form-title">
          <Title order={2} size="h3" id="login-form-title" mb="sm">
            {t("auth.withPassword")}
          </Title>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void submit(username, password);
            }}
          >
            <Stack>
              <TextInput
                label={t("auth.username")}
                autoComplete="username"
                required
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                error={missing.username ? t("validation.required") : undefined}
                data-testid="login-username"
              />
              <PasswordInput
                label={t("auth.password")}
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={missing.password ? t("validation.required") : undefined}
                data-testid="login-password"
              />
              {error ? (
                isApiError(error, 401) && !error.localized("th") ? (
                  <Alert color="red" role="alert">{t("auth.invalidCredentials")}</Alert>
                ) : (
                  <ErrorAlert error={error} title={t("auth.loginFailed")} />
                )
              ) : null}
              <Button type="submit" loading={busy} data-testid="login-submit">
                {t("auth.login")}
              </Button>
              <Text size="sm">
                <AnchorLink to="/forgot-password" search={{}} data-testid="login-forgot">
                  {t("citizenAccount.login.forgot")}
                </AnchorLink>
                {" · "}
                <AnchorLink to="/sign-up" search={{}} data-testid="login-sign-up">
                  {t("citizenAccount.login.signUp")}
                </AnchorLink>
              </Text>
              <Text size="sm" c="dimmed">
                {t("auth.forgotHint")}{" "}
                <AnchorLink to="/reset-password" search={{}}>
                  {t("auth.resetLink")}
                </AnchorLink>
              </Text>
            </Stack>
          </form>
        </Card>
        {demoAccounts.length > 0 && (
          <Card withBorder component="section" aria-labelledby="demo-accounts-title" data-testid="demo-accounts">
            <Title order={2} size="h3" id="demo-accounts-title">
              {t("auth.demoAccounts")}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t("auth.demoAccountsHint")}
            </Text>
            <Stack gap="xs">
              {demoAccounts.map((a) => (
                <Button
                  key={a.username}
                  variant="light"
                  justify="space-between"
                  h="auto"
                  py={6}
                  disabled={busy}
                  data-testid={`demo-login-${a.username}`}
                  onClick={() => {
                    setUsername(a.username);
                    setPassword(a.password);
                    void submit(a.username, a.password);
                  }}
                  // Two lines of text: keep descenders and Thai vowels below the line (Mantine trims the label box to cap/baseline).
                  styles={{ label: { whiteSpace: "normal", textAlign: "start", display: "block", textBoxTrim: "none" } }}
                >
                  <Group gap="xs" wrap="wrap">
                    <Text fw={700} size="sm">
                      {a.displayName}
                    </Text>
                    <Badge size="sm" variant="outline">
                      {t(`roles.${a.grants[0]?.role ?? a.roleLabel}`, { defaultValue: a.roleLabel })}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dark.5">
                    {a.username}
                    {a.grants[0] && a.grants[0].scope !== "nation" ? ` · ${a.grants[0].scope}` : ""}
                  </Text>
                </Button>
              ))}
            </Stack>
          </Card>
        )}
      </SimpleGrid>
    </Stack>
  );
}
