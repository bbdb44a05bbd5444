/** The performance module's public surface for other modules. */
export { performanceModule } from "./module.js";
/** For the scheduled reminder: sandboxes about to lapse (see list-sandboxes.ts). */
export { sandboxesExpiringWithin } from "./list-sandboxes.js";
export { performanceHistoryScopes } from "./history-scopes.js";
/** The demo data's fixed-seed random numbers (other modules' demo scenarios use them too). */
export { demoRandom } from "./demo-random.js";
