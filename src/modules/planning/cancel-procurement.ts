import { eq } from "drizzle-orm";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { CancelProcurementInput, type ProcurementDetail } from "./contracts-procurement.js";
import { getProcurement } from "./get-procurement.js";
import { beginStep, field, finishStep, notInFuture } from "./procurement-rules.js";
import { procurementContracts } from "./tables.js";

/**
 * Ends a process before a contract binds: cancelled (from planning, tender or an unsigned award; the award is
 * cancelled with it) or unsuccessful (a tender with no acceptable bid); with the reason and the day.
 */
export async function cancelProcurement({ ctx, input }: { ctx: Ctx; input: CancelProcurementInput }): Promise<ProcurementDetail> {
  const i = parseInput(CancelProcurementInput, input);
  await withTransaction(ctx, async (tx) => {
    const from = i.outcome === "unsuccessful" ? (["tender"] as const) : (["planning", "tender", "award"] as const);
    const p = await beginStep(tx, i, from, i.outcome === "unsuccessful" ? "ประกาศไม่มีผู้ชนะ" : "ยกเลิก", i.outcome === "unsuccessful" ? "declare the tender unsuccessful" : "cancel");
    if (p.tenderStart && i.closedOn < p.tenderStart) throw field("closedOn", "planning.dates-order", `วันที่ต้องไม่ก่อนวันประกาศเชิญชวน (${p.tenderStart})`, `The date cannot precede the tender's opening (${p.tenderStart})`);
    notInFuture(tx, "closedOn", i.closedOn);
    await tx.db.update(procurementContracts).set({ status: "cancelled", updatedAt: tx.now() }).where(eq(procurementContracts.procurementId, p.id));
    await finishStep(tx, p, { stage: i.outcome, closedReasonTh: i.reasonTh, closedOn: i.closedOn }, `planning.procurement.${i.outcome === "cancelled" ? "cancel" : "unsuccessful"}`, { reasonTh: i.reasonTh, closedOn: i.closedOn });
  });
  return getProcurement({ ctx, input: { id: i.id } });
}
