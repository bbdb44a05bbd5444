import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { Db as IDatabase } from "pg-boss";
import type { Database } from "../db/client.js";

// pg-boss sends some statements as one parameterless text that opens its own transaction ("BEGIN; SELECT
// pg_advisory_xact_lock(…); …; COMMIT;"). If a statement in it fails, the session is left inside an aborted
// transaction: every later statement on that session fails until a ROLLBACK.
const OPENS_TRANSACTION = /\bbegin\b/i;

/**
 * pg-boss's database, over the application's own connection: PGlite has one session for the whole process,
 * and on PostgreSQL pg-boss borrows the application's pool (no second pool, and test databases need no URL).
 */
export function bossDatabase(database: Database): IDatabase {
  if (database.pglite) return pgliteSession(database.pglite);
  if (database.pool) return pooledSessions(database.pool);
  throw new Error("bossDatabase: neither a PGlite instance nor a PostgreSQL pool");
}

/**
 * Parameterised statements are single and autocommit. A text that opens a transaction runs inside
 * `pglite.transaction`, which holds PGlite's transaction lock until it has rolled back on failure, so no
 * application query can slip into the aborted transaction in between. (pg-boss's own `fromPglite` rolls back
 * with a separate query after releasing the lock; with the application sharing the instance, that leaves a
 * window.) PGlite warns about the nested BEGIN and the outer COMMIT finding no transaction; both are harmless.
 */
function pgliteSession(pglite: PGlite): IDatabase {
  const flatten = (results: { rows: unknown[] }[]) => ({ rows: results.flatMap((r) => r.rows ?? []) });
  return {
    async executeSql(text, values) {
      if (values?.length) return { rows: (await pglite.query(text, values)).rows };
      if (!OPENS_TRANSACTION.test(text)) return flatten(await pglite.exec(text));
      return pglite.transaction(async (tx) => flatten(await tx.exec(text)));
    },
  };
}

/** On the pool, a failed transaction block is rolled back on its own connection before the connection goes back. */
function pooledSessions(pool: pg.Pool): IDatabase {
  const flatten = (r: pg.QueryResult | pg.QueryResult[]) => ({ rows: Array.isArray(r) ? r.flatMap((x) => x.rows ?? []) : r.rows });
  return {
    async executeSql(text, values) {
      if (values?.length || !OPENS_TRANSACTION.test(text)) return flatten(await pool.query(text, values));
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return flatten((await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[]);
      } catch (e) {
        await client.query("ROLLBACK").catch((err: Error) => (broken = err));
        throw e;
      } finally {
        client.release(broken);
      }
    },
  };
}
