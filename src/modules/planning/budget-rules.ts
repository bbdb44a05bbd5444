import { eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError, RuleViolation } from "../../platform/errors.js";
import { bangkokToday, diffDays } from "../../platform/thai/dates.js";
import { calendarDeadline, type Holidays } from "../../platform/thai/deadlines.js";
import { fiscalQuarterRange, type FiscalQuarter } from "../../platform/thai/fiscal-year.js";
import { holidaySet } from "../calendar/index.js";
import { DEFAULT_DISBURSEMENT_TARGETS, NOTICE_DAYS, OPERATING_PLAN_DAYS, type BudgetActView, type DisbursementTargets, type OperatingPlanView } from "./contracts-budget.js";
import { budgetActs, operatingPlans } from "./tables.js";

/**
 * THE DAY-COUNTING RULE of the budget cycle (docs/adr/0007-budget-deadlines.md): a period "within N days of"
 * an event starts the next day (day 1 = the day after the Act / after the total is known, CCC s.193/3), and a
 * last day on a Saturday, Sunday or public holiday (the calendar module's table) moves to the next working day
 * (CCC s.193/8), because a government letter cannot be sent or received on a day the offices are closed.
 * Late = done after that last day; days late = calendar days after it.
 */
export const ROLL_FORWARD = true;

export const todayOf = (ctx: Ctx): string => bangkokToday(ctx.now());

/** The public-holiday calendar (the calendar module's table), the same read delegation uses for business days. */
export const loadHolidays = (ctx: Ctx): Promise<Set<string>> => holidaySet(ctx);

/** The last day to send allocation notices: 30 days after the Act passed. */
export const noticeDueOn = (passedOn: string, holidays: Holidays): string => calendarDeadline(passedOn, NOTICE_DAYS, holidays, { rollForward: ROLL_FORWARD });

/** The last day to submit the operating plan: 60 days after the province knew its total. */
export const operatingPlanDueOn = (totalKnownOn: string, holidays: Holidays): string => calendarDeadline(totalKnownOn, OPERATING_PLAN_DAYS, holidays, { rollForward: ROLL_FORWARD });

/** Calendar days `doneOn` lies after `dueOn` (0 when on or before it). */
export const daysLateOf = (dueOn: string, doneOn: string): number => Math.max(0, diffDays(dueOn, doneOn));

export const noticeRule = { days: NOTICE_DAYS, from: "budget-act", rollForward: ROLL_FORWARD };
export const operatingPlanRule = { days: OPERATING_PLAN_DAYS, from: "total-known", rollForward: ROLL_FORWARD };

export type BudgetActRow = typeof budgetActs.$inferSelect;
export type OperatingPlanRow = typeof operatingPlans.$inferSelect;

export async function findBudgetAct(ctx: Ctx, fiscalYear: number, forUpdate = false): Promise<BudgetActRow | null> {
  const q = ctx.db.select().from(budgetActs).where(eq(budgetActs.fiscalYear, fiscalYear)).limit(1);
  const [a] = forUpdate ? await q.for("update") : await q;
  return a ?? null;
}

/** The Act of the year, or a 422 saying it must be recorded first (notices count from it). */
export async function mustGetBudgetAct(ctx: Ctx, fiscalYear: number, forUpdate = false): Promise<BudgetActRow> {
  const a = await findBudgetAct(ctx, fiscalYear, forUpdate);
  if (!a) throw new RuleViolation("planning.budget-act-missing", `ยังไม่ได้บันทึกวันที่ พ.ร.บ.งบประมาณ ปี ${fiscalYear} ผ่านรัฐสภา`, `The Budget Act of FY ${fiscalYear} has not been recorded yet`, { fiscalYear });
  return a;
}

export const targetsOf = (a: BudgetActRow | null): DisbursementTargets | null => (a ? { ...DEFAULT_DISBURSEMENT_TARGETS, ...(a.disbursementTargets as Partial<DisbursementTargets>) } : null);

export function budgetActView(a: BudgetActRow): BudgetActView {
  return {
    fiscalYear: a.fiscalYear,
    passedOn: a.passedOn,
    noticeDueOn: a.noticeDueOn,
    referenceTh: a.referenceTh,
    disbursementTargets: targetsOf(a)!,
    noticeRule,
    isDemo: a.isDemo,
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** Where a deadline stands on `today` when not yet met: pending, due-soon (within 7 days) or overdue. */
export function openStatus(dueOn: string, today: string): "pending" | "due-soon" | "overdue" {
  const left = diffDays(today, dueOn);
  return left < 0 ? "overdue" : left <= 7 ? "due-soon" : "pending";
}

/** The operating plan as shown: the recorded row, or (before one is recorded) the default from the last notice. */
export function operatingPlanView(provinceCode: string, fiscalYear: number, row: OperatingPlanRow | null, lastNoticeOn: string | null, holidays: Holidays, today: string): OperatingPlanView {
  const totalKnownOn = row?.totalKnownOn ?? lastNoticeOn;
  const basis = row?.totalKnownOn ? ((row.totalKnownBasis as "declared" | "last-notice" | null) ?? "declared") : lastNoticeOn ? "last-notice" : null;
  const dueOn = row?.dueOn ?? (totalKnownOn ? operatingPlanDueOn(totalKnownOn, holidays) : null);
  const submittedOn = row?.submittedOn ?? null;
  const daysLate = submittedOn && dueOn ? daysLateOf(dueOn, submittedOn) : dueOn ? Math.max(0, diffDays(dueOn, today)) : 0;
  const status: OperatingPlanView["status"] = !dueOn ? "unknown" : submittedOn ? (daysLateOf(dueOn, submittedOn) > 0 ? "late" : "on-time") : openStatus(dueOn, today);
  return {
    provinceCode,
    fiscalYear,
    totalKnownOn,
    totalKnownBasis: basis,
    dueOn,
    submittedOn,
    daysLate,
    status,
    noteTh: row?.noteTh ?? "",
    rule: operatingPlanRule,
    isDemo: row?.isDemo ?? false,
  };
}

/** The latest fiscal quarter that ended on or before `asOf` (null: the year's first quarter has not ended). */
export function elapsedQuarter(fiscalYear: number, asOf: string): FiscalQuarter | null {
  let q: FiscalQuarter | null = null;
  for (const k of [1, 2, 3, 4] as const) if (fiscalQuarterRange(fiscalYear, k).end <= asOf) q = k;
  return q;
}

export { bahtText, pct, satang } from "./money.js";

export function notFoundNotice(id: string): never {
  throw new NotFoundError("allocation-notice", id);
}
