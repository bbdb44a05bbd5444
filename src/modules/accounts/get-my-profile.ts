import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import type { MyProfile } from "./contracts.js";
import { requireSelf } from "./self.js";
import { accounts, emailVerifications } from "./tables.js";

/** The logged-in account's own profile, with an address still waiting for its link. */
export async function getMyProfile({ ctx }: { ctx: Ctx; input?: unknown }): Promise<MyProfile> {
  const id = requireSelf(ctx);
  const [a] = await ctx.db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  if (!a) throw new NotFoundError("account", id);
  const [pending] = await ctx.db
    .select({ email: emailVerifications.email })
    .from(emailVerifications)
    .where(and(eq(emailVerifications.accountId, id), isNull(emailVerifications.usedAt), gt(emailVerifications.expiresAt, ctx.now())))
    .orderBy(desc(emailVerifications.createdAt))
    .limit(1);
  const pendingEmail = pending && (pending.email !== a.email?.toLowerCase() || !a.emailVerifiedAt) ? pending.email : null;
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    email: a.email,
    emailVerified: !!a.emailVerifiedAt,
    pendingEmail: pendingEmail && pendingEmail !== a.email ? pendingEmail : null,
    phone: a.phone,
    locale: a.locale === "en" ? "en" : "th",
    consentVersion: a.consentVersion,
    consentAt: a.consentAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}
