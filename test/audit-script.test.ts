// scripts/audit.mjs (npm run audit, run by CI): fails on a high or critical advisory in a production dependency, lists
// development-only ones without failing, passes on lesser findings. The registry is the outside world here: the
// reports are saved `npm audit --json` output in npm 10's shape, read through AUDIT_REPORT_FILE.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-audit-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Vuln = { name: string; severity: "low" | "moderate" | "high" | "critical"; dev?: boolean };
function report(vulns: Vuln[]) {
  const count = (l: string) => vulns.filter((v) => v.severity === l).length;
  return {
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(
      vulns.map((v) => [v.name, { name: v.name, severity: v.severity, isDirect: true, range: "<1.2.3", nodes: [`node_modules/${v.name}`], fixAvailable: { name: v.name, version: "1.2.3", isSemVerMajor: false }, via: [{ source: 1, name: v.name, title: `Prototype pollution in ${v.name}`, url: `https://github.com/advisories/GHSA-test-${v.name}`, severity: v.severity, range: "<1.2.3" }] }]),
    ),
    metadata: { vulnerabilities: { info: 0, low: count("low"), moderate: count("moderate"), high: count("high"), critical: count("critical"), total: vulns.length }, dependencies: { prod: 120, dev: 300, total: 420 } },
  };
}
function run(vulns: Vuln[], env: Record<string, string> = {}) {
  const file = path.join(dir, `r-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(report(vulns)));
  const r = spawnSync(process.execPath, ["scripts/audit.mjs"], { encoding: "utf8", env: { ...process.env, AUDIT_REPORT_FILE: file, ...env } });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe("npm run audit", () => {
  it("passes with no findings, and with low and moderate ones", () => {
    expect(run([]).status).toBe(0);
    const r = run([{ name: "left-pad", severity: "moderate" }, { name: "is-odd", severity: "low" }]);
    expect(r.status).toBe(0);
    expect(r.out).toContain("moderate 1");
    expect(r.out).toContain("passed");
  });

  it("fails on a high or a critical finding, naming the package and its advisory", () => {
    for (const severity of ["high", "critical"] as const) {
      const r = run([{ name: "fast-xml", severity }]);
      expect(r.status).toBe(1);
      expect(r.out).toContain(`${severity.toUpperCase()} fast-xml`);
      expect(r.out).toContain("GHSA-test-fast-xml");
      expect(r.out).toContain("FAILED");
    }
  });

  it("AUDIT_LEVEL lowers the bar", () => {
    expect(run([{ name: "left-pad", severity: "moderate" }], { AUDIT_LEVEL: "moderate" }).status).toBe(1);
  });
});
