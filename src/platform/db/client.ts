import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { lockDataDir, type DataDirLock } from "./lock.js";

// No relational schema is passed to Drizzle: modules query their own tables with the core query builder.
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export type Database = {
  kind: "pglite" | "postgres";
  db: Db;
  /** Run raw SQL (several statements allowed) outside Drizzle: migrations helpers, checks, benchmarks. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
};

export class DatabaseConfigError extends Error {}

/**
 * Postgres settings for the embedded database. PGlite's default shared_buffers is 128 MB, and it lives in the
 * WASM heap of this process: buffers once used stay resident. The whole database (reference data + demo) is
 * about 26 MB, so 32 MB still holds every page of it; a larger database reads the rest through the OS page cache.
 */
export const PGLITE_START_PARAMS: readonly string[] = [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"];

/** Whether a PGlite data folder (as given to `openPglite`) already holds a database. */
export function pgliteDatabaseExists(dataDir: string): boolean {
  return fs.existsSync(path.join(path.resolve(dataDir), "pg", "PG_VERSION"));
}

export async function openPglite(opts: {
  dataDir?: string;
  loadDataDir?: Blob | File;
  lock?: boolean;
  /** Called with the folder, under the lock, when it holds no database yet; may create it (e.g. in a child process). */
  prepareNewFolder?: (dataDir: string) => Promise<void>;
}): Promise<Database> {
  let lock: DataDirLock | undefined;
  let dir: string | undefined;
  if (opts.dataDir) {
    dir = path.resolve(opts.dataDir);
    fs.mkdirSync(dir, { recursive: true });
    if (opts.lock !== false) lock = lockDataDir(dir);
  }
  try {
    if (dir && opts.prepareNewFolder && !pgliteDatabaseExists(dir)) await opts.prepareNewFolder(dir);
    const pgDir = dir ? path.join(dir, "pg") : undefined;
    const client = await PGlite.create({
      dataDir: pgDir,
      extensions: { pg_trgm },
      loadDataDir: opts.loadDataDir,
      startParams: [...PGLITE_START_PARAMS],
    });
    const db = drizzlePglite({ client }) as unknown as Db;
    return {
      kind: "pglite",
      db,
      pglite: client,
      exec: async (sql) => {
        await client.exec(sql);
      },
      query: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params as unknown[])).rows,
      close: async () => {
        if (!client.closed) await client.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  pool.on("error", () => {
    /* idle client errors surface on the next query; never crash the process */
  });
  try {
    const { rows } = await pool.query<{ datctype: string; enc: string }>(
      "select datctype, pg_encoding_to_char(encoding) as enc from pg_database where datname = current_database()",
    );
    const info = rows[0];
    if (!info || info.enc !== "UTF8" || !/utf-?8/i.test(info.datctype)) {
      throw new DatabaseConfigError(
        `The PostgreSQL database must use UTF-8 encoding and a UTF-8 ctype (found encoding ${info?.enc}, ctype ${info?.datctype}); ` +
          `Thai search depends on it. Create it with: CREATE DATABASE changwat ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8' TEMPLATE template0;\n` +
          `ฐานข้อมูล PostgreSQL ต้องใช้การเข้ารหัส UTF-8 และ ctype แบบ UTF-8 (พบ ${info?.enc}, ${info?.datctype}) การค้นหาภาษาไทยต้องใช้ค่านี้`,
      );
    }
  } catch (e) {
    await pool.end();
    throw e;
  }
  const db = drizzlePg({ client: pool }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    pool,
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    close: async () => {
      await pool.end();
    },
  };
}

export async function openDatabase(opts: { databaseUrl?: string; poolMax?: number; dataDir: string; prepareNewFolder?: (dataDir: string) => Promise<void> }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, { max: opts.poolMax }) : openPglite({ dataDir: opts.dataDir, prepareNewFolder: opts.prepareNewFolder });
}
