import { asc, eq } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import type { CategoryView } from "./contracts.js";
import { caseCategories } from "./tables.js";

/** The categories a citizen can choose (Open311 services), in the form's order. */
export async function listCategories({ ctx }: { ctx: Ctx }): Promise<{ items: CategoryView[] }> {
  await requirePermission(ctx, "cases:public", { kind: "nation" });
  const rows = await ctx.db.select().from(caseCategories).where(eq(caseCategories.active, true)).orderBy(asc(caseCategories.sort), asc(caseCategories.id));
  return {
    items: rows.map((c) => ({ id: c.id, nameTh: c.nameTh, nameEn: c.nameEn, descriptionTh: c.descriptionTh, descriptionEn: c.descriptionEn, groupTh: c.groupTh, groupEn: c.groupEn, acceptHours: c.acceptHours, resolveHours: c.resolveHours, sensitive: c.sensitive, attributes: c.attributes as unknown[] })),
  };
}
