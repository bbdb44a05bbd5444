// npx tsx bench/report-pdf.ts — the provincial report's generation time (issue 7): Buriram (31) in the demo, as its governor.
//   PGlite in memory, migrated and seeded with the demo exactly as `npm start` seeds it (prepareDatabase, demo on).
//   Env: BENCH_RUNS (default 15). Each run assembles the report (getProvinceReport: the dashboard roll-ups, the cockpit,
//   the budget dashboard, committees) and renders it; the full 6-month report of FY 2570 and the one-page brief, then
//   the 12-month report of FY 2569 (a full year of data). After one warm-up each (fonts, pdfmake). Prints JSON.
import os from "node:os";
import type { Ctx } from "../src/platform/ctx.js";
import { newRequestId } from "../src/platform/ctx.js";
import { openPglite } from "../src/platform/db/client.js";
import { createScopeResolver } from "../src/modules/registry/index.js";
import { getProvinceReport } from "../src/modules/oversight/get-province-report.js";
import { renderProvinceBriefPdf, renderProvinceReportPdf } from "../src/modules/oversight/report-pdf.js";
import { prepareDatabase } from "../src/server/bootstrap.js";
import { emitResult } from "./result.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const NOW = new Date("2026-11-22T03:00:00Z");
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const max = (xs: number[]) => Math.max(...xs);
const r1 = (x: number) => Math.round(x * 10) / 10;

const db = await openPglite({});
await prepareDatabase(db, { demo: true, now: () => NOW });
const ctx: Ctx = { db: db.db, actor: { kind: "user", id: "bench", name: "bench", grants: [{ role: "governor", scope: "area:province:31" }] }, now: () => NOW, requestId: newRequestId(), scopes: createScopeResolver(db.db) };

async function measure(label: string, input: { provinceCode: string; fiscalYear: number; period: "6" | "12" }, render: typeof renderProvinceReportPdf) {
  await render(await getProvinceReport({ ctx, input })); // warm-up
  const model: number[] = [];
  const pdf: number[] = [];
  const total: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = await getProvinceReport({ ctx, input });
    const t1 = performance.now();
    bytes = (await render(r)).length;
    const t2 = performance.now();
    model.push(t1 - t0);
    pdf.push(t2 - t1);
    total.push(t2 - t0);
  }
  return { label, runs: RUNS, modelMedianMs: r1(median(model)), renderMedianMs: r1(median(pdf)), totalMedianMs: r1(median(total)), totalMaxMs: r1(max(total)), kb: Math.round(bytes / 1024) };
}

const results = [
  await measure("6-month report, FY 2570", { provinceCode: "31", fiscalYear: 2570, period: "6" }, renderProvinceReportPdf),
  await measure("executive brief, 6 months, FY 2570", { provinceCode: "31", fiscalYear: 2570, period: "6" }, renderProvinceBriefPdf),
  await measure("12-month report, FY 2569", { provinceCode: "31", fiscalYear: 2569, period: "12" }, renderProvinceReportPdf),
];
await db.close();
emitResult({ machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg().map(r1) }, results });
