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

/** Time-ordered UUID (v7 layout) so ids sort by creation and index well. */
export function newId(now = Date.now()): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  const ts = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ts >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
