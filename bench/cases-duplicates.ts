// DATABASE_URL=postgres://changwat:changwat@127.0.0.1:5432/postgres npx tsx bench/cases-duplicates.ts
// BENCH_DB=pglite npx tsx bench/cases-duplicates.ts      (PGlite in a temp folder, removed afterwards)
// The duplicate lookup the intake runs (findDuplicatesAt, src/modules/cases/find-duplicates.ts) with 1,000,000 cases:
//   1. a scratch database, migrated and seeded as the app does (no demo); BENCH_CASES cases (default 1,000,000)
//      bulk-loaded (bench/cases-data.ts loadCases: received evenly over 3 years, so ~12,800 in the last 14 days;
//      points in the five pilot provinces: 20 % at hot spots, 50 % in district towns, the provincial town 12 times
//      a rural district; recent cases mostly open, older ones mostly closed), indexes rebuilt, ANALYZE;
//   2. BENCH_QUERIES lookups (default 2,000, after 200 warm-up), one at a time: 25 % a second report of a recent
//      open case (within 40 m, its text), the rest a new point drawn like the loaded ones with a random complaint;
//      times findDuplicatesAt as the intake calls it, and its SQL alone (the same statement, raw) for the split;
//   3. EXPLAIN (ANALYZE, BUFFERS) of the statement at the busiest cell. Prints JSON.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { anonymousActor } from "../src/platform/auth/actor.js";
import { newRequestId, type Ctx } from "../src/platform/ctx.js";
import { mulberry32 } from "../src/platform/demo-random.js";
import { openPglite, type Database } from "../src/platform/db/client.js";
import { createScopeResolver } from "../src/modules/registry/index.js";
import { prepareDatabase } from "../src/server/bootstrap.js";
import { DUPLICATE_DAYS, DUPLICATE_METERS, OPEN_STATUSES } from "../src/modules/cases/contracts.js";
import { findDuplicatesAt } from "../src/modules/cases/find-duplicates.js";
import { cellsAround } from "../src/modules/cases/locate.js";
import { inProvince, loadAvg, loadCases, loadComplaints, log, machine, pct, PILOTS, PointSource, pgVersion, round, scratchPostgres } from "./cases-data.js";
import { emitResult } from "./result.js";

const N = Number(process.env.BENCH_CASES ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2_000);
const WARMUP = 200;
const tag = "cases-duplicates";
const NOW = new Date();

async function open(): Promise<{ db: Database; drop: () => Promise<void>; where: string }> {
  if (process.env.BENCH_DB === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-bench-dupes-"));
    const db = await openPglite({ dataDir: dir });
    return { db, where: "PGlite 0.5 (in-process, shared_buffers 32 MB as the app)", drop: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const s = await scratchPostgres(4);
  return { db: s.db, where: "PostgreSQL (scratch database)", drop: s.drop };
}

const loadBefore = loadAvg();
const complaints = loadComplaints();
const { db, drop, where } = await open();
const out: Record<string, unknown> = { bench: "cases-duplicates", database: where, cases: N, queries: QUERIES };
try {
  log(tag, `preparing ${where}`);
  await prepareDatabase(db, { demo: false });
  const loaded = await loadCases(db, { n: N, days: 3 * 365, now: NOW, seed: 0xd0b1_0001, complaints, batch: db.kind === "pglite" ? 2000 : 5000, progress: (d) => d % 100_000 === 0 && log(tag, `${d} cases`) });
  out.loadSeconds = round(loaded.ms / 1000, 1);
  log(tag, `loaded ${N} cases in ${Math.round(loaded.ms)} ms`);
  out.machine = { ...machine({ version: db.kind === "postgres" ? await pgVersion(db) : "PGlite" }), loadBefore };
  const since = new Date(NOW.getTime() - DUPLICATE_DAYS * 86_400_000);
  const open = await db.query<{ lat: number; lon: number; description_th: string }>(`select lat, lon, description_th from cases where received_at >= $1 and status in ('received','accepted','in_progress','reopened') and lat is not null`, [since]);
  out.openInWindow = open.length;

  const rnd = mulberry32(0xd0b1_0002);
  const points = new PointSource(rnd);
  const queries = Array.from({ length: WARMUP + QUERIES }, () => {
    if (rnd() < 0.25 && open.length) {
      const c = open[Math.floor(rnd() * open.length)]!;
      return { ...points.near(c, 40), text: c.description_th, repeat: true };
    }
    const p = points.next();
    const k = complaints[Math.floor(rnd() * complaints.length)]!;
    return { lat: p.lat, lon: p.lon, text: inProvince(k.text, PILOTS.find((x) => x.code === p.provinceCode)?.nameTh ?? ""), repeat: false };
  });
  const ctx: Ctx = { db: db.db, actor: anonymousActor, now: () => NOW, requestId: newRequestId(), scopes: createScopeResolver(db.db) };
  // the statement findDuplicatesAt builds, raw, to time the database part alone
  const statuses = [...OPEN_STATUSES];
  const rawSql = `select id, public_ref, category_id, status, public_text, description_th, lat, lon, received_at from cases where cell = any($1::bigint[]) and received_at >= $2 and status = any($3::text[]) and merged_into is null limit 500`;

  const full: number[] = [];
  const sqlOnly: number[] = [];
  let found = 0;
  let foundRepeat = 0;
  let repeats = 0;
  let candidates = 0;
  for (let i = 0; i < queries.length; i++) {
    const q = queries[i]!;
    const t0 = performance.now();
    const d = await findDuplicatesAt(ctx, q);
    const t1 = performance.now();
    const rows = await db.query(rawSql, [cellsAround(q.lat, q.lon, DUPLICATE_METERS), since, statuses]);
    const t2 = performance.now();
    if (i < WARMUP) continue;
    full.push(t1 - t0);
    sqlOnly.push(t2 - t1);
    candidates += rows.length;
    if (d.length) found++;
    if (q.repeat) {
      repeats++;
      if (d.length) foundRepeat++;
    }
  }
  const stats = (xs: number[]) => ({ p50: round(pct(xs, 50)), p95: round(pct(xs, 95)), p99: round(pct(xs, 99)), max: round(pct(xs, 100)), mean: round(xs.reduce((a, b) => a + b, 0) / xs.length) });
  out.findDuplicatesAt = stats(full);
  out.sqlAlone = stats(sqlOnly);
  out.answers = { withDuplicates: found, secondReports: repeats, secondReportsFound: foundRepeat, meanRowsFromSql: round(candidates / QUERIES, 2) };

  const [busy] = await db.query<{ cell: string; n: number }>(`select cell::text as cell, count(*)::int as n from cases where received_at >= $1 and status = any($2::text[]) group by cell order by n desc limit 1`, [since, statuses]);
  const [anyBusy] = await db.query<{ cell: string; n: number; lat: number; lon: number }>(`select cell::text as cell, count(*)::int as n, avg(lat) as lat, avg(lon) as lon from cases group by cell order by n desc limit 1`);
  out.busiestCell = { openInWindow: busy?.n, allTime: anyBusy?.n };
  if (anyBusy) {
    const plan = await db.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${rawSql.replace("$1::bigint[]", `'{${cellsAround(anyBusy.lat, anyBusy.lon, DUPLICATE_METERS).join(",")}}'::bigint[]`).replace("$2", `'${since.toISOString()}'`).replace("$3::text[]", `'{${statuses.join(",")}}'::text[]`)}`);
    out.explainBusiestCell = plan.map((r) => r["QUERY PLAN"]);
  }
  out.loadAfter = loadAvg();
  emitResult(out);
} finally {
  await drop();
}
