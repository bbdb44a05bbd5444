import { and, eq, inArray, isNull, lte, or, gte, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
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

export type OverseenArea = { postId: string; labelTh: string; labelEn: string; provinces: string[] };

/**
 * Every deputy prime minister's post with the provinces it oversees on a date, by the rule of `lookupOverseer` (an
 * oversight of the province, else of a cluster it belongs to that day, else of its region; the most specific wins):
 * each province belongs to at most one post. Posts overseeing nothing that day are absent. One read.
 */
export async function overseenAreas(ctx: Ctx, date: string): Promise<OverseenArea[]> {
  const rows = rowsOf<{ post_id: string; label_th: string; label_en: string; code: string }>(
    await ctx.db.execute(sql`with live as (
        select o.post_id, o.area_id from oversights o join posts p on p.id = o.post_id
        where p.role = 'deputy_prime_minister' and o.start_date <= ${date}::date and (o.end_date is null or o.end_date >= ${date}::date)),
      cand as (
        select a.code, l.post_id, 0 as rank from areas a join live l on l.area_id = a.id where a.classification = 'province'
        union all
        select a.code, l.post_id, 1 from areas a join area_groupings g on g.area_id = a.id join live l on l.area_id = g.group_id
        where a.classification = 'province' and g.group_id like 'cluster:%' and (g.valid_from is null or g.valid_from <= ${date}::date) and (g.valid_to is null or g.valid_to >= ${date}::date)
        union all
        select a.code, l.post_id, 2 from areas a join live l on l.area_id = a.parent_id where a.classification = 'province'),
      won as (select distinct on (code) code, post_id from cand order by code, rank, post_id)
      select w.post_id, p.label_th, p.label_en, w.code from won w join posts p on p.id = w.post_id order by w.post_id, w.code`),
  );
  const out = new Map<string, OverseenArea>();
  for (const r of rows) {
    if (!out.has(r.post_id)) out.set(r.post_id, { postId: r.post_id, labelTh: r.label_th, labelEn: r.label_en, provinces: [] });
    out.get(r.post_id)!.provinces.push(r.code);
  }
  return [...out.values()];
}
