import { desc } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import type { ApiKeyView } from "./contracts.js";
import { apiKeyView } from "./api-keys.js";
import { apiKeys } from "./tables.js";

/** Lists API keys (never their secrets). */
export async function listApiKeys({ ctx }: { ctx: Ctx; input?: unknown }): Promise<ApiKeyView[]> {
  await requirePermission(ctx, "accounts:api-key.manage", NATION);
  return (await ctx.db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt))).map(apiKeyView);
}
