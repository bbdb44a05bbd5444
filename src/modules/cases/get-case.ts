import { asc, eq } from "drizzle-orm";
import { hasAnyPermission, requireAnyPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { accountNames } from "../accounts/index.js";
import type { CaseDetail, CaseChannel, CaseStatus } from "./contracts.js";
import { caseScopes, isHandler, mustGetCase } from "./case-rules.js";
import { areaNames, isOverdue, loadLookups, loadPhotos, loadTimeline, orgView } from "./presenters.js";
import { caseReporters } from "./tables.js";

/**
 * A case as staff see it. Its handlers (its office, its district's centre, the province) see the reporters and
 * internal notes; readers above them (departments, ministries, oversight) see the case without anyone's identity.
 */
export async function getCase({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<CaseDetail> {
  const r = await mustGetCase(ctx, input.id);
  await requireAnyPermission(ctx, "cases:read", caseScopes(r));
  const handler = await isHandler(ctx, r);
  const l = await loadLookups(ctx, [r]);
  const names = areaNames(r, l);
  const cat = l.categories.get(r.categoryId);
  const reporters = handler ? await ctx.db.select().from(caseReporters).where(eq(caseReporters.caseId, r.id)).orderBy(asc(caseReporters.createdAt)) : null;
  const assignee = r.assigneeAccountId ? (await accountNames(ctx, [r.assigneeAccountId])).get(r.assigneeAccountId) ?? null : null;
  return {
    id: r.id,
    publicRef: r.publicRef,
    version: r.version,
    categoryId: r.categoryId,
    categoryNameTh: cat?.nameTh ?? r.categoryId,
    categoryNameEn: cat?.nameEn ?? r.categoryId,
    channel: r.channel as CaseChannel,
    status: r.status as CaseStatus,
    provinceCode: r.provinceCode,
    districtCode: r.districtCode,
    subdistrictCode: r.subdistrictCode,
    areaNameTh: names.th,
    areaNameEn: names.en,
    descriptionTh: handler ? r.descriptionTh : r.publicText,
    publicText: r.publicText,
    addressTh: handler ? r.addressTh : "",
    attributes: r.attributes as Record<string, unknown>,
    lat: handler ? r.lat : null,
    lon: handler ? r.lon : null,
    assignedOrg: orgView(r.assignedOrgId, l),
    assigneeAccountId: r.assigneeAccountId,
    assigneeName: assignee,
    routedBy: r.routedBy,
    acceptDueAt: r.acceptDueAt.toISOString(),
    resolveDueAt: r.resolveDueAt.toISOString(),
    overdue: isOverdue(r, ctx.now()),
    escalationLevel: r.escalationLevel,
    mergedInto: r.mergedInto,
    supportCount: r.supportCount,
    receivedAt: r.receivedAt.toISOString(),
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    resolutionTh: r.resolutionTh,
    disputedAt: r.disputedAt?.toISOString() ?? null,
    reopenCount: r.reopenCount,
    rating: r.rating,
    reporters: reporters
      ? reporters.map((p) => ({ id: p.id, anonymous: p.anonymous, name: p.purgedAt ? null : p.name, phone: p.purgedAt ? null : p.phone, email: p.purgedAt ? null : p.email, original: p.original, rating: p.rating, joinedAt: p.createdAt.toISOString() }))
      : null,
    photos: await loadPhotos(ctx, r, handler ? ["before", "after"] : ["after"], true),
    timeline: await loadTimeline(ctx, r, handler ? ["public", "reporter", "internal"] : ["public"]),
    can: { handle: handler, assign: await hasAnyPermission(ctx, "cases:assign", caseScopes(r)) },
  };
}
