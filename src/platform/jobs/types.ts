import type { Ctx } from "../ctx.js";
import type { Mailer } from "../notify/notify.js";

export type JobsLog = {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
};

/** What a job's `run` gets besides its ctx. */
export type JobEnv = { mailer: Mailer; log: JobsLog };

/**
 * A scheduled job a module declares in its manifest. `run` may run more than once for one occasion (a catch-up
 * at start-up, a retry after a failure, a cron tick right after a catch-up), so it must be idempotent. Its
 * result is logged and kept with the job: return counts, never personal data.
 */
export type JobDefinition = {
  /** "<module>.<verb-noun>" (letters, digits, `.`, `-`, `_`): the pg-boss queue and schedule name */
  name: string;
  /** cron expression (5 fields; a 6th, leading, for seconds) */
  cron: string;
  /** IANA zone the cron expression is read in */
  tz: string;
  /** ctx: the system actor and the application's clock; a new request id per run */
  run: (ctx: Ctx, env: JobEnv) => Promise<unknown>;
};
