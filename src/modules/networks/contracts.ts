/** Networks contracts: browser-safe zod schemas for partners, their agreements (MOUs) and contributions. */
import { z } from "zod";
import { isIsoDate } from "../../platform/thai/dates.js";

/** Partner organisations outside government: private sector, civil society, universities and colleges, community bodies. */
export const PARTNER_KINDS = ["private_sector", "civil_society", "academic", "community"] as const;
export const AGREEMENT_STATUSES = ["active", "expired", "ended"] as const;
export const CONTRIBUTION_KINDS = ["money", "in_kind", "expertise", "volunteers"] as const;
export const PARTNER_SORTS = ["name", "newest", "agreements", "contributed"] as const;
/** An active agreement ending within this many days is "expiring soon". */
export const EXPIRING_SOON_DAYS = 90;

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD (C.E.)")
  .refine((s) => isIsoDate(s) && s >= "2000-01-01" && s <= "2199-12-31", "date must be a real Gregorian (C.E.) date, not a B.E. year");
const Id = z.string().trim().min(1).max(120);
const ProvinceCode = z.string().regex(/^\d{2}$/, "provinceCode is the two-digit province code");
const ThaiText = (max: number) => z.string().trim().min(1).max(max);
const EnText = (max: number) => z.string().trim().max(max).optional();
/** Baht as text with at most two decimals ("1250000.00"): numeric(16,2) in the database, never a float on the way. */
export const BahtInput = z
  .string()
  .trim()
  .regex(/^\d{1,14}(\.\d{1,2})?$/, "an amount in baht, digits with at most two decimals (e.g. 150000.00)")
  .refine((s) => Number(s) > 0, "more than zero");
const Website = z
  .string()
  .trim()
  .max(300)
  .url("a web address (https://…)")
  .refine((s) => /^https?:\/\//i.test(s), "a web address starting with https:// or http://");
const BoolQuery = z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean());

export const CreatePartnerInput = z.object({
  kind: z.enum(PARTNER_KINDS),
  /** the province whose network the partner belongs to (a national body is recorded as its provincial chapter) */
  provinceCode: ProvinceCode,
  nameTh: ThaiText(300),
  nameEn: EnText(300),
  /** the registry's organisation for it, when the registry has one (a public university, a PAO-run body) */
  registryOrgId: Id.optional(),
  website: Website.optional(),
  /** what the partner works on, in a line: no contact persons, phones or addresses (nothing personal) */
  focusTh: z.string().trim().max(500).optional(),
  focusEn: z.string().trim().max(500).optional(),
});

/**
 * Changes to a partner (any of its fields but its province); `version` is the version the editor read (optimistic
 * lock). `registryOrgId` and `website` may be cleared with null.
 */
export const UpdatePartnerInput = z.object({
  version: z.number().int().min(1),
  kind: z.enum(PARTNER_KINDS).optional(),
  nameTh: ThaiText(300).optional(),
  nameEn: z.string().trim().max(300).optional(),
  registryOrgId: Id.nullable().optional(),
  website: Website.nullable().optional(),
  focusTh: z.string().trim().max(500).optional(),
  focusEn: z.string().trim().max(500).optional(),
});
export type UpdatePartnerInput = z.input<typeof UpdatePartnerInput>;

export const CreateAgreementInput = z
  .object({
    partnerId: Id,
    /** the province's side: the provincial government (prov:<code>) or one of its provincial agencies (pro:<code>:…) */
    partyOrgId: Id,
    titleTh: ThaiText(500),
    titleEn: EnText(500),
    purposeTh: ThaiText(5_000),
    purposeEn: EnText(5_000),
    signedOn: IsoDate,
    endsOn: IsoDate,
    /** the agendas the MOU serves: strategy nodes (a government agenda, the province's pain point, goal or issue) */
    agendaNodeIds: z.array(Id).max(20).default([]),
  })
  .refine((i) => i.endsOn > i.signedOn, { path: ["endsOn"], message: "an agreement ends after the day it was signed" })
  .refine((i) => new Set(i.agendaNodeIds).size === i.agendaNodeIds.length, { path: ["agendaNodeIds"], message: "each agenda once" });

export const EndAgreementInput = z.object({ endedOn: IsoDate, reasonTh: ThaiText(1_000), reasonEn: EnText(1_000) });

export const RecordContributionInput = z
  .object({
    partnerId: Id,
    kind: z.enum(CONTRIBUTION_KINDS),
    /** money given, or the estimated value of an in-kind contribution (baht) */
    amount: BahtInput.optional(),
    /** people who volunteered (volunteers only) */
    volunteers: z.number().int().min(1).max(1_000_000).optional(),
    contributedOn: IsoDate,
    descriptionTh: ThaiText(2_000),
    descriptionEn: EnText(2_000),
    /** what it went to: an agenda (strategy node), a project of the One Plan, or both (at least one) */
    agendaNodeId: Id.optional(),
    projectId: Id.optional(),
    /** the agreement it was given under, if any (one of the partner's) */
    agreementId: Id.optional(),
  })
  .refine((i) => i.agendaNodeId || i.projectId, { path: ["agendaNodeId"], message: "name the agenda or the project it went to" })
  .refine((i) => i.kind !== "money" || i.amount !== undefined, { path: ["amount"], message: "a money contribution has an amount" })
  .refine((i) => i.amount === undefined || i.kind === "money" || i.kind === "in_kind", { path: ["amount"], message: "only money and in-kind contributions have an amount" })
  .refine((i) => (i.kind === "volunteers") === (i.volunteers !== undefined), { path: ["volunteers"], message: "the number of volunteers goes with a volunteers contribution, and only there" });

