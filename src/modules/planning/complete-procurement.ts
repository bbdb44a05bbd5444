import { desc, eq } from "drizzle-orm";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { CompleteProcurementInput, type ProcurementDetail } from "./contracts-procurement.js";
import { getProcurement } from "./get-procurement.js";
import { beginStep, field, finishStep, notInFuture } from "./procurement-rules.js";
import { procurementContracts, procurementPayments } from "./tables.js";

/** Closes a process whose work was accepted (OCDS contract `terminated`, tender `complete`): not before its last payment, not in the future. */
export async function completeProcurement({ ctx, input }: { ctx: Ctx; input: CompleteProcurementInput }): Promise<ProcurementDetail> {
  const i = parseInput(CompleteProcurementInput, input);
  await withTransaction(ctx, async (tx) => {
    const p = await beginStep(tx, i, ["implementation"], "ปิดโครงการจัดซื้อจัดจ้าง", "complete the process");
    const [last] = await tx.db.select({ paidOn: procurementPayments.paidOn }).from(procurementPayments).where(eq(procurementPayments.procurementId, p.id)).orderBy(desc(procurementPayments.paidOn)).limit(1);
    if (last && i.completedOn < last.paidOn) throw field("completedOn", "planning.dates-order", `วันปิดต้องไม่ก่อนการจ่ายครั้งสุดท้าย (${last.paidOn})`, `Completion cannot precede the last payment (${last.paidOn})`);
    notInFuture(tx, "completedOn", i.completedOn);
    await tx.db.update(procurementContracts).set({ status: "terminated", updatedAt: tx.now() }).where(eq(procurementContracts.procurementId, p.id));
    await finishStep(tx, p, { stage: "complete", completedOn: i.completedOn }, "planning.procurement.complete", { completedOn: i.completedOn });
  });
  return getProcurement({ ctx, input: { id: i.id } });
}
