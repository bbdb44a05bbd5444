import { Alert, Card, Group, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "../../ui/links.js";

/** Where a citizen lands after closing their account: logged out, told what happened, sent on to the home page. */
export function AccountClosedPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={560} mx="auto" py="md" gap="md">
      <Title order={1}>{t("citizenAccount.closed.title")}</Title>
      <Card withBorder>
        <Stack>
          <Alert color="green" variant="light" role="status" icon={<span aria-hidden="true">✓</span>} data-testid="account-closed">
            {t("citizenAccount.closed.message")}
          </Alert>
          <Group>
            <ButtonLink to="/" size="md" data-testid="closed-home">
              {t("citizenAccount.closed.home")}
            </ButtonLink>
            <ButtonLink to="/sign-up" size="md" variant="default">
              {t("citizenAccount.closed.signUp")}
            </ButtonLink>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
