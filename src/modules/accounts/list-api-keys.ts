import { desc } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { ApiKeyView } from "./contracts.js";
import { apiKeyView, mayManageKey, requireKeyManagerSomewhere } from "./api-keys.js";
import { apiKeys } from "./tables.js";

/** Lists the API keys (never their secrets) whose every grant lies within the administrator's scope. */
export async function listApiKeys({ ctx }: { ctx: Ctx; input?: unknown }): Promise<ApiKeyView[]> {
  requireKeyManagerSomewhere(ctx);
  const out: ApiKeyView[] = [];
  for (const row of await ctx.db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt))) {
    const view = apiKeyView(row);
    if (await mayManageKey(ctx, view.grants)) out.push(view);
  }
  return out;
}
