import { eq, inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { projects } from "./tables.js";

export type ProjectRef = { id: string; code: string; titleTh: string; titleEn: string; provinceCode: string | null; status: string; fiscalYear: number };

/** Many projects at once, for other modules that link to them (a committee's agenda item): a map by id of those that exist. */
export async function lookupProjects(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, ProjectRef>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: projects.id, code: projects.code, titleTh: projects.titleTh, titleEn: projects.titleEn, provinceCode: projects.provinceCode, status: projects.status, fiscalYear: projects.fiscalYear })
    .from(projects)
    .where(inArray(projects.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}

/** A project's id from its code in a fiscal year (codes repeat across years), for other modules' demo seeds and imports. */
export async function projectIdByCode(ctx: Ctx, code: string): Promise<string | null> {
  const [row] = await ctx.db.select({ id: projects.id }).from(projects).where(eq(projects.code, code)).limit(1);
  return row?.id ?? null;
}
