/** The participation module's public surface for other modules. */
export { participationModule } from "./module.js";
export { configureParticipation } from "./rules.js";
/** For a KPI or goal page: official responses about it ("changed after public input"). */
export { responsesBySubject } from "./list-responses-by-subject.js";
