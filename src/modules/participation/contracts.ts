/** Participation ("บอกเราถึงรัฐ") contracts: browser-safe zod schemas shared by the API, OpenAPI and the web app. */
import { z } from "zod";
import { isIsoDate } from "../../platform/thai/dates.js";

/** What a call for input is about: a province's agenda, one of its goals (strategy node), a KPI, or a KPI's target for a year. */
export const SubjectKind = z.enum(["agenda", "goal", "kpi", "target"]);
export type SubjectKind = z.infer<typeof SubjectKind>;

/** The office's answer to a proposal. */
export const Decision = z.enum(["accepted", "partly", "not_accepted"]);
export type Decision = z.infer<typeof Decision>;

/**
 * A proposal's state: open (collecting support), awaiting_response (past the call's threshold, the deadline runs),
 * overdue (past the deadline without a response), responded, hidden (by the province, with a reason).
 */
export const ProposalState = z.enum(["open", "awaiting_response", "overdue", "responded", "hidden"]);
export type ProposalState = z.infer<typeof ProposalState>;

/** The label a proposal or comment author has when they did not choose to show their display name. */
export const PSEUDONYM_TH = "ประชาชน";
/** Satisfaction answers: 1 (very dissatisfied) … 5 (very satisfied). */
export const SCALE = { min: 1, max: 5 } as const;

const Text = (min: number, max: number) => z.string().trim().min(min).max(max);
const ProvinceCode = z.string().regex(/^\d{2}$/);
const IsoDate = z.string().refine(isIsoDate, "an ISO date (YYYY-MM-DD)");
const Instant = z.iso.datetime({ offset: true });

// ───────────────────────────── inputs ─────────────────────────────

export const OpenCallInput = z
  .object({
    provinceCode: ProvinceCode,
    subjectKind: SubjectKind,
    /** agenda or goal: a strategy node id; kpi or target: a KPI id */
    subjectId: Text(1, 120),
    /** target calls: the fiscal year (B.E.) whose target is open for input */
    fiscalYear: z.number().int().min(2550).max(2650).nullable().optional(),
    titleTh: Text(3, 300),
    titleEn: Text(0, 300).default(""),
    descriptionTh: Text(0, 5000).default(""),
    descriptionEn: Text(0, 5000).default(""),
    /** when the call stops taking proposals (defaults to 60 days from now) */
    closesAt: Instant.optional(),
    /** supports a proposal needs before the office must answer it */
    supportThreshold: z.number().int().min(1).max(1_000_000).default(25),
    /** days the office has to answer once a proposal passes the threshold */
    responseDays: z.number().int().min(1).max(365).default(30),
  })
  .refine((c) => c.subjectKind !== "target" || !!c.fiscalYear, { path: ["fiscalYear"], message: "a call on a target names the fiscal year" });
export type OpenCallInput = z.input<typeof OpenCallInput>;

export const ListCallsInput = z.object({
  provinceCode: ProvinceCode.optional(),
  state: z.enum(["open", "closed", "all"]).default("open"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ProposeInput = z.object({
  titleTh: Text(3, 200),
  bodyTh: Text(10, 5000),
  /** show the account's display name with it; otherwise it reads "ประชาชน" */
  showName: z.boolean().default(false),
});
export type ProposeInput = z.input<typeof ProposeInput>;

export const CommentInput = z.object({ bodyTh: Text(2, 2000), showName: z.boolean().default(false) });
export type CommentInput = z.input<typeof CommentInput>;

export const HideInput = z.object({ reasonTh: Text(3, 500) });
export type HideInput = z.input<typeof HideInput>;

/** Putting a hidden proposal or comment back on public view: the moderator says why (kept in the audit record). */
export const UnhideInput = z.object({ reasonTh: Text(3, 500) });
export type UnhideInput = z.input<typeof UnhideInput>;
/** What an unhide answers: the item is public again. */
export const UnhideResult = z.object({ id: z.string(), hidden: z.literal(false) });
export type UnhideResult = z.infer<typeof UnhideResult>;

/** A change the response makes: a KPI target (applied through the performance module) or a recorded change of wording. */
export const ChangeInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("target"),
    kpiId: Text(1, 120),
    fiscalYear: z.number().int().min(2550).max(2650),
    round: z.union([z.literal(6), z.literal(9), z.literal(12)]).default(12),
    /** the new targets for score levels 1..5 */
    levels: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
  }),
  z.object({
    kind: z.literal("text"),
    subjectKind: z.enum(["agenda", "goal", "kpi"]),
    subjectId: Text(1, 120),
    /** what changed, e.g. "ชื่อเป้าหมาย" or "วิธีวัด" */
    fieldTh: Text(1, 200),
    afterTh: Text(1, 2000),
  }),
]);
export type ChangeInput = z.input<typeof ChangeInput>;

