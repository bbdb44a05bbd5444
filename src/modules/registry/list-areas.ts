import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { tsQueryFromText } from "../../platform/thai/index.js";
import { AreaSummary, ListAreasInput } from "./contracts.js";
import { areaSummary } from "./presenters.js";
import { escapeLike } from "./queries.js";
import { areas } from "./tables.js";

/** Lists areas by classification, parent or province, with Thai word search. */
export async function listAreas({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListAreasInput> }): Promise<{ items: AreaSummary[]; total: number }> {
  await requirePermission(ctx, "registry:read", NATION);
  const i = ListAreasInput.parse(input);
  const conds: SQL[] = [];
  if (i.classification) conds.push(eq(areas.classification, i.classification));
  if (i.parentId) conds.push(eq(areas.parentId, i.parentId));
  if (i.provinceCode) conds.push(eq(areas.provinceCode, i.provinceCode));
  if (i.q) {
    const tsq = tsQueryFromText(i.q);
    const like = `%${escapeLike(i.q.trim())}%`;
    conds.push(or(ilike(areas.nameTh, like), ilike(areas.nameEn, like), eq(areas.code, i.q.trim()), ...(tsq ? [sql`${areas.search} @@ to_tsquery('simple', ${tsq})`] : []))!);
  }
  const where = conds.length ? and(...conds) : undefined;
  const [rows, count] = await Promise.all([
    ctx.db.select().from(areas).where(where).orderBy(asc(areas.code)).limit(i.limit).offset(i.offset),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(areas).where(where),
  ]);
  return { items: rows.map(areaSummary), total: count[0]?.n ?? 0 };
}
