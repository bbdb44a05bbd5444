import { getTableColumns, getTableName, sql, type Column, type SQLWrapper } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Ctx } from "../ctx.js";

/** Rows to insert into one table, not yet written: a part of a change sent as one statement (executeAsOne). */
export type RowsWrite = { table: PgTable; rows: readonly Record<string, unknown>[] };

/** The rows of one INSERT (one row or several) as a part for executeAsOne. */
export function insertRows<T extends PgTable>(table: T, rows: T["$inferInsert"] | readonly T["$inferInsert"][]): RowsWrite {
  return { table, rows: (Array.isArray(rows) ? rows : [rows]) as readonly Record<string, unknown>[] };
}

type RawClient = { query: (text: string, params?: unknown[]) => Promise<unknown> };

/**
 * Writes several tables' rows as ONE SQL statement of data-modifying CTEs: `with w0 as (insert …), w1 as
 * (insert …) select 1`. PostgreSQL runs a statement atomically, so the rows are written all together or not at
 * all without BEGIN/COMMIT, in one round trip instead of n + 2. The parts cannot read each other's rows (one
 * snapshot); foreign keys between them are checked at the end of the statement. Inside a transaction it joins it
 * (through drizzle, on the transaction's connection); outside one the statement is compiled here and sent to the
 * driver directly, because drizzle's general SQL builder costs more CPU than the database's work on it.
 */
export async function executeAsOne(ctx: Ctx, writes: readonly RowsWrite[]): Promise<void> {
  const parts = writes.filter((w) => w.rows.length > 0);
  if (parts.length === 0) return;
  const client = ctx.inTransaction ? undefined : (ctx.db as unknown as { $client?: RawClient }).$client;
  if (client && typeof client.query === "function") {
    const { text, params } = compileInserts(parts);
    await client.query(text, params);
    return;
  }
  const builders: SQLWrapper[] = parts.map((w) => ctx.db.insert(w.table).values(w.rows as never));
  if (builders.length === 1) {
    await ctx.db.execute(builders[0]!.getSQL());
    return;
  }
  await ctx.db.execute(sql`with ${sql.join(builders.map((b, i) => sql`${sql.raw(`w${i}`)} as (${b.getSQL()})`), sql`, `)} select 1`);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The statement and its parameters ($1 …) for executeAsOne: each value through its column's own driver mapping
 * (jsonb, timestamps, numbers as drizzle would send them); a key missing from a row is the column's DEFAULT.
 */
export function compileInserts(writes: readonly RowsWrite[]): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const statements = writes.map((w) => {
    const columns = getTableColumns(w.table) as Record<string, Column>;
    const keys = Object.keys(columns).filter((k) => !columns[k]!.generated && w.rows.some((r) => r[k] !== undefined || columns[k]!.defaultFn));
    const values = w.rows.map((r) => {
      const cells = keys.map((k) => {
        const col = columns[k]!;
        let v = r[k];
        if (v === undefined && col.defaultFn) v = col.defaultFn();
        if (v === undefined) return "default";
        params.push(v === null ? null : col.mapToDriverValue(v));
        return `$${params.length}`;
      });
      return `(${cells.join(", ")})`;
    });
    for (const r of w.rows) for (const k of Object.keys(r)) if (!(k in columns)) throw new Error(`insert into ${getTableName(w.table)}: no column for key ${k}`);
    return `insert into ${quote(getTableName(w.table))} (${keys.map((k) => quote(columns[k]!.name)).join(", ")}) values ${values.join(", ")}`;
  });
  const text = statements.length === 1 ? statements[0]! : `with ${statements.map((s, i) => `w${i} as (${s})`).join(", ")} select 1`;
  return { text, params };
}
