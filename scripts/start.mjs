// npm start: build when sources are newer than dist/, then run the server (PGlite in ./data unless DATABASE_URL).
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const stamp = fs.existsSync("dist/.build-stamp") ? fs.statSync("dist/.build-stamp").mtimeMs : 0;
const sources = Math.max(newest("src"), newest("seed"), newest("migrations"), fs.statSync("package.json").mtimeMs);
if (!fs.existsSync("dist/server/main.js") || sources > stamp) execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
const child = spawn(process.execPath, ["--enable-source-maps", "dist/server/main.js"], { stdio: "inherit" });
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => child.kill(s));
child.on("exit", (code) => process.exit(code ?? 0));
