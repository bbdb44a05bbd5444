import { and, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { accounts } from "./tables.js";

/** The enabled account an address belongs to: its user name (citizens log in with their address) or its verified e-mail. */
export async function findAccountByAddress(ctx: Ctx, email: string): Promise<{ id: string; displayName: string; email: string | null; emailVerifiedAt: Date | null; username: string } | null> {
  const address = email.trim().toLowerCase();
  const [a] = await ctx.db
    .select({ id: accounts.id, displayName: accounts.displayName, email: accounts.email, emailVerifiedAt: accounts.emailVerifiedAt, username: accounts.username })
    .from(accounts)
    .where(and(isNull(accounts.disabledAt), or(eq(accounts.username, address), and(sql`lower(${accounts.email}) = ${address}`, isNotNull(accounts.emailVerifiedAt)))))
    .limit(1);
  return a ?? null;
}
