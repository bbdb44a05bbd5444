import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
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
