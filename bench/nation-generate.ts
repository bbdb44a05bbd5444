// DATABASE_URL=postgres://changwat:changwat@127.0.0.1:5432/postgres npx tsx bench/nation-generate.ts
// Generates the synthetic nation of issue 7 (bench/nation-data.ts) into a scratch database (changwat_bench_…):
// migrated and seeded as the app does (no demo), then NATION_SCALE × (20,000 KPIs × 24 monthly measurements,
// 300,000 projects with their curves and budget lines, 10,000,000 cases). NATION_SCALE defaults to 1 (the issue's
// size; ~minutes per million cases on this machine); 0.01 makes a quick one. BENCH_KEEP=1 keeps the database for
// the dashboard benchmarks (its name is printed). Prints JSON: seconds per step, row counts, database size.
import { prepareDatabase } from "../src/server/bootstrap.js";
import { log, machine, pgVersion, scratchPostgres } from "./cases-data.js";
import { generateNation, NATION } from "./nation-data.js";
import { emitResult } from "./result.js";

const SCALE = Number(process.env.NATION_SCALE ?? 1);
const scale = { kpis: Math.round(NATION.kpis * SCALE), periods: NATION.periods, projects: Math.round(NATION.projects * SCALE), cases: Math.round(NATION.cases * SCALE) };
const scratch = await scratchPostgres();
try {
  log("nation", `preparing ${scratch.name}, scale ${SCALE}: ${JSON.stringify(scale)}`);
  const t0 = performance.now();
  await prepareDatabase(scratch.db, { demo: false });
  const prepareSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const report = await generateNation(scratch.db, scale, { now: new Date("2026-11-22T03:00:00Z"), seed: 7, log: (m) => log("nation", m) });
  const size = (await scratch.db.query<{ s: string }>("select pg_size_pretty(pg_database_size(current_database())) as s"))[0]!.s;
  emitResult({ bench: "nation-generate", scale, machine: machine({ version: await pgVersion(scratch.db) }), database: scratch.name, kept: !!process.env.BENCH_KEEP, prepareSeconds, ...report, databaseSize: size });
} finally {
  await scratch.drop();
}
