import { sql } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { ItemResultInput } from "./contracts.js";
import { agreementScope, loadAgreementItems, mustGetAgreement, mustGetOpenRound } from "./rules.js";
import type { Criteria } from "./scoring.js";
import { agreementItemResults } from "./tables.js";

const bad = (code: string, th: string, en: string) => new ValidationError([{ path: "itemId", code, messageTh: th, messageEn: en }]);

/** OPDC enters a round's result for an item that no KPI measures: steps of a milestone item (0–5) or assessed points (0–100). */
export async function enterItemResult({ ctx, input }: { ctx: Ctx; input: { id: string; round: number } & z.input<typeof ItemResultInput> }): Promise<{ itemId: string; round: number; value: number }> {
  const i = parseInput(ItemResultInput, input);
  const a0 = await mustGetAgreement(ctx, input.id);
  await requirePermission(ctx, "performance:round.assess", agreementScope(a0));
  return withTransaction(ctx, async (tx) => {
    const a = await mustGetAgreement(tx, input.id, true);
    const r = await mustGetOpenRound(tx, a, input.round);
    const item = (await loadAgreementItems(tx, a.id)).find((x) => x.itemId === i.itemId);
    if (!item) throw bad("performance.agreement.unknown-item", `ไม่พบตัวชี้วัด ${i.itemId} ในคำรับรองนี้`, `No item ${i.itemId} in this agreement`);
    const kind = (item.criteria as Criteria).kind;
    if (item.kpiId || (kind !== "five-level-milestone" && kind !== "assessed"))
      throw bad("performance.agreement.result-from-kpi", "ผลของตัวชี้วัดนี้มาจากผลการดำเนินงานที่ผ่านการตรวจสอบแล้ว บันทึกตรงไม่ได้", "This item's result comes from its KPI's verified measurements; it cannot be entered directly");
    if (kind === "five-level-milestone" && !(Number.isInteger(i.value) && i.value <= 5))
      throw new ValidationError([{ path: "value", code: "performance.agreement.milestone-steps", messageTh: "ตัวชี้วัดแบบขั้นความสำเร็จใช้จำนวนขั้นที่ผ่าน 0–5", messageEn: "A milestone item takes the number of steps completed, 0–5" }]);
    const row = { agreementId: a.id, round: r.round, itemId: i.itemId, value: i.value, note: i.note ?? null, enteredBy: tx.actor.id ?? tx.actor.kind, enteredByName: tx.actor.name, enteredAt: tx.now(), provinceCode: a.provinceCode };
    await tx.db
      .insert(agreementItemResults)
      .values(row)
      .onConflictDoUpdate({ target: [agreementItemResults.agreementId, agreementItemResults.round, agreementItemResults.itemId], set: { value: row.value, note: row.note, enteredBy: row.enteredBy, enteredByName: row.enteredByName, enteredAt: sql`excluded.entered_at` } });
    await writeAudit(tx, { action: "performance.round.item-result", entityType: "agreement", entityId: a.id, provinceCode: a.provinceCode, after: { round: r.round, itemId: i.itemId, value: i.value, note: row.note } });
    return { itemId: i.itemId, round: r.round, value: i.value };
  });
}
