import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { tsQueryFromText } from "../../platform/thai/index.js";
import { ListOrganizationsInput, type OrganizationSummary } from "./contracts.js";
import { organizationSummary } from "./presenters.js";
import { escapeLike } from "./queries.js";
import { organizations } from "./tables.js";

/** Lists organisations with filters (classification, parent, province) and Thai word search. */
export async function listOrganizations({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListOrganizationsInput> }): Promise<{ items: OrganizationSummary[]; total: number }> {
  await requirePermission(ctx, "registry:read", NATION);
  const i = ListOrganizationsInput.parse(input);
  const conds: SQL[] = [];
  if (i.classification) conds.push(eq(organizations.classification, i.classification));
  if (i.parentId) conds.push(eq(organizations.parentId, i.parentId));
  if (i.provinceCode) conds.push(eq(organizations.provinceCode, i.provinceCode));
  if (i.q) {
    const tsq = tsQueryFromText(i.q);
    const like = `%${escapeLike(i.q.trim())}%`;
    conds.push(
      or(
        ilike(organizations.nameTh, like),
        ilike(organizations.nameEn, like),
        ilike(organizations.abbreviation, like),
        ...(tsq ? [sql`${organizations.search} @@ to_tsquery('simple', ${tsq})`] : []),
      )!,
    );
  }
  const where = conds.length ? and(...conds) : undefined;
  const [rows, count] = await Promise.all([
    ctx.db.select().from(organizations).where(where).orderBy(asc(organizations.provinceCode), asc(organizations.nameTh)).limit(i.limit).offset(i.offset),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(where),
  ]);
  return { items: rows.map(organizationSummary), total: count[0]?.n ?? 0 };
}
