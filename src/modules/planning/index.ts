/** The planning module's public surface for other modules. */
export { planningModule } from "./module.js";
export { configureOcds, DEFAULT_OCDS_PREFIX } from "./procurement-rules.js";
export { mayReadPlanningHistory, PLANNING_HISTORY_TYPES, planningHistoryScopes, type PlanningHistoryType } from "./history-scopes.js";
export { lookupProjects, projectIdByCode, type ProjectRef } from "./lookup-projects.js";
/** The province's budget dashboard (as of a day), read by the operation centre's provincial report. */
export { getBudgetDashboard } from "./get-budget-dashboard.js";
/** The budget cycle's statutory deadlines (allocation notices, operating plans), read by the operation centre's figures and alerts. */
export { lookupStatutoryDeadlines, type StatutoryDeadline } from "./lookup-deadlines.js";
