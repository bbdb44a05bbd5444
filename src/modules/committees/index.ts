/** The committees module's public surface for other modules. */
export { committeesModule } from "./module.js";
export { committeeHistoryScopes } from "./history-scopes.js";
/** Committees, their cadence, next meetings and action items, read by the operation centre's provincial report. */
export { listCommittees } from "./list-committees.js";
export { getCommittee } from "./get-committee.js";