export const ListPartnersInput = z.object({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(PARTNER_KINDS).optional(),
  provinceCode: ProvinceCode.optional(),
  sort: z.enum(PARTNER_SORTS).default("name"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListPartnersInput = z.input<typeof ListPartnersInput>;

export const ListAgreementsInput = z.object({
  provinceCode: ProvinceCode.optional(),
  partnerId: Id.optional(),
  status: z.enum(AGREEMENT_STATUSES).optional(),
  /** only active agreements ending within EXPIRING_SOON_DAYS */
  expiringSoon: BoolQuery.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const ContributionTotalsInput = z.object({ provinceCode: ProvinceCode });

const Named = z.object({ th: z.string(), en: z.string() });
/** Baht as output: the exact numeric(16,2) text ("1250000.00"); the web formats it. */
const BahtText = z.string();

export const PartnerSummary = z.object({
  id: z.string(),
  kind: z.enum(PARTNER_KINDS),
  provinceCode: z.string(),
  provinceName: Named,
  nameTh: z.string(),
  nameEn: z.string(),
  website: z.string().nullable(),
  activeAgreements: z.number(),
  expiringSoon: z.number(),
  contributions: z.number(),
  /** money given plus the estimated value of in-kind contributions */
  contributedBaht: BahtText,
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export const AgendaRef = z.object({ id: z.string(), kind: z.string(), nameTh: z.string(), nameEn: z.string() });
export const AgreementView = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerName: Named,
  provinceCode: z.string(),
  partyOrgId: z.string(),
  partyName: Named,
  titleTh: z.string(),
  titleEn: z.string(),
  purposeTh: z.string(),
  purposeEn: z.string(),
  signedOn: z.string(),
  endsOn: z.string(),
  endedOn: z.string().nullable(),
  endedReasonTh: z.string().nullable(),
  status: z.enum(AGREEMENT_STATUSES),
  /** active and ending within EXPIRING_SOON_DAYS */
  expiringSoon: z.boolean(),
  /** days until it ends (active ones), else null */
  daysLeft: z.number().nullable(),
  agendas: z.array(AgendaRef),
  isDemo: z.boolean(),
});
export const ContributionView = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerName: Named,
  provinceCode: z.string(),
  kind: z.enum(CONTRIBUTION_KINDS),
  amount: BahtText.nullable(),
  volunteers: z.number().nullable(),
  contributedOn: z.string(),
  descriptionTh: z.string(),
  descriptionEn: z.string(),
  agenda: AgendaRef.nullable(),
  project: z.object({ id: z.string(), code: z.string(), titleTh: z.string(), titleEn: z.string(), fiscalYear: z.number() }).nullable(),
  agreementId: z.string().nullable(),
  isDemo: z.boolean(),
});
/** Totals of contributions: money, in-kind value, how many of each kind, volunteers. */
export const ContributionTotals = z.object({
  money: BahtText,
  inKind: BahtText,
  total: BahtText,
  contributions: z.number(),
  volunteers: z.number(),
  byKind: z.object({ money: z.number(), in_kind: z.number(), expertise: z.number(), volunteers: z.number() }),
});
export const AgendaTotals = ContributionTotals.extend({ agenda: AgendaRef });
export const PartnerTotals = ContributionTotals.extend({ partnerId: z.string(), partnerName: Named, kind: z.enum(PARTNER_KINDS) });
export const PartnerView = PartnerSummary.extend({
  /** the version an edit must name (optimistic lock) */
  version: z.number().int(),
  registryOrgId: z.string().nullable(),
  registryOrgName: Named.nullable(),
  focusTh: z.string(),
  focusEn: z.string(),
  agreements: z.array(AgreementView),
  contributions: z.array(ContributionView),
  totals: ContributionTotals,
  byAgenda: z.array(AgendaTotals),
  may: z.object({ manage: z.boolean(), history: z.boolean(), seats: z.boolean() }),
});
export const ProvinceContributionTotals = z.object({ provinceCode: z.string(), totals: ContributionTotals, byPartner: z.array(PartnerTotals), byAgenda: z.array(AgendaTotals) });
/** The agendas the agreement and contribution forms may link to in a partner's province (projects and parties come from their pickers). */
export const PartnerOptions = z.object({ agendas: z.array(AgendaRef) });

export type PartnerSummary = z.infer<typeof PartnerSummary>;
export type PartnerView = z.infer<typeof PartnerView>;
export type AgreementView = z.infer<typeof AgreementView>;
export type ContributionView = z.infer<typeof ContributionView>;
export type ContributionTotals = z.infer<typeof ContributionTotals>;
export type AgendaTotals = z.infer<typeof AgendaTotals>;
export type ProvinceContributionTotals = z.infer<typeof ProvinceContributionTotals>;
export type PartnerOptions = z.infer<typeof PartnerOptions>;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
