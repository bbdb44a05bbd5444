import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import type { AreaSummary, MembershipView, PostWithHolder } from "./contracts.js";
import { areaSummary, organizationSummary, personSummary, postSummary, tenureOf } from "./presenters.js";
import { areas, memberships, organizations, oversights, persons, posts } from "./tables.js";

/** Shared read helpers of the registry's use cases (not exported from the module). */
export async function membershipViews(ctx: Ctx, where: ReturnType<typeof and>): Promise<MembershipView[]> {
  const rows = await ctx.db
    .select({ m: memberships, p: persons, post: posts, o: organizations })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .leftJoin(posts, eq(posts.id, memberships.postId))
    .where(where)
    .orderBy(sql`${memberships.startDate} desc`);
  const now = ctx.now();
  return rows.map((r) => ({
    id: r.m.id,
    role: r.m.role,
    designation: r.m.designation,
    startDate: r.m.startDate,
    endDate: r.m.endDate,
    tenure: tenureOf(r.m.startDate, r.m.endDate, now, r.m.role),
    person: personSummary(r.p),
    post: r.post ? postSummary(r.post) : null,
    organization: organizationSummary(r.o),
    isDemo: r.m.isDemo,
  }));
}

/** Posts with their current holder (the membership open today) and the areas they oversee. */
export async function postsWithHolders(ctx: Ctx, postRows: (typeof posts.$inferSelect)[]): Promise<PostWithHolder[]> {
  if (postRows.length === 0) return [];
  const ids = postRows.map((p) => p.id);
  const today = bangkokToday(ctx.now());
  const holders = await membershipViews(
    ctx,
    and(inArray(memberships.postId, ids), sql`${memberships.startDate} <= ${today}`, or(isNull(memberships.endDate), sql`${memberships.endDate} >= ${today}`)),
  );
  const over = await ctx.db
    .select({ postId: oversights.postId, a: areas })
    .from(oversights)
    .innerJoin(areas, eq(areas.id, oversights.areaId))
    .where(and(inArray(oversights.postId, ids), or(isNull(oversights.endDate), sql`${oversights.endDate} >= ${today}`)))
    .orderBy(asc(areas.code));
  return postRows.map((p) => ({
    ...postSummary(p),
    holder: holders.find((h) => h.post?.id === p.id) ?? null,
    oversees: over.filter((o) => o.postId === p.id).map((o) => areaSummary(o.a)) as AreaSummary[],
  }));
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
