// npm run bench:all — every benchmark behind issue 8 item 1 and the earlier issues' goals, one after the other, each in
// its own process (its own memory), then one table: benchmark | figure | baseline in the same run | ratio | goal | met?
//
//   DATABASE_URL=postgres://changwat:changwat@127.0.0.1:5432/postgres npm run bench:all
//   BENCH_QUICK=1 npm run bench:all          small scales, a few seconds per measure: proves every step runs (minutes);
//                                           its figures are not the ones for docs/PERFORMANCE.md
//   BENCH_ONLY=intake,board / BENCH_SKIP=web   choose steps by id (ids in STEPS below)
//
// The PostgreSQL steps run only with DATABASE_URL; each of those benches creates its own scratch database next to the
// one named (changwat_bench_<random>, UTF-8) and drops it afterwards, so the database named is never written. Without
// DATABASE_URL they are listed as skipped. The PGlite steps always run (temp folders, removed afterwards). dist/ is
// built once first (scripts/build.mjs) when a step needs it. Each bench writes its JSON result to the file named by
// BENCH_JSON (bench/result.ts); a step that fails or times out is reported in the table and the run goes on.
// Writes bench/results/all-<UTC time>.json (machine, settings, every step's own result, the rows), .md (the tables)
// and .log (every step's output); prints the tables on stdout, progress on stderr. Exit code 1 when a step failed; a
// missed goal is a result, not a failure.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const QUICK = process.env.BENCH_QUICK === "1";
const DATABASE_URL = process.env.DATABASE_URL ?? "";
const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(ROOT, "bench", "results");

// ——— formatting ———
const num = (x: number, digits = 0) => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (x: number) => `${num(x, x < 10 ? 1 : 0)} ms`;
const secs = (msValue: number) => `${num(msValue / 1000, 1)} s`;
const mb = (x: number) => `${num(x)} MB`;
const kb = (x: number) => `${num(x)} KB`;
const share = (a: number, b: number) => (b > 0 ? `${num((100 * a) / b, 1)} %` : "—");
const times = (a: number, b: number) => (b > 0 ? `${num(a / b, a / b < 10 ? 2 : 1)}×` : "—");
const finite = (x: unknown, what: string): number => {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new Error(`${what} is missing from the result`);
  return x;
};

type Met = "met" | "missed" | "—" | "failed" | "skipped";
type Row = { step: string; benchmark: string; figure: string; baseline: string; ratio: string; goal: string; met: Met };
const atMost = (x: number, goal: number): Met => (x <= goal ? "met" : "missed");
const atLeast = (x: number, goal: number): Met => (x >= goal ? "met" : "missed");

// The children's results are JSON written by other scripts: read defensively (a missing figure fails the step).
type Json = any;

interface Step {
  id: string;
  /** what it measures, for the steps table */
  what: string;
  script: string;
  db: "postgres" | "pglite" | "none";
  needsBuild?: boolean;
  /** settings for this mode (quick or full) */
  env: Record<string, string>;
  timeoutMinutes: number;
  rows: (r: Json, step: Step) => Omit<Row, "step">[];
}

const mode = <T,>(quick: T, full: T): T => (QUICK ? quick : full);
/** A step's settings in the quick mode and in the full mode (the benches' own defaults unless given). */
const settings = (quick: Record<string, string>, full: Record<string, string> = {}): Record<string, string> => (QUICK ? quick : full);

