import { Alert, Stack, Tabs, Title } from "@mantine/core";
import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { isAdmin, useMe } from "../../app/session.js";
import { PageLoader } from "../../ui/PageLoader.js";

const TABS = ["/admin/users", "/admin/api-keys", "/admin/holidays"] as const;

export function AdminLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  if (me.isPending) return <PageLoader />;
  if (!isAdmin(me.data)) {
    return (
      <Alert color="red" role="alert" title={t("errors.forbidden")} data-testid="admin-forbidden">
        {t("admin.forbidden")}
      </Alert>
    );
  }
  const current = TABS.find((p) => pathname.startsWith(p)) ?? TABS[0];
  return (
    <Stack gap="md">
      <Title order={1}>{t("nav.admin")}</Title>
      <Tabs value={current} onChange={(v) => v && void navigate({ to: v as (typeof TABS)[number] })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="/admin/users">{t("nav.adminUsers")}</Tabs.Tab>
          <Tabs.Tab value="/admin/api-keys">{t("nav.adminApiKeys")}</Tabs.Tab>
          <Tabs.Tab value="/admin/holidays">{t("nav.adminHolidays")}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
