/** The networks module's public surface for other modules. */
export { networksModule } from "./module.js";
export { partnerHistoryScopes } from "./history-scopes.js";
export { lookupPartners, partnerIdByName, type PartnerRef } from "./lookup-partners.js";
export { DEMO_SEAT_PARTNERS } from "./seed-demo.js";
