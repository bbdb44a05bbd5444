// Soak (issue 8, part 6): the real app held at a steady intake for a long time, to see whether memory or latency
// drift. DATABASE_URL=postgres://…/postgres npx tsx bench/soak.ts   (npm run bench:soak)
//   SOAK_SECONDS   how long (default 1800: 30 minutes)
//   SOAK_RATE      requests per second (default 325: half the 653 req/s measured at 50 connections, PERFORMANCE.md run 6)
//   SOAK_WINDOW    seconds per measured window (default 60)
// A scratch database (changwat_bench_…, dropped afterwards) prepared as the app does (no demo); the app in a child
// process as bench/cases-intake.ts runs it (50 pooled connections, access log at info to /dev/null); autocannon at a
// fixed overall rate of POST /api/v1/cases with the intake bench's bodies (Traffy texts, pins in the five pilot
// provinces, 15 % repeats). Each window records the rate reached, p50/p99/max, errors, and the server's resident
// memory (VmRSS from /proc) and the cases table's size. Prints JSON with the windows and the drift between the first
// and the last window; exits 1 on any error or non-2xx answer.
import fs from "node:fs";
import { createRequire } from "node:module";
import { prepareDatabase } from "../src/server/bootstrap.js";
import { IntakeBodies, loadAvg, loadComplaints, log, machine, pgVersion, round, scratchPostgres, startServer } from "./cases-data.js";
import { emitResult } from "./result.js";

const tag = "soak";
const SECONDS = Number(process.env.SOAK_SECONDS ?? 1800);
const RATE = Number(process.env.SOAK_RATE ?? 325);
const WINDOW = Math.min(SECONDS, Number(process.env.SOAK_WINDOW ?? 60));
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 50);

type Result = { requests: { total: number }; latency: { p50: number; p99: number; max: number }; non2xx: number; errors: number; timeouts: number; duration: number };
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: object) => Promise<Result>;
const rssMiB = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? round(Number(m[1]) / 1024, 1) : NaN;
};

const loadBefore = loadAvg();
const scratch = await scratchPostgres();
const out: Record<string, unknown> = { bench: "soak", seconds: SECONDS, targetRate: RATE, window: WINDOW, connections: CONNECTIONS };
let failed = false;
try {
  await prepareDatabase(scratch.db, { demo: false });
  out.postgres = await pgVersion(scratch.db);
  const app = await startServer("app", scratch.url, { LOG_LEVEL: "info" });
  try {
    const bodies = new IntakeBodies(loadComplaints(), 0x50a4);
    const request = {
      setupRequest: (req: Record<string, unknown>) => ({ ...req, method: "POST", path: "/api/v1/cases", body: JSON.stringify(bodies.next()), headers: { "content-type": "application/json" } }),
    };
    const windows: Record<string, number>[] = [];
    const rss0 = rssMiB(app.pid);
    log(tag, `start: RSS ${rss0} MiB; ${SECONDS} s at ${RATE} req/s in ${WINDOW}-s windows`);
    for (let t = 0; t < SECONDS; t += WINDOW) {
      const r = await autocannon({ url: app.url, connections: CONNECTIONS, overallRate: RATE, duration: Math.min(WINDOW, SECONDS - t), requests: [request] });
      const [{ n }] = (await scratch.db.query<{ n: number }>("select count(*)::int as n from cases")) as [{ n: number }];
      const w = { minute: round((t + WINDOW) / 60, 1), requests: r.requests.total, rps: round(r.requests.total / r.duration, 1), p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, errors: r.errors + r.timeouts, non2xx: r.non2xx, rssMiB: rssMiB(app.pid), cases: n };
      windows.push(w);
      if (w.errors > 0 || w.non2xx > 0) failed = true;
      log(tag, JSON.stringify(w));
    }
    const first = windows[0]!;
    const last = windows[windows.length - 1]!;
    const steady = windows.slice(Math.min(1, windows.length - 1)); // the first window warms up
    out.windows = windows;
    out.summary = {
      requests: windows.reduce((s, w) => s + w.requests, 0),
      errors: windows.reduce((s, w) => s + w.errors + w.non2xx, 0),
      rssStartMiB: rss0,
      rssFirstWindowMiB: first.rssMiB,
      rssLastWindowMiB: last.rssMiB,
      rssMaxMiB: Math.max(...windows.map((w) => w.rssMiB)),
      p99FirstWindow: first.p99,
      p99LastWindow: last.p99,
      p99WorstSteadyWindow: Math.max(...steady.map((w) => w.p99)),
      casesAtEnd: last.cases,
    };
  } finally {
    await app.stop();
  }
} finally {
  await scratch.drop();
}
out.machine = { ...machine(), loadBefore, loadAfter: loadAvg() };
emitResult(out);
if (failed) process.exit(1);
