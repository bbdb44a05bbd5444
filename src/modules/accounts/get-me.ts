import { and, eq, isNull } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { Me } from "./contracts.js";
import { sessionCsrfToken } from "./authenticate.js";
import { grantViews, homeOf } from "./grant-views.js";
import { accounts, grants } from "./tables.js";

/** The logged-in user, their grants with scope names, their CSRF token and their home page. */
export async function getMe({ ctx }: { ctx: Ctx; input?: unknown }): Promise<Me> {
  if (ctx.actor.kind !== "user" || !ctx.actor.id) return { authenticated: false, account: null, grants: [], csrfToken: null, home: "/" };
  const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.id, ctx.actor.id)).limit(1);
  if (!acc) return { authenticated: false, account: null, grants: [], csrfToken: null, home: "/" };
  const rows = await ctx.db.select().from(grants).where(and(eq(grants.accountId, acc.id), isNull(grants.revokedAt)));
  return {
    authenticated: true,
    account: { id: acc.id, username: acc.username, displayName: acc.displayName, locale: acc.locale === "en" ? "en" : "th", isDemo: acc.isDemo, personId: acc.personId },
    grants: await grantViews(ctx, rows),
    csrfToken: ctx.actor.sessionId ? await sessionCsrfToken(ctx.db, ctx.actor.sessionId) : null,
    home: homeOf(rows),
  };
}
