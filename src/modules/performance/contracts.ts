/** Performance contracts: browser-safe zod schemas for KPIs, targets and measurements. */
import { z } from "zod";
import { isIsoDate } from "../../platform/thai/dates.js";
import { definitionIssues, ScoredItem, ScoringScheme } from "./scoring.js";

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

// ───────────────────────────── performance agreements ─────────────────────────────

export const AgreementKind = z.enum(["provincial", "cluster"]);
export const AgreementStatus = z.enum(["draft", "signed"]);
export const AgreementRoundStatus = z.enum(["open", "submitted", "closed"]);
export const PartyRole = z.enum(["deputy_pm", "minister_interior", "governor", "cluster_chair", "opdc"]);
export const AgreementParty = z.object({ role: PartyRole, nameTh: z.string().trim().min(1).max(300), nameEn: z.string().trim().max(300).default("") });
export type AgreementParty = z.infer<typeof AgreementParty>;
const Evidence = z.object({ name: z.string().trim().min(1).max(200), url: z.string().url().max(1000).nullable().optional() });

/** An item of an agreement: the scoring engine's item, bound to the KPI whose verified measurements give its result. */
export const AgreementItemInput = ScoredItem.extend({ kpiId: z.string().min(1).max(120).nullable().optional() });
export type AgreementItemInput = z.infer<typeof AgreementItemInput>;

const scoringIssues = (def: { scheme: ScoringScheme; items: readonly ScoredItem[] }, ctx: z.RefinementCtx) => {
  for (const f of definitionIssues(def)) ctx.addIssue({ code: "custom", message: f.messageEn, path: f.path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)) });
};

const EXAMPLE_ITEMS = [
  { id: "k1", nameTh: "จำนวนวันที่ค่า PM2.5 เกินมาตรฐาน", nameEn: "Days with PM2.5 above the standard", weight: 0.6, criteria: { kind: "five-level-numeric", direction: "lower-is-better", levels: [70, 60, 50, 40, 30] } },
  { id: "m1", nameTh: "ศูนย์บัญชาการแก้ไขปัญหาหมอกควัน", nameEn: "Haze command centre", weight: 0.4, criteria: { kind: "five-level-milestone", steps: [1, 2, 3, 4, 5].map((n) => ({ th: `ขั้นที่ ${n}`, en: `Step ${n}` })) } },
];
const EXAMPLE_UPDATE = { titleTh: "คำรับรองการปฏิบัติราชการ จังหวัดเชียงราย", titleEn: "Chiang Rai performance agreement", parties: [{ role: "governor", nameTh: "ผู้ว่าราชการจังหวัดเชียงราย" }], scheme: { type: "five-level" }, roundDueDays: 30, items: EXAMPLE_ITEMS };

export const CreateAgreementInput = z
  .object({
    fiscalYear: BeYear,
    kind: AgreementKind,
    /** province:NN for a provincial agreement, cluster:XX for a cluster's */
    areaId: z.string().regex(/^(province:\d{2}|cluster:[A-Z0-9]{1,8})$/, "province:NN or cluster:CODE"),
    titleTh: z.string().trim().min(1).max(500),
    titleEn: z.string().trim().max(500).default(""),
    parties: z.array(AgreementParty).max(10).default([]),
    scheme: ScoringScheme,
    roundDueDays: z.number().int().min(0).max(180).default(30),
    items: z.array(AgreementItemInput).min(1).max(100),
  })
  .refine((a) => (a.kind === "provincial") === a.areaId.startsWith("province:"), { path: ["areaId"], message: "a provincial agreement is for a province, a cluster agreement for a cluster" })
  .superRefine(scoringIssues)
  .meta({ examples: [{ fiscalYear: 2571, kind: "provincial", areaId: "province:57", ...EXAMPLE_UPDATE }] });
export type CreateAgreementInput = z.infer<typeof CreateAgreementInput>;

/** Changes to a draft, or (with a reason) an amendment to a signed agreement. */
export const UpdateAgreementInput = z
  .object({
    titleTh: z.string().trim().min(1).max(500),
    titleEn: z.string().trim().max(500).default(""),
    parties: z.array(AgreementParty).max(10).default([]),
    scheme: ScoringScheme,
    roundDueDays: z.number().int().min(0).max(180).default(30),
    items: z.array(AgreementItemInput).min(1).max(100),
  })
  .superRefine(scoringIssues)
  .meta({ examples: [EXAMPLE_UPDATE] });
