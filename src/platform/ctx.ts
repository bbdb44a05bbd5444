import { randomUUID } from "node:crypto";
import type { Db } from "./db/client.js";
import type { Actor } from "./auth/actor.js";
import type { ScopeResolver } from "./auth/scope.js";
import type { ReadCache } from "./cache.js";

/** What every use case receives: who acts, when, on which database handle, for which request. */
export type Ctx = {
  db: Db;
  actor: Actor;
  now: () => Date;
  requestId: string;
  scopes: ScopeResolver;
  /** true inside withTransaction: audit writes require it. */
  inTransaction?: boolean;
  locale?: "th" | "en";
  /** the process's cache of rarely changing reference rows (server requests; absent in most tests) */
  cache?: ReadCache;
};

/** Runs fn in a transaction, joining the outer one when ctx is already inside one. */
export async function withTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx as unknown as Db, scopes: ctx.scopes.withDb(tx), inTransaction: true }));
}

export function newRequestId(): string {
  return randomUUID();
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
// random bytes are drawn 4 KiB at a time (one call to the system's generator for ~400 ids, not one per id)
const pool = new Uint8Array(4096);
let poolAt = pool.length;

/** Time-ordered UUID (v7 layout) so ids sort by creation and index well. */
export function newId(now = Date.now()): string {
  if (poolAt + 10 > pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const r = pool.subarray(poolAt, (poolAt += 10));
  // 48 bits of milliseconds, big-endian (no BigInt: Number is exact up to 2^53)
  const hi = Math.floor(now / 0x1000000);
  const lo = now % 0x1000000;
  const time = HEX[(hi >>> 16) & 0xff]! + HEX[(hi >>> 8) & 0xff]! + HEX[hi & 0xff]! + HEX[(lo >>> 16) & 0xff]! + HEX[(lo >>> 8) & 0xff]! + HEX[lo & 0xff]!;
  let tail = "";
  for (let i = 4; i < 10; i++) tail += HEX[r[i]!]!;
  return `${time.slice(0, 8)}-${time.slice(8)}-${HEX[(r[0]! & 0x0f) | 0x70]}${HEX[r[1]!]}-${HEX[(r[2]! & 0x3f) | 0x80]}${HEX[r[3]!]}-${tail}`;
}
