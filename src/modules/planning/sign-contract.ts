import { eq } from "drizzle-orm";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { fiscalYearRange } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { SignContractInput, type ProcurementDetail } from "./contracts-procurement.js";
import { getProcurement } from "./get-procurement.js";
import { beginStep, cents, field, finishStep, notInFuture } from "./procurement-rules.js";
import { procurementContracts } from "./tables.js";

/**
 * Signs the contract of the award (OCDS `contract`): no more than the award, signed on or after the award day and
 * within the project's fiscal year (the budget binds only in its own year), the work period in order.
 */
export async function signContract({ ctx, input }: { ctx: Ctx; input: SignContractInput }): Promise<ProcurementDetail> {
  const i = parseInput(SignContractInput, input);
  await withTransaction(ctx, async (tx) => {
    const p = await beginStep(tx, i, ["award"], "ลงนามสัญญา", "sign the contract");
    const [c] = await tx.db.select().from(procurementContracts).where(eq(procurementContracts.procurementId, p.id)).for("update");
    if (!c) throw new RuleViolation("planning.procurement.no-award", "ยังไม่มีผลการพิจารณา", "There is no award to sign a contract for");
    if (i.signedOn < c.awardDate) throw field("signedOn", "planning.dates-order", `ลงนามได้ตั้งแต่วันประกาศผู้ชนะ (${c.awardDate})`, `The contract cannot be signed before the award (${c.awardDate})`);
    notInFuture(tx, "signedOn", i.signedOn);
    const fyEnd = fiscalYearRange(p.fiscalYear).end;
    if (i.signedOn > fyEnd) throw field("signedOn", "planning.procurement.contract-after-fiscal-year", `ต้องลงนามภายในปีงบประมาณ ${p.fiscalYear} (${fyEnd})`, `The contract must be signed within fiscal year ${p.fiscalYear} (${fyEnd})`);
    if (i.periodStart < i.signedOn) throw field("periodStart", "planning.dates-order", "วันเริ่มงานต้องไม่ก่อนวันลงนาม", "The work cannot start before the contract is signed");
    if (i.periodEnd < i.periodStart) throw field("periodEnd", "planning.dates-order", "วันสิ้นสุดสัญญาต้องไม่ก่อนวันเริ่ม", "The contract ends before it starts");
    if (cents(i.contractAmount) > cents(c.awardAmount)) {
      throw new RuleViolation("planning.procurement.contract-over-award", "วงเงินตามสัญญาต้องไม่เกินวงเงินที่ประกาศผู้ชนะ", "The contract amount exceeds the award", { awardAmount: c.awardAmount });
    }
    const patch = { contractNo: i.contractNo, contractAmount: i.contractAmount.toFixed(2), signedOn: i.signedOn, periodStart: i.periodStart, periodEnd: i.periodEnd, status: "active", updatedAt: tx.now() };
    await tx.db.update(procurementContracts).set(patch).where(eq(procurementContracts.id, c.id));
    await finishStep(tx, p, { stage: "contract" }, "planning.procurement.contract", { contractId: c.id, ...patch, updatedAt: undefined });
  });
  return getProcurement({ ctx, input: { id: i.id } });
}
