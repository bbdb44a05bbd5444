/** The cases module's public surface for other modules. */
export { casesModule, configureCases } from "./module.js";
