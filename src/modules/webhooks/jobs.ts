import type { JobDefinition } from "../../platform/jobs/types.js";
import { deliverPending, throwIfUndelivered } from "../../platform/notify/notify.js";
import { BANGKOK_TIME_ZONE } from "../../platform/thai/dates.js";
import { deliverDue, purgeSettledDeliveries } from "../../platform/webhooks/index.js";

/**
 * Every minute: due webhook deliveries go out (new events, retries by their backoff); safe in several processes.
 * Then the module's notices (a subscription paused after three days of failures, to its owner) go to the mailer.
 */
export const deliverWebhooksJob: JobDefinition = {
  name: "webhooks.deliver",
  cron: "* * * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx, { mailer }) => {
    const r = await deliverDue(ctx, { budgetMs: 45_000 });
    const notices = await deliverPending(ctx, mailer, { kindPrefix: "webhooks." });
    throwIfUndelivered(notices);
    return { ...r, notices: notices.sent, ...(notices.noAddress ? { noAddress: notices.noAddress } : {}) };
  },
};

/** Retention, daily at 03:05 in Bangkok: settled deliveries older than WEBHOOKS_RETENTION_DAYS go, with their log and events. */
export const purgeWebhookDeliveriesJob: JobDefinition = {
  name: "webhooks.purge-deliveries",
  cron: "5 3 * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => purgeSettledDeliveries(ctx, { batch: 1000 }),
};

export const webhooksJobs: readonly JobDefinition[] = [deliverWebhooksJob, purgeWebhookDeliveriesJob];
