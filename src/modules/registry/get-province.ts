import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { NotFoundError } from "../../platform/errors.js";
import type { ProvinceDetail } from "./contracts.js";
import { provinceRows, provinceSummaryOf } from "./list-provinces.js";
import { areaSummary, organizationSummary } from "./presenters.js";
import { mayReadHistory } from "./history-scopes.js";
import { membershipViews, postsWithHolders } from "./queries.js";
import { areaGroupings, areas, memberships, organizations, oversights, posts } from "./tables.js";

const KEY_ROLES = ["governor", "vice_governor", "deputy_governor_assistant", "head_of_agency"];

/** The province page: region, clusters (current and 2009), offices, key posts with tenure, governors' history, overseers. */
export async function getProvince({ ctx, input }: { ctx: Ctx; input: { code: string } }): Promise<ProvinceDetail> {
  await requirePermission(ctx, "registry:read", NATION);
  const rows = await provinceRows(ctx, input.code);
  const row = rows.find((r) => r.c) ?? rows[0];
  if (!row) throw new NotFoundError("area", `province:${input.code}`);
  const base = provinceSummaryOf(row);
  const provinceId = row.p.id;

  const [old] = await ctx.db
    .select({ a: areas, g: areaGroupings })
    .from(areaGroupings)
    .innerJoin(areas, eq(areas.id, areaGroupings.groupId))
    .where(and(eq(areaGroupings.areaId, provinceId), eq(areas.classification, "cluster_2009")))
    .limit(1);

  const districts = await ctx.db.select().from(areas).where(and(eq(areas.classification, "district"), eq(areas.parentId, provinceId))).orderBy(asc(areas.code));
  const [{ n: subdistrictCount }] = (await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(areas)
    .where(and(eq(areas.classification, "subdistrict"), eq(areas.provinceCode, input.code)))) as [{ n: number }];

  const offices = await ctx.db
    .select()
    .from(organizations)
    .where(and(eq(organizations.provinceCode, input.code), inArray(organizations.classification, ["provincial_office", "operation_centre", "provincial_administration", "committee", "district_office"])))
    .orderBy(asc(organizations.classification), asc(organizations.nameTh));

  const keyPostRows = await ctx.db
    .select()
    .from(posts)
    .where(and(eq(posts.provinceCode, input.code), inArray(posts.role, KEY_ROLES)))
    .orderBy(sql`case ${posts.role} when 'governor' then 0 when 'vice_governor' then 1 when 'deputy_governor_assistant' then 2 else 3 end`, asc(posts.labelTh));
  const keyPosts = await postsWithHolders(ctx, keyPostRows);

  const governors = await membershipViews(ctx, and(eq(memberships.provinceCode, input.code), eq(memberships.role, "governor")));

  const clusterId = base.cluster?.id;
  const overRows = await ctx.db
    .selectDistinct({ post: posts })
    .from(oversights)
    .innerJoin(posts, eq(posts.id, oversights.postId))
    .where(
      and(
        inArray(oversights.areaId, [provinceId, ...(clusterId ? [clusterId] : []), base.region.id]),
        sql`(${oversights.endDate} is null or ${oversights.endDate} >= ${bangkokToday(ctx.now())})`,
      ),
    );
  const overseenBy = await postsWithHolders(ctx, overRows.map((r) => r.post));
  const attrs = (row.p.attributes ?? {}) as { households?: number };

  return {
    ...base,
    cluster2009: old ? { id: old.a.id, code: old.a.code, nameTh: old.a.nameTh, nameEn: old.a.nameEn, validFrom: old.g.validFrom, validTo: old.g.validTo } : null,
    districtCount: districts.length,
    subdistrictCount,
    districts: districts.map(areaSummary),
    offices: offices.map(organizationSummary),
    keyPosts,
    governors,
    overseenBy,
    households: typeof attrs.households === "number" ? attrs.households : null,
    may: { history: await mayReadHistory(ctx, "area", provinceId) },
  };
}
