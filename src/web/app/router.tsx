import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, redirect } from "@tanstack/react-router";
import type { QueryClient } from "@tanstack/react-query";
import type { CommitteeKind, CommitteeStatus, PersonnelActionKind, PersonnelRoute } from "../../modules/delegation/contracts-personnel.js";
import type { PermitRoute, PermitStatus } from "../../modules/delegation/contracts-permits.js";
import type { RequestStatus } from "../../modules/delegation/contracts-requests.js";
import type { AlertRule } from "../../modules/oversight/contracts-alerts.js";
import type { PartnerKind } from "../../modules/networks/contracts.js";
import type { BudgetSource, PlanLevel, PlanStatus, ProjectOrigin, ProjectStatus } from "../../modules/planning/contracts.js";
import { queryClient } from "./query-client.js";
import { meQuery } from "./session.js";
import { RootLayout } from "./Layout.js";
import { NotFoundPage } from "../ui/NotFound.js";
import { PageLoader } from "../ui/PageLoader.js";
import { RouteError } from "../ui/RouteError.js";

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);
/** A two-digit province code: the router reads `?provinceCode=57` as the number 57 (and `01`… would lose its zero). */
const provinceCode = (v: unknown): string | undefined => (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 100 ? String(v).padStart(2, "0") : str(v));
const int = (v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};
/** `v` when it is one of `options`, else nothing: an address with an unknown value shows the unfiltered list. */
const oneOf = <T extends string>(v: unknown, options: readonly T[]): T | undefined => (typeof v === "string" && (options as readonly string[]).includes(v) ? (v as T) : undefined);
const isoDate = (v: unknown): string | undefined => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
/**
 * A contract enum's values, written out so that the router does not load zod into the first bundle; a record
 * keyed by the enum's type makes the compiler reject a missing or an extra value.
 */
const valuesOf = <T extends string>(all: Record<T, true>): readonly T[] => Object.keys(all) as T[];
const PERMIT_STATUSES = valuesOf<PermitStatus>({ received: true, "under-review": true, approved: true, refused: true, withdrawn: true });
const PERMIT_ROUTES = valuesOf<PermitRoute>({ delegated: true, central: true });
const REQUEST_STATUSES = valuesOf<RequestStatus>({ draft: true, submitted: true, "moi-forwarded": true, "opdc-recommended": true, approved: true, rejected: true, returned: true, withdrawn: true });
const PERSONNEL_KINDS = valuesOf<PersonnelActionKind>({ transfer: true, appointment: true, "special-recruitment": true, "temporary-hire": true, "minor-discipline": true });
const PERSONNEL_ROUTES = valuesOf<PersonnelRoute>({ delegated: true, central: true });
const COMMITTEE_KINDS = valuesOf<CommitteeKind>({ recruitment: true, selection: true });
const COMMITTEE_STATUSES = valuesOf<CommitteeStatus>({ open: true, assessed: true, appointed: true, decided: true });
const PARTNER_KINDS = valuesOf<PartnerKind>({ private_sector: true, civil_society: true, academic: true, community: true });
const PARTNER_SORTS = ["name", "newest", "agreements", "contributed"] as const;

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  component: lazyRouteComponent(() => import("../features/map/HomePage.js"), "HomePage"),
});

export interface LoginSearch {
  redirect?: string;
}
const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: (s: Record<string, unknown>): LoginSearch => ({ redirect: str(s.redirect) }),
  component: lazyRouteComponent(() => import("../features/auth/LoginPage.js"), "LoginPage"),
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/reset-password",
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: str(s.token) }),
  component: lazyRouteComponent(() => import("../features/auth/ResetPasswordPage.js"), "ResetPasswordPage"),
});

const provincesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/provinces",
  component: lazyRouteComponent(() => import("../features/provinces/ProvincesPage.js"), "ProvincesPage"),
});

const provinceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/provinces/$code",
  component: lazyRouteComponent(() => import("../features/provinces/ProvincePage.js"), "ProvincePage"),
});

export interface OrganizationsSearch {
  q?: string;
  classification?: string;
  provinceCode?: string;
  parentId?: string;
  page?: number;
}
const organizationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/organizations",
  validateSearch: (s: Record<string, unknown>): OrganizationsSearch => ({
    q: str(s.q),
    classification: str(s.classification),
    provinceCode: provinceCode(s.provinceCode),
    parentId: str(s.parentId),
    page: int(s.page),
  }),
  component: lazyRouteComponent(() => import("../features/organizations/OrganizationsPage.js"), "OrganizationsPage"),
});

const organizationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/organizations/$id",
  component: lazyRouteComponent(() => import("../features/organizations/OrganizationPage.js"), "OrganizationPage"),
});

const personRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/persons/$id",
  component: lazyRouteComponent(() => import("../features/persons/PersonPage.js"), "PersonPage"),
});

const areaRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/areas/$id",
  component: lazyRouteComponent(() => import("../features/areas/AreaPage.js"), "AreaPage"),
});

export interface StrategySearch {
  provinceCode?: string;
}
const strategyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/strategy",
  validateSearch: (s: Record<string, unknown>): StrategySearch => ({ provinceCode: provinceCode(s.provinceCode) }),
  component: lazyRouteComponent(() => import("../features/strategy/StrategyPage.js"), "StrategyPage"),
});
const strategyNodeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/strategy/$id",
  component: lazyRouteComponent(() => import("../features/strategy/CascadePage.js"), "CascadePage"),
});

