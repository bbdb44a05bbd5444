/** Contracts of the funds part: leftover funds and their reallocation, matching funds, the emergency central fund. */
import { z } from "zod";
import { Baht, BahtText, EmergencyStatus, EmergencyUrgency, FiscalYear, IsoDate, MatchingParty, MatchingStatus, ProvinceCode, SubdistrictCode } from "./contracts.js";

const Id = z.string().trim().min(1).max(120);
const Note = z.string().trim().max(2000);
/** A positive amount of baht (at least one satang). */
const PositiveBaht = Baht.refine((n) => n >= 0.01, "more than zero");
const Page = { limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) };

export const HistoryEntry = z.object({ id: z.number(), at: z.string(), actorName: z.string(), action: z.string(), after: z.unknown() });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

// ─── Leftover funds ────────────────────────────────────────────────────────────────────────────────────────

export const RecordLeftoverInput = z.object({
  projectId: Id,
  amount: PositiveBaht,
  /** the procurement whose goal was met (one of the project's, at contract stage or later); the latest when left out */
  procurementId: Id.optional(),
  recordedOn: IsoDate.optional(),
  noteTh: Note.optional(),
});
export type RecordLeftoverInput = z.input<typeof RecordLeftoverInput>;

export const ReallocateLeftoverInput = z.object({
  fundId: Id,
  targetProjectId: Id,
  amount: PositiveBaht,
  purposeTh: z.string().trim().min(3).max(1000),
});
export type ReallocateLeftoverInput = z.input<typeof ReallocateLeftoverInput>;

export const LeftoverPoolInput = z.object({ provinceCode: ProvinceCode, fiscalYear: FiscalYear.optional() });
export type LeftoverPoolInput = z.input<typeof LeftoverPoolInput>;

export const AgencyRef = z.object({ id: z.string(), nameTh: z.string(), nameEn: z.string() });

export const LeftoverFundView = z.object({
  id: z.string(),
  fiscalYear: z.number().int(),
  provinceCode: z.string(),
  projectId: z.string(),
  projectCode: z.string(),
  projectTitleTh: z.string(),
  ownerOrgId: z.string(),
  ownerNameTh: z.string(),
  ownerNameEn: z.string(),
  agency: AgencyRef,
  amount: BahtText,
  remaining: BahtText,
  procurementId: z.string().nullable(),
  recordedOn: z.string(),
  noteTh: z.string(),
  isDemo: z.boolean(),
});
export type LeftoverFundView = z.infer<typeof LeftoverFundView>;

export const ReallocationView = z.object({
  id: z.string(),
  fundId: z.string(),
  provinceCode: z.string(),
  targetProjectId: z.string(),
  targetProjectCode: z.string(),
  targetProjectTitleTh: z.string(),
  amount: BahtText,
  purposeTh: z.string(),
  delegationId: z.string(),
  /** the deciding post and the chain of instruments it acted under */
  deciderLabelTh: z.string(),
  deciderLabelEn: z.string(),
  chainTh: z.array(z.string()),
  chainEn: z.array(z.string()),
  decidedOn: z.string(),
  decidedBy: z.string().nullable(),
});
export type ReallocationView = z.infer<typeof ReallocationView>;

export const LeftoverPool = z.object({
  provinceCode: z.string(),
  fiscalYear: z.number().int().nullable(),
  agencies: z.array(z.object({ agency: AgencyRef, amount: BahtText, remaining: BahtText, funds: z.array(LeftoverFundView) })),
  total: BahtText,
  remaining: BahtText,
  reallocations: z.array(ReallocationView),
  /** may the reader read each fund's change history (GET /history/leftover-fund/<id>): an audit grant over the province */
  may: z.object({ history: z.boolean() }),
});
export type LeftoverPool = z.infer<typeof LeftoverPool>;

