import { and, eq, isNull, ne } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, fieldError, NotFoundError, ValidationError, type FieldError } from "../../platform/errors.js";
import type { PersonalDataEraser } from "../../platform/module.js";
import { CloseMyAccountInput, isCloseConfirmation, type ClosedAccount } from "./contracts.js";
import { verifyPassword } from "./crypto.js";
import { requireSelf } from "./self.js";
import { accounts, apiKeys, emailVerifications, grants, resetTokens, sessions } from "./tables.js";

/** A module's erasure hook with the module's name, as the composition root hands them over. */
export type NamedEraser = { module: string; erase: PersonalDataEraser };

/** The audit record's actor name: the holder's display name is what is being erased, so it is not written again. */
const HOLDER = "account-holder";

export const CLOSED_MESSAGE = {
  messageTh: "ปิดบัญชีของคุณแล้ว ข้อมูลบัญชีถูกลบ เรื่องร้องเรียนยังแสดงบนกระดานสาธารณะโดยไม่มีชื่อของคุณ",
  messageEn: "Your account is closed and its data erased; your cases stay on the public board without your name",
} as const;

/**
 * The holder closes their own account (password typed again, and the confirmation phrase), in one transaction: every
 * module's erasure hook runs, then the account becomes a tombstone — no name, e-mail, phone or password, disabled, its
 * user name freed — with its sessions, links, grants and API keys ended, and one audit record without personal data.
 * Staff (any active role besides citizen) are refused: an administrator ends their access by revoking the grants.
 * Shared demo accounts are refused too (every visitor logs in with them).
 */
export async function closeMyAccount({ ctx, input, erasers }: { ctx: Ctx; input: z.input<typeof CloseMyAccountInput>; erasers: readonly NamedEraser[] }): Promise<ClosedAccount> {
  const id = requireSelf(ctx);
  const i = CloseMyAccountInput.parse(input);
  const closedAt = await withTransaction({ ...ctx, actor: { ...ctx.actor, name: HOLDER } }, async (tx) => {
    const [a] = await tx.db.select().from(accounts).where(eq(accounts.id, id)).for("update").limit(1);
    if (!a || a.closedAt) throw new NotFoundError("account", id);
    const staff = await tx.db
      .select({ role: grants.role })
      .from(grants)
      .where(and(eq(grants.accountId, id), isNull(grants.revokedAt), ne(grants.role, "citizen")));
    if (staff.length) {
      throw new ConflictError(
        "accounts.close.staff-account",
        "บัญชีนี้มีบทบาทเจ้าหน้าที่ จึงปิดเองไม่ได้ ผู้ดูแลระบบจะปิดการเข้าถึงโดยเพิกถอนบทบาท กรุณาติดต่อผู้ดูแลระบบ",
        "This account holds a staff role, so it cannot be closed by its holder; an administrator ends its access by revoking the roles",
        { roles: [...new Set(staff.map((s) => s.role))] },
      );
    }
    if (a.isDemo) throw new ConflictError("accounts.close.demo-account", "บัญชีสาธิตใช้ร่วมกันกับผู้เยี่ยมชมทุกคน จึงปิดไม่ได้ สมัครบัญชีของคุณเองเพื่อทดลองปิดบัญชี", "Demo accounts are shared by every visitor and cannot be closed; sign up for your own account to try closing it");
    const wrong: FieldError[] = [];
    if (!(await verifyPassword(a.passwordHash, i.password))) wrong.push(fieldError("password", "accounts.close.wrong-password", "รหัสผ่านไม่ถูกต้อง", "The password is wrong"));
    if (!isCloseConfirmation(i.confirmation)) wrong.push(fieldError("confirmation", "accounts.close.confirmation-mismatch", "พิมพ์ข้อความยืนยันให้ตรงกับที่กำหนด", "Type the confirmation phrase exactly as shown"));
    if (wrong.length) throw new ValidationError(wrong, "ยังไม่ได้ปิดบัญชี: ตรวจสอบรหัสผ่านและข้อความยืนยัน", "The account was not closed: check the password and the confirmation phrase");

    // every address the account held or was proving: other modules find what they hold by these
    const pending = await tx.db.select({ email: emailVerifications.email }).from(emailVerifications).where(eq(emailVerifications.accountId, id));
    const emails = [...new Set([a.email, a.username.includes("@") ? a.username : null, ...pending.map((p) => p.email)].filter((e): e is string => !!e).map((e) => e.toLowerCase()))];
    const erased: Record<string, number> = {};
    for (const { erase } of erasers) Object.assign(erased, await erase(tx, { accountId: id, emails }));

    const now = tx.now();
    await tx.db
      .update(accounts)
      .set({ username: `closed.${id}`, displayName: "", email: null, emailVerifiedAt: null, phone: null, passwordHash: "", personId: null, locale: "th", consentVersion: null, consentAt: null, failedLogins: 0, lockedUntil: null, lastLoginAt: null, disabledAt: now, closedAt: now, updatedAt: now })
      .where(eq(accounts.id, id));
    erased["accounts.sessions"] = (await tx.db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.accountId, id), isNull(sessions.revokedAt))).returning({ id: sessions.id })).length;
    erased["accounts.grants"] = (await tx.db.update(grants).set({ revokedAt: now }).where(and(eq(grants.accountId, id), isNull(grants.revokedAt))).returning({ id: grants.id })).length;
    erased["accounts.api-keys"] = (await tx.db.update(apiKeys).set({ revokedAt: now }).where(and(eq(apiKeys.createdBy, id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id })).length;
    erased["accounts.email-links"] = (await tx.db.delete(emailVerifications).where(eq(emailVerifications.accountId, id)).returning({ id: emailVerifications.id })).length;
    erased["accounts.reset-links"] = (await tx.db.delete(resetTokens).where(eq(resetTokens.accountId, id)).returning({ id: resetTokens.id })).length;
    await writeAudit(tx, { action: "accounts.account.close", entityType: "account", entityId: id, after: { reason: "closed at request", erased } });
    return now;
  });
  return { ok: true, closedAt: closedAt.toISOString(), ...CLOSED_MESSAGE };
}
