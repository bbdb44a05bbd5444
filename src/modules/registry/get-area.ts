import { and, asc, eq, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { NotFoundError } from "../../platform/errors.js";
import type { AreaDetail } from "./contracts.js";
import { mayReadHistory } from "./history-scopes.js";
import { areaSummary } from "./presenters.js";
import { areaGroupings, areas } from "./tables.js";

/** One area with its parent, children (first 500), cluster memberships (with dates) and members. */
export async function getArea({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<AreaDetail> {
  await requirePermission(ctx, "registry:read", NATION);
  const [row] = await ctx.db.select().from(areas).where(eq(areas.id, input.id)).limit(1);
  if (!row) throw new NotFoundError("area", input.id);
  const [parent] = row.parentId ? await ctx.db.select().from(areas).where(eq(areas.id, row.parentId)).limit(1) : [];
  const children = await ctx.db.select().from(areas).where(eq(areas.parentId, row.id)).orderBy(asc(areas.code)).limit(500);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(areas).where(eq(areas.parentId, row.id))) as [{ n: number }];
  const groups = await ctx.db
    .select({ a: areas, g: areaGroupings })
    .from(areaGroupings)
    .innerJoin(areas, eq(areas.id, areaGroupings.groupId))
    .where(eq(areaGroupings.areaId, row.id))
    .orderBy(sql`${areaGroupings.validFrom} desc nulls last`);
  const members = await ctx.db
    .select({ a: areas })
    .from(areaGroupings)
    .innerJoin(areas, eq(areas.id, areaGroupings.areaId))
    .where(and(eq(areaGroupings.groupId, row.id)))
    .orderBy(asc(areas.code));
  return {
    ...areaSummary(row),
    iso: row.iso,
    validFrom: row.validFrom,
    validTo: row.validTo,
    parent: parent ? areaSummary(parent) : null,
    children: children.map(areaSummary),
    childCount: n,
    groups: groups.map((x) => ({ ...areaSummary(x.a), validFrom: x.g.validFrom, validTo: x.g.validTo })),
    members: members.map((x) => areaSummary(x.a)),
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
    may: { history: await mayReadHistory(ctx, "area", row.id) },
  };
}
