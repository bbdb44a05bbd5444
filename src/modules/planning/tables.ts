import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { bytea, tsvector } from "../../platform/db/types.js";

/** Money in baht: numeric(16,2), read as a string so no float ever touches it. */
const baht = (name: string) => numeric(name, { precision: 16, scale: 2 });
const stamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

// ─── One Plan ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A plan of one area for one fiscal year (One Plan): subdistrict and district plans feed the provincial plan;
 * cluster plans gather the cluster's projects. One plan per (level, area, fiscal year).
 * status: draft → consolidated (lower plans pulled in) → approved (by the governor / cluster; locked).
 */
export const plans = pgTable(
  "plans",
  {
    id: text("id").primaryKey(),
    fiscalYear: integer("fiscal_year").notNull(),
    /** subdistrict | district | province | cluster */
    level: text("level").notNull(),
    areaId: text("area_id").notNull(),
    /** null only for cluster plans (they span provinces) */
    provinceCode: text("province_code"),
    titleTh: text("title_th").notNull(),
    titleEn: text("title_en").notNull().default(""),
    status: text("status").notNull().default("draft"),
    approvedOn: date("approved_on"),
    approvedBy: text("approved_by"),
    version: integer("version").notNull().default(1),
    isDemo: boolean("is_demo").notNull().default(false),
    ...stamps,
  },
  (t) => [uniqueIndex("plans_level_area_year_uq").on(t.level, t.areaId, t.fiscalYear), index("plans_province_idx").on(t.provinceCode, t.fiscalYear)],
);

/**
 * Projects: proposals in a plan and, once approved, funded work. `code` is unique nation-wide.
 * origin: agency | district | subdistrict | local_government | province | cluster (who proposed it).
 * status: proposed → prioritised → approved → in_progress → completed, or rejected / cancelled.
 * `consolidated_into_plan_id`: the higher plan a lower-level proposal was pulled into; `duplicate_of`: a project
 * staff confirmed as the same work (kept, not deleted, so the proposer sees what happened).
 */
export const projects = pgTable(
  "projects",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    planId: text("plan_id"),
    consolidatedIntoPlanId: text("consolidated_into_plan_id"),
    duplicateOf: text("duplicate_of"),
    /** projects staff dismissed as NOT duplicates of this one (the likely-duplicate flag stays down for the pair) */
    notDuplicates: text("not_duplicates").array().notNull().default(sql`'{}'::text[]`),
    provinceCode: text("province_code"),
    /** cluster projects: the cluster area id */
    clusterId: text("cluster_id"),
    origin: text("origin").notNull(),
    ownerOrgId: text("owner_org_id").notNull(),
    /** the department (or ministry) whose mandate the project serves: the owner's parent for a provincial office */
    agencyId: text("agency_id").notNull(),
    titleTh: text("title_th").notNull(),
    titleEn: text("title_en").notNull().default(""),
    objectiveTh: text("objective_th").notNull().default(""),
    /** subdistrict codes (6 digits) the project covers */
    areaCodes: text("area_codes").array().notNull().default(sql`'{}'::text[]`),
    /** optional points: [{ lat, lng, labelTh }] */
    points: jsonb("points").notNull().default([]),
    /** provincial goals (strategy nodes) the project serves: at least one */
    goalIds: text("goal_ids").array().notNull().default(sql`'{}'::text[]`),
    /** [{ kpiId, target, unit, kind: 'output' | 'outcome' }] */
    outcomes: jsonb("outcomes").notNull().default([]),
    priority: integer("priority"),
    status: text("status").notNull().default("proposed"),
    /** sum of budget lines (kept in step by the use cases that change lines) */
    totalBudget: baht("total_budget").notNull().default("0"),
    /**
     * The disbursement curve to date, kept by the database (triggers on project_progress, migration 0008): element k
     * (1 = October … 12 = September of the fiscal year) is the baht disbursed, or planned, from October to the end of
     * month k. The province's budget dashboard reads these instead of summing every month of every project.
     */
    cumDisbursed: baht("cum_disbursed").array(),
    cumPlanned: baht("cum_planned").array(),
    startDate: date("start_date"),
    endDate: date("end_date"),
    approvedOn: date("approved_on"),
    /** segmented Thai title (platform/thai segment) for search and the likely-duplicate check */
    searchText: text("search_text").notNull().default(""),
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
    version: integer("version").notNull().default(1),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: text("created_by"),
    ...stamps,
  },
  (t) => [
    uniqueIndex("projects_code_uq").on(t.code),
    index("projects_province_year_idx").on(t.provinceCode, t.fiscalYear),
    index("projects_plan_idx").on(t.planId),
    index("projects_owner_idx").on(t.ownerOrgId),
    index("projects_agency_idx").on(t.agencyId, t.fiscalYear),
    index("projects_search_idx").using("gin", t.search),
    index("projects_title_trgm_idx").using("gin", sql`${t.titleTh} gin_trgm_ops`),
    index("projects_area_codes_idx").using("gin", t.areaCodes),
  ],
);

