import type { FastifyPluginAsync } from "fastify";
import type { Ctx } from "./ctx.js";
import type { Operation } from "./auth/policy.js";
import type { JobDefinition } from "./jobs/types.js";

/** What a module declares about itself; the composition root (server/app.ts) is a list of these. */
export type ModuleManifest = {
  name: string;
  /** Fastify plugin mounted under /api/v1 */
  routes?: FastifyPluginAsync;
  /** Fastify plugin mounted at the root, for standards that fix their own paths (e.g. /open311/v2) */
  rootRoutes?: FastifyPluginAsync;
  /** operations this module defines in platform/auth/policy.ts */
  operations: readonly Operation[];
  /** audit actions its use cases write */
  auditActions: readonly string[];
  /** loads reference data (always) and the demo scenario (when demo is on) into an empty database */
  seed?: (ctx: Ctx, opts: { demo: boolean; referenceDir?: string }) => Promise<void>;
  /** background work when the server starts (after migrations and seeds); returns how to stop it on shutdown */
  start?: (ctx: Ctx, opts: ModuleStartOptions) => Promise<() => Promise<void>>;
  /** scheduled jobs (pg-boss, platform/jobs): registered at start-up unless JOBS=off; each run must be idempotent */
  jobs?: readonly JobDefinition[];
};

export type ModuleStartOptions = {
  /** this process alone uses the database (embedded PGlite behind its folder lock) */
  exclusive: boolean;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
};