const STEPS: Step[] = [
  {
    id: "intake",
    what: "citizen intake through the full path vs a bare Fastify + pg INSERT and pgbench, 50 connections (issue 6)",
    script: "bench/cases-intake.ts",
    db: "postgres",
    env: settings({ BENCH_PRELOAD: "5000", BENCH_SECONDS: "5", BENCH_WARMUP: "2" }),
    timeoutMinutes: mode(10, 30),
    rows: (r) => {
      const app = r.app;
      const bare = r.bare;
      const pgb = r.pgbench;
      const appRps = finite(app?.rps, "app.rps");
      const bareRps = finite(bare?.rps, "bare.rps");
      const tps = finite(pgb?.tps, "pgbench.tps");
      const errors = finite(app.non2xx, "app.non2xx") + finite(app.errors, "app.errors");
      return [
        { benchmark: `Intake: POST /api/v1/cases, full path, 50 connections (${num(r.preloadedCases ?? 0)} cases preloaded)`, figure: `${num(appRps, 1)} req/s (p50 ${ms(app.p50)}, p99 ${ms(app.p99)})`, baseline: `bare Fastify + pg, one INSERT: ${num(bareRps, 1)} req/s`, ratio: share(appRps, bareRps), goal: "≥ 50 % of bare (issue 6)", met: atLeast(appRps / bareRps, 0.5) },
        { benchmark: "Intake vs pgbench single-row INSERTs, same 50 clients", figure: `${num(appRps, 1)} req/s`, baseline: `pgbench (prepared, -c 50 -j 2): ${num(tps, 1)} tps`, ratio: share(appRps, tps), goal: "— (the machine's limit, reported: issue 6)", met: "—" },
        { benchmark: "Bare Fastify + pg INSERT vs pgbench (what any HTTP endpoint costs)", figure: `${num(bareRps, 1)} req/s`, baseline: `pgbench: ${num(tps, 1)} tps`, ratio: share(bareRps, tps), goal: "—", met: "—" },
        { benchmark: "Intake p99 latency at 50 connections", figure: ms(finite(app.p99, "app.p99")), baseline: `bare: ${ms(bare.p99)}; pgbench: ${ms(pgb.p99)}`, ratio: times(app.p99, bare.p99), goal: "≤ 50 ms (issue 6)", met: atMost(app.p99, 50) },
        { benchmark: "Intake answers during the measured run", figure: `${num(app.requests)} requests, ${errors} errors or non-2xx`, baseline: "—", ratio: "—", goal: "none", met: errors === 0 ? "met" : "missed" },
      ];
    },
  },
  {
    id: "board",
    what: "public board page and case page vs a bare Fastify + pg indexed read, 50 connections (issue 6)",
    script: "bench/cases-board.ts",
    db: "postgres",
    env: settings({ BENCH_CASES: "5000", BENCH_SECONDS: "4", BENCH_WARMUP: "1" }),
    timeoutMinutes: mode(10, 30),
    rows: (r) => {
      const rate = (k: string) => finite(r[k]?.rps, `${k}.rps`);
      const cases = `${num(r.cases ?? 0)} cases`;
      const out: Omit<Row, "step">[] = [];
      if (r.appBoardWithIndex) {
        out.push({ benchmark: `Public board page GET /api/v1/public/cases, as deployed (filter index of migration 0011), ${cases}`, figure: `${num(rate("appBoardWithIndex"), 1)} req/s (p99 ${ms(r.appBoardWithIndex.p99)})`, baseline: `bare Fastify + pg indexed read of the same page: ${num(rate("bareBoardWithIndex"), 1)} req/s`, ratio: share(rate("appBoardWithIndex"), rate("bareBoardWithIndex")), goal: "≥ 50 % of bare (issue 6)", met: atLeast(rate("appBoardWithIndex") / rate("bareBoardWithIndex"), 0.5) });
      }
      out.push({ benchmark: `Public board page without the filter index${r.appBoardWithIndex ? " (for comparison)" : " (BENCH_PROPOSED_INDEX=off)"}`, figure: `${num(rate("appBoard"), 1)} req/s (p99 ${ms(r.appBoard.p99)})`, baseline: `bare read: ${num(rate("bareBoard"), 1)} req/s`, ratio: share(rate("appBoard"), rate("bareBoard")), goal: r.appBoardWithIndex ? "—" : "≥ 50 % of bare (issue 6)", met: r.appBoardWithIndex ? "—" : atLeast(rate("appBoard") / rate("bareBoard"), 0.5) });
      out.push({ benchmark: "Public case page GET /api/v1/public/cases/:ref", figure: `${num(rate("appCase"), 1)} req/s (p99 ${ms(r.appCase.p99)})`, baseline: `bare Fastify + pg read by ref: ${num(rate("bareCase"), 1)} req/s`, ratio: share(rate("appCase"), rate("bareCase")), goal: "— (issue 6 sets it for the board)", met: "—" });
      return out;
    },
  },
  {
    id: "nation",
    what: "operation-centre dashboards on the synthetic nation, PostgreSQL (issue 7)",
    script: "bench/oversight-dashboards.ts",
    db: "postgres",
    env: settings({ NATION_SCALE: "0.001", BENCH_N: "10" }),
    timeoutMinutes: mode(15, 90),
    rows: (r) => {
      const base = r.baseline?.["nation's totals, one SQL statement"];
      const baseP95 = finite(base?.p95, "baseline.p95");
      const scale = `${num(finite(r.scale?.cases, "scale.cases"))} cases, ${num(r.scale.projects)} projects, ${num(r.scale.kpis)} KPIs`;
      const read = (key: string, label: string, goal?: number) => {
        const x = r.reads?.[key];
        const p95 = finite(x?.p95, `reads["${key}"].p95`);
        return { benchmark: label, figure: `p95 ${ms(p95)} (p50 ${ms(x.p50)}, ${r.calls} calls)`, baseline: `the nation's totals, one SQL statement: p95 ${ms(baseP95)}`, ratio: times(p95, baseP95), goal: goal ? `p95 ≤ ${goal} ms (issue 7)` : "—", met: goal ? atMost(p95, goal) : ("—" as Met) };
      };
      return [
        read("pmoc dashboard (nation)", `PMOC dashboard, the nation, warm (${scale})`, 150),
        read("pmoc matrix (ministry × province, budget disbursed %)", "PMOC matrix, ministry × province, budget disbursed %"),
        read("pmoc matrix (department × cluster, cases on time %)", "PMOC matrix, department × cluster, cases on time %"),
        read("ministry dashboard (MOI across provinces)", "Ministry dashboard (MOI across provinces)"),
        { benchmark: "First build of the roll-ups, every province and family (an upgrade, the nightly rebuild)", figure: `${num(finite(r.firstBuildSeconds, "firstBuildSeconds"), 1)} s, ${num(r.rollupRows)} roll-up rows`, baseline: "—", ratio: "—", goal: "—", met: "—" },
      ];
    },
  },
  {
    id: "province",
    what: "a province's dashboard on PGlite at a province's scale (issue 7)",
    script: "bench/oversight-dashboards.ts",
    db: "pglite",
    env: settings({ BENCH_DB: "pglite", NATION_SCALE: "0.01", BENCH_N: "10" }, { BENCH_DB: "pglite" }),
    timeoutMinutes: mode(15, 60),
    rows: (r) => {
      const key = Object.keys(r.reads ?? {}).find((k) => k.startsWith("province dashboard"));
      const x = key ? r.reads[key] : undefined;
      const p95 = finite(x?.p95, "the province dashboard's p95");
      const bkey = Object.keys(r.baseline ?? {}).find((k) => k.startsWith("province's totals"));
      const baseP95 = finite(bkey ? r.baseline[bkey]?.p95 : undefined, "baseline p95");
      return [
        { benchmark: `Province dashboard on PGlite (Buriram, ${num(finite(r.scale?.cases, "scale.cases"))} cases)`, figure: `p95 ${ms(p95)} (p50 ${ms(x.p50)}, ${r.calls} calls)`, baseline: `the province's totals, one SQL statement: p95 ${ms(baseP95)}`, ratio: times(p95, baseP95), goal: "p95 ≤ 300 ms (issue 7)", met: atMost(p95, 300) },
        ...(["6-month report PDF", "executive brief PDF"] as const).map((what) => {
          const rkey = Object.keys(r.reads ?? {}).find((k) => k.startsWith(`province ${what}`));
          const y = rkey ? r.reads[rkey] : undefined;
          const p95r = finite(y?.p95, `the province ${what}'s p95`);
          return { benchmark: `Province ${what} on PGlite (model + render, same data)`, figure: `p95 ${ms(p95r)} (p50 ${ms(y.p50)})`, baseline: `the province's dashboard: p95 ${ms(p95)}`, ratio: times(p95r, p95), goal: "— (issue 7: reported)", met: "—" as Met };
        }),
        { benchmark: "First build of the province's roll-ups on PGlite", figure: `${num(finite(r.firstBuildSeconds, "firstBuildSeconds"), 1)} s, ${num(r.rollupRows)} roll-up rows`, baseline: "—", ratio: "—", goal: "—", met: "—" },
      ];
    },
  },
  {
    id: "startup",
    what: "start-up to /ready and idle memory as `npm start` runs, PGlite with the demo; cockpit and search latency (issues 2, 3)",
    script: "bench/run.ts",
    db: "pglite",
    needsBuild: true,
    env: settings({ BENCH_REQUESTS: "100", BENCH_BUILT: "1" }, { BENCH_BUILT: "1" }),
    timeoutMinutes: mode(10, 20),
    rows: (r) => {
      const b = r.baseline ?? {};
      const bare = "Node + PGlite + bare /ready";
      return [
        { benchmark: "Fresh `npm start` to /ready (empty PGlite folder: cluster, migrations, reference data, demo)", figure: secs(finite(r.freshStartToReadyMs, "freshStartToReadyMs")), baseline: `${bare}, new cluster: ${secs(finite(b.freshStartToReadyMs, "baseline.freshStartToReadyMs"))}`, ratio: times(r.freshStartToReadyMs, b.freshStartToReadyMs), goal: "≤ 15 s (issue 2)", met: atMost(r.freshStartToReadyMs, 15_000) },
        { benchmark: "Restart to /ready (same folder)", figure: secs(finite(r.restartToReadyMs, "restartToReadyMs")), baseline: `${bare}, restart: ${secs(finite(b.restartToReadyMs, "baseline.restartToReadyMs"))}`, ratio: times(r.restartToReadyMs, b.restartToReadyMs), goal: "≤ 3 s (issue 2)", met: atMost(r.restartToReadyMs, 3_000) },
        { benchmark: "Idle RSS of the server 3 s after a fresh start", figure: mb(finite(r.idleRssMb, "idleRssMb")), baseline: `${bare}: ${mb(finite(b.idleRssMb, "baseline.idleRssMb"))}`, ratio: times(r.idleRssMb, b.idleRssMb), goal: "≤ 400 MB (issue 2)", met: atMost(r.idleRssMb, 400) },
        { benchmark: "Idle RSS of the server 3 s after a restart", figure: mb(finite(r.restartIdleRssMb, "restartIdleRssMb")), baseline: `${bare}, restarted: ${mb(finite(b.restartIdleRssMb, "baseline.restartIdleRssMb"))}`, ratio: times(r.restartIdleRssMb, b.restartIdleRssMb), goal: "≤ 400 MB (issue 2)", met: atMost(r.restartIdleRssMb, 400) },
        { benchmark: `Cockpit API, sequential, PGlite demo (${r.cockpitRequests} requests)`, figure: `p95 ${ms(finite(r.cockpitP95Ms, "cockpitP95Ms"))} (p50 ${ms(r.cockpitP50Ms)})`, baseline: `GET /health on the same server: p95 ${ms(finite(b.healthP95Ms, "baseline.healthP95Ms"))}`, ratio: times(r.cockpitP95Ms, b.healthP95Ms), goal: "p95 ≤ 100 ms (issue 3)", met: atMost(r.cockpitP95Ms, 100) },
        { benchmark: `Registry search, sequential, PGlite demo (${r.searchRequests} requests)`, figure: `p95 ${ms(finite(r.searchP95Ms, "searchP95Ms"))} (p50 ${ms(r.searchP50Ms)})`, baseline: `GET /health: p95 ${ms(b.healthP95Ms)}`, ratio: times(r.searchP95Ms, b.healthP95Ms), goal: "— (issue 2: reported)", met: "—" },
      ];
    },
  },
  {
    id: "web",
    what: "web bundle sizes and first render of four pages in headless Chromium, cold cache (issue 8)",
    script: "bench/web-first-render.ts",
    db: "pglite",
    needsBuild: true,
    env: settings({ BENCH_RUNS: "1" }),
    timeoutMinutes: mode(10, 20),
    rows: (r) => {
      const s = r.sizes;
      const first = { raw: finite(s?.firstLoad?.js?.rawKB, "sizes.firstLoad.js") + finite(s.firstLoad.css?.rawKB, "sizes.firstLoad.css"), gzip: s.firstLoad.js.gzipKB + s.firstLoad.css.gzipKB, br: s.firstLoad.js.brotliKB + s.firstLoad.css.brotliKB };
      const all = { br: finite(s.allJs?.brotliKB, "sizes.allJs") + finite(s.allCss?.brotliKB, "sizes.allCss") };
      const renders = r.firstRender ?? {};
      const baseName = Object.keys(renders).find((k) => k.startsWith("baseline"));
      if (!baseName) throw new Error("the baseline page is missing from the result");
      const base = renders[baseName];
      const baseReady = finite(base.ready?.p50, "baseline ready p50");
      const fcp = (x: Json) => (typeof x?.fcp?.p50 === "number" ? `FCP ${ms(x.fcp.p50)}${x.fcp.unreported ? `, ${x.fcp.unreported} of ${r.runs} unreported` : ""}` : "FCP not reported");
      return [
        { benchmark: `Web: what the first page load fetches (index.html's JS and CSS, ${s.firstLoad.files} files)`, figure: `${kb(first.br)} brotli (${kb(first.gzip)} gzip, ${kb(first.raw)} raw)`, baseline: `the whole app's JS and CSS: ${kb(all.br)} brotli`, ratio: share(first.br, all.br), goal: "— (no number in the issues)", met: "—" },
        ...Object.keys(renders)
          .filter((k) => k !== baseName)
          .map((k) => {
            const x = renders[k];
            const ready = finite(x.ready?.p50, `${k} ready p50`);
            return { benchmark: `First render, cold cache: ${k} (p50 of ${r.runs})`, figure: `ready ${ms(ready)} (${fcp(x)})`, baseline: `bare HTML page (node:http): ready ${ms(baseReady)} (${fcp(base)})`, ratio: times(ready, baseReady), goal: "—", met: "—" as Met };
          }),
      ];
    },
  },
  {
    id: "scoring",
    what: "scoring 76 provinces × 30 KPIs × 3 rounds, both schemes (issue 3); pure computation",
    script: "bench/scoring.ts",
    db: "none",
    env: {},
    timeoutMinutes: 5,
    rows: (r) =>
      (
        [
          ["fiveLevel", "five-level"],
          ["pbPt", "PB/PT"],
        ] as const
      ).map(([k, label]) => {
        const cold = finite(r[k]?.coldMs, `${k}.coldMs`);
        return { benchmark: `Scoring 76 × 30 KPIs × 3 rounds, ${label}: cold pass`, figure: `${ms(cold)} (warm median ${ms(r[k].medianMs)})`, baseline: "— (pure computation)", ratio: "—", goal: "≤ 1 s (issue 3)", met: atMost(cold, 1000) };
      }),
  },
  {
    id: "budget",
    what: "a province's budget dashboard with 10,000 projects, PostgreSQL (issue 5)",
    script: "bench/planning-dashboard.ts",
    db: "postgres",
    env: settings({ BENCH_PROJECTS: "1000", BENCH_CALLS: "20" }),
    timeoutMinutes: mode(10, 20),
    rows: (r) => {
      const d = r.dashboardMs;
      const p95 = finite(d?.p95, "dashboardMs.p95");
      return [{ benchmark: `Province budget dashboard, ${num(r.answer?.projects ?? 0)} projects in the province (PostgreSQL)`, figure: `p95 ${ms(p95)} (p50 ${ms(d.p50)}, ${d.calls} calls)`, baseline: "— (none in this bench)", ratio: "—", goal: "p95 ≤ 150 ms (issue 5)", met: atMost(p95, 150) }];
    },
  },
  {
    id: "authority",
    what: "the delegation authority check with 100,000 instruments, PostgreSQL (issue 4)",
    script: "bench/delegation-authority.ts",
    db: "postgres",
    env: settings({ BENCH_QUERIES: "600" }),
    timeoutMinutes: mode(10, 20),
    rows: (r) => {
      const c = r.checkAuthority;
      const p95 = finite(c?.sequential?.p95Ms, "checkAuthority.sequential.p95Ms");
      const reads = c.readsAlone ?? {};
      const readsP95 = finite(reads.mustGetPower?.p95Ms, "readsAlone") + finite(reads.instrumentsFor?.p95Ms, "readsAlone") + finite(reads.loadNames?.p95Ms, "readsAlone");
      return [{ benchmark: `Authority check, ${num(r.data?.instruments ?? 0)} instruments (PostgreSQL), one at a time, ${num(c.queries)} checks`, figure: `p95 ${ms(p95)} (p50 ${ms(c.sequential.p50Ms)})`, baseline: `its three reads alone, sum of p95s: ${ms(readsP95)}`, ratio: times(p95, readsP95), goal: "p95 ≤ 10 ms (issue 4)", met: atMost(p95, 10) }];
    },
  },
];

