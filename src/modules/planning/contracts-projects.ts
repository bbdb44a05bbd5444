/** Contracts of plans and projects (One Plan, the project record, amendments). */
import { z } from "zod";
import { AmendmentRoute, AmendmentStatus, Baht, BahtText, BudgetSource, FiscalYear, IsoDate, ProjectOrigin, ProjectStatus, ProvinceCode, SubdistrictCode } from "./contracts.js";

export const BudgetLineInput = z.object({
  /** when changing a project's lines: the id of the line this one changes in place (it stays tied to its allocation notice); omit for a new line */
  id: z.string().trim().min(1).max(120).optional(),
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

// ─── editing a proposal, listing ───────────────────────────────────────────────────────────────────────────

const Title = z.string().trim().min(3).max(300);
/** Changes to a proposal while it is not approved; `version` is the version the editor read (optimistic lock). */
export const UpdateProjectInput = z.object({
  version: z.number().int().min(1),
  titleTh: Title.optional(),
  titleEn: z.string().trim().max(300).optional(),
  objectiveTh: z.string().trim().max(4000).optional(),
  areaCodes: z.array(SubdistrictCode).max(500).optional(),
  points: z.array(ProjectPoint).max(50).optional(),
  goalIds: z.array(z.string().trim().min(1).max(120)).min(1).max(20).optional(),
  outcomes: z.array(ProjectOutcomeInput).max(30).optional(),
  budgetLines: z.array(BudgetLineInput).max(30).optional(),
  startDate: IsoDate.nullable().optional(),
  endDate: IsoDate.nullable().optional(),
});
export type UpdateProjectInput = z.input<typeof UpdateProjectInput>;

export const ProjectSort = z.enum(["code", "title", "budget", "priority", "updated"]);
export const ListProjectsInput = z.object({
  q: z.string().trim().max(200).optional(),
  provinceCode: ProvinceCode.optional(),
  fiscalYear: FiscalYear.optional(),
  status: ProjectStatus.optional(),
  /** projects with at least one budget line from this source */
  source: BudgetSource.optional(),
  origin: ProjectOrigin.optional(),
  /** the department (or ministry) whose mandate the project serves, or the owner organisation */
  agencyId: z.string().trim().min(1).max(120).optional(),
  planId: z.string().trim().min(1).max(120).optional(),
  sort: ProjectSort.default("code"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListProjectsInput = z.input<typeof ListProjectsInput>;
export const ProjectListItem = ProjectSummary.extend({ agencyNameTh: z.string(), agencyNameEn: z.string(), sources: z.array(BudgetSource), startDate: z.string().nullable(), endDate: z.string().nullable() });
export type ProjectListItem = z.infer<typeof ProjectListItem>;
export const ProjectList = z.object({ items: z.array(ProjectListItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), totalBudget: BahtText });
export type ProjectList = z.infer<typeof ProjectList>;

// ─── the project record: milestones, files, status ─────────────────────────────────────────────────────────

export const AddMilestoneInput = z.object({ titleTh: Title, titleEn: z.string().trim().max(300).optional(), dueOn: IsoDate });
export type AddMilestoneInput = z.input<typeof AddMilestoneInput>;
export const CompleteMilestoneInput = z.object({ doneOn: IsoDate.optional() });
export const MilestoneView = z.object({ id: z.string(), titleTh: z.string(), titleEn: z.string(), dueOn: z.string(), doneOn: z.string().nullable(), late: z.boolean() });
export type MilestoneView = z.infer<typeof MilestoneView>;

/** Documents and photos: at most 5 MB each, only these media types (checked against the file's first bytes). */
export const PROJECT_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const PROJECT_FILE_TYPES = {
  "application/pdf": "document",
  "image/jpeg": "photo",
  "image/png": "photo",
  "image/webp": "photo",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "document",
} as const;
export const ProjectFileKind = z.enum(["document", "photo"]);
export const ProjectFileView = z.object({ id: z.string(), kind: ProjectFileKind, fileName: z.string(), mediaType: z.string(), size: z.number().int(), captionTh: z.string(), uploadedBy: z.string().nullable(), uploadedAt: z.string() });
export type ProjectFileView = z.infer<typeof ProjectFileView>;

export const ChangeStatusInput = z.object({
  status: z.enum(["in_progress", "completed", "cancelled"]),
  /** required when cancelling */
  reasonTh: z.string().trim().min(5).max(2000).optional(),
  version: z.number().int().min(1),
});
export type ChangeStatusInput = z.input<typeof ChangeStatusInput>;

// ─── amendments ────────────────────────────────────────────────────────────────────────────────────────────

/** What an amendment changes (at least one field); the project's other fields stay as they are. */
export const AmendmentChangesInput = z
  .object({
    titleTh: Title.optional(),
    startDate: IsoDate.optional(),
    endDate: IsoDate.optional(),
    areaCodes: z.array(SubdistrictCode).min(1).max(500).optional(),
    budgetLines: z.array(BudgetLineInput).min(1).max(30).optional(),
    outcomes: z.array(ProjectOutcomeInput).max(30).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), "at least one change");
export const RequestAmendmentInput = z.object({ changes: AmendmentChangesInput, reasonTh: z.string().trim().min(5).max(2000) });
export type RequestAmendmentInput = z.input<typeof RequestAmendmentInput>;
export const DecideAmendmentInput = z.object({ decision: z.enum(["approve", "reject"]), noteTh: z.string().trim().max(2000).optional() });
export type DecideAmendmentInput = z.input<typeof DecideAmendmentInput>;

export const AuthorityChainLink = z.object({ delegationId: z.string(), delegatorLabelTh: z.string(), delegatorLabelEn: z.string(), delegateLabelTh: z.string(), delegateLabelEn: z.string(), instrumentNo: z.string(), instrumentDate: z.string(), effectiveFrom: z.string(), effectiveTo: z.string().nullable(), amountCap: z.string().nullable() });
/** The part of the delegation module's authority answer an amendment keeps: who decides and under which instrument. */
export const AmendmentAuthority = z.object({
  decision: z.enum(["delegated", "central"]),
  date: z.string(),
  amount: z.number().nullable(),
  explanationTh: z.string(),
  explanationEn: z.string(),
  deciders: z.array(z.object({ delegationId: z.string(), role: z.string(), labelTh: z.string(), labelEn: z.string(), amountCap: z.string().nullable(), chain: z.array(AuthorityChainLink) })),
  central: z.object({ orgId: z.string(), nameTh: z.string(), nameEn: z.string(), authorityTh: z.string(), authorityEn: z.string() }),
  notApplicable: z.array(z.object({ delegationId: z.string(), delegateLabelTh: z.string(), delegateLabelEn: z.string(), reason: z.string(), instrumentNo: z.string() })),
});
export type AmendmentAuthority = z.infer<typeof AmendmentAuthority>;

export const AmendmentView = z.object({
  id: z.string(),
  projectId: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  reasonTh: z.string(),
  amount: BahtText.nullable(),
  route: AmendmentRoute,
  status: AmendmentStatus,
  delegationId: z.string().nullable(),
  /** the instrument the province decided under (the last link of the decider's chain) */
  instrumentNo: z.string().nullable(),
  authority: AmendmentAuthority,
  centralOrgId: z.string().nullable(),
  requestedBy: z.string().nullable(),
  requestedOn: z.string(),
  decidedBy: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decisionNoteTh: z.string(),
});
export type AmendmentView = z.infer<typeof AmendmentView>;

/** Before asking: would an amendment of this amount be decided in the province today, and may this user decide it? */
export const AmendmentRouteInput = z.object({ amount: z.coerce.number().min(0).max(99_999_999_999_999).optional() });
export const AmendmentRoutePreview = z.object({ authority: AmendmentAuthority, amountUsed: z.number(), youMayDecide: z.boolean(), youMayRequest: z.boolean() });
export type AmendmentRoutePreview = z.infer<typeof AmendmentRoutePreview>;

// ─── the project page and its timeline ─────────────────────────────────────────────────────────────────────

export const GoalChain = z.object({
  goal: GoalRef,
  /** upward, nearest first: strategic issue, provincial strategy, national strategy / master plans / agendas */
  chain: z.array(z.object({ id: z.string(), kind: z.string(), code: z.string().nullable(), nameTh: z.string(), nameEn: z.string(), depth: z.number().int(), via: z.string() })),
});
export const OutcomeView = z.object({
  kpiId: z.string(),
  kind: z.enum(["output", "outcome"]),
  target: z.number().nullable(),
  unitTh: z.string().nullable(),
  kpiCode: z.string().nullable(),
  kpiNameTh: z.string().nullable(),
  kpiNameEn: z.string().nullable(),
  kpiUnit: z.string().nullable(),
  latest: z.object({ periodEnd: z.string(), value: z.number() }).nullable(),
});
export const ProgressView = z.object({ month: z.string(), physicalPct: z.string().nullable(), disbursed: BahtText.nullable(), plannedDisbursed: BahtText.nullable(), noteTh: z.string() });
export const ProjectPage = z.object({
  project: ProjectDetail,
  goalChains: z.array(GoalChain),
  outcomes: z.array(OutcomeView),
  milestones: z.array(MilestoneView),
  files: z.array(ProjectFileView),
  amendments: z.array(AmendmentView),
  progress: z.array(ProgressView),
  plan: z.object({ id: z.string(), level: z.string(), titleTh: z.string(), titleEn: z.string(), status: z.string() }).nullable(),
  consolidatedInto: z.object({ id: z.string(), titleTh: z.string(), titleEn: z.string() }).nullable(),
  duplicateOfProject: z.object({ id: z.string(), code: z.string(), titleTh: z.string() }).nullable(),
  /** what the reader may do here (the server checks again on every write) */
  may: z.object({ edit: z.boolean(), amend: z.boolean(), progress: z.boolean(), changeStatus: z.boolean(), history: z.boolean() }),
});
export type ProjectPage = z.infer<typeof ProjectPage>;

export const TimelineKind = z.enum(["proposed", "consolidated", "prioritised", "approved", "allocation", "procurement", "contract", "progress", "milestone", "amendment", "status", "outcome"]);
export const TimelineEvent = z.object({
  date: z.string(),
  kind: TimelineKind,
  titleTh: z.string(),
  titleEn: z.string(),
  amount: BahtText.nullable(),
  /** a record of another part the event links to: allocation notice, procurement (ocid), amendment */
  ref: z.string().nullable(),
  /** the event is due but not done yet (a milestone) */
  planned: z.boolean(),
});
export const HistoryEntry = z.object({ id: z.number(), at: z.string(), actorName: z.string(), action: z.string(), before: z.unknown(), after: z.unknown() });
export const ProjectTimeline = z.object({ projectId: z.string(), events: z.array(TimelineEvent), history: z.array(HistoryEntry) });
export type ProjectTimeline = z.infer<typeof ProjectTimeline>;
export type TimelineEvent = z.infer<typeof TimelineEvent>;