/**
 * A project's budget by source: function (ministry/department), province, cluster, local (local government),
 * matching (matching fund), central_fund (emergency central fund), leftover (reallocated leftover funds).
 * `frame_shift_id` ties a line to the part of a ministry's frame shifted to the province that pays for it.
 */
export const projectBudgetLines = pgTable(
  "project_budget_lines",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull(),
    provinceCode: text("province_code"),
    fiscalYear: integer("fiscal_year").notNull(),
    source: text("source").notNull(),
    /** who provides the money (department, province, local government …) */
    funderOrgId: text("funder_org_id"),
    amount: baht("amount").notNull(),
    frameShiftId: text("frame_shift_id"),
    allocationNoticeId: text("allocation_notice_id"),
    noteTh: text("note_th").notNull().default(""),
    ...stamps,
  },
  (t) => [index("project_budget_lines_project_idx").on(t.projectId), index("project_budget_lines_province_idx").on(t.provinceCode, t.fiscalYear, t.source), index("project_budget_lines_frame_idx").on(t.frameShiftId)],
);

/** Milestones of a project: planned date, done date. */
export const projectMilestones = pgTable(
  "project_milestones",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull(),
    provinceCode: text("province_code"),
    titleTh: text("title_th").notNull(),
    titleEn: text("title_en").notNull().default(""),
    dueOn: date("due_on").notNull(),
    doneOn: date("done_on"),
    sortOrder: integer("sort_order").notNull().default(0),
    ...stamps,
  },
  (t) => [index("project_milestones_project_idx").on(t.projectId)],
);

/**
 * Monthly progress: physical completion (cumulative %) and baht disbursed in that month; one row per project and
 * month (`month` = first day of the month). `planned_*` is the planned curve the project committed to.
 */
export const projectProgress = pgTable(
  "project_progress",
  {
    projectId: text("project_id").notNull(),
    month: date("month").notNull(),
    provinceCode: text("province_code"),
    fiscalYear: integer("fiscal_year").notNull(),
    physicalPct: numeric("physical_pct", { precision: 5, scale: 2 }),
    disbursed: baht("disbursed"),
    plannedDisbursed: baht("planned_disbursed"),
    noteTh: text("note_th").notNull().default(""),
    recordedBy: text("recorded_by"),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.projectId, t.month] }), index("project_progress_province_idx").on(t.provinceCode, t.fiscalYear, t.month)],
);

/** Documents and photos of a project (kept in the database: small files only, see the contract's limit). */
export const projectFiles = pgTable(
  "project_files",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull(),
    provinceCode: text("province_code"),
    /** document | photo */
    kind: text("kind").notNull(),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
    captionTh: text("caption_th").notNull().default(""),
    uploadedBy: text("uploaded_by"),
    ...stamps,
  },
  (t) => [index("project_files_project_idx").on(t.projectId)],
);

/**
 * Amendments to a project in the provincial plan. The delegation module's authority check (P-BUD-004) decides:
 * `route` = delegated (the province approved it under `delegation_id`, by `decided_by`) or central (sent to
 * `central_org_id`, which records its decision later). status: approved | rejected | pending_central.
 */
export const projectAmendments = pgTable(
  "project_amendments",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id").notNull(),
    provinceCode: text("province_code"),
    /** { before, after } of the fields changed (title, areas, budget lines, dates, outcomes) */
    changes: jsonb("changes").notNull(),
    reasonTh: text("reason_th").notNull(),
    amount: baht("amount"),
    route: text("route").notNull(),
    status: text("status").notNull(),
    delegationId: text("delegation_id"),
    /** the authority answer at the time (chain, deciders) so the record shows under which delegation */
    authority: jsonb("authority").notNull(),
    centralOrgId: text("central_org_id"),
    requestedBy: text("requested_by"),
    requestedOn: date("requested_on").notNull(),
    decidedBy: text("decided_by"),
    decidedOn: date("decided_on"),
    decisionNoteTh: text("decision_note_th").notNull().default(""),
    ...stamps,
  },
  (t) => [index("project_amendments_project_idx").on(t.projectId), index("project_amendments_province_idx").on(t.provinceCode, t.status)],
);

