import { and, asc, eq, inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { StrategyNodeRef } from "./lookup-nodes.js";
import { strategyNodes } from "./tables.js";

/** A province's own goals, issues and pain points (read-only, for other modules' pickers such as participation calls). */
export async function provinceGoalNodes(ctx: Ctx, provinceCode: string): Promise<StrategyNodeRef[]> {
  return ctx.db
    .select({ id: strategyNodes.id, kind: strategyNodes.kind, code: strategyNodes.code, provinceCode: strategyNodes.provinceCode, areaId: strategyNodes.areaId, nameTh: strategyNodes.nameTh, nameEn: strategyNodes.nameEn, status: strategyNodes.status })
    .from(strategyNodes)
    .where(and(eq(strategyNodes.provinceCode, provinceCode), inArray(strategyNodes.kind, ["provincial_goal", "strategic_issue", "pain_point"])))
    .orderBy(asc(strategyNodes.sortOrder), asc(strategyNodes.code), asc(strategyNodes.id))
    .limit(500);
}
