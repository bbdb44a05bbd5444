/** Delegation contracts: browser-safe zod schemas for powers, delegation instruments and the authority check. */
import { z } from "zod";
import { isIsoDate } from "../../platform/thai/dates.js";

export const PowerArea = z.enum(["commands-permits", "personnel", "budget-procurement"]);
export type PowerArea = z.infer<typeof PowerArea>;
/** Posts a power is delegated to. `agency_head` is the head of a ministry's or department's agency (delegate_org_id). */
export const DelegateRole = z.enum(["governor", "vice_governor", "district_chief", "agency_head", "provincial_agency_head"]);
export type DelegateRole = z.infer<typeof DelegateRole>;

export const IsoDate = z.string().refine((s) => isIsoDate(s) && s >= "1990-01-01" && s <= "2199-12-31", "a real Gregorian date YYYY-MM-DD");
const ProvinceCode = z.string().regex(/^\d{2}$/, "a two-digit province code");
const DistrictCode = z.string().regex(/^\d{4}$/, "a four-digit district code");
/** Baht with at most two decimals, up to numeric(16,2). */
export const Baht = z.number().finite().min(0).max(99_999_999_999_999.99).refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "at most two decimals");

export const PowerView = z.object({
  code: z.string(),
  area: PowerArea,
  nameTh: z.string(),
  nameEn: z.string(),
  descriptionTh: z.string(),
  descriptionEn: z.string(),
  legalBasisTh: z.string(),
  legalBasisEn: z.string(),
  centralOrgId: z.string(),
  centralOrgNameTh: z.string(),
  centralOrgNameEn: z.string(),
  centralAuthorityTh: z.string(),
  centralAuthorityEn: z.string(),
  typicalDelegation: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  isPermit: z.boolean(),
  slaDaysDelegated: z.number().int().nullable(),
  slaDaysCentral: z.number().int().nullable(),
  /** "confirmed" when a public source confirmed the entry, else "unverified" */
  verified: z.boolean(),
  verification: z.string(),
  /** instruments in force today for this power (any province) */
  inForceCount: z.number().int(),
  isDemo: z.boolean(),
});
export type PowerView = z.infer<typeof PowerView>;

export const ListPowersInput = z.object({
  area: PowerArea.optional(),
  q: z.string().trim().max(200).optional(),
  centralOrgId: z.string().max(100).optional(),
  /** ministries: a department's powers count under its ministry */
  ministryId: z.string().max(100).optional(),
  isPermit: z.union([z.boolean(), z.enum(["true", "false"]).transform((s) => s === "true")]).optional(),
});

export const CreatePowerInput = z
  .object({
    code: z.string().trim().regex(/^[A-Z][A-Z0-9-]{1,39}$/, "upper-case letters, digits and hyphens"),
    area: PowerArea,
    nameTh: z.string().trim().min(1).max(500),
    nameEn: z.string().trim().max(500).default(""),
    descriptionTh: z.string().trim().max(5000).default(""),
    descriptionEn: z.string().trim().max(5000).default(""),
    legalBasisTh: z.string().trim().min(1).max(1000),
    legalBasisEn: z.string().trim().max(1000).default(""),
    centralOrgId: z.string().trim().min(1).max(100),
    centralAuthorityTh: z.string().trim().max(500).default(""),
    centralAuthorityEn: z.string().trim().max(500).default(""),
    typicalDelegation: z.string().trim().max(500).default(""),
    amountLimitBaht: Baht.nullable().optional(),
    isPermit: z.boolean().default(false),
    slaDaysDelegated: z.number().int().min(1).max(365).nullable().optional(),
    slaDaysCentral: z.number().int().min(1).max(365).nullable().optional(),
    verification: z.string().trim().max(2000).default(""),
  })
  .meta({ examples: [{ code: "P-TEST-001", area: "commands-permits", nameTh: "อำนาจทดสอบ", legalBasisTh: "พ.ร.บ.ทดสอบ มาตรา 1", centralOrgId: "moi.dol", isPermit: true, slaDaysDelegated: 15, slaDaysCentral: 60 }] });