export const RespondInput = z.object({
  decision: Decision,
  reasoningTh: Text(10, 8000),
  reasoningEn: Text(0, 8000).default(""),
  changes: z.array(ChangeInput).max(20).default([]),
});
export type RespondInput = z.input<typeof RespondInput>;

export const OpenSurveyInput = z.object({
  provinceCode: ProvinceCode,
  kpiId: Text(1, 120),
  questionTh: Text(5, 500),
  questionEn: Text(0, 500).default(""),
  /** the KPI period the result is recorded for (its last day) */
  periodEnd: IsoDate,
  closesAt: Instant,
});
export type OpenSurveyInput = z.input<typeof OpenSurveyInput>;

export const AnswerSurveyInput = z.object({ score: z.number().int().min(SCALE.min).max(SCALE.max) });
export type AnswerSurveyInput = z.input<typeof AnswerSurveyInput>;

// ───────────────────────────── views ─────────────────────────────

/** What the call is about, as it stands now (the KPI's current targets for a target call). */
export const SubjectView = z.object({
  kind: SubjectKind,
  id: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  code: z.string().nullable(),
  unit: z.string().nullable(),
  fiscalYear: z.number().nullable(),
  targets: z.array(z.object({ fiscalYear: z.number(), round: z.number(), levels: z.array(z.number()) })),
});
export type SubjectView = z.infer<typeof SubjectView>;

export const CallSummary = z.object({
  id: z.string(),
  provinceCode: z.string(),
  provinceNameTh: z.string(),
  provinceNameEn: z.string(),
  subject: SubjectView,
  titleTh: z.string(),
  titleEn: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  isOpen: z.boolean(),
  supportThreshold: z.number(),
  responseDays: z.number(),
  proposals: z.number(),
  supports: z.number(),
  awaitingResponse: z.number(),
  responded: z.number(),
  isDemo: z.boolean(),
});
export type CallSummary = z.infer<typeof CallSummary>;

/** What the viewer may do (no ids): told why a support would not count yet. */
export const ViewerView = z.object({
  loggedIn: z.boolean(),
  canTakePart: z.boolean(),
  verified: z.boolean(),
  canManage: z.boolean(),
  /** stable code why the viewer cannot support, when they cannot */
  supportBlockedCode: z.string().nullable(),
});
export type ViewerView = z.infer<typeof ViewerView>;

export const ProposalSummary = z.object({
  id: z.string(),
  callId: z.string(),
  provinceCode: z.string(),
  titleTh: z.string(),
  excerptTh: z.string(),
  /** the display name the author chose to show; null: shown as "ประชาชน" */
  authorName: z.string().nullable(),
  supportCount: z.number(),
  state: ProposalState,
  thresholdReachedAt: z.string().nullable(),
  responseDueOn: z.string().nullable(),
  respondedAt: z.string().nullable(),
  decision: Decision.nullable(),
  comments: z.number(),
  hiddenReasonTh: z.string().nullable(),
  supportedByMe: z.boolean(),
  mine: z.boolean(),
  createdAt: z.string(),
});
export type ProposalSummary = z.infer<typeof ProposalSummary>;

export const CallDetail = CallSummary.extend({
  descriptionTh: z.string(),
  descriptionEn: z.string(),
  proposalsList: z.array(ProposalSummary),
  viewer: ViewerView,
});
export type CallDetail = z.infer<typeof CallDetail>;

export const CommentView = z.object({
  id: z.string(),
  authorName: z.string().nullable(),
  bodyTh: z.string(),
  hiddenReasonTh: z.string().nullable(),
  mine: z.boolean(),
  createdAt: z.string(),
});
export type CommentView = z.infer<typeof CommentView>;

