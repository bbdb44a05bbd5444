// The operation-centre read model at scale (issue 7, part 9).
//
// On PostgreSQL, the synthetic nation (bench/nation-data.ts: 76 provinces, 2,000+ agencies, NATION_SCALE × 300,000
// projects, 10,000,000 cases, 20,000 KPIs × 24 periods) in a scratch database:
//   DATABASE_URL=postgres://changwat:changwat@127.0.0.1:5432/postgres npx tsx bench/oversight-dashboards.ts
// On PGlite, one province at a province's scale (NATION_SCALE × 100,000 cases in Buriram, with its share of KPIs
// and projects), as the embedded database a single province would run:
//   BENCH_DB=pglite npx tsx bench/oversight-dashboards.ts
//
// Measures: the first full build of the roll-ups (refreshRollups over every province); an incremental refresh
// after one new case (the trigger marks the province, refreshDirty rebuilds it); then, warm, N sequential calls of
// each read the dashboards make — the PMOC's nation dashboard and matrix, a ministry's dashboard, a province's
// dashboard — with p50/p95/max; and, as the baseline in the same run, the dashboard's first read alone (the scope's
// totals: one indexed SQL statement sent straight through the driver). NATION_SCALE=0.01 makes a quick run. Prints
// JSON; see docs/PERFORMANCE.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openPglite, type Database } from "../src/platform/db/client.js";
import { newRequestId, type Ctx } from "../src/platform/ctx.js";
import type { Actor } from "../src/platform/auth/actor.js";
import type { RoleId } from "../src/platform/auth/policy.js";
import { createScopeResolver } from "../src/modules/registry/index.js";
import { getDashboard } from "../src/modules/oversight/get-dashboard.js";
import { getMatrix } from "../src/modules/oversight/get-matrix.js";
import { getProvinceReport } from "../src/modules/oversight/get-province-report.js";
import { renderProvinceBriefPdf, renderProvinceReportPdf } from "../src/modules/oversight/report-pdf.js";
import { refreshDirty, refreshRollups } from "../src/modules/oversight/refresh-rollups.js";
import { METRIC_IDS } from "../src/modules/oversight/contracts.js";
import { measuresOf } from "../src/modules/oversight/read.js";
import { bangkokToday } from "../src/platform/thai/dates.js";
import { fiscalYearOf } from "../src/platform/thai/fiscal-year.js";
import { prepareDatabase } from "../src/server/bootstrap.js";
import { loadAvg, log, machine, pct, pgVersion, round, scratchPostgres } from "./cases-data.js";
import { generateNation, NATION } from "./nation-data.js";
import { emitResult } from "./result.js";

const tag = "oversight";
const PGLITE = process.env.BENCH_DB === "pglite";
const SCALE = Number(process.env.NATION_SCALE ?? 1);
const N = Number(process.env.BENCH_N ?? 50);
const NOW = new Date("2026-11-22T03:00:00Z");
const PROVINCE = "31";
// a province at its own scale: 100,000 cases; KPIs and projects in the nation's proportion for one of 76 provinces
const scale = PGLITE
  ? { kpis: Math.round((NATION.kpis / 76) * SCALE), periods: NATION.periods, projects: Math.round((NATION.projects / 76) * SCALE), cases: Math.round(100_000 * SCALE) }
  : { kpis: Math.round(NATION.kpis * SCALE), periods: NATION.periods, projects: Math.round(NATION.projects * SCALE), cases: Math.round(NATION.cases * SCALE) };

function ctxAs(db: Database, role: RoleId, scope: string, id: string): Ctx {
  const actor: Actor = { kind: "user", id, name: id, grants: [{ role, scope }] };
  return { db: db.db, actor, now: () => NOW, requestId: newRequestId(), scopes: createScopeResolver(db.db) };
}
const system = (db: Database): Ctx => ctxAs(db, "administrator", "nation", "bench");

