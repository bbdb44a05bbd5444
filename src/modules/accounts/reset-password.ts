import { and, eq, gt, isNull } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { ResetPasswordInput } from "./contracts.js";
import { hashPassword, sha256 } from "./crypto.js";
import { accounts, resetTokens, sessions } from "./tables.js";

/** Sets a new password with a valid one-time token; the token is spent, the lock cleared, other sessions ended. */
export async function resetPassword({ ctx, input }: { ctx: Ctx; input: z.input<typeof ResetPasswordInput> }): Promise<void> {
  const i = ResetPasswordInput.parse(input);
  const passwordHash = await hashPassword(i.newPassword);
  await withTransaction(ctx, async (tx) => {
    const [t] = await tx.db
      .select()
      .from(resetTokens)
      .where(and(eq(resetTokens.tokenHash, sha256(i.token)), isNull(resetTokens.usedAt), gt(resetTokens.expiresAt, tx.now())))
      .for("update")
      .limit(1);
    const invalid = () => new RuleViolation("auth.reset-token-invalid", "รหัสสำหรับตั้งรหัสผ่านใหม่ไม่ถูกต้องหรือหมดอายุแล้ว", "The reset token is invalid or has expired");
    if (!t) throw invalid();
    // a closed account's links are deleted when it closes; this holds even for one issued in a race with the closing
    const [acc] = await tx.db.select({ closedAt: accounts.closedAt }).from(accounts).where(eq(accounts.id, t.accountId)).limit(1);
    if (!acc || acc.closedAt) throw invalid();
    await tx.db.update(resetTokens).set({ usedAt: tx.now() }).where(eq(resetTokens.id, t.id));
    await tx.db.update(accounts).set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: tx.now() }).where(eq(accounts.id, t.accountId));
    await tx.db.update(sessions).set({ revokedAt: tx.now() }).where(and(eq(sessions.accountId, t.accountId), isNull(sessions.revokedAt)));
    const actorCtx = { ...tx, actor: { kind: "user" as const, id: t.accountId, name: "password-reset", grants: [] } };
    await writeAudit(actorCtx, { action: "accounts.password.reset", entityType: "account", entityId: t.accountId, after: { resetTokenId: t.id } });
  });
}