// ─── Budget cycle ──────────────────────────────────────────────────────────────────────────────────────────

/** The Budget Act of a fiscal year: the day it passed parliament starts the 30-day allocation-notice clock. */
export const budgetActs = pgTable("budget_acts", {
  fiscalYear: integer("fiscal_year").primaryKey(),
  passedOn: date("passed_on").notNull(),
  /** last day for departments to notify governors (30 days after `passed_on`, counted by platform/thai deadlines) */
  noticeDueOn: date("notice_due_on").notNull(),
  referenceTh: text("reference_th").notNull().default(""),
  /** cumulative disbursement targets per quarter (% of the year's budget), e.g. { q1: 32, q2: 54, q3: 77, q4: 100 } */
  disbursementTargets: jsonb("disbursement_targets").notNull(),
  isDemo: boolean("is_demo").notNull().default(false),
  ...stamps,
});

/**
 * A department's (or ministry's) notice to a governor of the amounts allocated to the province.
 * Late when `notified_on` > the act's notice due date (or, while unsent, once today passes it).
 */
export const allocationNotices = pgTable(
  "allocation_notices",
  {
    id: text("id").primaryKey(),
    fiscalYear: integer("fiscal_year").notNull(),
    fromOrgId: text("from_org_id").notNull(),
    provinceCode: text("province_code").notNull(),
    total: baht("total").notNull(),
    notifiedOn: date("notified_on").notNull(),
    dueOn: date("due_on").notNull(),
    daysLate: integer("days_late").notNull().default(0),
    /** [{ projectId?, descriptionTh, amount }] */
    lines: jsonb("lines").notNull().default([]),
    referenceTh: text("reference_th").notNull().default(""),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: text("created_by"),
    ...stamps,
  },
  (t) => [uniqueIndex("allocation_notices_from_province_year_uq").on(t.fromOrgId, t.provinceCode, t.fiscalYear), index("allocation_notices_province_idx").on(t.provinceCode, t.fiscalYear)],
);

/**
 * The province's operating plan (แผนปฏิบัติราชการประจำปี) for a fiscal year: due 60 days after the day the
 * province learned its total (`total_known_on`, declared by the strategy office once the notices are in).
 */
export const operatingPlans = pgTable(
  "operating_plans",
  {
    provinceCode: text("province_code").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    totalKnownOn: date("total_known_on"),
    /** declared (the strategy office gave the date) | last-notice (default: the day of the last notice received) */
    totalKnownBasis: text("total_known_basis"),
    dueOn: date("due_on"),
    submittedOn: date("submitted_on"),
    submittedBy: text("submitted_by"),
    daysLate: integer("days_late").notNull().default(0),
    noteTh: text("note_th").notNull().default(""),
    isDemo: boolean("is_demo").notNull().default(false),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.fiscalYear] })],
);

/** A part of a ministry's or department's budget frame shifted to a province for area needs, tracked to projects. */
export const frameShifts = pgTable(
  "frame_shifts",
  {
    id: text("id").primaryKey(),
    fiscalYear: integer("fiscal_year").notNull(),
    fromOrgId: text("from_org_id").notNull(),
    provinceCode: text("province_code").notNull(),
    amount: baht("amount").notNull(),
    purposeTh: text("purpose_th").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: text("created_by"),
    ...stamps,
  },
  (t) => [index("frame_shifts_province_idx").on(t.provinceCode, t.fiscalYear)],
);

// ─── Funds ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Leftover allotment funds (เงินประจำงวดเหลือจ่าย) of an agency's project whose procurement met its goal.
 * `agency_id` is the owning department: reallocations may fund only activities within its mandate.
 */
export const leftoverFunds = pgTable(
  "leftover_funds",
  {
    id: text("id").primaryKey(),
    fiscalYear: integer("fiscal_year").notNull(),
    provinceCode: text("province_code").notNull(),
    projectId: text("project_id").notNull(),
    ownerOrgId: text("owner_org_id").notNull(),
    agencyId: text("agency_id").notNull(),
    amount: baht("amount").notNull(),
    /** what is still unallocated (amount minus reallocations), kept under the row lock */
    remaining: baht("remaining").notNull(),
    procurementId: text("procurement_id"),
    recordedOn: date("recorded_on").notNull(),
    noteTh: text("note_th").notNull().default(""),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: text("created_by"),
    ...stamps,
  },
  (t) => [index("leftover_funds_province_idx").on(t.provinceCode, t.fiscalYear), index("leftover_funds_project_idx").on(t.projectId)],
);

