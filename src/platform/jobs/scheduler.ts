import { setTimeout as sleep } from "node:timers/promises";
import { PgBoss, type JobWithMetadata } from "pg-boss";
import type { Ctx } from "../ctx.js";
import type { Database } from "../db/client.js";
import { logMailer, type Mailer } from "../notify/notify.js";
import { bossDatabase } from "./adapter.js";
import type { JobDefinition, JobEnv, JobsLog } from "./types.js";

/** pg-boss keeps its tables in its own schema, apart from the application's (and from its migrations). */
export const JOBS_SCHEMA = "pgboss";

/** How often things happen; the defaults suit daily jobs and keep an idle server quiet. */
export type SchedulerTuning = {
  /** how often an idle worker asks for its job, in seconds (≥ 0.5; default 30) */
  pollingIntervalSeconds?: number;
  /** how often pg-boss looks for cron occurrences that came due, in seconds (1–45; default 30) */
  cronMonitorIntervalSeconds?: number;
  /** how often pg-boss turns due occurrences into jobs, in seconds (1–45; default 15) */
  cronWorkerIntervalSeconds?: number;
  /** runs after the first failure before a run is given up (default 3) */
  retryLimit?: number;
  /** seconds before a retry (whole seconds; default 60), doubled each time unless `retryBackoff` is false */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** a run still active after this many seconds is presumed dead and retried (default 900) */
  expireInSeconds?: number;
  /**
   * a running handler refreshes its run's heartbeat every half of this; a run whose heartbeat is older (its
   * process died) is failed and so retried, long before `expireInSeconds` (≥ 10; default 60). Not used when
   * `exclusive` (PGlite): there a run left active is failed at start-up, and one connection serves every query, so
   * a long transaction could hold back a live run's heartbeat
   */
  heartbeatSeconds?: number;
  /** how often each process's supervisor looks for runs to fail (dead heartbeat, expired), in seconds (default 60) */
  superviseIntervalSeconds?: number;
  /** how often one supervisor pass per queue does that work, across all processes, in seconds (default 60) */
  monitorIntervalSeconds?: number;
  /** enqueue one run of every job at start-up, for ticks missed while no process ran (default true) */
  catchUp?: boolean;
  /** how long stop() waits for running handlers, in ms (default 30 000) */
  stopTimeoutMs?: number;
  /** receives the notifications jobs create (default: logMailer, which only logs the subject) */
  mailer?: Mailer;
  /** told of every finished run (the server's metrics count them); must not throw */
  onJobRun?: (run: JobRunRecord) => void;
};

/** One finished run of a scheduled job, as `onJobRun` hears of it. */
export type JobRunRecord = { job: string; ok: boolean; ms: number; finishedAt: Date };

export type SchedulerOptions = SchedulerTuning & {
  /** a fresh ctx for each run (system actor, the application's clock) */
  makeCtx: () => Ctx;
  /** this process alone uses the database (PGlite behind its folder lock): a run left active was cut off */
  exclusive: boolean;
  log?: JobsLog;
};

export type Scheduler = {
  /** Enqueues one run now (or after `startAfterSeconds`); null when a run of that job is already queued or running. */
  enqueue(name: string, opts?: { startAfterSeconds?: number }): Promise<string | null>;
  /** The schedules stored in the database. */
  schedules(): Promise<{ name: string; cron: string; tz: string }[]>;
  /** Resolves once no run of these jobs is queued, waiting for a retry, or running (tests and tools). */
  whenIdle(timeoutMs?: number): Promise<void>;
  /** Stops taking work, waits for running handlers (up to stopTimeoutMs), and lets go of the database. */
  stop(): Promise<void>;
};

/**
 * Creates (or migrates) pg-boss's schema and stops. A new PGlite folder is prepared in a short-lived child
 * process (server/main.ts): installing the schema there keeps the memory the DDL leaves in PGlite's WASM heap
 * (~50 MB, never handed back) out of the server process.
 */
export async function installJobsSchema(database: Database): Promise<void> {
  const boss = new PgBoss({ db: bossDatabase(database), backend: database.kind === "pglite" ? "pglite" : "postgres", schema: JOBS_SCHEMA, migrate: true, schedule: false, supervise: false });
  boss.on("error", () => {});
  await boss.start();
  await boss.stop({ graceful: false, close: false });
}

const silent: JobsLog = { info: () => {}, error: () => {} };

/**
 * Starts pg-boss on the application's database and registers each job: its queue (policy `exclusive`: at most
 * one run of a job queued or running across all processes, so a catch-up, a cron tick and a second process
 * collapse into one run), its cron schedule (an upsert, so restarts never duplicate it; `missed: "once"` sends
 * one run for occurrences that came due while no cron pass ran), on PostgreSQL a heartbeat (a run whose process
 * died is failed and retried within minutes, not after `expireInSeconds`) and its worker. With `catchUp`, one run
 * of each job is enqueued at start-up.
 */
