import { eq } from "drizzle-orm";
import { NATION, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { nodeScope } from "./rules.js";
import { agendaAssignments, strategyNodes } from "./tables.js";
import { MOI_SCOPE, provinceScope } from "./agenda-rules.js";

/** A strategy node's history is read at its area (national nodes: the nation). */
export async function strategyHistoryScopes(ctx: Ctx, id: string): Promise<ScopeRef[]> {
  const [n] = await ctx.db.select({ areaId: strategyNodes.areaId }).from(strategyNodes).where(eq(strategyNodes.id, id)).limit(1);
  return [n ? nodeScope(n) : NATION];
}

/** A governor's proposal is read at its province and by the Ministry of Interior's reviewers. */
export async function assignmentHistoryScopes(ctx: Ctx, id: string): Promise<ScopeRef[]> {
  const [a] = await ctx.db.select({ provinceCode: agendaAssignments.provinceCode }).from(agendaAssignments).where(eq(agendaAssignments.id, id)).limit(1);
  return a ? [provinceScope(a.provinceCode), MOI_SCOPE] : [NATION];
}