// ——— the machine ———
const sh = (cmd: string, args: string[]) => {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
};
const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

async function postgresFacts(): Promise<Record<string, string> | string | undefined> {
  if (!DATABASE_URL) return undefined;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string; setting: string }>(
      "select 'version' as name, version() as setting union all select name, current_setting(name) from pg_settings where name in ('shared_buffers', 'fsync', 'synchronous_commit', 'max_connections', 'work_mem')",
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } catch (e) {
    return `unreachable: ${(e as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

function machineFacts() {
  const cpus = os.cpus();
  const pkg = (name: string) => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      return undefined;
    }
  };
  const commit = sh("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]);
  const dirty = sh("git", ["-C", ROOT, "status", "--porcelain", "--untracked-files=no"]);
  return {
    cpu: cpus[0]?.model,
    cores: cpus.length,
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    pglite: pkg("@electric-sql/pglite"),
    chromium: sh(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", ["--version"]),
    commit: commit ? `${commit}${dirty ? " (with uncommitted changes)" : ""}` : undefined,
  };
}

// ——— running a step ———
type StepResult = { id: string; script: string; db: Step["db"]; env: Record<string, string>; status: "ok" | "failed" | "skipped"; reason?: string; seconds: number; loadBefore: number[]; loadAfter: number[]; result?: Json };

/** Why a child failed, from the end of its stderr: an error's message line if there is one, else the last lines. */
const why = (tail: string[]) => ([...tail].reverse().find((l) => /^\s*(\w*Error\b|error\b)/i.test(l)) ?? tail.slice(-3).join(" / ")).trim().slice(0, 400);

const pick = (list: string | undefined) => (list ? new Set(list.split(",").map((s) => s.trim()).filter(Boolean)) : undefined);
const only = pick(process.env.BENCH_ONLY);
const skip = pick(process.env.BENCH_SKIP) ?? new Set<string>();
for (const id of [...(only ?? []), ...skip]) {
  if (!STEPS.some((s) => s.id === id)) {
    process.stderr.write(`unknown step "${id}" in BENCH_ONLY/BENCH_SKIP (steps: ${STEPS.map((s) => s.id).join(", ")})\n`);
    process.exit(2);
  }
}
const selected = STEPS.filter((s) => (!only || only.has(s.id)) && !skip.has(s.id));

const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
fs.mkdirSync(RESULTS, { recursive: true });
const logFile = path.join(RESULTS, `all-${stamp}.log`);
const logFd = fs.openSync(logFile, "a");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-bench-all-"));
let current: ChildProcess | undefined;

/**
 * Runs a command in its own process group (so that a timeout stops the servers and browsers it started too): all its
 * output to the log, its stderr (the benches' progress) also to ours, prefixed; resolves with how it ended.
 */
function runChild(id: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMinutes: number): Promise<{ code: number | null; signal: string | null; timedOut: boolean; tail: string[] }> {
  return new Promise((resolve) => {
    fs.writeSync(logFd, `\n===== ${id}: ${[cmd, ...args].join(" ")} (${new Date().toISOString()})\n`);
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    current = child;
    const tail: string[] = [];
    const pipe = (stream: NodeJS.ReadableStream, echo: boolean, keep: boolean) => {
      let rest = "";
      const line = (l: string) => {
        if (echo) process.stderr.write(`[${id}] ${l}\n`);
        if (!keep || !l.trim()) return;
        tail.push(l);
        if (tail.length > 60) tail.shift();
      };
      stream.on("data", (chunk: Buffer) => {
        fs.writeSync(logFd, chunk);
        const lines = (rest + chunk.toString("utf8")).split("\n");
        rest = lines.pop()!;
        lines.forEach(line);
      });
      stream.on("end", () => {
        if (rest) line(rest);
      });
    };
    pipe(child.stdout!, id === "build", false); // a bench's stdout: its JSON result (read from BENCH_JSON), servers' output
    pipe(child.stderr!, true, true);
    let timedOut = false;
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal); // the whole group: servers and browsers the bench started
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill("SIGTERM");
      setTimeout(() => kill("SIGKILL"), 15_000).unref();
    }, timeoutMinutes * 60_000);
    // a process the bench left behind (a server or a browser after a crash) would hold the pipes open: stopped after 10 s
    let straggler: NodeJS.Timeout | undefined;
    child.on("exit", () => (straggler = setTimeout(() => kill("SIGTERM"), 10_000)));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(straggler);
      kill("SIGTERM"); // anything of its group still running (none when the bench stopped what it started)
      current = undefined;
      resolve({ code, signal, timedOut, tail });
    });
  });
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (current?.pid) {
      try {
        process.kill(-current.pid, "SIGTERM");
      } catch {
        /* gone */
      }
    }
    process.stderr.write(`\n[all] stopped by ${sig}; partial log in ${path.relative(ROOT, logFile)}\n`);
    process.exit(130);
  });
}

const started = new Date();
const machine = { ...machineFacts(), postgres: await postgresFacts(), loadBefore: load(), loadAfter: [] as number[] };
process.stderr.write(`[all] ${QUICK ? "QUICK mode" : "full mode"}; steps: ${selected.map((s) => s.id).join(", ")}; log: ${path.relative(ROOT, logFile)}\n`);

const steps: StepResult[] = [];
const rows: Row[] = [];
let buildFailed: string | undefined;

// ——— the report (rewritten after every step, so that a run stopped half-way still leaves its figures) ———
const cell = (x: string) => x.replace(/\|/g, "\\|").replace(/\n/g, " ");
const reportBase = path.join(RESULTS, `all-${stamp}`);
function writeReport(done: boolean): string {
  const finished = new Date();
  machine.loadAfter = load();
  const pgFacts = machine.postgres;
  const pgText = typeof pgFacts === "string" ? pgFacts : pgFacts ? `${pgFacts.version?.split(" on ")[0]} (shared_buffers ${pgFacts.shared_buffers}, fsync ${pgFacts.fsync}, synchronous_commit ${pgFacts.synchronous_commit})` : "not used (DATABASE_URL not set)";
  const md: string[] = [
    `# All benchmarks — ${started.toISOString().slice(0, 16).replace("T", " ")} UTC${QUICK ? " — QUICK MODE (small scales: a check that every step runs, not figures for the docs)" : ""}${done ? "" : ` — PARTIAL (${steps.length} steps done)`}`,
    "",
    `Machine: ${machine.cores} × ${machine.cpu}, ${machine.memGiB} GiB, ${machine.os}; Node ${machine.node}; PGlite ${machine.pglite}; PostgreSQL: ${pgText}; ${machine.chromium ?? "Chromium not found"}; commit ${machine.commit ?? "?"}.`,
    `Load average (1/5/15 min): ${machine.loadBefore.join(" / ")} before, ${machine.loadAfter.join(" / ")} ${done ? "after" : "now"}. ${done ? "Took" : "Running for"} ${num((finished.getTime() - started.getTime()) / 60_000, 1)} min.`,
    "",
    "| benchmark | figure | baseline in the same run | ratio | goal | met? |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${[r.benchmark, r.figure, r.baseline, r.ratio, r.goal, r.met === "met" ? "**met**" : r.met === "missed" ? "**missed**" : r.met].map(cell).join(" | ")} |`),
    "",
    "| step | script | database | settings | status | took | load average before → after |",
    "|---|---|---|---|---|---|---|",
    ...steps.map((x) => `| ${[x.id, x.script, x.db, Object.entries(x.env).map(([k, v]) => `${k}=${v}`).join(" ") || "defaults", x.status + (x.reason && x.status !== "skipped" ? `: ${x.reason}` : ""), `${num(x.seconds, 1)} s`, `${x.loadBefore[0]} → ${x.loadAfter[0]}`].map(cell).join(" | ")} |`),
    "",
  ];
  const text = md.join("\n");
  fs.writeFileSync(`${reportBase}.md`, text);
  fs.writeFileSync(`${reportBase}.json`, `${JSON.stringify({ bench: "all", quick: QUICK, complete: done, started: started.toISOString(), finished: finished.toISOString(), machine, rows, steps }, null, 2)}\n`);
  return text;
}

