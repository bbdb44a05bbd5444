import type { ModuleManifest } from "../../platform/module.js";
import { delegationOpenData } from "./open-data.js";
import { delegationRequestRoutes } from "./routes-requests.js";
import { delegationRoutes } from "./routes.js";
import { permitRoutes } from "./routes-permits.js";
import { personnelRoutes } from "./routes-personnel.js";
import { seedDelegationDemo } from "./seed-demo.js";
import { seedDemoPermits } from "./seed-demo-permits.js";
import { seedPersonnelDemo } from "./seed-demo-personnel.js";
import { seedDelegationRequestsDemo } from "./seed-demo-requests.js";
import { seedPowersCatalogue } from "./seed-reference.js";

export const delegationModule: ModuleManifest = {
  name: "delegation",
  openData: delegationOpenData,
  routes: async (app) => {
    await delegationRoutes(app, {});
    await delegationRequestRoutes(app, {});
    await permitRoutes(app, {});
    await personnelRoutes(app, {});
  },
  operations: [
    "delegation:read", "delegation:power.write", "delegation:instrument.write",
    "delegation:request.read", "delegation:request.write", "delegation:request.review.moi", "delegation:request.review.opdc", "delegation:request.cabinet",
    "delegation:permit.receive", "delegation:permit.decide", "delegation:personnel.read", "delegation:personnel.write", "delegation:recruitment.write",
  ],
  auditActions: [
    "delegation.seed.powers", "delegation.power.create", "delegation.instrument.create", "delegation.instrument.revoke", "delegation.instrument.revoke-cascade", "delegation.seed.demo",
    "delegation.request.create", "delegation.request.update", "delegation.request.submit", "delegation.request.resubmit", "delegation.request.withdraw",
    "delegation.request.moi-forward", "delegation.request.moi-return", "delegation.request.opdc-recommend", "delegation.request.opdc-return",
    "delegation.request.cabinet-approve", "delegation.request.cabinet-reject", "delegation.seed.demo-requests",
    "delegation.permit.receive", "delegation.permit.review", "delegation.permit.decide", "delegation.permit.withdraw", "delegation.seed.demo-permits",
    "delegation.personnel.record", "delegation.committee.create", "delegation.committee.candidates.add", "delegation.committee.assess", "delegation.committee.decide", "delegation.committee.close", "delegation.seed.personnel-demo",
  ],
  seed: async (ctx, { demo }) => {
    await seedPowersCatalogue({ ctx });
    if (demo) {
      await seedDelegationDemo({ ctx });
      await seedDelegationRequestsDemo({ ctx });
      await seedDemoPermits({ ctx });
      await seedPersonnelDemo({ ctx });
    }
  },
};