export interface AgendasSearch {
  provinceCode?: string;
  status?: string;
  agendaNodeId?: string;
  page?: number;
}
/** Staff pages (proposals, pilots, sandboxes, the cockpit): a visitor who has not logged in is sent to the login page first. */
const requireLogin = async ({ context, location }: { context: { queryClient: QueryClient }; location: { href: string } }) => {
  const me = await context.queryClient.ensureQueryData(meQuery).catch(() => null);
  if (!me?.authenticated) throw redirect({ to: "/login", search: { redirect: location.href } });
};
const agendasRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agendas",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): AgendasSearch => ({ provinceCode: provinceCode(s.provinceCode), status: str(s.status), agendaNodeId: str(s.agendaNodeId), page: int(s.page) }),
  component: lazyRouteComponent(() => import("../features/agendas/AgendasPage.js"), "AgendasPage"),
});
const agendaRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agendas/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/agendas/AgendaPage.js"), "AgendaPage"),
});

export interface SearchSearch {
  q?: string;
  kinds?: string;
}
const searchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/search",
  validateSearch: (s: Record<string, unknown>): SearchSearch => ({ q: str(s.q), kinds: str(s.kinds) }),
  component: lazyRouteComponent(() => import("../features/search/SearchPage.js"), "SearchPage"),
});

const pilotsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/pilots",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/pilots/PilotsPage.js"), "PilotsPage"),
});
const pilotRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/pilots/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/pilots/PilotPage.js"), "PilotPage"),
});
const sandboxesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sandboxes",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/sandboxes/SandboxesPage.js"), "SandboxesPage"),
});
const sandboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sandboxes/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/sandboxes/SandboxPage.js"), "SandboxPage"),
});

const provCommitteesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/committees",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/committees/CommitteesPage.js"), "CommitteesPage"),
});
const provCommitteeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/committees/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/committees/CommitteePage.js"), "CommitteePage"),
});
const meetingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/meetings/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/committees/MeetingPage.js"), "MeetingPage"),
});

export interface NetworksSearch {
  q?: string;
  kind?: PartnerKind;
  provinceCode?: string;
  sort?: (typeof PARTNER_SORTS)[number];
  page?: number;
}
/** Partner organisations, their MOUs and contributions: public (organisations only, nothing personal). */
const networksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/networks",
  validateSearch: (s: Record<string, unknown>): NetworksSearch => ({ q: str(s.q), kind: oneOf(s.kind, PARTNER_KINDS), provinceCode: provinceCode(s.provinceCode), sort: oneOf(s.sort, PARTNER_SORTS), page: int(s.page) }),
  component: lazyRouteComponent(() => import("../features/networks/NetworksPage.js"), "NetworksPage"),
});
const newPartnerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/networks/new",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): { provinceCode?: string } => ({ provinceCode: provinceCode(s.provinceCode) }),
  component: lazyRouteComponent(() => import("../features/networks/NewPartnerPage.js"), "NewPartnerPage"),
});
const partnerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/partners/$id",
  component: lazyRouteComponent(() => import("../features/networks/PartnerPage.js"), "PartnerPage"),
});

export interface OversightSearch {
  /** a scope key (nation, area:…, org:…); the reader's own when absent */
  scope?: string;
  fy?: number;
}
const oversightRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/oversight",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): OversightSearch => ({ scope: str(s.scope), fy: int(s.fy) }),
  component: lazyRouteComponent(() => import("../features/oversight/OversightPage.js"), "OversightPage"),
});
export interface MatrixSearch extends OversightSearch {
  metric?: string;
  agenda?: string;
  rows?: "ministry" | "department";
  columns?: "province" | "cluster" | "region";
  view?: "table" | "map";
}
const oversightMatrixRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/oversight/matrix",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): MatrixSearch => ({
    scope: str(s.scope),
    fy: int(s.fy),
    metric: str(s.metric),
    agenda: str(s.agenda),
    rows: oneOf(s.rows, ["ministry", "department"] as const),
    columns: oneOf(s.columns, ["province", "cluster", "region"] as const),
    view: oneOf(s.view, ["table", "map"] as const),
  }),
  component: lazyRouteComponent(() => import("../features/oversight/MatrixPage.js"), "MatrixPage"),
});

export interface AlertsSearch {
  rule?: AlertRule;
  province?: string;
  status?: "open" | "resolved" | "all";
  unread?: true;
  page?: number;
}
// the rules as values without loading zod into the router chunk (the type keeps the list in step)
const ALERT_RULE_VALUES: readonly AlertRule[] = ["permit-overdue", "kpi-off-target", "disbursement-lagging", "sla-breach", "delegation-expiring", "committee-late", "action-item-overdue", "planning-deadline-overdue", "planning-deadline-due-soon"];
const oversightAlertsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/oversight/alerts",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): AlertsSearch => ({
    rule: oneOf(s.rule, ALERT_RULE_VALUES),
    province: provinceCode(s.province),
    status: oneOf(s.status, ["open", "resolved", "all"] as const),
    unread: s.unread === true || s.unread === "true" ? true : undefined,
    page: int(s.page),
  }),
  component: lazyRouteComponent(() => import("../features/oversight/AlertsPage.js"), "AlertsPage"),
});