async function open(): Promise<{ db: Database; where: string; version: string; drop: () => Promise<void> }> {
  if (PGLITE) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-bench-oversight-"));
    const db = await openPglite({ dataDir: dir });
    return { db, where: "PGlite (in-process, as the app)", version: "PGlite 0.5", drop: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const s = await scratchPostgres(4);
  return { db: s.db, where: `PostgreSQL scratch database ${s.name}`, version: await pgVersion(s.db), drop: s.drop };
}

async function timed(name: string, fn: () => Promise<unknown>, n = N): Promise<Record<string, number>> {
  for (let i = 0; i < 3; i++) await fn(); // warm: plans cached, pages in memory
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  const r = { p50: round(pct(ms, 50), 1), p95: round(pct(ms, 95), 1), max: round(Math.max(...ms), 1) };
  log(tag, `${name}: p50 ${r.p50} ms, p95 ${r.p95} ms`);
  return r;
}

const loadBefore = loadAvg();
const { db, where, version, drop } = await open();
const out: Record<string, unknown> = { bench: "oversight-dashboards", database: where, scale, calls: N };
try {
  log(tag, `preparing ${where}, ${JSON.stringify(scale)}`);
  let t0 = performance.now();
  await prepareDatabase(db, { demo: false });
  out.prepareSeconds = round((performance.now() - t0) / 1000, 1);
  const gen = await generateNation(db, scale, { now: NOW, seed: 7, log: (m) => log(tag, m), ...(PGLITE ? { provinces: [PROVINCE] } : {}) });
  out.generate = gen;

  // the first build: what an upgrade or the nightly rebuild does (every province, every family)
  t0 = performance.now();
  const built = await refreshRollups({ ctx: system(db) });
  out.firstBuildSeconds = round((performance.now() - t0) / 1000, 1);
  out.rollupRows = Number((await db.query<{ n: number }>("select count(*)::int as n from oversight_rollups"))[0]!.n);
  log(tag, `first build ${out.firstBuildSeconds} s, ${out.rollupRows} roll-up rows (${JSON.stringify(built).slice(0, 200)})`);

  // incremental: one new case marks its province (statement trigger); the every-minute job rebuilds that province
  const [one] = await db.query<{ id: string }>(`select id from cases where province_code = '${PROVINCE}' limit 1`);
  t0 = performance.now();
  await db.query(`update cases set updated_at = updated_at where id = $1`, [one!.id]);
  out.triggerMarkMs = round(performance.now() - t0, 1);
  t0 = performance.now();
  await refreshDirty({ ctx: system(db) });
  out.incrementalProvinceSeconds = round((performance.now() - t0) / 1000, 2);
  log(tag, `one change: trigger ${out.triggerMarkMs} ms, province refresh ${out.incrementalProvinceSeconds} s`);

  const reads: Record<string, unknown> = {};
  if (!PGLITE) {
    const pmoc = ctxAs(db, "pmoc_viewer", "nation", "pmoc");
    reads["pmoc dashboard (nation)"] = await timed("pmoc dashboard", () => getDashboard({ ctx: pmoc, input: { scope: "nation" } }));
    reads["pmoc matrix (ministry × province, budget disbursed %)"] = await timed("pmoc matrix", () => getMatrix({ ctx: pmoc, input: { metric: "budget.disbursed_pct", scope: "nation" } }));
    reads["pmoc matrix (department × cluster, cases on time %)"] = await timed("pmoc matrix dept×cluster", () => getMatrix({ ctx: pmoc, input: { metric: "cases.on_time_pct", rows: "department", columns: "cluster", scope: "nation" } }));
    const moi = ctxAs(db, "ministry_officer", "org:moi", "moi");
    reads["ministry dashboard (MOI across provinces)"] = await timed("ministry dashboard", () => getDashboard({ ctx: moi, input: { scope: "org:moi" } }));
  }
  const gov = ctxAs(db, "governor", `area:province:${PROVINCE}`, "gov");
  reads[`province dashboard (${PROVINCE})`] = await timed("province dashboard", () => getDashboard({ ctx: gov, input: {} }));
  // the provincial report at this scale, as its route makes it: the model (roll-ups, cockpit, budget, committees)
  // and the Thai PDF; the 6-month report of the current fiscal year and its one-page brief (at most 10 calls each)
  const reportFy = fiscalYearOf(bangkokToday(NOW));
  const report = (render: typeof renderProvinceReportPdf) => async () => render(await getProvinceReport({ ctx: gov, input: { provinceCode: PROVINCE, fiscalYear: reportFy, period: "6" } }));
  reads[`province 6-month report PDF (${PROVINCE})`] = await timed("province 6-month report PDF", report(renderProvinceReportPdf), Math.min(N, 10));
  reads[`province executive brief PDF (${PROVINCE})`] = await timed("province executive brief PDF", report(renderProvinceBriefPdf), Math.min(N, 10));
  out.reads = reads;
  // The baseline: the dashboard's first read by itself — the scope's totals for the fiscal year from the roll-ups, the
  // same statement as sumMeasures(groupBy none) sends, straight through the driver (no use case, no scope resolution,
  // no query builder, no shaping). A dashboard makes six such reads (in parallel) and two name look-ups.
  const fy = fiscalYearOf(bangkokToday(NOW));
  const measures = [...measuresOf(METRIC_IDS), "cases.demo", "budget.demo"].join(",");
  const totals = (province: string | null) =>
    db.query(
      `select '' as k, measure, sum(value)::float8 as v from oversight_rollups where fiscal_year = $1 and measure = any(string_to_array($2, ',')) and agenda_id = '*' and org_id = '*'${province ? " and province_code = any(string_to_array($3, ','))" : ""} group by 1, 2`,
      province ? [fy, measures, province] : [fy, measures],
    );
  const baseline: Record<string, unknown> = {};
  if (!PGLITE) baseline["nation's totals, one SQL statement"] = await timed("baseline: nation's totals", () => totals(null));
  baseline[`province's totals (${PROVINCE}), one SQL statement`] = await timed("baseline: province's totals", () => totals(PROVINCE));
  out.baseline = baseline;
  out.machine = machine({ version });
  out.loadAverage = { before: loadBefore, after: loadAvg() };
  emitResult(out);
} finally {
  await drop();
}
