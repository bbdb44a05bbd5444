/** Strategy contracts: browser-safe zod schemas for the cascade, shared by the API, OpenAPI and the web app. */
import { z } from "zod";

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
