import type { JobDefinition } from "../../platform/jobs/types.js";
import { BANGKOK_TIME_ZONE } from "../../platform/thai/dates.js";
import { deliverDue, purgeSettledDeliveries } from "../../platform/webhooks/index.js";

/** Every minute: due webhook deliveries go out (new events, retries by their backoff); safe in several processes. */
export const deliverWebhooksJob: JobDefinition = {
  name: "webhooks.deliver",
  cron: "* * * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => deliverDue(ctx, { budgetMs: 45_000 }),
};

/** Retention, daily at 03:05 in Bangkok: settled deliveries older than WEBHOOKS_RETENTION_DAYS go, with their log and events. */
export const purgeWebhookDeliveriesJob: JobDefinition = {
  name: "webhooks.purge-deliveries",
  cron: "5 3 * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => purgeSettledDeliveries(ctx, { batch: 1000 }),
};

export const webhooksJobs: readonly JobDefinition[] = [deliverWebhooksJob, purgeWebhookDeliveriesJob];
