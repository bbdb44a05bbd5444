import { boolean, doublePrecision, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

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

// ───────────────────────────── performance agreements ─────────────────────────────

/**
 * A performance agreement (คำรับรองการปฏิบัติราชการ) for one fiscal year: a province's (governor with the area's
 * deputy PM and the Minister of Interior) or a cluster's. `scheme` is the scoring scheme recorded with it.
 * Signing locks it: later changes go through an amendment (agreement_amendments) and bump `version`.
 */
export const agreements = pgTable(
  "agreements",
  {
    id: text("id").primaryKey(),
    fiscalYear: integer("fiscal_year").notNull(),
    kind: text("kind").notNull(),
    /** the area the agreement answers for: province:NN or cluster:XX */
    areaId: text("area_id").notNull(),
    provinceCode: text("province_code"),
    titleTh: text("title_th").notNull(),
    titleEn: text("title_en").notNull().default(""),
    /** [{ role, nameTh, nameEn, postId? }] — deputy PM, Minister of Interior, governor (or cluster chair) */
    parties: jsonb("parties").notNull().default([]),
    scheme: jsonb("scheme").notNull(),
    /** days after a round's period end by which the self-assessment is due and the round closes */
    roundDueDays: integer("round_due_days").notNull().default(30),
    status: text("status").notNull(),
    version: integer("version").notNull().default(1),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    signedBy: text("signed_by"),
    signedByName: text("signed_by_name"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("agreements_area_year_uq").on(t.areaId, t.fiscalYear), index("agreements_province_idx").on(t.provinceCode)],
);

/** A KPI of an agreement with its weight (weights sum to 1) and its scoring criteria. */
export const agreementItems = pgTable(
  "agreement_items",
  {
    agreementId: text("agreement_id").notNull(),
    /** stable within the agreement (the scoring engine's item id) */
    itemId: text("item_id").notNull(),
    /** the KPI whose verified measurements give the result; null for items scored by assessment or milestones */
    kpiId: text("kpi_id"),
    nameTh: text("name_th").notNull(),
    nameEn: text("name_en").notNull(),
    weight: doublePrecision("weight").notNull(),
    component: text("component"),
    criteria: jsonb("criteria").notNull(),
    position: integer("position").notNull(),
    provinceCode: text("province_code"),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.itemId] }), index("agreement_items_kpi_idx").on(t.kpiId)],
);

/**
 * A follow-up round (6, 9 or 12 months): the self-assessment and its evidence, then closing on its due date,
 * when the score is frozen in `score` (the scoring engine's RoundScore).
 */
export const agreementRounds = pgTable(
  "agreement_rounds",
  {
    agreementId: text("agreement_id").notNull(),
    round: integer("round").notNull(),
    periodEnd: text("period_end").notNull(),
    dueDate: text("due_date").notNull(),
    status: text("status").notNull(),
    selfAssessmentTh: text("self_assessment_th"),
    evidence: jsonb("evidence").notNull().default([]),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: text("submitted_by"),
    submittedByName: text("submitted_by_name"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: text("closed_by"),
    score: jsonb("score"),
    total: doublePrecision("total"),
    provinceCode: text("province_code"),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.round] }), index("agreement_rounds_due_idx").on(t.status, t.dueDate)],
);

/** Results entered for items without a KPI (assessed points, milestone steps) per round. */
export const agreementItemResults = pgTable(
  "agreement_item_results",
  {
    agreementId: text("agreement_id").notNull(),
    round: integer("round").notNull(),
    itemId: text("item_id").notNull(),
    value: doublePrecision("value").notNull(),
    note: text("note"),
    enteredBy: text("entered_by").notNull(),
    enteredByName: text("entered_by_name").notNull(),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull(),
    provinceCode: text("province_code"),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.round, t.itemId] })],
);

