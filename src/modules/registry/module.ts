import type { ModuleManifest } from "../../platform/module.js";
import { registryOpenData } from "./open-data.js";
import { startImportRunner } from "./import-runner.js";
import { registryRoutes } from "./routes.js";
import { seedReference } from "./seed-reference.js";
import { seedRegistryDemo } from "./seed-demo.js";

export const registryModule: ModuleManifest = {
  name: "registry",
  openData: registryOpenData,
  routes: registryRoutes,
  operations: [
    "registry:read",
    "registry:export",
    "registry:area.write",
    "registry:organization.write",
    "registry:post.write",
    "registry:person.write",
    "registry:membership.write",
    "registry:import",
  ],
  auditActions: [
    "registry.organization.create",
    "registry.organization.update",
    "registry.person.create",
    "registry.person.update",
    "registry.post.create",
    "registry.membership.create",
    "registry.membership.end",
    "registry.oversight.create",
    "registry.import.start",
    "registry.import.finish",
    "registry.seed.reference",
    "registry.seed.demo",
  ],
  seed: async (ctx, { demo }) => {
    await seedReference({ ctx });
    if (demo) await seedRegistryDemo({ ctx });
  },
  // resumes imports a previous process accepted but did not finish, then keeps the queue moving
  start: (ctx, opts) => startImportRunner(ctx, opts),
};
