import { asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ContributionTotalsInput, type PartnerKind, type ProvinceContributionTotals } from "./contracts.js";
import { totalsByAgenda, totalsOf, type ContributionRow } from "./load.js";
import { partnerContributions, partners } from "./tables.js";

/** What a province's partners have given, in all, per partner and per agenda (public). */
export async function contributionTotals({ ctx, input }: { ctx: Ctx; input: z.input<typeof ContributionTotalsInput> }): Promise<ProvinceContributionTotals> {
  const i = ContributionTotalsInput.parse(input);
  await requirePermission(ctx, "networks:read", provinceScope(i.provinceCode));
  const rows = await ctx.db.select().from(partnerContributions).where(eq(partnerContributions.provinceCode, i.provinceCode)).orderBy(asc(partnerContributions.contributedOn));
  const ids = [...new Set(rows.map((r) => r.partnerId))];
  const who = ids.length ? await ctx.db.select({ id: partners.id, nameTh: partners.nameTh, nameEn: partners.nameEn, kind: partners.kind }).from(partners).where(inArray(partners.id, ids)) : [];
  const groups = new Map<string, ContributionRow[]>();
  for (const r of rows) groups.set(r.partnerId, [...(groups.get(r.partnerId) ?? []), r]);
  const byPartner = who
    .map((p) => ({ partnerId: p.id, partnerName: { th: p.nameTh, en: p.nameEn }, kind: p.kind as PartnerKind, ...totalsOf(groups.get(p.id) ?? []) }))
    .sort((a, b) => Number(b.total) - Number(a.total) || b.contributions - a.contributions);
  return { provinceCode: i.provinceCode, totals: totalsOf(rows), byPartner, byAgenda: await totalsByAgenda(ctx, rows) };
}
