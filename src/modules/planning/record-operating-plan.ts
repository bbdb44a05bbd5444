import { and, eq, max } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation, ValidationError, type FieldError, fieldError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { requireProvince } from "../registry/index.js";
import { daysLateOf, loadHolidays, mustGetBudgetAct, operatingPlanDueOn, operatingPlanView, todayOf } from "./budget-rules.js";
import { RecordOperatingPlanInput, type OperatingPlanView } from "./contracts-budget.js";
import { allocationNotices, operatingPlans } from "./tables.js";

const fe = fieldError;

/**
 * The strategy office records the day the province knew its total (default: the day of the last allocation notice
 * it received for the year) — the operating plan is due 60 days later (docs/adr/0007) — and, later, the day the
 * plan was submitted, which is judged on time or late.
 */
export async function recordOperatingPlan({ ctx, input }: { ctx: Ctx; input: RecordOperatingPlanInput & { isDemo?: boolean } }): Promise<OperatingPlanView> {
  const i = parseInput(RecordOperatingPlanInput, input);
  await requirePermission(ctx, "planning:operating-plan.write", provinceScope(i.provinceCode));
  return withTransaction(ctx, async (tx) => {
    await requireProvince(tx, i.provinceCode);
    const act = await mustGetBudgetAct(tx, i.fiscalYear);
    const today = todayOf(tx);
    const [before] = await tx.db.select().from(operatingPlans).where(and(eq(operatingPlans.provinceCode, i.provinceCode), eq(operatingPlans.fiscalYear, i.fiscalYear))).for("update");
    const [{ last }] = (await tx.db.select({ last: max(allocationNotices.notifiedOn) }).from(allocationNotices).where(and(eq(allocationNotices.provinceCode, i.provinceCode), eq(allocationNotices.fiscalYear, i.fiscalYear)))) as [{ last: string | null }];
    let totalKnownOn = i.totalKnownOn ?? before?.totalKnownOn ?? last;
    let basis: "declared" | "last-notice" = i.totalKnownOn ? "declared" : ((before?.totalKnownBasis as "declared" | "last-notice" | null) ?? "last-notice");
    // a default taken from the notices follows later notices until the office declares the date itself
    if (!i.totalKnownOn && basis === "last-notice" && last) totalKnownOn = last;
    const errors: FieldError[] = [];
    if (!totalKnownOn) throw new RuleViolation("planning.total-not-known", "จังหวัดยังไม่ได้รับแจ้งจัดสรรงบประมาณ ระบุวันที่ทราบยอดรวมก่อน", "The province has received no allocation notice yet: give the day it knew its total", { fiscalYear: i.fiscalYear });
    if (totalKnownOn < act.passedOn) errors.push(fe("totalKnownOn", "planning.total-before-act", `วันที่ทราบยอดต้องไม่ก่อนวันที่ พ.ร.บ. ผ่านรัฐสภา (${act.passedOn})`, `The total cannot be known before the Act (${act.passedOn})`));
    if (totalKnownOn > today) errors.push(fe("totalKnownOn", "planning.date-in-future", `วันที่ต้องไม่เกินวันนี้ (${today})`, `The date may not be in the future (today is ${today})`));
    const submittedOn = i.submittedOn ?? before?.submittedOn ?? null;
    if (submittedOn && submittedOn > today) errors.push(fe("submittedOn", "planning.date-in-future", `วันที่ต้องไม่เกินวันนี้ (${today})`, `The date may not be in the future (today is ${today})`));
    if (submittedOn && submittedOn < totalKnownOn) errors.push(fe("submittedOn", "planning.submitted-before-total", "วันที่ส่งแผนต้องไม่ก่อนวันที่ทราบยอดรวม", "The plan cannot be submitted before the total was known"));
    if (errors.length) throw new ValidationError(errors);
    const holidays = await loadHolidays(tx);
    const dueOn = operatingPlanDueOn(totalKnownOn, holidays);
    const row = {
      provinceCode: i.provinceCode,
      fiscalYear: i.fiscalYear,
      totalKnownOn,
      totalKnownBasis: basis,
      dueOn,
      submittedOn,
      submittedBy: i.submittedOn ? (tx.actor.id ?? tx.actor.kind) : (before?.submittedBy ?? null),
      daysLate: submittedOn ? daysLateOf(dueOn, submittedOn) : 0,
      noteTh: i.noteTh ?? before?.noteTh ?? "",
      isDemo: input.isDemo ?? before?.isDemo ?? false,
      updatedAt: tx.now(),
    };
    if (before) await tx.db.update(operatingPlans).set(row).where(and(eq(operatingPlans.provinceCode, i.provinceCode), eq(operatingPlans.fiscalYear, i.fiscalYear)));
    else await tx.db.insert(operatingPlans).values(row);
    const { updatedAt: _u, ...after } = row;
    const strip = (b: typeof before) => (b ? { totalKnownOn: b.totalKnownOn, totalKnownBasis: b.totalKnownBasis, dueOn: b.dueOn, submittedOn: b.submittedOn, daysLate: b.daysLate, noteTh: b.noteTh } : undefined);
    await writeAudit(tx, { action: "planning.operating-plan.record", entityType: "operating-plan", entityId: `${i.provinceCode}:${i.fiscalYear}`, provinceCode: i.provinceCode, before: strip(before), after });
    const [saved] = await tx.db.select().from(operatingPlans).where(and(eq(operatingPlans.provinceCode, i.provinceCode), eq(operatingPlans.fiscalYear, i.fiscalYear)));
    return operatingPlanView(i.provinceCode, i.fiscalYear, saved!, last, holidays, today);
  });
}
