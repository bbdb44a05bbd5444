import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { EmailInput, type Accepted } from "./contracts.js";
import { issueVerification, SIGN_UP_ACCEPTED } from "./sign-up.js";
import { accounts, emailVerifications } from "./tables.js";
import { sendAfterCommit } from "./send-after-commit.js";

/** At most one new link a minute and five a day per account (a mail bomb needs more than a script). */
export const RESEND_MIN_SECONDS = 60;
export const RESEND_PER_DAY = 5;

/** Whether the account may be sent another verification link now (RESEND_MIN_SECONDS, RESEND_PER_DAY). */
export async function verificationAllowed(tx: Ctx, accountId: string): Promise<boolean> {
  const dayAgo = new Date(tx.now().getTime() - 86_400_000);
  const recent = await tx.db.select({ createdAt: emailVerifications.createdAt }).from(emailVerifications).where(and(eq(emailVerifications.accountId, accountId), gt(emailVerifications.createdAt, dayAgo)));
  const last = Math.max(0, ...recent.map((r) => r.createdAt.getTime()));
  return recent.length < RESEND_PER_DAY && tx.now().getTime() - last >= RESEND_MIN_SECONDS * 1000;
}

/**
 * Sends a new verification link to an address still waiting for one (an unverified sign-up or a change of
 * address), within the rate limit. Always the same answer: it never says whether the address is known.
 */
export async function resendVerification({ ctx, input }: { ctx: Ctx; input: z.input<typeof EmailInput> }): Promise<Accepted> {
  await requirePermission(ctx, "accounts:sign-up", NATION);
  const i = EmailInput.parse(input);
  const mailIds = await withTransaction(ctx, async (tx) => {
    const unverified = await tx.db
      .select({ id: accounts.id, displayName: accounts.displayName })
      .from(accounts)
      .where(and(sql`lower(${accounts.email}) = ${i.email}`, isNull(accounts.emailVerifiedAt), isNull(accounts.disabledAt)))
      .limit(5);
    const changing = await tx.db
      .selectDistinct({ id: accounts.id, displayName: accounts.displayName })
      .from(emailVerifications)
      .innerJoin(accounts, eq(accounts.id, emailVerifications.accountId))
      .where(and(eq(emailVerifications.email, i.email), isNull(emailVerifications.usedAt), isNull(accounts.disabledAt)))
      .limit(5);
    const seen = new Set<string>();
    const ids: string[] = [];
    for (const acc of [...unverified, ...changing]) {
      if (seen.has(acc.id)) continue;
      seen.add(acc.id);
      if (!(await verificationAllowed(tx, acc.id))) continue;
      const v = await issueVerification(tx, acc, i.email);
      await writeAudit(tx, { action: "accounts.email.verification-resend", entityType: "account", entityId: acc.id, after: { verificationId: v.verificationId } });
      ids.push(v.mailId);
    }
    return ids;
  });
  await sendAfterCommit(ctx, mailIds);
  return SIGN_UP_ACCEPTED;
}
