import { sql } from "drizzle-orm";
import { boolean, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

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

/**
 * Alerts raised by the rules of evaluate-alerts.ts: one per record or per (province, organisation) and occasion.
 * `dedupe_key` names the condition (rule + entity); at most one alert per key is open (partial unique index), so a
 * re-evaluation updates the open one instead of raising another; it is resolved when the condition no longer holds,
 * and a later recurrence raises a new alert.
 */
export const oversightAlerts = pgTable(
  "oversight_alerts",
  {
    id: text("id").primaryKey(),
    dedupeKey: text("dedupe_key").notNull(),
    rule: text("rule").notNull(),
    /** critical | warning | notice */
    severity: text("severity").notNull(),
    provinceCode: text("province_code").notNull(),
    /** the organisation responsible and its function (department, ministry), '' none */
    orgId: text("org_id").notNull().default(""),
    departmentId: text("department_id").notNull().default(""),
    ministryId: text("ministry_id").notNull().default(""),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    titleTh: text("title_th").notNull(),
    titleEn: text("title_en").notNull(),
    detailTh: text("detail_th").notNull().default(""),
    detailEn: text("detail_en").notNull().default(""),
    link: text("link").notNull(),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull(),
    /** the last evaluation that found the condition still holding */
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [
    uniqueIndex("oversight_alerts_open_uq").on(t.dedupeKey).where(sql`${t.resolvedAt} is null`),
    index("oversight_alerts_province_idx").on(t.provinceCode, t.rule, t.raisedAt),
    index("oversight_alerts_ministry_idx").on(t.ministryId, t.raisedAt),
    index("oversight_alerts_department_idx").on(t.departmentId, t.raisedAt),
    index("oversight_alerts_open_idx").on(t.rule).where(sql`${t.resolvedAt} is null`),
  ],
);

/**
 * An account's alert subscriptions: a scope it may read (checked on every change and again on every read and
 * digest), the rules followed there (null = all) and how often it is mailed a digest of the new ones.
 */
export const oversightAlertSubscriptions = pgTable(
  "oversight_alert_subscriptions",
  {
    accountId: text("account_id").notNull(),
    scope: text("scope").notNull(),
    rules: text("rules").array(),
    /** none | daily | weekly */
    frequency: text("frequency").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.scope] }), index("oversight_alert_subscriptions_frequency_idx").on(t.frequency)],
);

/** Which alerts an account has marked read (unread = no row). */
export const oversightAlertReads = pgTable(
  "oversight_alert_reads",
  {
    accountId: text("account_id").notNull(),
    alertId: text("alert_id").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.alertId] })],
);

/**
 * One row per digest sent (account, frequency, period: the Bangkok day, or the Monday of the week): the primary key
 * makes a second run of the same period a no-op, and `until` is where the next digest's "new since" starts.
 */
export const oversightAlertDigests = pgTable(
  "oversight_alert_digests",
  {
    accountId: text("account_id").notNull(),
    frequency: text("frequency").notNull(),
    period: date("period").notNull(),
    since: timestamp("since", { withTimezone: true }).notNull(),
    until: timestamp("until", { withTimezone: true }).notNull(),
    alerts: integer("alerts").notNull(),
    notificationId: text("notification_id"),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.frequency, t.period] })],
);
