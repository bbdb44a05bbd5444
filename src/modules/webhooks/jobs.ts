import type { JobDefinition } from "../../platform/jobs/types.js";
import { BANGKOK_TIME_ZONE } from "../../platform/thai/dates.js";
import { deliverDue } from "../../platform/webhooks/index.js";

/** Every minute: due webhook deliveries go out (new events, retries by their backoff); safe in several processes. */
export const deliverWebhooksJob: JobDefinition = {
  name: "webhooks.deliver",
  cron: "* * * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => deliverDue(ctx, { budgetMs: 45_000 }),
};

export const webhooksJobs: readonly JobDefinition[] = [deliverWebhooksJob];
