import { cached, cachedMany } from "../../platform/cache.js";
import { eq, inArray } from "drizzle-orm";
import { ValidationError } from "../../platform/errors.js";
import type { Ctx } from "../../platform/ctx.js";
import { areas, organizations } from "./tables.js";

export type AreaRef = { id: string; classification: string; provinceCode: string | null; nameTh: string; nameEn: string };

/** An area's identity for other modules (which may not read the registry's tables): null when unknown. */
export async function lookupArea(ctx: Ctx, id: string): Promise<AreaRef | null> {
  const [a] = await ctx.db.select({ id: areas.id, classification: areas.classification, provinceCode: areas.provinceCode, nameTh: areas.nameTh, nameEn: areas.nameEn }).from(areas).where(eq(areas.id, id)).limit(1);
  return a ?? null;
}

export type OrganizationRef = { id: string; classification: string; provinceCode: string | null; nameTh: string; nameEn: string; parentId: string | null };

/** An organisation's identity for other modules: null when unknown. */
export async function lookupOrganization(ctx: Ctx, id: string): Promise<OrganizationRef | null> {
  const [o] = await ctx.db
    .select({ id: organizations.id, classification: organizations.classification, provinceCode: organizations.provinceCode, nameTh: organizations.nameTh, nameEn: organizations.nameEn, parentId: organizations.parentId })
    .from(organizations)
    .where(eq(organizations.id, id))
    .limit(1);
  return o ?? null;
}

/** Prefix of cached organisations (dropped when one is created or edited in this process). */
export const ORG_CACHE = "registry:org:";

/** lookupOrganization through the process's read cache: for hot paths that only name or route to an organisation. */
export function lookupOrganizationCached(ctx: Ctx, id: string): Promise<OrganizationRef | null> {
  return cached(ctx, `${ORG_CACHE}${id}`, () => lookupOrganization(ctx, id));
}

/** Many areas at once (for lists): a map by id of those that exist. */
export async function lookupAreas(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, AreaRef>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await ctx.db.select({ id: areas.id, classification: areas.classification, provinceCode: areas.provinceCode, nameTh: areas.nameTh, nameEn: areas.nameEn }).from(areas).where(inArray(areas.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Many organisations at once (for lists): a map by id of those that exist. */
export async function lookupOrganizations(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, OrganizationRef>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: organizations.id, classification: organizations.classification, provinceCode: organizations.provinceCode, nameTh: organizations.nameTh, nameEn: organizations.nameEn, parentId: organizations.parentId })
    .from(organizations)
    .where(inArray(organizations.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Prefix of cached areas (areas change only when the registry is imported). */
export const AREA_CACHE = "registry:area:";

/** lookupAreas through the process's read cache (names on pages of cases and the like). */
export function lookupAreasCached(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, AreaRef>> {
  return cachedMany(ctx, AREA_CACHE, ids, (missing) => lookupAreas(ctx, missing));
}

/** lookupOrganizations through the process's read cache (the same entries as lookupOrganizationCached). */
export function lookupOrganizationsCached(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, OrganizationRef>> {
  return cachedMany(ctx, ORG_CACHE, ids, (missing) => lookupOrganizations(ctx, missing));
}

/** Refuses (400, naming the field) a province code the registry does not know: the one message every module gives. */
export async function requireProvince(ctx: Ctx, code: string, path = "provinceCode"): Promise<AreaRef> {
  const a = await lookupArea(ctx, `province:${code}`);
  if (!a || a.classification !== "province") {
    throw new ValidationError([{ path, code: "ref.unknown-area", messageTh: `ไม่พบจังหวัดรหัส ${code}`, messageEn: `Unknown province code ${code}` }]);
  }
  return a;
}
