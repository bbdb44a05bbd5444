import { and, eq, gt, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, RuleViolation } from "../../platform/errors.js";
import { TokenInput } from "./contracts.js";
import { sha256 } from "./crypto.js";
import { accounts, emailVerifications } from "./tables.js";

const INVALID = () => new RuleViolation("accounts.verify-token-invalid", "ลิงก์ยืนยันไม่ถูกต้อง ใช้ไปแล้ว หรือหมดอายุ กรุณาขอลิงก์ใหม่", "The confirmation link is invalid, already used or expired; ask for a new one");

/**
 * Uses a verification link: the account's address becomes the one the link was sent to, verified now (audited);
 * the link and the account's other open links are spent. A citizen's user name follows their address.
 */
export async function verifyEmail({ ctx, input }: { ctx: Ctx; input: z.input<typeof TokenInput> }): Promise<{ ok: true; email: string }> {
  await requirePermission(ctx, "accounts:sign-up", NATION);
  const i = TokenInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const [v] = await tx.db
      .select()
      .from(emailVerifications)
      .where(and(eq(emailVerifications.tokenHash, sha256(i.token)), isNull(emailVerifications.usedAt), gt(emailVerifications.expiresAt, tx.now())))
      .for("update")
      .limit(1);
    if (!v) throw INVALID();
    const [acc] = await tx.db.select().from(accounts).where(and(eq(accounts.id, v.accountId), isNull(accounts.disabledAt))).limit(1);
    if (!acc) throw INVALID();
    const [other] = await tx.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(sql`lower(${accounts.email}) = ${v.email}`, isNotNull(accounts.emailVerifiedAt), ne(accounts.id, acc.id)))
      .limit(1);
    if (other) throw new ConflictError("accounts.email-taken", "อีเมลนี้ยืนยันกับบัญชีอื่นแล้ว", "This address is already verified on another account");
    // citizens log in with their address: the user name follows it, unless another account already uses it
    let username = acc.username;
    if (acc.username === (acc.email ?? "").toLowerCase() && v.email !== acc.username) {
      const [clash] = await tx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, v.email)).limit(1);
      if (!clash) username = v.email;
    }
    await tx.db.update(accounts).set({ email: v.email, emailVerifiedAt: tx.now(), username, updatedAt: tx.now() }).where(eq(accounts.id, acc.id));
    await tx.db.update(emailVerifications).set({ usedAt: tx.now() }).where(and(eq(emailVerifications.accountId, acc.id), isNull(emailVerifications.usedAt)));
    const actorCtx = { ...tx, actor: { kind: "user" as const, id: acc.id, name: acc.displayName, grants: [] } };
    await writeAudit(actorCtx, { action: "accounts.email.verify", entityType: "account", entityId: acc.id, after: { verificationId: v.id, changedAddress: !!acc.emailVerifiedAt, usernameChanged: username !== acc.username } });
    return { ok: true as const, email: v.email };
  });
}
