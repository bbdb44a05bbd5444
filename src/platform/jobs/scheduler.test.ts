import { setTimeout as sleep } from "node:timers/promises";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, ctxFor } from "../../../test/db.js";
import type { Database } from "../db/client.js";
import { bossDatabase } from "./adapter.js";
import { JOBS_SCHEMA, startScheduler, type Scheduler, type SchedulerOptions } from "./scheduler.js";
import type { JobDefinition } from "./types.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

type Line = { level: "info" | "warn" | "error"; obj: Record<string, unknown>; msg: string };
const lines: Line[] = [];
const log = {
  info: (obj: object, msg: string) => void lines.push({ level: "info", obj: obj as Line["obj"], msg }),
  warn: (obj: object, msg: string) => void lines.push({ level: "warn", obj: obj as Line["obj"], msg }),
  error: (obj: object, msg: string) => void lines.push({ level: "error", obj: obj as Line["obj"], msg }),
};
const logOf = (job: string) => lines.filter((l) => l.obj.job === job);

// fast polling and immediate retries, through options (production defaults are 30 s polls and backed-off retries)
const start = (jobs: JobDefinition[], o: Partial<SchedulerOptions> = {}): Promise<Scheduler> =>
  startScheduler(db, jobs, {
    pollingIntervalSeconds: 0.5,
    cronMonitorIntervalSeconds: 1,
    cronWorkerIntervalSeconds: 1,
    retryDelaySeconds: 0,
    retryBackoff: false,
    stopTimeoutMs: 5_000,
    catchUp: false,
    exclusive: false,
    makeCtx: () => ctxFor(db),
    log,
    ...o,
  });
const job = (name: string, run: JobDefinition["run"], cron = "10 0 * * *"): JobDefinition => ({ name, cron, tz: "Asia/Bangkok", run });
async function until(cond: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await sleep(20);
  }
}