export async function startScheduler(database: Database, jobs: readonly JobDefinition[], opts: SchedulerOptions): Promise<Scheduler> {
  const log = opts.log ?? silent;
  const warn = (obj: object, msg: string) => (log.warn ? log.warn(obj, msg) : log.info(obj, msg));
  const env: JobEnv = { mailer: opts.mailer ?? logMailer(log), log };
  const names = new Set(jobs.map((j) => j.name));
  if (names.size !== jobs.length) throw new Error("startScheduler: two jobs share a name");

  const boss = new PgBoss({
    db: bossDatabase(database),
    backend: database.kind === "pglite" ? "pglite" : "postgres",
    schema: JOBS_SCHEMA,
    migrate: true,
    schedule: true,
    supervise: true,
    cronMonitorIntervalSeconds: opts.cronMonitorIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: opts.cronWorkerIntervalSeconds ?? 15,
    // runs cut off by a dead process are found by these passes (heartbeats, expiry): every minute
    superviseIntervalSeconds: opts.superviseIntervalSeconds ?? 60,
    monitorIntervalSeconds: opts.monitorIntervalSeconds ?? 60,
    // nothing here uses flows or the per-queue cache between runs: look rarely
    flowIntervalSeconds: 300,
    queueCacheIntervalSeconds: 300,
    bamIntervalSeconds: 300,
  });
  // an 'error' event without a listener would throw; pg-boss reports failed polls and maintenance here
  boss.on("error", (e: Error & { queue?: string }) => log.error({ err: e.message, queue: e.queue }, "job scheduler error"));
  boss.on("warning", (w: { message: string; data?: object }) => warn({ data: w.data }, `job scheduler: ${w.message}`));
  await boss.start();

  const running = new Set<Promise<unknown>>();
  try {
    for (const job of jobs) {
      const queue = {
        policy: "exclusive" as const,
        retryLimit: opts.retryLimit ?? 3,
        retryDelay: opts.retryDelaySeconds ?? 60,
        retryBackoff: opts.retryBackoff ?? true,
        expireInSeconds: opts.expireInSeconds ?? 900,
      };
      const heartbeatSeconds = opts.exclusive ? null : (opts.heartbeatSeconds ?? 60);
      await boss.createQueue(job.name, { ...queue, ...(heartbeatSeconds ? { heartbeatSeconds } : {}) }); // no-op when it exists (its policy then stays as created)
      const { policy: _fixed, ...changeable } = queue;
      await boss.updateQueue(job.name, { ...changeable, heartbeatSeconds });
      if (opts.exclusive) {
        // under the folder lock no other process can be running it: a run still active was cut off by a crash
        const cutOff = (await boss.findJobs(job.name)).filter((j) => j.state === "active");
        if (cutOff.length) {
          await boss.fail(job.name, cutOff.map((j) => j.id), { message: "the process running it stopped" });
          warn({ job: job.name, runs: cutOff.length }, "job run interrupted by the last shutdown; retrying");
        }
      }
      await boss.schedule(job.name, job.cron, { reason: "schedule" }, { tz: job.tz, missed: "once" });
    }
    // schedules of jobs no module declares any more (all schedules in this schema are the application's)
    for (const s of await boss.getSchedules()) if (!names.has(s.name)) await boss.unschedule(s.name, s.key);

    // before the workers start, so that their first poll takes it (their next is a polling interval away)
    if (opts.catchUp ?? true) {
      for (const job of jobs) await boss.send(job.name, { reason: "catch-up" });
    }
    for (const job of jobs) {
      await boss.work(job.name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 30, batchSize: 1, includeMetadata: true }, async ([j]: JobWithMetadata<object>[]) => {
        const run = runOnce(job, j!);
        running.add(run);
        try {
          return await run;
        } finally {
          running.delete(run);
        }
      });
    }
  } catch (e) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw e;
  }
  log.info({ jobs: jobs.map((j) => `${j.name} (${j.cron} ${j.tz})`) }, "scheduled jobs started");

  async function runOnce(job: JobDefinition, j: JobWithMetadata<object>): Promise<unknown> {
    const t0 = Date.now();
    const attempt = (j.retryCount ?? 0) + 1;
    const reason = (j.data as { reason?: string } | null)?.reason ?? "schedule";
    try {
      const result = await job.run(opts.makeCtx(), env);
      log.info({ job: job.name, run: j.id, reason, attempt, ms: Date.now() - t0, result }, "job done");
      opts.onJobRun?.({ job: job.name, ok: true, ms: Date.now() - t0, finishedAt: new Date() });
      return result ?? null;
    } catch (e) {
      const err = e as Error & { code?: string };
      const willRetry = (j.retryCount ?? 0) < (j.retryLimit ?? 0);
      opts.onJobRun?.({ job: job.name, ok: false, ms: Date.now() - t0, finishedAt: new Date() });
      log.error({ job: job.name, run: j.id, reason, attempt, willRetry, ms: Date.now() - t0, err: err.message, code: err.code }, willRetry ? "job failed; it will be retried" : "job failed; giving up until its next run");
      throw e; // pg-boss records the failure and retries
    }
  }

  let stopping: Promise<void> | undefined;
  const timeout = opts.stopTimeoutMs ?? 30_000;
  return {
    enqueue: (name, o = {}) => {
      if (!names.has(name)) throw new Error(`enqueue: no job named ${name}`);
      return boss.send(name, { reason: "enqueued" }, o.startAfterSeconds ? { startAfter: o.startAfterSeconds } : {});
    },
    schedules: async () => (await boss.getSchedules()).map((s) => ({ name: s.name, cron: s.cron, tz: s.timezone })),
    whenIdle: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let busy = running.size > 0;
        for (const job of jobs) {
          if (busy) break;
          busy = (await boss.findJobs(job.name)).some((j) => j.state === "created" || j.state === "retry" || j.state === "active");
        }
        if (!busy) return;
        if (Date.now() > deadline) throw new Error(`jobs still queued or running after ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    stop: () =>
      (stopping ??= (async () => {
        await boss.stop({ graceful: true, timeout, close: false });
        // pg-boss gave up on handlers still running after the timeout (and failed their runs, to be retried);
        // wait a little for them anyway, since the database is closed next
        const left = [...running];
        if (left.length) {
          warn({ handlers: left.length }, "job handlers still running at shutdown");
          await Promise.race([Promise.allSettled(left), sleep(1_000)]);
        }
      })()),
  };
}
