import { asc, desc, eq } from "drizzle-orm";
import { hasPermission, requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { lookupOrganization } from "../registry/index.js";
import type { PartnerView } from "./contracts.js";
import { partnerSummaries } from "./list-partners.js";
import { agreementViews, contributionViews, partnerScope, requirePartner, totalsByAgenda, totalsOf } from "./load.js";
import { partnerAgreements, partnerContributions, partners } from "./tables.js";

/** A partner with its agreements (running first, then by end date), its contributions (newest first) and their totals, per agenda too. */
export async function getPartner({ ctx, id }: { ctx: Ctx; id: string }): Promise<PartnerView> {
  const p = await requirePartner(ctx, id);
  const scope = partnerScope(p);
  await requirePermission(ctx, "networks:read", scope);
  const [[summary], agreements, contributions, registryOrg, manage, history, seats] = await Promise.all([
    partnerSummaries(ctx, eq(partners.id, p.id), []),
    ctx.db.select().from(partnerAgreements).where(eq(partnerAgreements.partnerId, p.id)).orderBy(asc(partnerAgreements.endsOn)),
    ctx.db.select().from(partnerContributions).where(eq(partnerContributions.partnerId, p.id)).orderBy(desc(partnerContributions.contributedOn), desc(partnerContributions.id)),
    p.registryOrgId ? lookupOrganization(ctx, p.registryOrgId) : null,
    hasPermission(ctx, "networks:manage", scope),
    hasPermission(ctx, "audit:read", scope),
    hasPermission(ctx, "committees:read", scope),
  ]);
  const rank = { active: 0, expired: 1, ended: 2 } as const;
  return {
    ...summary!,
    version: p.version,
    registryOrgId: p.registryOrgId,
    registryOrgName: registryOrg ? { th: registryOrg.nameTh, en: registryOrg.nameEn } : null,
    focusTh: p.focusTh,
    focusEn: p.focusEn,
    agreements: (await agreementViews(ctx, agreements)).sort((a, b) => rank[a.status] - rank[b.status] || a.endsOn.localeCompare(b.endsOn)),
    contributions: await contributionViews(ctx, contributions),
    totals: totalsOf(contributions),
    byAgenda: await totalsByAgenda(ctx, contributions),
    may: { manage, history, seats },
  };
}
