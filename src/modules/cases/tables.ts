import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, doublePrecision, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { bytea, tsvector } from "../../platform/db/types.js";

const stamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/**
 * What citizens can report or ask for (Open311 "services"): the Traffy Fondue taxonomy Thais know, plus the
 * Damrongdhama centre's own kinds. Service levels are hours from receipt; `sensitive` categories show only the
 * district on public pages (complaints about officials, drugs, violence).
 */
export const caseCategories = pgTable("case_categories", {
  id: text("id").primaryKey(),
  nameTh: text("name_th").notNull(),
  nameEn: text("name_en").notNull(),
  descriptionTh: text("description_th").notNull().default(""),
  descriptionEn: text("description_en").notNull().default(""),
  /** Open311 group */
  groupTh: text("group_th").notNull().default(""),
  groupEn: text("group_en").notNull().default(""),
  keywords: text("keywords").array().notNull().default(sql`'{}'::text[]`),
  /** hours to accept (first response) and to resolve */
  acceptHours: integer("accept_hours").notNull(),
  resolveHours: integer("resolve_hours").notNull(),
  sensitive: boolean("sensitive").notNull().default(false),
  /** the provincial office type that handles it by default (pro:<province>:<type>); null: the province's centre */
  defaultOfficeType: text("default_office_type"),
  /** Open311 attribute definitions asked at intake ([{ code, datatype, required, descriptionTh, … }]) */
  attributes: jsonb("attributes").notNull().default(sql`'[]'::jsonb`),
  sort: integer("sort").notNull().default(0),
  active: boolean("active").notNull().default(true),
  ...stamps,
});

/**
 * Routing by category and area: the most specific area wins (subdistrict → district → province); a rule with
 * no category applies to every category of its area. Without a rule, the category's default office of the
 * province handles the case, else the province's Damrongdhama centre (the provincial office).
 */
export const caseRoutingRules = pgTable(
  "case_routing_rules",
  {
    id: text("id").primaryKey(),
    provinceCode: text("province_code").notNull(),
    /** area:<subdistrict|district|province>:<code> as an area id, e.g. district:5708 */
    areaId: text("area_id").notNull(),
    categoryId: text("category_id"),
    orgId: text("org_id").notNull(),
    noteTh: text("note_th").notNull().default(""),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: text("created_by"),
    ...stamps,
  },
  (t) => [uniqueIndex("case_routing_rules_uq").on(t.areaId, sql`coalesce(${t.categoryId}, '')`), index("case_routing_rules_province_idx").on(t.provinceCode)],
);

/** Numbers the public references of cases (one sequence for the nation: references stay unique across provinces). */
export const caseRefSeq = pgSequence("case_ref_seq", { startWith: 1, increment: 1 });

/**
 * A complaint, request or question. Its reporters (personal data) live in case_reporters; the public sees the
 * case through its `publicRef`, its redacted text and its coarsened point only.
 * status: received → accepted → in_progress → resolved → closed; reopened (by a reporter) acts as accepted.
 */
