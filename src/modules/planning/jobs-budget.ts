import type { JobDefinition } from "../../platform/jobs/types.js";
import { deliverPending, throwIfUndelivered } from "../../platform/notify/notify.js";
import { BANGKOK_TIME_ZONE } from "../../platform/thai/dates.js";
import { sendBudgetReminders } from "./send-budget-reminders.js";

/** The budget cycle's reminders and overdue flags (allocation notices, operating plans), at 07:05 in Bangkok. */
export const budgetRemindersJob: JobDefinition = {
  name: "planning.budget-reminders",
  cron: "5 7 * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx, { mailer }) => {
    const created = await sendBudgetReminders({ ctx });
    const delivery = await deliverPending(ctx, mailer, { kindPrefix: "planning." });
    throwIfUndelivered(delivery);
    return { ...created, ...delivery };
  },
};

export const budgetJobs: readonly JobDefinition[] = [budgetRemindersJob];
