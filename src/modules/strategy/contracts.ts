/** Strategy contracts: browser-safe zod schemas for the cascade, shared by the API, OpenAPI and the web app. */
import { z } from "zod";
import { isIsoDate } from "../../platform/thai/dates.js";

/** The cascade, top to bottom; a node may only serve nodes of a higher rank (so the cascade has no cycles). */
export const NODE_KINDS = [
  "national_strategy",
  "master_plan",
  "government_agenda",
  "pain_point",
  "regional_strategy",
  "cluster_strategy",
  "provincial_strategy",
  "strategic_issue",
  "provincial_goal",
] as const;
export const NodeKind = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKind>;
export const RANK: Record<NodeKind, number> = {
  national_strategy: 0,
  master_plan: 1,
  government_agenda: 2,
  pain_point: 3,
  regional_strategy: 4,
  cluster_strategy: 5,
  provincial_strategy: 6,
  strategic_issue: 7,
  provincial_goal: 8,
};
/** What kind of area each kind belongs to (null: national). */
export const KIND_SCOPE: Record<NodeKind, "nation" | "region" | "cluster" | "province"> = {
  national_strategy: "nation",
  master_plan: "nation",
  government_agenda: "nation",
  pain_point: "province",
  regional_strategy: "region",
  cluster_strategy: "cluster",
  provincial_strategy: "province",
  strategic_issue: "province",
  provincial_goal: "province",
};

/** The six standing missions of a province (seed 002, ภารกิจหลักของจังหวัด); provincial issues and goals carry one. */
export const Mission = z.enum(["competitiveness_poverty", "peaceful_society", "environment", "good_governance", "citizens_troubles", "state_policy"]);
export type Mission = z.infer<typeof Mission>;

export const NodeStatus = z.enum(["draft", "approved"]);
export const LinkKind = z.enum(["part_of", "serves"]);
export type LinkKind = z.infer<typeof LinkKind>;

export const StrategyNodeSummary = z.object({
  id: z.string(),
  kind: NodeKind,
  code: z.string().nullable(),
  nameTh: z.string(),
  nameEn: z.string(),
  areaId: z.string().nullable(),
  provinceCode: z.string().nullable(),
  mission: Mission.nullable(),
  fromYear: z.number().int().nullable(),
  toYear: z.number().int().nullable(),
  status: NodeStatus,
  isDemo: z.boolean(),
});
export type StrategyNodeSummary = z.infer<typeof StrategyNodeSummary>;

/** A listed node with the ids of the nodes it serves or is part of (one step up). */
export const StrategyNodeListItem = StrategyNodeSummary.extend({ serves: z.array(z.string()) });
export type StrategyNodeListItem = z.infer<typeof StrategyNodeListItem>;

/** A node in the explorer: how far above or below the focus it is, and through which node it was reached. */
export const CascadeEntry = StrategyNodeSummary.extend({ depth: z.number().int(), via: z.string().nullable(), linkKind: LinkKind });
export type CascadeEntry = z.infer<typeof CascadeEntry>;

export const StrategyNodeDetail = StrategyNodeSummary.extend({
  descriptionTh: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  /** everything this node serves, transitively, up to the national strategy */
  above: z.array(CascadeEntry),
  /** everything that serves this node, transitively, across provinces (first 2,000) */
  below: z.array(CascadeEntry),
  belowTotal: z.number().int(),
  may: z.object({ edit: z.boolean(), approve: z.boolean(), history: z.boolean() }),
});
export type StrategyNodeDetail = z.infer<typeof StrategyNodeDetail>;

const Name = z.string().trim().min(1).max(500);
const BeYear = z.number().int().min(2500).max(2700);

export const CreateNodeInput = z
  .object({
    kind: NodeKind,
    code: z.string().trim().min(1).max(40).nullable().optional(),
    nameTh: Name,
    nameEn: z.string().trim().max(500).default(""),
    descriptionTh: z.string().trim().max(5000).nullable().optional(),
    descriptionEn: z.string().trim().max(5000).nullable().optional(),
    /** region:…, cluster:… or province:… for area kinds; omitted for national kinds */
    areaId: z.string().min(1).max(100).nullable().optional(),
    mission: Mission.nullable().optional(),
    fromYear: BeYear.nullable().optional(),
    toYear: BeYear.nullable().optional(),
    /** the node(s) this one is part of or serves (a provincial goal needs at least one) */
    serves: z.array(z.object({ id: z.string().min(1).max(120), kind: LinkKind.default("serves") })).max(20).default([]),
  })
  .refine((o) => o.fromYear == null || o.toYear == null || o.toYear >= o.fromYear, { path: ["toYear"], message: "toYear must not be before fromYear" });
export type CreateNodeInput = z.infer<typeof CreateNodeInput>;

