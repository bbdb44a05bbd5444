import { eq } from "drizzle-orm";
import { NATION, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { nodeScope } from "./rules.js";
import { strategyNodes } from "./tables.js";

/** A strategy node's history is read at its area (national nodes: the nation). */
export async function strategyHistoryScopes(ctx: Ctx, id: string): Promise<ScopeRef[]> {
  const [n] = await ctx.db.select({ areaId: strategyNodes.areaId }).from(strategyNodes).where(eq(strategyNodes.id, id)).limit(1);
  return [n ? nodeScope(n) : NATION];
}
