const statements = new WeakMap<object, Map<string, unknown>>();

/**
 * A statement of a hot path built once per database handle and kept (drizzle's `.prepare(name)`: its SQL text is
 * made once, and on PostgreSQL it is a named prepared statement on each connection). `build` receives nothing: it
 * closes over the handle it prepares on; `name` must be unique per shape of statement. A transaction is a handle of
 * its own, so its statements are built for it (and dropped with it).
 */
export function preparedOnce<T>(db: object, name: string, build: () => T): T {
  let byName = statements.get(db);
  if (!byName) statements.set(db, (byName = new Map()));
  let s = byName.get(name) as T | undefined;
  if (s === undefined) byName.set(name, (s = build()));
  return s;
}
