import { sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";

/** The organisations under the given ones (themselves included), down the parent links: a ministry's departments and their provincial offices. */
export async function organizationsUnder(ctx: Ctx, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const list = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const rows = rowsOf<{ id: string }>(
    await ctx.db.execute(sql`with recursive t(id, depth) as (select id, 0 from organizations where id in (${list}) union select o.id, t.depth + 1 from organizations o join t on o.parent_id = t.id where t.depth < 6) select distinct id from t`),
  );
  return rows.map((r) => r.id);
}
