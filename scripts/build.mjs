// Builds the server bundle (esbuild, dependencies external) and the web app (Vite) into dist/.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

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
// every text asset also as brotli and gzip beside it: the server sends them as they are (@fastify/static preCompressed)
const compressed = precompress("dist/web/assets");
fs.writeFileSync("dist/.build-stamp", String(Date.now()));
console.log(`precompressed ${compressed.files} assets: ${(compressed.raw / 1024).toFixed(0)} KB → brotli ${(compressed.br / 1024).toFixed(0)} KB, gzip ${(compressed.gz / 1024).toFixed(0)} KB`);
console.log(`build done in ${Date.now() - t} ms`);

/** Writes `<file>.br` and `<file>.gz` beside each JS, CSS, SVG and JSON asset when that saves at least a tenth. */
function precompress(dir) {
  const out = { files: 0, raw: 0, br: 0, gz: 0 };
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir)) {
    if (!/\.(js|css|svg|json|map|txt)$/.test(name) || name.endsWith(".map")) continue;
    const file = path.join(dir, name);
    const raw = fs.readFileSync(file);
    const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    const gz = zlib.gzipSync(raw, { level: 9 });
    if (br.length > raw.length * 0.9) continue;
    fs.writeFileSync(`${file}.br`, br);
    fs.writeFileSync(`${file}.gz`, gz);
    out.files++;
    out.raw += raw.length;
    out.br += br.length;
    out.gz += gz.length;
  }
  return out;
}