export const LinkNodesInput = z.object({ fromId: z.string().min(1).max(120), toId: z.string().min(1).max(120), kind: LinkKind.default("serves") });
export type LinkNodesInput = z.infer<typeof LinkNodesInput>;

export const ListNodesInput = z.object({
  kind: NodeKind.optional(),
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  areaId: z.string().max(100).optional(),
  mission: Mission.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListNodesInput = z.infer<typeof ListNodesInput>;

// ——— The 2024 model: agenda assignments and the governor's proposals ———

/** draft → submitted → under_review (the Ministry of Interior forwarded it) → approved, or returned (from either stage). */
export const AgendaStatus = z.enum(["draft", "submitted", "under_review", "approved", "returned"]);
export type AgendaStatus = z.infer<typeof AgendaStatus>;
/** The High Performance Province toolkit. */
export const HppTool = z.enum(["digital_government", "public_innovation", "open_government", "public_service_excellence"]);
export type HppTool = z.infer<typeof HppTool>;
export const ReviewStage = z.enum(["moi", "opdc"]);
export type ReviewStage = z.infer<typeof ReviewStage>;
export const ReviewDecision = z.enum(["forward", "return", "approve"]);
export type ReviewDecision = z.infer<typeof ReviewDecision>;
export const ProposalKpiDirection = z.enum(["higher", "lower"]);

/** A list item's key: chosen by the editor, kept across versions, so a comparison can say "changed" rather than "removed and added". */
const ItemKey = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const unique = <T>(by: (x: T) => string) => (xs: T[]) => new Set(xs.map(by)).size === xs.length;
const Num = z.number().min(-1e12).max(1e12);

export const ProposalItem = z.object({ key: ItemKey, textTh: z.string().trim().min(1).max(2000), textEn: z.string().trim().max(2000).default("") });
export type ProposalItem = z.infer<typeof ProposalItem>;
export const ProposalTool = z.object({ tool: HppTool, howTh: z.string().trim().max(2000).default(""), howEn: z.string().trim().max(2000).default("") });
export type ProposalTool = z.infer<typeof ProposalTool>;
/** A KPI with its baseline (and the B.E. year it was measured) and challenging targets for year 1 and year 2. */
export const ProposalKpi = z.object({
  key: ItemKey,
  nameTh: z.string().trim().min(1).max(500),
  nameEn: z.string().trim().max(500).default(""),
  unit: z.string().trim().min(1).max(60),
  direction: ProposalKpiDirection,
  baseline: Num.nullable().default(null),
  baselineYear: BeYear.nullable().default(null),
  year1Target: Num.nullable().default(null),
  year2Target: Num.nullable().default(null),
});
export type ProposalKpi = z.infer<typeof ProposalKpi>;
/** What the governor asks for: powers to be delegated, budget (baht, as a decimal string: never a float), personnel. */
export const ProposalSupport = z.object({
  delegationTh: z.string().trim().max(4000).default(""),
  budgetBaht: z.string().regex(/^\d{1,14}(\.\d{1,2})?$/).nullable().default(null),
  personnelCount: z.number().int().min(0).max(100_000).nullable().default(null),
  personnelTh: z.string().trim().max(4000).default(""),
});
export type ProposalSupport = z.infer<typeof ProposalSupport>;
const EMPTY_SUPPORT: ProposalSupport = { delegationTh: "", budgetBaht: null, personnelCount: null, personnelTh: "" };

/** One version of a governor's proposal. A draft may be incomplete; submitting checks it (strategy.proposal.incomplete). */
export const ProposalContent = z.object({
  /** the fiscal year (B.E.) of year 1; year 2 follows it */
  startYear: BeYear.nullable().default(null),
  goals: z.array(ProposalItem).max(30).refine(unique((x: ProposalItem) => x.key), "each goal needs its own key").default([]),
  methods: z.array(ProposalItem).max(30).refine(unique((x: ProposalItem) => x.key), "each method needs its own key").default([]),
  tools: z.array(ProposalTool).max(4).refine(unique((x: ProposalTool) => x.tool), "each tool once").default([]),
  kpis: z.array(ProposalKpi).max(30).refine(unique((x: ProposalKpi) => x.key), "each KPI needs its own key").default([]),
  benefits: z.array(ProposalItem).max(30).refine(unique((x: ProposalItem) => x.key), "each benefit needs its own key").default([]),
  support: ProposalSupport.default(EMPTY_SUPPORT),
});
export type ProposalContent = z.infer<typeof ProposalContent>;
export const EMPTY_PROPOSAL: ProposalContent = { startYear: null, goals: [], methods: [], tools: [], kpis: [], benefits: [], support: EMPTY_SUPPORT };

/** Why a proposal cannot be submitted yet (each with a stable code). */
export const ProposalIssue = z.object({ code: z.string(), messageTh: z.string(), messageEn: z.string() });
export type ProposalIssue = z.infer<typeof ProposalIssue>;

export const AgendaAssignmentSummary = z.object({
  id: z.string(),
  agendaNodeId: z.string(),
  agendaKind: NodeKind,
  agendaNameTh: z.string(),
  agendaNameEn: z.string(),
  provinceCode: z.string(),
  titleTh: z.string(),
  titleEn: z.string(),
  assignedOn: z.string(),
  assignedBy: z.string(),
  status: AgendaStatus,
  currentVersion: z.number().int(),
  updatedAt: z.string(),
  isDemo: z.boolean(),
});
export type AgendaAssignmentSummary = z.infer<typeof AgendaAssignmentSummary>;

export const ProposalVersionView = z.object({
  version: z.number().int(),
  /** draft (never submitted), submitted (waiting for the ministry), under_review, approved or returned */
  state: AgendaStatus,
  content: ProposalContent,
  editedByName: z.string(),
  editedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type ProposalVersionView = z.infer<typeof ProposalVersionView>;

export const ProposalReviewView = z.object({
  id: z.string(),
  version: z.number().int(),
  stage: ReviewStage,
  decision: ReviewDecision,
  comment: z.string().nullable(),
  reviewedByName: z.string(),
  reviewedAt: z.string(),
});
export type ProposalReviewView = z.infer<typeof ProposalReviewView>;

export const AgendaAssignmentDetail = AgendaAssignmentSummary.extend({
  agenda: StrategyNodeSummary,
  /** every version, oldest first; versions once submitted never change */
  versions: z.array(ProposalVersionView),
  reviews: z.array(ProposalReviewView),
  /** what still keeps the current draft from being submitted (empty when it is ready, or not a draft) */
  issues: z.array(ProposalIssue),
  may: z.object({ edit: z.boolean(), submit: z.boolean(), reviewMoi: z.boolean(), reviewOpdc: z.boolean() }),
});
export type AgendaAssignmentDetail = z.infer<typeof AgendaAssignmentDetail>;

const IsoDay = z.string().refine((s) => isIsoDate(s) && s >= "2000-01-01" && s <= "2199-12-31", "a real Gregorian date YYYY-MM-DD");

export const AssignAgendaInput = z.object({
  /** a government agenda, or a pain point of the same province */
  agendaNodeId: z.string().min(1).max(120),
  provinceCode: z.string().regex(/^\d{2}$/),
  titleTh: z.string().trim().min(1).max(500).optional(),
  titleEn: z.string().trim().max(500).optional(),
  assignedOn: IsoDay.optional(),
});
export type AssignAgendaInput = z.infer<typeof AssignAgendaInput>;

export const ReviewProposalInput = z
  .object({ stage: ReviewStage, decision: ReviewDecision, comment: z.string().trim().max(4000).nullable().optional() })
  .refine((r) => r.decision === "return" || r.decision === (r.stage === "moi" ? "forward" : "approve"), { path: ["decision"], message: "the ministry forwards or returns; OPDC approves or returns" })
  .refine((r) => r.decision !== "return" || !!r.comment, { path: ["comment"], message: "say why the proposal is returned" });
export type ReviewProposalInput = z.infer<typeof ReviewProposalInput>;

export const ListAssignmentsInput = z.object({
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  status: AgendaStatus.optional(),
  agendaNodeId: z.string().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListAssignmentsInput = z.infer<typeof ListAssignmentsInput>;

export const CompareVersionsQuery = z.object({ from: z.coerce.number().int().min(1).max(10_000), to: z.coerce.number().int().min(1).max(10_000) });

const Scalar = z.union([z.string(), z.number(), z.null()]);
export const FieldChange = z.object({ field: z.string(), before: Scalar, after: Scalar });
export type FieldChange = z.infer<typeof FieldChange>;
export const ChangeKind = z.enum(["added", "removed", "changed"]);
const listChange = <T extends z.ZodType>(item: T) =>
  z.object({ key: z.string(), change: ChangeKind, before: item.nullable(), after: item.nullable(), fields: z.array(FieldChange) });
/** What changed from one version to another, field by field; unchanged items are left out. */
export const ProposalDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  startYear: FieldChange.nullable(),
  goals: z.array(listChange(ProposalItem)),
  methods: z.array(listChange(ProposalItem)),
  tools: z.array(listChange(ProposalTool)),
  kpis: z.array(listChange(ProposalKpi)),
  benefits: z.array(listChange(ProposalItem)),
  support: z.array(FieldChange),
  changes: z.number().int(),
});
export type ProposalDiff = z.infer<typeof ProposalDiff>;
export type ListChange<T> = { key: string; change: z.infer<typeof ChangeKind>; before: T | null; after: T | null; fields: FieldChange[] };
