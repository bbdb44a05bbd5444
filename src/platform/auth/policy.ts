/**
 * The access policy in one table: every operation of every module and the roles that may perform it
 * (within the scope of their grant). Reviewers read this file to know who may do what.
 */
export const ROLES = [
  "citizen",
  "agency_officer",
  "agency_head",
  "strategy_officer",
  "governor",
  "vice_governor",
  "district_officer",
  "cluster_office",
  "deputy_pm_office",
  "ministry_officer",
  "department_officer",
  "opdc_evaluator",
  "pmoc_viewer",
  "administrator",
] as const;
export type RoleId = (typeof ROLES)[number];

/** Which kinds of scope a role may be granted at (checked when an administrator grants it). */
export const ROLE_SCOPES: Record<RoleId, readonly string[]> = {
  citizen: ["nation"],
  agency_officer: ["org"],
  agency_head: ["org"],
  strategy_officer: ["province"],
  governor: ["province"],
  vice_governor: ["province"],
  district_officer: ["district"],
  cluster_office: ["cluster"],
  deputy_pm_office: ["nation", "region", "cluster", "province"],
  ministry_officer: ["ministry"],
  department_officer: ["department"],
  opdc_evaluator: ["nation", "region", "cluster", "province"],
  pmoc_viewer: ["nation"],
  administrator: ["nation", "province", "ministry"],
};

const STAFF: RoleId[] = ROLES.filter((r) => r !== "citizen");
const REGISTRY_EDITORS: RoleId[] = ["administrator", "strategy_officer", "governor", "ministry_officer", "department_officer"];

