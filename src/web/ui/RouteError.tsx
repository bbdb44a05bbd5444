import { Button, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ErrorComponentProps } from "@tanstack/react-router";
import { ErrorAlert } from "./errors.js";

/** Shown when a route's code or data fails to load (e.g. a stale chunk after a deploy). */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" py="md">
      <ErrorAlert error={error} />
      <Button variant="light" onClick={() => { reset(); window.location.reload(); }}>
        {t("common.retry")}
      </Button>
    </Stack>
  );
}
