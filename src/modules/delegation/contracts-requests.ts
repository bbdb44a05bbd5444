/** Contracts of a province's requests for more delegation (browser-safe zod schemas): draft → MOI → OPDC → Cabinet. */
import { z } from "zod";
import { AuthorityAnswer, Baht, DelegationView, IsoDate, PowerArea } from "./contracts.js";

/**
 * draft → submitted (at the Ministry of Interior) → moi-forwarded (at OPDC) → opdc-recommended (at the Cabinet) →
 * approved | rejected; MOI or OPDC may return it to the province (returned), which revises and resubmits it; the
 * province may withdraw a draft or a returned request.
 */
export const RequestStatus = z.enum(["draft", "submitted", "moi-forwarded", "opdc-recommended", "approved", "rejected", "returned", "withdrawn"]);
export type RequestStatus = z.infer<typeof RequestStatus>;
/** Who must act next: the province, the Ministry of Interior, OPDC or the Cabinet (null once it is closed). */
export const RequestHolder = z.enum(["province", "moi", "opdc", "cabinet"]);
export type RequestHolder = z.infer<typeof RequestHolder>;
export const OpdcOpinion = z.enum(["support", "not-support"]);
export type OpdcOpinion = z.infer<typeof OpdcOpinion>;
export const RequestAction = z.enum(["create", "update", "submit", "resubmit", "withdraw", "moi-forward", "moi-return", "opdc-recommend", "opdc-return", "cabinet-approve", "cabinet-reject"]);
export type RequestAction = z.infer<typeof RequestAction>;

const ProvinceCode = z.string().regex(/^\d{2}$/, "a two-digit province code");
const PowerCode = z.string().trim().min(1).max(40);
const Days = z.number().int().min(0).max(3650);
/** the version the caller saw: a request changed since is refused (409) instead of acted on twice */
const ExpectedVersion = z.number().int().min(1).max(1_000_000).optional();

/** A draft may be incomplete (volume 0, no benefit yet); submitting checks it. */
export const CreateRequestInput = z.object({
  provinceCode: ProvinceCode,
  powerCode: PowerCode,
  /** default: "ขอรับมอบอำนาจ: <the power's name>" */
  titleTh: z.string().trim().min(1).max(500).optional(),
  /** matters a year that the power decides in the province */
  yearlyVolume: z.number().int().min(0).max(10_000_000).default(0),
  /** calendar days a matter takes today, sent to the centre */
  centralTurnaroundDays: Days.default(0),
  /** calendar days it would take if decided in the province */
  expectedTurnaroundDays: Days.default(0),
  benefitTh: z.string().trim().max(4000).default(""),
  justificationTh: z.string().trim().max(4000).default(""),
  /** what is asked for: a cap per matter (null = none), conditions, and leave to delegate onward */
  amountCap: Baht.nullable().optional(),
  conditionsTh: z.string().trim().max(2000).default(""),
  maySubdelegate: z.boolean().default(false),
});
export type CreateRequestInput = z.input<typeof CreateRequestInput>;

/** Only the fields given change; a draft or a returned request only. */
export const UpdateRequestInput = z.object({
  powerCode: PowerCode.optional(),
  titleTh: z.string().trim().min(1).max(500).optional(),
  yearlyVolume: z.number().int().min(0).max(10_000_000).optional(),
  centralTurnaroundDays: Days.optional(),
  expectedTurnaroundDays: Days.optional(),
  benefitTh: z.string().trim().max(4000).optional(),
  justificationTh: z.string().trim().max(4000).optional(),
  amountCap: Baht.nullable().optional(),
  conditionsTh: z.string().trim().max(2000).optional(),
  maySubdelegate: z.boolean().optional(),
  expectedVersion: ExpectedVersion,
});
export type UpdateRequestInput = z.input<typeof UpdateRequestInput>;

export const SubmitRequestInput = z.object({ expectedVersion: ExpectedVersion });
export const WithdrawRequestInput = z.object({ comment: z.string().trim().max(4000).nullable().optional(), expectedVersion: ExpectedVersion });

export const ReviewRequestMoiInput = z
  .object({ decision: z.enum(["forward", "return"]), comment: z.string().trim().max(4000).nullable().optional(), expectedVersion: ExpectedVersion })
  .refine((r) => r.decision !== "return" || !!r.comment, { path: ["comment"], message: "say why the request goes back to the province" })
  .meta({ examples: [{ decision: "forward", comment: "เห็นควรส่งสำนักงาน ก.พ.ร. พิจารณา" }, { decision: "return", comment: "ขอให้จังหวัดระบุปริมาณงานต่อปีให้ชัดเจน" }] });
export type ReviewRequestMoiInput = z.input<typeof ReviewRequestMoiInput>;

/** OPDC recommends to the Cabinet with its opinion (support or not: it goes to the Cabinet either way), or returns it. */
export const ReviewRequestOpdcInput = z
  .object({ decision: z.enum(["recommend", "return"]), opinion: OpdcOpinion.nullable().optional(), comment: z.string().trim().max(4000).nullable().optional(), expectedVersion: ExpectedVersion })
  .refine((r) => r.decision !== "recommend" || !!r.opinion, { path: ["opinion"], message: "a recommendation to the Cabinet says whether OPDC supports it" })
  .refine((r) => r.decision !== "return" || !r.opinion, { path: ["opinion"], message: "a return carries no opinion" })
  .refine((r) => r.decision !== "return" || !!r.comment, { path: ["comment"], message: "say why the request goes back to the province" })
  .meta({ examples: [{ decision: "recommend", opinion: "support", comment: "เห็นควรสนับสนุน" }, { decision: "recommend", opinion: "not-support" }, { decision: "return", comment: "ขอข้อมูลเพิ่มเติม" }] });
