import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { NotFoundError, TooManyRequestsError } from "../../platform/errors.js";
import { UpdateMyProfileInput, type MyProfile } from "./contracts.js";
import { getMyProfile } from "./get-my-profile.js";
import { requireSelf } from "./self.js";
import { sendAfterCommit } from "./send-after-commit.js";
import { issueVerification } from "./sign-up.js";
import { RESEND_MIN_SECONDS, verificationAllowed } from "./resend-verification.js";
import { accounts } from "./tables.js";

/**
 * The holder changes their display name, phone or language; a new e-mail address gets a verification link and
 * replaces the old one only when the link is used (audited, fields named, values not: they are personal data).
 */
export async function updateMyProfile({ ctx, input }: { ctx: Ctx; input: z.input<typeof UpdateMyProfileInput> }): Promise<MyProfile> {
  const id = requireSelf(ctx);
  const i = UpdateMyProfileInput.parse(input);
  const mailIds = await withTransaction(ctx, async (tx) => {
    const [a] = await tx.db.select().from(accounts).where(eq(accounts.id, id)).for("update").limit(1);
    if (!a) throw new NotFoundError("account", id);
    const set: Partial<typeof accounts.$inferInsert> = {};
    if (i.displayName !== undefined && i.displayName !== a.displayName) set.displayName = i.displayName;
    if (i.phone !== undefined && i.phone !== a.phone) set.phone = i.phone;
    if (i.locale !== undefined && i.locale !== a.locale) set.locale = i.locale;
    const newEmail = i.email !== undefined && (i.email !== a.email?.toLowerCase() || !a.emailVerifiedAt) ? i.email : null;
    if (newEmail && !(await verificationAllowed(tx, id))) {
      throw new TooManyRequestsError("accounts.verify-rate-limited", "ส่งลิงก์ยืนยันบ่อยเกินไป กรุณารอสักครู่ (ได้นาทีละครั้ง วันละไม่เกิน 5 ครั้ง)", "Too many confirmation links; wait a little (once a minute, at most 5 a day)", RESEND_MIN_SECONDS);
    }
    // a save that changes nothing is still recorded (every accepted write leaves its audit row)
    if (Object.keys(set).length) await tx.db.update(accounts).set({ ...set, updatedAt: tx.now() }).where(eq(accounts.id, id));
    const ids: string[] = [];
    let verificationId: string | null = null;
    if (newEmail) {
      const v = await issueVerification(tx, { id, displayName: set.displayName ?? a.displayName }, newEmail);
      ids.push(v.mailId);
      verificationId = v.verificationId;
    }
    await writeAudit(tx, { action: "accounts.profile.update", entityType: "account", entityId: id, after: { changed: Object.keys(set), newEmailPending: !!newEmail, verificationId } });
    return ids;
  });
  await sendAfterCommit(ctx, mailIds);
  return getMyProfile({ ctx });
}
