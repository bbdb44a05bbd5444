import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { accountNames } from "../accounts/index.js";
import { cached } from "../../platform/cache.js";
import { preparedOnce } from "../../platform/db/prepared.js";
import { lookupAreas, lookupAreasCached, lookupOrganizations, lookupOrganizationsCached } from "../registry/index.js";
import type { BoardItem, CaseEventView, CaseListItem, CaseStatus, CaseChannel, PhotoView, PublicCaseView } from "./contracts.js";
import { coarsenLocation } from "./locate.js";
import { caseCategories, caseEvents, casePhotos, cases } from "./tables.js";

// the row types from the tables (not case-rules.ts, which uses these presenters for webhook payloads: no cycle)
type CaseRow = typeof cases.$inferSelect;
type CategoryRow = typeof caseCategories.$inferSelect;

/** What a page of cases needs besides the rows: categories, areas and offices by id. */
export type CaseLookups = { categories: Map<string, CategoryRow>; areas: Awaited<ReturnType<typeof lookupAreas>>; orgs: Awaited<ReturnType<typeof lookupOrganizations>>; people: Map<string, string> };

/** The columns of a case that its lookups depend on. */
type LookupKeys = Pick<CaseRow, "categoryId" | "subdistrictCode" | "districtCode" | "provinceCode" | "assignedOrgId"> & { assigneeAccountId?: string | null };

/** Every case category by id (a small table), through the process's read cache. */
export function allCategories(ctx: Ctx): Promise<Map<string, CategoryRow>> {
  return cached(ctx, "cases:categories:all", async () => new Map((await ctx.db.select().from(caseCategories)).map((c) => [c.id, c])));
}

/** The names a page of cases shows: categories, areas and offices (through the read cache), and staff's names when asked. */
export async function loadLookups(ctx: Ctx, rows: readonly LookupKeys[], opts: { people?: boolean } = {}): Promise<CaseLookups> {
  const areaIds = rows.flatMap((r) => [r.subdistrictCode ? `subdistrict:${r.subdistrictCode}` : null, r.districtCode ? `district:${r.districtCode}` : null, `province:${r.provinceCode}`]).filter((x): x is string => !!x);
  const [categories, areas, orgs] = await Promise.all([
    rows.length ? allCategories(ctx) : Promise.resolve(new Map<string, CategoryRow>()),
    lookupAreasCached(ctx, areaIds),
    lookupOrganizationsCached(ctx, rows.flatMap((r) => (r.assignedOrgId ? [r.assignedOrgId] : []))),
  ]);
  return {
    categories,
    areas,
    orgs,
    // the names of the people assigned: staff views only (a queue shows who has each case; public views never ask)
    people: opts.people ? await accountNames(ctx, rows.flatMap((r) => (r.assigneeAccountId ? [r.assigneeAccountId] : []))) : new Map(),
  };
}

/** "ตำบล…, อำเภอ…, จังหวัด…" (and the English names), as far down as the case is placed. */
function areaNames(r: Pick<CaseRow, "subdistrictCode" | "districtCode" | "provinceCode">, l: CaseLookups): { th: string; en: string } {
  const parts = [r.subdistrictCode ? `subdistrict:${r.subdistrictCode}` : null, r.districtCode ? `district:${r.districtCode}` : null, `province:${r.provinceCode}`]
    .map((id) => (id ? l.areas.get(id) : undefined))
    .filter((a): a is NonNullable<typeof a> => !!a);
  const bangkok = r.provinceCode === "10";
  const th = parts
    .map((a) => (a.classification === "subdistrict" ? `${bangkok ? "แขวง" : "ตำบล"}${a.nameTh}` : a.classification === "district" ? (bangkok ? a.nameTh : `อำเภอ${a.nameTh}`) : a.nameTh === "กรุงเทพมหานคร" ? a.nameTh : `จังหวัด${a.nameTh}`))
    .join(" ");
  return { th, en: parts.map((a) => a.nameEn).join(", ") };
}

const orgView = (id: string | null, l: CaseLookups) => {
  if (!id) return null;
  const o = l.orgs.get(id);
  return { id, nameTh: o?.nameTh ?? id, nameEn: o?.nameEn || o?.nameTh || id };
};

export const OPEN = new Set<string>(["received", "accepted", "in_progress", "reopened"]);
export const isOverdue = (r: CaseRow, now: Date) => OPEN.has(r.status) && r.resolveDueAt.getTime() < now.getTime();

/** The columns the public board reads (never the description, the exact text search or the reporters). */
export const BOARD_COLUMNS = {
  id: cases.id,
  publicRef: cases.publicRef,
  categoryId: cases.categoryId,
  status: cases.status,
  provinceCode: cases.provinceCode,
  districtCode: cases.districtCode,
  subdistrictCode: cases.subdistrictCode,
  publicText: cases.publicText,
  lat: cases.lat,
  lon: cases.lon,
  assignedOrgId: cases.assignedOrgId,
  supportCount: cases.supportCount,
  receivedAt: cases.receivedAt,
  resolvedAt: cases.resolvedAt,
  closedAt: cases.closedAt,
  resolveDueAt: cases.resolveDueAt,
  rating: cases.rating,
  isDemo: cases.isDemo,
  afterPhotoId: cases.afterPhotoId,
};
/** A case as read for the public board. */
export type BoardRow = Pick<CaseRow, keyof typeof BOARD_COLUMNS>;

