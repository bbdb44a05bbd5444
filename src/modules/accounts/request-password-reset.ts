import { and, eq, gt, isNull } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { queueMail } from "../mail/index.js";
import { MAILED_RESET_MINUTES, resetMail } from "./account-mail.js";
import { EmailInput, type Accepted } from "./contracts.js";
import { randomToken, sha256 } from "./crypto.js";
import { findAccountByAddress } from "./find-by-address.js";
import { sendAfterCommit } from "./send-after-commit.js";
import { resetTokens } from "./tables.js";

/** At most this many mailed reset links per account an hour. */
export const RESETS_PER_HOUR = 3;

export const RESET_ACCEPTED: Accepted = {
  ok: true,
  messageTh: "หากมีบัญชีที่ใช้อีเมลนี้ เราได้ส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ไปแล้ว ลิงก์ใช้ได้ 60 นาที",
  messageEn: "If an account uses this address, we have sent it a link to set a new password; the link works for 60 minutes",
};

/**
 * "Forgot password" for people with no administrator to ask: a one-time reset link (hash stored, 60 minutes)
 * mailed to the account's address; POST /auth/reset-password uses it. Same answer whether or not it is known.
 */
export async function requestPasswordReset({ ctx, input }: { ctx: Ctx; input: z.input<typeof EmailInput> }): Promise<Accepted> {
  await requirePermission(ctx, "accounts:sign-up", NATION);
  const i = EmailInput.parse(input);
  const mailIds = await withTransaction(ctx, async (tx) => {
    const acc = await findAccountByAddress(tx, i.email);
    if (!acc) return [];
    const hourAgo = new Date(tx.now().getTime() - 3_600_000);
    const recent = await tx.db.select({ id: resetTokens.id }).from(resetTokens).where(and(eq(resetTokens.accountId, acc.id), isNull(resetTokens.issuedBy), gt(resetTokens.createdAt, hourAgo)));
    if (recent.length >= RESETS_PER_HOUR) return [];
    const token = randomToken();
    const id = newId(tx.now().getTime());
    const expiresAt = new Date(tx.now().getTime() + MAILED_RESET_MINUTES * 60_000);
    await tx.db.insert(resetTokens).values({ id, accountId: acc.id, tokenHash: sha256(token), issuedBy: null, createdAt: tx.now(), expiresAt });
    const mailId = await queueMail(tx, { kind: "accounts.password-reset", to: i.email, content: resetMail(token) });
    await writeAudit(tx, { action: "accounts.reset-token.mail", entityType: "account", entityId: acc.id, after: { resetTokenId: id, expiresAt: expiresAt.toISOString() } });
    return [mailId];
  });
  await sendAfterCommit(ctx, mailIds);
  return RESET_ACCEPTED;
}