export interface CockpitSearch {
  /** fiscal year (B.E.) shown; the current one when absent */
  fy?: number;
  /** the KPI whose detail is open in the drawer */
  kpi?: string;
}
/** /cockpit: a user whose grant is one province goes straight to it; others choose among the provinces they read. */
const cockpitIndexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/cockpit",
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery).catch(() => null);
    if (!me?.authenticated) throw redirect({ to: "/login", search: { redirect: location.href } });
    const provinces = me.grants.map((g) => /^area:province:(\d{2})$/.exec(g.scope)?.[1]).filter((c): c is string => !!c);
    const wider = me.grants.some((g) => g.role !== "citizen" && !/^area:province:/.test(g.scope) && (g.scope === "nation" || g.scope.startsWith("area:")));
    if (new Set(provinces).size === 1 && !wider) throw redirect({ to: "/cockpit/$provinceCode", params: { provinceCode: provinces[0]! }, replace: true });
  },
  component: lazyRouteComponent(() => import("../features/cockpit/CockpitIndexPage.js"), "CockpitIndexPage"),
});
const cockpitRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/cockpit/$provinceCode",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): CockpitSearch => ({ fy: int(s.fy), kpi: str(s.kpi) }),
  component: lazyRouteComponent(() => import("../features/cockpit/CockpitPage.js"), "CockpitPage"),
});
const kpiRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/kpis/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/kpis/KpiPage.js"), "KpiPage"),
});
export interface AgreementsSearch {
  provinceCode?: string;
  fiscalYear?: number;
  status?: string;
  page?: number;
}
const agreementsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): AgreementsSearch => ({ provinceCode: provinceCode(s.provinceCode), fiscalYear: int(s.fiscalYear), status: str(s.status), page: int(s.page) }),
  component: lazyRouteComponent(() => import("../features/agreements/AgreementsPage.js"), "AgreementsPage"),
});
const agreementRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/agreements/$id",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): { round?: number } => ({ round: int(s.round) }),
  component: lazyRouteComponent(() => import("../features/agreements/AgreementPage.js"), "AgreementPage"),
});

