import type { ModuleManifest } from "../../platform/module.js";
import { registerAlertLookup } from "../committees/index.js";
import { evaluateAlerts } from "./evaluate-alerts.js";
import { lookupAlerts } from "./lookup-alerts.js";
import { oversightJobs } from "./jobs.js";
import { eraseOversightPersonalData, oversightPersonalData } from "./personal-data.js";
import { refreshRollups } from "./refresh-rollups.js";
import { oversightRoutes } from "./routes.js";
import { seedAlertSubscriptionsDemo } from "./seed-alerts-demo.js";

// a committee's agenda item may be about an alert: committees looks alerts up through this (it cannot import oversight)
registerAlertLookup(lookupAlerts);

export const oversightModule: ModuleManifest = {
  name: "oversight",
  routes: oversightRoutes,
  operations: ["oversight:read", "oversight:refresh", "oversight:alerts.subscribe"],
  auditActions: ["oversight.rollups.rebuild", "oversight.alert.mark-read", "oversight.alert-subscriptions.set", "oversight.seed.demo"],
  jobs: oversightJobs,
  personalData: oversightPersonalData,
  erasePersonalData: eraseOversightPersonalData,
  // last in the module list: the roll-ups and the alerts are built from what every other module has just seeded
  seed: async (ctx, opts) => {
    await refreshRollups({ ctx });
    await evaluateAlerts({ ctx });
    if (opts.demo) await seedAlertSubscriptionsDemo(ctx);
  },
};
