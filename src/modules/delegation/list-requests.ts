import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { hasPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ListRequestsInput, type RequestHolder, type RequestStatus, type RequestView } from "./contracts-requests.js";
import { loadRequestViews } from "./requests-presenters.js";
import { provinceScope, readReach } from "./requests-rules.js";
import { todayOf } from "./rules.js";
import { delegationRequests, powers } from "./tables.js";

const HOLDER_STATUSES: Record<RequestHolder, RequestStatus[]> = { province: ["draft", "returned"], moi: ["submitted"], opdc: ["moi-forwarded"], cabinet: ["opdc-recommended"] };

/**
 * Requests for more delegation the caller may read (their province's; a ministry's for its own powers; all for the
 * Ministry of Interior and national staff), by province, status, power, holder or overdue; soonest due first.
 */
export async function listRequests({ ctx, input }: { ctx: Ctx; input: ListRequestsInput }): Promise<{ items: RequestView[]; total: number }> {
  const reach = await readReach(ctx);
  const i = parseInput(ListRequestsInput, input);
  const where: SQL[] = [];
  if (!reach.all) {
    // the provinces with requests whose area the caller's grants reach, and the central organisations they reach
    const provinces = new Set(reach.provinces);
    for (const { code } of await ctx.db.selectDistinct({ code: delegationRequests.provinceCode }).from(delegationRequests)) {
      if (!provinces.has(code) && (await hasPermission(ctx, "delegation:request.read", provinceScope(code)))) provinces.add(code);
    }
    const orgs: string[] = [];
    if (reach.orgScopes.length) {
      const central = await ctx.db.selectDistinct({ org: powers.centralOrgId }).from(powers).where(inArray(powers.code, ctx.db.select({ c: delegationRequests.powerCode }).from(delegationRequests)));
      for (const { org } of central) if (await hasPermission(ctx, "delegation:request.read", { kind: "org", id: org })) orgs.push(org);
    }
    const mine: SQL[] = [];
    if (provinces.size) mine.push(inArray(delegationRequests.provinceCode, [...provinces]));
    if (orgs.length) mine.push(inArray(delegationRequests.powerCode, ctx.db.select({ c: powers.code }).from(powers).where(inArray(powers.centralOrgId, orgs))));
    if (!mine.length) return { items: [], total: 0 };
    where.push(or(...mine)!);
  }
  if (i.provinceCode) where.push(eq(delegationRequests.provinceCode, i.provinceCode));
  if (i.status) where.push(eq(delegationRequests.status, i.status));
  if (i.powerCode) where.push(eq(delegationRequests.powerCode, i.powerCode));
  if (i.holder) where.push(inArray(delegationRequests.status, HOLDER_STATUSES[i.holder]));
  const today = todayOf(ctx);
  if (i.overdue === true) where.push(sql`${delegationRequests.stageDueOn} < ${today}`);
  if (i.overdue === false) where.push(sql`(${delegationRequests.stageDueOn} is null or ${delegationRequests.stageDueOn} >= ${today})`);
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(delegationRequests).where(cond)) as [{ n: number }];
  const rows = await ctx.db
    .select()
    .from(delegationRequests)
    .where(cond)
    .orderBy(sql`${delegationRequests.stageDueOn} asc nulls last`, desc(delegationRequests.updatedAt), asc(delegationRequests.id))
    .limit(i.limit)
    .offset(i.offset);
  return { items: await loadRequestViews(ctx, rows), total: Number(n) };
}
