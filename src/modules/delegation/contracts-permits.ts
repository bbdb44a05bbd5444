/** Permits and approvals casework: browser-safe zod schemas (applications, decisions, the queue, turnaround statistics). */
import { z } from "zod";
import { Baht, IsoDate } from "./contracts.js";

const ProvinceCode = z.string().regex(/^\d{2}$/, "a two-digit province code");
const DistrictCode = z.string().regex(/^\d{4}$/, "a four-digit district code");

export const PermitStatus = z.enum(["received", "under-review", "approved", "refused", "withdrawn"]);
export type PermitStatus = z.infer<typeof PermitStatus>;
/** Still waiting for a decision. */
export const OPEN_PERMIT_STATUSES: readonly PermitStatus[] = ["received", "under-review"];
/** "delegated": decided in the province under a delegation instrument; "central": by the power's central authority. */
export const PermitRoute = z.enum(["delegated", "central"]);
export type PermitRoute = z.infer<typeof PermitRoute>;
export const ApplicantKind = z.enum(["citizen", "business"]);
export type ApplicantKind = z.infer<typeof ApplicantKind>;

/**
 * The check digit of a 13-digit Thai identification number (citizens, and juristic persons, whose registration
 * numbers use the same scheme): digit 13 = (11 − Σ dᵢ·(14 − i) mod 11) mod 10 over the first twelve digits.
 */
