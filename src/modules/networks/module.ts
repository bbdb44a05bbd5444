import type { ModuleManifest } from "../../platform/module.js";
import { networksRoutes } from "./routes.js";
import { seedNetworksDemo } from "./seed-demo.js";

export const networksModule: ModuleManifest = {
  name: "networks",
  routes: networksRoutes,
  operations: ["networks:read", "networks:manage"],
  auditActions: ["networks.partner.create", "networks.partner.update", "networks.agreement.create", "networks.agreement.end", "networks.contribution.record", "networks.seed.demo"],
  seed: async (ctx, opts) => {
    if (opts.demo) await seedNetworksDemo(ctx);
  },
};
