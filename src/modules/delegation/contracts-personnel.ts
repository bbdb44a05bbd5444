/** Personnel under delegated authority: browser-safe zod schemas for personnel actions and recruitment/selection committees. */
import { z } from "zod";
import { IsoDate } from "./contracts.js";

const ProvinceCode = z.string().regex(/^\d{2}$/, "a two-digit province code");
const OrgId = z.string().trim().min(1).max(100);
const Name = z.string().trim().min(1).max(200);

export const PersonnelActionKind = z.enum(["transfer", "appointment", "special-recruitment", "temporary-hire", "minor-discipline"]);
export type PersonnelActionKind = z.infer<typeof PersonnelActionKind>;

/** The power each kind of personnel action is taken under (powers catalogue codes): the one place this is said. */
export const PERSONNEL_KIND_POWER: Record<PersonnelActionKind, string> = {
  transfer: "P-HR-003",
  appointment: "P-HR-004",
  "special-recruitment": "P-HR-002",
  "temporary-hire": "P-HR-005",
  "minor-discipline": "P-HR-007",
};

export const PersonnelRoute = z.enum(["delegated", "central"]);
export type PersonnelRoute = z.infer<typeof PersonnelRoute>;

/**
 * A personnel action. Organisations by kind: a transfer names both `fromOrgId` and `toOrgId` (different); an
 * appointment, special recruitment or temporary hire names `toOrgId` (where the post is); minor discipline names
 * `fromOrgId` (where the official serves) and no `toOrgId`.
 */
export const RecordPersonnelActionInput = z
  .object({
    provinceCode: ProvinceCode,
    kind: PersonnelActionKind,
    personName: Name,
    positionTh: z.string().trim().min(1).max(300),
    fromOrgId: OrgId.nullable().optional(),
    toOrgId: OrgId.nullable().optional(),
    detailsTh: z.string().trim().max(4000).default(""),
    effectiveOn: IsoDate,
    orderNo: z.string().trim().min(1).max(120),
  })
  .meta({
    examples: [
      { provinceCode: "40", kind: "transfer", personName: "นางสาวทดสอบ ย้ายดี", positionTh: "นักวิชาการที่ดินชำนาญการ", fromOrgId: "pro:40:land", toOrgId: "pro:40:provincial-office", effectiveOn: "2026-12-01", orderNo: "คำสั่งจังหวัดขอนแก่น ที่ 1/2570" },
      { provinceCode: "95", kind: "special-recruitment", personName: "นายทดสอบ คนพื้นที่", positionTh: "เจ้าพนักงานปกครองปฏิบัติงาน", toOrgId: "pro:95:provincial-administration", effectiveOn: "2026-12-01", orderNo: "คำสั่งจังหวัดยะลา ที่ 2/2570" },
    ],
  });

export const PersonnelActionView = z.object({
  id: z.string(),
  provinceCode: z.string(),
  provinceNameTh: z.string(),
  provinceNameEn: z.string(),
  kind: PersonnelActionKind,
  powerCode: z.string(),
  powerNameTh: z.string(),
  powerNameEn: z.string(),
  legalBasisTh: z.string(),
  personName: z.string(),
  positionTh: z.string(),
  fromOrgId: z.string().nullable(),
  fromOrgNameTh: z.string().nullable(),
  fromOrgNameEn: z.string().nullable(),
  toOrgId: z.string().nullable(),
  toOrgNameTh: z.string().nullable(),
  toOrgNameEn: z.string().nullable(),
  detailsTh: z.string(),
  effectiveOn: z.string(),
  orderNo: z.string().nullable(),
  status: z.string(),
  /** "delegated": decided in the province under `deciderDelegationId`; "central": by the central authority */
  route: PersonnelRoute,
  deciderDelegationId: z.string().nullable(),
  deciderInstrumentNo: z.string().nullable(),
  deciderLabelTh: z.string(),
  deciderLabelEn: z.string(),
  deciderScope: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  isDemo: z.boolean(),
});
export type PersonnelActionView = z.infer<typeof PersonnelActionView>;

