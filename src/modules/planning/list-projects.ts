import { and, asc, desc, eq, exists, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { scopesFor } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { searchText } from "../../platform/thai/segment.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganizations } from "../registry/index.js";
import { ListProjectsInput, type ProjectList, type ProjectListItem } from "./contracts-projects.js";
import { projectSummary } from "./presenters.js";
import { projectBudgetLines, projects } from "./tables.js";

const esc = (s: string) => s.replace(/[%_\\]/g, "");

/**
 * What a reader's grants reach (the same scopes a project record's read check accepts): the owner organisation and
 * the departments and ministries above it, the province, the districts of its subdistricts, its cluster — and every
 * province inside a wider area grant (a cluster office, a deputy PM's office, a region), as the registry places it.
 */
export async function readableProjects(ctx: Ctx): Promise<SQL | undefined> {
  const scopes = scopesFor(ctx, "planning:read");
  if (scopes === null) return undefined;
  if (scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("planning:read");
  }
  const ors: SQL[] = [];
  const wide: string[] = [];
  for (const s of scopes) {
    let m: RegExpExecArray | null;
    if ((m = /^area:province:(\d{2})$/.exec(s))) ors.push(eq(projects.provinceCode, m[1]!));
    else if ((m = /^area:district:(\d{4})$/.exec(s))) ors.push(sql`exists (select 1 from unnest(${projects.areaCodes}) c where c like ${`${m[1]}%`})`);
    else if ((m = /^org:(.+)$/.exec(s))) ors.push(or(eq(projects.ownerOrgId, m[1]!), eq(projects.agencyId, m[1]!), ilike(projects.agencyId, `${esc(m[1]!)}.%`))!);
    else if ((m = /^area:(.+)$/.exec(s))) {
      if (m[1]!.startsWith("cluster:")) ors.push(eq(projects.clusterId, m[1]!));
      wide.push(s);
    }
  }
  if (wide.length) {
    // the provinces (among those with projects) the registry places inside a cluster or region grant
    const inside: string[] = [];
    for (const { p } of await ctx.db.selectDistinct({ p: projects.provinceCode }).from(projects)) {
      if (p && [...(await ctx.scopes.ancestors(provinceScope(p)))].some((a) => wide.includes(a))) inside.push(p);
    }
    if (inside.length) ors.push(inArray(projects.provinceCode, inside));
  }
  return ors.length ? or(...ors) : sql`false`;
}

/** Projects by province, fiscal year, status, budget source, origin and agency, with search, sort and pages. */
export async function listProjects({ ctx, input }: { ctx: Ctx; input: ListProjectsInput }): Promise<ProjectList> {
  const i = parseInput(ListProjectsInput, input);
  const where: SQL[] = [];
  const scope = await readableProjects(ctx);
  if (scope) where.push(scope);
  if (i.provinceCode) where.push(eq(projects.provinceCode, i.provinceCode));
  if (i.fiscalYear) where.push(eq(projects.fiscalYear, i.fiscalYear));
  if (i.status) where.push(eq(projects.status, i.status));
  if (i.origin) where.push(eq(projects.origin, i.origin));
  if (i.planId) where.push(or(eq(projects.planId, i.planId), eq(projects.consolidatedIntoPlanId, i.planId))!);
  if (i.agencyId) where.push(or(eq(projects.agencyId, i.agencyId), eq(projects.ownerOrgId, i.agencyId))!);
  if (i.source) where.push(exists(ctx.db.select({ x: sql`1` }).from(projectBudgetLines).where(and(eq(projectBudgetLines.projectId, projects.id), eq(projectBudgetLines.source, i.source)))));
  if (i.q) {
    // Thai has no spaces: the query is segmented like the stored text, and the code or title may also match as typed
    const words = searchText(i.q).split(/\s+/).filter(Boolean).map((w) => w.replace(/[^\p{L}\p{N}\p{M}]/gu, "")).filter(Boolean);
    const like = `%${esc(i.q)}%`;
    const fts = words.length ? sql`${projects.search} @@ to_tsquery('simple', ${words.map((w) => `${w}:*`).join(" & ")})` : sql`false`;
    where.push(or(ilike(projects.code, like), ilike(projects.titleTh, like), ilike(projects.titleEn, like), fts)!);
  }
  const cond = where.length ? and(...where) : undefined;
  const [agg] = (await ctx.db.select({ n: sql<number>`count(*)::int`, total: sql<string>`coalesce(sum(${projects.totalBudget}), 0)::numeric(16,2)::text` }).from(projects).where(cond)) as [{ n: number; total: string }];
  const dir = i.dir === "desc" ? desc : asc;
  const key = { code: projects.code, title: projects.titleTh, budget: projects.totalBudget, priority: projects.priority, updated: projects.updatedAt }[i.sort];
  const rows = await ctx.db.select().from(projects).where(cond).orderBy(i.sort === "priority" ? sql`${projects.priority} ${sql.raw(i.dir)} nulls last` : dir(key), asc(projects.id)).limit(i.pageSize).offset((i.page - 1) * i.pageSize);
  const ids = rows.map((r) => r.id);
  const srcs = ids.length ? await ctx.db.selectDistinct({ projectId: projectBudgetLines.projectId, source: projectBudgetLines.source }).from(projectBudgetLines).where(inArray(projectBudgetLines.projectId, ids)) : [];
  const orgs = await lookupOrganizations(ctx, rows.flatMap((r) => [r.ownerOrgId, r.agencyId]));
  const items: ProjectListItem[] = rows.map((r) => {
    const ag = orgs.get(r.agencyId);
    return { ...projectSummary(r, orgs), agencyNameTh: ag?.nameTh ?? r.agencyId, agencyNameEn: ag?.nameEn || ag?.nameTh || r.agencyId, sources: srcs.filter((s) => s.projectId === r.id).map((s) => s.source as ProjectListItem["sources"][number]).sort(), startDate: r.startDate, endDate: r.endDate };
  });
  return { items, total: agg.n, page: i.page, pageSize: i.pageSize, totalBudget: agg.total };
}
