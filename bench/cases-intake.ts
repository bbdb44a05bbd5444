// DATABASE_URL=postgres://changwat:changwat@127.0.0.1:5432/postgres npx tsx bench/cases-intake.ts
// Intake throughput (issue 6): POST /api/v1/cases through the full path against two baselines, in one run.
//   1. a scratch database (changwat_bench_…, dropped afterwards), migrated and seeded as the app does (no demo),
//      BENCH_PRELOAD cases (default 100,000, received over 180 days) bulk-loaded so the indexes and the duplicate
//      search have realistic neighbours;
//   2. the real app (bench/cases-server.ts app: buildApp, 50 pooled connections, request log at LOG_LEVEL=info to
//      /dev/null, anonymous or named reporters, the rate limiters raised) driven by autocannon at 50 connections
//      with varied bodies (bench/cases-data.ts IntakeBodies: Traffy texts, pins in the five pilot provinces, 15 %
//      repeats within 30 m) for BENCH_SECONDS (default 30) after BENCH_WARMUP (default 5) seconds;
//   3. the bare endpoint (Fastify + pg, one INSERT into bare_cases) with the same bodies and settings;
//   4. pgbench: single-row INSERTs into bare_cases at 50 clients, 2 threads, prepared statements (PGBENCH, else
//      pgbench on PATH, else the newest /usr/lib/postgresql/*/bin/pgbench).
// Prints JSON: req/s, p50/p90/p99 for each, the ratios, the goals, duplicates found, the machine and the load.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareDatabase } from "../src/server/bootstrap.js";
import { drive, IntakeBodies, loadAvg, loadCases, loadComplaints, log, machine, pct, findPgbench, pgVersion, round, run, scratchPostgres, startServer } from "./cases-data.js";
import { emitResult } from "./result.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const PRELOAD = Number(process.env.BENCH_PRELOAD ?? 100_000);
const CONNECTIONS = 50;
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 50;
const tag = "cases-intake";

