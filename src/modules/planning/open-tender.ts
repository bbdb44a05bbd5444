import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { fiscalYearRange } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { OpenTenderInput, type ProcurementDetail } from "./contracts-procurement.js";
import { getProcurement } from "./get-procurement.js";
import { beginStep, cents, field, finishStep } from "./procurement-rules.js";

/**
 * Announces the tender (OCDS `tender`): the estimate may not exceed the planned value, the period runs forward and
 * lies between the start of the previous fiscal year (advance procurement) and the end of the project's fiscal year.
 */
export async function openTender({ ctx, input }: { ctx: Ctx; input: OpenTenderInput }): Promise<ProcurementDetail> {
  const i = parseInput(OpenTenderInput, input);
  await withTransaction(ctx, async (tx) => {
    const p = await beginStep(tx, i, ["planning"], "ประกาศเชิญชวน", "open the tender");
    if (i.tenderEnd < i.tenderStart) throw field("tenderEnd", "planning.dates-order", "วันปิดรับข้อเสนอต้องไม่ก่อนวันประกาศ", "The tender closes before it opens");
    const fy = fiscalYearRange(p.fiscalYear);
    const earliest = fiscalYearRange(p.fiscalYear - 1).start;
    if (i.tenderStart < earliest) throw field("tenderStart", "planning.procurement.tender-too-early", `ประกาศได้ตั้งแต่ ${earliest} (ปีงบประมาณก่อนหน้า จัดซื้อล่วงหน้า)`, `The tender may open from ${earliest} (advance procurement in the previous fiscal year)`);
    if (i.tenderEnd > fy.end) throw field("tenderEnd", "planning.procurement.tender-after-fiscal-year", `ต้องปิดรับข้อเสนอภายในปีงบประมาณ ${p.fiscalYear} (${fy.end})`, `The tender must close within fiscal year ${p.fiscalYear} (${fy.end})`);
    if (cents(i.tenderValue) > cents(p.plannedValue)) {
      throw new RuleViolation("planning.procurement.tender-over-plan", "ราคากลางเกินวงเงินที่วางแผนไว้", "The tender estimate exceeds the planned value", { plannedValue: p.plannedValue });
    }
    await finishStep(tx, p, { stage: "tender", tenderValue: i.tenderValue.toFixed(2), tenderStart: i.tenderStart, tenderEnd: i.tenderEnd }, "planning.procurement.tender", { tenderValue: i.tenderValue.toFixed(2), tenderStart: i.tenderStart, tenderEnd: i.tenderEnd });
  });
  return getProcurement({ ctx, input: { id: i.id } });
}
