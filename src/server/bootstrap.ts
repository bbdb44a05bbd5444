import { systemActor } from "../platform/auth/actor.js";
import type { Database } from "../platform/db/client.js";
import { runMigrations } from "../platform/db/migrate.js";
import { newRequestId, type Ctx } from "../platform/ctx.js";
import { createScopeResolver } from "../modules/registry/index.js";
import { MODULES } from "./modules.js";

/** Applies migrations, then lets every module seed reference data (and the demo) into an empty database. */
export async function prepareDatabase(database: Database, opts: { demo: boolean; now?: () => Date }): Promise<void> {
  await runMigrations(database);
  const ctx: Ctx = { db: database.db, actor: systemActor, now: opts.now ?? (() => new Date()), requestId: newRequestId(), scopes: createScopeResolver(database.db) };
  for (const m of MODULES) if (m.seed) await m.seed(ctx, { demo: opts.demo });
}
