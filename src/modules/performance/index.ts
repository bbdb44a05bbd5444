/** The performance module's public surface for other modules. */
export { performanceModule } from "./module.js";