/** The delegation registry's view and filters (shared by its views where they mean the same thing). */
export interface DelegationSearch {
  view?: "powers" | "province" | "ministry" | "instruments";
  province?: string;
  /** the province view's post: governor (default) or vice_governor */
  role?: string;
  /** the day asked about (default today) */
  date?: string;
  ministry?: string;
  area?: "commands-permits" | "personnel" | "budget-procurement";
  q?: string;
  permit?: boolean;
  power?: string;
  status?: "in-force" | "not-yet" | "expired" | "revoked";
  page?: number;
}
/** A four-digit district code ("4001" arrives as the number 4001). */
const districtCode = (v: unknown): string | undefined => (typeof v === "number" && Number.isInteger(v) && v >= 1000 && v < 10000 ? String(v) : typeof v === "string" && /^\d{4}$/.test(v) ? v : undefined);
const amount = (v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};
const delegationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation",
  validateSearch: (s: Record<string, unknown>): DelegationSearch => ({
    view: oneOf(s.view, ["powers", "province", "ministry", "instruments"] as const),
    province: provinceCode(s.province),
    role: oneOf(s.role, ["governor", "vice_governor"] as const),
    date: isoDate(s.date),
    ministry: str(s.ministry),
    area: oneOf(s.area, ["commands-permits", "personnel", "budget-procurement"] as const),
    q: str(s.q),
    permit: s.permit === true || s.permit === "true" ? true : undefined,
    power: str(s.power),
    status: oneOf(s.status, ["in-force", "not-yet", "expired", "revoked"] as const),
    page: int(s.page),
  }),
  component: lazyRouteComponent(() => import("../features/delegation/DelegationPage.js"), "DelegationPage"),
});
/** "Who may decide": the question lives in the address so that an answer can be linked. */
export interface AuthoritySearch {
  power?: string;
  province?: string;
  district?: string;
  /** baht */
  amount?: number;
  date?: string;
}
const authorityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation/authority",
  validateSearch: (s: Record<string, unknown>): AuthoritySearch => ({ power: str(s.power), province: provinceCode(s.province), district: districtCode(s.district), amount: amount(s.amount), date: isoDate(s.date) }),
  component: lazyRouteComponent(() => import("../features/delegation/AuthorityPage.js"), "AuthorityPage"),
});
const instrumentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation/instruments/$id",
  component: lazyRouteComponent(() => import("../features/delegation/InstrumentPage.js"), "InstrumentPage"),
});
export interface PermitsSearch {
  status?: PermitStatus;
  powerCode?: string;
  provinceCode?: string;
  route?: PermitRoute;
  overdue?: boolean;
  /** show decided and withdrawn applications too (by default the queue shows those still waiting for a decision) */
  all?: boolean;
  /** a tracking code or its beginning (never the applicant's identity: PDPA) */
  q?: string;
  sort?: "due" | "-due" | "received" | "-received";
  page?: number;
}
/** The handlers' queue of applications for permits and approvals. */
const permitsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation/permits",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): PermitsSearch => ({
    status: oneOf(s.status, PERMIT_STATUSES),
    powerCode: str(s.powerCode),
    provinceCode: provinceCode(s.provinceCode),
    route: oneOf(s.route, PERMIT_ROUTES),
    overdue: s.overdue === true || s.overdue === "true" ? true : undefined,
    all: s.all === true || s.all === "true" ? true : undefined,
    q: str(s.q),
    sort: oneOf(s.sort, ["due", "-due", "received", "-received"] as const),
    page: int(s.page),
  }),
  component: lazyRouteComponent(() => import("../features/permits/PermitsPage.js"), "PermitsPage"),
});
export interface PermitStatsSearch {
  powerCode?: string;
  provinceCode?: string;
  /** fiscal year (B.E.), or a period from–to */
  fy?: number;
  from?: string;
  to?: string;
}
/** Turnaround statistics, delegated against central: public, no login. */
const permitStatsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation/permits/stats",
  validateSearch: (s: Record<string, unknown>): PermitStatsSearch => ({ powerCode: str(s.powerCode), provinceCode: provinceCode(s.provinceCode), fy: int(s.fy), from: isoDate(s.from), to: isoDate(s.to) }),
  component: lazyRouteComponent(() => import("../features/permits/PermitStatsPage.js"), "PermitStatsPage"),
});
const permitRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation/permits/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/permits/PermitPage.js"), "PermitPage"),
});
export interface DelegationRequestsSearch {
  provinceCode?: string;
  status?: RequestStatus;
  powerCode?: string;
  overdue?: boolean;
  page?: number;
}
const bool = (v: unknown): boolean | undefined => (v === true || v === "true" ? true : v === false || v === "false" ? false : undefined);
const delegationRequestsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation/requests",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): DelegationRequestsSearch => ({ provinceCode: provinceCode(s.provinceCode), status: oneOf(s.status, REQUEST_STATUSES), powerCode: str(s.powerCode), overdue: bool(s.overdue), page: int(s.page) }),
  component: lazyRouteComponent(() => import("../features/delegation-requests/RequestsPage.js"), "RequestsPage"),
});
const delegationRequestNewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation/requests/new",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): { provinceCode?: string; powerCode?: string } => ({ provinceCode: provinceCode(s.provinceCode), powerCode: str(s.powerCode) }),
  component: lazyRouteComponent(() => import("../features/delegation-requests/NewRequestPage.js"), "NewRequestPage"),
});
const delegationRequestRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation/requests/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/delegation-requests/RequestPage.js"), "RequestPage"),
});
export interface PersonnelSearch {
  kind?: PersonnelActionKind;
  provinceCode?: string;
  route?: PersonnelRoute;
  /** effective on or after / on or before (YYYY-MM-DD) */
  from?: string;
  to?: string;
  page?: number;
}
const personnelRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation/personnel",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): PersonnelSearch => ({ kind: oneOf(s.kind, PERSONNEL_KINDS), provinceCode: provinceCode(s.provinceCode), route: oneOf(s.route, PERSONNEL_ROUTES), from: isoDate(s.from), to: isoDate(s.to), page: int(s.page) }),
  component: lazyRouteComponent(() => import("../features/personnel/PersonnelPage.js"), "PersonnelPage"),
});
const personnelActionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation/personnel/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/personnel/PersonnelActionPage.js"), "PersonnelActionPage"),
});
export interface CommitteesSearch {
  kind?: CommitteeKind;
  provinceCode?: string;
  status?: CommitteeStatus;
}
const committeesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation/committees",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): CommitteesSearch => ({ kind: oneOf(s.kind, COMMITTEE_KINDS), provinceCode: provinceCode(s.provinceCode), status: oneOf(s.status, COMMITTEE_STATUSES) }),
  component: lazyRouteComponent(() => import("../features/personnel/CommitteesPage.js"), "CommitteesPage"),
});
const committeeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/delegation/committees/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/personnel/CommitteePage.js"), "CommitteePage"),
});

const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/admin",
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery).catch(() => null);
    if (!me?.authenticated) throw redirect({ to: "/login", search: { redirect: location.href } });
  },
  component: lazyRouteComponent(() => import("../features/admin/AdminLayout.js"), "AdminLayout"),
});
const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/admin/users" });
  },
});
const adminUsersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/users",
  component: lazyRouteComponent(() => import("../features/admin/UsersPage.js"), "UsersPage"),
});
const adminApiKeysRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/api-keys",
  component: lazyRouteComponent(() => import("../features/admin/ApiKeysPage.js"), "ApiKeysPage"),
});
const adminHolidaysRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/holidays",
  validateSearch: (s: Record<string, unknown>): { year?: number } => ({ year: int(s.year) }),
  component: lazyRouteComponent(() => import("../features/admin/HolidaysPage.js"), "HolidaysPage"),
});

const adminImportsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/imports",
  validateSearch: (s: Record<string, unknown>): { job?: string } => ({ job: str(s.job) }),
  component: lazyRouteComponent(() => import("../features/admin/ImportsPage.js"), "ImportsPage"),
});

