// npx tsx bench/planning-dashboard.ts — the province budget dashboard (issue 5) with 10,000 projects in one province.
//   PGlite (default): a new database in a temp folder, removed afterwards.
//   PostgreSQL: DATABASE_URL=postgres://changwat:changwat@127.0.0.1:5432/changwat npx tsx bench/planning-dashboard.ts
//     creates a scratch database next to the one named (UTF-8, C.UTF-8), drops it afterwards.
// Env: BENCH_PROJECTS (default 10000), BENCH_CALLS (default 200).
//
// 1. migrates and seeds reference data as the app does (prepareDatabase, no demo) and records the FY 2569 Budget Act
//    through its use case; 2. generates from a seeded PRNG BENCH_PROJECTS projects of Phetchaburi (76) in FY 2569,
//    owned by real provincial offices, 1–3 budget lines each (source mix), 12 months of progress each (actual and
//    planned), plus 2,000 projects of four other provinces (so the province filter has work to do); multi-row INSERTs;
// 3. measures getBudgetDashboard (the real use case, a governor of 76) after a warm-up, sequentially, and the
//    lagging drill-down page and the deadline calendar. Prints JSON.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Actor } from "../src/platform/auth/actor.js";
import { systemActor } from "../src/platform/auth/actor.js";
import { mulberry32 } from "../src/platform/demo-random.js";
import { newRequestId, type Ctx } from "../src/platform/ctx.js";
import { openPglite, openPostgres, type Database } from "../src/platform/db/client.js";
import { createScopeResolver } from "../src/modules/registry/index.js";
import { prepareDatabase } from "../src/server/bootstrap.js";
import { getBudgetDashboard } from "../src/modules/planning/get-budget-dashboard.js";
import { getDeadlineCalendar } from "../src/modules/planning/get-deadline-calendar.js";
import { listBudgetProjects } from "../src/modules/planning/list-budget-projects.js";
import { recordBudgetAct } from "../src/modules/planning/record-budget-act.js";
import { projectBudgetLines, projectProgress, projects } from "../src/modules/planning/tables.js";
import { emitResult } from "./result.js";

