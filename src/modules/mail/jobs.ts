import type { JobDefinition } from "../../platform/jobs/types.js";
import { BANGKOK_TIME_ZONE } from "../../platform/thai/dates.js";
import { sendQueuedMail } from "./queue.js";

/** Transactional mail the first try after commit could not send: retried every minute until the transport takes it. */
export const sendQueuedMailJob: JobDefinition = {
  name: "mail.send-queued",
  cron: "* * * * *",
  tz: BANGKOK_TIME_ZONE,
  run: async (ctx) => sendQueuedMail(ctx),
};
