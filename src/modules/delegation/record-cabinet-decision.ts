import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { bangkokDateOf } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import { CabinetDecisionInput, type RequestView } from "./contracts-requests.js";
import type { DelegationView } from "./contracts.js";
import { issueDelegation } from "./create-delegation.js";
import { loadRequestView } from "./requests-presenters.js";
import { CABINET_SCOPE, mustGetRequest, requireNotAuthor, requireState, transition } from "./requests-rules.js";
import { todayOf } from "./rules.js";

/**
 * Records the Cabinet's decision on a recommended request (its meeting date and resolution number). An approval
 * issues, in the same transaction, the instrument it approves: from the power's central authority to the
 * province's governor, in force from `effectiveFrom` (default the meeting date), with the cap and conditions asked.
 */
export async function recordCabinetDecision({ ctx, input }: { ctx: Ctx; input: { id: string } & CabinetDecisionInput }): Promise<RequestView & { instrument: DelegationView | null }> {
  const i = parseInput(CabinetDecisionInput, input);
  await requirePermission(ctx, "delegation:request.cabinet", CABINET_SCOPE);
  return withTransaction(ctx, async (tx) => {
    const row = await mustGetRequest(tx, input.id, true);
    requireState(row, ["opdc-recommended"], i.expectedVersion, "บันทึกมติคณะรัฐมนตรี", "record the Cabinet's decision");
    await requireNotAuthor(tx, row.id);
    const today = todayOf(tx);
    if (i.cabinetDate > today) {
      throw new ValidationError([{ path: "cabinetDate", code: "delegation.request.cabinet-date-future", messageTh: `วันประชุมคณะรัฐมนตรีต้องไม่เป็นวันในอนาคต (วันนี้ ${today})`, messageEn: `The Cabinet meeting date may not be in the future (today is ${today})` }]);
    }
    const submittedOn = row.submittedAt ? bangkokDateOf(row.submittedAt) : null;
    if (submittedOn !== null && i.cabinetDate < submittedOn) {
      throw new ValidationError([{ path: "cabinetDate", code: "delegation.request.cabinet-before-submission", messageTh: `วันประชุมคณะรัฐมนตรีต้องไม่ก่อนวันที่จังหวัดส่งคำขอ (${submittedOn})`, messageEn: `The Cabinet meeting date may not come before the request was submitted (${submittedOn})` }]);
    }
    const details = { cabinetDate: i.cabinetDate, resolutionNo: i.resolutionNo };
    const decided = { cabinetDate: i.cabinetDate, cabinetResolutionNo: i.resolutionNo, decidedAt: tx.now() };
    if (i.decision === "reject") {
      const after = await transition(tx, row, { action: "cabinet-reject", to: "rejected", comment: i.comment, details, set: decided });
      return { ...(await loadRequestView(tx, after)), instrument: null };
    }
    const effectiveFrom = i.effectiveFrom ?? i.cabinetDate;
    const effectiveTo = i.effectiveTo ?? null;
    const after = await transition(tx, row, { action: "cabinet-approve", to: "approved", comment: i.comment, details: { ...details, effectiveFrom, effectiveTo }, set: { ...decided, effectiveFrom, effectiveTo } });
    // OPDC records the decision but does not issue instruments: its own permission was checked above
    const instrument = await issueDelegation({
      ctx: tx,
      input: {
        powerCode: row.powerCode,
        delegateRole: "governor",
        provinceCode: row.provinceCode,
        amountCap: row.amountCap === null ? null : Number(row.amountCap),
        conditionsTh: row.conditionsTh,
        instrumentNo: `มติคณะรัฐมนตรี ${i.resolutionNo}`,
        instrumentDate: i.cabinetDate,
        effectiveFrom,
        effectiveTo,
        maySubdelegate: row.maySubdelegate,
        requestId: row.id,
        isDemo: row.isDemo,
      },
    });
    return { ...(await loadRequestView(tx, after)), instrument };
  });
}
