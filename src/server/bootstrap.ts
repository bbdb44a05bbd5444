import { systemActor } from "../platform/auth/actor.js";
import type { Database } from "../platform/db/client.js";
import { runMigrations, withPrepareLock } from "../platform/db/migrate.js";
import { newRequestId, type Ctx } from "../platform/ctx.js";
import { startScheduler, type Scheduler, type SchedulerTuning } from "../platform/jobs/scheduler.js";
import type { JobsLog } from "../platform/jobs/types.js";
import { createScopeResolver } from "../modules/registry/index.js";
import type { ModuleStartOptions } from "../platform/module.js";
import { MODULES } from "./modules.js";
import { resolvingMailer } from "./mailer.js";

/** The platform acting on its own: the system actor, the given clock, a new request id. */
function systemCtx(database: Database, now: () => Date = () => new Date()): Ctx {
  return { db: database.db, actor: systemActor, now, requestId: newRequestId(), scopes: createScopeResolver(database.db) };
}

/**
 * Applies migrations, then lets every module seed reference data (and the demo) into an empty database; on
 * PostgreSQL under an advisory lock, so several app processes starting together do it once, one after another.
 */
export async function prepareDatabase(database: Database, opts: { demo: boolean; now?: () => Date }): Promise<void> {
  await withPrepareLock(database, async () => {
    await runMigrations(database);
    const ctx = systemCtx(database, opts.now);
    for (const m of MODULES) if (m.seed) await m.seed(ctx, { demo: opts.demo });
  });
}

/** Registers every module's scheduled jobs with pg-boss and starts their workers (see platform/jobs). */
export async function startJobs(database: Database, opts: SchedulerTuning & { log?: JobsLog; now?: () => Date } = {}): Promise<Scheduler> {
  const { now, ...tuning } = opts;
  const jobs = MODULES.flatMap((m) => m.jobs ?? []);
  // every module's notifications go out through the resolving mailer and the configured transport (MAIL_TRANSPORT)
  const mailer = tuning.mailer ?? resolvingMailer({ makeCtx: () => systemCtx(database, now), log: opts.log });
  return startScheduler(database, jobs, { ...tuning, mailer, exclusive: database.kind === "pglite", makeCtx: () => systemCtx(database, now) });
}

/**
 * Starts every module's background work (e.g. resuming accepted imports), then the scheduled jobs unless `jobs`
 * is false; the result stops it all, in reverse order.
 */
export async function startModules(
  database: Database,
  opts: { log?: ModuleStartOptions["log"] & Partial<Pick<JobsLog, "warn">>; now?: () => Date; jobs?: boolean | SchedulerTuning; onJobRun?: SchedulerTuning["onJobRun"] } = {},
): Promise<() => Promise<void>> {
  const ctx = systemCtx(database, opts.now);
  const stops: (() => Promise<void>)[] = [];
  try {
    for (const m of MODULES) if (m.start) stops.push(await m.start(ctx, { exclusive: database.kind === "pglite", log: opts.log }));
    if (opts.jobs !== false) {
      const scheduler = await startJobs(database, { onJobRun: opts.onJobRun, ...(typeof opts.jobs === "object" ? opts.jobs : {}), log: opts.log, now: opts.now });
      stops.push(() => scheduler.stop());
    }
  } catch (e) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    throw e;
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