export type UpdateAgreementInput = z.infer<typeof UpdateAgreementInput>;
export const AmendAgreementInput = z.object({ reasonTh: z.string().trim().min(1).max(2000), changes: UpdateAgreementInput });
export type AmendAgreementInput = z.infer<typeof AmendAgreementInput>;

export const SignAgreementInput = z.object({ signedOn: IsoDate.optional() });
export const SelfAssessmentInput = z.object({
  selfAssessmentTh: z.string().trim().min(1).max(20_000),
  evidence: z.array(Evidence).max(50).default([]),
  /** false saves a draft of the self-assessment; true submits it for the round */
  submit: z.boolean().default(false),
});
export type SelfAssessmentInput = z.infer<typeof SelfAssessmentInput>;
export const ItemResultInput = z.object({ itemId: z.string().min(1).max(100), value: z.number().finite().min(0).max(100), note: z.string().trim().max(2000).nullable().optional() });
export type ItemResultInput = z.infer<typeof ItemResultInput>;
export const AgreementRoundParams = z.object({ id: z.string().min(1).max(120), round: z.coerce.number().pipe(RoundMonths) });

export const ListAgreementsInput = z.object({
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  fiscalYear: z.coerce.number().int().min(2550).max(2650).optional(),
  status: AgreementStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const Explained = z.object({ th: z.string(), en: z.string() });
/** The scoring engine's explained result for one round (live for an open round, frozen when it closed). */
export const RoundScoreView = z.object({
  schemeType: z.enum(["five-level", "pb-pt"]),
  final: z.boolean(),
  scale: z.object({ min: z.number(), max: z.number() }),
  decimals: z.number().int(),
  total: z.number().nullable(),
  reportedWeight: z.number(),
  countedWeight: z.number(),
  complete: z.boolean(),
  components: z.object({ performance: z.object({ weight: z.number(), score: z.number().nullable() }), potential: z.object({ weight: z.number(), score: z.number().nullable() }) }).nullable(),
  rating: Explained.nullable(),
  explanation: Explained,
  items: z.array(
    z.object({
      itemId: z.string(),
      weight: z.number(),
      result: z.number().nullable(),
      score: z.number().nullable(),
      status: z.enum(["scored", "no-result-minimum", "no-result-excluded"]),
      weightedScore: z.number().nullable(),
      targetsUsed: z.array(z.number()).nullable(),
      explanation: Explained,
    }),
  ),
});
export type RoundScoreView = z.infer<typeof RoundScoreView>;

export const AgreementRoundView = z.object({
  round: RoundMonths,
  periodEnd: z.string(),
  dueDate: z.string(),
  status: AgreementRoundStatus,
  selfAssessmentTh: z.string().nullable(),
  evidence: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** frozen score of a closed round, or the live score so far of an open one */
  score: RoundScoreView,
  live: z.boolean(),
  /** results entered by an assessor for items without a KPI */
  itemResults: z.array(z.object({ itemId: z.string(), value: z.number(), note: z.string().nullable(), enteredByName: z.string() })),
});
export type AgreementRoundView = z.infer<typeof AgreementRoundView>;

export const AgreementSummary = z.object({
  id: z.string(),
  fiscalYear: z.number().int(),
  kind: AgreementKind,
  areaId: z.string(),
  provinceCode: z.string().nullable(),
  titleTh: z.string(),
  titleEn: z.string(),
  status: AgreementStatus,
  version: z.number().int(),
  schemeType: z.enum(["five-level", "pb-pt"]),
  signedAt: z.string().nullable(),
  isDemo: z.boolean(),
});
export type AgreementSummary = z.infer<typeof AgreementSummary>;

export const AgreementDetail = AgreementSummary.extend({
  parties: z.array(z.object({ role: PartyRole, nameTh: z.string(), nameEn: z.string() })),
  scheme: z.record(z.string(), z.unknown()),
  roundDueDays: z.number().int(),
  signedByName: z.string().nullable(),
  items: z.array(
    z.object({
      itemId: z.string(),
      kpiId: z.string().nullable(),
      kpiCode: z.string().nullable(),
      unit: z.string().nullable(),
      nameTh: z.string(),
      nameEn: z.string(),
      weight: z.number(),
      component: z.enum(["performance", "potential"]).nullable(),
      criteria: z.record(z.string(), z.unknown()),
    }),
  ),
  rounds: z.array(AgreementRoundView),
  amendments: z.array(z.object({ version: z.number().int(), reasonTh: z.string(), createdByName: z.string(), createdAt: z.string(), before: z.unknown(), after: z.unknown() })),
  may: z.object({ edit: z.boolean(), sign: z.boolean(), amend: z.boolean(), selfAssess: z.boolean(), assess: z.boolean() }),
});
export type AgreementDetail = z.infer<typeof AgreementDetail>;
export const AgreementListItem = AgreementSummary.extend({ rounds: z.array(z.object({ round: z.number().int(), status: z.string(), dueDate: z.string(), total: z.number().nullable() })) });


// ───────────────────────────── pilots and evaluation; special-administration sandboxes (issue 3, part 5) ─────────────────────────────

/** A real Gregorian date (1800–2199): pilot panels reach back to the 1999–2003 pilot; a B.E. year is refused. */
const PilotDate = z.string().refine((s) => isIsoDate(s) && s >= "1800-01-01" && s <= "2199-12-31", "a real Gregorian date YYYY-MM-DD (1800–2199), not a B.E. year");
const ProvinceCode = z.string().regex(/^\d{2}$/);
const PilotId = z.string().min(1).max(120);

export const PilotRole = z.enum(["pilot", "comparison"]);
export type PilotRole = z.infer<typeof PilotRole>;
export const PilotOutcomeKind = z.enum(["outcome", "satisfaction"]);
export const PilotIncentiveKind = z.enum(["staff-development-budget", "salary-step-quota", "other"]);
/** The satisfaction scale of recorded surveys: a mean on 1 (very dissatisfied) … 5 (very satisfied). */
export const SATISFACTION_SCALE = { min: 1, max: 5 } as const;

export const CreatePilotProgrammeInput = z.object({
  code: z.string().trim().min(1).max(40),
  nameTh: z.string().trim().min(1).max(500),
  nameEn: z.string().trim().max(500).default(""),
  descriptionTh: z.string().trim().max(5000).nullable().optional(),
  descriptionEn: z.string().trim().max(5000).nullable().optional(),
  /** the period observed; the pilot's model starts on treatmentStart (periodStart < treatmentStart ≤ periodEnd) */
  periodStart: PilotDate,
  periodEnd: PilotDate,
  treatmentStart: PilotDate,
});
export type CreatePilotProgrammeInput = z.infer<typeof CreatePilotProgrammeInput>;

export const SetPilotProvincesInput = z.object({
  provinces: z
    .array(z.object({ provinceCode: ProvinceCode, role: PilotRole, /** a comparison province's matched pilot province */ pairedWith: ProvinceCode.nullable().optional() }))
    .min(2)
    .max(77),
});
export type SetPilotProvincesInput = z.infer<typeof SetPilotProvincesInput>;

export const DefinePilotOutcomeInput = z.object({
  kind: PilotOutcomeKind,
  nameTh: z.string().trim().min(1).max(500),
  nameEn: z.string().trim().max(500).default(""),
  unit: z.string().trim().min(1).max(60),
  direction: KpiDirection,
  /** a KPI of the performance module this outcome follows */
  kpiId: z.string().min(1).max(120).nullable().optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export type DefinePilotOutcomeInput = z.infer<typeof DefinePilotOutcomeInput>;

export const RecordPilotObservationsInput = z.object({
  outcomeId: PilotId,
  rows: z
    .array(z.object({ provinceCode: ProvinceCode, periodEnd: PilotDate, value: z.number().finite().min(-1e12).max(1e12), source: z.string().trim().max(500).nullable().optional() }))
    .min(1)
    .max(2000),
});
export type RecordPilotObservationsInput = z.infer<typeof RecordPilotObservationsInput>;

export const RecordPilotSurveyInput = z.object({
  outcomeId: PilotId,
  provinceCode: ProvinceCode,
  /** the last day of the period the survey covers */
  periodEnd: PilotDate,
  /** mean satisfaction on the 1–5 scale */
  mean: z.number().min(SATISFACTION_SCALE.min).max(SATISFACTION_SCALE.max),
  respondents: z.number().int().min(1).max(10_000_000),
  /** sample standard deviation of the answers (at most 2·√(n/(n−1)) on a 1–5 scale) */
  sd: z.number().min(0).max(3).nullable().optional(),
  source: z.string().trim().max(500).nullable().optional(),
});
export type RecordPilotSurveyInput = z.infer<typeof RecordPilotSurveyInput>;

export const GrantPilotIncentiveInput = z.object({
  provinceCode: ProvinceCode,
  kind: PilotIncentiveKind,
  descriptionTh: z.string().trim().min(1).max(2000),
  /** baht for a budget, a count or percentage for a quota (see unit) */
  amount: z.number().min(0).max(1e12).nullable().optional(),
  unit: z.string().trim().min(1).max(60).nullable().optional(),
  grantedOn: PilotDate,
});
export type GrantPilotIncentiveInput = z.infer<typeof GrantPilotIncentiveInput>;

export const ListPilotProgrammesInput = z.object({
  provinceCode: ProvinceCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ListPilotObservationsInput = z.object({ outcomeId: PilotId.optional() });

export const ComparePilotInput = z.object({
  /** confidence level of the intervals */
  level: z.coerce.number().min(0.5).max(0.999).default(0.95),
});

export const PilotProvinceView = z.object({ provinceCode: z.string(), nameTh: z.string(), nameEn: z.string(), role: PilotRole, pairedWith: z.string().nullable() });
export type PilotProvinceView = z.infer<typeof PilotProvinceView>;

export const PilotOutcomeView = z.object({
  id: z.string(),
  kind: PilotOutcomeKind,
  nameTh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  direction: KpiDirection,
  kpiId: z.string().nullable(),
  kpiCode: z.string().nullable(),
  position: z.number().int(),
  observations: z.number().int(),
});
export type PilotOutcomeView = z.infer<typeof PilotOutcomeView>;

export const PilotIncentiveView = z.object({
  id: z.string(),
  provinceCode: z.string(),
  kind: PilotIncentiveKind,
  descriptionTh: z.string(),
  /** numeric(16,2) as text: money is never a float */
  amount: z.string().nullable(),
  unit: z.string().nullable(),
  grantedOn: z.string(),
  isDemo: z.boolean(),
});
export type PilotIncentiveView = z.infer<typeof PilotIncentiveView>;

export const PilotObservationView = z.object({
  outcomeId: z.string(),
  provinceCode: z.string(),
  periodEnd: z.string(),
  value: z.number(),
  respondents: z.number().int().nullable(),
  sd: z.number().nullable(),
  source: z.string().nullable(),
  isDemo: z.boolean(),
});
export type PilotObservationView = z.infer<typeof PilotObservationView>;

export const PilotProgrammeSummary = z.object({
  id: z.string(),
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  treatmentStart: z.string(),
  pilots: z.number().int(),
  comparisons: z.number().int(),
  outcomes: z.number().int(),
  isDemo: z.boolean(),
});
export type PilotProgrammeSummary = z.infer<typeof PilotProgrammeSummary>;

export const PilotProgrammeDetail = PilotProgrammeSummary.extend({
  descriptionTh: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  provinces: z.array(PilotProvinceView),
  outcomes: z.array(PilotOutcomeView),
  incentives: z.array(PilotIncentiveView),
  may: z.object({ write: z.boolean() }),
});
export type PilotProgrammeDetail = z.infer<typeof PilotProgrammeDetail>;

const Interval = z.object({ level: z.number(), low: z.number(), high: z.number() });
const GroupPoint = z.object({ n: z.number().int(), mean: z.number(), sd: z.number().nullable(), ci: Interval.nullable() });
export const PilotSeriesPoint = z.object({
  period: z.string(),
  phase: z.enum(["pre", "post"]),
  pilot: GroupPoint.nullable(),
  comparison: GroupPoint.nullable(),
  /** pilot − comparison in this period */
  gap: z.number().nullable(),
});
export type PilotSeriesPoint = z.infer<typeof PilotSeriesPoint>;

/** improved / worsened: the interval excludes 0 in the outcome's good / bad direction; otherwise no clear effect. */
export const PilotVerdict = z.enum(["improved", "worsened", "no-clear-effect", "not-estimable"]);
export type PilotVerdict = z.infer<typeof PilotVerdict>;

export const PilotDid = z.object({
  method: z.enum(["unit-differences-welch", "unit-differences-pooled-t", "none"]),
  treatmentStart: z.string(),
  estimate: z.number().nullable(),
  se: z.number().nullable(),
  df: z.number().nullable(),
  tCritical: z.number().nullable(),
  ci: Interval.nullable(),
  pValue: z.number().nullable(),
  units: z.object({ pilot: z.number().int(), comparison: z.number().int(), total: z.number().int() }),
  observations: z.object({ used: z.number().int(), total: z.number().int() }),
  cells: z.object({
    pilot: z.object({ pre: z.number().nullable(), post: z.number().nullable() }),
    comparison: z.object({ pre: z.number().nullable(), post: z.number().nullable() }),
  }),
  unitDifferences: z.array(z.object({ provinceCode: z.string(), role: PilotRole, preMean: z.number(), postMean: z.number(), difference: z.number() })),
  droppedUnits: z.array(z.object({ provinceCode: z.string(), role: PilotRole, reason: z.enum(["no-pre", "no-post"]) })),
  warnings: z.array(z.object({ code: z.string(), messageTh: z.string(), messageEn: z.string() })),
  verdict: PilotVerdict,
  /** always given: how many provinces the estimate rests on, and what that means */
  smallSample: z.object({ pilot: z.number().int(), comparison: z.number().int(), messageTh: z.string(), messageEn: z.string() }),
});
export type PilotDid = z.infer<typeof PilotDid>;

export const PilotOutcomeComparison = z.object({ outcome: PilotOutcomeView, series: z.array(PilotSeriesPoint), did: PilotDid });
export type PilotOutcomeComparison = z.infer<typeof PilotOutcomeComparison>;

export const PilotComparison = z.object({
  programmeId: z.string(),
  treatmentStart: z.string(),
  level: z.number(),
  outcomes: z.array(PilotOutcomeComparison),
  /** the assumption everything rests on, in words */
  assumptionTh: z.string(),
  assumptionEn: z.string(),
});
export type PilotComparison = z.infer<typeof PilotComparison>;

// Sandboxes (special administration experiments under the 2022 Royal Decree on integrated area-based administration)

export const SandboxRuleChange = z.enum(["waived", "modified"]);
/** stored: active | ended; shown: expired once the expiry date has passed without the sandbox being ended */
export const SandboxStatus = z.enum(["active", "expired", "ended"]);
export type SandboxStatus = z.infer<typeof SandboxStatus>;
/** A sandbox whose expiry is this close shows as expiring and is reminded about. */
export const SANDBOX_REMINDER_DAYS = 60;

export const SandboxRule = z.object({
  ruleTh: z.string().trim().min(1).max(1000),
  change: SandboxRuleChange,
  detailTh: z.string().trim().max(2000).default(""),
});

export const CreateSandboxInput = z.object({
  provinceCode: ProvinceCode,
  nameTh: z.string().trim().min(1).max(500),
  nameEn: z.string().trim().max(500).default(""),
  scopeTh: z.string().trim().min(1).max(5000),
  legalBasisTh: z.string().trim().max(2000).nullable().optional(),
  rules: z.array(SandboxRule).min(1).max(50),
  startsOn: PilotDate,
  expiresOn: PilotDate,
});
export type CreateSandboxInput = z.infer<typeof CreateSandboxInput>;

export const RecordSandboxResultInput = z.object({
  measuredOn: PilotDate,
  indicatorTh: z.string().trim().min(1).max(500),
  value: z.number().finite().min(-1e12).max(1e12),
  unit: z.string().trim().min(1).max(60),
  baseline: z.number().finite().min(-1e12).max(1e12).nullable().optional(),
  noteTh: z.string().trim().max(2000).nullable().optional(),
});
export type RecordSandboxResultInput = z.infer<typeof RecordSandboxResultInput>;

export const EndSandboxInput = z.object({ endedOn: PilotDate, reasonTh: z.string().trim().max(2000).nullable().optional() });
export type EndSandboxInput = z.infer<typeof EndSandboxInput>;

export const ListSandboxesInput = z.object({
  provinceCode: ProvinceCode.optional(),
  status: SandboxStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const SandboxResultView = z.object({
  id: z.string(),
  measuredOn: z.string(),
  indicatorTh: z.string(),
  value: z.number(),
  unit: z.string(),
  baseline: z.number().nullable(),
  noteTh: z.string().nullable(),
  isDemo: z.boolean(),
});
export type SandboxResultView = z.infer<typeof SandboxResultView>;

export const SandboxSummary = z.object({
  id: z.string(),
  provinceCode: z.string(),
  provinceNameTh: z.string(),
  provinceNameEn: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  startsOn: z.string(),
  expiresOn: z.string(),
  endedOn: z.string().nullable(),
  status: SandboxStatus,
  /** days from today (Bangkok) to the expiry date, negative once past; null when ended */
  expiresInDays: z.number().int().nullable(),
  /** active and expiring within SANDBOX_REMINDER_DAYS */
  expiringSoon: z.boolean(),
  rulesCount: z.number().int(),
  isDemo: z.boolean(),
});
export type SandboxSummary = z.infer<typeof SandboxSummary>;

export const SandboxDetail = SandboxSummary.extend({
  scopeTh: z.string(),
  legalBasisTh: z.string().nullable(),
  rules: z.array(z.object({ ruleTh: z.string(), change: SandboxRuleChange, detailTh: z.string() })),
  results: z.array(SandboxResultView),
  may: z.object({ write: z.boolean() }),
});
export type SandboxDetail = z.infer<typeof SandboxDetail>;
export const RoundReportQuery = z.object({ format: z.enum(["pdf", "xlsx"]).default("pdf") });

// ───────────────────────────── the governor's cockpit ─────────────────────────────

export const CockpitQuery = z.object({ provinceCode: z.string().regex(/^\d{2}$/), fiscalYear: z.coerce.number().int().min(2550).max(2650).optional() });
const Bi = z.object({ th: z.string(), en: z.string() });
export const CockpitKpi = KpiSummary.extend({
  latest: z.object({ periodEnd: z.string(), fiscalYear: z.number().int(), value: z.number(), status: MeasurementStatus }).nullable(),
  /** the standard (level-3) target of the fiscal year's 12-month round, and all five levels */
  target: z.number().nullable(),
  levels: z.array(z.number()).nullable(),
  offTrack: z.boolean().nullable(),
  projected: z.number().nullable(),
  /** verified and pending values of the fiscal year and the one before, oldest first */
  trend: z.array(z.object({ periodEnd: z.string(), fiscalYear: z.number().int(), value: z.number(), status: MeasurementStatus })),
  pendingVerification: z.number().int(),
  /** the next period to report and the day it is due (15 days after the period ends); null when up to date */
  nextReport: z.object({ periodEnd: z.string(), dueDate: z.string(), overdue: z.boolean() }).nullable(),
});
export type CockpitKpi = z.infer<typeof CockpitKpi>;
export const CockpitAgenda = z.object({
  assignmentId: z.string(),
  agendaNodeId: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  proposalStatus: z.string(),
  proposalVersion: z.number().int(),
  kpiIds: z.array(z.string()),
  onTrack: z.number().int(),
  offTrack: z.number().int(),
  noData: z.number().int(),
});
export const CockpitRound = z.object({ round: z.number().int(), status: AgreementRoundStatus, dueDate: z.string(), total: z.number().nullable(), live: z.boolean() });
export const Cockpit = z.object({
  province: z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string() }),
  fiscalYear: z.number().int(),
  today: z.string(),
  /** steer: the governor, vice governor or strategy office of the province; read-only: OPDC, deputy PM's office, PMOC, others */
  mode: z.enum(["steer", "read-only"]),
  agendas: z.array(CockpitAgenda),
  kpis: z.array(CockpitKpi),
  agreement: z
    .object({ id: z.string(), titleTh: z.string(), titleEn: z.string(), status: AgreementStatus, version: z.number().int(), schemeType: z.enum(["five-level", "pb-pt"]), scale: z.object({ min: z.number(), max: z.number() }), rounds: z.array(CockpitRound) })
    .nullable(),
  /** every fiscal year's agreement and its round totals, oldest first */
  history: z.array(z.object({ fiscalYear: z.number().int(), agreementId: z.string(), schemeType: z.enum(["five-level", "pb-pt"]), rounds: z.array(CockpitRound) })),
  /** what falls due within the next 7 days (and anything overdue), soonest first; results waiting for verification are always listed */
  due: z.array(
    z.object({
      kind: z.enum(["round-due", "report", "verify", "proposal"]),
      dueDate: z.string().nullable(),
      overdue: z.boolean(),
      title: Bi,
      entityId: z.string(),
      link: z.string(),
      /** the KPI and the period concerned (report and verify items) */
      kpiId: z.string().nullable(),
      periodEnd: z.string().nullable(),
    }),
  ),
  may: z.object({ submit: z.boolean(), verify: z.boolean(), selfAssess: z.boolean() }),
});
export type Cockpit = z.infer<typeof Cockpit>;
