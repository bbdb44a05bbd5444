import { and, eq, inArray, max } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { noticesDue } from "./budget-deadlines.js";
import { loadHolidays, operatingPlanView, todayOf } from "./budget-rules.js";
import type { DeadlineStatus } from "./contracts-budget.js";
import { allocationNotices, budgetActs, operatingPlans } from "./tables.js";

/**
 * One statutory deadline of the budget cycle owed by an agency or a province (DOMAIN.md): a department's allocation
 * notice to a province (30 days after the Budget Act) or the province's operating plan (60 days after its total was
 * known). `status`: pending, due-soon or overdue while open; on-time or late once done.
 */
export type StatutoryDeadline = {
  kind: "allocation-notice" | "operating-plan";
  fiscalYear: number;
  provinceCode: string;
  /** who owes it: the sending department or ministry; null for the province's own operating plan */
  orgId: string | null;
  dueOn: string;
  doneOn: string | null;
  status: Extract<DeadlineStatus, "pending" | "due-soon" | "overdue" | "on-time" | "late">;
  daysLate: number;
  /** a stable key of the deadline (kind, fiscal year, province, sender) */
  key: string;
  isDemo: boolean;
};

/**
 * The statutory budget-cycle deadlines of the given provinces (all when null), for every fiscal year with a recorded
 * Budget Act (or the ones given), as the deadline calendar computes them, without a reader's permission check: for
 * other modules' read models (the operation centre's figures and alerts). Operating plans whose due date is not
 * known yet (no notice received, none declared) are left out.
 */
export async function lookupStatutoryDeadlines(ctx: Ctx, q: { provinceCodes: readonly string[] | null; fiscalYears?: readonly number[] }): Promise<StatutoryDeadline[]> {
  const today = todayOf(ctx);
  const acts = await ctx.db
    .select()
    .from(budgetActs)
    .where(q.fiscalYears ? inArray(budgetActs.fiscalYear, q.fiscalYears.length ? [...q.fiscalYears] : [-1]) : undefined);
  if (acts.length === 0 || q.provinceCodes?.length === 0) return [];
  const P = q.provinceCodes ? [...q.provinceCodes] : null;
  const holidays = await loadHolidays(ctx);
  const out: StatutoryDeadline[] = [];
  for (const act of acts.sort((a, b) => a.fiscalYear - b.fiscalYear)) {
    const FY = act.fiscalYear;
    for (const d of await noticesDue(ctx, act, P, today)) {
      if (d.status !== "pending" && d.status !== "due-soon" && d.status !== "overdue" && d.status !== "on-time" && d.status !== "late") continue;
      out.push({
        kind: "allocation-notice",
        fiscalYear: FY,
        provinceCode: d.provinceCode,
        orgId: d.orgId,
        dueOn: d.notice?.dueOn ?? act.noticeDueOn,
        doneOn: d.notice?.notifiedOn ?? null,
        status: d.status,
        daysLate: d.daysLate,
        key: `allocation-notice:${FY}:${d.provinceCode}:${d.orgId}`,
        isDemo: d.notice?.isDemo ?? act.isDemo,
      });
    }
    const plans = await ctx.db.select().from(operatingPlans).where(and(eq(operatingPlans.fiscalYear, FY), P ? inArray(operatingPlans.provinceCode, P) : undefined));
    const lasts = await ctx.db
      .select({ p: allocationNotices.provinceCode, last: max(allocationNotices.notifiedOn) })
      .from(allocationNotices)
      .where(and(eq(allocationNotices.fiscalYear, FY), P ? inArray(allocationNotices.provinceCode, P) : undefined))
      .groupBy(allocationNotices.provinceCode);
    const provinces = new Set([...plans.map((p) => p.provinceCode), ...lasts.map((l) => l.p)]);
    for (const p of [...provinces].sort()) {
      const row = plans.find((x) => x.provinceCode === p) ?? null;
      const v = operatingPlanView(p, FY, row, lasts.find((l) => l.p === p)?.last ?? null, holidays, today);
      if (!v.dueOn || v.status === "unknown") continue;
      out.push({
        kind: "operating-plan",
        fiscalYear: FY,
        provinceCode: p,
        orgId: null,
        dueOn: v.dueOn,
        doneOn: v.submittedOn,
        status: v.status,
        daysLate: v.daysLate,
        key: `operating-plan:${FY}:${p}`,
        isDemo: row?.isDemo ?? act.isDemo,
      });
    }
  }
  return out;
}
