// Builds the server bundle (esbuild, dependencies external) and the web app (Vite) into dist/.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const t = Date.now();
fs.rmSync("dist/server", { recursive: true, force: true });
await build({
  entryPoints: ["src/server/main.ts", "src/server/migrate-cli.ts", "src/server/backup-cli.ts", "src/server/restore-cli.ts"],
  outdir: "dist/server",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
execFileSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], { stdio: "inherit" });
fs.writeFileSync("dist/.build-stamp", String(Date.now()));
console.log(`build done in ${Date.now() - t} ms`);
