import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { scopesFor } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { CreateAccountInput, type AccountView } from "./contracts.js";
import { accountViews } from "./account-view.js";
import { hashPassword } from "./crypto.js";
import { accounts } from "./tables.js";

/** Creates a local account (no roles yet); administrators at any scope may, and then grant within their scope. */
export async function createAccount({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateAccountInput> & { id?: string; isDemo?: boolean } }): Promise<AccountView> {
  const i = CreateAccountInput.parse(input);
  const scopes = scopesFor(ctx, "accounts:manage");
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("accounts:manage");
  }
  const passwordHash = await hashPassword(i.password);
  return withTransaction(ctx, async (tx) => {
    const username = i.username.toLowerCase();
    const [exists] = await tx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username)).limit(1);
    if (exists) throw new ConflictError("account.username-taken", "ชื่อผู้ใช้นี้ถูกใช้แล้ว", "This username is already taken");
    const id = input.id ?? newId();
    const [row] = await tx.db
      .insert(accounts)
      .values({ id, username, displayName: i.displayName, email: i.email ?? null, passwordHash, personId: i.personId ?? null, locale: i.locale, isDemo: input.isDemo ?? false, createdAt: tx.now(), updatedAt: tx.now() })
      .returning();
    const [view] = await accountViews(tx, [row!]);
    await writeAudit(tx, { action: "accounts.account.create", entityType: "account", entityId: id, after: { username, displayName: i.displayName, locale: i.locale } });
    return view!;
  });
}
