/** The registry's public surface for other modules. */
export { describeScopes } from "./describe-scopes.js";
export { createScopeResolver } from "./scope-resolver.js";
export { registryModule } from "./module.js";
export { historyScopes, mayReadHistory } from "./history-scopes.js";
export { lookupArea, lookupAreas, lookupOrganization, lookupOrganizations, requireProvince, type AreaRef, type OrganizationRef } from "./lookup-area.js";
export { listOverseers, lookupOverseer, lookupPostLabels, type OverseerRef } from "./lookup-overseer.js";
