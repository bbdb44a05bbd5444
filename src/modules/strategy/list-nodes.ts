import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ListNodesInput, type StrategyNodeListItem } from "./contracts.js";
import { nodeSummary } from "./presenters.js";
import { strategyLinks, strategyNodes } from "./tables.js";

/** Lists cascade nodes by kind, province, area, mission or Thai/English words. */
export async function listNodes({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListNodesInput> }): Promise<{ items: StrategyNodeListItem[]; total: number }> {
  await requirePermission(ctx, "strategy:read", NATION);
  const i = ListNodesInput.parse(input);
  const where: SQL[] = [];
  if (i.kind) where.push(eq(strategyNodes.kind, i.kind));
  if (i.provinceCode) where.push(eq(strategyNodes.provinceCode, i.provinceCode));
  if (i.areaId) where.push(eq(strategyNodes.areaId, i.areaId));
  if (i.mission) where.push(eq(strategyNodes.mission, i.mission));
  if (i.q) {
    const like = `%${i.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(strategyNodes.nameTh, like), ilike(strategyNodes.nameEn, like), ilike(strategyNodes.code, like))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const rows = await ctx.db.select().from(strategyNodes).where(cond).orderBy(asc(strategyNodes.sortOrder), asc(strategyNodes.code), asc(strategyNodes.nameTh)).limit(i.limit).offset(i.offset);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(strategyNodes).where(cond)) as [{ n: number }];
  const links = rows.length ? await ctx.db.select().from(strategyLinks).where(inArray(strategyLinks.fromId, rows.map((r) => r.id))) : [];
  const serves = new Map<string, string[]>();
  for (const l of links) serves.set(l.fromId, [...(serves.get(l.fromId) ?? []), l.toId]);
  return { items: rows.map((r) => ({ ...nodeSummary(r), serves: (serves.get(r.id) ?? []).sort() })), total: n };
}