/** "public" means anyone, logged in or not. */
export const POLICY = {
  "registry:read": "public",
  "registry:export": "public",
  "registry:area.write": ["administrator"],
  "registry:organization.write": REGISTRY_EDITORS,
  "registry:post.write": REGISTRY_EDITORS,
  "registry:person.write": REGISTRY_EDITORS,
  "registry:membership.write": REGISTRY_EDITORS,
  "registry:import": REGISTRY_EDITORS,
  "accounts:read": ["administrator"],
  "accounts:manage": ["administrator"],
  "accounts:grant": ["administrator"],
  "accounts:api-key.manage": ["administrator"],
  // citizen accounts: anyone signs up, verifies, asks for a link again or for a password reset; every account
  // (any role, any scope) reads and changes its own profile and exports its own data
  "accounts:sign-up": "public",
  "accounts:self": ROLES,
  "audit:read": STAFF,
  "calendar:read": "public",
  "calendar:holiday.write": ["administrator"],
  "strategy:read": "public",
  "strategy:national.write": ["administrator"],
  "strategy:area.write": ["administrator", "strategy_officer", "governor", "cluster_office", "deputy_pm_office"],
  "strategy:cluster.approve": ["deputy_pm_office"],
  "strategy:province.approve": ["governor"],
  "strategy:agenda.assign": ["administrator", "deputy_pm_office"],
  "strategy:proposal.write": ["governor", "strategy_officer"],
  "strategy:proposal.review.moi": ["ministry_officer"],
  "strategy:proposal.review.opdc": ["opdc_evaluator"],
  "performance:read": STAFF,
  "performance:kpi.write": ["administrator", "strategy_officer", "governor", "ministry_officer", "department_officer", "opdc_evaluator"],
  "performance:measurement.submit": ["agency_officer", "agency_head", "strategy_officer", "governor", "vice_governor", "ministry_officer", "department_officer"],
  "performance:measurement.verify": ["strategy_officer", "opdc_evaluator"],
  "performance:agreement.write": ["administrator", "strategy_officer", "governor", "cluster_office", "opdc_evaluator"],
  "performance:agreement.sign": ["administrator", "deputy_pm_office", "opdc_evaluator"],
  "performance:agreement.amend": ["administrator", "deputy_pm_office", "opdc_evaluator"],
  "performance:round.self-assess": ["strategy_officer", "governor", "vice_governor", "cluster_office"],
  "performance:round.assess": ["opdc_evaluator"],
  "performance:pilot.write": ["administrator", "opdc_evaluator"],
  "performance:sandbox.write": ["administrator", "strategy_officer", "governor", "opdc_evaluator"],
  "delegation:read": "public",
  "delegation:power.write": ["administrator", "opdc_evaluator"],
  "delegation:instrument.write": ["administrator", "ministry_officer", "department_officer", "governor"],
  "delegation:request.read": STAFF,
  "delegation:request.write": ["governor", "strategy_officer"],
  "delegation:request.review.moi": ["ministry_officer"],
  "delegation:request.review.opdc": ["opdc_evaluator"],
  "delegation:request.cabinet": ["administrator", "opdc_evaluator"],
  "delegation:permit.receive": ["district_officer", "agency_officer", "agency_head", "strategy_officer", "governor", "vice_governor", "ministry_officer", "department_officer"],
  "delegation:permit.decide": ["governor", "vice_governor", "district_officer", "agency_head", "ministry_officer", "department_officer"],
  "delegation:personnel.read": STAFF,
  "delegation:personnel.write": ["governor", "vice_governor", "district_officer", "agency_head", "ministry_officer", "department_officer"],
  "delegation:recruitment.write": ["administrator", "ministry_officer"],
  // committees: staff of the province read; the governor's office sets committees up and runs their meetings;
  // an action item's owner organisation reports its progress
  "committees:read": STAFF,
  "committees:manage": ["administrator", "governor", "strategy_officer"],
  "committees:meeting.run": ["governor", "vice_governor", "strategy_officer"],
  "committees:action.report": ["governor", "vice_governor", "strategy_officer", "agency_head", "agency_officer"],
  // networks: partner organisations (private sector, civil society, universities, community bodies), their MOUs with
  // the province and what they contribute. They are organisations, not people (nothing personal is kept), so anyone
  // reads them, for transparency; the governor's office of the province records them
  "networks:read": "public",
  "networks:manage": ["administrator", "governor", "vice_governor", "strategy_officer"],
  // operation centres: every official reads the dashboards, matrix and map of the scopes their grants reach (a
  // province, a cluster or region, a department or ministry across provinces, the nation); nothing personal is in them
  "oversight:read": STAFF,
  "oversight:refresh": ["administrator"],
  // alerts: every official subscribes to the alerts of scopes they read (checked again with oversight:read) and picks a digest
  "oversight:alerts.subscribe": STAFF,
  "planning:read": STAFF,
  "planning:public": "public",
  "planning:plan.write": ["administrator", "strategy_officer", "governor", "district_officer", "cluster_office"],
  "planning:plan.approve": ["administrator", "governor"],
  "planning:cluster-plan.approve": ["administrator", "cluster_office"],
  "planning:project.propose": ["administrator", "agency_officer", "agency_head", "district_officer", "strategy_officer", "governor", "cluster_office"],
  "planning:project.write": ["administrator", "agency_head", "strategy_officer", "governor", "cluster_office"],
  "planning:project.progress": ["agency_officer", "agency_head", "strategy_officer", "district_officer"],
  "planning:project.amend": ["governor", "vice_governor", "strategy_officer"],
  "planning:amendment.decide-central": ["administrator", "ministry_officer", "department_officer"],
  "planning:budget-act.write": ["administrator"],
  "planning:allocation.notify": ["ministry_officer", "department_officer"],
  "planning:operating-plan.write": ["strategy_officer", "governor"],
  "planning:frame-shift.write": ["ministry_officer", "department_officer"],
  "planning:leftover.record": ["agency_head", "agency_officer", "strategy_officer"],
  "planning:leftover.reallocate": ["governor"],
  "planning:matching.write": ["strategy_officer", "governor"],
  "planning:emergency.request": ["governor", "strategy_officer"],
  "planning:emergency.screen": ["administrator", "deputy_pm_office"],
  "planning:emergency.approve": ["deputy_pm_office"],
  "planning:emergency.pm-decide": ["administrator"],
  "planning:procurement.write": ["agency_officer", "agency_head", "strategy_officer"],
  "planning:import": ["administrator", "strategy_officer", "governor", "ministry_officer", "department_officer"],
  // cases: anyone reports; the people handling a case (its office, its district's Damrongdhama centre, the
  // province) act on it and alone see who reported; readers above (departments, ministries, oversight) see no one
  "cases:public": "public",
  "cases:submit": "public",
  "cases:intake": ["district_officer", "strategy_officer", "governor", "vice_governor", "agency_officer", "agency_head", "administrator"],
  "cases:read": STAFF,
  "cases:handle": ["agency_officer", "agency_head", "district_officer", "strategy_officer", "governor", "vice_governor", "administrator"],
  "cases:assign": ["agency_head", "district_officer", "strategy_officer", "governor", "vice_governor", "administrator"],
  // the province's routing rules: everyone who takes or handles its cases reads them (a district's centre sees where
  // a 1567 call will go and why); only its strategy office and governor (and administrators) change them
  "cases:routing.read": ["agency_officer", "agency_head", "district_officer", "strategy_officer", "governor", "vice_governor", "administrator"],
  "cases:routing.write": ["administrator", "strategy_officer", "governor"],
  "cases:category.write": ["administrator"],
  "cases:import": ["administrator", "strategy_officer"],
  // participation ("บอกเราถึงรัฐ"): anyone reads; logged-in citizens propose, comment, support and answer surveys
  // (supports and answers count only from verified accounts); the governor's office opens calls and answers
  "participation:public": "public",
  "participation:take-part": ["citizen"],
  "participation:manage": ["governor", "vice_governor", "strategy_officer"],
  // webhooks: administrators (nation-wide subscriptions) and a province's governor's office (its province's events)
  "webhooks:manage": ["administrator", "governor", "vice_governor", "strategy_officer"],
} as const satisfies Record<string, "public" | readonly RoleId[]>;

export type Operation = keyof typeof POLICY;

export function rolesAllowed(op: Operation): "public" | readonly RoleId[] {
  return POLICY[op];
}
