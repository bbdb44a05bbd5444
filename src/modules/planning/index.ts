/** The planning module's public surface for other modules. */
export { planningModule } from "./module.js";
