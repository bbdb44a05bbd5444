/** The strategy module's public surface for other modules. */
export { strategyModule } from "./module.js";
export { assignmentHistoryScopes, strategyHistoryScopes } from "./history-scopes.js";
export { provinceAgendas, type ProvinceAgenda } from "./province-agendas.js";
export { lookupStrategyNodes, type StrategyNodeRef } from "./lookup-nodes.js";
export { strategyChainsUp, type StrategyChainNode } from "./chain-up.js";
export { lookupGoalIssues } from "./lookup-goal-issues.js";
export { provinceGoalNodes } from "./province-goals.js";
