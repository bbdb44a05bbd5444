import type { JobDefinition } from "../../platform/jobs/types.js";
import { deliverPending, throwIfUndelivered } from "../../platform/notify/notify.js";
import { BANGKOK_TIME_ZONE } from "../../platform/thai/dates.js";
import { checkResponseDeadlines } from "./check-response-deadlines.js";
import { closeDueSurveys } from "./close-due-surveys.js";

/** Response deadlines: hourly, notices before the deadline and overdue flags after it; then notices go out. */
export const responseDeadlinesJob: JobDefinition = {
  name: "participation.response-deadlines",
  cron: "5 * * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx, { mailer }) => {
    const r = await checkResponseDeadlines({ ctx });
    const delivery = await deliverPending(ctx, mailer, { kindPrefix: "participation." });
    throwIfUndelivered(delivery);
    return { ...r, ...delivery };
  },
};

/** Surveys past their closing time close and their results go to the KPI (every 15 minutes). */
export const closeSurveysJob: JobDefinition = {
  name: "participation.close-surveys",
  cron: "*/15 * * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => closeDueSurveys({ ctx }),
};

export const participationJobs: readonly JobDefinition[] = [responseDeadlinesJob, closeSurveysJob];
