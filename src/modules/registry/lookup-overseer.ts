import { and, eq, inArray, isNull, lte, or, gte } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { areaGroupings, areas, oversights, posts } from "./tables.js";

export type OverseerRef = { postId: string; labelTh: string; labelEn: string; viaAreaId: string };

/**
 * The deputy prime minister's post overseeing a province on a date: an oversight of the province itself, of a
 * cluster it belongs to on that date, or of its region (the most specific wins). Null when none does.
 */
export async function lookupOverseer(ctx: Ctx, provinceCode: string, date: string): Promise<OverseerRef | null> {
  const provinceId = `province:${provinceCode}`;
  const [prov] = await ctx.db.select({ parentId: areas.parentId }).from(areas).where(eq(areas.id, provinceId)).limit(1);
  if (!prov) return null;
  const groups = await ctx.db
    .select({ groupId: areaGroupings.groupId })
    .from(areaGroupings)
    .where(and(eq(areaGroupings.areaId, provinceId), or(isNull(areaGroupings.validFrom), lte(areaGroupings.validFrom, date)), or(isNull(areaGroupings.validTo), gte(areaGroupings.validTo, date))));
  const clusters = groups.map((g) => g.groupId).filter((g) => g.startsWith("cluster:"));
  const rank = new Map<string, number>([[provinceId, 0], ...clusters.map((c) => [c, 1] as [string, number]), ...(prov.parentId ? [[prov.parentId, 2] as [string, number]] : [])]);
  const rows = await ctx.db
    .select({ postId: posts.id, labelTh: posts.labelTh, labelEn: posts.labelEn, areaId: oversights.areaId })
    .from(oversights)
    .innerJoin(posts, eq(posts.id, oversights.postId))
    .where(and(inArray(oversights.areaId, [...rank.keys()]), eq(posts.role, "deputy_prime_minister"), lte(oversights.startDate, date), or(isNull(oversights.endDate), gte(oversights.endDate, date))));
  rows.sort((a, b) => rank.get(a.areaId)! - rank.get(b.areaId)! || a.postId.localeCompare(b.postId));
  const r = rows[0];
  return r ? { postId: r.postId, labelTh: r.labelTh, labelEn: r.labelEn, viaAreaId: r.areaId } : null;
}

/** Labels of posts by id (the deputy PMs a headroom table names). */
export async function lookupPostLabels(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, { labelTh: string; labelEn: string }>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const rows = await ctx.db.select({ id: posts.id, labelTh: posts.labelTh, labelEn: posts.labelEn }).from(posts).where(inArray(posts.id, list));
  return new Map(rows.map((r) => [r.id, { labelTh: r.labelTh, labelEn: r.labelEn }]));
}

/** Every deputy prime minister's post overseeing some area on a date (for headroom tables that list them all). */
export async function listOverseers(ctx: Ctx, date: string): Promise<{ postId: string; labelTh: string; labelEn: string }[]> {
  const rows = await ctx.db
    .selectDistinct({ postId: posts.id, labelTh: posts.labelTh, labelEn: posts.labelEn })
    .from(oversights)
    .innerJoin(posts, eq(posts.id, oversights.postId))
    .where(and(eq(posts.role, "deputy_prime_minister"), lte(oversights.startDate, date), or(isNull(oversights.endDate), gte(oversights.endDate, date))));
  return rows.sort((a, b) => a.postId.localeCompare(b.postId));
}
