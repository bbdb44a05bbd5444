// npx tsx bench/seed-times.ts — how long each part of the demo seed takes on an in-memory PGlite (registry and the
// other modules first, untimed except for the performance module's three demo seeds, timed one by one).
import { openPglite } from "../src/platform/db/client.js";
import { runMigrations } from "../src/platform/db/migrate.js";
import { systemActor } from "../src/platform/auth/actor.js";
import { newRequestId } from "../src/platform/ctx.js";
import { createScopeResolver } from "../src/modules/registry/index.js";
import { MODULES } from "../src/server/modules.js";
import { seedPerformanceDemo } from "../src/modules/performance/seed-demo.js";
import { seedAgreementsDemo } from "../src/modules/performance/seed-demo-agreements.js";
import { seedPilotsDemo } from "../src/modules/performance/seed-demo-pilots.js";
const db = await openPglite({});
await runMigrations(db);
const ctx = { db: db.db, actor: systemActor, now: () => new Date(), requestId: newRequestId(), scopes: createScopeResolver(db.db) };
const t0 = performance.now();
for (const m of MODULES) { if (m.seed && m.name !== "performance") await m.seed(ctx as never, { demo: true }); }
console.log("other modules (reference + demo)", Math.round(performance.now() - t0));
for (const [n, f] of [["kpis", seedPerformanceDemo], ["agreements", seedAgreementsDemo], ["pilots", seedPilotsDemo]] as const) { const t = performance.now(); await f({ ctx } as never); console.log(n, Math.round(performance.now() - t)); }
await db.close();
