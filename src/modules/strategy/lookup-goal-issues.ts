import { and, eq, inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { strategyLinks, strategyNodes } from "./tables.js";

/** The strategic issue each provincial goal is part of (goal → issue in the provincial strategy), for reports that roll goals up. */
export async function lookupGoalIssues(ctx: Ctx, goalIds: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(goalIds)];
  if (list.length === 0) return new Map();
  const rows = await ctx.db
    .select({ from: strategyLinks.fromId, to: strategyLinks.toId })
    .from(strategyLinks)
    .innerJoin(strategyNodes, eq(strategyNodes.id, strategyLinks.toId))
    .where(and(inArray(strategyLinks.fromId, list), eq(strategyLinks.kind, "part_of"), eq(strategyNodes.kind, "strategic_issue")));
  return new Map(rows.map((r) => [r.from, r.to]));
}
