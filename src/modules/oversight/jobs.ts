import type { JobDefinition } from "../../platform/jobs/types.js";
import { BANGKOK_TIME_ZONE } from "../../platform/thai/dates.js";
import { deliverPending, throwIfUndelivered } from "../../platform/notify/notify.js";
import { evaluateAlerts } from "./evaluate-alerts.js";
import { refreshDirty, refreshRollups } from "./refresh-rollups.js";
import { sendAlertDigests } from "./send-alert-digests.js";

/** Rebuilds, every minute, the roll-ups of the provinces whose records changed (marked by the source tables' triggers). */
export const refreshDirtyJob: JobDefinition = {
  name: "oversight.refresh-dirty",
  cron: "* * * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => refreshDirty({ ctx }),
};

/**
 * Rebuilds everything once a night: figures that move with the calendar rather than with writes (cases and permits
 * becoming overdue, the months of the plan begun, committees falling late) are right from the first minute of the day.
 */
export const nightlyRefreshJob: JobDefinition = {
  name: "oversight.refresh-all",
  cron: "1 0 * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => refreshRollups({ ctx }),
};

/** Evaluates the alert rules every ten minutes: raises what newly holds, resolves what no longer does (idempotent). */
export const evaluateAlertsJob: JobDefinition = {
  name: "oversight.evaluate-alerts",
  cron: "*/10 * * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => evaluateAlerts({ ctx }),
};

/** A digest job: evaluates first (so the mail is current), records the digests of the period, hands them to the mailer. */
function digestJob(frequency: "daily" | "weekly", cron: string): JobDefinition {
  return {
    name: `oversight.alert-digest-${frequency}`,
    cron,
    tz: BANGKOK_TIME_ZONE,
    run: async (ctx, { mailer }) => {
      const evaluated = await evaluateAlerts({ ctx });
      const digests = await sendAlertDigests({ ctx, input: { frequency } });
      const delivery = await deliverPending(ctx, mailer, { kindPrefix: `oversight.alert-digest.${frequency}` });
      // the digests stay recorded and pending; the retry (and every later run) hands them on again
      throwIfUndelivered(delivery, "digest(s)");
      return { raised: evaluated.raised, resolved: evaluated.resolved, ...digests, ...delivery };
    },
  };
}
/** Daily digests at 07:30 Bangkok; weekly ones at 07:30 on Mondays. */
export const dailyDigestJob = digestJob("daily", "30 7 * * *");
export const weeklyDigestJob = digestJob("weekly", "30 7 * * 1");

export const oversightJobs: readonly JobDefinition[] = [refreshDirtyJob, nightlyRefreshJob, evaluateAlertsJob, dailyDigestJob, weeklyDigestJob];
