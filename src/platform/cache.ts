
/**
 * A per-process read-through cache of reference rows that change rarely and are read on every intake: case
 * categories, routing rules, organisations' names, webhook subscriptions. Entries live `ttlMs`; a write in this
 * process drops its prefix at once, and other processes see the change within `ttlMs` (README: READ_CACHE_SECONDS).
 */
export class ReadCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();
  constructor(
    readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The cached value of key, else load() (one load at a time per key; a failed load is not kept). */
  get<T>(key: string, load: () => PromiseLike<T>): Promise<T> {
    const t = this.clock();
    const hit = this.entries.get(key);
    if (hit && t - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = Promise.resolve(load()); // a real promise: a query builder would run again on each await
    this.entries.set(key, { at: t, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > 50_000) this.entries.clear(); // a bound, never reached by reference data
    return value;
  }

  /**
   * Values of many keys `prefix + id` at once: the fresh ones from the cache, the others by one loadMany(missing)
   * (ids it does not return are cached as absent). Returns only the ids that have a value.
   */
  async getMany<V>(prefix: string, ids: Iterable<string>, loadMany: (missing: string[]) => PromiseLike<Map<string, V>>): Promise<Map<string, V>> {
    const t = this.clock();
    const wanted = [...new Set(ids)];
    const found = new Map<string, Promise<unknown>>();
    const missing: string[] = [];
    for (const id of wanted) {
      const hit = this.entries.get(prefix + id);
      if (hit && t - hit.at < this.ttlMs) found.set(id, hit.value);
      else missing.push(id);
    }
    if (missing.length) {
      const batch = Promise.resolve(loadMany(missing));
      for (const id of missing) found.set(id, this.get(prefix + id, () => batch.then((m) => m.get(id) ?? null)));
    }
    const out = new Map<string, V>();
    for (const [id, p] of found) {
      const v = (await p) as V | null;
      if (v !== null && v !== undefined) out.set(id, v);
    }
    return out;
  }

  /** Drops one key. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every key that starts with prefix (after a write to what they hold). */
  invalidate(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  /** How many keys are held (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }
}

/** The part of a use case's context the cache needs (ctx.ts imports this module: no cycle). */
type Ctx = { cache?: ReadCache; inTransaction?: boolean };

/**
 * Reads through the request's cache when it has one and is outside a transaction (a transaction may read its own
 * uncommitted writes, which must not be cached); otherwise loads directly. Tests without a cache read the database.
 */
export function cached<T>(ctx: Ctx, key: string, load: () => PromiseLike<T>): Promise<T> {
  return ctx.cache && !ctx.inTransaction && ctx.cache.ttlMs > 0 ? ctx.cache.get(key, load) : Promise.resolve(load());
}

/** getMany through the request's cache when it has one and is outside a transaction; otherwise loadMany(all). */
export async function cachedMany<V>(ctx: Ctx, prefix: string, ids: Iterable<string>, loadMany: (ids: string[]) => PromiseLike<Map<string, V>>): Promise<Map<string, V>> {
  if (ctx.cache && !ctx.inTransaction && ctx.cache.ttlMs > 0) return ctx.cache.getMany(prefix, ids, loadMany);
  const list = [...new Set(ids)];
  return list.length ? loadMany(list) : new Map();
}

/** Drops one cached entry (no-op without a cache). */
export function forgetCached(ctx: Ctx, key: string): void {
  ctx.cache?.delete(key);
}

/** Drops the cached entries under prefix after a write (no-op without a cache). */
export function invalidateCached(ctx: Ctx, prefix: string): void {
  ctx.cache?.invalidate(prefix);
}
