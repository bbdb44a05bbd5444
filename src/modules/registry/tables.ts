import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tsvector } from "../../platform/db/types.js";

const searchColumns = {
  searchText: text("search_text").notNull().default(""),
  search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
};

/** Popolo areas: regions, clusters (both schemes), provinces, districts, subdistricts. */
export const areas = pgTable(
  "areas",
  {
    id: text("id").primaryKey(),
    classification: text("classification").notNull(),
    code: text("code").notNull(),
    nameTh: text("name_th").notNull(),
    nameEn: text("name_en").notNull(),
    parentId: text("parent_id"),
    provinceCode: text("province_code"),
    iso: text("iso"),
    attributes: jsonb("attributes").notNull().default({}),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    ...searchColumns,
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("areas_class_code_uq").on(t.classification, t.code),
    index("areas_parent_idx").on(t.parentId),
    index("areas_province_idx").on(t.provinceCode),
    index("areas_search_idx").using("gin", t.search),
    index("areas_name_th_trgm_idx").using("gin", sql`${t.nameTh} gin_trgm_ops`),
  ],
);

/** A province's membership of a cluster, with dates (the 2009 scheme is kept as history). */
export const areaGroupings = pgTable(
  "area_groupings",
  {
    id: text("id").primaryKey(),
    areaId: text("area_id").notNull(),
    groupId: text("group_id").notNull(),
    provinceCode: text("province_code"),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
  },
  (t) => [index("area_groupings_area_idx").on(t.areaId), index("area_groupings_group_idx").on(t.groupId), index("area_groupings_province_idx").on(t.provinceCode)],
);

/** Types of provincial office (สำนักงาน…จังหวัด), each belonging to a department. */
export const officeTypes = pgTable("office_types", {
  id: text("id").primaryKey(),
  nameTh: text("name_th").notNull(),
  nameEn: text("name_en").notNull(),
  departmentId: text("department_id"),
  ministryId: text("ministry_id"),
});

/** Popolo organizations: ministries, departments, provincial offices, local government, centres, partners. */
export const organizations = pgTable(
  "organizations",
  {
    id: text("id").primaryKey(),
    classification: text("classification").notNull(),
    nameTh: text("name_th").notNull(),
    nameEn: text("name_en").notNull().default(""),
    abbreviation: text("abbreviation"),
    parentId: text("parent_id"),
    areaId: text("area_id"),
    provinceCode: text("province_code"),
    officeTypeId: text("office_type_id"),
    foundingDate: date("founding_date"),
    dissolutionDate: date("dissolution_date"),
    attributes: jsonb("attributes").notNull().default({}),
    isDemo: boolean("is_demo").notNull().default(false),
    ...searchColumns,
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("organizations_parent_idx").on(t.parentId),
    index("organizations_area_idx").on(t.areaId),
    index("organizations_province_idx").on(t.provinceCode),
    index("organizations_class_idx").on(t.classification),
    index("organizations_search_idx").using("gin", t.search),
    index("organizations_name_th_trgm_idx").using("gin", sql`${t.nameTh} gin_trgm_ops`),
  ],
);

/** Popolo posts: governor of a province, vice governor, head of an agency, deputy prime minister … */
export const posts = pgTable(
  "posts",
  {
    id: text("id").primaryKey(),
    role: text("role").notNull(),
    labelTh: text("label_th").notNull(),
    labelEn: text("label_en").notNull().default(""),
    organizationId: text("organization_id").notNull(),
    areaId: text("area_id"),
    provinceCode: text("province_code"),
    startDate: date("start_date"),
    endDate: date("end_date"),
    isDemo: boolean("is_demo").notNull().default(false),
    ...searchColumns,
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("posts_org_idx").on(t.organizationId),
    index("posts_area_idx").on(t.areaId),
    index("posts_province_idx").on(t.provinceCode),
    index("posts_role_idx").on(t.role),
    index("posts_search_idx").using("gin", t.search),
  ],
);

/** Popolo persons: officials holding posts. Officials' names in posts are public information. */
export const persons = pgTable(
  "persons",
  {
    id: text("id").primaryKey(),
    honorificTh: text("honorific_th"),
    nameTh: text("name_th").notNull(),
    nameEn: text("name_en").notNull().default(""),
    email: text("email"),
    isDemo: boolean("is_demo").notNull().default(false),
    ...searchColumns,
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("persons_search_idx").using("gin", t.search), index("persons_name_th_trgm_idx").using("gin", sql`${t.nameTh} gin_trgm_ops`)],
);

/** Popolo memberships: a person in a post (or organisation) from a date to a date. */
export const memberships = pgTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    personId: text("person_id").notNull(),
    postId: text("post_id"),
    organizationId: text("organization_id").notNull(),
    role: text("role").notNull(),
    designation: text("designation"),
    provinceCode: text("province_code"),
    startDate: date("start_date").notNull(),
    endDate: date("end_date"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("memberships_person_idx").on(t.personId),
    index("memberships_post_idx").on(t.postId),
    index("memberships_org_idx").on(t.organizationId),
    index("memberships_province_idx").on(t.provinceCode),
  ],
);

/** Areas a post oversees (a deputy prime minister's provinces and clusters), with dates. */
export const oversights = pgTable(
  "oversights",
  {
    id: text("id").primaryKey(),
    postId: text("post_id").notNull(),
    areaId: text("area_id").notNull(),
    provinceCode: text("province_code"),
    startDate: date("start_date").notNull(),
    endDate: date("end_date"),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [index("oversights_post_idx").on(t.postId), index("oversights_area_idx").on(t.areaId), index("oversights_province_idx").on(t.provinceCode)],
);

/**
 * Imports are jobs: the upload is stored here (status `queued`) before the API answers 202, a background
 * runner processes it and writes progress, so the page can be left and picked up again, and a restart
 * resumes what was accepted.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    format: text("format").notNull(),
    mode: text("mode").notNull().default("all-or-nothing"),
    /** the uploaded file (base64) until the job ends, so a restart can finish an accepted import */
    content: text("content"),
    fileName: text("file_name").notNull(),
    /** queued | running | succeeded | partially_succeeded | failed */
    status: text("status").notNull(),
    totalRows: integer("total_rows").notNull().default(0),
    processedRows: integer("processed_rows").notNull().default(0),
    createdRows: integer("created_rows").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    report: jsonb("report").notNull().default([]),
    createdBy: text("created_by"),
    /** who uploaded it (kind, id, name, grants) as checked at acceptance: the rows are written and audited as them */
    actor: jsonb("actor"),
    /** the upload's request id, carried by every audit record the job writes */
    requestId: text("request_id"),
    /** claims so far; a claim that is no longer the latest may not commit (fencing against a double run) */
    attempts: integer("attempts").notNull().default(0),
    startedAt: timestamp("started_at", { withTimezone: true }),
    /** database time of the worker's last sign of life; a running job whose heartbeat is stale is taken over */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("import_jobs_status_idx").on(t.status, t.createdAt), index("import_jobs_created_by_idx").on(t.createdBy, t.createdAt)],
);
