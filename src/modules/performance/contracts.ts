/** Performance contracts: browser-safe zod schemas for KPIs, targets and measurements. */
import { z } from "zod";
import { isIsoDate } from "../../platform/thai/dates.js";

export const KpiLevel = z.enum(["national", "provincial", "joint"]);
export const KpiDirection = z.enum(["higher", "lower"]);
export const KpiFrequency = z.enum(["monthly", "quarterly", "half-yearly", "yearly"]);
export const MeasurementStatus = z.enum(["submitted", "verified", "returned"]);
export const RoundMonths = z.union([z.literal(6), z.literal(9), z.literal(12)]);
const BeYear = z.number().int().min(2550).max(2650);
const IsoDate = z.string().refine((s) => isIsoDate(s) && s >= "2000-01-01" && s <= "2199-12-31", "a real Gregorian date YYYY-MM-DD");

/** Target values for score levels 1..5, strictly ordered in the KPI's direction. */
export const TargetLevels = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]);

export const KpiSummary = z.object({
  id: z.string(),
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  direction: KpiDirection,
  level: KpiLevel,
  frequency: KpiFrequency,
  ownerOrgId: z.string(),
  jointOrgId: z.string().nullable(),
  provinceCode: z.string().nullable(),
  goalNodeId: z.string().nullable(),
  isDemo: z.boolean(),
});
export type KpiSummary = z.infer<typeof KpiSummary>;

export const MeasurementView = z.object({
  id: z.string(),
  fiscalYear: z.number().int(),
  periodEnd: z.string(),
  value: z.number(),
  note: z.string().nullable(),
  evidence: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
  status: MeasurementStatus,
  submittedByName: z.string(),
  submittedAt: z.string(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  isDemo: z.boolean(),
});
export type MeasurementView = z.infer<typeof MeasurementView>;

export const KpiDetail = KpiSummary.extend({
  baseline: z.number().nullable(),
  baselineYear: z.number().int().nullable(),
  definitionTh: z.string().nullable(),
  formula: z.string().nullable(),
  dataSource: z.string().nullable(),
  contributors: z.array(z.string()),
  targets: z.array(z.object({ fiscalYear: z.number().int(), round: z.number().int(), levels: TargetLevels })),
  measurements: z.array(MeasurementView),
  /** the latest verified value projected to the end of the fiscal year misses the standard (level 3) 12-month target */
  offTrack: z.object({ fiscalYear: z.number().int(), projected: z.number(), target: z.number(), offTrack: z.boolean() }).nullable(),
  may: z.object({ submit: z.boolean(), verify: z.boolean(), edit: z.boolean() }),
});
export type KpiDetail = z.infer<typeof KpiDetail>;

export const CreateKpiInput = z
  .object({
    code: z.string().trim().min(1).max(40),
    nameTh: z.string().trim().min(1).max(500),
    nameEn: z.string().trim().max(500).default(""),
    unit: z.string().trim().min(1).max(60),
    direction: KpiDirection,
    level: KpiLevel,
    baseline: z.number().finite().nullable().optional(),
    baselineYear: BeYear.nullable().optional(),
    definitionTh: z.string().trim().max(5000).nullable().optional(),
    formula: z.string().trim().max(2000).nullable().optional(),
    dataSource: z.string().trim().max(500).nullable().optional(),
    frequency: KpiFrequency,
    ownerOrgId: z.string().min(1).max(100),
    /** the ministry or department bound to a joint KPI */
    jointOrgId: z.string().min(1).max(100).nullable().optional(),
    /** the province a provincial or joint KPI is answered for */
    provinceCode: z.string().regex(/^\d{2}$/).nullable().optional(),
    goalNodeId: z.string().min(1).max(120).nullable().optional(),
    contributors: z.array(z.string().min(1).max(100)).max(30).default([]),
  })
  .refine((k) => k.level === "national" || !!k.provinceCode, { path: ["provinceCode"], message: "a provincial or joint KPI names its province" })
  .refine((k) => k.level !== "joint" || !!k.jointOrgId, { path: ["jointOrgId"], message: "a joint KPI names the ministry or department it is shared with" });
export type CreateKpiInput = z.infer<typeof CreateKpiInput>;

export const SetTargetsInput = z.object({ fiscalYear: BeYear, round: RoundMonths, levels: TargetLevels });
export type SetTargetsInput = z.infer<typeof SetTargetsInput>;

export const SubmitMeasurementInput = z.object({
  fiscalYear: BeYear,
  periodEnd: IsoDate,
  value: z.number().finite(),
  note: z.string().trim().max(2000).nullable().optional(),
  evidence: z.array(z.object({ name: z.string().trim().min(1).max(200), url: z.string().url().max(1000).nullable().optional() })).max(20).default([]),
});
export type SubmitMeasurementInput = z.infer<typeof SubmitMeasurementInput>;

export const ReviewMeasurementInput = z.object({
  decision: z.enum(["verify", "return"]),
  comment: z.string().trim().max(2000).nullable().optional(),
}).refine((r) => r.decision === "verify" || !!r.comment, { path: ["comment"], message: "say why the measurement is returned" });
export type ReviewMeasurementInput = z.infer<typeof ReviewMeasurementInput>;

export const ListKpisInput = z.object({
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  level: KpiLevel.optional(),
  ownerOrgId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
