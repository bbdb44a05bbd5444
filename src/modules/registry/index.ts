/** The registry's public surface for other modules. */
export { describeScopes } from "./describe-scopes.js";
export { createScopeResolver } from "./scope-resolver.js";
export { registryModule } from "./module.js";
export { historyScopes, mayReadHistory } from "./history-scopes.js";
export { organizationsUnder } from "./organizations-under.js";
export { listProvinceCodes, provinceFrame, type ProvinceFrameRow } from "./list-provinces.js";
export { areaByName } from "./area-by-name.js";
export { lookupArea, lookupAreas, lookupAreasCached, lookupOrganization, lookupOrganizationCached, lookupOrganizations, lookupOrganizationsCached, requireProvince, type AreaRef, type OrganizationRef } from "./lookup-area.js";
export { listOverseers, lookupOverseer, lookupPostLabels, overseenAreas, type OverseenArea, type OverseerRef } from "./lookup-overseer.js";
export { registerImportKind, ImportRowIssues, type ImportKindHandler, type ImportRow } from "./import-kinds.js";
export { importRegistry as acceptImport } from "./import-registry.js";
export { getImportJob } from "./get-import-job.js";
export { listImportJobs } from "./list-import-jobs.js";
export { importRunner } from "./import-runner.js";
