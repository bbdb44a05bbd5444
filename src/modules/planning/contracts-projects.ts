/** Contracts of plans and projects (One Plan, the project record, amendments). */
import { z } from "zod";
import { Baht, BahtText, BudgetSource, FiscalYear, IsoDate, ProjectOrigin, ProjectStatus, ProvinceCode, SubdistrictCode } from "./contracts.js";

export const BudgetLineInput = z.object({
  source: BudgetSource,
  /** who provides the money (a department, the province, a local government); defaults by source */
  funderOrgId: z.string().trim().min(1).max(120).optional(),
  amount: Baht,
  frameShiftId: z.string().trim().min(1).max(120).optional(),
  noteTh: z.string().trim().max(500).optional(),
});
export type BudgetLineInput = z.infer<typeof BudgetLineInput>;

export const ProjectOutcomeInput = z.object({
  kpiId: z.string().trim().min(1).max(120),
  kind: z.enum(["output", "outcome"]),
  target: z.number().finite().optional(),
  unitTh: z.string().trim().max(60).optional(),
});

export const ProjectPoint = z.object({ lat: z.number().min(5).max(21), lng: z.number().min(97).max(106), labelTh: z.string().trim().max(200).optional() });

export const CreateProjectInput = z.object({
  /** nation-wide unique code; generated as <fiscal year>-<province>-<serial> when left out */
  code: z.string().trim().regex(/^[A-Za-z0-9ก-๙._/-]{3,40}$/, "3–40 letters, digits, . _ / -").optional(),
  fiscalYear: FiscalYear,
  provinceCode: ProvinceCode,
  planId: z.string().trim().min(1).max(120).optional(),
  origin: ProjectOrigin,
  ownerOrgId: z.string().trim().min(1).max(120),
  titleTh: z.string().trim().min(3).max(300),
  titleEn: z.string().trim().max(300).optional(),
  objectiveTh: z.string().trim().max(4000).optional(),
  areaCodes: z.array(SubdistrictCode).max(500).default([]),
  points: z.array(ProjectPoint).max(50).default([]),
  /** provincial goals the project serves (at least one) */
  goalIds: z.array(z.string().trim().min(1).max(120)).min(1).max(20),
  outcomes: z.array(ProjectOutcomeInput).max(30).default([]),
  budgetLines: z.array(BudgetLineInput).max(30).default([]),
  startDate: IsoDate.optional(),
  endDate: IsoDate.optional(),
});
export type CreateProjectInput = z.input<typeof CreateProjectInput>;

export const BudgetLineView = z.object({
  id: z.string(),
  source: BudgetSource,
  funderOrgId: z.string().nullable(),
  funderNameTh: z.string().nullable(),
  funderNameEn: z.string().nullable(),
  amount: BahtText,
  frameShiftId: z.string().nullable(),
  allocationNoticeId: z.string().nullable(),
  noteTh: z.string(),
});
export type BudgetLineView = z.infer<typeof BudgetLineView>;

export const GoalRef = z.object({ id: z.string(), code: z.string().nullable(), nameTh: z.string(), nameEn: z.string() });

/** A project as lists show it (no files, no history). */
export const ProjectSummary = z.object({
  id: z.string(),
  code: z.string(),
  fiscalYear: z.number().int(),
  provinceCode: z.string().nullable(),
  planId: z.string().nullable(),
  origin: ProjectOrigin,
  ownerOrgId: z.string(),
  ownerNameTh: z.string(),
  ownerNameEn: z.string(),
  agencyId: z.string(),
  titleTh: z.string(),
  titleEn: z.string(),
  status: ProjectStatus,
  priority: z.number().int().nullable(),
  totalBudget: BahtText,
  isDemo: z.boolean(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const ProjectDetail = ProjectSummary.extend({
  objectiveTh: z.string(),
  areaCodes: z.array(z.string()),
  points: z.array(ProjectPoint),
  goals: z.array(GoalRef),
  outcomes: z.array(z.object({ kpiId: z.string(), kind: z.enum(["output", "outcome"]), target: z.number().nullable(), unitTh: z.string().nullable() })),
  budgetLines: z.array(BudgetLineView),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  approvedOn: z.string().nullable(),
  consolidatedIntoPlanId: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;
