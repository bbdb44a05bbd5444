import { and, asc, ilike, isNotNull, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import type { AccountView } from "./contracts.js";
import { accountViews } from "./account-view.js";
import { accounts } from "./tables.js";

export const ListAccountsInput = z.object({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  /** accounts their holders closed (tombstones): left out unless asked for */
  closed: z.enum(["exclude", "include", "only"]).default("exclude"),
});

/** Lists accounts with their grants (national administrators); closed accounts only when asked for. */
export async function listAccounts({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListAccountsInput> }): Promise<{ items: AccountView[]; total: number }> {
  await requirePermission(ctx, "accounts:read", NATION);
  const i = ListAccountsInput.parse(input);
  const text = i.q ? or(ilike(accounts.username, `%${i.q.replace(/[\\%_]/g, "\\$&")}%`), ilike(accounts.displayName, `%${i.q.replace(/[\\%_]/g, "\\$&")}%`)) : undefined;
  const where = and(text, i.closed === "exclude" ? isNull(accounts.closedAt) : i.closed === "only" ? isNotNull(accounts.closedAt) : undefined);
  const rows = await ctx.db.select().from(accounts).where(where).orderBy(asc(accounts.username)).limit(i.limit).offset(i.offset);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(accounts).where(where)) as [{ n: number }];
  return { items: await accountViews(ctx, rows), total: n };
}
