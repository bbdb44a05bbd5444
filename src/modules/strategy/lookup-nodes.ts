import { inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { strategyNodes } from "./tables.js";

export type StrategyNodeRef = { id: string; kind: string; code: string | null; provinceCode: string | null; areaId: string | null; nameTh: string; nameEn: string; status: string };

/** Many strategy nodes at once, for other modules that link to the cascade (projects serve provincial goals): a map by id of those that exist. */
export async function lookupStrategyNodes(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, StrategyNodeRef>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: strategyNodes.id, kind: strategyNodes.kind, code: strategyNodes.code, provinceCode: strategyNodes.provinceCode, areaId: strategyNodes.areaId, nameTh: strategyNodes.nameTh, nameEn: strategyNodes.nameEn, status: strategyNodes.status })
    .from(strategyNodes)
    .where(inArray(strategyNodes.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}
