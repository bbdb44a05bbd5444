import { useEffect, useState } from "react";
import { Anchor, AppShell, Badge, Box, Burger, Button, Group, Menu, Stack, Text, TextInput, UnstyledButton, Divider } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link, Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { canImport, holdsRoleFor, isAdmin, isStaff, logout, useMe, useMeta } from "./session.js";
import { AnchorLink, ButtonLink, NavLinkRouter } from "../ui/links.js";
import { useFormat } from "./format.js";

function GlobalSearch({ testId, onDone }: { testId: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [value, setValue] = useState("");
  return (
    <form
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const q = value.trim();
        if (!q) return;
        void navigate({ to: "/search", search: { q } });
        onDone?.();
      }}
    >
      <TextInput
        type="search"
        aria-label={t("search.globalLabel")}
        placeholder={t("search.globalPlaceholder")}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        data-testid={testId}
        leftSection={<span aria-hidden="true">⌕</span>}
        w={{ base: "100%", md: 280, lg: 340 }}
      />
    </form>
  );
}

function LangSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === "en" ? "th" : "en";
  return (
    <Button
      variant="default"
      size="sm"
      px={{ base: "xs", sm: "md" }}
      data-testid="lang-switch"
      title={t("lang.switchLabel")}
      lang={next}
      onClick={() => void i18n.changeLanguage(next)}
    >
      <ResponsiveLabel long={t("lang.switchTo")} short={t("lang.switchToShort")} />
    </Button>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  if (!me.data?.authenticated || !me.data.account) {
    if (pathname === "/login") return null;
    return (
      <ButtonLink to="/login" search={{ redirect: pathname }} size="sm" data-testid="login-link">
        {t("auth.login")}
      </ButtonLink>
    );
  }
  const { account, grants } = me.data;
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={300}>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={t("auth.userMenu", { name: account.displayName })} px="xs" py={4} style={{ borderRadius: 4, border: "1px solid var(--mantine-color-gray-4)" }}>
          <Text size="sm" fw={500} truncate maw={{ base: 64, sm: 180 }}>
            {account.displayName}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("auth.signedInAs", { username: account.username })}</Menu.Label>
        {grants.length > 0 && (
          <Stack gap={4} px="sm" pb="xs">
            {grants.map((g) => (
              <Text size="xs" key={g.id}>
                {t(`roles.${g.role}`)}
                {g.scope !== "nation" ? ` · ${f.pick(g.scopeNameTh, g.scopeNameEn) || g.scope}` : ` · ${t("scope.nation")}`}
              </Text>
            ))}
          </Stack>
        )}
        {account.isDemo && (
          <Text size="xs" px="sm" pb="xs">
            {t("demo.account")}
          </Text>
        )}
        <Menu.Divider />
        <Menu.Item
          data-testid="logout"
          onClick={() => {
            void logout().then(() => navigate({ to: "/login" }));
          }}
        >
          {t("auth.logout")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function RootLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const me = useMe();
  const meta = useMeta();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  useEffect(() => close(), [pathname, close]);
  const admin = isAdmin(me.data);
  const importer = canImport(me.data);

  return (
    <AppShell header={{ height: 68 }} navbar={{ width: 240, breakpoint: "md", collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t("nav.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: "xs", sm: "md" }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t("nav.toggle")} aria-expanded={opened} />
            <Link to="/" style={{ textDecoration: "none", color: "inherit", minWidth: 0, flexShrink: 0 }} aria-label={t("app.homeLink")}>
              <Text fw={700} size="lg" lh={1.3} c="changwat.9">
                {t("app.name")}
              </Text>
              <Text size="xs" c="dark.4" lh={1.4} visibleFrom="sm" truncate>
                {t("app.subtitle")}
              </Text>
            </Link>
            {meta.data?.demo && (
              <Badge color="yellow.4" c="dark.9" variant="filled" data-testid="demo-badge" title={t("demo.headerHint")} style={{ flexShrink: 0 }}>
                <ResponsiveLabel long={t("demo.header")} short={t("demo.short")} />
              </Badge>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <div className="header-search">
              <GlobalSearch testId="global-search" />
            </div>
            <LangSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      {/* AppShell.Navbar is the <nav> landmark itself: no second, nested one with the same name. */}
      {/* the menu is longer than a laptop screen: it scrolls on its own */}
      <AppShell.Navbar p="sm" aria-label={t("nav.label")} style={{ overflowY: "auto" }}>
        <Stack gap={2}>
          <div className="navbar-search">
            <GlobalSearch testId="global-search-mobile" onDone={close} />
            <Divider my="sm" />
          </div>
          <NavLinkRouter to="/" label={t("nav.map")} activeOptions={{ exact: true }} />
          <NavLinkRouter to="/provinces" label={t("nav.provinces")} />
          <NavLinkRouter to="/organizations" label={t("nav.organizations")} />
          <NavLinkRouter to="/strategy" label={t("nav.strategy")} />
          <NavLinkRouter to="/delegation" label={t("nav.delegation")} activeOptions={{ exact: true }} data-testid="nav-delegation" />
          <NavLinkRouter to="/delegation/authority" label={t("nav.authority")} data-testid="nav-authority" />
          {isStaff(me.data) && <NavLinkRouter to="/cockpit" label={t("nav.cockpit")} data-testid="nav-cockpit" />}
          {isStaff(me.data) && <NavLinkRouter to="/agendas" label={t("nav.agendas")} />}
          {isStaff(me.data) && <NavLinkRouter to="/agreements" label={t("nav.agreements")} data-testid="nav-agreements" />}
          <NavLinkRouter to="/search" label={t("nav.search")} />
          {isStaff(me.data) && <NavLinkRouter to="/pilots" label={t("nav.pilots")} />}
          {isStaff(me.data) && <NavLinkRouter to="/sandboxes" label={t("nav.sandboxes")} />}
          {isStaff(me.data) && <NavLinkRouter to="/oversight" label={t("nav.oversight")} activeOptions={{ exact: true }} data-testid="nav-oversight" />}
          {isStaff(me.data) && <NavLinkRouter to="/oversight/alerts" label={t("nav.oversightAlerts")} data-testid="nav-oversight-alerts" />}
          {isStaff(me.data) && <NavLinkRouter to="/committees" label={t("nav.committees")} data-testid="nav-prov-committees" />}
          <NavLinkRouter to="/networks" label={t("nav.networks")} data-testid="nav-networks" />
          {(holdsRoleFor(me.data, "delegation:permit.receive") || holdsRoleFor(me.data, "delegation:permit.decide")) && (
            <NavLinkRouter to="/delegation/permits" label={t("permits.nav.queue")} activeOptions={{ exact: true }} data-testid="nav-permits" />
          )}
          <NavLinkRouter to="/delegation/permits/stats" label={t("permits.nav.stats")} data-testid="nav-permit-stats" />
          {isStaff(me.data) && <NavLinkRouter to="/delegation/requests" label={t("delegationRequests.nav")} data-testid="nav-delegation-requests" />}
          {isStaff(me.data) && <NavLinkRouter to="/delegation/personnel" label={t("personnel.nav")} data-testid="nav-personnel" />}
          {isStaff(me.data) && <NavLinkRouter to="/delegation/committees" label={t("personnel.committees.nav")} data-testid="nav-committees" />}
          {/* planning (issue 5): one block per part of the module */}
          {/* planning: plans and projects */}
          {isStaff(me.data) && (
            <>
              <Text size="xs" fw={700} c="dark.4" mt="md" px="sm">{t("planning.nav.section")}</Text>
              <NavLinkRouter to="/planning/plans" label={t("planningPlans.nav.plans")} data-testid="nav-planning-plans" />
              <NavLinkRouter to="/planning/projects" label={t("planningPlans.nav.projects")} data-testid="nav-planning-projects" />
            </>
          )}

          {/* planning: budget cycle and disbursement */}
          {isStaff(me.data) && <NavLinkRouter to="/planning/budget" label={t("planningBudget.nav.dashboard")} activeOptions={{ exact: true }} data-testid="nav-budget-dashboard" />}
          {isStaff(me.data) && <NavLinkRouter to="/planning/budget/calendar" label={t("planningBudget.nav.calendar")} data-testid="nav-budget-calendar" />}
          {isStaff(me.data) && <NavLinkRouter to="/planning/budget/notices" label={t("planningBudget.nav.notices")} data-testid="nav-budget-notices" />}

          {/* planning: funds */}
          {isStaff(me.data) && <NavLinkRouter to="/planning/emergency" label={t("planningFunds.nav.emergency")} data-testid="nav-planning-emergency" />}
          {isStaff(me.data) && <NavLinkRouter to="/planning/leftover" label={t("planningFunds.nav.leftover")} data-testid="nav-planning-leftover" />}
          {isStaff(me.data) && <NavLinkRouter to="/planning/matching" label={t("planningFunds.nav.matching")} data-testid="nav-planning-matching" />}

          {/* planning: procurement and imports */}
          <NavLinkRouter to="/planning/procurement" label={t("planningProcurement.nav.procurement")} data-testid="nav-procurement" />
          {holdsRoleFor(me.data, "planning:import") && <NavLinkRouter to="/planning/imports" label={t("planningProcurement.nav.imports")} data-testid="nav-planning-imports" />}

          {/* cases: public (report, track, board) */}
          <Text size="xs" fw={700} c="dark.4" mt="md" px="sm">{t("casesPublic.nav.section")}</Text>
          <NavLinkRouter to="/report" label={t("casesPublic.nav.report")} data-testid="nav-report" />
          <NavLinkRouter to="/track" label={t("casesPublic.nav.track")} data-testid="nav-track" />
          <NavLinkRouter to="/board" label={t("casesPublic.nav.board")} data-testid="nav-board" />

          {/* cases: staff workspace */}
          {/* under the same "complaints" heading as the public links above */}
          {isStaff(me.data) && holdsRoleFor(me.data, "cases:read") && (
            <>
              <NavLinkRouter to="/cases" label={t("casesStaff.nav.queue")} activeOptions={{ exact: true, includeSearch: false }} data-testid="nav-cases" />
              {holdsRoleFor(me.data, "cases:intake") && <NavLinkRouter to="/cases/new" label={t("casesStaff.nav.newCase")} data-testid="nav-cases-new" />}
              {holdsRoleFor(me.data, "cases:routing.read") && <NavLinkRouter to="/cases/routing" label={t("casesStaff.nav.routing")} data-testid="nav-cases-routing" />}
              {holdsRoleFor(me.data, "cases:import") && <NavLinkRouter to="/cases/imports" label={t("casesStaff.nav.imports")} data-testid="nav-cases-imports" />}
            </>
          )}

          {/* participation: บอกเราถึงรัฐ */}
          <Text size="xs" fw={700} c="dark.4" mt="md" px="sm">{t("participation.nav.section")}</Text>
          <NavLinkRouter to="/participation" label={t("participation.nav.calls")} activeOptions={{ exact: true, includeSearch: false }} data-testid="nav-participation" />
          {holdsRoleFor(me.data, "participation:manage") && <NavLinkRouter to="/participation/office" label={t("participation.office.nav")} data-testid="nav-participation-office" />}

          {/* citizen accounts */}
          {me.data?.authenticated ? (
            <NavLinkRouter to="/account" label={t("citizenAccount.nav.myAccount")} data-testid="nav-my-account" />
          ) : (
            <NavLinkRouter to="/sign-up" label={t("citizenAccount.nav.signUp")} data-testid="nav-sign-up" />
          )}

          <NavLinkRouter to="/open-data" label={t("openData.nav")} data-testid="nav-open-data" />

          {/* webhooks */}
          {holdsRoleFor(me.data, "webhooks:manage") && <NavLinkRouter to="/webhooks" label={t("webhooks.nav")} data-testid="nav-webhooks" />}

          {(admin || importer) && (
            <>
              <Text size="xs" fw={700} c="dark.4" mt="md" px="sm">
                {t("nav.admin")}
              </Text>
              {admin && <NavLinkRouter to="/admin/users" label={t("nav.adminUsers")} />}
              {admin && <NavLinkRouter to="/admin/api-keys" label={t("nav.adminApiKeys")} />}
              {admin && <NavLinkRouter to="/admin/holidays" label={t("nav.adminHolidays")} />}
              {importer && <NavLinkRouter to="/admin/imports" label={t("nav.adminImports")} />}
            </>
          )}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        <div style={{ maxWidth: 1280, margin: "0 auto" }}>
          <Outlet />
          {/* the data leaves through these: reachable from every page */}
          <Box component="footer" mt="xl" pt="sm" style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }} data-testid="site-footer">
            <Group gap="md" fz="sm">
              <AnchorLink to="/open-data" data-testid="footer-open-data">{t("openData.footer.openData")}</AnchorLink>
              <Anchor href="/api/v1/catalog">{t("openData.footer.catalog")}</Anchor>
              <Anchor href="/api/docs">{t("openData.footer.apiDocs")}</Anchor>
            </Group>
          </Box>
        </div>
      </AppShell.Main>
    </AppShell>
  );
}

/** The full label on wide screens, the short one on phones. */
function ResponsiveLabel({ long, short }: { long: string; short: string }) {
  return (
    <>
      <Box component="span" visibleFrom="sm">
        {long}
      </Box>
      <Box component="span" hiddenFrom="sm">
        {short}
      </Box>
    </>
  );
}
