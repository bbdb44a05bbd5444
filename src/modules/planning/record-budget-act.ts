import { eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { fiscalYearRange } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { DEFAULT_DISBURSEMENT_TARGETS, RecordBudgetActInput, type BudgetActView } from "./contracts-budget.js";
import { budgetActView, findBudgetAct, loadHolidays, noticeDueOn, targetsOf } from "./budget-rules.js";
import { allocationNotices, budgetActs } from "./tables.js";

/**
 * Records (or corrects) the day a fiscal year's Budget Act passed parliament and the year's quarterly disbursement
 * targets; the allocation-notice deadline follows (30 days, docs/adr/0007) and notices already sent are re-judged.
 */
export async function recordBudgetAct({ ctx, input }: { ctx: Ctx; input: RecordBudgetActInput & { isDemo?: boolean } }): Promise<BudgetActView> {
  await requirePermission(ctx, "planning:budget-act.write", NATION);
  const i = parseInput(RecordBudgetActInput, input);
  // an Act is passed in the year before its fiscal year starts, or (when delayed) during that fiscal year
  const fy = fiscalYearRange(i.fiscalYear);
  const earliest = `${Number(fy.start.slice(0, 4)) - 1}-10-01`;
  if (i.passedOn < earliest || i.passedOn > fy.end) {
    throw new ValidationError([{ path: "passedOn", code: "planning.act-date-outside-year", messageTh: `พ.ร.บ.งบประมาณ ปี ${i.fiscalYear} ต้องผ่านรัฐสภาระหว่าง ${earliest} ถึง ${fy.end}`, messageEn: `The FY ${i.fiscalYear} Budget Act passes between ${earliest} and ${fy.end}` }]);
  }
  return withTransaction(ctx, async (tx) => {
    const before = await findBudgetAct(tx, i.fiscalYear, true);
    const holidays = await loadHolidays(tx);
    const row = {
      fiscalYear: i.fiscalYear,
      passedOn: i.passedOn,
      noticeDueOn: noticeDueOn(i.passedOn, holidays),
      referenceTh: i.referenceTh ?? before?.referenceTh ?? "",
      disbursementTargets: i.disbursementTargets ?? targetsOf(before) ?? DEFAULT_DISBURSEMENT_TARGETS,
      isDemo: input.isDemo ?? before?.isDemo ?? false,
      updatedAt: tx.now(),
    };
    if (before) await tx.db.update(budgetActs).set(row).where(eq(budgetActs.fiscalYear, i.fiscalYear));
    else await tx.db.insert(budgetActs).values({ ...row, createdAt: tx.now() });
    let rejudged = 0;
    if (before && before.noticeDueOn !== row.noticeDueOn) {
      const r = await tx.db
        .update(allocationNotices)
        .set({ dueOn: row.noticeDueOn, daysLate: sql`greatest(0, ${allocationNotices.notifiedOn} - ${row.noticeDueOn}::date)`, updatedAt: tx.now() })
        .where(eq(allocationNotices.fiscalYear, i.fiscalYear))
        .returning({ id: allocationNotices.id });
      rejudged = r.length;
    }
    const { updatedAt: _u, ...after } = row;
    await writeAudit(tx, { action: before ? "planning.budget-act.update" : "planning.budget-act.create", entityType: "budget-act", entityId: String(i.fiscalYear), before: before ? { passedOn: before.passedOn, noticeDueOn: before.noticeDueOn, referenceTh: before.referenceTh, disbursementTargets: before.disbursementTargets } : undefined, after: { ...after, noticesRejudged: rejudged } });
    return budgetActView((await findBudgetAct(tx, i.fiscalYear))!);
  });
}
