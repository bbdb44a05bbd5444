import { and, asc, eq, ne, notInArray } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { checkAuthority } from "../delegation/index.js";
import { lookupOrganizations } from "../registry/index.js";
import type { ReallocationOptions } from "./contracts-funds.js";
import { governorAuthority, leftoverViews, mustGetLeftover, todayOf } from "./funds-rules.js";
import { projects } from "./tables.js";

/**
 * What the reallocate dialog offers: only the same agency's activities in the same province (the mandate rule), and
 * the authority chain a reallocation of the remaining amount would act under today.
 */
export async function getReallocationOptions({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<ReallocationOptions> {
  const fund = await mustGetLeftover(ctx, input.id);
  await requirePermission(ctx, "planning:read", provinceScope(fund.provinceCode));
  const rows = await ctx.db
    .select()
    .from(projects)
    .where(and(eq(projects.provinceCode, fund.provinceCode), eq(projects.agencyId, fund.agencyId), ne(projects.id, fund.projectId), notInArray(projects.status, ["rejected", "cancelled", "completed"])))
    .orderBy(asc(projects.code))
    .limit(500);
  const orgs = await lookupOrganizations(ctx, rows.map((r) => r.ownerOrgId));
  const amount = Number(fund.remaining) > 0 ? Number(fund.remaining) : undefined;
  const answer = await checkAuthority({ ctx, input: { powerCode: "P-BUD-001", provinceCode: fund.provinceCode, amount, date: todayOf(ctx) } });
  const { delegationId: _d, ...authority } = governorAuthority(answer);
  return {
    fund: (await leftoverViews(ctx, [fund]))[0]!,
    targets: rows.map((p) => {
      const o = orgs.get(p.ownerOrgId);
      return { id: p.id, code: p.code, titleTh: p.titleTh, titleEn: p.titleEn, ownerNameTh: o?.nameTh ?? p.ownerOrgId, ownerNameEn: o?.nameEn || o?.nameTh || p.ownerOrgId, totalBudget: p.totalBudget, fiscalYear: p.fiscalYear };
    }),
    authority,
  };
}
