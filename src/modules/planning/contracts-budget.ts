/**
 * Contracts of the budget cycle and disbursement: the Budget Act and its quarterly disbursement targets,
 * allocation notices (30 days after the Act), the province's operating plan (60 days after it knows its total),
 * frame shifts, monthly progress, the province budget dashboard and the deadline calendar. Browser-safe.
 */
import { z } from "zod";
import { Baht, BahtText, BudgetSource, FiscalYear, IsoDate, ProvinceCode } from "./contracts.js";
import { ProjectSummary } from "./contracts-projects.js";

/** Days a department has to notify the governor of the province's allocation, counted from the Budget Act. */
export const NOTICE_DAYS = 30;
/** Days the province has to prepare its operating plan, counted from the day it knows its total. */
export const OPERATING_PLAN_DAYS = 60;
/** Reminders are sent this many days before a deadline (the nearest reached threshold only). */
export const BUDGET_REMINDER_DAYS = [7, 1] as const;

const BoolQuery = z.union([z.boolean(), z.enum(["true", "false"]).transform((s) => s === "true")]);
const OrgId = z.string().trim().min(1).max(120);
const Pct = z.number().finite().min(0).max(100).refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "at most two decimals");

/** Cumulative share of the year's budget to be disbursed by the end of each fiscal quarter (%). */
export const DisbursementTargets = z
  .object({ q1: Pct, q2: Pct, q3: Pct, q4: Pct })
  .refine((t) => t.q1 <= t.q2 && t.q2 <= t.q3 && t.q3 <= t.q4, { message: "cumulative targets never decrease (q1 ≤ q2 ≤ q3 ≤ q4)" });
export type DisbursementTargets = z.infer<typeof DisbursementTargets>;
/** Used when an administrator records an Act without targets: demo values, configurable per fiscal year. */
export const DEFAULT_DISBURSEMENT_TARGETS: DisbursementTargets = { q1: 32, q2: 54, q3: 77, q4: 100 };

export const RecordBudgetActInput = z
  .object({
    fiscalYear: FiscalYear,
    /** the day the Act passed parliament: the allocation-notice clock starts the next day */
    passedOn: IsoDate,
    referenceTh: z.string().trim().max(500).optional(),
    disbursementTargets: DisbursementTargets.optional(),
  })
  .meta({ examples: [{ fiscalYear: 2570, passedOn: "2026-09-18", referenceTh: "พ.ร.บ.งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2570", disbursementTargets: { q1: 32, q2: 54, q3: 77, q4: 100 } }] });
export type RecordBudgetActInput = z.input<typeof RecordBudgetActInput>;

/** How a deadline is counted (shown with every deadline so a reader can check it). */
export const DeadlineRule = z.object({
  days: z.number().int(),
  /** the event day is not counted; day 1 is the next day (CCC s.193/3) */
  from: z.string(),
  /** a last day on a weekend or public holiday moves to the next working day (CCC s.193/8) */
  rollForward: z.boolean(),
});

