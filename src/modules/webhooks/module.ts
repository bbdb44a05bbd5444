import type { ModuleManifest } from "../../platform/module.js";
import { sealStoredSecrets } from "../../platform/webhooks/index.js";
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
    "webhooks.secrets.seal",
    "webhooks.deliveries.purge",
  ],
  jobs: [...webhooksJobs],
  seed: async (ctx, { demo }) => {
    if (demo) await seedDemoWebhooks({ ctx });
  },
  // the one-off step of migration 0016: secrets stored in plaintext (or under a previous key) are sealed now
  start: async (ctx, { log }) => {
    const r = await sealStoredSecrets(ctx);
    if (r.plaintext + r.resealed > 0) log?.info(r, "webhooks: signing secrets sealed under WEBHOOKS_SECRET_KEY");
    if (r.unreadable > 0) log?.error(r, "webhooks: some signing secrets cannot be opened with WEBHOOKS_SECRET_KEY (set the old key as WEBHOOKS_SECRET_KEY_PREVIOUS, or rotate those secrets); their deliveries fail with webhooks.secret-unreadable");
    return async () => {};
  },
};
