import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import type { CaseRow } from "./case-rules.js";
import { loadLookups, areaNames, photoUrl } from "./presenters.js";
import { coarsenLocation } from "./locate.js";
import type { PublicCase, RequestsQuery, ServiceDef } from "./open311.js";
import { caseCategories, caseEvents, cases } from "./tables.js";

const OPEN = ["received", "accepted", "in_progress", "reopened"];
const CLOSED = ["resolved", "closed"];

/** The categories as Open311 services (Thai names; attributes as the form asks them). */
export async function listOpen311Services({ ctx }: { ctx: Ctx }): Promise<ServiceDef[]> {
  await requirePermission(ctx, "cases:public", { kind: "nation" });
  const rows = await ctx.db.select().from(caseCategories).where(eq(caseCategories.active, true)).orderBy(asc(caseCategories.sort));
  return rows.map((c) => {
    const attrs = (c.attributes as { code: string; datatype: string; required: boolean; descriptionTh: string; descriptionEn?: string; values?: { key: string; nameTh: string; nameEn: string }[] }[]).map((a, k) => ({
      code: a.code,
      datatype: a.datatype as ServiceDef["attributes"][number]["datatype"],
      required: a.required,
      descriptionTh: a.descriptionTh,
      descriptionEn: a.descriptionEn,
      order: k + 1,
      values: a.values?.map((v) => ({ key: v.key, name: v.nameTh, nameEn: v.nameEn })),
    }));
    return { code: c.id, nameTh: c.nameTh, nameEn: c.nameEn, descriptionTh: c.descriptionTh || c.nameTh, descriptionEn: c.descriptionEn || c.nameEn, group: c.groupTh || null, keywords: c.keywords, metadata: attrs.length > 0, attributes: attrs };
  });
}

/**
 * Cases as Open311 requests: the public's view only (redacted text, coarsened point, no reporter, no sensitive
 * text), newest first, at most the query's limit. service_request_id is the case's public reference.
 */
export async function listOpen311Requests({ ctx, input, baseUrl }: { ctx: Ctx; input: RequestsQuery; baseUrl: string }): Promise<PublicCase[]> {
  await requirePermission(ctx, "cases:public", { kind: "nation" });
  const where: SQL[] = [isNull(cases.mergedInto)];
  if (input.ids) where.push(inArray(cases.publicRef, input.ids));
  else {
    where.push(gte(cases.receivedAt, input.startDate), lte(cases.receivedAt, input.endDate));
    if (input.serviceCodes) where.push(inArray(cases.categoryId, input.serviceCodes));
    if (input.status?.length === 1) where.push(inArray(cases.status, input.status[0] === "open" ? OPEN : CLOSED));
  }
  if (input.jurisdictionId) where.push(eq(cases.provinceCode, input.jurisdictionId.replace(/^TH-/, "")));
  const rows = await ctx.db.select().from(cases).where(and(...where)).orderBy(desc(cases.receivedAt), asc(cases.id)).limit(input.limit);
  return toPublicCases(ctx, rows, baseUrl);
}

/** Rows → Open311's public shape (with each closed case's last public note as status_notes). */
export async function toPublicCases(ctx: Ctx, rows: CaseRow[], baseUrl: string): Promise<PublicCase[]> {
  if (!rows.length) return [];
  const l = await loadLookups(ctx, rows);
  const notes = rowsOfNotes(await ctx.db.select({ caseId: caseEvents.caseId, textTh: caseEvents.textTh, at: caseEvents.at }).from(caseEvents).where(and(inArray(caseEvents.caseId, rows.map((r) => r.id)), eq(caseEvents.visibility, "public"), sql`${caseEvents.kind} in ('resolve','update','merged','auto-closed')`)).orderBy(asc(caseEvents.seq)));
  return rows.map((r) => {
    const cat = l.categories.get(r.categoryId);
    const pt = r.lat !== null && r.lon !== null ? coarsenLocation(r.lat, r.lon, cat?.sensitive ? "district" : "block", r.districtCode ?? undefined) : null;
    const closed = CLOSED.includes(r.status);
    return {
      id: r.publicRef,
      status: closed ? "closed" : "open",
      statusNotes: closed ? (notes.get(r.id) ?? null) : null,
      serviceCode: r.categoryId,
      serviceName: cat?.nameTh ?? r.categoryId,
      description: cat?.sensitive ? null : r.publicText,
      agencyResponsible: r.assignedOrgId ? (l.orgs.get(r.assignedOrgId)?.nameTh ?? null) : null,
      requestedAt: r.receivedAt,
      updatedAt: r.updatedAt,
      expectedAt: closed ? null : r.resolveDueAt,
      address: areaNames(cat?.sensitive ? { ...r, subdistrictCode: null } : r, l).th || null,
      lat: pt?.lat ?? null,
      long: pt?.lon ?? null,
      mediaUrl: r.afterPhotoId ? `${baseUrl.replace(/\/+$/, "")}${photoUrl(r.publicRef, r.afterPhotoId)}` : null,
    };
  });
}

function rowsOfNotes(rows: { caseId: string; textTh: string }[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of rows) m.set(r.caseId, r.textTh);
  return m;
}
