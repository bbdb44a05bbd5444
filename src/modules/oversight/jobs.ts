import type { JobDefinition } from "../../platform/jobs/types.js";
import { BANGKOK_TIME_ZONE } from "../../platform/thai/dates.js";
import { refreshDirty, refreshRollups } from "./refresh-rollups.js";

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

export const oversightJobs: readonly JobDefinition[] = [refreshDirtyJob, nightlyRefreshJob];
