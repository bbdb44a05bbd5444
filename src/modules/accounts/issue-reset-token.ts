import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { accountClosed } from "./self.js";
import { randomToken, sha256 } from "./crypto.js";
import { accounts, resetTokens } from "./tables.js";

export const RESET_TOKEN_HOURS = 24;

/** An administrator issues a one-time reset token (shown once, valid 24 h) and hands it to the user. */
export async function issueResetToken({ ctx, input }: { ctx: Ctx; input: { accountId: string } }): Promise<{ token: string; expiresAt: string }> {
  await requirePermission(ctx, "accounts:manage", NATION);
  return withTransaction(ctx, async (tx) => {
    const [acc] = await tx.db.select({ id: accounts.id, closedAt: accounts.closedAt }).from(accounts).where(eq(accounts.id, input.accountId)).limit(1);
    if (!acc) throw new NotFoundError("account", input.accountId);
    if (acc.closedAt) throw accountClosed();
    const token = randomToken();
    const expiresAt = new Date(tx.now().getTime() + RESET_TOKEN_HOURS * 3_600_000);
    const id = newId();
    await tx.db.insert(resetTokens).values({ id, accountId: acc.id, tokenHash: sha256(token), issuedBy: ctx.actor.id, createdAt: tx.now(), expiresAt });
    await writeAudit(tx, { action: "accounts.reset-token.issue", entityType: "account", entityId: acc.id, after: { resetTokenId: id, expiresAt: expiresAt.toISOString() } });
    return { token, expiresAt: expiresAt.toISOString() };
  });
}
