import "@fontsource/sarabun/thai-400.css";
import "@fontsource/sarabun/thai-500.css";
import "@fontsource/sarabun/thai-700.css";
import "@fontsource/sarabun/latin-400.css";
import "@fontsource/sarabun/latin-500.css";
import "@fontsource/sarabun/latin-700.css";
import "@mantine/core/styles.css";
import "./styles.css";
import "./i18n/index.js";

import { StrictMode, useMemo } from "react";
import { createRoot } from "react-dom/client";
import { MantineProvider, mergeThemeOverrides, type CSSVariablesResolver } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { theme } from "./theme.js";
import { queryClient } from "./app/query-client.js";
import { router } from "./app/router.js";

// Mantine's "dimmed" grey (gray.6) is 3.3:1 on white; gray.7 passes WCAG AA for body text. Placeholders
// (also shown as real text, e.g. in a file picker) take dark.3 (#696969, 5.5:1): readable, still lighter than values.
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  // error text beside a field must reach 4.5:1 on white (the default red is 3.8:1)
  light: { "--mantine-color-dimmed": "var(--mantine-color-gray-7)", "--mantine-color-placeholder": "var(--mantine-color-dark-3)", "--mantine-color-error": "var(--mantine-color-red-9)" },
  dark: {},
});

/** The theme plus the words Mantine shows by itself (a dialog's × button), in the current language. */
function LocalizedMantine({ children }: { children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const localized = useMemo(
    () => mergeThemeOverrides(theme, { components: { Modal: { defaultProps: { closeButtonProps: { "aria-label": t("common.close") } } } } }),
    [t, i18n.language], // eslint-disable-line react-hooks/exhaustive-deps
  );
  return (
    <MantineProvider theme={localized} defaultColorScheme="light" cssVariablesResolver={cssVariables}>
      {children}
    </MantineProvider>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");

createRoot(root).render(
  <StrictMode>
    <LocalizedMantine>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </LocalizedMantine>
  </StrictMode>,
);
