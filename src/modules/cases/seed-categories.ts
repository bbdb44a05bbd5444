import { sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { CATEGORIES } from "./categories.js";
import { caseCategories } from "./tables.js";

/** Reference data: the categories (Open311 services) with their service levels; kept up to date at every start. */
export async function seedCategories({ ctx }: { ctx: Ctx }): Promise<void> {
  const rows = CATEGORIES.map((c, k) => ({
    id: c.id,
    nameTh: c.nameTh,
    nameEn: c.nameEn,
    groupTh: c.groupTh,
    groupEn: c.groupEn,
    keywords: [c.nameTh],
    acceptHours: c.acceptHours,
    resolveHours: c.resolveHours,
    sensitive: c.sensitive ?? false,
    defaultOfficeType: c.office,
    attributes: c.attributes ?? [],
    sort: k,
  }));
  await ctx.db
    .insert(caseCategories)
    .values(rows)
    .onConflictDoUpdate({ target: caseCategories.id, set: { nameTh: sql`excluded.name_th`, nameEn: sql`excluded.name_en`, groupTh: sql`excluded.group_th`, groupEn: sql`excluded.group_en`, sensitive: sql`excluded.sensitive`, defaultOfficeType: sql`excluded.default_office_type`, attributes: sql`excluded.attributes`, sort: sql`excluded.sort` } });
}
