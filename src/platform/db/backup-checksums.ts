/**
 * Per-table row counts and checksums: what a backup's manifest records and what a restore must reproduce.
 * A table's checksum sums two 64-bit halves of md5(row as text) over its rows and hashes the count with both
 * sums, so it needs no primary key (two tables have none), no order and no memory beyond one row. Row text
 * depends on session settings (time zone, date and bytea output): CHECKSUM_SESSION fixes them.
 */

export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export type TableChecksum = { schema: string; name: string; rows: number; checksum: string };

/** Name of the checksum method in the manifest; a new method gets a new name. */
export const CHECKSUM_ALGORITHM = "changwat-rows-v1: md5(count || ':' || sum(md5(row::text)[0:16] as int8) || ':' || sum(md5(row::text)[16:32] as int8))";

/** Settings for the current transaction that make row text the same on every server and client (run inside BEGIN). */
export const CHECKSUM_SESSION = [
  "set local timezone = 'UTC'",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  "set local bytea_output = 'hex'",
  "set local extra_float_digits = 1",
].join(";\n");

/** The tables (with data of their own: partitions, not their parents) of every schema that is not PostgreSQL's own. */
export const USER_TABLES_SQL = `
  select n.nspname as schema, c.relname as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema')
    and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'
  order by n.nspname collate "C", c.relname collate "C"`;

/** The select computing (rows, checksum) of one table; `relation` is already quoted (format('%I.%I')). */
export function checksumSelect(relation: string): string {
  return `select count(*)::int8 as rows, md5(count(*)::text || ':' || coalesce(sum(('x' || substr(h, 1, 16))::bit(64)::int8::numeric), 0)::text || ':' || coalesce(sum(('x' || substr(h, 17, 16))::bit(64)::int8::numeric), 0)::text) as checksum from (select md5(x::text) as h from ${relation} x) s`;
}

/** A quoted schema-qualified name (as format('%I.%I') would give). */
export function quoteRelation(schema: string, name: string): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return `${q(schema)}.${q(name)}`;
}

/** Counts and checksums of every user table; call inside a transaction after CHECKSUM_SESSION. */
export async function tableChecksums(query: Query): Promise<TableChecksum[]> {
  const tables = await query<{ schema: string; name: string }>(USER_TABLES_SQL);
  const out: TableChecksum[] = [];
  for (const t of tables) {
    const [r] = await query<{ rows: string | number; checksum: string }>(checksumSelect(quoteRelation(t.schema, t.name)));
    out.push({ schema: t.schema, name: t.name, rows: Number(r!.rows), checksum: r!.checksum });
  }
  return out;
}

export type TableVerification = { table: string; expectedRows: number | null; rows: number | null; expectedChecksum: string | null; checksum: string | null; ok: boolean };

/** Compares a database's tables with the manifest's: every table in either list, with whether it matches. */
export function compareChecksums(expected: readonly TableChecksum[], actual: readonly TableChecksum[]): { ok: boolean; tables: TableVerification[] } {
  const key = (t: TableChecksum) => `${t.schema}.${t.name}`;
  const got = new Map(actual.map((t) => [key(t), t]));
  const tables: TableVerification[] = expected.map((e) => {
    const a = got.get(key(e));
    got.delete(key(e));
    return { table: key(e), expectedRows: e.rows, rows: a?.rows ?? null, expectedChecksum: e.checksum, checksum: a?.checksum ?? null, ok: !!a && a.rows === e.rows && a.checksum === e.checksum };
  });
  for (const a of got.values()) tables.push({ table: key(a), expectedRows: null, rows: a.rows, expectedChecksum: null, checksum: a.checksum, ok: false });
  return { ok: tables.every((t) => t.ok), tables };
}