// ─── planning (issue 5): each part of the module keeps its pages in its own list ─────────────────────────────
// plans and projects: /planning/plans, /planning/projects …
const PLAN_LEVEL_VALUES = valuesOf<PlanLevel>({ subdistrict: true, district: true, province: true, cluster: true });
const PLAN_STATUS_VALUES = valuesOf<PlanStatus>({ draft: true, consolidated: true, approved: true });
const PROJECT_STATUS_VALUES = valuesOf<ProjectStatus>({ proposed: true, prioritised: true, approved: true, in_progress: true, completed: true, rejected: true, cancelled: true });
const BUDGET_SOURCE_VALUES = valuesOf<BudgetSource>({ function: true, province: true, cluster: true, local: true, matching: true, central_fund: true, leftover: true });
const PROJECT_ORIGIN_VALUES = valuesOf<ProjectOrigin>({ agency: true, district: true, subdistrict: true, local_government: true, province: true, cluster: true });
const fiscalYear = (v: unknown): number | undefined => {
  const n = int(v);
  return n !== undefined && n >= 2540 && n <= 2700 ? n : undefined;
};
export interface PlansSearch {
  fiscalYear?: number;
  level?: PlanLevel;
  provinceCode?: string;
  status?: PlanStatus;
  q?: string;
  page?: number;
}
const planningPlansRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/plans",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): PlansSearch => ({ fiscalYear: fiscalYear(s.fiscalYear), level: oneOf(s.level, PLAN_LEVEL_VALUES), provinceCode: provinceCode(s.provinceCode), status: oneOf(s.status, PLAN_STATUS_VALUES), q: str(s.q), page: int(s.page) }),
  component: lazyRouteComponent(() => import("../features/planning-plans/PlansPage.js"), "PlansPage"),
});
const planningPlanRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/plans/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/planning-plans/PlanPage.js"), "PlanPage"),
});
export interface ProjectsSearch {
  q?: string;
  provinceCode?: string;
  fiscalYear?: number;
  status?: ProjectStatus;
  source?: BudgetSource;
  origin?: ProjectOrigin;
  agencyId?: string;
  sort?: "code" | "title" | "budget" | "priority" | "updated";
  dir?: "asc" | "desc";
  page?: number;
}
const planningProjectsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/projects",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): ProjectsSearch => ({
    q: str(s.q),
    provinceCode: provinceCode(s.provinceCode),
    fiscalYear: fiscalYear(s.fiscalYear),
    status: oneOf(s.status, PROJECT_STATUS_VALUES),
    source: oneOf(s.source, BUDGET_SOURCE_VALUES),
    origin: oneOf(s.origin, PROJECT_ORIGIN_VALUES),
    agencyId: str(s.agencyId),
    sort: oneOf(s.sort, ["code", "title", "budget", "priority", "updated"] as const),
    dir: oneOf(s.dir, ["asc", "desc"] as const),
    page: int(s.page),
  }),
  component: lazyRouteComponent(() => import("../features/planning-plans/ProjectsPage.js"), "ProjectsPage"),
});
const planningProjectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/projects/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/planning-plans/ProjectPage.js"), "ProjectPage"),
});
const PLANNING_PLANS_ROUTES = [planningPlansRoute, planningPlanRoute, planningProjectsRoute, planningProjectRoute] as const;

// budget cycle and disbursement: /planning/budget, /planning/deadlines …
// budget cycle and disbursement (planning-budget)
const BUDGET_SOURCES = ["function", "province", "cluster", "local", "matching", "central_fund", "leftover"] as const;
const truthy = (v: unknown): true | undefined => (v === true || v === "true" ? true : undefined);
const budgetDashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/budget",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): { province?: string; fy?: number } => ({ province: provinceCode(s.province), fy: int(s.fy) }),
  component: lazyRouteComponent(() => import("../features/planning-budget/BudgetDashboardPage.js"), "BudgetDashboardPage"),
});
type BudgetProjectsSearch = { province?: string; fy?: number; source?: (typeof BUDGET_SOURCES)[number]; agency?: string; goal?: string; issue?: string; frameShift?: string; notice?: string; lagging?: true; q?: string; sort?: "code" | "budget" | "-budget" | "disbursed" | "-disbursed" | "pct" | "-pct"; page?: number };
const budgetProjectsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/budget/projects",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): BudgetProjectsSearch => ({
    province: provinceCode(s.province), fy: int(s.fy), source: oneOf(s.source, BUDGET_SOURCES), agency: str(s.agency), goal: str(s.goal), issue: str(s.issue), frameShift: str(s.frameShift), notice: str(s.notice), lagging: truthy(s.lagging), q: str(s.q),
    sort: oneOf(s.sort, ["code", "budget", "-budget", "disbursed", "-disbursed", "pct", "-pct"] as const), page: int(s.page),
  }),
  component: lazyRouteComponent(() => import("../features/planning-budget/BudgetProjectsPage.js"), "BudgetProjectsPage"),
});
type CalendarSearch = { province?: string; fy?: number; kind?: "budget-act" | "allocation-notice" | "operating-plan" | "quarter-target" | "milestone"; status?: "pending" | "due-soon" | "overdue" | "on-time" | "late" | "met" | "missed" };
const budgetCalendarRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/budget/calendar",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): CalendarSearch => ({ province: provinceCode(s.province), fy: int(s.fy), kind: oneOf(s.kind, ["budget-act", "allocation-notice", "operating-plan", "quarter-target", "milestone"] as const), status: oneOf(s.status, ["pending", "due-soon", "overdue", "on-time", "late", "met", "missed"] as const) }),
  component: lazyRouteComponent(() => import("../features/planning-budget/DeadlineCalendarPage.js"), "DeadlineCalendarPage"),
});
type NoticesSearch = { province?: string; fy?: number; late?: true; q?: string; sort?: "-notified" | "notified" | "-late" | "-total"; page?: number };
const budgetNoticesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/budget/notices",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): NoticesSearch => ({ province: provinceCode(s.province), fy: int(s.fy), late: truthy(s.late), q: str(s.q), sort: oneOf(s.sort, ["-notified", "notified", "-late", "-total"] as const), page: int(s.page) }),
  component: lazyRouteComponent(() => import("../features/planning-budget/AllocationNoticesPage.js"), "AllocationNoticesPage"),
});
const PLANNING_BUDGET_ROUTES = [budgetDashboardRoute, budgetProjectsRoute, budgetCalendarRoute, budgetNoticesRoute] as const;

