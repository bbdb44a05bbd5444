import type { ModuleManifest } from "../../platform/module.js";
import { oversightJobs } from "./jobs.js";
import { refreshRollups } from "./refresh-rollups.js";
import { oversightRoutes } from "./routes.js";

export const oversightModule: ModuleManifest = {
  name: "oversight",
  routes: oversightRoutes,
  operations: ["oversight:read", "oversight:refresh"],
  auditActions: ["oversight.rollups.rebuild"],
  jobs: oversightJobs,
  // last in the module list: the roll-ups are built from what every other module has just seeded
  seed: async (ctx) => {
    await refreshRollups({ ctx });
  },
};
