/**
 * Procurement (OCDS) contracts: the inputs of each step planning → tender → award → contract → implementation →
 * complete (or cancelled / unsuccessful), the views the API returns, and the list query. Browser-safe.
 */
import { z } from "zod";
import { Baht, BahtText, FiscalYear, IsoDate, ProcurementCategory, ProcurementMethod, ProcurementStage, ProvinceCode } from "./contracts.js";

export { ProcurementCategory, ProcurementMethod, ProcurementStage };

/** Stages in their order; cancelled and unsuccessful end a process from an earlier stage. */
export const PROCUREMENT_FLOW = ["planning", "tender", "award", "contract", "implementation", "complete"] as const;
export const PROCUREMENT_CLOSED = ["complete", "cancelled", "unsuccessful"] as const;

/** The Thai juristic-person tax id check digit (Revenue Department): 13 digits, weights 13..2, (11 − sum mod 11) mod 10. */
export function isValidThaiTaxId(id: string): boolean {
  if (!/^\d{13}$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(id[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(id[12]);
}

/** A juristic-person tax id (leading 0) with a valid check digit, built from a serial number (demo data, benchmarks, tests). */
export function juristicTaxId(serial: number): string {
  const body = `0${String(serial % 1e11).padStart(11, "0")}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (13 - i);
  return body + String((11 - (sum % 11)) % 10);
}

/** A juristic person's tax id: 13 digits, a valid check digit, and a leading 0 (a citizen's id starts 1–8: personal data, refused). */
export const JuristicTaxId = z
  .string()
  .regex(/^\d{13}$/, "13 digits")
  .refine(isValidThaiTaxId, "the check digit does not match")
  .refine((s) => s.startsWith("0"), "a juristic person's tax id starts with 0 (a personal id number is not accepted)");

const TextTh = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().min(1).max(1_000_000).describe("the version the form was loaded at (optimistic lock)");

export const CreateProcurementInput = z.object({
  projectId: z.string().min(1).max(120),
  titleTh: TextTh(300),
  descriptionTh: z.string().trim().max(4000).optional(),
  method: ProcurementMethod,
  methodDetailsTh: z.string().trim().max(200).optional(),
  category: ProcurementCategory,
  plannedValue: Baht.refine((n) => n > 0, "more than zero"),
});
export type CreateProcurementInput = z.infer<typeof CreateProcurementInput>;

export const OpenTenderInput = z.object({
  id: z.string().min(1).max(120),
  version: Version,
  tenderValue: Baht.refine((n) => n > 0, "more than zero").describe("the estimate announced (ราคากลาง)"),
  tenderStart: IsoDate,
  tenderEnd: IsoDate,
});
export type OpenTenderInput = z.infer<typeof OpenTenderInput>;

export const Tenderer = z.object({ nameTh: TextTh(300), taxId: JuristicTaxId, bidAmount: Baht.refine((n) => n > 0, "more than zero") });
export type Tenderer = z.infer<typeof Tenderer>;

export const RecordAwardInput = z.object({
  id: z.string().min(1).max(120),
  version: Version,
  tenderers: z.array(Tenderer).min(1).max(200),
  /** the tax id of the winning tenderer (one of `tenderers`) */
  supplierTaxId: JuristicTaxId,
  awardAmount: Baht.refine((n) => n > 0, "more than zero"),
  awardDate: IsoDate,
  justificationTh: z.string().trim().max(2000).optional(),
});
export type RecordAwardInput = z.infer<typeof RecordAwardInput>;

export const SignContractInput = z.object({
  id: z.string().min(1).max(120),
  version: Version,
  contractNo: TextTh(60),
  contractAmount: Baht.refine((n) => n > 0, "more than zero"),
  signedOn: IsoDate,
  periodStart: IsoDate,
  periodEnd: IsoDate,
});
export type SignContractInput = z.infer<typeof SignContractInput>;

export const RecordPaymentInput = z.object({
  id: z.string().min(1).max(120),
  version: Version,
  amount: Baht.refine((n) => n > 0, "more than zero"),
  paidOn: IsoDate,
});
export type RecordPaymentInput = z.infer<typeof RecordPaymentInput>;

export const CompleteProcurementInput = z.object({ id: z.string().min(1).max(120), version: Version, completedOn: IsoDate });
export type CompleteProcurementInput = z.infer<typeof CompleteProcurementInput>;

export const CancelProcurementInput = z.object({
  id: z.string().min(1).max(120),
  version: Version,
  /** cancelled: the buyer stops the process; unsuccessful: the tender drew no acceptable bid */
  outcome: z.enum(["cancelled", "unsuccessful"]),
  reasonTh: TextTh(2000),
  closedOn: IsoDate,
});
export type CancelProcurementInput = z.infer<typeof CancelProcurementInput>;

export const ProcurementParty = z.object({ id: z.string(), nameTh: z.string(), taxId: z.string().nullable(), role: z.enum(["tenderer", "supplier"]), bidAmount: BahtText.nullable() });
export const ProcurementPayment = z.object({ id: z.string(), amount: BahtText, paidOn: z.string() });
export const ProcurementContract = z.object({
  id: z.string(),
  supplierPartyId: z.string(),
  supplierNameTh: z.string(),
  awardAmount: BahtText,
  awardDate: z.string(),
  awardJustificationTh: z.string(),
  contractNo: z.string().nullable(),
  contractAmount: BahtText.nullable(),
  signedOn: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  status: z.enum(["pending", "active", "cancelled", "terminated"]),
  paid: BahtText,
  payments: z.array(ProcurementPayment),
});
export type ProcurementContract = z.infer<typeof ProcurementContract>;

export const ProcurementSummary = z.object({
  id: z.string(),
  ocid: z.string(),
  projectId: z.string(),
  projectCode: z.string(),
  provinceCode: z.string().nullable(),
  fiscalYear: z.number().int(),
  buyerOrgId: z.string(),
  buyerNameTh: z.string(),
  buyerNameEn: z.string(),
  titleTh: z.string(),
  method: ProcurementMethod,
  methodDetailsTh: z.string(),
  category: ProcurementCategory,
  stage: ProcurementStage,
  plannedValue: BahtText,
  tenderValue: BahtText.nullable(),
  awardAmount: BahtText.nullable(),
  contractAmount: BahtText.nullable(),
  paid: BahtText,
  supplierNameTh: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  isDemo: z.boolean(),
});
export type ProcurementSummary = z.infer<typeof ProcurementSummary>;

export const ProcurementHistoryEntry = z.object({ at: z.string(), action: z.string(), actorName: z.string() });

export const ProcurementDetail = ProcurementSummary.extend({
  projectTitleTh: z.string(),
  descriptionTh: z.string(),
  tenderStart: z.string().nullable(),
  tenderEnd: z.string().nullable(),
  closedReasonTh: z.string(),
  closedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  releaseId: z.string(),
  parties: z.array(ProcurementParty),
  contracts: z.array(ProcurementContract),
  /** may the viewer record the next step (planning:procurement.write on the buyer) */
  canWrite: z.boolean(),
  /** the audit trail (newest first), for staff who may read its history (`may.history`); empty for the public */
  history: z.array(ProcurementHistoryEntry),
  /** what the reader may do here: read the change history (GET /history/<type>/<id>, the rule it applies) */
  may: z.object({ history: z.boolean() }),
});
export type ProcurementDetail = z.infer<typeof ProcurementDetail>;

export const ProcurementSort = z.enum(["-updated", "updated", "title", "-planned", "planned", "stage"]);
export const ListProcurementsInput = z.object({
  q: z.string().trim().max(200).optional(),
  provinceCode: ProvinceCode.optional(),
  fiscalYear: FiscalYear.optional(),
  stage: ProcurementStage.optional(),
  method: ProcurementMethod.optional(),
  projectId: z.string().min(1).max(120).optional(),
  sort: ProcurementSort.default("-updated"),
  limit: z.coerce.number().int().min(1).max(500).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListProcurementsInput = z.infer<typeof ListProcurementsInput>;
export const ProcurementList = z.object({ items: z.array(ProcurementSummary), total: z.number().int() });
export type ProcurementList = z.infer<typeof ProcurementList>;

/** OCDS packages are checked against the official schema in tests; the API declares them as open JSON objects. */
export const OcdsPackage = z.object({ uri: z.string(), version: z.literal("1.1"), publishedDate: z.string(), publisher: z.object({ name: z.string() }), releases: z.array(z.record(z.string(), z.unknown())) }).passthrough();
export type OcdsPackage = z.infer<typeof OcdsPackage>;
