import { boolean, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The powers catalogue: each power a central authority holds by law and may delegate, in one of three areas
 * (commands/approvals/permits; personnel; budget and procurement), with its legal basis and parameters.
 * `verification` says whether a public source confirmed the entry (seeded entries carry their source).
 */
export const powers = pgTable(
  "powers",
  {
    code: text("code").primaryKey(),
    area: text("area").notNull(),
    nameTh: text("name_th").notNull(),
    nameEn: text("name_en").notNull().default(""),
    descriptionTh: text("description_th").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    legalBasisTh: text("legal_basis_th").notNull(),
    legalBasisEn: text("legal_basis_en").notNull().default(""),
    /** the registry organisation that holds the power when nobody is delegated (a ministry or department) */
    centralOrgId: text("central_org_id").notNull(),
    /** who decides when nobody is delegated, in words (e.g. "the head of the government agency") */
    centralAuthorityTh: text("central_authority_th").notNull().default(""),
    centralAuthorityEn: text("central_authority_en").notNull().default(""),
    typicalDelegation: text("typical_delegation").notNull().default(""),
    /** e.g. { amountLimitBaht, unit, notes } */
    parameters: jsonb("parameters").notNull().default({}),
    /** true when citizens or businesses apply for it (permits and approvals casework) */
    isPermit: boolean("is_permit").notNull().default(false),
    /** service level in business days when decided in the province / at the centre (permits) */
    slaDaysDelegated: integer("sla_days_delegated"),
    slaDaysCentral: integer("sla_days_central"),
    verification: text("verification").notNull().default(""),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("powers_area_idx").on(t.area), index("powers_central_org_idx").on(t.centralOrgId)],
);

/**
 * Delegation instruments (คำสั่งมอบอำนาจ). A root instrument is issued by the central authority (`delegator_org_id`);
 * an onward one (`parent_id`) by the delegate of its parent, never wider than it (area, amount, dates).
 * The delegate is a post kind (`delegate_role`) in an area (`area_id`: a province or district; null = every CEO
 * governor / the whole remit) or of an organisation (`delegate_org_id`, e.g. the head of a department).
 */
export const delegations = pgTable(
  "delegations",
  {
    id: text("id").primaryKey(),
    powerCode: text("power_code").notNull(),
    parentId: text("parent_id"),
    /** root of the chain (itself for a root); lets a whole chain be read with one index lookup */
    rootId: text("root_id").notNull(),
    depth: integer("depth").notNull().default(0),
    delegatorOrgId: text("delegator_org_id"),
    delegatorLabelTh: text("delegator_label_th").notNull(),
    delegatorLabelEn: text("delegator_label_en").notNull().default(""),
    delegateRole: text("delegate_role").notNull(),
    delegateOrgId: text("delegate_org_id"),
    areaId: text("area_id"),
    provinceCode: text("province_code"),
    districtCode: text("district_code"),
    amountCap: numeric("amount_cap", { precision: 16, scale: 2 }),
    conditionsTh: text("conditions_th").notNull().default(""),
    instrumentNo: text("instrument_no").notNull(),
    instrumentDate: date("instrument_date").notNull(),
    effectiveFrom: date("effective_from").notNull(),
    effectiveTo: date("effective_to"),
    maySubdelegate: boolean("may_subdelegate").notNull().default(false),
    /** not in force from this date on (revocation, or cascaded from an ancestor's revocation) */
    revokedFrom: date("revoked_from"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokeReasonTh: text("revoke_reason_th"),
    /** the ancestor whose revocation or shortening reached this one */
    cascadedFromId: text("cascaded_from_id"),
    /** the request for more delegation that produced it (Cabinet approval) */
    requestId: text("request_id"),
    createdBy: text("created_by").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("delegations_check_idx").on(t.powerCode, t.provinceCode, t.effectiveFrom),
    index("delegations_parent_idx").on(t.parentId),
    index("delegations_root_idx").on(t.rootId),
    index("delegations_province_idx").on(t.provinceCode),
    index("delegations_request_idx").on(t.requestId),
  ],
);

/** A province's request for more delegated authority: draft → submitted → MOI → OPDC → Cabinet → approved/rejected. */
export const delegationRequests = pgTable(
  "delegation_requests",
  {
    id: text("id").primaryKey(),
    provinceCode: text("province_code").notNull(),
    powerCode: text("power_code").notNull(),
    titleTh: text("title_th").notNull(),
    yearlyVolume: integer("yearly_volume").notNull(),
    centralTurnaroundDays: integer("central_turnaround_days").notNull(),
    expectedTurnaroundDays: integer("expected_turnaround_days").notNull(),
    benefitTh: text("benefit_th").notNull(),
    justificationTh: text("justification_th").notNull().default(""),
    /** what is asked for: the cap, conditions and whether the governor may delegate onward */
    amountCap: numeric("amount_cap", { precision: 16, scale: 2 }),
    conditionsTh: text("conditions_th").notNull().default(""),
    maySubdelegate: boolean("may_subdelegate").notNull().default(false),
    status: text("status").notNull(),
    /** bumped by every change: a reviewer acting on an older version is refused (optimistic concurrency) */
    version: integer("version").notNull().default(1),
    /** when the current holder should act (tracked; overdue is flagged) */
    stageDueOn: date("stage_due_on"),
    /** the latest submission (a returned request is resubmitted to the Ministry of Interior) */
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** who sent it back to the province last ("moi" or "opdc"), while it is returned */
    returnedStage: text("returned_stage"),
    /** OPDC's opinion to the Cabinet: "support" or "not-support" */
    opdcOpinion: text("opdc_opinion"),
    cabinetDate: date("cabinet_date"),
    cabinetResolutionNo: text("cabinet_resolution_no"),
    /** the instruments created on approval take effect from this date */
    effectiveFrom: date("effective_from"),
    effectiveTo: date("effective_to"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdBy: text("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("delegation_requests_province_idx").on(t.provinceCode, t.status),
    index("delegation_requests_status_idx").on(t.status),
    index("delegation_requests_power_idx").on(t.powerCode, t.provinceCode),
    index("delegation_requests_due_idx").on(t.stageDueOn),
  ],
);

/** Every step and comment on a request, in order. */
export const delegationRequestEvents = pgTable(
  "delegation_request_events",
  {
    id: text("id").primaryKey(),
    requestId: text("request_id").notNull(),
    provinceCode: text("province_code").notNull(),
    /** the request's version after this step: orders the history (every step bumps it under the row lock) */
    version: integer("version").notNull(),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    commentTh: text("comment_th"),
    /** what the step decided besides the status: OPDC's opinion, the Cabinet's date and resolution number … */
    details: jsonb("details").notNull().default({}),
    actorId: text("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("delegation_request_events_request_uq").on(t.requestId, t.version)],
);

/**
 * Applications for a permit or approval, routed at reception by the authority check to the deciding post
 * (in the province when delegated, otherwise the central authority), with a service-level due date.
 */
export const permitApplications = pgTable(
  "permit_applications",
  {
    id: text("id").primaryKey(),
    trackingCode: text("tracking_code").notNull(),
    provinceCode: text("province_code").notNull(),
    districtCode: text("district_code"),
    powerCode: text("power_code").notNull(),
    applicantKind: text("applicant_kind").notNull(),
    subjectTh: text("subject_th").notNull(),
    amount: numeric("amount", { precision: 16, scale: 2 }),
    receivedOn: date("received_on").notNull(),
    receivedBy: text("received_by").notNull(),
    receivedByName: text("received_by_name").notNull().default(""),
    /** "delegated" or "central", as the authority check answered on the day it was received */
    route: text("route").notNull(),
    deciderDelegationId: text("decider_delegation_id"),
    deciderLabelTh: text("decider_label_th").notNull(),
    deciderLabelEn: text("decider_label_en").notNull().default(""),
    /** the scope key whose holders decide it (area:province:40, area:district:4001, org:moi.dol) */
    deciderScope: text("decider_scope").notNull(),
    slaDays: integer("sla_days").notNull(),
    dueOn: date("due_on").notNull(),
    /** received → under-review (optional) → approved | refused; or withdrawn on the applicant's request */
    status: text("status").notNull(),
    reviewStartedOn: date("review_started_on"),
    reviewStartedBy: text("review_started_by"),
    decision: text("decision"),
    reasonTh: text("reason_th"),
    decidedOn: date("decided_on"),
    decidedBy: text("decided_by"),
    decidedByName: text("decided_by_name"),
    /** business days from reception to decision: holidays and weekends excluded, the reception day not counted */
    turnaroundDays: integer("turnaround_days"),
    withdrawnOn: date("withdrawn_on"),
    withdrawnBy: text("withdrawn_by"),
    withdrawReasonTh: text("withdraw_reason_th"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("permit_applications_tracking_uq").on(t.trackingCode),
    index("permit_applications_province_idx").on(t.provinceCode, t.status),
    index("permit_applications_power_idx").on(t.powerCode, t.route),
    index("permit_applications_scope_idx").on(t.deciderScope, t.status),
    index("permit_applications_due_idx").on(t.status, t.dueOn),
  ],
);

/** The applicant's identity (PDPA): readable only by the people handling the application, never in lists or exports. */
export const permitApplicants = pgTable("permit_applicants", {
  applicationId: text("application_id").primaryKey(),
  provinceCode: text("province_code").notNull(),
  name: text("name").notNull(),
  idNumber: text("id_number"),
  phone: text("phone"),
  address: text("address"),
});

/**
 * Personnel actions taken under delegated authority (transfer, appointment, special local recruitment …), each
 * checked against the delegations on its effective date and recorded with the instrument it relied on, or as a
 * central decision (no instrument applied: a ministry or department recorded it).
 */
export const personnelActions = pgTable(
  "personnel_actions",
  {
    id: text("id").primaryKey(),
    provinceCode: text("province_code").notNull(),
    kind: text("kind").notNull(),
    powerCode: text("power_code").notNull(),
    /** officials' names in posts are public information */
    personName: text("person_name").notNull(),
    positionTh: text("position_th").notNull(),
    fromOrgId: text("from_org_id"),
    toOrgId: text("to_org_id"),
    detailsTh: text("details_th").notNull().default(""),
    effectiveOn: date("effective_on").notNull(),
    orderNo: text("order_no"),
    status: text("status").notNull(),
    /** "delegated" (decided in the province under an instrument) or "central" (by the central authority) */
    route: text("route").notNull(),
    deciderDelegationId: text("decider_delegation_id"),
    /** the instrument's number on the day, kept with the record (the instrument may be revoked later) */
    deciderInstrumentNo: text("decider_instrument_no"),
    deciderLabelTh: text("decider_label_th").notNull(),
    deciderLabelEn: text("decider_label_en").notNull().default(""),
    /** scope key of the deciding post: area:province:40, or org:<central authority> */
    deciderScope: text("decider_scope").notNull(),
    createdBy: text("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("personnel_actions_province_idx").on(t.provinceCode, t.effectiveOn), index("personnel_actions_kind_idx").on(t.kind, t.effectiveOn)],
);

/**
 * Recruitment and selection committees (e.g. recruiting a CEO governor). A recruitment committee takes candidates,
 * scores them and draws a shortlist; a selection committee (`parent_committee_id`) decides among that shortlist.
 */
export const recruitmentCommittees = pgTable(
  "recruitment_committees",
  {
    id: text("id").primaryKey(),
    /** recruitment | selection */
    kind: text("kind").notNull(),
    /** the province whose post is filled (null for a national pool) */
    provinceCode: text("province_code"),
    titleTh: text("title_th").notNull(),
    titleEn: text("title_en").notNull().default(""),
    positionTh: text("position_th").notNull(),
    appointedOn: date("appointed_on").notNull(),
    orderNo: text("order_no").notNull(),
    /** recruitment: open → assessed → decided; selection: appointed → decided */
    status: text("status").notNull(),
    /** recruitment: the latest assessment (scores and shortlist live on the candidates) */
    assessedOn: date("assessed_on"),
    assessmentTh: text("assessment_th"),
    decisionOn: date("decision_on"),
    selectedCandidateId: text("selected_candidate_id"),
    decisionTh: text("decision_th"),
    /** the recruitment committee whose shortlist a selection committee decides on (one selection committee each) */
    parentCommitteeId: text("parent_committee_id"),
    createdBy: text("created_by").notNull(),
    createdByName: text("created_by_name").notNull().default(""),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("recruitment_committees_province_idx").on(t.provinceCode), uniqueIndex("recruitment_committees_parent_uq").on(t.parentCommitteeId)],
);

/** The members of a committee, in the order of the appointing order (exactly one chair). */
export const recruitmentCommitteeMembers = pgTable(
  "recruitment_committee_members",
  {
    id: text("id").primaryKey(),
    committeeId: text("committee_id").notNull(),
    ord: integer("ord").notNull(),
    name: text("name").notNull(),
    /** chair | member | secretary */
    role: text("role").notNull(),
    positionTh: text("position_th").notNull().default(""),
    orgId: text("org_id"),
  },
  (t) => [index("recruitment_committee_members_committee_idx").on(t.committeeId, t.ord)],
);

/** Candidates before a recruitment committee: officials applying for a post (names of officials are public). */
export const recruitmentCandidates = pgTable(
  "recruitment_candidates",
  {
    id: text("id").primaryKey(),
    committeeId: text("committee_id").notNull(),
    ord: integer("ord").notNull(),
    name: text("name").notNull(),
    currentPositionTh: text("current_position_th").notNull(),
    currentOrgId: text("current_org_id"),
    /** set by the assessment: 0–100, the rank among the candidates (ties share it) and the shortlist */
    score: numeric("score", { precision: 5, scale: 2 }),
    rank: integer("rank"),
    shortlisted: boolean("shortlisted").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("recruitment_candidates_committee_idx").on(t.committeeId, t.ord)],
);
