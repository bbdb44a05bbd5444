import { sql } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { parseInput } from "../../platform/validation.js";
import { lookupAreas, lookupOrganizations } from "../registry/index.js";
import { StatsInput, type Stats } from "./contracts.js";
import { caseCategories } from "./tables.js";

type Agg = { key: string | null; cases: number; resolved: number; median: number | null; rating: number | null; ratings: number };

/**
 * Public statistics by agency, category or district: volume, share resolved, median hours from receipt to
 * resolution, mean rating. Counts only: no case's text or place, so nothing personal can show.
 */
export async function getCaseStats({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Stats> {
  const i = parseInput(StatsInput, input);
  await requirePermission(ctx, "cases:public", { kind: "nation" });
  const col = { agency: sql`assigned_org_id`, category: sql`category_id`, district: sql`district_code` }[i.by];
  const conds = [sql`merged_into is null`];
  if (i.provinceCode) conds.push(sql`province_code = ${i.provinceCode}`);
  if (i.from) conds.push(sql`received_at >= ${new Date(`${i.from}T00:00:00+07:00`)}`);
  if (i.to) conds.push(sql`received_at < ${new Date(new Date(`${i.to}T00:00:00+07:00`).getTime() + 86_400_000)}`);
  const where = sql.join(conds, sql` and `);
  const agg = (group: boolean) => sql`select ${group ? col : sql`null`}::text as key, count(*)::int as cases,
      count(*) filter (where status in ('resolved','closed'))::int as resolved,
      (percentile_cont(0.5) within group (order by extract(epoch from resolved_at - received_at) / 3600) filter (where resolved_at is not null))::float8 as median,
      avg(rating)::float8 as rating, count(rating)::int as ratings
    from cases where ${where} ${group ? sql`group by 1 order by 2 desc` : sql``}`;
  const rows = rowsOf<Agg>(await ctx.db.execute(agg(true)));
  const [total] = rowsOf<Agg>(await ctx.db.execute(agg(false)));
  const keys = rows.map((r) => r.key).filter((k): k is string => !!k);
  let names = new Map<string, { th: string; en: string }>();
  if (i.by === "category") names = new Map((await ctx.db.select().from(caseCategories)).map((c) => [c.id, { th: c.nameTh, en: c.nameEn }]));
  if (i.by === "agency") names = new Map([...(await lookupOrganizations(ctx, keys))].map(([k, o]) => [k, { th: o.nameTh, en: o.nameEn || o.nameTh }]));
  if (i.by === "district") names = new Map([...(await lookupAreas(ctx, keys.map((k) => `district:${k}`)))].map(([k, a]) => [k.slice("district:".length), { th: a.nameTh, en: a.nameEn }]));
  const row = (a: Agg, key: string, th: string, en: string) => ({
    key,
    nameTh: th,
    nameEn: en,
    cases: a.cases,
    resolved: a.resolved,
    shareResolved: a.cases ? Math.round((a.resolved / a.cases) * 1000) / 1000 : 0,
    medianHoursToResolve: a.median === null ? null : Math.round(a.median * 10) / 10,
    rating: a.rating === null ? null : Math.round(a.rating * 100) / 100,
    ratings: a.ratings,
  });
  return {
    by: i.by,
    rows: rows.map((r) => (r.key ? row(r, r.key, names.get(r.key)?.th ?? r.key, names.get(r.key)?.en ?? r.key) : row(r, "", "ไม่ระบุ", "Not given"))),
    total: row(total ?? { key: null, cases: 0, resolved: 0, median: null, rating: null, ratings: 0 }, "total", "รวม", "Total"),
  };
}
