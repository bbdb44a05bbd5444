/**
 * Planning contracts shared by every part of the module (plans and projects, budget cycle, funds, procurement):
 * browser-safe zod schemas. Each part keeps its own inputs and views in contracts-<part>.ts.
 */
import { z } from "zod";
import { isIsoDate } from "../../platform/thai/dates.js";

export const IsoDate = z.string().refine((s) => isIsoDate(s) && s >= "1990-01-01" && s <= "2199-12-31", "a real Gregorian date YYYY-MM-DD");
export const ProvinceCode = z.string().regex(/^\d{2}$/, "a two-digit province code");
export const DistrictCode = z.string().regex(/^\d{4}$/, "a four-digit district code");
export const SubdistrictCode = z.string().regex(/^\d{6}$/, "a six-digit subdistrict code");
/** A fiscal year in the Buddhist era (FY 2569 = 1 Oct 2025 – 30 Sep 2026). */
export const FiscalYear = z.coerce.number().int().min(2540).max(2700);
/** Baht as input: at most two decimals, up to numeric(16,2). */
export const Baht = z.number().finite().min(0).max(99_999_999_999_999.99).refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "at most two decimals");
/** Baht as output: the exact numeric(16,2) text from the database ("1250000.00"); the web formats it. */
export const BahtText = z.string();

export const PlanLevel = z.enum(["subdistrict", "district", "province", "cluster"]);
export type PlanLevel = z.infer<typeof PlanLevel>;
export const PlanStatus = z.enum(["draft", "consolidated", "approved"]);
export type PlanStatus = z.infer<typeof PlanStatus>;

/** Who proposed a project. */
export const ProjectOrigin = z.enum(["agency", "district", "subdistrict", "local_government", "province", "cluster"]);
export type ProjectOrigin = z.infer<typeof ProjectOrigin>;
export const ProjectStatus = z.enum(["proposed", "prioritised", "approved", "in_progress", "completed", "rejected", "cancelled"]);
export type ProjectStatus = z.infer<typeof ProjectStatus>;

/** Where a project's money comes from. */
export const BudgetSource = z.enum(["function", "province", "cluster", "local", "matching", "central_fund", "leftover"]);
export type BudgetSource = z.infer<typeof BudgetSource>;

export const AmendmentRoute = z.enum(["delegated", "central"]);
/** pending_province: requested by staff under a delegation that applies, awaiting the deciding post (governor / vice governor) */
export const AmendmentStatus = z.enum(["approved", "rejected", "pending_province", "pending_central"]);
export type AmendmentStatus = z.infer<typeof AmendmentStatus>;

export const EmergencyUrgency = z.enum(["immediate", "urgent", "necessary"]);
export const EmergencyStatus = z.enum(["submitted", "screened", "approved", "referred_to_pm", "pm_approved", "rejected", "withdrawn"]);
export type EmergencyStatus = z.infer<typeof EmergencyStatus>;
/** The yearly limit of a deputy prime minister's emergency central-fund approvals (Office of the PM regulation 2547). */
export const DEPUTY_PM_YEARLY_CAP_BAHT = 100_000_000;

export const MatchingStatus = z.enum(["proposed", "agreed", "funded", "closed", "cancelled"]);
export const MatchingParty = z.enum(["province", "local"]);

export const ProcurementStage = z.enum(["planning", "tender", "award", "contract", "implementation", "complete", "cancelled", "unsuccessful"]);
export type ProcurementStage = z.infer<typeof ProcurementStage>;
export const ProcurementMethod = z.enum(["open", "selective", "limited", "direct"]);
export const ProcurementCategory = z.enum(["goods", "works", "services"]);
