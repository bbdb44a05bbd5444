import { asc, eq } from "drizzle-orm";
import { hasAnyPermission, requireAnyPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import type { CaseDetail } from "./contracts.js";
import { caseScopes, isHandler, mustGetCase } from "./case-rules.js";
import { listItem, loadLookups, loadPhotos, loadTimeline } from "./presenters.js";
import { caseReporters } from "./tables.js";

/**
 * The answers readers above the handlers may see: those to the category's closed questions (a number, a choice).
 * Free text and keys the category does not define (a web form may send any) can carry a reporter's contact.
 */
function closedAnswers(answers: Record<string, unknown>, defs: unknown): Record<string, unknown> {
  const closed = new Set(((defs ?? []) as { code: string; datatype: string }[]).filter((d) => d.datatype !== "string" && d.datatype !== "text").map((d) => d.code));
  return Object.fromEntries(Object.entries(answers).filter(([k]) => closed.has(k)));
}

/**
 * A case as staff see it. Its handlers (its office, its district's centre, the province) see the reporters and
 * internal notes; readers above them (departments, ministries, oversight) see the case without anyone's identity:
 * the public text, no address or exact point, public events, after-photos and only closed attribute answers.
 */
export async function getCase({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<CaseDetail> {
  const r = await mustGetCase(ctx, input.id);
  await requireAnyPermission(ctx, "cases:read", caseScopes(r));
  const handler = await isHandler(ctx, r);
  const l = await loadLookups(ctx, [r], { people: true });
  const reporters = handler ? await ctx.db.select().from(caseReporters).where(eq(caseReporters.caseId, r.id)).orderBy(asc(caseReporters.createdAt)) : null;
  return {
    // what a queue row shows, then what only the case page adds
    ...listItem(r, l, ctx.now()),
    version: r.version,
    subdistrictCode: r.subdistrictCode,
    descriptionTh: handler ? r.descriptionTh : r.publicText,
    addressTh: handler ? r.addressTh : "",
    attributes: handler ? (r.attributes as Record<string, unknown>) : closedAnswers(r.attributes as Record<string, unknown>, l.categories.get(r.categoryId)?.attributes),
    lat: handler ? r.lat : null,
    lon: handler ? r.lon : null,
    routedBy: r.routedBy,
    acceptDueAt: r.acceptDueAt.toISOString(),
    mergedInto: r.mergedInto,
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