const loadBefore = loadAvg();
// found before the minutes of loading, so that a machine without pgbench stops at once with what to install
const PGBENCH = findPgbench();
const pgbenchVersion = run(PGBENCH, ["--version"]).trim();
const complaints = loadComplaints();
const scratch = await scratchPostgres();
const { db } = scratch;
const out: Record<string, unknown> = { bench: "cases-intake", connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP };
try {
  log(tag, `preparing ${scratch.name}`);
  await prepareDatabase(db, { demo: false });
  const loaded = await loadCases(db, { n: PRELOAD, days: 180, now: new Date(), seed: 0xca5e_0001, complaints });
  log(tag, `loaded ${PRELOAD} cases in ${Math.round(loaded.ms)} ms`);
  // the bare endpoint's table: the columns an intake stores, a primary key and one index, as a plain app would have
  await db.exec(`create table bare_cases (id text primary key, category_id text not null, description_th text not null, address_th text not null default '', lat double precision, lon double precision, reporter jsonb not null default '{}', status text not null, received_at timestamptz not null);
    create index bare_cases_received_idx on bare_cases (status, received_at);`);
  out.machine = { ...machine({ version: await pgVersion(db) }), loadBefore };
  out.preloadedCases = PRELOAD;

  // ── the full path ──
  const before = (await db.query<{ n: number }>("select count(*)::int as n from cases"))[0]!.n;
  const startedAt = new Date();
  const app = await startServer("app", scratch.url, { LOG_LEVEL: process.env.LOG_LEVEL ?? "info" });
  let appRun;
  try {
    const bodies = new IntakeBodies(complaints, 0x1a7a_0001);
    appRun = await drive(app.url, { serverPid: app.pid, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, next: () => ({ method: "POST", path: "/api/v1/cases", body: bodies.next() }) });
  } finally {
    await app.stop();
  }
  const made = (await db.query<{ n: number }>("select count(*)::int as n from cases"))[0]!.n - before;
  const dupes = (await db.query<{ n: number }>("select count(*)::int as n from case_events where kind = 'possible-duplicate' and at >= $1", [startedAt]))[0]!.n;
  out.app = { ...appRun, logLevel: process.env.LOG_LEVEL ?? "info", casesCreated: made, withPossibleDuplicates: dupes, loadAfter: loadAvg() };
  log(tag, `app: ${JSON.stringify(out.app)}`);

  // ── the bare endpoint ──
  const bare = await startServer("bare", scratch.url);
  let bareRun;
  try {
    const bodies = new IntakeBodies(complaints, 0x1a7a_0001);
    bareRun = await drive(bare.url, { serverPid: bare.pid, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, next: () => ({ method: "POST", path: "/bare/cases", body: bodies.next() }) });
  } finally {
    await bare.stop();
  }
  out.bare = { ...bareRun, loadAfter: loadAvg() };
  log(tag, `bare: ${JSON.stringify(out.bare)}`);

  // ── pgbench: the machine's limit for single-row inserts ──
  await db.exec("truncate bare_cases");
  await db.exec("vacuum analyze bare_cases");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-pgbench-"));
  try {
    const script = path.join(dir, "insert.sql");
    fs.writeFileSync(
      script,
      `\\set lat random(0, 999999)
\\set lon random(0, 999999)
INSERT INTO bare_cases (id, category_id, description_th, address_th, lat, lon, reporter, status, received_at)
VALUES (gen_random_uuid()::text, 'road', 'ถนนชำรุดเป็นหลุมบ่อขนาดใหญ่ หน้าตลาดสดเทศบาล รถจักรยานยนต์ล้มบ่อยครั้ง ขอให้ซ่อมแซมโดยด่วน', 'จังหวัดขอนแก่น', 16.4 + :lat / 1e7, 102.8 + :lon / 1e7, '{"anonymous": true}', 'received', now());
`,
    );
    const u = new URL(scratch.url);
    const pgOut = run(PGBENCH, ["-n", "-M", "prepared", "-c", String(CONNECTIONS), "-j", "2", "-T", String(SECONDS), "-f", script, "-l", "--log-prefix", path.join(dir, "log"), "-h", u.hostname, "-p", u.port || "5432", "-U", decodeURIComponent(u.username), u.pathname.slice(1)], { PGPASSWORD: decodeURIComponent(u.password) });
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(pgOut)?.[1]);
    if (!Number.isFinite(tps)) throw new Error(`could not read pgbench's tps from its output:\n${pgOut}`);
    // per-transaction log lines: client transaction latency_us script epoch_s epoch_us
    const lat: number[] = [];
    for (const f of fs.readdirSync(dir).filter((f) => f.startsWith("log"))) {
      for (const line of fs.readFileSync(path.join(dir, f), "utf8").split("\n")) {
        const us = Number(line.split(" ")[2]);
        if (Number.isFinite(us) && line) lat.push(us / 1000);
      }
    }
    out.pgbench = { tps: round(tps, 1), transactions: lat.length, p50: round(pct(lat, 50)), p90: round(pct(lat, 90)), p99: round(pct(lat, 99)), max: round(pct(lat, 100)), mode: "prepared, -c 50 -j 2", pgbench: `${PGBENCH} (${pgbenchVersion})`, loadAfter: loadAvg() };
    log(tag, `pgbench: ${JSON.stringify(out.pgbench)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const p = out.pgbench as { tps: number };
  out.ratios = {
    appToBare: round(appRun.rps / bareRun.rps, 3),
    appToPgbench: round(appRun.rps / p.tps, 3),
    bareToPgbench: round(bareRun.rps / p.tps, 3),
  };
  out.goals = {
    "app/bare ≥ 50 %": appRun.rps / bareRun.rps >= GOAL_RATIO ? "met" : "missed",
    "app p99 ≤ 50 ms": appRun.p99 <= GOAL_P99_MS ? "met" : "missed",
    "no errors": appRun.non2xx + appRun.errors === 0 ? "met" : `missed (${appRun.non2xx} non-2xx, ${appRun.errors} errors: ${JSON.stringify(appRun.statusCodes)})`,
  };
  out.loadAfter = loadAvg();
  emitResult(out);
} finally {
  await scratch.drop();
}
