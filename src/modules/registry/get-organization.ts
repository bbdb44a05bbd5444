import { asc, eq, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { hasPermission, requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { NotFoundError } from "../../platform/errors.js";
import type { OrganizationDetail } from "./contracts.js";
import { areaSummary, organizationSummary } from "./presenters.js";
import { postsWithHolders } from "./queries.js";
import { mayReadHistory } from "./history-scopes.js";
import { areas, organizations, posts } from "./tables.js";

/** One organisation with its lineage, children, area and posts with their current holders. */
export async function getOrganization({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<OrganizationDetail> {
  await requirePermission(ctx, "registry:read", NATION);
  const [row] = await ctx.db.select().from(organizations).where(eq(organizations.id, input.id)).limit(1);
  if (!row) throw new NotFoundError("organization", input.id);
  const lineage = [];
  let parentId = row.parentId;
  for (let depth = 0; parentId && depth < 20; depth++) {
    const [p] = await ctx.db.select().from(organizations).where(eq(organizations.id, parentId)).limit(1);
    if (!p) break;
    lineage.unshift(organizationSummary(p));
    parentId = p.parentId;
  }
  const children = await ctx.db.select().from(organizations).where(eq(organizations.parentId, row.id)).orderBy(asc(organizations.provinceCode), asc(organizations.nameTh)).limit(200);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(eq(organizations.parentId, row.id))) as [{ n: number }];
  const [area] = row.areaId ? await ctx.db.select().from(areas).where(eq(areas.id, row.areaId)).limit(1) : [];
  const postRows = await ctx.db.select().from(posts).where(eq(posts.organizationId, row.id)).orderBy(asc(posts.labelTh));
  return {
    ...organizationSummary(row),
    foundingDate: row.foundingDate,
    dissolutionDate: row.dissolutionDate,
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
    parent: lineage.length ? lineage[lineage.length - 1]! : null,
    children: children.map(organizationSummary),
    childCount: n,
    area: area ? areaSummary(area) : null,
    posts: await postsWithHolders(ctx, postRows),
    lineage,
    may: await affordances(ctx, row.id),
  };
}

async function affordances(ctx: Ctx, id: string): Promise<OrganizationDetail["may"]> {
  if (ctx.actor.kind === "anonymous") return { edit: false, addPost: false, appoint: false, history: false };
  const here = { kind: "org" as const, id };
  return {
    edit: await hasPermission(ctx, "registry:organization.write", here),
    addPost: await hasPermission(ctx, "registry:post.write", here),
    appoint: await hasPermission(ctx, "registry:membership.write", here),
    history: await mayReadHistory(ctx, "organization", id),
  };
}
