/** The accounts module's public surface. */
export { accountsModule } from "./module.js";
export { accountsRoutes } from "./routes.js";
export { authenticate, SESSION_COOKIE, sessionCsrfToken } from "./authenticate.js";
export { DEMO_CITIZEN_COUNT, demoCitizenIds, listDemoAccounts } from "./seed-demo-accounts.js";
export { accountIdByUsername, accountNames, accountsHolding, isVerifiedAccount, lookupAccount, verifiedEmailOf, verifiedEmailsAtScope } from "./lookup-accounts.js";
export type { PersonalDataProvider } from "./export-my-data.js";