const N = Number(process.env.BENCH_PROJECTS ?? 10_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const WARMUP = 20;
const GOAL_P95_MS = 150;
const NOW = new Date("2026-11-22T03:00:00Z");
const rnd = mulberry32(0x00b0d6e7);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const log = (m: string) => process.stderr.write(`[planning-bench] ${m}\n`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => Math.round(x * 100) / 100;

async function openScratch(): Promise<{ db: Database; drop: () => Promise<void>; where: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `changwat_bench_${randomBytes(5).toString("hex")}`;
    const admin = await openPostgres(url, { max: 1 });
    await admin.exec(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
    await admin.close();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openPostgres(u.toString(), { max: 4 });
    return { db, where: `PostgreSQL scratch database ${name}`, drop: async () => { await db.close(); const a = await openPostgres(url, { max: 1 }); await a.exec(`drop database if exists ${name}`); await a.close(); } };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-bench-planning-"));
  const db = await openPglite({ dataDir: dir });
  return { db, where: `PGlite in ${dir}`, drop: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

const ctxOf = (db: Database, actor: Actor): Ctx => ({ db: db.db, actor, now: () => NOW, requestId: newRequestId(), scopes: createScopeResolver(db.db) });
const OFFICES = (JSON.parse(fs.readFileSync("seed/reference/provincial-office-types.json", "utf8")) as { officeTypes: { id: string; departmentId: string | null }[] }).officeTypes.filter((o) => o.departmentId);
const SOURCES = ["function", "function", "function", "province", "cluster", "local", "matching"] as const;
const PLAN = [0.04, 0.06, 0.1, 0.08, 0.08, 0.1, 0.1, 0.1, 0.09, 0.09, 0.08, 0.08];
const MONTHS = Array.from({ length: 12 }, (_, k) => { const m = ((9 + k) % 12) + 1; return `${m >= 10 ? 2025 : 2026}-${String(m).padStart(2, "0")}-01`; });

async function generate(db: Database, province: string, count: number, from: number) {
  const P: (typeof projects.$inferInsert)[] = [];
  const L: (typeof projectBudgetLines.$inferInsert)[] = [];
  const G: (typeof projectProgress.$inferInsert)[] = [];
  const flush = async (force = false) => {
    if (P.length >= 1000 || force) { if (P.length) await db.db.insert(projects).values(P.splice(0)); }
    if (L.length >= 1000 || force) { while (L.length) await db.db.insert(projectBudgetLines).values(L.splice(0, 1000)); }
    if (G.length >= 2000 || force) { while (G.length) await db.db.insert(projectProgress).values(G.splice(0, 2000)); }
  };
  for (let k = 0; k < count; k++) {
    const id = `bench-${province}-${from + k}`;
    const office = pick(OFFICES);
    let total = 0;
    const nLines = int(1, 3);
    for (let j = 0; j < nLines; j++) {
      const amount = int(2, 400) * 10_000;
      total += amount;
      const source = pick(SOURCES);
      L.push({ id: `${id}-l${j}`, projectId: id, provinceCode: province, fiscalYear: 2569, source, funderOrgId: source === "function" ? office.departmentId : null, amount: amount.toFixed(2) });
    }
    P.push({ id, code: `B-${province}-${from + k}`, fiscalYear: 2569, provinceCode: province, origin: "agency", ownerOrgId: `pro:${province}:${office.id}`, agencyId: office.departmentId!, titleTh: `โครงการทดสอบประสิทธิภาพ ${from + k}`, goalIds: [`prov:${province}:goal:${int(1, 3)}.${int(1, 2)}`], status: "in_progress", totalBudget: total.toFixed(2), searchText: "" });
    const pace = rnd() < 0.15 ? 0.6 : 0.95;
    let cum = 0;
    let cumPlan = 0;
    MONTHS.forEach((m, i) => {
      const planned = Math.round(total * PLAN[i]! * 100) / 100;
      cumPlan += planned;
      const d = Math.max(0, Math.round((cumPlan * pace - cum) * 100) / 100);
      cum += d;
      G.push({ projectId: id, month: m, provinceCode: province, fiscalYear: 2569, physicalPct: Math.min(100, (cum / total) * 100).toFixed(2), disbursed: d.toFixed(2), plannedDisbursed: planned.toFixed(2) });
    });
    await flush();
  }
  await flush(true);
}

async function main() {
  const { db, drop, where } = await openScratch();
  try {
    log(`database: ${where}`);
    await prepareDatabase(db, { demo: false, now: () => NOW });
    await recordBudgetAct({ ctx: ctxOf(db, systemActor), input: { fiscalYear: 2569, passedOn: "2025-09-05" } });
    const t0 = performance.now();
    await generate(db, "76", N, 0);
    for (const p of ["57", "34", "31", "40"]) await generate(db, p, 500, 0);
    await db.exec("analyze");
    const loadMs = performance.now() - t0;
    const counts = await db.query<{ p: number; l: number; g: number }>("select (select count(*)::int from projects) as p, (select count(*)::int from project_budget_lines) as l, (select count(*)::int from project_progress) as g");
    log(`generated ${JSON.stringify(counts[0])} in ${Math.round(loadMs)} ms`);
    const gov = ctxOf(db, { kind: "user", id: "bench-gov", name: "bench", grants: [{ role: "governor", scope: "area:province:76" }] });
    const time = async (fn: () => Promise<unknown>, calls: number) => {
      for (let i = 0; i < Math.min(WARMUP, calls); i++) await fn();
      const xs: number[] = [];
      for (let i = 0; i < calls; i++) { const s = performance.now(); await fn(); xs.push(performance.now() - s); }
      return { calls, p50: ms(pct(xs, 50)), p95: ms(pct(xs, 95)), p99: ms(pct(xs, 99)), max: ms(Math.max(...xs)) };
    };
    const sample = await getBudgetDashboard({ ctx: gov, input: { provinceCode: "76", fiscalYear: 2569 } });
    const dashboard = await time(() => getBudgetDashboard({ ctx: gov, input: { provinceCode: "76", fiscalYear: 2569 } }), CALLS);
    const lagging = await time(() => listBudgetProjects({ ctx: gov, input: { provinceCode: "76", fiscalYear: 2569, lagging: true, limit: 50 } }), Math.ceil(CALLS / 2));
    const calendar = await time(() => getDeadlineCalendar({ ctx: gov, input: { provinceCode: "76", fiscalYear: 2569 } }), Math.ceil(CALLS / 2));
    const out = {
      database: db.kind, where, machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      data: { ...counts[0], loadMs: Math.round(loadMs) },
      answer: { projects: sample.totals.projects, budget: sample.totals.budget, agencies: sample.byAgency.length, laggingProjects: sample.lagging.projectsTotal, bytes: JSON.stringify(sample).length },
      dashboardMs: dashboard, laggingPageMs: lagging, calendarMs: calendar, goalP95Ms: GOAL_P95_MS, goalMet: dashboard.p95 <= GOAL_P95_MS,
    };
    emitResult(out);
  } finally {
    if (!process.env.BENCH_KEEP) await drop(); else log(`kept ${where}`);
  }
}
void main().catch((e) => { console.error(e); process.exit(1); });
