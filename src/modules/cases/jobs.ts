import type { JobDefinition } from "../../platform/jobs/types.js";
import { deliverPending, throwIfUndelivered } from "../../platform/notify/notify.js";
import { BANGKOK_TIME_ZONE } from "../../platform/thai/dates.js";
import { closeResolvedCases } from "./close-resolved-cases.js";
import { escalateCases } from "./escalate-cases.js";
import { purgePersonalData } from "./retention.js";
import { trainRoutingModels } from "./train-routing-models.js";

/** Service levels: every 10 minutes, overdue cases move up and late acceptances are reminded; notices go out. */
export const escalateJob: JobDefinition = {
  name: "cases.escalate",
  cron: "*/10 * * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx, { mailer }) => {
    const r = await escalateCases({ ctx });
    const delivery = await deliverPending(ctx, mailer, { kindPrefix: "cases." });
    throwIfUndelivered(delivery);
    return { ...r, ...delivery };
  },
};

/** Resolved cases without a dispute close after 7 days (daily at 02:15 in Bangkok). */
export const autoCloseJob: JobDefinition = {
  name: "cases.auto-close",
  cron: "15 2 * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => closeResolvedCases({ ctx }),
};

/** Routing suggestions relearn from the province's own routed cases (staff corrections included), nightly at 03:30. */
export const trainRoutingJob: JobDefinition = {
  name: "cases.train-routing",
  cron: "30 3 * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => trainRoutingModels({ ctx }),
};

/** PDPA: reporters' personal data of cases closed longer ago than the retention period is deleted, daily at 02:45. */
export const purgePersonalDataJob: JobDefinition = {
  name: "cases.purge-personal-data",
  cron: "45 2 * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => {
    // in batches, so one run with a large backlog (a first run after years) still finishes
    const total = { cases: 0, reporters: 0 };
    for (;;) {
      const r = await purgePersonalData({ ctx, limit: 500 });
      total.cases += r.cases;
      total.reporters += r.reporters;
      if (r.cases < 500) return total;
    }
  },
};

export const casesJobs: readonly JobDefinition[] = [escalateJob, autoCloseJob, trainRoutingJob, purgePersonalDataJob];
