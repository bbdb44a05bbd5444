import type { ModuleManifest } from "../../platform/module.js";
import { webhooksJobs } from "./jobs.js";
import { webhooksRoutes } from "./routes.js";
import { seedDemoWebhooks } from "./seed-demo-webhooks.js";

export const webhooksModule: ModuleManifest = {
  name: "webhooks",
  routes: webhooksRoutes,
  operations: ["webhooks:manage"],
  auditActions: [
    "webhooks.subscription.create",
    "webhooks.subscription.update",
    "webhooks.subscription.pause",
    "webhooks.subscription.resume",
    "webhooks.subscription.delete",
    "webhooks.subscription.rotate-secret",
    "webhooks.subscription.test",
    "webhooks.subscription.auto-pause",
    "webhooks.delivery.redeliver",
    "webhooks.seed.demo",
  ],
  jobs: [...webhooksJobs],
  seed: async (ctx, { demo }) => {
    if (demo) await seedDemoWebhooks({ ctx });
  },
};