describe(`scheduled jobs on pg-boss (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("keeps its tables in its own schema, apart from the application's", async () => {
    const s = await start([job("test.schema", async () => null)]);
    await s.stop();
    const [{ n }] = (await db.query<{ n: number }>("select count(*)::int as n from information_schema.tables where table_schema = $1", [JOBS_SCHEMA])) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    const leaked = await db.query("select table_name from information_schema.tables where table_schema = current_schema() and table_name in ('job', 'queue', 'schedule', 'version')");
    expect(leaked).toEqual([]);
  });

  it("a run enqueued before a stop is done after the restart, once", async () => {
    let runs = 0;
    const j = job("test.enqueued", async () => ({ runs: ++runs }));
    // the first process polls once at start, then not for a minute; the run becomes due a second later
    const a = await start([j], { pollingIntervalSeconds: 60 });
    expect(await a.enqueue(j.name, { startAfterSeconds: 1 })).toEqual(expect.any(String));
    await a.stop();
    expect(runs).toBe(0);
    const b = await start([j]);
    await b.whenIdle();
    expect(runs).toBe(1);
    await b.stop();
    const c = await start([j]);
    await sleep(700); // a poll or more: nothing left to run
    await c.whenIdle();
    await c.stop();
    expect(runs).toBe(1);
  });

  it("stop waits for a running handler; the finished run is not repeated after a restart", async () => {
    let started = 0;
    let finished = 0;
    const j = job("test.slow", async () => {
      started++;
      await sleep(600);
      finished++;
    });
    const a = await start([j]);
    await a.enqueue(j.name);
    await until(() => started === 1);
    await a.stop();
    expect(finished).toBe(1);
    const b = await start([j]);
    await sleep(700);
    await b.whenIdle();
    await b.stop();
    expect([started, finished]).toEqual([1, 1]);
  });

  it("a run left active by a process that died is retried at the next start of the sole process (PGlite's case)", async () => {
    let runs = 0;
    const j = job("test.orphan", async () => void runs++);
    const a = await start([j]);
    await a.stop();
    // a process claims the run and dies without settling it
    const dead = new PgBoss({ db: bossDatabase(db), schema: JOBS_SCHEMA, migrate: false, schedule: false, supervise: false });
    dead.on("error", () => {});
    await dead.start();
    await dead.send(j.name, {});
    expect(await dead.fetch(j.name)).toHaveLength(1);
    await dead.stop({ graceful: false, close: false });
    const b = await start([j], { exclusive: true });
    await b.whenIdle();
    await b.stop();
    expect(runs).toBe(1);
    expect(logOf(j.name).some((l) => l.level === "warn" && /interrupted/.test(l.msg))).toBe(true);
  });

  it("a run left active by a process that died is failed by its stale heartbeat and retried, with no restart (PostgreSQL's case)", async () => {
    let runs = 0;
    const j = job("test.heartbeat", async () => void runs++);
    const tuning = { heartbeatSeconds: 10, superviseIntervalSeconds: 1, monitorIntervalSeconds: 1 };
    const a = await start([j], tuning);
    // another process claims the run and dies without settling it (nor refreshing its heartbeat)
    const dead = new PgBoss({ db: bossDatabase(db), schema: JOBS_SCHEMA, migrate: false, schedule: false, supervise: false });
    dead.on("error", () => {});
    await dead.start();
    await dead.send(j.name, {});
    const [claimed] = await dead.fetch(j.name);
    await dead.stop({ graceful: false, close: false });
    expect(claimed).toBeDefined();
    // the live process's supervisor fails it (heartbeat older than 10 s) and its worker runs the retry
    await until(() => runs === 1, 30_000);
    await a.whenIdle();
    await a.stop();
    const [row] = await db.query<{ output: { value?: { message?: string } } | null; retry_count: number; state: string }>(`select output, retry_count, state from ${JOBS_SCHEMA}.job where id = $1`, [claimed!.id]);
    expect(row).toMatchObject({ state: "completed", retry_count: 1 });
    expect(runs).toBe(1);
  }, 40_000);

  it("schedules persist across a restart, once each, in Bangkok time", async () => {
    const jobs = [job("test.sched-a", async () => null, "10 0 * * *"), job("test.sched-b", async () => null, "0 7 * * *")];
    const a = await start(jobs);
    await a.stop();
    const b = await start(jobs);
    const c = await start(jobs); // a second process on the same database
    const stored = (await b.schedules()).sort((x, y) => x.name.localeCompare(y.name));
    expect(stored).toEqual([
      { name: "test.sched-a", cron: "10 0 * * *", tz: "Asia/Bangkok" },
      { name: "test.sched-b", cron: "0 7 * * *", tz: "Asia/Bangkok" },
    ]);
    await Promise.all([b.stop(), c.stop()]);
    // a job no module declares any more loses its schedule
    const d = await start([jobs[0]!]);
    expect((await d.schedules()).map((s) => s.name)).toEqual(["test.sched-a"]);
    await d.stop();
  });

  it("a cron occurrence becomes a run", async () => {
    let runs = 0;
    const j = job("test.every-second", async () => void runs++, "* * * * * *");
    const s = await start([j]);
    await until(() => runs >= 1, 15_000);
    await s.stop();
    expect(logOf(j.name).find((l) => l.msg === "job done")?.obj.reason).toBe("schedule");
  });

  it("the catch-up of several processes starting together is one run", async () => {
    let runs = 0;
    const j = job("test.catch-up", async () => {
      runs++;
      await sleep(500);
    });
    const [a, b] = await Promise.all([start([j], { catchUp: true }), start([j], { catchUp: true })]);
    await a.whenIdle();
    await b.whenIdle();
    await Promise.all([a.stop(), b.stop()]);
    expect(runs).toBe(1);
    expect(logOf(j.name).find((l) => l.msg === "job done")?.obj.reason).toBe("catch-up");
  });

  it("a throwing handler is logged and retried, and never takes the process down", async () => {
    let attempts = 0;
    const flaky = job("test.flaky", async () => {
      if (++attempts === 1) throw new Error("database briefly unavailable");
      return { ok: true };
    });
    let broken = 0;
    const always = job("test.broken", async () => {
      broken++;
      throw new Error("always fails");
    });
    const s = await start([flaky, always], { retryLimit: 1 });
    await s.enqueue(flaky.name);
    await s.enqueue(always.name);
    await s.whenIdle();
    // still working after the failures
    await s.enqueue(flaky.name);
    await s.whenIdle();
    await s.stop();
    expect(attempts).toBe(3);
    expect(broken).toBe(2); // the run and its one retry, then it gives up until the next occurrence
    const errors = lines.filter((l) => l.level === "error" && (l.obj.job === flaky.name || l.obj.job === always.name)).map((l) => [l.obj.job, l.obj.attempt, l.obj.willRetry, l.obj.err]);
    expect(errors).toEqual(
      expect.arrayContaining([
        [flaky.name, 1, true, "database briefly unavailable"],
        [always.name, 1, true, "always fails"],
        [always.name, 2, false, "always fails"],
      ]),
    );
    expect(errors).toHaveLength(3);
  });
});
