// DATABASE_URL=postgres://changwat:changwat@127.0.0.1:5432/postgres npx tsx bench/cases-board.ts
// Public board reads (issue 6) against a bare Fastify + pg indexed read, in one run:
//   1. a scratch database (dropped afterwards), migrated and seeded as the app does (no demo), BENCH_CASES cases
//      (default 100,000, received over 365 days, in the five pilot provinces, dense in towns) bulk-loaded with
//      their public timeline (2 events each), then ANALYZE;
//   2. the board as the public page asks for it: GET /api/v1/public/cases?provinceCode=…&page=…&pageSize=20 (page 1
//      70 %, pages 2–5 otherwise; a district filter 25 % of the time), through the real app (bench/cases-server.ts)
//      at 50 connections, against the bare GET /bare/board (the same rows' columns, one indexed query);
//   3. a public case page: GET /api/v1/public/cases/:ref for random cases, against the bare GET /bare/cases/:ref.
//   4. the board's filter index (migration 0011) is dropped after the load for steps 2–3, then rebuilt (after VACUUM
//      ANALYZE) and the board measured again, app and bare.
// BENCH_SECONDS (default 20) after BENCH_WARMUP (default 5) seconds each. Prints JSON.
import { mulberry32 } from "../src/platform/demo-random.js";
import { prepareDatabase } from "../src/server/bootstrap.js";
import { drive, loadAvg, loadCases, loadComplaints, log, machine, PILOTS, pgVersion, round, scratchPostgres, startServer } from "./cases-data.js";
import { emitResult } from "./result.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const N = Number(process.env.BENCH_CASES ?? 100_000);
const CONNECTIONS = 50;
const GOAL_RATIO = 0.5;
const tag = "cases-board";
/**
 * The board counts the matching cases on every page (get-board.ts); without an index holding every filter column,
 * PostgreSQL counts a province by reading the whole table. The partial index of migration 0011 (as in tables.ts)
 * lets it count with an index-only scan: dropped after the load, measured without, then rebuilt and measured with.
 * BENCH_PROPOSED_INDEX=off skips the second part.
 */
const PROPOSED_INDEX = "create index cases_board_filter_idx on cases (province_code, district_code, category_id, status) where merged_into is null";

