import { eq, sql } from "drizzle-orm";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { RecordPaymentInput, type ProcurementDetail } from "./contracts-procurement.js";
import { getProcurement } from "./get-procurement.js";
import { bahtText, beginStep, cents, field, finishStep, notInFuture } from "./procurement-rules.js";
import { procurementContracts, procurementPayments } from "./tables.js";

/** Records a payment to the supplier (OCDS implementation transaction): dated from the signing to today, all payments within the contract amount. */
export async function recordPayment({ ctx, input }: { ctx: Ctx; input: RecordPaymentInput }): Promise<ProcurementDetail> {
  const i = parseInput(RecordPaymentInput, input);
  await withTransaction(ctx, async (tx) => {
    const p = await beginStep(tx, i, ["contract", "implementation"], "บันทึกการเบิกจ่าย", "record a payment");
    const [c] = await tx.db.select().from(procurementContracts).where(eq(procurementContracts.procurementId, p.id)).for("update");
    if (!c?.signedOn || !c.contractAmount) throw new RuleViolation("planning.procurement.no-contract", "ยังไม่มีสัญญา", "There is no signed contract");
    if (i.paidOn < c.signedOn) throw field("paidOn", "planning.dates-order", `วันจ่ายต้องไม่ก่อนวันลงนามสัญญา (${c.signedOn})`, `A payment cannot precede the signing (${c.signedOn})`);
    notInFuture(tx, "paidOn", i.paidOn);
    const [{ paid }] = (await tx.db.select({ paid: sql<string>`coalesce(sum(${procurementPayments.amount}), 0)::text` }).from(procurementPayments).where(eq(procurementPayments.contractId, c.id))) as [{ paid: string }];
    if (cents(paid) + cents(i.amount) > cents(c.contractAmount)) {
      const left = bahtText(cents(c.contractAmount) - cents(paid));
      throw new RuleViolation("planning.procurement.payment-over-contract", `ยอดจ่ายรวมจะเกินวงเงินตามสัญญา (จ่ายได้อีก ${Number(left).toLocaleString("th-TH")} บาท)`, `The payments would exceed the contract amount (${left} baht left)`, { remaining: left });
    }
    const row = { id: newId(tx.now().getTime()), contractId: c.id, procurementId: p.id, provinceCode: p.provinceCode, amount: i.amount.toFixed(2), paidOn: i.paidOn };
    await tx.db.insert(procurementPayments).values(row);
    await finishStep(tx, p, { stage: "implementation" }, "planning.procurement.payment", { payment: row });
    await emitEvent(tx, { type: "procurement.payment-recorded", provinceCode: p.provinceCode, entityType: "procurement", entityId: p.id, isDemo: p.isDemo, data: { procurement: { id: p.id, ocid: p.ocid, projectId: p.projectId, fiscalYear: p.fiscalYear, provinceCode: p.provinceCode, buyerOrgId: p.buyerOrgId, method: p.method, category: p.category, plannedValue: p.plannedValue }, payment: { id: row.id, amount: row.amount, paidOn: row.paidOn, paidToDate: bahtText(cents(paid) + cents(i.amount)), contractAmount: c.contractAmount } } });
  });
  return getProcurement({ ctx, input: { id: i.id } });
}
