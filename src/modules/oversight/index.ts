/** The oversight module's public surface for other modules. */
export { oversightModule } from "./module.js";
export { refreshRollups, refreshDirty } from "./refresh-rollups.js";
