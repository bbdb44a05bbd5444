/**
 * Writes sample round reports (PDF + XLSX, five-level and pb-pt) from a made-up, demo-labelled agreement, so a
 * maintainer can look at the output: `npx tsx scripts/render-sample-report.ts /tmp/out`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderRoundReportPdf } from "../src/modules/performance/report-pdf.js";
import { sampleRoundReport } from "../src/modules/performance/report-sample.js";
import { renderRoundReportXlsx } from "../src/modules/performance/report-xlsx.js";

const dir = path.resolve(process.argv[2] ?? "sample-report");
mkdirSync(dir, { recursive: true });
const generatedAt = new Date().toISOString();
const samples = [
  { name: "sample-round-report-five-level", report: sampleRoundReport({ scheme: "five-level", round: 6, generatedAt }) },
  { name: "sample-round-report-pb-pt", report: sampleRoundReport({ scheme: "pb-pt", round: 12, generatedAt }) },
];
for (const { name, report } of samples) {
  for (const [ext, render] of [["pdf", renderRoundReportPdf], ["xlsx", renderRoundReportXlsx]] as const) {
    const file = path.join(dir, `${name}.${ext}`);
    writeFileSync(file, await render(report));
    console.log(file);
  }
}