const loadBefore = loadAvg();
const complaints = loadComplaints();
const scratch = await scratchPostgres();
const { db } = scratch;
const out: Record<string, unknown> = { bench: "cases-board", connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, cases: N };
try {
  log(tag, `preparing ${scratch.name}`);
  await prepareDatabase(db, { demo: false });
  const loaded = await loadCases(db, { n: N, days: 365, now: new Date(), seed: 0xb0a2_0001, complaints, events: true, progress: (d) => d % 50_000 === 0 && log(tag, `${d} cases`) });
  out.loadSeconds = round(loaded.ms / 1000, 1);
  // measured first without the board's filter index (migration 0011), then with it (below)
  await db.exec("drop index if exists cases_board_filter_idx");
  log(tag, `loaded ${N} cases in ${Math.round(loaded.ms)} ms`);
  out.machine = { ...machine({ version: await pgVersion(db) }), loadBefore };
  const refs = (await db.query<{ r: string }>("select public_ref as r from cases")).map((x) => x.r);
  const districts = new Map<string, string[]>();
  for (const r of await db.query<{ p: string; d: string }>("select distinct province_code as p, district_code as d from cases where district_code is not null")) {
    districts.set(r.p, [...(districts.get(r.p) ?? []), r.d]);
  }

  // the same sequence of pages for the app and the bare endpoint
  const boardQueries = (seed: number) => {
    const rnd = mulberry32(seed);
    return () => {
      const p = PILOTS[Math.floor(rnd() * PILOTS.length)]!.code;
      const page = rnd() < 0.7 ? 1 : 2 + Math.floor(rnd() * 4);
      const ds = districts.get(p) ?? [];
      const d = rnd() < 0.25 && ds.length ? `&districtCode=${ds[Math.floor(rnd() * ds.length)]}` : "";
      return `provinceCode=${p}&page=${page}${d}`;
    };
  };
  const refQueries = (seed: number) => {
    const rnd = mulberry32(seed);
    return () => encodeURIComponent(refs[Math.floor(rnd() * refs.length)]!);
  };

  const runs: Record<string, unknown> = {};
  const app = await startServer("app", scratch.url, { LOG_LEVEL: process.env.LOG_LEVEL ?? "info" });
  try {
    const b = boardQueries(1);
    runs.appBoard = { ...(await drive(app.url, { serverPid: app.pid, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, next: () => ({ method: "GET", path: `/api/v1/public/cases?${b()}&pageSize=20` }) })), loadAfter: loadAvg() };
    log(tag, `app board: ${JSON.stringify(runs.appBoard)}`);
    const c = refQueries(2);
    runs.appCase = { ...(await drive(app.url, { serverPid: app.pid, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, next: () => ({ method: "GET", path: `/api/v1/public/cases/${c()}` }) })), loadAfter: loadAvg() };
    log(tag, `app case: ${JSON.stringify(runs.appCase)}`);
  } finally {
    await app.stop();
  }
  const bare = await startServer("bare", scratch.url);
  try {
    const b = boardQueries(1);
    runs.bareBoard = { ...(await drive(bare.url, { serverPid: bare.pid, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, next: () => ({ method: "GET", path: `/bare/board?${b()}` }) })), loadAfter: loadAvg() };
    log(tag, `bare board: ${JSON.stringify(runs.bareBoard)}`);
    const c = refQueries(2);
    runs.bareCase = { ...(await drive(bare.url, { serverPid: bare.pid, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, next: () => ({ method: "GET", path: `/bare/cases/${c()}` }) })), loadAfter: loadAvg() };
    log(tag, `bare case: ${JSON.stringify(runs.bareCase)}`);
  } finally {
    await bare.stop();
  }
  const explainCount = async () => ({
    province: (await db.query<{ "QUERY PLAN": string }>("explain (analyze, buffers) select count(*)::int from cases where merged_into is null and province_code = '40'")).map((r) => r["QUERY PLAN"]),
    district: (await db.query<{ "QUERY PLAN": string }>("explain (analyze, buffers) select count(*)::int from cases where merged_into is null and province_code = '40' and district_code = '4001'")).map((r) => r["QUERY PLAN"]),
  });
  out.explainCountBefore = await explainCount();
  // the index this bench proposes for the board's count (docs/PERFORMANCE.md): measured in the same run
  if (process.env.BENCH_PROPOSED_INDEX !== "off") {
    const t0 = performance.now();
    await db.exec(PROPOSED_INDEX);
    await db.exec("vacuum analyze cases");
    out.proposedIndex = { sql: PROPOSED_INDEX, buildMs: Math.round(performance.now() - t0) };
    out.explainCountWithIndex = await explainCount();
    const again = await startServer("app", scratch.url, { LOG_LEVEL: process.env.LOG_LEVEL ?? "info" });
    try {
      const b = boardQueries(1);
      runs.appBoardWithIndex = { ...(await drive(again.url, { serverPid: again.pid, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, next: () => ({ method: "GET", path: `/api/v1/public/cases?${b()}&pageSize=20` }) })), loadAfter: loadAvg() };
      log(tag, `app board with the proposed index: ${JSON.stringify(runs.appBoardWithIndex)}`);
    } finally {
      await again.stop();
    }
    const bare2 = await startServer("bare", scratch.url);
    try {
      const b = boardQueries(1);
      runs.bareBoardWithIndex = { ...(await drive(bare2.url, { serverPid: bare2.pid, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, next: () => ({ method: "GET", path: `/bare/board?${b()}` }) })), loadAfter: loadAvg() };
      log(tag, `bare board with the proposed index: ${JSON.stringify(runs.bareBoardWithIndex)}`);
    } finally {
      await bare2.stop();
    }
  }
  Object.assign(out, runs);
  const rps = (k: string) => (runs[k] as { rps: number }).rps;
  out.ratios = { board: round(rps("appBoard") / rps("bareBoard"), 3), casePage: round(rps("appCase") / rps("bareCase"), 3), ...(runs.appBoardWithIndex ? { boardWithProposedIndex: round(rps("appBoardWithIndex") / rps("bareBoardWithIndex"), 3) } : {}) };
  out.goals = {
    "board ≥ 50 % of bare": rps("appBoard") / rps("bareBoard") >= GOAL_RATIO ? "met" : "missed",
    "case page ≥ 50 % of bare": rps("appCase") / rps("bareCase") >= GOAL_RATIO ? "met" : "missed",
  };
  // the board's page statement on this data (the first page of Khon Kaen)
  out.explainPage = (await db.query<{ "QUERY PLAN": string }>("explain (analyze, buffers) select * from cases where merged_into is null and province_code = '40' order by received_at desc, id asc limit 20")).map((r) => r["QUERY PLAN"]);
  out.loadAfter = loadAvg();
  emitResult(out);
} finally {
  await scratch.drop();
}
