import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** Money in baht: numeric(16,2), read as a string so no float ever touches it. */
const baht = (name: string) => numeric(name, { precision: 16, scale: 2 });

/**
 * A partner organisation outside government in a province's network: a chamber of commerce, a Federation of Thai
 * Industries chapter, a foundation, a university, a community enterprise. Organisations only: no contact persons,
 * phones or addresses are kept (nothing personal, so the network is public). A national body working with several
 * provinces is recorded once per province, as its provincial chapter: every row carries a province_code.
 */
export const partners = pgTable(
  "partners",
  {
    id: text("id").primaryKey(),
    provinceCode: text("province_code").notNull(),
    kind: text("kind").notNull(), // private_sector | civil_society | academic | community
    nameTh: text("name_th").notNull(),
    nameEn: text("name_en").notNull().default(""),
    registryOrgId: text("registry_org_id"),
    website: text("website"),
    focusTh: text("focus_th").notNull().default(""),
    focusEn: text("focus_en").notNull().default(""),
    isDemo: boolean("is_demo").notNull().default(false),
    /** optimistic lock: an edit names the version it read, and a stale one is refused (409) */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
  },
  (t) => [index("partners_province_idx").on(t.provinceCode, t.kind), uniqueIndex("partners_province_name").on(t.provinceCode, t.nameTh)],
);

/**
 * A memorandum of understanding between the province (its provincial government or one of its provincial agencies,
 * `partyOrgId`) and a partner. Its status is computed from the dates: active until `endsOn`, then expired, or
 * ended early on `endedOn`.
 */
export const partnerAgreements = pgTable(
  "partner_agreements",
  {
    id: text("id").primaryKey(),
    provinceCode: text("province_code").notNull(),
    partnerId: text("partner_id").notNull(),
    partyOrgId: text("party_org_id").notNull(),
    titleTh: text("title_th").notNull(),
    titleEn: text("title_en").notNull().default(""),
    purposeTh: text("purpose_th").notNull(),
    purposeEn: text("purpose_en").notNull().default(""),
    signedOn: date("signed_on").notNull(),
    endsOn: date("ends_on").notNull(),
    endedOn: date("ended_on"),
    endedReasonTh: text("ended_reason_th"),
    endedReasonEn: text("ended_reason_en"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("partner_agreements_province_idx").on(t.provinceCode, t.endsOn),
    index("partner_agreements_partner_idx").on(t.partnerId),
    check("partner_agreements_dates", sql`${t.endsOn} > ${t.signedOn} and (${t.endedOn} is null or ${t.endedOn} >= ${t.signedOn})`),
  ],
);

/** The agendas (strategy nodes of the cascade) an agreement serves. */
export const partnerAgreementAgendas = pgTable(
  "partner_agreement_agendas",
  {
    agreementId: text("agreement_id").notNull(),
    strategyNodeId: text("strategy_node_id").notNull(),
    provinceCode: text("province_code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.strategyNodeId] }), index("partner_agreement_agendas_node_idx").on(t.strategyNodeId)],
);

/**
 * What a partner gave to an agenda or a project (or both): money (baht), in kind (with its estimated value when
 * known), expertise, or volunteers (how many people), with the day and a description.
 */
export const partnerContributions = pgTable(
  "partner_contributions",
  {
    id: text("id").primaryKey(),
    provinceCode: text("province_code").notNull(),
    partnerId: text("partner_id").notNull(),
    agreementId: text("agreement_id"),
    kind: text("kind").notNull(), // money | in_kind | expertise | volunteers
    amount: baht("amount"),
    volunteers: integer("volunteers"),
    contributedOn: date("contributed_on").notNull(),
    descriptionTh: text("description_th").notNull(),
    descriptionEn: text("description_en").notNull().default(""),
    strategyNodeId: text("strategy_node_id"),
    projectId: text("project_id"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("partner_contributions_partner_idx").on(t.partnerId, t.contributedOn),
    index("partner_contributions_province_idx").on(t.provinceCode, t.strategyNodeId),
    index("partner_contributions_project_idx").on(t.projectId).where(sql`${t.projectId} is not null`),
    // the database keeps the contract's rules whatever a future code path forgets
    check("partner_contributions_target", sql`${t.strategyNodeId} is not null or ${t.projectId} is not null`),
    check("partner_contributions_amount", sql`${t.amount} is null or ${t.amount} > 0`),
    check("partner_contributions_volunteers", sql`${t.volunteers} is null or ${t.volunteers} > 0`),
  ],
);
