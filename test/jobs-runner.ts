// The scheduled-jobs half of the server as a process of its own, for test/jobs-restart.test.ts, which kills it
// with SIGKILL and starts it again. It is configured as server/main.ts configures the server (server/env.ts: the
// database, MAIL_TRANSPORT/SMTP_URL, webhooks, participation, cases) and starts the same thing main.ts starts for
// jobs (server/bootstrap.ts#startJobs: every module's jobs, pg-boss on the same database, the resolving mailer
// over the configured transport). What differs is the clock: `--now=<ISO>` sets the application's clock, which
// then runs at real speed (the server has no clock setting, and gets none for a test). `--tuning=<JSON>` passes
// scheduler tuning (short polling and retry intervals). Tells the test what happens as JSON lines on stdout;
// "idle" once the start-up runs and one more run of every job have finished.
import { openDatabase } from "../src/platform/db/client.js";
import { startJobs } from "../src/server/bootstrap.js";
import { loadEnv } from "../src/server/env.js";
import { configureCases } from "../src/modules/cases/index.js";
import { configureMail, createMailTransport } from "../src/modules/mail/index.js";
import { configureParticipation } from "../src/modules/participation/index.js";
import { configureWebhooks } from "../src/modules/webhooks/index.js";
import type { SchedulerTuning } from "../src/platform/jobs/scheduler.js";

const say = (ev: string, data: object = {}) => process.stdout.write(`${JSON.stringify({ ev, pid: process.pid, ...data })}\n`);
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

async function run() {
  const base = Date.parse(arg("now") ?? "");
  if (Number.isNaN(base)) throw new Error("jobs-runner: --now=<ISO instant> is required");
  const started = Date.now();
  const now = () => new Date(base + (Date.now() - started));
  const tuning = JSON.parse(arg("tuning") ?? "{}") as SchedulerTuning;

  const env = loadEnv();
  configureCases({ intakeLimit: env.casesIntakeLimit, retentionDays: env.casesRetentionDays });
  configureParticipation(env.participation);
  // the webhooks key stays the development key the test suite's template was sealed under
  configureWebhooks({ allowPrivate: env.webhooksAllowPrivate, publicUrl: env.publicUrl, retentionDays: env.webhooksRetentionDays });
  const database = await openDatabase({ databaseUrl: env.databaseUrl, poolMax: env.databasePoolMax, dataDir: env.dataDir });
  const log = {
    info: (obj: object, msg: string) => say("log", { level: "info", msg, ...obj }),
    warn: (obj: object, msg: string) => say("log", { level: "warn", msg, ...obj }),
    error: (obj: object, msg: string) => say("log", { level: "error", msg, ...obj }),
  };
  configureMail({ transport: createMailTransport({ kind: env.mailTransport, from: env.mailFrom, smtpUrl: env.smtpUrl, db: database.db, log }), publicUrl: env.publicUrl });
  const scheduler = await startJobs(database, { ...tuning, now, log, onJobRun: (r) => say("run", { job: r.job, ok: r.ok, ms: r.ms }) });
  say("started", { now: now().toISOString() });
  process.once("SIGTERM", () => {
    void (async () => {
      await scheduler.stop();
      await database.close();
      say("stopped");
      process.exit(0);
    })();
  });
  await scheduler.whenIdle(180_000);
  // then one more run of every job, as their next cron ticks would do: a notification one job recorded for another to
  // deliver (a survey's result, mailed by the hourly deadline job) goes out too, and a second run must find nothing new
  for (const { name } of await scheduler.schedules()) await scheduler.enqueue(name);
  await scheduler.whenIdle(180_000);
  say("idle", { now: now().toISOString() });
}

run().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