// funds (leftover, matching, emergency central fund): /planning/emergency, /planning/leftover, /planning/matching
export interface EmergencySearch {
  fy?: number;
  status?: "submitted" | "screened" | "approved" | "referred_to_pm" | "pm_approved" | "rejected" | "withdrawn";
  province?: string;
  q?: string;
  sort?: "submitted" | "-submitted" | "amount" | "-amount";
  page?: number;
}
const planningEmergencyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/emergency",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): EmergencySearch => ({
    fy: int(s.fy),
    status: oneOf(s.status, ["submitted", "screened", "approved", "referred_to_pm", "pm_approved", "rejected", "withdrawn"] as const),
    province: provinceCode(s.province),
    q: str(s.q),
    sort: oneOf(s.sort, ["submitted", "-submitted", "amount", "-amount"] as const),
    page: int(s.page),
  }),
  component: lazyRouteComponent(() => import("../features/planning-funds/EmergencyPage.js"), "EmergencyPage"),
});
const planningEmergencyNewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/emergency/new",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/planning-funds/EmergencyRequestPage.js"), "NewEmergencyRequestPage"),
});
const planningEmergencyOneRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/emergency/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/planning-funds/EmergencyRequestPage.js"), "EmergencyRequestPage"),
});
const planningLeftoverRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/leftover",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): { province?: string } => ({ province: provinceCode(s.province) }),
  component: lazyRouteComponent(() => import("../features/planning-funds/LeftoverPage.js"), "LeftoverPage"),
});
export interface MatchingSearch {
  province?: string;
  status?: "proposed" | "agreed" | "funded" | "closed" | "cancelled";
  q?: string;
  sort?: "created" | "-created" | "total" | "-total";
  page?: number;
}
const planningMatchingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/matching",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): MatchingSearch => ({ province: provinceCode(s.province), status: oneOf(s.status, ["proposed", "agreed", "funded", "closed", "cancelled"] as const), q: str(s.q), sort: oneOf(s.sort, ["created", "-created", "total", "-total"] as const), page: int(s.page) }),
  component: lazyRouteComponent(() => import("../features/planning-funds/MatchingPages.js"), "MatchingListPage"),
});
const planningMatchingOneRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/matching/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/planning-funds/MatchingPages.js"), "MatchingFundPage"),
});
// cases (issue 6): the citizens' pages (report, track, public board) and the staff workspace
type CaseStatus = import("../../modules/cases/contracts.js").CaseStatus;
const CASE_STATUS_VALUES = valuesOf<CaseStatus>({ received: true, accepted: true, in_progress: true, resolved: true, closed: true, reopened: true });
const casesReportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/report",
  component: lazyRouteComponent(() => import("../features/cases-public/ReportPage.js"), "ReportPage"),
});
export interface TrackSearch {
  /** a tracking code handed over by the report's answer or a link; the page takes it out of the address */
  code?: string;
}
const casesTrackRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/track",
  validateSearch: (s: Record<string, unknown>): TrackSearch => ({ code: str(s.code) }),
  component: lazyRouteComponent(() => import("../features/cases-public/TrackPage.js"), "TrackPage"),
});
export interface BoardSearch {
  provinceCode?: string;
  districtCode?: string;
  categoryId?: string;
  status?: CaseStatus;
  q?: string;
  page?: number;
  tab?: "map" | "stats";
  by?: "agency" | "district";
}
// the open-data catalogue, the API docs and the event feed, found from the web (issue 7: data links)
const openDataRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/open-data",
  component: lazyRouteComponent(() => import("../features/open-data/OpenDataPage.js"), "OpenDataPage"),
});
const casesBoardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/board",
  validateSearch: (s: Record<string, unknown>): BoardSearch => ({
    provinceCode: provinceCode(s.provinceCode),
    // a district code such as 5709 is read as a number too
    districtCode: typeof s.districtCode === "number" ? String(s.districtCode) : str(s.districtCode),
    categoryId: str(s.categoryId),
    status: oneOf(s.status, CASE_STATUS_VALUES),
    q: str(s.q),
    page: int(s.page),
    tab: oneOf(s.tab, ["map", "stats"] as const),
    by: oneOf(s.by, ["agency", "district"] as const),
  }),
  component: lazyRouteComponent(() => import("../features/cases-public/BoardPage.js"), "BoardPage"),
});
const casesPublicCaseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/board/$ref",
  component: lazyRouteComponent(() => import("../features/cases-public/PublicCasePage.js"), "PublicCasePage"),
});
const CASES_PUBLIC_ROUTES = [casesReportRoute, casesTrackRoute, casesBoardRoute, casesPublicCaseRoute] as const;
// staff workspace: /cases (queues), /cases/new (a 1567 call or a walk-in), /cases/routing, /cases/imports, /cases/:id
type CaseChannel = import("../../modules/cases/contracts.js").CaseChannel;
const CASE_CHANNEL_VALUES = valuesOf<CaseChannel>({ web: true, hotline_1567: true, walk_in: true, open311: true, import: true });
/** A comma list of case statuses, unknown ones dropped ("received,accepted"). */
const caseStatuses = (v: unknown): string | undefined => {
  const list = (typeof v === "string" ? v.split(",") : []).filter((x) => (CASE_STATUS_VALUES as readonly string[]).includes(x));
  return list.length ? [...new Set(list)].join(",") : undefined;
};
export interface CasesSearch {
  /** all the cases the reader reaches, an organisation's, or the reader's own */
  view?: "org" | "mine";
  org?: string;
  province?: string;
  district?: string;
  status?: string;
  category?: string;
  channel?: CaseChannel;
  overdue?: true;
  q?: string;
  from?: string;
  to?: string;
  sort?: "received" | "-received" | "due" | "-due";
  page?: number;
}
const casesQueueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/cases",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): CasesSearch => ({
    view: oneOf(s.view, ["org", "mine"] as const),
    org: str(s.org),
    province: provinceCode(s.province),
    district: districtCode(s.district),
    status: caseStatuses(s.status),
    category: str(s.category),
    channel: oneOf(s.channel, CASE_CHANNEL_VALUES),
    overdue: s.overdue === true || s.overdue === "true" ? true : undefined,
    q: typeof s.q === "number" ? String(s.q) : str(s.q),
    from: isoDate(s.from),
    to: isoDate(s.to),
    sort: oneOf(s.sort, ["received", "-received", "due", "-due"] as const),
    page: int(s.page),
  }),
  component: lazyRouteComponent(() => import("../features/cases-staff/CasesQueuePage.js"), "CasesQueuePage"),
});
const caseNewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/cases/new",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/cases-staff/NewCasePage.js"), "NewCasePage"),
});
const caseRoutingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/cases/routing",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): { province?: string } => ({ province: provinceCode(s.province) }),
  component: lazyRouteComponent(() => import("../features/cases-staff/RoutingRulesPage.js"), "RoutingRulesPage"),
});
const caseImportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/cases/imports",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): { job?: string } => ({ job: str(s.job) }),
  component: lazyRouteComponent(() => import("../features/cases-staff/CasesImportsPage.js"), "CasesImportsPage"),
});
const caseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/cases/$id",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/cases-staff/CasePage.js"), "CasePage"),
});
const CASES_STAFF_ROUTES = [casesQueueRoute, caseNewRoute, caseRoutingRoute, caseImportsRoute, caseRoute] as const;