export const ListPersonnelActionsInput = z.object({
  kind: PersonnelActionKind.optional(),
  provinceCode: ProvinceCode.optional(),
  route: PersonnelRoute.optional(),
  /** effective on or after / on or before */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const CommitteeKind = z.enum(["recruitment", "selection"]);
export type CommitteeKind = z.infer<typeof CommitteeKind>;
export const CommitteeRole = z.enum(["chair", "member", "secretary"]);
export type CommitteeRole = z.infer<typeof CommitteeRole>;
export const CommitteeStatus = z.enum(["open", "assessed", "appointed", "decided"]);
export type CommitteeStatus = z.infer<typeof CommitteeStatus>;

const MemberInput = z.object({ name: Name, role: CommitteeRole, positionTh: z.string().trim().max(300).default(""), orgId: OrgId.nullable().optional() });

/** A committee: exactly one chair and at least three members in all; a selection committee names its recruitment committee. */
export const CreateCommitteeInput = z
  .object({
    kind: CommitteeKind,
    /** the province of the post being filled (null: a national pool) */
    provinceCode: ProvinceCode.nullable().optional(),
    titleTh: z.string().trim().min(1).max(500),
    titleEn: z.string().trim().max(500).default(""),
    positionTh: z.string().trim().min(1).max(300),
    appointedOn: IsoDate,
    orderNo: z.string().trim().min(1).max(120),
    members: z.array(MemberInput).min(3).max(30),
    parentCommitteeId: z.string().min(1).max(120).nullable().optional(),
  })
  .meta({
    examples: [
      {
        kind: "recruitment",
        provinceCode: "76",
        titleTh: "คณะกรรมการสรรหาผู้ว่าราชการจังหวัดเพชรบุรี (ทดสอบ)",
        positionTh: "ผู้ว่าราชการจังหวัดเพชรบุรี",
        appointedOn: "2026-10-01",
        orderNo: "คำสั่งกระทรวงมหาดไทย ที่ 1/2570",
        members: [
          { name: "ประธาน ทดสอบ", role: "chair" },
          { name: "กรรมการ ทดสอบ", role: "member" },
          { name: "เลขานุการ ทดสอบ", role: "secretary" },
        ],
      },
    ],
  });

export const AddCandidatesInput = z.object({
  candidates: z
    .array(z.object({ name: Name, currentPositionTh: z.string().trim().min(1).max(300), currentOrgId: OrgId.nullable().optional() }))
    .min(1)
    .max(50),
});

/** Scores for every candidate of the committee (0–100) and the shortlist the selection committee will choose from. */
export const RecordAssessmentInput = z
  .object({
    assessedOn: IsoDate,
    scores: z.array(z.object({ candidateId: z.string().min(1).max(120), score: z.number().finite().min(0).max(100).refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "at most two decimals") })).min(1).max(50),
    shortlist: z.array(z.string().min(1).max(120)).min(1).max(50),
    assessmentTh: z.string().trim().max(4000).default(""),
  })
  .meta({ examples: [{ assessedOn: "2026-10-15", scores: [{ candidateId: "x", score: 80 }], shortlist: ["x"] }] });

export const DecideSelectionInput = z.object({
  selectedCandidateId: z.string().min(1).max(120),
  decisionOn: IsoDate,
  decisionTh: z.string().trim().min(1).max(4000),
});

export const CommitteeMemberView = z.object({ id: z.string(), name: z.string(), role: CommitteeRole, positionTh: z.string(), orgId: z.string().nullable(), orgNameTh: z.string().nullable() });
export const CandidateView = z.object({
  id: z.string(),
  name: z.string(),
  currentPositionTh: z.string(),
  currentOrgId: z.string().nullable(),
  currentOrgNameTh: z.string().nullable(),
  /** decimal string, two places (null before the assessment) */
  score: z.string().nullable(),
  rank: z.number().int().nullable(),
  shortlisted: z.boolean(),
});
export type CandidateView = z.infer<typeof CandidateView>;

export const CommitteeSummary = z.object({
  id: z.string(),
  kind: CommitteeKind,
  provinceCode: z.string().nullable(),
  provinceNameTh: z.string().nullable(),
  provinceNameEn: z.string().nullable(),
  titleTh: z.string(),
  titleEn: z.string(),
  positionTh: z.string(),
  appointedOn: z.string(),
  orderNo: z.string(),
  status: CommitteeStatus,
  parentCommitteeId: z.string().nullable(),
  assessedOn: z.string().nullable(),
  decisionOn: z.string().nullable(),
  memberCount: z.number().int(),
  candidateCount: z.number().int(),
  isDemo: z.boolean(),
});
export type CommitteeSummary = z.infer<typeof CommitteeSummary>;

export const CommitteeDetail = CommitteeSummary.extend({
  assessmentTh: z.string().nullable(),
  selectedCandidateId: z.string().nullable(),
  selectedCandidateName: z.string().nullable(),
  decisionTh: z.string().nullable(),
  members: z.array(CommitteeMemberView),
  /** a recruitment committee's own candidates; a selection committee's: the shortlist it decides among */
  candidates: z.array(CandidateView),
  /** true when the caller may not see the candidates (only the recruitment's own people do; the decision names the one chosen) */
  candidatesHidden: z.boolean(),
  /** a recruitment committee's selection committee, once appointed */
  selectionCommitteeId: z.string().nullable(),
  createdByName: z.string(),
  may: z.object({ write: z.boolean() }),
});
export type CommitteeDetail = z.infer<typeof CommitteeDetail>;

export const ListCommitteesInput = z.object({
  kind: CommitteeKind.optional(),
  provinceCode: ProvinceCode.optional(),
  status: CommitteeStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