/** A governor's reallocation of a leftover fund to an activity of the same agency, under the delegation chain. */
export const leftoverReallocations = pgTable(
  "leftover_reallocations",
  {
    id: text("id").primaryKey(),
    fundId: text("fund_id").notNull(),
    provinceCode: text("province_code").notNull(),
    targetProjectId: text("target_project_id").notNull(),
    amount: baht("amount").notNull(),
    purposeTh: text("purpose_th").notNull(),
    delegationId: text("delegation_id").notNull(),
    authority: jsonb("authority").notNull(),
    decidedOn: date("decided_on").notNull(),
    decidedBy: text("decided_by"),
    ...stamps,
  },
  (t) => [index("leftover_reallocations_fund_idx").on(t.fundId), index("leftover_reallocations_province_idx").on(t.provinceCode)],
);

/**
 * Matching fund: a joint project of a local government and the province with agreed shares.
 * status: proposed → agreed → funded (both shares transferred) → closed, or cancelled.
 */
export const matchingFunds = pgTable(
  "matching_funds",
  {
    id: text("id").primaryKey(),
    fiscalYear: integer("fiscal_year").notNull(),
    provinceCode: text("province_code").notNull(),
    projectId: text("project_id").notNull(),
    localGovOrgId: text("local_gov_org_id").notNull(),
    provinceShare: baht("province_share").notNull(),
    localShare: baht("local_share").notNull(),
    status: text("status").notNull().default("proposed"),
    agreedOn: date("agreed_on"),
    version: integer("version").notNull().default(1),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: text("created_by"),
    ...stamps,
  },
  (t) => [index("matching_funds_province_idx").on(t.provinceCode, t.fiscalYear), uniqueIndex("matching_funds_project_uq").on(t.projectId)],
);

/** Commitments (obligations) and transfers of a matching fund, by party (province | local). */
export const matchingFundEntries = pgTable(
  "matching_fund_entries",
  {
    id: text("id").primaryKey(),
    matchingFundId: text("matching_fund_id").notNull(),
    provinceCode: text("province_code").notNull(),
    party: text("party").notNull(),
    /** commitment | transfer */
    kind: text("kind").notNull(),
    amount: baht("amount").notNull(),
    entryOn: date("entry_on").notNull(),
    referenceTh: text("reference_th").notNull().default(""),
    recordedBy: text("recorded_by"),
    ...stamps,
  },
  (t) => [index("matching_fund_entries_fund_idx").on(t.matchingFundId)],
);

/**
 * Emergency central-fund requests (งบกลาง รายการเงินสำรองจ่ายเพื่อกรณีฉุกเฉินหรือจำเป็น).
 * status: submitted → screened (working group's recommendation) → approved (by the area's deputy PM, within the
 * 100 M yearly cap) | referred_to_pm (over the cap) → pm_approved | rejected; or withdrawn.
 */
export const emergencyRequests = pgTable(
  "emergency_requests",
  {
    id: text("id").primaryKey(),
    fiscalYear: integer("fiscal_year").notNull(),
    provinceCode: text("province_code").notNull(),
    requestingOrgId: text("requesting_org_id").notNull(),
    titleTh: text("title_th").notNull(),
    amount: baht("amount").notNull(),
    justificationTh: text("justification_th").notNull(),
    areaCodes: text("area_codes").array().notNull().default(sql`'{}'::text[]`),
    /** immediate | urgent | necessary */
    urgency: text("urgency").notNull(),
    status: text("status").notNull().default("submitted"),
    /** the deputy PM's post that oversees the province on the request day */
    deputyPmPostId: text("deputy_pm_post_id"),
    submittedOn: date("submitted_on").notNull(),
    screening: jsonb("screening"),
    decidedOn: date("decided_on"),
    decidedBy: text("decided_by"),
    decisionNoteTh: text("decision_note_th").notNull().default(""),
    projectId: text("project_id"),
    version: integer("version").notNull().default(1),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: text("created_by"),
    ...stamps,
  },
  (t) => [index("emergency_requests_province_idx").on(t.provinceCode, t.fiscalYear), index("emergency_requests_dpm_idx").on(t.deputyPmPostId, t.fiscalYear, t.status)],
);

/**
 * The running total of a deputy PM's emergency approvals in a fiscal year. Approving locks this row
 * (select … for update), so concurrent approvals serialise and the 100 M cap holds.
 */
