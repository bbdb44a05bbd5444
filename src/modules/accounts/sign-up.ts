import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { queueMail } from "../mail/index.js";
import { addressInUseMail, verificationMail, VERIFY_TOKEN_HOURS } from "./account-mail.js";
import { SignUpInput, type Accepted } from "./contracts.js";
import { hashPassword, randomToken, sha256 } from "./crypto.js";
import { findAccountByAddress } from "./find-by-address.js";
import { sendAfterCommit } from "./send-after-commit.js";
import { accounts, emailVerifications, grants } from "./tables.js";

/** The one answer to every sign-up, new address or not. */
export const SIGN_UP_ACCEPTED: Accepted = {
  ok: true,
  messageTh: "เราส่งอีเมลไปยังที่อยู่ที่คุณให้ไว้แล้ว กรุณาเปิดลิงก์ในอีเมลภายใน 24 ชั่วโมง",
  messageEn: "We have sent a message to the address you gave; open the link in it within 24 hours",
};

/** Creates a verification link for an address of an account (token stored hashed) and queues its mail. */
export async function issueVerification(tx: Ctx, acc: { id: string; displayName: string }, email: string): Promise<{ verificationId: string; mailId: string }> {
  const token = randomToken();
  const verificationId = newId(tx.now().getTime());
  await tx.db.insert(emailVerifications).values({ id: verificationId, accountId: acc.id, email, tokenHash: sha256(token), createdAt: tx.now(), expiresAt: new Date(tx.now().getTime() + VERIFY_TOKEN_HOURS * 3_600_000) });
  const mailId = await queueMail(tx, { kind: "accounts.verify-email", to: email, content: verificationMail(acc.displayName, token) });
  return { verificationId, mailId };
}

/**
 * A citizen opens an account with their e-mail address (which becomes their user name): unverified, role
 * citizen at nation, with a verification link by mail. An address already registered gets a "someone tried"
 * mail instead, and the caller gets the same answer either way (no enumeration).
 */
export async function signUp({ ctx, input }: { ctx: Ctx; input: z.input<typeof SignUpInput> }): Promise<Accepted> {
  await requirePermission(ctx, "accounts:sign-up", NATION);
  const i = SignUpInput.parse(input);
  // hashed on both paths, so a registered address does not answer faster
  const passwordHash = await hashPassword(i.password);
  const mailIds = await withTransaction(ctx, async (tx) => {
    const existing = await findAccountByAddress(tx, i.email);
    const id = newId(tx.now().getTime());
    const [row] = existing
      ? []
      : await tx.db
          .insert(accounts)
          .values({ id, username: i.email, displayName: i.displayName, email: i.email, phone: i.phone ?? null, passwordHash, locale: i.locale, consentVersion: i.consentVersion, consentAt: tx.now(), createdAt: tx.now(), updatedAt: tx.now() })
          .onConflictDoNothing()
          .returning({ id: accounts.id });
    if (!row) {
      // registered already (or registered a moment ago by a concurrent sign-up)
      const holder = existing ?? (await findAccountByAddress(tx, i.email));
      const mailId = await queueMail(tx, { kind: "accounts.address-in-use", to: i.email, content: addressInUseMail() });
      await writeAudit(tx, { action: "accounts.sign-up.address-in-use", entityType: "account", entityId: holder?.id ?? "unknown", after: { mail: "address-in-use" } });
      return [mailId];
    }
    await tx.db.insert(grants).values({ id: newId(tx.now().getTime()), accountId: id, role: "citizen", scope: "nation", provinceCode: null, grantedBy: null, createdAt: tx.now() });
    const v = await issueVerification(tx, { id, displayName: i.displayName }, i.email);
    await writeAudit(tx, { action: "accounts.account.sign-up", entityType: "account", entityId: id, after: { role: "citizen", locale: i.locale, phone: !!i.phone, consentVersion: i.consentVersion, verificationId: v.verificationId } });
    return [v.mailId];
  });
  await sendAfterCommit(ctx, mailIds);
  return SIGN_UP_ACCEPTED;
}
