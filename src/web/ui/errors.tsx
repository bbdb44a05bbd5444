import { Alert, Code, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isApiError } from "../app/api.js";

/** The server's message in the current language, with the request id for support. */
export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "th";
  return (error: unknown): string => {
    if (isApiError(error)) {
      const m = error.localized(lang);
      if (m) return m;
      if (error.status === 0) return t("errors.network");
      if (error.status === 404) return t("errors.notFound");
      if (error.status === 401) return t("errors.unauthenticated");
      if (error.status === 403) return t("errors.forbidden");
      return t("errors.http", { status: error.status });
    }
    return t("errors.unexpected");
  };
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (!error) return null;
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <Alert color="red" variant="light" role="alert" title={title ?? t("errors.title")} icon={<span aria-hidden="true">!</span>}>
      <Text size="sm">{message(error)}</Text>
      {requestId && (
        <Text size="xs" c="dimmed" mt={4}>
          {t("errors.requestId")}: <Code>{requestId}</Code>
        </Text>
      )}
    </Alert>
  );
}