/** One change the response made: before and after; `applied` says the record itself changed (its own history shows it). */
export const ChangeView = z.object({
  kind: z.enum(["target", "text"]),
  subjectKind: z.enum(["agenda", "goal", "kpi", "target"]),
  subjectId: z.string(),
  subjectNameTh: z.string(),
  subjectNameEn: z.string(),
  fieldTh: z.string(),
  fieldEn: z.string(),
  fiscalYear: z.number().nullable(),
  round: z.number().nullable(),
  before: z.string(),
  after: z.string(),
  applied: z.boolean(),
});
export type ChangeView = z.infer<typeof ChangeView>;

export const ResponseView = z.object({
  id: z.string(),
  proposalId: z.string(),
  callId: z.string(),
  provinceCode: z.string(),
  decision: Decision,
  reasoningTh: z.string(),
  reasoningEn: z.string(),
  publishedAt: z.string(),
  /** responded by the deadline (null: there was no deadline, the proposal had not reached the threshold) */
  onTime: z.boolean().nullable(),
  changes: z.array(ChangeView),
});
export type ResponseView = z.infer<typeof ResponseView>;

export const ProposalDetail = ProposalSummary.extend({
  bodyTh: z.string(),
  call: z.object({ id: z.string(), titleTh: z.string(), titleEn: z.string(), provinceCode: z.string(), provinceNameTh: z.string(), provinceNameEn: z.string(), isOpen: z.boolean(), supportThreshold: z.number(), responseDays: z.number(), subject: SubjectView }),
  commentsList: z.array(CommentView),
  response: ResponseView.nullable(),
  viewer: ViewerView,
});
export type ProposalDetail = z.infer<typeof ProposalDetail>;

export const SupportResult = z.object({
  proposalId: z.string(),
  supportCount: z.number(),
  /** false when this account had already supported it (supporting is idempotent) */
  counted: z.boolean(),
  supportedByMe: z.literal(true),
  state: ProposalState,
  responseDueOn: z.string().nullable(),
});
export type SupportResult = z.infer<typeof SupportResult>;

/** A survey: respondents and the result once closed; never an individual answer. */
export const SurveyView = z.object({
  id: z.string(),
  provinceCode: z.string(),
  provinceNameTh: z.string(),
  provinceNameEn: z.string(),
  kpi: z.object({ id: z.string(), code: z.string(), nameTh: z.string(), nameEn: z.string(), unit: z.string() }),
  questionTh: z.string(),
  questionEn: z.string(),
  periodEnd: z.string(),
  fiscalYear: z.number(),
  opensAt: z.string(),
  closesAt: z.string(),
  isOpen: z.boolean(),
  respondents: z.number(),
  result: z.object({ mean: z.number(), sd: z.number().nullable(), respondents: z.number(), distribution: z.array(z.number()), recordedAs: z.enum(["verified", "submitted", "none"]) }).nullable(),
  answeredByMe: z.boolean(),
  isDemo: z.boolean(),
});
export type SurveyView = z.infer<typeof SurveyView>;

/** The staff queue: proposals past their call's threshold, with deadlines. */
export const QueueItem = ProposalSummary.extend({ callTitleTh: z.string(), daysLeft: z.number().nullable() });
export type QueueItem = z.infer<typeof QueueItem>;

/** Pickers for the staff form that opens a call or a survey. */
export const SubjectChoices = z.object({
  agendas: z.array(z.object({ id: z.string(), nameTh: z.string(), nameEn: z.string() })),
  goals: z.array(z.object({ id: z.string(), code: z.string().nullable(), nameTh: z.string(), nameEn: z.string(), kind: z.string() })),
  kpis: z.array(z.object({ id: z.string(), code: z.string(), nameTh: z.string(), nameEn: z.string(), unit: z.string(), targetYears: z.array(z.number()) })),
});
export type SubjectChoices = z.infer<typeof SubjectChoices>;

/** For a KPI or goal page: responses that changed it after public input. */
export const ResponsesBySubject = z.object({ items: z.array(ResponseView.extend({ proposalTitleTh: z.string(), callTitleTh: z.string(), callTitleEn: z.string() })) });
export type ResponsesBySubject = z.infer<typeof ResponsesBySubject>;
