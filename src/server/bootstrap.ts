import { systemActor } from "../platform/auth/actor.js";
import type { Database } from "../platform/db/client.js";
import { runMigrations } from "../platform/db/migrate.js";
import { newRequestId, type Ctx } from "../platform/ctx.js";
import { createScopeResolver } from "../modules/registry/index.js";
import type { ModuleStartOptions } from "../platform/module.js";
import { MODULES } from "./modules.js";

/** Applies migrations, then lets every module seed reference data (and the demo) into an empty database. */
export async function prepareDatabase(database: Database, opts: { demo: boolean; now?: () => Date }): Promise<void> {
  await runMigrations(database);
  const ctx: Ctx = { db: database.db, actor: systemActor, now: opts.now ?? (() => new Date()), requestId: newRequestId(), scopes: createScopeResolver(database.db) };
  for (const m of MODULES) if (m.seed) await m.seed(ctx, { demo: opts.demo });
}

/** Starts every module's background work (e.g. resuming accepted imports); the result stops it all, in reverse order. */
export async function startModules(database: Database, opts: { log?: ModuleStartOptions["log"]; now?: () => Date } = {}): Promise<() => Promise<void>> {
  const ctx: Ctx = { db: database.db, actor: systemActor, now: opts.now ?? (() => new Date()), requestId: newRequestId(), scopes: createScopeResolver(database.db) };
  const stops: (() => Promise<void>)[] = [];
  for (const m of MODULES) if (m.start) stops.push(await m.start(ctx, { exclusive: database.kind === "pglite", log: opts.log }));
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
