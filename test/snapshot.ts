import type { Database } from "../src/platform/db/client.js";

/**
 * A fingerprint of whole tables (row count + md5 of every row's text, in a fixed order): equal before and
 * after a call means the call wrote nothing to them — no insert, update or delete.
 */
export async function snapshot(db: Database, tables: Record<string, string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, orderBy] of Object.entries(tables)) {
    const [r] = await db.query<{ n: number; h: string }>(`select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by ${orderBy}), '')) as h from ${table} x`);
    out[table] = `${r!.n}:${r!.h}`;
  }
  return out;
}

/**
 * Makes every audit insert by `actorId` fail (a trigger on this test file's own database copy). A use case
 * whose change survives that failure wrote its audit record outside the change's transaction.
 */
export async function failAuditWritesBy(db: Database, actorId: string): Promise<void> {
  if (!/^[a-z0-9-]+$/.test(actorId)) throw new Error("actor id must be a plain slug");
  await db.exec(`
    create or replace function test_fail_audit() returns trigger language plpgsql as $fn$
    begin
      if new.actor_id = '${actorId}' then raise exception 'test: audit write refused for %', new.action; end if;
      return new;
    end $fn$;
    drop trigger if exists test_fail_audit on audit_log;
    create trigger test_fail_audit before insert on audit_log for each row execute function test_fail_audit();`);
}

/** An error's message and those of its causes (drivers wrap the database's message in "Failed query: …"). */
export function errorChain(e: unknown): string {
  const parts: string[] = [];
  for (let x = e as { message?: unknown; cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++) parts.push(String(x.message ?? x));
  return parts.join(" ← ");
}

/** The fingerprint of every table of the schema but sessions (logging in writes one): equal before and after means nothing at all was written. */
export async function fingerprintAll(db: Database): Promise<Record<string, string>> {
  const tables = await db.query<{ t: string }>("select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'sessions' order by 1");
  return snapshot(db, Object.fromEntries(tables.map(({ t }) => [`"${t}"`, "x::text"])));
}

