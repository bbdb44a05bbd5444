// npm run bench: start-up (fresh and restart) to /ready, idle memory, registry search and cockpit latency — on PGlite.
// The server is started exactly as `npm start` starts it (node scripts/start.mjs → node [flags] dist/server/main.js);
// memory is the server process's RSS (the launcher's own RSS is reported apart).
// Baselines in the same run: bench/bare-pglite-server.mjs (Node + PGlite opened as the app opens it + a bare
// node:http /ready) started the same way on a fresh folder and again on it, with its idle RSS; and GET /health on the
// app itself (an HTTP round trip through every hook, no database) for the latencies.
// Env: BENCH_REQUESTS (500 searches, 500 cockpits, 500 /health); BENCH_BUILT=1 when dist/ has just been built (skips
// the build, as bench/all.ts does after building once).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { emitResult } from "./result.js";

const PORT = 4901;
const url = `http://127.0.0.1:${PORT}`;
const IDLE_MS = 3000;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);

// build first (as `npm start` would when sources are newer), so the start-up times below never include a build
if (process.env.BENCH_BUILT !== "1" || !fs.existsSync("dist/.build-stamp")) execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
const stamp = () => fs.statSync("dist/.build-stamp").mtimeMs;
const builtAt = stamp();

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server process that scripts/start.mjs spawned. */
function childOf(ppid: number): number {
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      // /proc/<pid>/stat: pid (comm) state ppid …; comm may contain spaces, so read after the last ')'
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === ppid) return Number(e);
    } catch {
      /* gone */
    }
  }
  throw new Error(`no child process of ${ppid}`);
}

/** Starts the app as `npm start` does (or, `bare`, the baseline server) on dataDir and waits for /ready. */
async function start(dataDir: string, bare = false) {
  const t0 = performance.now();
  const script = bare ? "bench/bare-pglite-server.mjs" : "scripts/start.mjs";
  const launcher = spawn(process.execPath, [script], { env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, PORT: String(PORT), LOG_LEVEL: "warn", DEMO: "true" }, stdio: "inherit" });
  let exited = false;
  launcher.once("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error("the server exited during start-up");
    try {
      if ((await fetch(`${url}/ready`)).ok) break;
    } catch {
      /* starting */
    }
    await sleep(50);
  }
  return { launcher, server: bare ? launcher.pid! : childOf(launcher.pid!), ms: performance.now() - t0 };
}
const stop = (c: ChildProcess) => new Promise((r) => { c.once("exit", r); c.kill("SIGTERM"); });

// 0. the baseline: Node + PGlite + a bare /ready, fresh then restarted, with its idle RSS
const bareDir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-bench-bare-"));
const bareFresh = await start(bareDir, true);
await sleep(IDLE_MS);
const bareIdle = rssMb(bareFresh.server);
await stop(bareFresh.launcher);
const bareAgain = await start(bareDir, true);
await sleep(IDLE_MS);
const bareRestartIdle = rssMb(bareAgain.server);
await stop(bareAgain.launcher);
fs.rmSync(bareDir, { recursive: true, force: true });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-bench-"));
// 1. fresh: empty data folder (cluster creation, migrations, reference data, demo)
const fresh = await start(dir);
await sleep(IDLE_MS);
const idle = rssMb(fresh.server);
const launcherRss = rssMb(fresh.launcher.pid!);
const queries = ["แม่สาย", "เชียงราย", "ที่ดิน", "สำนักงานสาธารณสุขจังหวัด", "Khon Kaen", "ตำบลในเมือง", "กรมการปกครอง", "อุบล", "5709", "ผู้ว่าราชการจังหวัดบุรีรัมย์"];
const lat: number[] = [];
for (let i = 0; i < REQUESTS; i++) {
  const q = queries[i % queries.length]!;
  const t = performance.now();
  const r = await fetch(`${url}/api/v1/search?q=${encodeURIComponent(q)}&limit=20`);
  await r.arrayBuffer();
  lat.push(performance.now() - t);
}
// the governor's cockpit, as the governor of Chiang Rai and as OPDC across the five pilots (live round scores included)
async function cookieFor(username: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: "changwat-demo" }) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
  return String(r.headers.get("set-cookie")).split(";")[0]!;
}
const cockpitLat: number[] = [];
const govCookie = await cookieFor("governor.chiangrai");
const opdcCookie = await cookieFor("opdc.evaluator");
const pilots = ["57", "34", "31", "40", "76"];
for (let i = 0; i < REQUESTS; i++) {
  const [cookie, province] = i % 2 === 0 ? [govCookie, "57"] : [opdcCookie, pilots[i % pilots.length]!];
  const t = performance.now();
  const r = await fetch(`${url}/api/v1/cockpit?provinceCode=${province}`, { headers: { cookie } });
  if (!r.ok) throw new Error(`cockpit ${province}: ${r.status}`);
  await r.arrayBuffer();
  cockpitLat.push(performance.now() - t);
}
// the latency baseline: the same server's GET /health (no database), as many times, one at a time
const healthLat: number[] = [];
for (let i = 0; i < REQUESTS; i++) {
  const t = performance.now();
  const r = await fetch(`${url}/health`);
  if (r.status === 429) {
    // the searches and cockpits above used most of this address's 1,200 requests a minute: wait for the window, untimed
    await r.arrayBuffer();
    await new Promise((ok) => setTimeout(ok, (Number(r.headers.get("retry-after")) || 5) * 1000 + 200));
    i--;
    continue;
  }
  if (!r.ok) throw new Error(`health: ${r.status}`);
  await r.arrayBuffer();
  healthLat.push(performance.now() - t);
}
const afterLoad = rssMb(fresh.server);
await stop(fresh.launcher);
// 2. restart on the same folder
const again = await start(dir);
await sleep(IDLE_MS);
const restartIdle = rssMb(again.server);
await stop(again.launcher);
fs.rmSync(dir, { recursive: true, force: true });
if (stamp() !== builtAt) console.warn("warning: scripts/start.mjs rebuilt dist/ during the bench (sources changed); start-up times include a build");
const result = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  freshStartToReadyMs: Math.round(fresh.ms),
  restartToReadyMs: Math.round(again.ms),
  idleRssMb: Math.round(idle),
  restartIdleRssMb: Math.round(restartIdle),
  rssAfterSearchesMb: Math.round(afterLoad),
  launcherRssMb: Math.round(launcherRss),
  searchP50Ms: Math.round(pct(lat, 50) * 10) / 10,
  searchP95Ms: Math.round(pct(lat, 95) * 10) / 10,
  searchRequests: lat.length,
  cockpitP50Ms: Math.round(pct(cockpitLat, 50) * 10) / 10,
  cockpitP95Ms: Math.round(pct(cockpitLat, 95) * 10) / 10,
  cockpitRequests: cockpitLat.length,
  baseline: {
    what: "bench/bare-pglite-server.mjs: Node + PGlite (opened as the app opens it) + a bare node:http /ready; GET /health on the app",
    freshStartToReadyMs: Math.round(bareFresh.ms),
    restartToReadyMs: Math.round(bareAgain.ms),
    idleRssMb: Math.round(bareIdle),
    restartIdleRssMb: Math.round(bareRestartIdle),
    healthP50Ms: Math.round(pct(healthLat, 50) * 10) / 10,
    healthP95Ms: Math.round(pct(healthLat, 95) * 10) / 10,
  },
};
emitResult(result);
