import type { ModuleManifest } from "../../platform/module.js";
import { accountsPersonalData } from "./personal-data.js";
import { seedDemoAccounts } from "./seed-demo-accounts.js";

/** Routes are mounted by the composition root because they need the session settings (accountsRoutes). */
export const accountsModule: ModuleManifest = {
  name: "accounts",
  operations: ["accounts:read", "accounts:manage", "accounts:grant", "accounts:api-key.manage", "accounts:sign-up", "accounts:self"],
  auditActions: [
    "accounts.login",
    "accounts.login.failed",
    "accounts.logout",
    "accounts.account.create",
    "accounts.grant.create",
    "accounts.grant.revoke",
    "accounts.reset-token.issue",
    "accounts.password.reset",
    "accounts.api-key.create",
    "accounts.api-key.revoke",
    "accounts.account.sign-up",
    "accounts.sign-up.address-in-use",
    "accounts.email.verify",
    "accounts.email.verification-resend",
    "accounts.reset-token.mail",
    "accounts.profile.update",
    "accounts.account.close",
  ],
  personalData: accountsPersonalData,
  seed: async (ctx, { demo }) => {
    if (demo) await seedDemoAccounts({ ctx });
  },
};
