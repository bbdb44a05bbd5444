import { eq, sql } from "drizzle-orm";
import { hasAnyPermission, hasPermission, requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { NotFoundError } from "../../platform/errors.js";
import type { CascadeEntry, StrategyNodeDetail } from "./contracts.js";
import { nodeSummary } from "./presenters.js";
import { approveOperation, nodeScope, writeOperation } from "./rules.js";
import { strategyNodes } from "./tables.js";

const BELOW_LIMIT = 2000;
type Row = typeof strategyNodes.$inferSelect;
type Raw = Record<string, unknown> & { depth: number; via: string | null; link_kind: string };

function entry(r: Raw): CascadeEntry {
  const row: Row = {
    id: r.id as string,
    kind: r.kind as string,
    code: (r.code as string | null) ?? null,
    nameTh: r.name_th as string,
    nameEn: r.name_en as string,
    descriptionTh: null,
    descriptionEn: null,
    areaId: (r.area_id as string | null) ?? null,
    provinceCode: (r.province_code as string | null) ?? null,
    mission: (r.mission as string | null) ?? null,
    fromYear: (r.from_year as number | null) ?? null,
    toYear: (r.to_year as number | null) ?? null,
    status: r.status as string,
    approvedAt: null,
    approvedBy: null,
    sortOrder: Number(r.sort_order ?? 0),
    isDemo: Boolean(r.is_demo),
    searchText: "",
    search: "",
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
  return { ...nodeSummary(row), depth: Number(r.depth), via: r.via, linkKind: r.link_kind as CascadeEntry["linkKind"] };
}

/** One node of the cascade with everything above it (to the national strategy) and below it (across provinces). */
export async function getNode({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<StrategyNodeDetail> {
  await requirePermission(ctx, "strategy:read", NATION);
  const [row] = await ctx.db.select().from(strategyNodes).where(eq(strategyNodes.id, input.id)).limit(1);
  if (!row) throw new NotFoundError("strategy-node", input.id);
  // ranks strictly decrease along links, so both walks end within the cascade's nine levels
  const above = rowsOf<Raw>(
    await ctx.db.execute(sql`
      with recursive up(id, depth, via, link_kind) as (
        select l.to_id, 1, l.from_id, l.kind from strategy_links l where l.from_id = ${row.id}
        union all
        select l.to_id, u.depth + 1, l.from_id, l.kind from strategy_links l join up u on l.from_id = u.id where u.depth < 10
      )
      select distinct on (n.id) n.*, u.depth, u.via, u.link_kind from up u join strategy_nodes n on n.id = u.id
      order by n.id, u.depth`),
  )
    .map(entry)
    .sort((a, b) => a.depth - b.depth || a.nameTh.localeCompare(b.nameTh, "th"));
  const belowRows = rowsOf<Raw & { total: number }>(
    await ctx.db.execute(sql`
      with recursive down(id, depth, via, link_kind) as (
        select l.from_id, 1, l.to_id, l.kind from strategy_links l where l.to_id = ${row.id}
        union all
        select l.from_id, d.depth + 1, l.to_id, l.kind from strategy_links l join down d on l.to_id = d.id where d.depth < 10
      ),
      nearest as (select distinct on (n.id) n.*, d.depth, d.via, d.link_kind from down d join strategy_nodes n on n.id = d.id order by n.id, d.depth)
      select *, count(*) over ()::int as total from nearest order by depth, province_code nulls first, sort_order, name_th limit ${BELOW_LIMIT}`),
  );
  const write = ctx.actor.kind !== "anonymous" && (await hasPermission(ctx, writeOperation(row.kind as never), nodeScope(row)));
  const op = approveOperation(row.kind as never);
  const approve = ctx.actor.kind !== "anonymous" && row.status === "draft" && !!op && (await hasPermission(ctx, op, nodeScope(row)));
  return {
    ...nodeSummary(row),
    descriptionTh: row.descriptionTh,
    descriptionEn: row.descriptionEn,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    approvedBy: row.approvedBy,
    above,
    below: belowRows.map(entry),
    belowTotal: belowRows[0]?.total ?? 0,
    may: { edit: write, approve, history: ctx.actor.kind !== "anonymous" && (await hasAnyPermission(ctx, "audit:read", [nodeScope(row)])) },
  };
}
