/** The performance module's public surface for other modules. */
export { performanceModule } from "./module.js";
/** For the scheduled reminder: sandboxes about to lapse (see list-sandboxes.ts). */
export { sandboxesExpiringWithin } from "./list-sandboxes.js";
export { performanceHistoryScopes } from "./history-scopes.js";
export { lookupKpis, type KpiRef } from "./lookup-kpis.js";
