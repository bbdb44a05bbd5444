import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Actor, Grant } from "../../platform/auth/actor.js";
import type { RoleId } from "../../platform/auth/policy.js";
import type { Db } from "../../platform/db/client.js";
import { sha256 } from "./crypto.js";
import { accounts, apiKeys, grants, sessions } from "./tables.js";

export const SESSION_COOKIE = "cw_session";

/**
 * Resolves the actor of a request from its session cookie or API key; null when neither is valid. A session also ends
 * when it has not been used for `idleMs` (SESSION_IDLE_MINUTES; its last use is recorded at most once a minute): it is
 * then never valid again, without a write — the next login makes a new one.
 */
export async function authenticate(db: Db, creds: { sessionToken?: string; apiKey?: string }, now: Date, opts: { idleMs?: number } = {}): Promise<Actor | null> {
  if (creds.apiKey) {
    const [key] = await db.select().from(apiKeys).where(and(eq(apiKeys.keyHash, sha256(creds.apiKey)), isNull(apiKeys.revokedAt))).limit(1);
    if (!key) return null;
    // last-used is informational: update at most once a minute to keep reads cheap
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) {
      await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, key.id));
    }
    return { kind: "api-key", id: key.id, name: `api-key:${key.name}`, grants: key.grants as Grant[] };
  }
  if (creds.sessionToken) {
    const [row] = await db
      .select({ s: sessions, a: accounts })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(and(eq(sessions.tokenHash, sha256(creds.sessionToken)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), isNull(accounts.disabledAt)))
      .limit(1);
    if (!row) return null;
    if (opts.idleMs && now.getTime() - row.s.lastSeenAt.getTime() > opts.idleMs) return null;
    if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.s.id));
    }
    const gs = await db
      .select({ id: grants.id, role: grants.role, scope: grants.scope })
      .from(grants)
      .where(and(eq(grants.accountId, row.a.id), isNull(grants.revokedAt)))
      .orderBy(sql`${grants.createdAt}`);
    return {
      kind: "user",
      id: row.a.id,
      name: row.a.displayName,
      personId: row.a.personId,
      sessionId: row.s.id,
      grants: gs.map((g) => ({ id: g.id, role: g.role as RoleId, scope: g.scope })),
    };
  }
  return null;
}

/** The CSRF token bound to a session (double-submit header check for cookie-authenticated writes). */
export async function sessionCsrfToken(db: Db, sessionId: string): Promise<string | null> {
  const [row] = await db.select({ t: sessions.csrfToken }).from(sessions).where(eq(sessions.id, sessionId)).limit(1);
  return row?.t ?? null;
}