/** What a reallocation of this fund would act under, and the activities it may go to (the same agency's, same province). */
export const ReallocationOptions = z.object({
  fund: LeftoverFundView,
  targets: z.array(z.object({ id: z.string(), code: z.string(), titleTh: z.string(), titleEn: z.string(), ownerNameTh: z.string(), ownerNameEn: z.string(), totalBudget: BahtText, fiscalYear: z.number().int() })),
  authority: z.object({
    decision: z.enum(["delegated", "central"]),
    governorMayDecide: z.boolean(),
    deciderLabelTh: z.string().nullable(),
    deciderLabelEn: z.string().nullable(),
    chainTh: z.array(z.string()),
    chainEn: z.array(z.string()),
    explanationTh: z.string(),
    explanationEn: z.string(),
    centralTh: z.string(),
    centralEn: z.string(),
  }),
});
export type ReallocationOptions = z.infer<typeof ReallocationOptions>;

// ─── Matching funds ────────────────────────────────────────────────────────────────────────────────────────

export const CreateMatchingInput = z.object({
  projectId: Id,
  /** a municipality, subdistrict administrative organisation or the PAO of the project's province */
  localGovOrgId: Id,
  provinceShare: PositiveBaht,
  localShare: PositiveBaht,
});
export type CreateMatchingInput = z.input<typeof CreateMatchingInput>;

export const MatchingEntryInput = z.object({
  id: Id,
  party: MatchingParty,
  kind: z.enum(["commitment", "transfer"]),
  amount: PositiveBaht,
  entryOn: IsoDate.optional(),
  referenceTh: z.string().trim().max(300).optional(),
  /** the version the user saw (optimistic check; the row is locked as well) */
  version: z.number().int().min(1).optional(),
});
export type MatchingEntryInput = z.input<typeof MatchingEntryInput>;

export const MatchingStatusInput = z.object({ id: Id, action: z.enum(["agree", "close", "cancel"]), on: IsoDate.optional(), version: z.number().int().min(1).optional() });
export type MatchingStatusInput = z.input<typeof MatchingStatusInput>;

export const ListMatchingInput = z.object({
  provinceCode: ProvinceCode.optional(),
  fiscalYear: FiscalYear.optional(),
  status: MatchingStatus.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(["created", "-created", "total", "-total"]).default("-created"),
  ...Page,
});
export type ListMatchingInput = z.input<typeof ListMatchingInput>;

const PartyTotals = z.object({ share: BahtText, committed: BahtText, transferred: BahtText });
export const MatchingFundView = z.object({
  id: z.string(),
  fiscalYear: z.number().int(),
  provinceCode: z.string(),
  projectId: z.string(),
  projectCode: z.string(),
  projectTitleTh: z.string(),
  projectTitleEn: z.string(),
  localGov: AgencyRef,
  province: PartyTotals,
  local: PartyTotals,
  total: BahtText,
  status: MatchingStatus,
  agreedOn: z.string().nullable(),
  version: z.number().int(),
  isDemo: z.boolean(),
});
export type MatchingFundView = z.infer<typeof MatchingFundView>;

export const MatchingFundDetail = MatchingFundView.extend({
  entries: z.array(z.object({ id: z.string(), party: MatchingParty, kind: z.enum(["commitment", "transfer"]), amount: BahtText, entryOn: z.string(), referenceTh: z.string(), recordedBy: z.string().nullable() })),
  history: z.array(HistoryEntry),
  /** what the reader may do here: read the change history (GET /history/<type>/<id>, the rule it applies) */
  may: z.object({ history: z.boolean() }),
});
export type MatchingFundDetail = z.infer<typeof MatchingFundDetail>;

export const MatchingList = z.object({ items: z.array(MatchingFundView), total: z.number().int() });
export type MatchingList = z.infer<typeof MatchingList>;

// ─── Emergency central fund ────────────────────────────────────────────────────────────────────────────────

export const SubmitEmergencyInput = z.object({
  provinceCode: ProvinceCode,
  /** the requesting organisation: the province (prov:<code>) by default */
  requestingOrgId: Id.optional(),
  titleTh: z.string().trim().min(3).max(300),
  amount: PositiveBaht,
  justificationTh: z.string().trim().min(10).max(4000),
  areaCodes: z.array(SubdistrictCode).min(1).max(200),
  urgency: EmergencyUrgency,
  submittedOn: IsoDate.optional(),
  /** the project the money is for (in the province, same fiscal year): on approval it gets a central-fund budget line */
  projectId: Id.optional(),
});
export type SubmitEmergencyInput = z.input<typeof SubmitEmergencyInput>;

