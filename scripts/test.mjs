// npm test: module boundaries, types, unit/integration tests (real database), then browser journeys.
// Browser journeys need Debian's chromium; without it they are skipped with a message, unless CI or
// REQUIRE_BROWSER=1 is set, when a missing browser fails the run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const run = (label, cmd, args, env = {}) => {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`✖ ${label} failed`);
    process.exit(r.status ?? 1);
  }
};
const node = process.execPath;
run("module boundaries (dependency-cruiser)", node, ["node_modules/dependency-cruiser/bin/dependency-cruise.mjs", "src", "--config", ".dependency-cruiser.cjs", "--output-type", "err"]);
run("types (tsc --noEmit)", node, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "tsconfig.json"]);
run(`tests on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`, node, ["node_modules/vitest/vitest.mjs", "run"]);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const required = process.env.CI === "true" || process.env.REQUIRE_BROWSER === "1";
if (fs.existsSync(chromium)) {
  run("web build for browser journeys", node, ["scripts/build.mjs"]);
  run("browser journeys (Chromium)", node, ["node_modules/vitest/vitest.mjs", "run", "--config", "vitest.e2e.config.ts"]);
} else if (required) {
  console.error(`✖ browser journeys required but ${chromium} is missing (apt-get install chromium fonts-thai-tlwg)`);
  process.exit(1);
} else {
  console.log(`\n⚠ browser journeys SKIPPED: ${chromium} not found (apt-get install chromium fonts-thai-tlwg to run them)`);
}
