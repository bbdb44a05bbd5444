/** The delegation module's public surface for other modules: the authority check is what they call. */
export { delegationModule } from "./module.js";
export { checkAuthority } from "./check-authority.js";
export { delegationHistoryScopes } from "./history-scopes.js";
export type { AuthorityAnswer, AuthorityQuery } from "./contracts.js";