export const DelegationStatus = z.enum(["in-force", "not-yet", "expired", "revoked"]);
export type DelegationStatus = z.infer<typeof DelegationStatus>;

export const DelegationView = z.object({
  id: z.string(),
  powerCode: z.string(),
  powerNameTh: z.string(),
  powerNameEn: z.string(),
  parentId: z.string().nullable(),
  rootId: z.string(),
  depth: z.number().int(),
  delegatorOrgId: z.string().nullable(),
  delegatorLabelTh: z.string(),
  delegatorLabelEn: z.string(),
  delegateRole: DelegateRole,
  delegateOrgId: z.string().nullable(),
  delegateLabelTh: z.string(),
  delegateLabelEn: z.string(),
  areaId: z.string().nullable(),
  provinceCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  /** baht as a decimal string (numeric(16,2)); null = no cap of its own */
  amountCap: z.string().nullable(),
  conditionsTh: z.string(),
  instrumentNo: z.string(),
  instrumentDate: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  maySubdelegate: z.boolean(),
  revokedFrom: z.string().nullable(),
  revokeReasonTh: z.string().nullable(),
  cascadedFromId: z.string().nullable(),
  requestId: z.string().nullable(),
  /** on the date asked about (today unless a date was given) */
  status: DelegationStatus,
  isDemo: z.boolean(),
});
export type DelegationView = z.infer<typeof DelegationView>;

export const DelegationDetail = DelegationView.extend({
  power: PowerView,
  /** root first, this one last */
  ancestors: z.array(DelegationView),
  /** every onward delegation beneath it, depth-first */
  descendants: z.array(DelegationView),
  /** history: whether the caller may read its change history (GET /history/delegation/:id) */
  may: z.object({ subdelegate: z.boolean(), revoke: z.boolean(), history: z.boolean() }),
});
export type DelegationDetail = z.infer<typeof DelegationDetail>;

