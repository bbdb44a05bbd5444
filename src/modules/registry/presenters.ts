import { bangkokDateOf, diffDays } from "../../platform/thai/index.js";
import type { AreaSummary, OrganizationSummary, PersonSummary, PostSummary, Tenure } from "./contracts.js";
import type { areas, organizations, persons, posts } from "./tables.js";

type AreaRow = typeof areas.$inferSelect;
type OrgRow = typeof organizations.$inferSelect;
type PostRow = typeof posts.$inferSelect;
type PersonRow = typeof persons.$inferSelect;

/** Response shaping: only declared fields leave the module, never raw rows. */
export function areaSummary(r: Pick<AreaRow, "id" | "classification" | "code" | "nameTh" | "nameEn" | "parentId" | "provinceCode">): AreaSummary {
  return {
    id: r.id,
    classification: r.classification as AreaSummary["classification"],
    code: r.code,
    nameTh: r.nameTh,
    nameEn: r.nameEn,
    parentId: r.parentId,
    provinceCode: r.provinceCode,
  };
}

export function organizationSummary(r: OrgRow): OrganizationSummary {
  return {
    id: r.id,
    classification: r.classification as OrganizationSummary["classification"],
    nameTh: r.nameTh,
    nameEn: r.nameEn,
    abbreviation: r.abbreviation,
    parentId: r.parentId,
    areaId: r.areaId,
    provinceCode: r.provinceCode,
    isDemo: r.isDemo,
  };
}

export function postSummary(r: PostRow): PostSummary {
  return {
    id: r.id,
    role: r.role as PostSummary["role"],
    labelTh: r.labelTh,
    labelEn: r.labelEn,
    organizationId: r.organizationId,
    areaId: r.areaId,
    provinceCode: r.provinceCode,
    startDate: r.startDate,
    endDate: r.endDate,
    isDemo: r.isDemo,
  };
}

export function personSummary(r: PersonRow): PersonSummary {
  return { id: r.id, honorificTh: r.honorificTh, nameTh: r.nameTh, nameEn: r.nameEn, isDemo: r.isDemo };
}

/** The seeds ask that a governor serve at least 2 years; a tenure that ended sooner is flagged. */
export const MIN_GOVERNOR_TENURE_DAYS = 730;

export function tenureOf(startDate: string, endDate: string | null, now: Date, role: string): Tenure {
  const today = bangkokDateOf(now);
  const end = endDate && endDate < today ? endDate : null;
  const days = Math.max(0, diffDays(startDate, end ?? today));
  return {
    startDate,
    endDate,
    days,
    years: Math.round((days / 365.25) * 10) / 10,
    ongoing: end === null,
    shortTenure: role === "governor" && end !== null && days < MIN_GOVERNOR_TENURE_DAYS,
  };
}
