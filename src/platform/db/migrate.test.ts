/**
 * Migrations from an empty database, on the engine the suite runs against: PGlite by default,
 * PostgreSQL when DATABASE_URL is set (CI runs both). Applying them twice changes nothing.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { scratchPostgres } from "../../../test/db.js";
import { DatabaseConfigError, openPglite, openPostgres, type Database } from "./client.js";
import { migrationStatus, runMigrations } from "./migrate.js";

async function emptyDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  return url ? scratchPostgres(url, "template template0 encoding 'UTF8'") : openPglite({});
}

const tables = async (db: Database) =>
  (await db.query<{ t: string }>("select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")).map((r) => r.t);

describe(`migrations from empty (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("an empty database has nothing applied; migrating applies every committed migration; a second run is a no-op", async () => {
    const db = await emptyDatabase();
    try {
      const before = await migrationStatus(db);
      expect(before.applied).toBe(0);
      expect(before.expected).toBeGreaterThan(0);
      expect(await tables(db)).toEqual([]);

      await runMigrations(db);
      const after = await migrationStatus(db);
      expect(after.applied).toBe(after.expected);
      const created = await tables(db);
      for (const t of ["areas", "organizations", "posts", "persons", "memberships", "accounts", "sessions", "grants", "api_keys", "audit_log", "public_holidays", "import_jobs"]) {
        expect(created).toContain(t);
      }
      // the extension Thai fuzzy search needs, and the audit table's append-only trigger
      const ext = await db.query<{ extname: string }>("select extname from pg_extension where extname = 'pg_trgm'");
      expect(ext).toHaveLength(1);
      await db.exec("insert into audit_log (at, actor_kind, actor_name, action, entity_type, entity_id, request_id) values (now(), 'system', 'x', 'test', 'test', 't1', gen_random_uuid())");
      await expect(db.exec("update audit_log set action = 'changed' where entity_id = 't1'")).rejects.toThrow();
      await expect(db.exec("delete from audit_log where entity_id = 't1'")).rejects.toThrow();

      await runMigrations(db);
      expect(await migrationStatus(db)).toEqual(after);
      expect(await tables(db)).toEqual(created);
    } finally {
      await db.close();
    }
  });
});

describe("PostgreSQL whose encoding or ctype is not UTF-8", () => {
  // PGlite is always UTF-8; this runs in CI's PostgreSQL pass (DATABASE_URL set)
  it.skipIf(!process.env.DATABASE_URL)("is refused at start-up with a clear message, because Thai search depends on it", async () => {
    const url = process.env.DATABASE_URL!;
    const name = `changwat_ascii_${randomBytes(5).toString("hex")}`;
    const admin = await openPostgres(url, { max: 1 });
    await admin.exec(`create database ${name} template template0 encoding 'SQL_ASCII' lc_ctype 'C' lc_collate 'C'`);
    try {
      const u = new URL(url);
      u.pathname = `/${name}`;
      const err = await openPostgres(u.toString(), { max: 1 }).then(
        async (db) => {
          await db.close();
          return null;
        },
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DatabaseConfigError);
      expect((err as Error).message).toMatch(/UTF-8/);
      expect((err as Error).message).toMatch(/SQL_ASCII/);
    } finally {
      await admin.exec(`drop database if exists ${name}`);
      await admin.close();
    }
  });
});
