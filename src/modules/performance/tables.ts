import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Key performance indicators: national, provincial, or joint (one result bound to a ministry or department
 * and a governor). `province_code` is where a provincial or joint KPI is answered for; `owner_org_id` reports it.
 */
export const kpis = pgTable(
  "kpis",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    nameTh: text("name_th").notNull(),
    nameEn: text("name_en").notNull().default(""),
    unit: text("unit").notNull(),
    direction: text("direction").notNull(),
    level: text("level").notNull(),
    baseline: doublePrecision("baseline"),
    baselineYear: integer("baseline_year"),
    definitionTh: text("definition_th"),
    formula: text("formula"),
    dataSource: text("data_source"),
    frequency: text("frequency").notNull(),
    ownerOrgId: text("owner_org_id").notNull(),
    jointOrgId: text("joint_org_id"),
    provinceCode: text("province_code"),
    /** the strategy node (goal or agenda) this KPI measures */
    goalNodeId: text("goal_node_id"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("kpis_code_province_uq").on(t.code, t.provinceCode), index("kpis_province_idx").on(t.provinceCode), index("kpis_owner_idx").on(t.ownerOrgId), index("kpis_goal_idx").on(t.goalNodeId)],
);

/** Organisations that contribute to a KPI's result (besides its owner). */
export const kpiContributors = pgTable("kpi_contributors", { kpiId: text("kpi_id").notNull(), orgId: text("org_id").notNull() }, (t) => [primaryKey({ columns: [t.kpiId, t.orgId] })]);

/** Target values for score levels 1..5 in a fiscal year's round (6, 9 or 12 months). */
export const kpiTargets = pgTable(
  "kpi_targets",
  {
    kpiId: text("kpi_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    round: integer("round").notNull(),
    levels: jsonb("levels").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kpiId, t.fiscalYear, t.round] })],
);

/** A reported value for a period, with evidence; verified or returned by someone other than its submitter. */
export const measurements = pgTable(
  "measurements",
  {
    id: text("id").primaryKey(),
    kpiId: text("kpi_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    /** the period's last day (ISO date) */
    periodEnd: text("period_end").notNull(),
    value: doublePrecision("value").notNull(),
    note: text("note"),
    evidence: jsonb("evidence").notNull().default([]),
    status: text("status").notNull(),
    submittedBy: text("submitted_by").notNull(),
    submittedByName: text("submitted_by_name").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    reviewedBy: text("reviewed_by"),
    reviewedByName: text("reviewed_by_name"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewComment: text("review_comment"),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [index("measurements_kpi_idx").on(t.kpiId, t.periodEnd)],
);