export const BudgetActView = z.object({
  fiscalYear: z.number().int(),
  passedOn: z.string(),
  noticeDueOn: z.string(),
  referenceTh: z.string(),
  disbursementTargets: DisbursementTargets,
  noticeRule: DeadlineRule,
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export type BudgetActView = z.infer<typeof BudgetActView>;

export const AllocationNoticeLineInput = z.object({
  /** a project of the province and fiscal year the line funds (its budget line is tied to the notice) */
  projectCode: z.string().trim().min(1).max(40).optional(),
  descriptionTh: z.string().trim().min(1).max(500),
  amount: Baht,
});

/** A department's or ministry's notice to a governor of the amounts allocated to the province (the CSV/XLSX import sends this shape). */
export const RecordAllocationNoticeInput = z
  .object({
    fiscalYear: FiscalYear,
    fromOrgId: OrgId,
    provinceCode: ProvinceCode,
    total: Baht,
    /** the day the notice was sent to the governor; default today (Bangkok) */
    notifiedOn: IsoDate.optional(),
    lines: z.array(AllocationNoticeLineInput).max(500).default([]),
    referenceTh: z.string().trim().max(300).optional(),
  })
  .meta({ examples: [{ fiscalYear: 2570, fromOrgId: "moi.dopa", provinceCode: "76", total: 12500000, notifiedOn: "2026-10-16", lines: [{ descriptionTh: "งบดำเนินงานที่ทำการปกครองจังหวัด", amount: 2500000 }], referenceTh: "มท 0300/1234" }] });
export type RecordAllocationNoticeInput = z.input<typeof RecordAllocationNoticeInput>;

export const AllocationNoticeLineView = z.object({ projectId: z.string().nullable(), projectCode: z.string().nullable(), descriptionTh: z.string(), amount: BahtText });

export const AllocationNoticeView = z.object({
  id: z.string(),
  fiscalYear: z.number().int(),
  fromOrgId: z.string(),
  fromNameTh: z.string(),
  fromNameEn: z.string(),
  provinceCode: z.string(),
  provinceNameTh: z.string(),
  provinceNameEn: z.string(),
  total: BahtText,
  notifiedOn: z.string(),
  dueOn: z.string(),
  /** calendar days after the due date (0 = on time) */
  daysLate: z.number().int(),
  late: z.boolean(),
  lines: z.array(AllocationNoticeLineView),
  referenceTh: z.string(),
  isDemo: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type AllocationNoticeView = z.infer<typeof AllocationNoticeView>;

export const ListAllocationNoticesInput = z.object({
  fiscalYear: FiscalYear.optional(),
  provinceCode: ProvinceCode.optional(),
  fromOrgId: OrgId.optional(),
  late: BoolQuery.optional(),
  /** part of the reference (เลขที่หนังสือ) or of the sender's id */
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(["notified", "-notified", "late", "-late", "total", "-total"]).default("-notified"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const AllocationNoticeList = z.object({ items: z.array(AllocationNoticeView), total: z.number().int() });
export type AllocationNoticeList = z.infer<typeof AllocationNoticeList>;

/** The strategy office records the day the province knew its total and, later, the day the plan was submitted. */
export const RecordOperatingPlanInput = z
  .object({
    provinceCode: ProvinceCode,
    fiscalYear: FiscalYear,
    /** default: the day of the last allocation notice the province received for the year */
    totalKnownOn: IsoDate.optional(),
    submittedOn: IsoDate.optional(),
    noteTh: z.string().trim().max(1000).optional(),
  })
  .meta({ examples: [{ provinceCode: "76", fiscalYear: 2570, submittedOn: "2026-12-10" }] });
export type RecordOperatingPlanInput = z.input<typeof RecordOperatingPlanInput>;

export const OperatingPlanView = z.object({
  provinceCode: z.string(),
  fiscalYear: z.number().int(),
  totalKnownOn: z.string().nullable(),
  /** "declared" by the strategy office, or "last-notice" (the default) */
  totalKnownBasis: z.enum(["declared", "last-notice"]).nullable(),
  dueOn: z.string().nullable(),
  submittedOn: z.string().nullable(),
  daysLate: z.number().int(),
  /** pending (due ahead) | due-soon | overdue (not submitted, due passed) | on-time | late | unknown (no total yet) */
  status: z.enum(["unknown", "pending", "due-soon", "overdue", "on-time", "late"]),
  noteTh: z.string(),
  rule: DeadlineRule,
  isDemo: z.boolean(),
});
export type OperatingPlanView = z.infer<typeof OperatingPlanView>;

export const RecordFrameShiftInput = z
  .object({
    fiscalYear: FiscalYear,
    fromOrgId: OrgId,
    provinceCode: ProvinceCode,
    amount: Baht.refine((n) => n > 0, "more than zero"),
    purposeTh: z.string().trim().min(3).max(1000),
  })
  .meta({ examples: [{ fiscalYear: 2570, fromOrgId: "moac.doae", provinceCode: "76", amount: 5000000, purposeTh: "ส่งเสริมการปลูกมะนาวแป้นเพชรบุรีตามความต้องการของพื้นที่" }] });
export type RecordFrameShiftInput = z.input<typeof RecordFrameShiftInput>;

export const FrameShiftView = z.object({
  id: z.string(),
  fiscalYear: z.number().int(),
  fromOrgId: z.string(),
  fromNameTh: z.string(),
  fromNameEn: z.string(),
  provinceCode: z.string(),
  amount: BahtText,
  purposeTh: z.string(),
  /** budget lines of projects that reference the shift */
  assigned: BahtText,
  projects: z.number().int(),
  /** what those projects disbursed, in proportion to the share of their budget the shift pays for */
  disbursed: BahtText,
  /** assigned beyond the shifted amount */
  overAssigned: z.boolean(),
  isDemo: z.boolean(),
});
export type FrameShiftView = z.infer<typeof FrameShiftView>;
export const ListFrameShiftsInput = z.object({ fiscalYear: FiscalYear, provinceCode: ProvinceCode.optional() });

/** A month as the first day of the month, or YYYY-MM. */
export const Month = z
  .string()
  .transform((s) => (/^\d{4}-\d{2}$/.test(s) ? `${s}-01` : s))
  .pipe(IsoDate.refine((s) => s.endsWith("-01"), "the first day of a month (YYYY-MM-01) or YYYY-MM"));

const ProgressFields = z.object({
  projectId: z.string().trim().min(1).max(120),
  month: Month,
  /** physical completion, cumulative (%); not for months still ahead */
  physicalPct: Pct.optional(),
  /** baht disbursed in that month (not cumulative); not for months still ahead */
  disbursed: Baht.optional(),
  /** the planned curve: baht the project planned to disburse in that month (any month of the year) */
  plannedDisbursed: Baht.optional(),
  noteTh: z.string().trim().max(1000).optional(),
});
const someFigure = (v: { physicalPct?: number; disbursed?: number; plannedDisbursed?: number }) => v.physicalPct !== undefined || v.disbursed !== undefined || v.plannedDisbursed !== undefined;
const someFigureMessage = { message: "give the physical %, the baht disbursed or the planned amount", path: ["disbursed"] };
export const RecordProgressInput = ProgressFields.refine(someFigure, someFigureMessage);
/** The route's body: the project comes from the path. */
export const RecordProgressBody = ProgressFields.omit({ projectId: true })
  .refine(someFigure, someFigureMessage)
  .meta({ examples: [{ month: "2026-01", physicalPct: 35, disbursed: 420000, plannedDisbursed: 500000 }] });
export type RecordProgressInput = z.input<typeof RecordProgressInput>;

export const ProgressMonthView = z.object({
  month: z.string(),
  physicalPct: z.string().nullable(),
  disbursed: BahtText.nullable(),
  plannedDisbursed: BahtText.nullable(),
  cumulativeDisbursed: BahtText,
  cumulativePlanned: BahtText,
  noteTh: z.string(),
  recordedBy: z.string().nullable(),
});
export const ProjectProgressView = z.object({
  projectId: z.string(),
  projectCode: z.string(),
  fiscalYear: z.number().int(),
  totalBudget: BahtText,
  months: z.array(ProgressMonthView),
});
export type ProjectProgressView = z.infer<typeof ProjectProgressView>;

export const DashboardInput = z.object({
  provinceCode: ProvinceCode,
  fiscalYear: FiscalYear,
  /** the day lagging is judged on; default today (Bangkok) */
  asOf: IsoDate.optional(),
});

const Amounts = { budget: BahtText, disbursed: BahtText, projects: z.number().int() };

/** Where a project stands against the quarterly target and its own planned curve. */
export const LaggingItem = z.object({
  kind: z.enum(["agency", "project"]),
  id: z.string(),
  code: z.string().nullable(),
  nameTh: z.string(),
  nameEn: z.string(),
  budget: BahtText,
  disbursed: BahtText,
  /** disbursed / budget, % (two decimals) */
  disbursedPct: z.number(),
  targetPct: z.number().nullable(),
  /** percentage points below the quarterly target (positive = behind) */
  behindTargetPts: z.number().nullable(),
  plannedToDate: BahtText.nullable(),
  /** baht below the project's own planned curve (positive = behind) */
  behindPlan: BahtText.nullable(),
  reasons: z.array(z.enum(["below-target", "below-plan"])),
});
export type LaggingItem = z.infer<typeof LaggingItem>;

export const DeadlineStatus = z.enum(["pending", "due-soon", "overdue", "on-time", "late", "met", "missed", "unknown"]);
export type DeadlineStatus = z.infer<typeof DeadlineStatus>;

export const CalendarItem = z.object({
  kind: z.enum(["budget-act", "allocation-notice", "operating-plan", "quarter-target", "milestone"]),
  date: z.string().nullable(),
  provinceCode: z.string().nullable(),
  orgId: z.string().nullable(),
  titleTh: z.string(),
  titleEn: z.string(),
  status: DeadlineStatus,
  /** the day the thing happened (notice sent, plan submitted, milestone done) */
  doneOn: z.string().nullable(),
  daysLate: z.number().int(),
  /** days until the date (negative: passed) */
  daysLeft: z.number().int().nullable(),
  entityId: z.string().nullable(),
  /** percent target for quarter targets, actual % alongside */
  targetPct: z.number().nullable(),
  actualPct: z.number().nullable(),
});
export type CalendarItem = z.infer<typeof CalendarItem>;

export const DeadlineCalendarInput = z.object({
  fiscalYear: FiscalYear,
  /** one province; nation-wide (every province the reader may see) when left out */
  provinceCode: ProvinceCode.optional(),
  kind: CalendarItem.shape.kind.optional(),
  status: DeadlineStatus.optional(),
});
export const DeadlineCalendar = z.object({
  fiscalYear: z.number().int(),
  provinceCode: z.string().nullable(),
  today: z.string(),
  act: BudgetActView.nullable(),
  operatingPlanRule: DeadlineRule,
  items: z.array(CalendarItem),
});
export type DeadlineCalendar = z.infer<typeof DeadlineCalendar>;

export const BudgetDashboard = z.object({
  provinceCode: z.string(),
  provinceNameTh: z.string(),
  provinceNameEn: z.string(),
  fiscalYear: z.number().int(),
  asOf: z.string(),
  /** the last fiscal quarter ended on or before asOf (null: none yet) */
  elapsedQuarter: z.number().int().nullable(),
  targets: DisbursementTargets.nullable(),
  totals: z.object(Amounts),
  bySource: z.array(z.object({ source: BudgetSource, amount: BahtText, projects: z.number().int() })),
  byAgency: z.array(z.object({ agencyId: z.string(), nameTh: z.string(), nameEn: z.string(), ...Amounts })),
  byStrategy: z.array(
    z.object({
      issueId: z.string().nullable(),
      issueCode: z.string().nullable(),
      issueNameTh: z.string(),
      issueNameEn: z.string(),
      goals: z.array(z.object({ goalId: z.string(), code: z.string().nullable(), nameTh: z.string(), nameEn: z.string(), ...Amounts })),
    }),
  ),
  /** twelve fiscal months, October first: cumulative baht and % of the budget */
  curve: z.array(z.object({ month: z.string(), disbursed: BahtText, /** null for months not yet begun: nothing has been disbursed in them yet */ cumulative: BahtText.nullable(), cumulativePct: z.number().nullable(), planned: BahtText, cumulativePlanned: BahtText, cumulativePlannedPct: z.number(), targetPct: z.number().nullable() })),
  lagging: z.object({ agencies: z.array(LaggingItem), projects: z.array(LaggingItem), projectsTotal: z.number().int() }),
  deadlines: z.object({
    act: BudgetActView.nullable(),
    notices: z.object({ expected: z.number().int(), onTime: z.number().int(), late: z.number().int(), missing: z.number().int(), overdue: z.number().int() }),
    operatingPlan: OperatingPlanView.nullable(),
  }),
  frameShifts: z.array(FrameShiftView),
  isDemo: z.boolean(),
});
export type BudgetDashboard = z.infer<typeof BudgetDashboard>;

/** The projects behind a dashboard figure. */
export const BudgetProjectsInput = z.object({
  provinceCode: ProvinceCode,
  fiscalYear: FiscalYear,
  source: BudgetSource.optional(),
  agencyId: OrgId.optional(),
  goalId: z.string().trim().min(1).max(120).optional(),
  issueId: z.string().trim().min(1).max(120).optional(),
  frameShiftId: z.string().trim().min(1).max(120).optional(),
  allocationNoticeId: z.string().trim().min(1).max(120).optional(),
  lagging: BoolQuery.optional(),
  asOf: IsoDate.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(["code", "budget", "-budget", "disbursed", "-disbursed", "pct", "-pct"]).default("code"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const BudgetProjectItem = ProjectSummary.extend({ budget: BahtText, disbursed: BahtText, disbursedPct: z.number(), physicalPct: z.number().nullable(), sourceAmount: BahtText.nullable() });
export const BudgetProjectList = z.object({ items: z.array(BudgetProjectItem), total: z.number().int() });
export type BudgetProjectList = z.infer<typeof BudgetProjectList>;