export const cases = pgTable(
  "cases",
  {
    id: text("id").primaryKey(),
    /** shown on the public board and said on the phone, e.g. 57-6911-000123 */
    publicRef: text("public_ref").notNull(),
    provinceCode: text("province_code").notNull(),
    districtCode: text("district_code"),
    subdistrictCode: text("subdistrict_code"),
    categoryId: text("category_id").notNull(),
    /** web | hotline_1567 | walk_in | open311 | import */
    channel: text("channel").notNull(),
    descriptionTh: text("description_th").notNull(),
    /** the description with phone numbers, e-mail addresses, ID numbers and names removed: what the public reads */
    publicText: text("public_text").notNull(),
    /** Open311 attribute answers */
    attributes: jsonb("attributes").notNull().default(sql`'{}'::jsonb`),
    addressTh: text("address_th").notNull().default(""),
    /** the exact point (personal data when it is a home): handlers only */
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    /** ~110 m grid cell of the point, for the duplicate search */
    cell: bigint("cell", { mode: "number" }),
    status: text("status").notNull(),
    assignedOrgId: text("assigned_org_id"),
    assigneeAccountId: text("assignee_account_id"),
    /** rule | staff | suggestion | import */
    routedBy: text("routed_by"),
    acceptDueAt: timestamp("accept_due_at", { withTimezone: true }).notNull(),
    resolveDueAt: timestamp("resolve_due_at", { withTimezone: true }).notNull(),
    /** 0 the agency, 1 the district chief, 2 the governor */
    escalationLevel: integer("escalation_level").notNull().default(0),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    mergedInto: text("merged_into"),
    /** reporters of this case and of the cases merged into it */
    supportCount: integer("support_count").notNull().default(1),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** why it was resolved without an after-photo (e.g. "not the province's matter, referred to …") */
    resolutionTh: text("resolution_th"),
    afterPhotoId: text("after_photo_id"),
    disputedAt: timestamp("disputed_at", { withTimezone: true }),
    reopenCount: integer("reopen_count").notNull().default(0),
    /** the mean of the reporters' 1–5 ratings */
    rating: doublePrecision("rating"),
    /** the external system's id for imported and Open311 cases (e.g. a Traffy Fondue ticket) */
    externalId: text("external_id"),
    /** staff search (the full description); the public searches public_search_text (the redacted text) only */
    searchText: text("search_text").notNull().default(""),
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
    publicSearchText: text("public_search_text").notNull().default(""),
    publicSearch: tsvector("public_search").generatedAlwaysAs(sql`to_tsvector('simple', public_search_text)`),
    version: integer("version").notNull().default(1),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: text("created_by"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    ...stamps,
  },
  (t) => [
    uniqueIndex("cases_public_ref_uq").on(t.publicRef),
    uniqueIndex("cases_external_uq").on(t.channel, t.externalId),
    index("cases_province_status_idx").on(t.provinceCode, t.status, t.receivedAt),
    index("cases_org_status_idx").on(t.assignedOrgId, t.status),
    index("cases_district_idx").on(t.districtCode, t.status),
    index("cases_cell_idx").on(t.cell, t.receivedAt),
    index("cases_due_idx").on(t.resolveDueAt).where(sql`status in ('received','accepted','in_progress','reopened')`),
    index("cases_received_idx").on(t.receivedAt),
    // the public board counts its filter's cases on every page: with every filter column here, an index-only scan (docs/PERFORMANCE.md)
    index("cases_board_filter_idx").on(t.provinceCode, t.districtCode, t.categoryId, t.status).where(sql`merged_into is null`),
    index("cases_search_idx").using("gin", t.search),
    index("cases_public_search_idx").using("gin", t.publicSearch),
  ],
);

/**
 * The people who reported a case (several after a merge). PDPA: read only by those handling the case; never
 * in public pages, exports, logs or Open311. An anonymous reporter has only the hash of a tracking code.
 */
export const caseReporters = pgTable(
  "case_reporters",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull(),
    provinceCode: text("province_code").notNull(),
    accountId: text("account_id"),
    name: text("name"),
    phone: text("phone"),
    email: text("email"),
    anonymous: boolean("anonymous").notNull().default(false),
    /** sha-256 of the reporter's tracking code (shown to them once) */
    trackingHash: text("tracking_hash").notNull(),
    consentVersion: text("consent_version").notNull(),
    consentAt: timestamp("consent_at", { withTimezone: true }).notNull(),
    /** e-mail the reporter on status changes */
    notify: boolean("notify").notNull().default(true),
    /** false for reporters who joined through a merge */
    original: boolean("original").notNull().default(true),
    /** the case they reported, when it was merged into this one */
    fromCaseId: text("from_case_id"),
    rating: integer("rating"),
    ratingComment: text("rating_comment"),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
    purgedAt: timestamp("purged_at", { withTimezone: true }),
    ...stamps,
  },
  (t) => [index("case_reporters_case_idx").on(t.caseId), index("case_reporters_account_idx").on(t.accountId), uniqueIndex("case_reporters_tracking_uq").on(t.trackingHash)],
);

/**
 * A case's timeline: status changes, routing, transfers, escalations, public updates and internal notes.
 * visibility: public (board and reporter) | reporter (the reporter only) | internal (handlers only).
 */
export const caseEvents = pgTable(
  "case_events",
  {
    id: text("id").primaryKey(),
    /** insertion order: several events of one transaction share their instant */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    caseId: text("case_id").notNull(),
    provinceCode: text("province_code").notNull(),
    kind: text("kind").notNull(),
    visibility: text("visibility").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    textTh: text("text_th").notNull().default(""),
    data: jsonb("data").notNull().default(sql`'{}'::jsonb`),
    /** account id, or system:<job> */
    actorId: text("actor_id"),
    /** who acted, as the public may read it: an office's name, never a person's */
    actorLabelTh: text("actor_label_th").notNull().default(""),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("case_events_case_idx").on(t.caseId, t.seq)],
);

/** Photos before (from the reporter) and after (from the handler), re-encoded without their metadata. */
export const casePhotos = pgTable(
  "case_photos",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull(),
    provinceCode: text("province_code").notNull(),
    /** before | after */
    kind: text("kind").notNull(),
    mediaType: text("media_type").notNull(),
    content: bytea("content").notNull(),
    thumbnail: bytea("thumbnail").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    sha256: text("sha256").notNull(),
    /** 64-bit difference hash of the picture (hex), to catch the same photo reused on another case */
    dhash: text("dhash"),
    uploadedBy: text("uploaded_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_photos_case_idx").on(t.caseId), index("case_photos_sha_idx").on(t.sha256), index("case_photos_dhash_idx").on(t.dhash)],
);

/** Trained routing-suggestion models (text → category, text → organisation), one current per kind and scope. */
export const caseRoutingModels = pgTable(
  "case_routing_models",
  {
    id: text("id").primaryKey(),
    /** category | organization */
    kind: text("kind").notNull(),
    /** "all" or a province code */
    scope: text("scope").notNull(),
    model: jsonb("model").notNull(),
    examples: integer("examples").notNull(),
    metrics: jsonb("metrics").notNull().default(sql`'{}'::jsonb`),
    trainedAt: timestamp("trained_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("case_routing_models_uq").on(t.kind, t.scope)],
);
