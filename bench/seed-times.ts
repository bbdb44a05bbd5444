// npx tsx bench/seed-times.ts [--memory] — where a fresh start's "prepare" goes: how long the migrations take and then
// each module's seed (reference data and the demo scenario), in the order a start runs them, on a new PGlite folder in
// a temporary directory (as `npm start` prepares ./data), or in memory with --memory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openPglite } from "../src/platform/db/client.js";
import { runMigrations } from "../src/platform/db/migrate.js";
import { systemActor } from "../src/platform/auth/actor.js";
import { newRequestId } from "../src/platform/ctx.js";
import { createScopeResolver } from "../src/modules/registry/index.js";
import { MODULES } from "../src/server/modules.js";

const memory = process.argv.includes("--memory");
const dir = memory ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "changwat-seed-times-"));
const rows: [string, number][] = [];
const timed = async (name: string, f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  rows.push([name, performance.now() - t]);
};
try {
  let db!: Awaited<ReturnType<typeof openPglite>>;
  await timed("open a new PGlite folder", async () => (db = await openPglite({ dataDir: dir ? path.join(dir, "data") : undefined })));
  await timed("migrations", () => runMigrations(db));
  const ctx = { db: db.db, actor: systemActor, now: () => new Date(), requestId: newRequestId(), scopes: createScopeResolver(db.db) };
  for (const m of MODULES) if (m.seed) await timed(`seed: ${m.name}`, () => m.seed!(ctx as never, { demo: true }));
  await timed("close (checkpoint)", () => db.close());
} finally {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
const total = rows.reduce((s, [, ms]) => s + ms, 0);
console.log(`| part (${memory ? "in memory" : "on disk"}) | ms | share |\n|---|---|---|`);
for (const [name, ms] of rows) console.log(`| ${name} | ${Math.round(ms)} | ${((ms / total) * 100).toFixed(1)} % |`);
console.log(`| **total** | ${Math.round(total)} | |`);
