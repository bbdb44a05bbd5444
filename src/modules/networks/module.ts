import type { ModuleManifest } from "../../platform/module.js";
import { networksOpenData } from "./open-data.js";
import { networksRoutes } from "./routes.js";
import { seedNetworksDemo } from "./seed-demo.js";

export const networksModule: ModuleManifest = {
  name: "networks",
  openData: networksOpenData,
  routes: networksRoutes,
  operations: ["networks:read", "networks:manage"],
  auditActions: ["networks.partner.create", "networks.partner.update", "networks.agreement.create", "networks.agreement.end", "networks.contribution.record", "networks.seed.demo"],
  seed: async (ctx, opts) => {
    if (opts.demo) await seedNetworksDemo(ctx);
  },
};