export const emergencyCapLedger = pgTable(
  "emergency_cap_ledger",
  {
    deputyPmPostId: text("deputy_pm_post_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    approvedTotal: baht("approved_total").notNull().default("0"),
    approvals: integer("approvals").notNull().default(0),
    ...stamps,
  },
  (t) => [primaryKey({ columns: [t.deputyPmPostId, t.fiscalYear] })],
);

// ─── Procurement (OCDS) ────────────────────────────────────────────────────────────────────────────────────

/**
 * A procurement process of a project (one OCDS contracting process, `ocid`). stage: planning → tender → award →
 * contract → implementation → complete, or cancelled / unsuccessful. Tender fields follow OCDS names.
 */
export const procurements = pgTable(
  "procurements",
  {
    id: text("id").primaryKey(),
    ocid: text("ocid").notNull(),
    projectId: text("project_id").notNull(),
    provinceCode: text("province_code"),
    fiscalYear: integer("fiscal_year").notNull(),
    buyerOrgId: text("buyer_org_id").notNull(),
    titleTh: text("title_th").notNull(),
    descriptionTh: text("description_th").notNull().default(""),
    /** OCDS procurementMethod: open | selective | limited | direct */
    method: text("method").notNull(),
    /** Thai method detail, e.g. e-bidding, เฉพาะเจาะจง */
    methodDetailsTh: text("method_details_th").notNull().default(""),
    /** OCDS mainProcurementCategory: goods | works | services */
    category: text("category").notNull(),
    plannedValue: baht("planned_value").notNull(),
    tenderValue: baht("tender_value"),
    tenderStart: date("tender_start"),
    tenderEnd: date("tender_end"),
    stage: text("stage").notNull().default("planning"),
    /** why it was cancelled or unsuccessful (Thai), and on which day */
    closedReasonTh: text("closed_reason_th").notNull().default(""),
    closedOn: date("closed_on"),
    /** the day the contract's work was accepted as complete */
    completedOn: date("completed_on"),
    /** bumped by every change: the OCDS release id is `${ocid}-${version}` */
    version: integer("version").notNull().default(1),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: text("created_by"),
    ...stamps,
  },
  (t) => [uniqueIndex("procurements_ocid_uq").on(t.ocid), index("procurements_project_idx").on(t.projectId), index("procurements_province_idx").on(t.provinceCode, t.fiscalYear)],
);

/** Bidders and awarded suppliers (organisations; a tax id of a juristic person is public information). */
export const procurementParties = pgTable(
  "procurement_parties",
  {
    id: text("id").primaryKey(),
    procurementId: text("procurement_id").notNull(),
    provinceCode: text("province_code"),
    nameTh: text("name_th").notNull(),
    /** TH-TIN juristic-person tax id (13 digits) */
    taxId: text("tax_id"),
    /** tenderer | supplier */
    role: text("role").notNull(),
    bidAmount: baht("bid_amount"),
    ...stamps,
  },
  (t) => [index("procurement_parties_procurement_idx").on(t.procurementId)],
);

/** Awards and their contracts: amount, supplier, dates; implementation payments live in procurement_payments. */
export const procurementContracts = pgTable(
  "procurement_contracts",
  {
    id: text("id").primaryKey(),
    procurementId: text("procurement_id").notNull(),
    provinceCode: text("province_code"),
    supplierPartyId: text("supplier_party_id").notNull(),
    awardAmount: baht("award_amount").notNull(),
    awardDate: date("award_date").notNull(),
    /** why the award exceeds the tender's estimate (required only then) */
    awardJustificationTh: text("award_justification_th").notNull().default(""),
    contractNo: text("contract_no"),
    contractAmount: baht("contract_amount"),
    signedOn: date("signed_on"),
    periodStart: date("period_start"),
    periodEnd: date("period_end"),
    /** pending | active | terminated | cancelled (OCDS contract status) */
    status: text("status").notNull().default("pending"),
    ...stamps,
  },
  (t) => [index("procurement_contracts_procurement_idx").on(t.procurementId)],
);

/** Payments against a contract (OCDS implementation transactions). */
export const procurementPayments = pgTable(
  "procurement_payments",
  {
    id: text("id").primaryKey(),
    contractId: text("contract_id").notNull(),
    procurementId: text("procurement_id").notNull(),
    provinceCode: text("province_code"),
    amount: baht("amount").notNull(),
    paidOn: date("paid_on").notNull(),
    ...stamps,
  },
  (t) => [index("procurement_payments_contract_idx").on(t.contractId), index("procurement_payments_procurement_idx").on(t.procurementId)],
);
