/** The performance module's public surface for other modules. */
export { performanceModule } from "./module.js";
/** For the scheduled reminder: sandboxes about to lapse (see list-sandboxes.ts). */
export { sandboxesExpiringWithin } from "./list-sandboxes.js";
export { performanceHistoryScopes } from "./history-scopes.js";
export { lookupKpis, type KpiRef } from "./lookup-kpis.js";
export { kpiTargetsOf, provinceKpis, type KpiTargetRef } from "./lookup-kpi-targets.js";
/** Use cases other modules call inside their own transactions (participation: a target changed after public input; a survey's result). */
export { setTargets } from "./set-targets.js";
export { submitMeasurement } from "./submit-measurement.js";
export { reviewMeasurement } from "./review-measurement.js";
export { createKpi } from "./create-kpi.js";
/** The governor's cockpit, read by the operation centre's provincial report. */
export { getCockpit } from "./get-cockpit.js";