const PLANNING_FUNDS_ROUTES = [planningEmergencyRoute, planningEmergencyNewRoute, planningEmergencyOneRoute, planningLeftoverRoute, planningMatchingRoute, planningMatchingOneRoute] as const;

// procurement and imports: /planning/procurement, /planning/imports …
export interface ProcurementsSearch {
  q?: string;
  provinceCode?: string;
  fy?: number;
  stage?: "planning" | "tender" | "award" | "contract" | "implementation" | "complete" | "cancelled" | "unsuccessful";
  method?: "open" | "selective" | "limited" | "direct";
  sort?: "-updated" | "updated" | "title" | "-planned" | "planned" | "stage";
  page?: number;
}
/** Procurement processes and the open-data (OCDS) downloads: public. */
const procurementsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/procurement",
  validateSearch: (s: Record<string, unknown>): ProcurementsSearch => ({
    q: str(s.q),
    provinceCode: provinceCode(s.provinceCode),
    fy: int(s.fy),
    stage: oneOf(s.stage, ["planning", "tender", "award", "contract", "implementation", "complete", "cancelled", "unsuccessful"] as const),
    method: oneOf(s.method, ["open", "selective", "limited", "direct"] as const),
    sort: oneOf(s.sort, ["-updated", "updated", "title", "-planned", "planned", "stage"] as const),
    page: int(s.page),
  }),
  component: lazyRouteComponent(() => import("../features/planning-procurement/ProcurementsPage.js"), "ProcurementsPage"),
});
const procurementRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/procurement/$id",
  component: lazyRouteComponent(() => import("../features/planning-procurement/ProcurementPage.js"), "ProcurementPage"),
});
const planningImportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/planning/imports",
  beforeLoad: requireLogin,
  validateSearch: (s: Record<string, unknown>): { job?: string } => ({ job: str(s.job) }),
  component: lazyRouteComponent(() => import("../features/planning-procurement/PlanningImportsPage.js"), "PlanningImportsPage"),
});
const PLANNING_PROCUREMENT_ROUTES = [procurementsRoute, procurementRoute, planningImportsRoute] as const;