/** A case as the public board shows it: coarsened point (district centre for sensitive categories), redacted text. */
export function boardItem(r: BoardRow, l: CaseLookups, afterThumb: string | null): BoardItem {
  const cat = l.categories.get(r.categoryId);
  const names = areaNames(r, l);
  const pt = r.lat !== null && r.lon !== null ? coarsenLocation(r.lat, r.lon, cat?.sensitive ? "district" : "block", r.districtCode ?? undefined) : null;
  return {
    publicRef: r.publicRef,
    categoryId: r.categoryId,
    categoryNameTh: cat?.nameTh ?? r.categoryId,
    categoryNameEn: cat?.nameEn ?? r.categoryId,
    status: r.status as CaseStatus,
    provinceCode: r.provinceCode,
    districtCode: r.districtCode,
    subdistrictCode: cat?.sensitive ? null : r.subdistrictCode,
    areaNameTh: names.th,
    areaNameEn: names.en,
    publicText: cat?.sensitive ? "" : r.publicText,
    lat: pt?.lat ?? null,
    lon: pt?.lon ?? null,
    assignedOrg: orgView(r.assignedOrgId, l),
    supportCount: r.supportCount,
    receivedAt: r.receivedAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    resolveDueAt: r.resolveDueAt.toISOString(),
    rating: r.rating,
    isDemo: r.isDemo,
    afterPhotoThumbnailUrl: afterThumb,
  };
}

/** A row of a staff queue. */
export function listItem(r: CaseRow, l: CaseLookups, now: Date): CaseListItem {
  const cat = l.categories.get(r.categoryId);
  const names = areaNames(r, l);
  return {
    id: r.id,
    publicRef: r.publicRef,
    categoryId: r.categoryId,
    categoryNameTh: cat?.nameTh ?? r.categoryId,
    categoryNameEn: cat?.nameEn ?? r.categoryId,
    status: r.status as CaseStatus,
    channel: r.channel as CaseChannel,
    provinceCode: r.provinceCode,
    districtCode: r.districtCode,
    areaNameTh: names.th,
    areaNameEn: names.en,
    publicText: r.publicText,
    assignedOrg: orgView(r.assignedOrgId, l),
    assigneeAccountId: r.assigneeAccountId,
    assigneeName: r.assigneeAccountId ? (l.people.get(r.assigneeAccountId) ?? null) : null,
    receivedAt: r.receivedAt.toISOString(),
    resolveDueAt: r.resolveDueAt.toISOString(),
    overdue: isOverdue(r, now),
    escalationLevel: r.escalationLevel,
    supportCount: r.supportCount,
  };
}

export { areaNames, orgView };

export const photoUrl = (publicRef: string, photoId: string, thumb = false) => `/api/v1/public/cases/${encodeURIComponent(publicRef)}/photos/${photoId}${thumb ? "?size=thumb" : ""}`;

/** A photo as staff fetch it (before-photos are not public). */
export const staffPhotoUrl = (caseId: string, photoId: string, thumb = false) => `/api/v1/cases/${encodeURIComponent(caseId)}/photos/${photoId}${thumb ? "?size=thumb" : ""}`;

export async function loadPhotos(ctx: Ctx, r: Pick<CaseRow, "id" | "publicRef">, kinds: readonly ("before" | "after")[], staff = false): Promise<PhotoView[]> {
  const rows = await preparedOnce(ctx.db, "cases_photos_of_case", () =>
    ctx.db.select({ id: casePhotos.id, kind: casePhotos.kind, width: casePhotos.width, height: casePhotos.height }).from(casePhotos).where(eq(casePhotos.caseId, sql.placeholder("caseId"))).orderBy(asc(casePhotos.createdAt)).prepare("cases_photos_of_case"),
  ).execute({ caseId: r.id });
  return rows.filter((p) => kinds.includes(p.kind as "before")).map((p) => ({ id: p.id, kind: p.kind as "before", width: p.width, height: p.height, url: staff ? staffPhotoUrl(r.id, p.id) : photoUrl(r.publicRef, p.id), thumbnailUrl: staff ? staffPhotoUrl(r.id, p.id, true) : photoUrl(r.publicRef, p.id, true) }));
}

export async function loadTimeline(ctx: Ctx, r: Pick<CaseRow, "id">, visibilities: readonly string[]): Promise<CaseEventView[]> {
  const rows = await preparedOnce(ctx.db, "cases_timeline_of_case", () => ctx.db.select().from(caseEvents).where(eq(caseEvents.caseId, sql.placeholder("caseId"))).orderBy(asc(caseEvents.seq)).prepare("cases_timeline_of_case")).execute({ caseId: r.id });
  return rows
    .filter((e) => visibilities.includes(e.visibility))
    .map((e) => ({ id: e.id, kind: e.kind, visibility: e.visibility as CaseEventView["visibility"], fromStatus: e.fromStatus, toStatus: e.toStatus, textTh: e.textTh, actorLabelTh: e.actorLabelTh, data: visibilities.includes("internal") ? (e.data as Record<string, unknown>) : {}, at: e.at.toISOString() }));
}

/** The whole public page of a case. */
export async function publicCaseView(ctx: Ctx, r: BoardRow, extraVisibility: readonly string[] = []): Promise<PublicCaseView> {
  const [l, photos, timeline] = await Promise.all([loadLookups(ctx, [r]), loadPhotos(ctx, r, ["after"]), loadTimeline(ctx, r, ["public", ...extraVisibility])]);
  const after = photos.find((p) => p.id === r.afterPhotoId) ?? null;
  const { afterPhotoThumbnailUrl: _t, ...item } = boardItem(r, l, after?.thumbnailUrl ?? null);
  return { ...item, afterPhoto: after, timeline };
}
