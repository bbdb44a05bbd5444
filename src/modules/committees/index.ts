/** The committees module's public surface for other modules. */
export { committeesModule } from "./module.js";
export { committeeHistoryScopes } from "./history-scopes.js";
/** Committees, their cadence, next meetings and action items, read by the operation centre's provincial report. */
export { listCommittees } from "./list-committees.js";
export { getCommittee } from "./get-committee.js";
/** The oversight module registers how alerts are looked up, so an agenda item can be about one. */
export { registerAlertLookup, type AgendaAlertRef } from "./alert-links.js";