// participation ("บอกเราถึงรัฐ"): public calls, proposals and surveys (phone-first); the governor's office's desk
const participationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/participation",
  validateSearch: (s: Record<string, unknown>): { provinceCode?: string } => ({ provinceCode: provinceCode(s.provinceCode) }),
  component: lazyRouteComponent(() => import("../features/participation/ParticipationPage.js"), "ParticipationPage"),
});
const participationCallRoute = createRoute({ getParentRoute: () => rootRoute, path: "/participation/calls/$id", component: lazyRouteComponent(() => import("../features/participation/CallPage.js"), "CallPage") });
const participationProposalRoute = createRoute({ getParentRoute: () => rootRoute, path: "/participation/proposals/$id", component: lazyRouteComponent(() => import("../features/participation/ProposalPage.js"), "ProposalPage") });
const participationSurveyRoute = createRoute({ getParentRoute: () => rootRoute, path: "/participation/surveys/$id", component: lazyRouteComponent(() => import("../features/participation/SurveyPage.js"), "SurveyPage") });
const participationOfficeRoute = createRoute({ getParentRoute: () => rootRoute, path: "/participation/office", beforeLoad: requireLogin, component: lazyRouteComponent(() => import("../features/participation/OfficePage.js"), "OfficePage") });
// participation ("บอกเราถึงรัฐ"): routes defined above this line
const PARTICIPATION_ROUTES = [participationRoute, participationCallRoute, participationProposalRoute, participationSurveyRoute, participationOfficeRoute] as const;

const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-up",
  component: lazyRouteComponent(() => import("../features/citizen-account/SignUpPage.js"), "SignUpPage"),
});
const checkEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-up/check-email",
  component: lazyRouteComponent(() => import("../features/citizen-account/CheckEmailPage.js"), "CheckEmailPage"),
});
const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/account/verify",
  component: lazyRouteComponent(() => import("../features/citizen-account/VerifyEmailPage.js"), "VerifyEmailPage"),
});
const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/forgot-password",
  component: lazyRouteComponent(() => import("../features/citizen-account/ForgotPasswordPage.js"), "ForgotPasswordPage"),
});
const myAccountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/account",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/citizen-account/MyAccountPage.js"), "MyAccountPage"),
});
const devOutboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/dev/outbox",
  component: lazyRouteComponent(() => import("../features/citizen-account/DevOutboxPage.js"), "DevOutboxPage"),
});
const accountClosedRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/account/closed",
  component: lazyRouteComponent(() => import("../features/citizen-account/AccountClosedPage.js"), "AccountClosedPage"),
});
// citizen accounts (sign-up, verification, my data, closing, dev outbox): routes defined above this line
const CITIZEN_ACCOUNT_ROUTES = [signUpRoute, checkEmailRoute, verifyEmailRoute, forgotPasswordRoute, myAccountRoute, accountClosedRoute, devOutboxRoute] as const;

// webhooks (administration of signed webhooks): routes defined above this line
// outside the admin-only layout: a province's governor's office manages its own province's webhooks here
const webhooksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/webhooks",
  beforeLoad: requireLogin,
  component: lazyRouteComponent(() => import("../features/webhooks/WebhooksPage.js"), "WebhooksPage"),
});
const WEBHOOK_ROUTES = [webhooksRoute] as const;

const routeTree = rootRoute.addChildren([
  indexRoute,
  loginRoute,
  resetPasswordRoute,
  provincesRoute,
  provinceRoute,
  organizationsRoute,
  organizationRoute,
  personRoute,
  areaRoute,
  strategyRoute,
  strategyNodeRoute,
  agendasRoute,
  agendaRoute,
  searchRoute,
  pilotsRoute,
  pilotRoute,
  sandboxesRoute,
  sandboxRoute,
  provCommitteesRoute,
  provCommitteeRoute,
  meetingRoute,
  networksRoute,
  newPartnerRoute,
  partnerRoute,
  oversightRoute,
  oversightMatrixRoute,
  oversightAlertsRoute,
  cockpitIndexRoute,
  cockpitRoute,
  kpiRoute,
  agreementsRoute,
  agreementRoute,
  delegationRoute,
  authorityRoute,
  instrumentRoute,
  permitsRoute,
  permitStatsRoute,
  permitRoute,
  delegationRequestsRoute,
  delegationRequestNewRoute,
  delegationRequestRoute,
  personnelRoute,
  personnelActionRoute,
  committeesRoute,
  committeeRoute,
  ...PLANNING_PLANS_ROUTES,
  ...PLANNING_BUDGET_ROUTES,
  ...PLANNING_FUNDS_ROUTES,
  ...PLANNING_PROCUREMENT_ROUTES,
  ...CASES_PUBLIC_ROUTES,
  ...CASES_STAFF_ROUTES,
  ...PARTICIPATION_ROUTES,
  ...CITIZEN_ACCOUNT_ROUTES,
  ...WEBHOOK_ROUTES,
  openDataRoute,
  adminRoute.addChildren([adminIndexRoute, adminUsersRoute, adminApiKeysRoute, adminHolidaysRoute, adminImportsRoute]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: "intent",
  defaultPreloadStaleTime: 0,
  defaultPendingComponent: PageLoader,
  defaultErrorComponent: RouteError,
  scrollRestoration: true,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
