/** Contracts of One Plan: plans per level and fiscal year, prioritisation, consolidation and likely duplicates. */
import { z } from "zod";
import { FiscalYear, IsoDate, PlanLevel, PlanStatus, ProvinceCode } from "./contracts.js";
import { ProjectSummary } from "./contracts-projects.js";

/**
 * Two proposals are flagged as likely duplicates when their Thai titles have a pg_trgm similarity of at least this
 * value AND they share an area (see docs/API.md "Planning — plans and projects"). Measured on realistic titles:
 * "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านหนองปลาไหล หมู่ 3" vs "ก่อสร้างถนน คสล. สายบ้านหนองปลาไหล หมู่ที่ 3" = 0.54
 * (flagged), "ธนาคารขยะชุมชนตำบลท่าราบ" vs "ธนาคารขยะในโรงเรียน ตำบลท่าราบ" = 0.47 (not flagged).
 */
export const DUPLICATE_SIMILARITY = 0.5;

const PlanId = z.string().trim().min(1).max(120);
/** area id of the plan: subdistrict:760101, district:7601, province:76 or cluster:N2 */
export const PlanAreaId = z.string().trim().regex(/^(subdistrict:\d{6}|district:\d{4}|province:\d{2}|cluster:[A-Z0-9-]{1,12})$/, "subdistrict:NNNNNN, district:NNNN, province:NN or cluster:XX");

export const CreatePlanInput = z.object({
  fiscalYear: FiscalYear,
  level: PlanLevel,
  areaId: PlanAreaId,
  titleTh: z.string().trim().min(3).max(300).optional(),
  titleEn: z.string().trim().max(300).optional(),
});
export type CreatePlanInput = z.input<typeof CreatePlanInput>;

export const ListPlansInput = z.object({
  fiscalYear: FiscalYear.optional(),
  level: PlanLevel.optional(),
  provinceCode: ProvinceCode.optional(),
  status: PlanStatus.optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListPlansInput = z.input<typeof ListPlansInput>;

export const PlanSummary = z.object({
  id: z.string(),
  fiscalYear: z.number().int(),
  level: PlanLevel,
  areaId: z.string(),
  areaNameTh: z.string(),
  areaNameEn: z.string(),
  provinceCode: z.string().nullable(),
  titleTh: z.string(),
  titleEn: z.string(),
  status: PlanStatus,
  approvedOn: z.string().nullable(),
  projectCount: z.number().int(),
  totalBudget: z.string(),
  version: z.number().int(),
  isDemo: z.boolean(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;
export const PlanList = z.object({ items: z.array(PlanSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type PlanList = z.infer<typeof PlanList>;

/** A pair of proposals in the plan that look like the same work (same area, similar Thai title). */
export const DuplicateFlag = z.object({
  projectId: z.string(),
  otherId: z.string(),
  similarity: z.number(),
  /** why the areas match: shared subdistricts, or the same district when a proposal names no subdistrict */
  areaMatch: z.enum(["subdistricts", "district"]),
  sharedAreaCodes: z.array(z.string()),
});
export type DuplicateFlag = z.infer<typeof DuplicateFlag>;

export const PlanProject = ProjectSummary.extend({
  /** the plan the project was proposed in (a lower plan when it was consolidated into this one) */
  fromPlanId: z.string().nullable(),
  fromPlanLevel: PlanLevel.nullable(),
  areaCodes: z.array(z.string()),
  duplicateOf: z.string().nullable(),
  goalCount: z.number().int(),
});
export type PlanProject = z.infer<typeof PlanProject>;

export const PlanDetail = PlanSummary.extend({
  approvedBy: z.string().nullable(),
  /** the plan's projects in priority order (unprioritised last, by code), duplicates confirmed and rejected ones after */
  projects: z.array(PlanProject),
  duplicateFlags: z.array(DuplicateFlag),
  /** lower plans of the same province and year (for a province plan), with how many proposals wait to be pulled in */
  lowerPlans: z.array(PlanSummary.extend({ pendingProposals: z.number().int() })),
  duplicateThreshold: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** what the reader may do here: read the change history (GET /history/<type>/<id>, the rule it applies) */
  may: z.object({ history: z.boolean() }),
});
export type PlanDetail = z.infer<typeof PlanDetail>;

export const PrioritiseInput = z.object({
  /** every active project of the plan, highest priority first */
  order: z.array(z.string().trim().min(1).max(120)).min(1).max(2000),
  /** the plan version the order was read at (someone else's reorder in between is a conflict) */
  version: z.number().int().min(1),
});
export type PrioritiseInput = z.input<typeof PrioritiseInput>;

export const ConsolidateResult = z.object({ plan: PlanDetail, pulledIn: z.number().int(), flagged: z.number().int() });
export type ConsolidateResult = z.infer<typeof ConsolidateResult>;

export const ResolveDuplicateInput = z.object({
  projectId: z.string().trim().min(1).max(120),
  otherId: z.string().trim().min(1).max(120),
  /** confirm: `projectId` is the same work as `otherId` (it is kept, marked duplicate and rejected); dismiss: they differ */
  decision: z.enum(["confirm", "dismiss"]),
});
export type ResolveDuplicateInput = z.input<typeof ResolveDuplicateInput>;

export const ApprovePlanInput = z.object({ version: z.number().int().min(1), approvedOn: IsoDate.optional() });
export type ApprovePlanInput = z.input<typeof ApprovePlanInput>;
export { PlanId };
