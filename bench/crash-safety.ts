// npm run bench:crash — crash safety under a write load (issue 8): the built server (as `npm start` runs it) on a
// fresh PGlite folder, and, when DATABASE_URL is set, on a scratch PostgreSQL database beside it; citizens report
// cases and a district officer writes notes and updates concurrently; SIGKILL at a random moment, restart on the same
// database, then every acknowledged write is looked for and the partial-write checks run (bench/crash-harness.ts).
// Prints JSON; exits 1 if any acknowledged write is missing or differs, any write is partial, or a restart is unhealthy.
// Settings: CRASH_ROUNDS (5), CRASH_CITIZENS (16), CRASH_STAFF (2), CRASH_KILL_MS ("1000-6000": the kill's window
// after the load starts), CRASH_ENGINES ("pglite,postgres"; postgres only with DATABASE_URL).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openPostgres } from "../src/platform/db/client.js";
import { BUILT_SERVER, ROOT, runCrashRounds, type CrashReport, type Target } from "./crash-harness.js";
import { emitResult } from "./result.js";

const int = (name: string, dflt: number) => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} must be a whole number`);
  return v;
};
const rounds = int("CRASH_ROUNDS", 5);
const citizens = int("CRASH_CITIZENS", 16);
const staff = int("CRASH_STAFF", 2);
const [killMin, killMax] = (process.env.CRASH_KILL_MS ?? "1000-6000").split("-").map(Number) as [number, number];
const databaseUrl = process.env.DATABASE_URL || undefined;
const engines = (process.env.CRASH_ENGINES ?? "pglite,postgres").split(",").filter((e) => e === "pglite" || (e === "postgres" && databaseUrl));
const log = (line: string) => console.error(`[crash] ${line}`);

// the server as `npm start` runs it: built when dist/ is missing or older than the sources (scripts/start.mjs's rule)
function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
process.chdir(ROOT);
const stamp = fs.existsSync("dist/.build-stamp") ? fs.statSync("dist/.build-stamp").mtimeMs : 0;
if (!fs.existsSync("dist/server/main.js") || Math.max(newest("src"), newest("seed"), newest("migrations")) > stamp) {
  log("building (dist/ is missing or older than the sources)");
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: ["ignore", "inherit", "inherit"] });
}

const withDb = (base: string, name: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};

const reports: (CrashReport & { database: string })[] = [];
for (const engine of engines) {
  let target: Target;
  let database: string;
  let cleanup: () => Promise<void>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-crash-"));
  if (engine === "postgres") {
    const name = `changwat_crash_${process.pid}`;
    const admin = await openPostgres(withDb(databaseUrl!, "postgres"), { max: 1 });
    database = `PostgreSQL ${(await admin.query<{ v: string }>("select current_setting('server_version') as v"))[0]!.v}`;
    await admin.exec(`drop database if exists ${name}`);
    await admin.exec(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
    await admin.close();
    target = { kind: "postgres", databaseUrl: withDb(databaseUrl!, name), dataDir: path.join(dir, "data") };
    cleanup = async () => {
      const a = await openPostgres(withDb(databaseUrl!, "postgres"), { max: 1 });
      await a.exec(`drop database if exists ${name} with (force)`);
      await a.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    database = `PGlite ${JSON.parse(fs.readFileSync("node_modules/@electric-sql/pglite/package.json", "utf8")).version} (fsync off)`;
    target = { kind: "pglite", dataDir: path.join(dir, "data") };
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  log(`${engine}: fresh database, ${rounds} kills, ${citizens} citizens + ${staff} staff writers, kill ${killMin}–${killMax} ms into the load`);
  try {
    reports.push({ database, ...(await runCrashRounds({ launcher: BUILT_SERVER, target, rounds, citizens, staff, killAfterMs: [killMin, killMax], httpSample: 200, cleanRestart: true, log })) });
  } finally {
    await cleanup();
  }
}

const result = {
  command: "npm run bench:crash",
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  settings: { rounds, citizens, staff, killAfterMs: [killMin, killMax] },
  engines: reports,
};
emitResult(result);
if (!reports.length || reports.some((r) => !r.ok)) {
  log("FAILED: an acknowledged write is missing or differs, a write is partial, or a restart was unhealthy (see above)");
  process.exit(1);
}
