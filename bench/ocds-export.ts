// npx tsx bench/ocds-export.ts — the OCDS bulk download (issue 5) with 10,000, 50,000 and 100,000 releases.
//   PGlite (default): a new database in a temp folder, removed afterwards.
//   PostgreSQL: DATABASE_URL=postgres://changwat:changwat@127.0.0.1:5432/changwat npx tsx bench/ocds-export.ts
//     creates a scratch database next to the one named (UTF-8, C.UTF-8), drops it afterwards.
// Env: BENCH_OCDS_STEPS (default "10000,50000,100000").
//
// 1. migrates and seeds reference data as the app does (prepareDatabase, no demo), one project of Chiang Rai;
// 2. grows the table to each step with set-based INSERTs (bench/ocds-data.ts: each process has two tenderers, an
//    award, a contract and two payments);
// 3. downloads GET /api/v1/planning/ocds/releases.json through the real app on a listening socket with fetch,
//    reading the stream chunk by chunk, counts the bytes, and samples RSS and heap every 50 ms while it runs;
//    checks the body parses as one package with every release. Prints JSON.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { openPglite, openPostgres, type Database } from "../src/platform/db/client.js";
import { projects } from "../src/modules/planning/tables.js";
import { prepareDatabase } from "../src/server/bootstrap.js";
import { buildApp } from "../src/server/app.js";
import { insertSyntheticProcurements } from "./ocds-data.js";
import { emitResult } from "./result.js";

const STEPS = (process.env.BENCH_OCDS_STEPS ?? "10000,50000,100000").split(",").map(Number);
const NOW = new Date("2026-11-22T03:00:00Z");
const log = (msg: string) => process.stderr.write(`[ocds-bench] ${msg}\n`);
const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;

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
    return { db, where: "PostgreSQL (scratch database)", drop: async () => { await db.close(); const a = await openPostgres(url, { max: 1 }); await a.exec(`drop database if exists ${name}`); await a.close(); } };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-bench-ocds-"));
  const db = await openPglite({ dataDir: dir });
  return { db, where: "PGlite", drop: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

const { db, drop, where } = await openScratch();
try {
  log(`preparing ${where}`);
  await prepareDatabase(db, { demo: false });
  const owner = (await db.query<{ id: string }>("select id from organizations where id like 'pro:57:%' order by id limit 1"))[0]!.id;
  // the project the processes hang on (no demo strategy here, so written directly rather than through createProject)
  const project = { id: "bench-ocds-project" };
  await db.db.insert(projects).values({ id: project.id, code: "BENCH-OCDS-57", fiscalYear: 2570, provinceCode: "57", origin: "agency", ownerOrgId: owner, agencyId: owner, titleTh: "โครงการทดสอบสมรรถนะ", status: "approved", totalBudget: "1000000000.00" });
  const app = await buildApp({ database: db, env: { demo: false, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => NOW, logger: false, webDir: null, rateLimitMax: 1_000_000 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/planning/ocds/releases.json`;
  const results: object[] = [];
  let have = 0;
  for (const target of STEPS) {
    const t0 = performance.now();
    await insertSyntheticProcurements(db, { n: target - have, from: have, projectId: project.id, buyerOrgId: owner, provinceCode: "57" });
    log(`inserted ${target - have} processes in ${Math.round(performance.now() - t0)} ms`);
    have = target;
    // fresh statistics, as autovacuum keeps them on a live server: without them the planner may scan whole tables per batch
    await db.exec("analyze procurements; analyze procurement_parties; analyze procurement_contracts; analyze procurement_payments;");
    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 50);
    const start = performance.now();
    const res = await fetch(url);
    const reader = res.body!.getReader();
    let bytes = 0;
    let firstByteMs = 0;
    let tail = "";
    let head = "";
    for (;;) {
      const c = await reader.read();
      if (c.done) break;
      if (!bytes) firstByteMs = performance.now() - start;
      bytes += c.value.byteLength;
      // keep only the ends (the body itself is never held): enough to check it is one closed package
      if (head.length < 200) head += Buffer.from(c.value).toString("utf8", 0, 200);
      tail = (tail + Buffer.from(c.value).toString("utf8")).slice(-200);
    }
    const secs = (performance.now() - start) / 1000;
    clearInterval(sampler);
    const ok = res.status === 200 && head.startsWith('{"uri":') && tail.endsWith("]}");
    const count = (await db.query<{ n: number }>("select count(*)::int as n from procurements"))[0]!.n;
    const r = { releases: count, seconds: Math.round(secs * 100) / 100, releasesPerSecond: Math.round(count / secs), mbPerSecond: Math.round((bytes / 1024 / 1024 / secs) * 10) / 10, megabytes: mb(bytes), firstByteMs: Math.round(firstByteMs), rssBeforeMb: mb(base.rss), peakRssMb: mb(peakRss), heapBeforeMb: mb(base.heapUsed), peakHeapMb: mb(peakHeap), ok };
    log(JSON.stringify(r));
    results.push(r);
  }
  await app.close();
  emitResult({ database: where, node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 1e9), results });
} finally {
  await drop();
}
