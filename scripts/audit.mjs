#!/usr/bin/env node
// `npm run audit`: the dependencies' known vulnerabilities, from the npm registry's advisories (`npm audit`).
// Fails (exit 1) on any high or critical finding in what the product ships (production dependencies); findings in
// development-only packages are listed, and fail only with AUDIT_DEV=1. CI runs it (.ci/run).
// AUDIT_LEVEL (default high) sets the failing level; AUDIT_REPORT_FILE reads a saved `npm audit --json` report instead.
// When the registry's audit service does not answer (some networks allow the registry's downloads but not its audit
// endpoint), it says so plainly and exits 0 — nothing was judged — unless AUDIT_REQUIRED=1, which makes it exit 2.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const LEVELS = ["info", "low", "moderate", "high", "critical"];
const failAt = LEVELS.indexOf(process.env.AUDIT_LEVEL ?? "high");

/** @returns {{ ok: true, report: any } | { ok: false, why: string }} */
function audit(omitDev) {
  // a saved report instead of asking the registry (tests: the registry is the outside world)
  if (process.env.AUDIT_REPORT_FILE) return { ok: true, report: JSON.parse(fs.readFileSync(process.env.AUDIT_REPORT_FILE, "utf8")) };
  const args = ["audit", "--json", ...(omitDev ? ["--omit=dev"] : [])];
  const r = spawnSync("npm", args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  if (r.error) return { ok: false, why: `npm audit could not run: ${r.error.message}` };
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    return { ok: false, why: `npm audit printed no report (exit ${r.status}): ${(r.stderr || r.stdout).trim().slice(0, 300)}` };
  }
  if (!json.metadata?.vulnerabilities) return { ok: false, why: `the registry's audit service did not answer: ${json.message ?? json.error?.summary ?? "no report"}` };
  return { ok: true, report: json };
}

/** The findings at or above the failing level: package, severity, advisories. */
function serious(report) {
  return Object.values(report.vulnerabilities ?? {})
    .filter((v) => LEVELS.indexOf(v.severity) >= failAt)
    .map((v) => ({
      name: v.name,
      severity: v.severity,
      range: v.range,
      fix: v.fixAvailable === false ? "no fix yet" : v.fixAvailable === true ? "npm audit fix" : v.fixAvailable ? `${v.fixAvailable.name}@${v.fixAvailable.version}` : "",
      via: (v.via ?? []).map((x) => (typeof x === "string" ? x : `${x.title ?? ""} ${x.url ?? ""}`.trim())).join("; "),
    }));
}

const prod = audit(true);
if (!prod.ok) {
  console.log(`npm audit: not judged — ${prod.why}`);
  console.log("(nothing is known about the dependencies' advisories from this run; run `npm run audit` where the registry's audit service answers)");
  process.exit(process.env.AUDIT_REQUIRED === "1" ? 2 : 0);
}
const counts = prod.report.metadata.vulnerabilities;
console.log(`npm audit, production dependencies (${prod.report.metadata.dependencies?.prod ?? "?"} packages): ${LEVELS.map((l) => `${l} ${counts[l] ?? 0}`).join(", ")}`);
const bad = serious(prod.report);
for (const f of bad) console.log(`  ${f.severity.toUpperCase()} ${f.name} ${f.range} — ${f.via} (${f.fix})`);

let devBad = [];
const all = audit(false);
if (all.ok) {
  const prodNames = new Set(bad.map((f) => f.name));
  devBad = serious(all.report).filter((f) => !prodNames.has(f.name));
  if (devBad.length) {
    console.log(`development-only packages at ${LEVELS[failAt]} or above (not shipped):`);
    for (const f of devBad) console.log(`  ${f.severity.toUpperCase()} ${f.name} ${f.range} — ${f.via} (${f.fix})`);
  }
}
if (bad.length > 0 || (process.env.AUDIT_DEV === "1" && devBad.length > 0)) {
  console.log(`npm audit: FAILED — ${bad.length} production finding(s) at ${LEVELS[failAt]} or above`);
  process.exit(1);
}
console.log(`npm audit: passed — no production finding at ${LEVELS[failAt]} or above`);
