import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Database } from "./client.js";

/** The committed migrations folder, found from this file whether running from src/ or dist/. */
export function migrationsFolder(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, "migrations");
    if (fs.existsSync(path.join(candidate, "meta", "_journal.json"))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error("migrations folder not found");
}

export async function runMigrations(database: Database): Promise<void> {
  const migrationsFolderPath = migrationsFolder();
  if (database.kind === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase<Record<string, unknown>>, { migrationsFolder: migrationsFolderPath });
  } else {
    await migratePg(database.db as unknown as NodePgDatabase<Record<string, unknown>>, { migrationsFolder: migrationsFolderPath });
  }
}

/** Key of the PostgreSQL advisory lock that serialises migrating and seeding ("Changwat" in ASCII, as an int8). */
export const PREPARE_LOCK_KEY = "4857239324929253748";

/**
 * Runs `fn` holding PostgreSQL's session advisory lock PREPARE_LOCK_KEY on a connection of its own (outside the
 * pool, so a pool of one still serves `fn`): app processes started together migrate and seed one after another,
 * and the later ones find the work done. The server closes the connection, and so frees the lock, if this process
 * dies. PGlite is one process behind its folder lock, so there `fn` just runs.
 */
export async function withPrepareLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (database.kind !== "postgres" || !database.pool) return fn();
  const client = new pg.Client(database.pool.options);
  client.on("error", () => {
    /* a lost connection frees the lock server-side; fn's own queries report the outage */
  });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1::int8)", [PREPARE_LOCK_KEY]);
    try {
      return await fn();
    } finally {
      await client.query("select pg_advisory_unlock($1::int8)", [PREPARE_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** Number of committed migrations and applied ones; /ready needs both equal. */
export async function migrationStatus(database: Database): Promise<{ expected: number; applied: number }> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  let applied = 0;
  try {
    const rows = await database.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
    applied = rows[0]?.n ?? 0;
  } catch {
    applied = 0;
  }
  return { expected: journal.entries.length, applied };
}
