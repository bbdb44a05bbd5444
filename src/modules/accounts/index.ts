/** The accounts module's public surface. */
export { accountsModule } from "./module.js";
export { accountsRoutes } from "./routes.js";
export { authenticate, SESSION_COOKIE, sessionCsrfToken } from "./authenticate.js";
export { listDemoAccounts } from "./seed-demo-accounts.js";
export { accountIdByUsername, accountNames, accountsHolding, lookupAccount } from "./lookup-accounts.js";
