/**
 * Several app processes on one PostgreSQL database start together: each calls prepareDatabase (migrate + seed).
 * The advisory lock makes them take turns, so the work is done once, nobody fails, and the database ends as one
 * start leaves it. Each "process" here has its own pool (and so its own connections), as separate processes would.
 * PGlite is one process behind its folder lock: nothing to race there.
 */
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgres, type Database } from "../platform/db/client.js";
import { migrationStatus, PREPARE_LOCK_KEY } from "../platform/db/migrate.js";
import { prepareDatabase } from "./bootstrap.js";
import { FIXED_NOW } from "../../test/clock.js";

const url = process.env.DATABASE_URL;
const created: string[] = [];

async function scratchDatabase(): Promise<string> {
  const name = `changwat_t_${randomBytes(6).toString("hex")}`;
  const admin = await openPostgres(url!, { max: 1 });
  await admin.exec(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
  await admin.close();
  created.push(name);
  const u = new URL(url!);
  u.pathname = `/${name}`;
  return u.toString();
}

afterAll(async () => {
  if (!created.length) return;
  const admin = await openPostgres(url!, { max: 1 });
  for (const name of created) await admin.exec(`drop database if exists ${name} with (force)`);
  await admin.close();
});

/** Rows per public table, and a digest of the seeded reference keys: what one start leaves behind. */
async function contents(db: Database): Promise<{ counts: Record<string, number>; digest: Record<string, string> }> {
  const tables = (await db.query<{ t: string }>("select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")).map((r) => r.t);
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = (await db.query<{ n: number }>(`select count(*)::int as n from "${t}"`))[0]!.n;
  const digest: Record<string, string> = {};
  for (const t of ["areas", "organizations", "posts", "case_categories", "powers", "public_holidays", "office_types"]) {
    const pk = (await db.query<{ c: string }>("select a.attname as c from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where i.indrelid = $1::regclass and i.indisprimary order by a.attnum", [t])).map((r) => `"${r.c}"::text`);
    expect(pk.length).toBeGreaterThan(0);
    const key = pk.join(` || '/' || `);
    digest[t] = (await db.query<{ d: string }>(`select md5(coalesce(string_agg(${key}, ',' order by ${key}), '')) as d from "${t}"`))[0]!.d;
  }
  return { counts, digest };
}

describe("prepareDatabase from several processes at once (PostgreSQL)", () => {
  it.skipIf(!url)("waits on the advisory lock, then migrates and seeds once: every start succeeds and the database is as after one start", { timeout: 120_000 }, async () => {
    // the reference: one process alone
    const aloneUrl = await scratchDatabase();
    const alone = await openPostgres(aloneUrl, { max: 2 });
    await prepareDatabase(alone, { demo: false, now: () => FIXED_NOW });
    const expected = await contents(alone);
    await alone.close();
    expect(expected.counts.areas).toBeGreaterThan(7000);

    const sharedUrl = await scratchDatabase();
    // two connections: one holds the lock, the other looks on
    const holder = await openPostgres(sharedUrl, { max: 2 });
    const processes = await Promise.all([1, 2, 3].map(() => openPostgres(sharedUrl, { max: 2 })));
    try {
      // hold the lock first, so that all three are seen waiting on it before any of them has done anything
      const lockConn = await holder.pool!.connect();
      await lockConn.query("select pg_advisory_lock($1::int8)", [PREPARE_LOCK_KEY]);
      const starts = processes.map((p) => prepareDatabase(p, { demo: false, now: () => FIXED_NOW }).then(() => "ok", (e: Error) => e));
      const waiting = async () =>
        (await holder.query<{ n: number }>("select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())"))[0]!.n;
      for (let i = 0; (await waiting()) < 3; i++) {
        if (i > 600) throw new Error("the three starts never waited on the advisory lock");
        await sleep(50);
      }
      expect((await migrationStatus(holder)).applied).toBe(0);
      await lockConn.query("select pg_advisory_unlock($1::int8)", [PREPARE_LOCK_KEY]);
      lockConn.release();

      expect(await Promise.all(starts)).toEqual(["ok", "ok", "ok"]);
      const status = await migrationStatus(holder);
      expect(status.applied).toBe(status.expected);
      expect(await contents(holder)).toEqual(expected);
      // and the lock is free again: a later start (a restart) goes straight through
      await prepareDatabase(processes[0]!, { demo: false, now: () => FIXED_NOW });
      expect((await holder.query<{ n: number }>("select count(*)::int as n from pg_locks where locktype = 'advisory'"))[0]!.n).toBe(0);
    } finally {
      for (const p of processes) await p.close();
      await holder.close();
    }
  });
});
