import { and, inArray, isNull } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { AccountView } from "./contracts.js";
import { grantViews } from "./grant-views.js";
import { accounts, grants } from "./tables.js";

export async function accountViews(ctx: Ctx, rows: (typeof accounts.$inferSelect)[]): Promise<AccountView[]> {
  if (rows.length === 0) return [];
  const gs = await ctx.db.select().from(grants).where(and(inArray(grants.accountId, rows.map((r) => r.id)), isNull(grants.revokedAt)));
  const views = await grantViews(ctx, gs);
  return rows.map((a) => ({
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    email: a.email,
    locale: a.locale === "en" ? "en" : "th",
    isDemo: a.isDemo,
    disabled: !!a.disabledAt,
    lockedUntil: a.lockedUntil && a.lockedUntil > ctx.now() ? a.lockedUntil.toISOString() : null,
    lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    closedAt: a.closedAt?.toISOString() ?? null,
    grants: views.filter((_, i) => gs[i]!.accountId === a.id),
  }));
}
