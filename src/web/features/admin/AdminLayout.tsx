import { Alert, Stack, Tabs, Title } from "@mantine/core";
import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { canImport, isAdmin, useMe } from "../../app/session.js";
import { PageLoader } from "../../ui/PageLoader.js";

const TABS = ["/admin/users", "/admin/api-keys", "/admin/holidays", "/admin/imports"] as const;
const TAB_LABEL: Record<(typeof TABS)[number], string> = {
  "/admin/users": "nav.adminUsers",
  "/admin/api-keys": "nav.adminApiKeys",
  "/admin/holidays": "nav.adminHolidays",
  "/admin/imports": "nav.adminImports",
};
/** Registry editors who are not administrators see the import tab only. */
const IMPORTER_TABS: readonly string[] = ["/admin/imports"];

export function AdminLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  if (me.isPending) return <PageLoader />;
  const tabs = TABS.filter((p) => isAdmin(me.data) || (canImport(me.data) && IMPORTER_TABS.includes(p)));
  if (!tabs.some((p) => pathname.startsWith(p))) {
    return (
      <Alert color="red" role="alert" title={t("errors.forbidden")} data-testid="admin-forbidden">
        {t("admin.forbidden")}
      </Alert>
    );
  }
  const current = tabs.find((p) => pathname.startsWith(p)) ?? tabs[0];
  return (
    <Stack gap="md">
      <Title order={1}>{t("nav.admin")}</Title>
      <Tabs value={current} onChange={(v) => v && void navigate({ to: v as (typeof TABS)[number] })} keepMounted={false}>
        <Tabs.List>
          {tabs.map((p) => (
            <Tabs.Tab key={p} value={p}>{t(TAB_LABEL[p])}</Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