export const ListDelegationsInput = z.object({
  powerCode: z.string().max(40).optional(),
  provinceCode: ProvinceCode.optional(),
  /** the central authority's ministry (a department counts under its ministry) */
  ministryId: z.string().max(100).optional(),
  area: PowerArea.optional(),
  delegateRole: DelegateRole.optional(),
  status: DelegationStatus.optional(),
  /** status as of this date (default today, Bangkok) */
  on: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const CreateDelegationInput = z
  .object({
    powerCode: z.string().trim().min(1).max(40),
    /** an onward delegation names the instrument it delegates from; a root instrument names none */
    parentId: z.string().min(1).max(120).nullable().optional(),
    delegateRole: DelegateRole,
    delegateOrgId: z.string().min(1).max(100).nullable().optional(),
    /** null / omitted = every CEO governor (root) or the parent's whole area */
    provinceCode: ProvinceCode.nullable().optional(),
    districtCode: DistrictCode.nullable().optional(),
    amountCap: Baht.nullable().optional(),
    conditionsTh: z.string().trim().max(2000).default(""),
    instrumentNo: z.string().trim().min(1).max(120),
    instrumentDate: IsoDate,
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable().optional(),
    maySubdelegate: z.boolean().default(false),
  })
  .meta({
    examples: [
      { powerCode: "P-ADM-013", delegateRole: "governor", provinceCode: "40", instrumentNo: "ทดสอบ 1/2569", instrumentDate: "2026-01-05", effectiveFrom: "2026-01-05", effectiveTo: "2027-09-30", maySubdelegate: true },
    ],
  });

export const RevokeDelegationInput = z.object({
  /** not in force from this date on (default today) */
  revokedFrom: IsoDate.optional(),
  reasonTh: z.string().trim().min(1).max(2000),
});

export const AuthorityQuery = z.object({
  powerCode: z.string().trim().min(1).max(40),
  provinceCode: ProvinceCode,
  districtCode: DistrictCode.optional(),
  amount: z.coerce.number().finite().min(0).max(99_999_999_999_999.99).optional(),
  /** default today (Bangkok) */
  date: IsoDate.optional(),
});
export type AuthorityQuery = z.input<typeof AuthorityQuery>;

export const ChainLink = z.object({
  delegationId: z.string(),
  delegatorLabelTh: z.string(),
  delegatorLabelEn: z.string(),
  delegateLabelTh: z.string(),
  delegateLabelEn: z.string(),
  instrumentNo: z.string(),
  instrumentDate: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  amountCap: z.string().nullable(),
  conditionsTh: z.string(),
});
export type ChainLink = z.infer<typeof ChainLink>;

export const NotApplicableReason = z.enum(["not-yet-effective", "expired", "revoked", "out-of-area", "over-limit", "chain-broken"]);
export type NotApplicableReason = z.infer<typeof NotApplicableReason>;

export const AuthorityAnswer = z.object({
  powerCode: z.string(),
  powerNameTh: z.string(),
  powerNameEn: z.string(),
  legalBasisTh: z.string(),
  legalBasisEn: z.string(),
  provinceCode: z.string(),
  districtCode: z.string().nullable(),
  amount: z.number().nullable(),
  date: z.string(),
  /** "delegated": decided in the province by `deciders`; "central": it goes to `central` */
  decision: z.enum(["delegated", "central"]),
  /** most local first: the post that decides, and the chain from the central authority down to it */
  deciders: z.array(
    z.object({
      delegationId: z.string(),
      role: DelegateRole,
      /** scope key of the deciding post: area:province:40, area:district:4001, org:… */
      scope: z.string(),
      labelTh: z.string(),
      labelEn: z.string(),
      amountCap: z.string().nullable(),
      chain: z.array(ChainLink),
    }),
  ),
  central: z.object({ orgId: z.string(), nameTh: z.string(), nameEn: z.string(), authorityTh: z.string(), authorityEn: z.string() }),
  /** instruments that exist for this power and place but do not apply, and why (those that lapsed over a year before the date are left out) */
  notApplicable: z.array(z.object({ delegationId: z.string(), delegateLabelTh: z.string(), delegateLabelEn: z.string(), reason: NotApplicableReason, instrumentNo: z.string() })),
  explanationTh: z.string(),
  explanationEn: z.string(),
});
export type AuthorityAnswer = z.infer<typeof AuthorityAnswer>;

/** "What can the governor of P decide today": every power with the governor's standing and the instrument behind it. */
/** the province-wide posts (district chiefs and office heads are answered by the authority check for their district or office) */
export const ProvincePowersInput = z.object({ provinceCode: ProvinceCode, date: IsoDate.optional(), role: z.enum(["governor", "vice_governor"]).default("governor") });
export const ProvincePowers = z.object({
  provinceCode: z.string(),
  provinceNameTh: z.string(),
  provinceNameEn: z.string(),
  role: DelegateRole,
  date: z.string(),
  items: z.array(
    z.object({
      power: PowerView.pick({ code: true, area: true, nameTh: true, nameEn: true, legalBasisTh: true, legalBasisEn: true, centralOrgId: true, centralOrgNameTh: true, centralOrgNameEn: true, isPermit: true, verified: true }),
      decidedHere: z.boolean(),
      delegationId: z.string().nullable(),
      amountCap: z.string().nullable(),
      effectiveTo: z.string().nullable(),
      instrumentNo: z.string().nullable(),
      maySubdelegate: z.boolean(),
    }),
  ),
  counts: z.object({ decidedHere: z.number().int(), central: z.number().int() }),
});
export type ProvincePowers = z.infer<typeof ProvincePowers>;
