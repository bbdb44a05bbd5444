import { inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { strategyLinks, strategyNodes } from "./tables.js";

export type StrategyChainNode = { id: string; kind: string; code: string | null; nameTh: string; nameEn: string; depth: number; via: string };

/**
 * For each id, every node above it in the cascade (goal → strategic issue → provincial strategy → national
 * strategy, master plans, agendas), breadth first with its depth and the link kind that led there. Read-only,
 * for other modules that show "what this serves" (a project page).
 */
export async function strategyChainsUp(ctx: Ctx, ids: Iterable<string>, maxDepth = 6): Promise<Map<string, StrategyChainNode[]>> {
  const start = [...new Set(ids)];
  const out = new Map<string, StrategyChainNode[]>(start.map((id) => [id, []]));
  if (start.length === 0) return out;
  // one query per level over the whole frontier: the cascade is shallow (≤ 6 levels)
  const up = new Map<string, { toId: string; kind: string }[]>();
  let frontier = start;
  const seen = new Set(start);
  for (let d = 0; d < maxDepth && frontier.length; d++) {
    const links = await ctx.db.select({ fromId: strategyLinks.fromId, toId: strategyLinks.toId, kind: strategyLinks.kind }).from(strategyLinks).where(inArray(strategyLinks.fromId, frontier));
    for (const l of links) up.set(l.fromId, [...(up.get(l.fromId) ?? []), { toId: l.toId, kind: l.kind }]);
    frontier = [...new Set(links.map((l) => l.toId))].filter((x) => !seen.has(x));
    frontier.forEach((x) => seen.add(x));
  }
  const nodes = new Map(
    (await ctx.db.select({ id: strategyNodes.id, kind: strategyNodes.kind, code: strategyNodes.code, nameTh: strategyNodes.nameTh, nameEn: strategyNodes.nameEn }).from(strategyNodes).where(inArray(strategyNodes.id, [...seen]))).map((n) => [n.id, n]),
  );
  for (const id of start) {
    const list: StrategyChainNode[] = [];
    const visited = new Set([id]);
    let level = [id];
    for (let d = 1; d <= maxDepth && level.length; d++) {
      const next: string[] = [];
      for (const from of level)
        for (const l of up.get(from) ?? []) {
          if (visited.has(l.toId)) continue;
          visited.add(l.toId);
          const n = nodes.get(l.toId);
          if (!n) continue;
          list.push({ ...n, depth: d, via: l.kind });
          next.push(l.toId);
        }
      level = next;
    }
    out.set(id, list);
  }
  return out;
}
