import type { ModuleManifest } from "../../platform/module.js";
import { performanceJobs } from "./jobs.js";
import { performanceRoutes, pilotRoutes } from "./routes.js";
import { seedPerformanceDemo } from "./seed-demo.js";
import { seedAgreementsDemo } from "./seed-demo-agreements.js";
import { seedPilotsDemo } from "./seed-demo-pilots.js";

export const performanceModule: ModuleManifest = {
  name: "performance",
  routes: async (app) => {
    await performanceRoutes(app, {});
    await pilotRoutes(app, {});
  },
  operations: ["performance:read", "performance:kpi.write", "performance:measurement.submit", "performance:measurement.verify", "performance:agreement.write", "performance:agreement.sign", "performance:agreement.amend", "performance:round.self-assess", "performance:round.assess", "performance:pilot.write", "performance:sandbox.write"],
  auditActions: [
    "performance.kpi.create", "performance.targets.set", "performance.measurement.submit", "performance.measurement.verify", "performance.measurement.return", "performance.seed.demo",
    // pilots and evaluation; sandboxes
    "performance.pilot.create", "performance.pilot.provinces.set", "performance.pilot.outcome.define", "performance.pilot.observations.record", "performance.pilot.survey.record", "performance.pilot.incentive.grant", "performance.pilot.seed.demo",
    "performance.sandbox.create", "performance.sandbox.result.record", "performance.sandbox.end", "performance.sandbox.seed.demo",
    // performance agreements
    "performance.agreement.create", "performance.agreement.update", "performance.agreement.sign", "performance.agreement.amend", "performance.round.self-assess", "performance.round.submit", "performance.round.item-result", "performance.round.close", "performance.seed.agreements-demo",
  ],
  seed: async (ctx, { demo }) => {
    if (demo) await seedPerformanceDemo({ ctx });
    if (demo) await seedAgreementsDemo({ ctx });
    if (demo) await seedPilotsDemo({ ctx });
  },
  jobs: performanceJobs,
};
