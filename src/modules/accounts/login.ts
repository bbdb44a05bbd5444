import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { TooManyRequestsError, UnauthorizedError } from "../../platform/errors.js";
import { LoginInput } from "./contracts.js";
import { burnVerify, randomToken, sha256, verifyPassword } from "./crypto.js";
import { accounts, sessions } from "./tables.js";

/** After this many consecutive failures the account locks, doubling from 1 minute up to 1 hour. */
export const FREE_ATTEMPTS = 5;
export const MAX_LOCK_MINUTES = 60;

export function lockMinutes(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failures - FREE_ATTEMPTS));
}

const BAD = () => new UnauthorizedError("auth.invalid-credentials", "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "Wrong username or password");

/** Checks the password and opens a database-backed session; repeated failures back off and lock the account. */
export async function login({ ctx, input, ttlHours }: { ctx: Ctx; input: z.input<typeof LoginInput>; ttlHours: number }): Promise<{ token: string; csrfToken: string; accountId: string; expiresAt: Date }> {
  const i = LoginInput.parse(input);
  const now = ctx.now();
  const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.username, i.username.toLowerCase())).limit(1);
  if (!acc || acc.disabledAt) {
    await burnVerify(i.password);
    throw BAD();
  }
  if (acc.lockedUntil && acc.lockedUntil > now) {
    const wait = Math.ceil((acc.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new TooManyRequestsError("auth.locked", `บัญชีถูกล็อกชั่วคราว ลองใหม่ในอีก ${Math.ceil(wait / 60)} นาที`, `Account temporarily locked; try again in ${Math.ceil(wait / 60)} min`, wait);
  }
  const ok = await verifyPassword(acc.passwordHash, i.password);
  const actorCtx: Ctx = { ...ctx, actor: { kind: "user", id: acc.id, name: acc.displayName, grants: [] } };
  if (!ok) {
    await withTransaction(actorCtx, async (tx) => {
      const [row] = await tx.db
        .update(accounts)
        .set({ failedLogins: sql`${accounts.failedLogins} + 1` })
        .where(eq(accounts.id, acc.id))
        .returning({ n: accounts.failedLogins });
      const minutes = lockMinutes(row!.n);
      if (minutes > 0) await tx.db.update(accounts).set({ lockedUntil: new Date(now.getTime() + minutes * 60_000) }).where(eq(accounts.id, acc.id));
      await writeAudit(tx, { action: "accounts.login.failed", entityType: "account", entityId: acc.id, after: { failedLogins: row!.n, lockedMinutes: minutes } });
    });
    throw BAD();
  }
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  await withTransaction(actorCtx, async (tx) => {
    const id = newId();
    await tx.db.insert(sessions).values({ id, tokenHash: sha256(token), accountId: acc.id, csrfToken, createdAt: now, expiresAt, lastSeenAt: now });
    await tx.db.update(accounts).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(accounts.id, acc.id));
    await writeAudit(tx, { action: "accounts.login", entityType: "account", entityId: acc.id, after: { sessionId: id } });
  });
  return { token, csrfToken, accountId: acc.id, expiresAt };
}