export function thaiIdChecksumOk(id: string): boolean {
  if (!/^\d{13}$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(id[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(id[12]);
}

export const PermitApplicantInput = z.object({
  name: z.string().trim().min(1).max(300),
  /** a citizen's 13-digit ID number or a business's 13-digit juristic-person number, check digit verified */
  idNumber: z.string().regex(/^\d{13}$/, "13 digits").refine(thaiIdChecksumOk, "the check digit does not match").optional(),
  phone: z.string().trim().regex(/^\+?\d[\d -]{7,18}$/, "a telephone number").optional(),
  address: z.string().trim().max(1000).optional(),
});

export const ReceivePermitApplicationInput = z
  .object({
    powerCode: z.string().trim().min(1).max(40),
    provinceCode: ProvinceCode,
    districtCode: DistrictCode.optional(),
    applicantKind: ApplicantKind,
    applicant: PermitApplicantInput,
    subjectTh: z.string().trim().min(1).max(1000),
    /** baht, when the power has an amount (a fee, a rent, a project value): the authority check compares it with caps */
    amount: Baht.optional(),
    /** default today (Bangkok); never in the future */
    receivedOn: IsoDate.optional(),
  })
  .superRefine((v, c) => {
    // juristic-person numbers begin with 0; a citizen's ID number never does
    if (v.applicantKind === "citizen" && v.applicant.idNumber?.startsWith("0")) {
      c.addIssue({ code: "custom", path: ["applicant", "idNumber"], message: "a citizen's ID number does not begin with 0 (that is a juristic-person number)" });
    }
    if (v.districtCode && !v.districtCode.startsWith(v.provinceCode)) c.addIssue({ code: "custom", path: ["districtCode"], message: "the district must be in the province" });
  })
  .meta({
    examples: [
      { powerCode: "P-ADM-015", provinceCode: "40", districtCode: "4001", applicantKind: "citizen", applicant: { name: "นายทดสอบ ระบบงาน (ตัวอย่าง)", address: "บ้านตัวอย่าง ตำบลในเมือง" }, subjectTh: "ขอใช้ที่สาธารณประโยชน์เพื่อวางท่อประปาหมู่บ้าน", amount: 120000, receivedOn: "2026-11-20" },
      { powerCode: "P-ADM-010", provinceCode: "57", applicantKind: "business", applicant: { name: "บริษัท ทดสอบการโรงแรม จำกัด (ตัวอย่าง)" }, subjectTh: "ขอใบอนุญาตประกอบธุรกิจโรงแรม 24 ห้อง" },
    ],
  });

export const DecidePermitApplicationInput = z
  .object({
    decision: z.enum(["approve", "refuse"]),
    /** the reasons for the decision; required when refusing */
    reasonTh: z.string().trim().max(4000).optional(),
    /** default today (Bangkok); not before reception, not in the future */
    decidedOn: IsoDate.optional(),
  })
  .superRefine((v, c) => {
    if (v.decision === "refuse" && !v.reasonTh) c.addIssue({ code: "custom", path: ["reasonTh"], message: "give the reasons for a refusal" });
  })
  .meta({ examples: [{ decision: "approve", decidedOn: "2026-11-20" }, { decision: "refuse", reasonTh: "ที่ดินแปลงนี้อยู่ในเขตทางน้ำสาธารณะ" }] });

export const WithdrawPermitApplicationInput = z.object({
  reasonTh: z.string().trim().max(2000).optional(),
  /** default today (Bangkok); not before reception, not in the future */
  withdrawnOn: IsoDate.optional(),
});

const BoolQuery = z.union([z.boolean(), z.enum(["true", "false"]).transform((s) => s === "true")]);

export const ListPermitQueueInput = z.object({
  status: PermitStatus.optional(),
  powerCode: z.string().trim().min(1).max(40).optional(),
  provinceCode: ProvinceCode.optional(),
  route: PermitRoute.optional(),
  /** only open applications past their due date */
  overdue: BoolQuery.optional(),
  /** true: only applications still waiting for a decision (received or under review); false: only closed ones */
  open: BoolQuery.optional(),
  /** a tracking code, or its beginning (PM-40-2570) */
  q: z.string().trim().min(1).max(40).optional(),
  sort: z.enum(["due", "-due", "received", "-received"]).default("due"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** One application as handlers see it in a queue: no applicant identity (PDPA). */
export const PermitListItem = z.object({
  id: z.string(),
  trackingCode: z.string(),
  powerCode: z.string(),
  powerNameTh: z.string(),
  powerNameEn: z.string(),
  provinceCode: z.string(),
  provinceNameTh: z.string(),
  provinceNameEn: z.string(),
  districtCode: z.string().nullable(),
  districtNameTh: z.string().nullable(),
  districtNameEn: z.string().nullable(),
  applicantKind: ApplicantKind,
  subjectTh: z.string(),
  /** baht as a decimal string */
  amount: z.string().nullable(),
  receivedOn: z.string(),
  route: PermitRoute,
  deciderDelegationId: z.string().nullable(),
  deciderLabelTh: z.string(),
  deciderLabelEn: z.string(),
  deciderScope: z.string(),
  slaDays: z.number().int(),
  dueOn: z.string(),
  status: PermitStatus,
  decision: z.enum(["approved", "refused"]).nullable(),
  decidedOn: z.string().nullable(),
  /** business days from reception to decision (holidays and weekends excluded, the reception day not counted) */
  turnaroundDays: z.number().int().nullable(),
  /** open and today is after the due date */
  overdue: z.boolean(),
  /** open: business days from today to the due date (negative when overdue); null once closed */
  daysLeft: z.number().int().nullable(),
  isDemo: z.boolean(),
});
export type PermitListItem = z.infer<typeof PermitListItem>;

export const PermitQueue = z.object({ items: z.array(PermitListItem), total: z.number().int(), today: z.string() });
export type PermitQueue = z.infer<typeof PermitQueue>;

/** One application with the applicant's identity: only for the people handling it. */
export const PermitApplicationDetail = PermitListItem.extend({
  applicant: z.object({ name: z.string(), idNumber: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() }),
  legalBasisTh: z.string(),
  legalBasisEn: z.string(),
  receivedByName: z.string(),
  reviewStartedOn: z.string().nullable(),
  reasonTh: z.string().nullable(),
  decidedByName: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  withdrawReasonTh: z.string().nullable(),
  /** how turnaround and days left are counted, in words */
  dayCountingTh: z.string(),
  dayCountingEn: z.string(),
  history: z.array(z.object({ at: z.string(), action: z.string(), actorName: z.string(), status: z.string().nullable() })),
  may: z.object({ review: z.boolean(), decide: z.boolean(), withdraw: z.boolean() }),
});
export type PermitApplicationDetail = z.infer<typeof PermitApplicationDetail>;

export const PermitStatsInput = z
  .object({
    powerCode: z.string().trim().min(1).max(40).optional(),
    provinceCode: ProvinceCode.optional(),
    /** a fiscal year (B.E.), or a period from–to; decisions count when their decision date falls in it */
    fiscalYear: z.coerce.number().int().min(2533).max(2742).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .superRefine((v, c) => {
    if (v.from && v.to && v.from > v.to) c.addIssue({ code: "custom", path: ["to"], message: "the period ends before it starts" });
    if (v.fiscalYear !== undefined && (v.from || v.to)) c.addIssue({ code: "custom", path: ["fiscalYear"], message: "give a fiscal year or a period, not both" });
  });

export const TurnaroundSummary = z.object({
  decidedCount: z.number().int(),
  /** business days; null when nothing was decided */
  medianDays: z.number().nullable(),
  meanDays: z.number().nullable(),
  p90Days: z.number().nullable(),
  /** share (0–1) of decisions whose turnaround did not exceed the application's service level */
  withinSlaShare: z.number().nullable(),
});
export type TurnaroundSummary = z.infer<typeof TurnaroundSummary>;

export const PermitStats = z.object({
  powerCode: z.string().nullable(),
  provinceCode: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  today: z.string(),
  groups: z.array(
    TurnaroundSummary.extend({
      powerCode: z.string(),
      powerNameTh: z.string(),
      powerNameEn: z.string(),
      route: PermitRoute,
      /** the power's current service level for this route (business days) */
      slaDays: z.number().int().nullable(),
      approvedCount: z.number().int(),
      refusedCount: z.number().int(),
      /** open today, received on or before the end of the period */
      openCount: z.number().int(),
      overdueCount: z.number().int(),
    }),
  ),
  /** one power in one province: decided centrally before its delegation date, in the province after (all dates) */
  comparison: z
    .object({
      powerCode: z.string(),
      provinceCode: z.string(),
      delegatedFrom: z.string(),
      before: TurnaroundSummary,
      after: TurnaroundSummary,
      /** after − before, business days (negative = faster) */
      medianChangeDays: z.number(),
    })
    .nullable(),
  methodTh: z.string(),
  methodEn: z.string(),
});
export type PermitStats = z.infer<typeof PermitStats>;

/** The day-counting rule, as the views state it. */
export const DAY_COUNTING_TH = "นับเป็นวันทำการ: ไม่นับวันเสาร์ วันอาทิตย์ และวันหยุดราชการ ไม่นับวันที่รับคำขอ (เริ่มนับวันทำการถัดไป จนถึงและรวมวันที่มีคำวินิจฉัย) ตัดสินในวันที่รับคำขอ = 0 วัน";
export const DAY_COUNTING_EN = "Business days: Saturdays, Sundays and public holidays are not counted, nor is the day of reception (counting starts the next business day and includes the day of the decision); a decision on the day of reception counts 0.";
export const PERCENTILE_METHOD_TH = "ค่ามัธยฐานและเปอร์เซ็นไทล์ที่ 90 ประมาณค่าเชิงเส้นระหว่างอันดับ (วิธีเดียวกับ PERCENTILE.INC ของ Excel): เรียงระยะเวลา x₁ ≤ … ≤ xₙ ตำแหน่ง h = (n − 1)·p + 1 ค่า = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋)";
export const PERCENTILE_METHOD_EN = "Median and 90th percentile by linear interpolation between order statistics (Excel's PERCENTILE.INC, Hyndman–Fan type 7): sort x₁ ≤ … ≤ xₙ, h = (n − 1)·p + 1, value = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).";