if (selected.some((s) => s.needsBuild)) {
  const t0 = performance.now();
  const loadBefore = load();
  process.stderr.write("[all] build: node scripts/build.mjs\n");
  const b = await runChild("build", process.execPath, ["scripts/build.mjs"], process.env, 15);
  const ok = b.code === 0 && !b.timedOut;
  if (!ok) buildFailed = b.timedOut ? "timed out" : `exit ${b.code ?? b.signal}: ${why(b.tail)}`;
  steps.push({ id: "build", script: "scripts/build.mjs", db: "none", env: {}, status: ok ? "ok" : "failed", reason: buildFailed, seconds: Math.round((performance.now() - t0) / 100) / 10, loadBefore, loadAfter: load() });
}

for (const step of selected) {
  const loadBefore = load();
  const base = { id: step.id, script: step.script, db: step.db, env: step.env, loadBefore };
  const reason = step.db === "postgres" && !DATABASE_URL ? "skipped: PostgreSQL only (set DATABASE_URL=postgres://…/postgres; a scratch database is created beside it)" : step.needsBuild && buildFailed ? `not run: the build failed (${buildFailed})` : undefined;
  if (reason) {
    const status = reason.startsWith("skipped") ? "skipped" : "failed";
    steps.push({ ...base, status, reason, seconds: 0, loadAfter: load() });
    rows.push({ step: step.id, benchmark: step.what, figure: reason, baseline: "—", ratio: "—", goal: "—", met: status });
    process.stderr.write(`[all] ${step.id}: ${reason}\n`);
    continue;
  }
  const jsonFile = path.join(tmp, `${step.id}.json`);
  const env: NodeJS.ProcessEnv = { ...process.env, ...step.env, BENCH_JSON: jsonFile };
  if (step.db !== "postgres") delete env.DATABASE_URL; // PGlite steps never touch the PostgreSQL named
  process.stderr.write(`[all] ${step.id}: ${step.script} ${Object.entries(step.env).map(([k, v]) => `${k}=${v}`).join(" ")}\n`);
  const t0 = performance.now();
  const run = await runChild(step.id, process.execPath, ["--import", "tsx", step.script], env, step.timeoutMinutes);
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  let result: Json;
  let failure: string | undefined;
  if (run.timedOut) failure = `timed out after ${step.timeoutMinutes} min`;
  else if (run.code !== 0) failure = `exit ${run.code ?? run.signal}: ${why(run.tail)}`;
  else {
    try {
      result = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
    } catch (e) {
      failure = `no result in ${path.basename(jsonFile)}: ${(e as Error).message}`;
    }
  }
  if (!failure) {
    try {
      for (const row of step.rows(result, step)) rows.push({ step: step.id, ...row });
    } catch (e) {
      failure = `could not read its result: ${(e as Error).message}`;
    }
  }
  if (failure) rows.push({ step: step.id, benchmark: step.what, figure: `FAILED — ${failure}`, baseline: "—", ratio: "—", goal: "—", met: "failed" });
  steps.push({ ...base, status: failure ? "failed" : "ok", reason: failure, seconds, loadAfter: load(), result });
  process.stderr.write(`[all] ${step.id}: ${failure ? `FAILED (${failure})` : "ok"} in ${seconds} s\n`);
  writeReport(false);
}
fs.closeSync(logFd);
fs.rmSync(tmp, { recursive: true, force: true });
process.stdout.write(`${writeReport(true)}\n`);
process.stderr.write(`[all] wrote ${path.relative(ROOT, reportBase)}.md, .json and .log\n`);

const failed = steps.filter((s) => s.status === "failed");
if (failed.length) {
  process.stderr.write(`[all] ${failed.length} step(s) failed: ${failed.map((s) => s.id).join(", ")}\n`);
  process.exitCode = 1;
}
