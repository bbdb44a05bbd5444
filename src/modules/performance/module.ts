import type { ModuleManifest } from "../../platform/module.js";
import { performanceRoutes } from "./routes.js";
import { seedPerformanceDemo } from "./seed-demo.js";

export const performanceModule: ModuleManifest = {
  name: "performance",
  routes: performanceRoutes,
  operations: ["performance:read", "performance:kpi.write", "performance:measurement.submit", "performance:measurement.verify", "performance:agreement.write", "performance:agreement.sign", "performance:agreement.amend", "performance:round.self-assess", "performance:round.assess", "performance:pilot.write", "performance:sandbox.write"],
  auditActions: ["performance.kpi.create", "performance.targets.set", "performance.measurement.submit", "performance.measurement.verify", "performance.measurement.return", "performance.seed.demo", "performance.agreement.create", "performance.agreement.update", "performance.agreement.sign", "performance.agreement.amend", "performance.round.self-assess", "performance.round.submit", "performance.round.item-result", "performance.round.close"],
  seed: async (ctx, { demo }) => {
    if (demo) await seedPerformanceDemo({ ctx });
  },
};
