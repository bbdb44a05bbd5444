/** The cases module's public surface for other modules. */
export { casesModule, configureCases } from "./module.js";
export { reporterContact } from "./reporter-contact.js";
export { casesPersonalData } from "./personal-data.js";
export { lookupCases, type CaseRef } from "./lookup-cases.js";
