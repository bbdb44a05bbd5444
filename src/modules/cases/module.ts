import { setRetentionDays } from "./retention.js";
import type { ModuleManifest } from "../../platform/module.js";
import { casesOpenData } from "./open-data.js";
import { casesJobs } from "./jobs.js";
import { casesRoutes, type CasesRouteOptions } from "./routes.js";
import { casesPersonalData, eraseCasesPersonalData } from "./personal-data.js";
import { open311Routes } from "./routes-open311.js";
import { seedCategories } from "./seed-categories.js";
import { seedDemoCases } from "./seed-demo-cases.js";

const settings: CasesRouteOptions & { open311PostLimit?: number } = {};
/** Deployment settings read from the environment at start-up (server/main.ts), before the routes are mounted. */
export function configureCases(s: CasesRouteOptions & { open311PostLimit?: number; retentionDays?: number }): void {
  const { retentionDays, ...rest } = s;
  if (retentionDays !== undefined) setRetentionDays(retentionDays);
  Object.assign(settings, rest);
}

export const casesModule: ModuleManifest = {
  name: "cases",
  openData: casesOpenData,
  routes: async (app) => casesRoutes(settings)(app, {}),
  rootRoutes: async (app) => open311Routes({ postLimit: settings.open311PostLimit })(app, {}),
  operations: ["cases:public", "cases:submit", "cases:intake", "cases:read", "cases:handle", "cases:assign", "cases:routing.read", "cases:routing.write", "cases:category.write", "cases:import"],
  auditActions: [
    "cases.case.submit",
    "cases.case.accept",
    "cases.case.start",
    "cases.case.resolve",
    "cases.case.reopen",
    "cases.case.rate",
    "cases.case.update",
    "cases.case.note",
    "cases.case.assign",
    "cases.case.transfer",
    "cases.case.category",
    "cases.case.merge",
    "cases.case.public-text",
    "cases.case.escalate",
    "cases.case.auto-close",
    "cases.case.purge-personal-data",
    "cases.case.erase-reporter",
    "cases.photo.upload",
    "cases.routing-rule.set",
    "cases.routing-rule.delete",
    "cases.routing-model.train",
    "cases.import",
    "cases.seed.demo",
    "cases.categories.sync",
  ],
  jobs: [...casesJobs],
  personalData: casesPersonalData,
  erasePersonalData: eraseCasesPersonalData,
  seed: async (ctx, { demo }) => {
    await seedCategories({ ctx });
    if (demo) await seedDemoCases({ ctx });
  },
};
