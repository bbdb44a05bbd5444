import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { tsvector } from "../../platform/db/types.js";

/**
 * Every node of the strategy cascade, national to provincial: the 20-year strategies, master plans, government
 * agendas, area pain points, regional / cluster / provincial strategies, their strategic issues and goals.
 * `area_id` is the area the node belongs to (null = national); it is the node's permission scope.
 */
export const strategyNodes = pgTable(
  "strategy_nodes",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    code: text("code"),
    nameTh: text("name_th").notNull(),
    nameEn: text("name_en").notNull().default(""),
    descriptionTh: text("description_th"),
    descriptionEn: text("description_en"),
    areaId: text("area_id"),
    provinceCode: text("province_code"),
    /** one of the six standing provincial missions (provincial issues and goals) */
    mission: text("mission"),
    /** fiscal years (B.E.) the node covers */
    fromYear: integer("from_year"),
    toYear: integer("to_year"),
    status: text("status").notNull().default("approved"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvedBy: text("approved_by"),
    sortOrder: integer("sort_order").notNull().default(0),
    isDemo: boolean("is_demo").notNull().default(false),
    searchText: text("search_text").notNull().default(""),
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("strategy_nodes_kind_idx").on(t.kind),
    index("strategy_nodes_area_idx").on(t.areaId),
    index("strategy_nodes_province_idx").on(t.provinceCode),
    index("strategy_nodes_search_idx").using("gin", t.search),
  ],
);

/**
 * Upward edges of the cascade: `from` serves (or is part of) `to`. A provincial goal always has at least one.
 * part_of = structure inside one document (goal → strategic issue → provincial strategy); serves = alignment.
 */
export const strategyLinks = pgTable(
  "strategy_links",
  {
    fromId: text("from_id").notNull(),
    toId: text("to_id").notNull(),
    kind: text("kind").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fromId, t.toId] }), index("strategy_links_to_idx").on(t.toId)],
);

/**
 * The 2024 model: the government assigns an agenda (a strategy node of kind agenda, or an area pain point) to
 * the CEO governor of a province, who answers with a proposal. The workflow status lives here; every version
 * of the proposal's content is kept in agenda_proposal_versions.
 */
export const agendaAssignments = pgTable(
  "agenda_assignments",
  {
    id: text("id").primaryKey(),
    agendaNodeId: text("agenda_node_id").notNull(),
    provinceCode: text("province_code").notNull(),
    titleTh: text("title_th").notNull(),
    titleEn: text("title_en").notNull().default(""),
    assignedOn: text("assigned_on").notNull(),
    assignedBy: text("assigned_by").notNull(),
    /** draft → submitted → under_review → approved, or returned (then a new draft version) */
    status: text("status").notNull(),
    currentVersion: integer("current_version").notNull().default(1),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("agenda_assignments_province_idx").on(t.provinceCode), index("agenda_assignments_agenda_idx").on(t.agendaNodeId)],
);

/** One version of a governor's proposal: goals, methods, toolkit, KPIs with two-year targets, benefits, support. */
export const agendaProposalVersions = pgTable(
  "agenda_proposal_versions",
  {
    assignmentId: text("assignment_id").notNull(),
    version: integer("version").notNull(),
    content: jsonb("content").notNull(),
    provinceCode: text("province_code").notNull(),
    editedBy: text("edited_by").notNull(),
    editedByName: text("edited_by_name").notNull(),
    editedAt: timestamp("edited_at", { withTimezone: true }).notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.version] })],
);

/** A step of review: the Ministry of Interior forwards or returns, OPDC approves or returns; with comments. */
export const agendaProposalReviews = pgTable(
  "agenda_proposal_reviews",
  {
    id: text("id").primaryKey(),
    assignmentId: text("assignment_id").notNull(),
    version: integer("version").notNull(),
    provinceCode: text("province_code").notNull(),
    stage: text("stage").notNull(),
    decision: text("decision").notNull(),
    commentTh: text("comment_th"),
    reviewedBy: text("reviewed_by").notNull(),
    reviewedByName: text("reviewed_by_name").notNull(),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("agenda_proposal_reviews_assignment_idx").on(t.assignmentId)],
);
