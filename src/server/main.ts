import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { openDatabase, openPglite } from "../platform/db/client.js";
import { installJobsSchema } from "../platform/jobs/scheduler.js";
import { buildApp } from "./app.js";
import { prepareDatabase, startModules } from "./bootstrap.js";
import { configureOcds } from "../modules/planning/index.js";
import { configureCases } from "../modules/cases/index.js";
import { configureWebhooks, dataDirKey, secretKey } from "../modules/webhooks/index.js";
import { configureParticipation } from "../modules/participation/index.js";
import { configureMail, createMailTransport } from "../modules/mail/index.js";
import { loadEnv, webhooksKeySource, type Env } from "./env.js";
import { createServerMetrics } from "./metrics.js";

/** Webhook settings from the environment: private targets, links, the keyring sealing secrets, retention. */
function configureWebhooksFrom(env: Env): void {
  const src = webhooksKeySource(env);
  const current = secretKey(src.kind === "env" ? src.key : dataDirKey(src.dataDir));
  const previous = env.webhooksSecretKeyPrevious ? [secretKey(env.webhooksSecretKeyPrevious)] : [];
  configureWebhooks({ allowPrivate: env.webhooksAllowPrivate, publicUrl: env.publicUrl, secretKeys: { current, previous }, retentionDays: env.webhooksRetentionDays });
}

/** Run as `main.js --prepare-new-data-folder`: create, migrate and seed the PGlite folder, then exit. */
const PREPARE_NEW_FOLDER = "--prepare-new-data-folder";

/**
 * A new PGlite folder is created, migrated and seeded by a short-lived copy of this program while this process
 * holds the folder's lock; this process then opens it as on any restart. Creating a cluster runs a second,
 * temporary Postgres (initdb) and copies it through an in-memory tar, and seeding builds 12k rows in JS: done
 * in the server process, that left about 200 MB of freed-but-resident memory behind for the life of the server.
 * In a child process it is handed back to the OS when the child exits. See docs/PERFORMANCE.md.
 */
function prepareNewFolderInChild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [PREPARE_NEW_FOLDER], { stdio: "inherit" });
    const forward = (signal: NodeJS.Signals) => void child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    const done = (err?: Error) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      if (err) reject(err);
      else resolve();
    };
    child.once("error", done);
    child.once("exit", (code, signal) =>
      done(code === 0 ? undefined : new Error(`Preparing the new data folder failed (${signal ?? `exit code ${code}`}).\nการเตรียมโฟลเดอร์ข้อมูลใหม่ไม่สำเร็จ`)),
    );
  });
}

/** The child's side: the parent holds the folder lock, so this process does not take it. */
async function prepareNewFolder() {
  // the server that started this is gone (its lock is now stale): stop writing to the folder
  process.once("disconnect", () => process.exit(1));
  const env = loadEnv();
  configureOcds({ prefix: env.ocdsPrefix });
  configureCases({ intakeLimit: env.casesIntakeLimit, retentionDays: env.casesRetentionDays });
  configureWebhooksFrom(env);
  configureParticipation(env.participation);
  const database = await openPglite({ dataDir: env.dataDir, lock: false });
  try {
    await prepareDatabase(database, { demo: env.demo });
    if (env.jobs) await installJobsSchema(database);
  } finally {
    await database.close();
  }
  process.exit(0);
}

/** env → database (lock, migrate, seed) → app → listen. */
async function main() {
  const t0 = Date.now();
  const env = loadEnv();
  configureOcds({ prefix: env.ocdsPrefix });
  configureCases({ intakeLimit: env.casesIntakeLimit, retentionDays: env.casesRetentionDays });
  configureWebhooksFrom(env);
  configureParticipation(env.participation);
  // a start that crawls says where it is (stderr: shows at any log level, also when a phase never ends)
  let phase = "open database (a new PGlite folder is prepared in a child process)";
  const watchdog = setInterval(() => console.error(`[changwat] still starting after ${Math.round((Date.now() - t0) / 1000)} s: ${phase}`), 20_000);
  watchdog.unref();
  const database = await openDatabase({ databaseUrl: env.databaseUrl, poolMax: env.databasePoolMax, dataDir: env.dataDir, prepareNewFolder: prepareNewFolderInChild });
  const tPrepared = Date.now();
  phase = "prepare database (migrate, seed)";
  await prepareDatabase(database, { demo: env.demo });
  const tReady = Date.now();
  phase = "build the app (routes, plugins)";
  const metrics = createServerMetrics({ database });
  const app = await buildApp({ database, env, metrics });
  configureMail({ transport: createMailTransport({ kind: env.mailTransport, from: env.mailFrom, smtpUrl: env.smtpUrl, db: database.db, log: app.log }), publicUrl: env.publicUrl ?? `http://${env.host === "0.0.0.0" ? "localhost" : env.host}:${env.port}` });
  const tBuilt = Date.now();
  phase = "start modules and scheduled jobs";
  const stopModules = await startModules(database, { log: app.log, jobs: env.jobs, onJobRun: metrics.onJobRun });
  const phases = { open: tPrepared - t0, prepare: tReady - tPrepared, build: tBuilt - tReady, startModules: Date.now() - tBuilt };
  phase = "listen";
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await app.close();
    await stopModules();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  try {
    await app.listen({ port: env.port, host: env.host });
  } catch (e) {
    // e.g. the port is taken: let background work finish what it claimed (a job run) before exiting
    await stopModules().catch(() => {});
    await database.close().catch(() => {});
    throw e;
  }
  clearInterval(watchdog);
  app.log.info({ ms: Date.now() - t0, phases, database: database.kind, demo: env.demo }, `Changwat ready on http://${env.host}:${env.port}`);
}

(process.argv.includes(PREPARE_NEW_FOLDER) ? prepareNewFolder() : main()).catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
