import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

const stamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/**
 * A call for input the governor's office opens on something concrete in the province's strategy: an agenda, a
 * goal (strategy node), a KPI, or a KPI's target for a fiscal year (`subject_id` links to that record).
 */
export const participationCalls = pgTable(
  "participation_calls",
  {
    id: text("id").primaryKey(),
    provinceCode: text("province_code").notNull(),
    /** agenda | goal | kpi | target */
    subjectKind: text("subject_kind").notNull(),
    subjectId: text("subject_id").notNull(),
    fiscalYear: integer("fiscal_year"),
    titleTh: text("title_th").notNull(),
    titleEn: text("title_en").notNull().default(""),
    descriptionTh: text("description_th").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    supportThreshold: integer("support_threshold").notNull(),
    responseDays: integer("response_days").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: text("created_by"),
    ...stamps,
  },
  (t) => [index("participation_calls_province_idx").on(t.provinceCode, t.closesAt), index("participation_calls_subject_idx").on(t.subjectId)],
);

/**
 * A citizen's proposal on a call. `author_account_id` is personal data: never in a public view; `author_name` is
 * set only when the author chose to show their display name. Reaching the threshold fixes `response_due_on`.
 */
export const participationProposals = pgTable(
  "participation_proposals",
  {
    id: text("id").primaryKey(),
    callId: text("call_id").notNull(),
    provinceCode: text("province_code").notNull(),
    authorAccountId: text("author_account_id").notNull(),
    authorName: text("author_name"),
    titleTh: text("title_th").notNull(),
    bodyTh: text("body_th").notNull(),
    /** verified supports (kept equal to the rows of participation_supports, under the proposal's row lock) */
    supportCount: integer("support_count").notNull().default(0),
    thresholdReachedAt: timestamp("threshold_reached_at", { withTimezone: true }),
    /** the last day (Bangkok calendar date) for the official response */
    responseDueOn: text("response_due_on"),
    /** flagged by the deadline job: the response was not published in time */
    overdueAt: timestamp("overdue_at", { withTimezone: true }),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenReasonTh: text("hidden_reason_th"),
    hiddenBy: text("hidden_by"),
    isDemo: boolean("is_demo").notNull().default(false),
    ...stamps,
  },
  (t) => [
    index("participation_proposals_call_idx").on(t.callId, t.supportCount),
    // the provincial office's response queue lists its provinces' proposals
    index("participation_proposals_province_idx").on(t.provinceCode),
    index("participation_proposals_author_idx").on(t.authorAccountId, t.createdAt),
    index("participation_proposals_due_idx").on(t.responseDueOn).where(sql`responded_at is null and threshold_reached_at is not null`),
  ],
);

/** One support per verified account per proposal: the unique index is the real guard. */
export const participationSupports = pgTable(
  "participation_supports",
  {
    proposalId: text("proposal_id").notNull(),
    accountId: text("account_id").notNull(),
    provinceCode: text("province_code").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("participation_supports_uq").on(t.proposalId, t.accountId), index("participation_supports_account_idx").on(t.accountId)],
);

export const participationComments = pgTable(
  "participation_comments",
  {
    id: text("id").primaryKey(),
    proposalId: text("proposal_id").notNull(),
    provinceCode: text("province_code").notNull(),
    authorAccountId: text("author_account_id").notNull(),
    authorName: text("author_name"),
    bodyTh: text("body_th").notNull(),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenReasonTh: text("hidden_reason_th"),
    hiddenBy: text("hidden_by"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("participation_comments_proposal_idx").on(t.proposalId, t.createdAt), index("participation_comments_author_idx").on(t.authorAccountId, t.createdAt)],
);

/** The office's official response to a proposal (one per proposal), with what it changed. */
export const participationResponses = pgTable(
  "participation_responses",
  {
    id: text("id").primaryKey(),
    proposalId: text("proposal_id").notNull(),
    callId: text("call_id").notNull(),
    provinceCode: text("province_code").notNull(),
    decision: text("decision").notNull(),
    reasoningTh: text("reasoning_th").notNull(),
    reasoningEn: text("reasoning_en").notNull().default(""),
    /** the response deadline it answered (null: not past the threshold) */
    dueOn: text("due_on"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    /** staff account (internal: the public reads "the governor's office") */
    publishedBy: text("published_by"),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [uniqueIndex("participation_responses_proposal_uq").on(t.proposalId), index("participation_responses_call_idx").on(t.callId)],
);

/** What a response changed: before and after, and whether the record itself was changed (`applied`). */
export const participationChanges = pgTable(
  "participation_changes",
  {
    id: text("id").primaryKey(),
    responseId: text("response_id").notNull(),
    provinceCode: text("province_code").notNull(),
    /** target | text */
    kind: text("kind").notNull(),
    /** agenda | goal | kpi | target */
    subjectKind: text("subject_kind").notNull(),
    subjectId: text("subject_id").notNull(),
    subjectNameTh: text("subject_name_th").notNull(),
    subjectNameEn: text("subject_name_en").notNull().default(""),
    fieldTh: text("field_th").notNull(),
    fieldEn: text("field_en").notNull().default(""),
    fiscalYear: integer("fiscal_year"),
    round: integer("round"),
    before: jsonb("before"),
    after: jsonb("after").notNull(),
    applied: boolean("applied").notNull(),
    seq: integer("seq").notNull(),
  },
  (t) => [index("participation_changes_response_idx").on(t.responseId, t.seq), index("participation_changes_subject_idx").on(t.subjectId)],
);

/** A satisfaction survey (1–5) whose result is recorded as a KPI's result for a period when it closes. */
export const participationSurveys = pgTable(
  "participation_surveys",
  {
    id: text("id").primaryKey(),
    provinceCode: text("province_code").notNull(),
    kpiId: text("kpi_id").notNull(),
    questionTh: text("question_th").notNull(),
    questionEn: text("question_en").notNull().default(""),
    periodEnd: text("period_end").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    respondents: integer("respondents").notNull().default(0),
    resultMean: doublePrecision("result_mean"),
    resultSd: doublePrecision("result_sd"),
    /** answers per score 1..5 (counts only) */
    distribution: jsonb("distribution"),
    measurementId: text("measurement_id"),
    /** verified | submitted | none */
    recordedAs: text("recorded_as"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: text("created_by"),
    ...stamps,
  },
  (t) => [index("participation_surveys_province_idx").on(t.provinceCode, t.closesAt), index("participation_surveys_kpi_idx").on(t.kpiId)],
);

/** One answer per verified account per survey; individual answers are never shown. */
export const participationSurveyAnswers = pgTable(
  "participation_survey_answers",
  {
    surveyId: text("survey_id").notNull(),
    accountId: text("account_id").notNull(),
    provinceCode: text("province_code").notNull(),
    score: integer("score").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("participation_survey_answers_uq").on(t.surveyId, t.accountId)],
);
