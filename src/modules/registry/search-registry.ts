import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { searchTerms, tsQueryFromText } from "../../platform/thai/index.js";
import { SearchInput, type SearchHit, type SearchResult } from "./contracts.js";
import { escapeLike, } from "./queries.js";
import { rowsOf } from "./scope-resolver.js";

type Row = { id: string; classification: string; name_th: string; name_en: string; ctx_th: string | null; ctx_en: string | null; province_code: string | null; organization_id?: string | null; score: number };

/** Thai word search across areas, organisations, people and posts, ranked exact > prefix > words > similarity. */
export async function searchRegistry({ ctx, input }: { ctx: Ctx; input: z.input<typeof SearchInput> }): Promise<SearchResult> {
  await requirePermission(ctx, "registry:read", NATION);
  const i = SearchInput.parse(input);
  const q = i.q.trim();
  const tsq = tsQueryFromText(q);
  const like = `%${escapeLike(q)}%`;
  const prefix = `${escapeLike(q)}%`;
  const kinds = new Set(i.kinds ?? ["area", "organization", "person", "post"]);

  const score = (nameTh: SQL, nameEn: SQL, search: SQL) => sql`(
    case when ${nameTh} = ${q} or lower(${nameEn}) = lower(${q}) then 4
         when ${nameTh} like ${prefix} or ${nameEn} ilike ${prefix} then 2 else 0 end
    + ${tsq ? sql`ts_rank(${search}, to_tsquery('simple', ${tsq}))` : sql`0`}
    + similarity(${nameTh}, ${q}))::float8`;
  const match = (nameTh: SQL, nameEn: SQL, search: SQL, extra?: SQL) =>
    sql`(${nameTh} ilike ${like} or ${nameEn} ilike ${like} ${tsq ? sql`or ${search} @@ to_tsquery('simple', ${tsq})` : sql``} ${extra ? sql`or ${extra}` : sql``})`;

  const queries: Promise<SearchHit[]>[] = [];
  const run = async (kind: SearchHit["kind"], query: SQL) =>
    rowsOf<Row>(await ctx.db.execute(query)).map((r) => ({
      kind,
      id: r.id,
      classification: r.classification,
      nameTh: r.name_th,
      nameEn: r.name_en,
      contextTh: r.ctx_th,
      contextEn: r.ctx_en,
      provinceCode: r.province_code,
      organizationId: r.organization_id ?? null,
      score: Number(r.score),
    }));

  if (kinds.has("area")) {
    queries.push(
      run(
        "area",
        sql`select a.id, a.classification, a.name_th, a.name_en, p.name_th as ctx_th, p.name_en as ctx_en, a.province_code,
              ${score(sql`a.name_th`, sql`a.name_en`, sql`a.search`)} + case a.classification when 'province' then 1 when 'district' then 0.5 else 0 end as score
            from areas a left join areas p on p.id = a.parent_id
            where ${match(sql`a.name_th`, sql`a.name_en`, sql`a.search`, sql`a.code = ${q}`)}
            order by score desc, a.code limit ${i.limit}`,
      ),
    );
  }
  if (kinds.has("organization")) {
    queries.push(
      run(
        "organization",
        sql`select o.id, o.classification, o.name_th, o.name_en, p.name_th as ctx_th, p.name_en as ctx_en, o.province_code,
              ${score(sql`o.name_th`, sql`o.name_en`, sql`o.search`)} + case when o.abbreviation = ${q} then 4 else 0 end as score
            from organizations o left join organizations p on p.id = o.parent_id
            where ${match(sql`o.name_th`, sql`o.name_en`, sql`o.search`, sql`o.abbreviation = ${q}`)}
            order by score desc, o.name_th limit ${i.limit}`,
      ),
    );
  }
  if (kinds.has("person")) {
    queries.push(
      run(
        "person",
        sql`select x.id, 'person' as classification, x.name_th, x.name_en,
              (select po.label_th from memberships m join posts po on po.id = m.post_id where m.person_id = x.id order by m.start_date desc limit 1) as ctx_th,
              (select po.label_en from memberships m join posts po on po.id = m.post_id where m.person_id = x.id order by m.start_date desc limit 1) as ctx_en,
              (select m.province_code from memberships m where m.person_id = x.id order by m.start_date desc limit 1) as province_code,
              (select po.organization_id from memberships m join posts po on po.id = m.post_id where m.person_id = x.id order by m.start_date desc limit 1) as organization_id,
              ${score(sql`x.name_th`, sql`x.name_en`, sql`x.search`)} as score
            from persons x where ${match(sql`x.name_th`, sql`x.name_en`, sql`x.search`)}
            order by score desc, x.name_th limit ${i.limit}`,
      ),
    );
  }
  if (kinds.has("post")) {
    queries.push(
      run(
        "post",
        sql`select x.id, x.role as classification, x.label_th as name_th, x.label_en as name_en, o.name_th as ctx_th, o.name_en as ctx_en, x.province_code, x.organization_id,
              ${score(sql`x.label_th`, sql`x.label_en`, sql`x.search`)} as score
            from posts x join organizations o on o.id = x.organization_id
            where ${match(sql`x.label_th`, sql`x.label_en`, sql`x.search`)}
            order by score desc, x.label_th limit ${i.limit}`,
      ),
    );
  }
  const hits = (await Promise.all(queries)).flat().sort((a, b) => b.score - a.score);
  return { query: q, words: searchTerms(q), hits: hits.slice(0, i.limit) };
}
