import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { checkAuthority } from "./check-authority.js";
import { SubmitRequestInput, type RequestView } from "./contracts-requests.js";
import { loadRequestView } from "./requests-presenters.js";
import { mustGetRequest, provinceScope, requestIssues, requireState, transition } from "./requests-rules.js";
import { delegationRule, mustGetPower, todayOf } from "./rules.js";

/**
 * Sends a complete draft (or a revised returned request) to the Ministry of Interior, which has its stage's days to
 * act. A power the province's governor already holds today (within the amount asked) is not asked for again.
 */
export async function submitRequest({ ctx, input }: { ctx: Ctx; input: { id: string; expectedVersion?: number } }): Promise<RequestView> {
  const i = parseInput(SubmitRequestInput, input);
  return withTransaction(ctx, async (tx) => {
    const row = await mustGetRequest(tx, input.id, true);
    await requirePermission(tx, "delegation:request.write", provinceScope(row.provinceCode));
    requireState(row, ["draft", "returned"], i.expectedVersion, "ส่งคำขอ", "submit the request");
    const issues = requestIssues(row);
    if (issues.length) {
      throw delegationRule("delegation.request.incomplete", `คำขอยังไม่ครบถ้วน: ${issues.map((x) => x.messageTh).join("; ")}`, `The request is not complete: ${issues.map((x) => x.messageEn).join("; ")}`, { fields: issues });
    }
    await mustGetPower(tx, row.powerCode);
    const today = todayOf(tx);
    const answer = await checkAuthority({ ctx: tx, input: { powerCode: row.powerCode, provinceCode: row.provinceCode, date: today } });
    // the governor already decides it: asking again makes sense only for a higher cap than the one held
    const asked = row.amountCap === null ? null : Number(row.amountCap);
    const held = answer.deciders.find((d) => d.role === "governor" && (d.amountCap === null || (asked !== null && asked <= Number(d.amountCap))));
    if (held) {
      const instrumentNo = held.chain.at(-1)?.instrumentNo ?? "";
      throw delegationRule(
        "delegation.request.already-delegated",
        `${held.labelTh}ได้รับมอบอำนาจนี้อยู่แล้วในวันนี้ ตาม${instrumentNo}${held.amountCap ? ` (วงเงิน ${Number(held.amountCap).toLocaleString("th-TH")} บาท)` : ""} จึงไม่ต้องขอรับมอบอำนาจอีก`,
        `${held.labelEn} already holds this power today, under ${instrumentNo}${held.amountCap ? ` (cap ${Number(held.amountCap).toLocaleString("en-US")} baht)` : ""}: there is nothing to request`,
        { details: { delegationId: held.delegationId, instrumentNo, amountCap: held.amountCap, date: today } },
      );
    }
    const after = await transition(tx, row, { action: row.status === "returned" ? "resubmit" : "submit", to: "submitted", set: { submittedAt: tx.now(), returnedStage: null } });
    return loadRequestView(tx, after);
  });
}
