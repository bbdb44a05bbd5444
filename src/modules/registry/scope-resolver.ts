import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client.js";
import type { ScopeRef, ScopeResolver } from "../../platform/auth/scope.js";
import { rowsOf } from "../../platform/db/rows.js";

type Cached = { at: number; value: Set<string> };
const TTL_MS = 30_000;

/** The registry's answer to "what contains this?": organisation parents, their areas, area parents and current clusters. */
export function createScopeResolver(db: Db, shared?: Map<string, Cached>): ScopeResolver {
  const cache = shared ?? new Map<string, Cached>();

  async function areaAncestors(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await db.execute(sql`
      with recursive a(id, parent_id, depth) as (
        select id, parent_id, 0 from areas where id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})
        union all
        select x.id, x.parent_id, a.depth + 1 from areas x join a on x.id = a.parent_id where a.depth < 10
      )
      select id from a
      union
      select g.group_id as id from area_groupings g where g.area_id in (select id from a) and g.valid_to is null`);
    return rowsOf<{ id: string }>(rows).map((r) => `area:${r.id}`);
  }

  async function compute(ref: ScopeRef): Promise<Set<string>> {
    const out = new Set<string>(["nation"]);
    if (ref.kind === "nation") return out;
    if (ref.kind === "area") {
      for (const k of await areaAncestors([ref.id])) out.add(k);
      return out;
    }
    const rows = rowsOf<{ id: string; area_id: string | null }>(
      await db.execute(sql`
        with recursive c(id, parent_id, area_id, depth) as (
          select id, parent_id, area_id, 0 from organizations where id = ${ref.id}
          union all
          select o.id, o.parent_id, o.area_id, c.depth + 1 from organizations o join c on o.id = c.parent_id where c.depth < 20
        ) select id, area_id from c`),
    );
    for (const r of rows) out.add(`org:${r.id}`);
    const areaIds = [...new Set(rows.map((r) => r.area_id).filter((x): x is string => !!x))];
    for (const k of await areaAncestors(areaIds)) out.add(k);
    return out;
  }

  return {
    async ancestors(ref) {
      const key = ref.kind === "nation" ? "nation" : `${ref.kind}:${ref.id}`;
      const hit = cache.get(key);
      if (hit && Date.now() - hit.at < TTL_MS) return new Set(hit.value);
      const value = await compute(ref);
      cache.set(key, { at: Date.now(), value });
      return new Set(value);
    },
    async provinceOf(ref) {
      if (ref.kind === "nation") return null;
      const table = ref.kind === "area" ? sql`areas` : sql`organizations`;
      const rows = rowsOf<{ p: string | null }>(await db.execute(sql`select province_code as p from ${table} where id = ${ref.id}`));
      return rows[0]?.p ?? null;
    },
    async describe(ref) {
      if (ref.kind === "nation") return { exists: true, classification: "nation" };
      const table = ref.kind === "area" ? sql`areas` : sql`organizations`;
      const rows = rowsOf<{ c: string }>(await db.execute(sql`select classification as c from ${table} where id = ${ref.id}`));
      return rows[0] ? { exists: true, classification: rows[0].c } : { exists: false, classification: null };
    },
    invalidate() {
      cache.clear();
    },
    withDb(other) {
      return createScopeResolver(other as Db, cache);
    },
  };
}

export { rowsOf };
