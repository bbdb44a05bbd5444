/** The committees module's public surface for other modules. */
export { committeesModule } from "./module.js";
export { committeeHistoryScopes } from "./history-scopes.js";
