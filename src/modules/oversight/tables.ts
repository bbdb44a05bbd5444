import { date, index, integer, numeric, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The operation centres' read model: every other module's records summed by province × organisation × agenda ×
 * month, one row per measure (e.g. `cases.received`, `budget.disbursed`). Rows with `org_id = '*'` are the
 * province's totals over all organisations, rows with `agenda_id = '*'` count each record once whatever agendas it
 * serves; so a national figure reads 77 rows per measure and month, not millions of records. Rebuilt per province
 * and family by refresh-rollups.ts (a job), never written by the owning modules.
 */
export const oversightRollups = pgTable(
  "oversight_rollups",
  {
    provinceCode: text("province_code").notNull(),
    /** cases | budget | kpis | permits | agreements | committees */
    family: text("family").notNull(),
    measure: text("measure").notNull(),
    /** the organisation responsible (a provincial office, a department …), '' none, '*' the province's total */
    orgId: text("org_id").notNull(),
    /** the function: the organisation's department and ministry ('' none, '*' on total rows) */
    departmentId: text("department_id").notNull(),
    ministryId: text("ministry_id").notNull(),
    /** the government agenda or pain point served, '*' every record once */
    agendaId: text("agenda_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    /** first day of the month (Bangkok); yearly measures sit on the fiscal year's first month (1 October) */
    month: date("month").notNull(),
    value: numeric("value", { precision: 20, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.family, t.measure, t.orgId, t.agendaId, t.month] }),
    index("oversight_rollups_year_idx").on(t.fiscalYear, t.orgId, t.agendaId, t.measure),
    index("oversight_rollups_ministry_idx").on(t.ministryId, t.fiscalYear),
    index("oversight_rollups_department_idx").on(t.departmentId, t.fiscalYear),
  ],
);

/**
 * Provinces whose records of a family changed since their roll-up was built: written by statement triggers on the
 * source tables (migration 0018), emptied by the refresh job.
 */
export const oversightDirty = pgTable(
  "oversight_dirty",
  {
    provinceCode: text("province_code").notNull(),
    family: text("family").notNull(),
    markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.family] })],
);

/** When each province's family was last rebuilt, and how long it took: the dashboards' "as of". */
export const oversightRefreshes = pgTable(
  "oversight_refreshes",
  {
    provinceCode: text("province_code").notNull(),
    family: text("family").notNull(),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull(),
    rows: integer("rows").notNull(),
    ms: integer("ms").notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.family] })],
);
