import type { ModuleManifest } from "../../platform/module.js";
import { delegationRoutes } from "./routes.js";
import { permitRoutes } from "./routes-permits.js";
import { seedDelegationDemo } from "./seed-demo.js";
import { seedDemoPermits } from "./seed-demo-permits.js";
import { seedPowersCatalogue } from "./seed-reference.js";

export const delegationModule: ModuleManifest = {
  name: "delegation",
  routes: async (app) => {
    await delegationRoutes(app, {});
    await permitRoutes(app, {});
  },
  operations: [
    "delegation:read", "delegation:power.write", "delegation:instrument.write",
    "delegation:request.read", "delegation:request.write", "delegation:request.review.moi", "delegation:request.review.opdc", "delegation:request.cabinet",
    "delegation:permit.receive", "delegation:permit.decide", "delegation:personnel.write", "delegation:recruitment.write",
  ],
  auditActions: ["delegation.seed.powers", "delegation.power.create", "delegation.instrument.create", "delegation.instrument.revoke", "delegation.instrument.revoke-cascade", "delegation.seed.demo",
    "delegation.permit.receive", "delegation.permit.review", "delegation.permit.decide", "delegation.permit.withdraw", "delegation.seed.demo-permits",
  ],
  seed: async (ctx, { demo }) => {
    await seedPowersCatalogue({ ctx });
    if (demo) {
      await seedDelegationDemo({ ctx });
      await seedDemoPermits({ ctx });
    }
  },
};
