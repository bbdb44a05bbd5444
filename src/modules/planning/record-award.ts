import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { RecordAwardInput, type ProcurementDetail } from "./contracts-procurement.js";
import { getProcurement } from "./get-procurement.js";
import { beginStep, cents, field, finishStep, notInFuture } from "./procurement-rules.js";
import { procurementContracts, procurementParties } from "./tables.js";

/**
 * Records the bids and the award (OCDS `award`): the winner is one of the tenderers, the award is no more than its
 * bid nor the planned value, and above the tender's estimate only with a written justification; dated after the
 * tender closed and not in the future.
 */
export async function recordAward({ ctx, input }: { ctx: Ctx; input: RecordAwardInput }): Promise<ProcurementDetail> {
  const i = parseInput(RecordAwardInput, input);
  await withTransaction(ctx, async (tx) => {
    const p = await beginStep(tx, i, ["tender"], "บันทึกผลการพิจารณา", "record the award");
    const seen = new Set<string>();
    i.tenderers.forEach((t, k) => {
      if (seen.has(t.taxId)) throw field(`tenderers.${k}.taxId`, "planning.procurement.duplicate-tenderer", "ผู้เสนอราคารายนี้ซ้ำ", "This tenderer is listed twice");
      seen.add(t.taxId);
    });
    const winner = i.tenderers.find((t) => t.taxId === i.supplierTaxId);
    if (!winner) throw field("supplierTaxId", "planning.procurement.supplier-not-tenderer", "ผู้ชนะต้องเป็นผู้เสนอราคารายหนึ่ง", "The supplier must be one of the tenderers");
    if (i.awardDate < p.tenderEnd!) throw field("awardDate", "planning.dates-order", `ประกาศผู้ชนะได้ตั้งแต่วันปิดรับข้อเสนอ (${p.tenderEnd})`, `The award cannot precede the tender's closing day (${p.tenderEnd})`);
    notInFuture(tx, "awardDate", i.awardDate);
    const award = cents(i.awardAmount);
    if (award > cents(winner.bidAmount)) throw field("awardAmount", "planning.procurement.award-over-bid", "วงเงินที่ตกลงต้องไม่เกินราคาที่ผู้ชนะเสนอ", "The award exceeds the winner's bid");
    if (award > cents(p.plannedValue)) {
      throw new RuleViolation("planning.procurement.award-over-plan", "วงเงินที่ตกลงเกินวงเงินงบประมาณที่วางแผนไว้", "The award exceeds the planned value (the budget available)", { plannedValue: p.plannedValue });
    }
    if (award > cents(p.tenderValue!) && (i.justificationTh ?? "").length < 10) {
      throw new RuleViolation("planning.procurement.award-over-tender", "วงเงินที่ตกลงสูงกว่าราคากลาง ต้องระบุเหตุผล (อย่างน้อย 10 ตัวอักษร)", "The award is above the tender estimate: a justification (10 characters or more) is required", { tenderValue: p.tenderValue });
    }
    const now = tx.now().getTime();
    const parties = i.tenderers.map((t, k) => ({ id: newId(now + k), procurementId: p.id, provinceCode: p.provinceCode, nameTh: t.nameTh, taxId: t.taxId, role: t.taxId === i.supplierTaxId ? "supplier" : "tenderer", bidAmount: t.bidAmount.toFixed(2) }));
    await tx.db.insert(procurementParties).values(parties);
    const supplier = parties.find((x) => x.role === "supplier")!;
    const contract = { id: newId(now + parties.length), procurementId: p.id, provinceCode: p.provinceCode, supplierPartyId: supplier.id, awardAmount: i.awardAmount.toFixed(2), awardDate: i.awardDate, awardJustificationTh: award > cents(p.tenderValue!) ? i.justificationTh! : "", status: "pending" };
    await tx.db.insert(procurementContracts).values(contract);
    await finishStep(tx, p, { stage: "award" }, "planning.procurement.award", { tenderers: parties, award: contract });
    // bidders are businesses, but a sole trader's tax id is a citizen id: the event names no party
    await emitEvent(tx, { type: "procurement.awarded", provinceCode: p.provinceCode, entityType: "procurement", entityId: p.id, isDemo: p.isDemo, data: { procurement: { id: p.id, ocid: p.ocid, projectId: p.projectId, fiscalYear: p.fiscalYear, provinceCode: p.provinceCode, buyerOrgId: p.buyerOrgId, method: p.method, category: p.category, plannedValue: p.plannedValue }, award: { amount: contract.awardAmount, date: contract.awardDate, tenderers: parties.length } } });
  });
  return getProcurement({ ctx, input: { id: i.id } });
}