export const ScreenEmergencyInput = z.object({
  id: Id,
  recommendation: z.enum(["support", "not_support"]),
  /** required when supporting: at most the amount requested */
  recommendedAmount: PositiveBaht.optional(),
  noteTh: Note.optional(),
  version: z.number().int().min(1).optional(),
});
export type ScreenEmergencyInput = z.input<typeof ScreenEmergencyInput>;

/** The deputy PM's office: approve (within the cap, else the request goes to the PM), refer to the PM, or reject. */
export const DecideEmergencyInput = z.object({ id: Id, decision: z.enum(["approve", "refer", "reject"]), noteTh: Note.optional(), version: z.number().int().min(1).optional() });
export type DecideEmergencyInput = z.input<typeof DecideEmergencyInput>;

export const PmDecideEmergencyInput = z.object({ id: Id, decision: z.enum(["approve", "reject"]), noteTh: Note.optional(), version: z.number().int().min(1).optional() });
export type PmDecideEmergencyInput = z.input<typeof PmDecideEmergencyInput>;

export const ListEmergencyInput = z.object({
  provinceCode: ProvinceCode.optional(),
  fiscalYear: FiscalYear.optional(),
  status: EmergencyStatus.optional(),
  deputyPmPostId: Id.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(["submitted", "-submitted", "amount", "-amount"]).default("-submitted"),
  ...Page,
});
export type ListEmergencyInput = z.input<typeof ListEmergencyInput>;

export const EmergencyScreening = z.object({ recommendation: z.enum(["support", "not_support"]), recommendedAmount: BahtText.nullable(), noteTh: z.string(), screenedOn: z.string(), screenedBy: z.string().nullable() });

export const EmergencyRequestView = z.object({
  id: z.string(),
  fiscalYear: z.number().int(),
  provinceCode: z.string(),
  provinceNameTh: z.string(),
  provinceNameEn: z.string(),
  requestingOrgId: z.string(),
  titleTh: z.string(),
  amount: BahtText,
  justificationTh: z.string(),
  areaCodes: z.array(z.string()),
  urgency: EmergencyUrgency,
  status: EmergencyStatus,
  deputyPmPostId: z.string().nullable(),
  deputyPmLabelTh: z.string().nullable(),
  deputyPmLabelEn: z.string().nullable(),
  submittedOn: z.string(),
  screening: EmergencyScreening.nullable(),
  /** the amount a decision counts: the working group's recommended amount */
  decisionAmount: BahtText,
  decidedOn: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionNoteTh: z.string(),
  version: z.number().int(),
  /** the project funded on approval (its central-fund budget line), if the request named one */
  projectId: z.string().nullable(),
  isDemo: z.boolean(),
});
export type EmergencyRequestView = z.infer<typeof EmergencyRequestView>;

export const EmergencyRequestDetail = EmergencyRequestView.extend({
  history: z.array(HistoryEntry),
  /** what the reader may do here: read the change history (GET /history/<type>/<id>, the rule it applies) */
  may: z.object({ history: z.boolean() }),
});
export type EmergencyRequestDetail = z.infer<typeof EmergencyRequestDetail>;

export const EmergencyList = z.object({ items: z.array(EmergencyRequestView), total: z.number().int() });
export type EmergencyList = z.infer<typeof EmergencyList>;

/** The outcome of a deputy PM's decision: `referred` when the cap sent it to the PM. */
export const EmergencyDecision = z.object({ outcome: z.enum(["approved", "referred", "rejected"]), request: EmergencyRequestView, approvedTotal: BahtText, headroom: BahtText });
export type EmergencyDecision = z.infer<typeof EmergencyDecision>;

export const HeadroomInput = z.object({ fiscalYear: FiscalYear.optional() });
export const EmergencyHeadroom = z.object({
  fiscalYear: z.number().int(),
  cap: BahtText,
  deputyPms: z.array(z.object({ postId: z.string(), labelTh: z.string(), labelEn: z.string(), approvedTotal: BahtText, approvals: z.number().int(), headroom: BahtText, awaiting: z.number().int(), awaitingAmount: BahtText })),
});
export type EmergencyHeadroom = z.infer<typeof EmergencyHeadroom>;