export type ReviewRequestOpdcInput = z.input<typeof ReviewRequestOpdcInput>;

/**
 * The Cabinet's decision as recorded by OPDC: its meeting date (not in the future, not before the submission) and
 * resolution number; on approval the instrument takes effect from `effectiveFrom` (default the meeting date).
 */
export const CabinetDecisionInput = z
  .object({
    decision: z.enum(["approve", "reject"]),
    cabinetDate: IsoDate,
    resolutionNo: z.string().trim().min(1).max(100),
    effectiveFrom: IsoDate.nullable().optional(),
    effectiveTo: IsoDate.nullable().optional(),
    comment: z.string().trim().max(4000).nullable().optional(),
    expectedVersion: ExpectedVersion,
  })
  .refine((r) => !r.effectiveFrom || r.effectiveFrom >= r.cabinetDate, { path: ["effectiveFrom"], message: "the delegation cannot take effect before the Cabinet decided it" })
  .refine((r) => !r.effectiveTo || r.effectiveTo >= (r.effectiveFrom ?? r.cabinetDate), { path: ["effectiveTo"], message: "the end date may not come before the start date" })
  .refine((r) => r.decision === "approve" || (!r.effectiveFrom && !r.effectiveTo), { path: ["effectiveFrom"], message: "only an approval takes effect" })
  .meta({
    examples: [
      { decision: "approve", cabinetDate: "2026-11-17", resolutionNo: "นร 0505/ว 123", effectiveFrom: "2026-12-01" },
      { decision: "approve", cabinetDate: "2026-11-17", resolutionNo: "นร 0505/ว 124", effectiveTo: "2028-09-30" },
      { decision: "reject", cabinetDate: "2026-11-17", resolutionNo: "นร 0505/ว 125", comment: "ให้คงไว้ที่ส่วนกลาง" },
    ],
  });
export type CabinetDecisionInput = z.input<typeof CabinetDecisionInput>;

const BoolQuery = z.union([z.boolean(), z.enum(["true", "false"]).transform((s) => s === "true")]);
export const ListRequestsInput = z.object({
  provinceCode: ProvinceCode.optional(),
  status: RequestStatus.optional(),
  powerCode: z.string().max(40).optional(),
  holder: RequestHolder.optional(),
  /** only those past their stage's due date (Bangkok today) */
  overdue: BoolQuery.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListRequestsInput = z.input<typeof ListRequestsInput>;

export const RequestView = z.object({
  id: z.string(),
  provinceCode: z.string(),
  provinceNameTh: z.string(),
  provinceNameEn: z.string(),
  powerCode: z.string(),
  powerNameTh: z.string(),
  powerNameEn: z.string(),
  powerArea: PowerArea,
  centralOrgId: z.string(),
  centralOrgNameTh: z.string(),
  centralOrgNameEn: z.string(),
  titleTh: z.string(),
  yearlyVolume: z.number().int(),
  centralTurnaroundDays: z.number().int(),
  expectedTurnaroundDays: z.number().int(),
  /** days saved per matter × matters a year: what citizens gain each year */
  citizenDaysSavedPerYear: z.number().int(),
  benefitTh: z.string(),
  justificationTh: z.string(),
  /** baht as a decimal string; null = no cap asked */
  amountCap: z.string().nullable(),
  conditionsTh: z.string(),
  maySubdelegate: z.boolean(),
  status: RequestStatus,
  holder: RequestHolder.nullable(),
  /** set while it is returned: who sent it back */
  returnedStage: z.enum(["moi", "opdc"]).nullable(),
  stageDueOn: z.string().nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  submittedAt: z.string().nullable(),
  opdcOpinion: OpdcOpinion.nullable(),
  cabinetDate: z.string().nullable(),
  cabinetResolutionNo: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdByName: z.string(),
  version: z.number().int(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RequestView = z.infer<typeof RequestView>;

export const RequestEventView = z.object({
  id: z.string(),
  action: RequestAction,
  fromStatus: RequestStatus.nullable(),
  toStatus: RequestStatus,
  commentTh: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  actorName: z.string(),
  at: z.string(),
});
export type RequestEventView = z.infer<typeof RequestEventView>;

/** Why a draft cannot be submitted yet (each with a stable code). */
export const RequestIssue = z.object({ path: z.string(), code: z.string(), messageTh: z.string(), messageEn: z.string() });
export type RequestIssue = z.infer<typeof RequestIssue>;

export const RequestDetail = RequestView.extend({
  /** oldest first */
  events: z.array(RequestEventView),
  /** the instruments its approval created */
  instruments: z.array(DelegationView),
  /** who decides this power in this province today */
  authorityToday: AuthorityAnswer,
  /** what keeps it from being submitted (empty when complete) */
  issues: z.array(RequestIssue),
  /** what the caller may do now */
  may: z.object({ update: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), reviewMoi: z.boolean(), reviewOpdc: z.boolean(), recordCabinet: z.boolean() }),
});
export type RequestDetail = z.infer<typeof RequestDetail>;