/** A change to a signed agreement: what it was, what it became, why, and who made it. */
export const agreementAmendments = pgTable(
  "agreement_amendments",
  {
    id: text("id").primaryKey(),
    agreementId: text("agreement_id").notNull(),
    version: integer("version").notNull(),
    reasonTh: text("reason_th").notNull(),
    before: jsonb("before").notNull(),
    after: jsonb("after").notNull(),
    createdBy: text("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    provinceCode: text("province_code"),
  },
  (t) => [uniqueIndex("agreement_amendments_version_uq").on(t.agreementId, t.version)],
);

// ───────────────────────────── pilots and evaluation ─────────────────────────────

/** A pilot programme: a model tried in pilot provinces and compared with comparison provinces over a period. */
export const pilotProgrammes = pgTable("pilot_programmes", {
  id: text("id").primaryKey(),
  code: text("code").notNull().unique(),
  nameTh: text("name_th").notNull(),
  nameEn: text("name_en").notNull().default(""),
  descriptionTh: text("description_th"),
  descriptionEn: text("description_en"),
  /** the period observed (ISO dates) and the day the model started in the pilot provinces */
  periodStart: text("period_start").notNull(),
  periodEnd: text("period_end").notNull(),
  treatmentStart: text("treatment_start").notNull(),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A province in a programme, as a pilot or a comparison province (optionally paired with a pilot). */
export const pilotProvinces = pgTable(
  "pilot_provinces",
  {
    programmeId: text("programme_id").notNull(),
    provinceCode: text("province_code").notNull(),
    role: text("role").notNull(),
    pairedWith: text("paired_with"),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.provinceCode] }), index("pilot_provinces_province_idx").on(t.provinceCode)],
);

/** An outcome the programme is judged on (optionally a KPI of the performance module), or a satisfaction survey. */
export const pilotOutcomes = pgTable(
  "pilot_outcomes",
  {
    id: text("id").primaryKey(),
    programmeId: text("programme_id").notNull(),
    kind: text("kind").notNull(),
    kpiId: text("kpi_id"),
    nameTh: text("name_th").notNull(),
    nameEn: text("name_en").notNull().default(""),
    unit: text("unit").notNull(),
    direction: text("direction").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("pilot_outcomes_programme_idx").on(t.programmeId)],
);

/** One observed value of an outcome in a province for a period; survey rows carry respondents and spread. */
export const pilotObservations = pgTable(
  "pilot_observations",
  {
    outcomeId: text("outcome_id").notNull(),
    provinceCode: text("province_code").notNull(),
    periodEnd: text("period_end").notNull(),
    value: doublePrecision("value").notNull(),
    respondents: integer("respondents"),
    sd: doublePrecision("sd"),
    source: text("source"),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.outcomeId, t.provinceCode, t.periodEnd] }), index("pilot_observations_province_idx").on(t.provinceCode)],
);

/** An incentive granted to a pilot province (staff-development budget, extra salary-step quota …). */
export const pilotIncentives = pgTable(
  "pilot_incentives",
  {
    id: text("id").primaryKey(),
    programmeId: text("programme_id").notNull(),
    provinceCode: text("province_code").notNull(),
    kind: text("kind").notNull(),
    descriptionTh: text("description_th").notNull(),
    amount: numeric("amount", { precision: 16, scale: 2 }),
    unit: text("unit"),
    grantedOn: text("granted_on").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [index("pilot_incentives_programme_idx").on(t.programmeId)],
);

/**
 * A special administration experiment (sandbox) under the 2022 Royal Decree on integrated area-based
 * administration: time-boxed, in one province, changing or waiving listed rules, with measured results.
 */
export const sandboxes = pgTable(
  "sandboxes",
  {
    id: text("id").primaryKey(),
    provinceCode: text("province_code").notNull(),
    nameTh: text("name_th").notNull(),
    nameEn: text("name_en").notNull().default(""),
    scopeTh: text("scope_th").notNull(),
    legalBasisTh: text("legal_basis_th"),
    /** [{ ruleTh, change: "waived" | "modified", detailTh }] */
    rules: jsonb("rules").notNull().default([]),
    startsOn: text("starts_on").notNull(),
    expiresOn: text("expires_on").notNull(),
    status: text("status").notNull(),
    endedOn: text("ended_on"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sandboxes_province_idx").on(t.provinceCode), index("sandboxes_expiry_idx").on(t.status, t.expiresOn)],
);

/** A measured result of a sandbox. */
export const sandboxResults = pgTable(
  "sandbox_results",
  {
    id: text("id").primaryKey(),
    sandboxId: text("sandbox_id").notNull(),
    provinceCode: text("province_code").notNull(),
    measuredOn: text("measured_on").notNull(),
    indicatorTh: text("indicator_th").notNull(),
    value: doublePrecision("value").notNull(),
    unit: text("unit").notNull(),
    baseline: doublePrecision("baseline"),
    noteTh: text("note_th"),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [index("sandbox_results_sandbox_idx").on(t.sandboxId)],
);
