import type { JobDefinition } from "../../platform/jobs/types.js";
import { deliverPending, throwIfUndelivered } from "../../platform/notify/notify.js";
import { BANGKOK_TIME_ZONE } from "../../platform/thai/dates.js";
import { closeDueRounds } from "./close-round.js";
import { sendReminders } from "./send-reminders.js";

/** Closes every round whose due date has passed and freezes its score, ten minutes after midnight in Bangkok. */
export const closeDueRoundsJob: JobDefinition = {
  name: "performance.close-due-rounds",
  cron: "10 0 * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => ({ closed: (await closeDueRounds({ ctx })).closed.length }),
};

/**
 * Records the day's deadline reminders (rounds due within 7 and 1 days, sandboxes expiring within 60, 30 and 7),
 * then hands the module's notifications not yet sent to the mailer, at seven in the morning in Bangkok.
 */
export const remindersJob: JobDefinition = {
  name: "performance.reminders",
  cron: "0 7 * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx, { mailer }) => {
    const created = await sendReminders({ ctx });
    const delivery = await deliverPending(ctx, mailer, { kindPrefix: "performance." });
    // the reminders stay recorded and pending; the retry (and every later run) tries to hand them on again
    throwIfUndelivered(delivery);
    return { created, ...delivery };
  },
};

export const performanceJobs: readonly JobDefinition[] = [closeDueRoundsJob, remindersJob];
