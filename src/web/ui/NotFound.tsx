import { Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "./links.js";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" py="xl">
      <Title order={1}>{t("errors.pageNotFoundTitle")}</Title>
      <Text>{t("errors.pageNotFound")}</Text>
      <ButtonLink to="/">{t("nav.map")}</ButtonLink>
    </Stack>
  );
}
