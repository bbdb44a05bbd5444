import type { ModuleManifest } from "../../platform/module.js";
import { eraseMailTo } from "./erase.js";
import { sendQueuedMailJob } from "./jobs.js";
import { mailRoutes } from "./routes.js";

/** Mail: the transport (outbox, SMTP, log), the transactional mail queue and the development outbox. */
export const mailModule: ModuleManifest = {
  name: "mail",
  routes: mailRoutes,
  operations: [],
  auditActions: [],
  jobs: [sendQueuedMailJob],
  erasePersonalData: eraseMailTo,
};
