/** The oversight module's public surface for other modules. */
export { oversightModule } from "./module.js";
export { refreshRollups, refreshDirty } from "./refresh-rollups.js";
export { evaluateAlerts } from "./evaluate-alerts.js";
/** Alerts by id, for a committee's agenda item that is about one. */
export { lookupAlerts, type AlertRef } from "./lookup-alerts.js";
