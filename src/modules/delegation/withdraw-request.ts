import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { WithdrawRequestInput, type RequestView } from "./contracts-requests.js";
import { loadRequestView } from "./requests-presenters.js";
import { mustGetRequest, provinceScope, requireState, transition } from "./requests-rules.js";

/** The province withdraws its draft or returned request; it is closed and kept with its history. */
export async function withdrawRequest({ ctx, input }: { ctx: Ctx; input: { id: string; comment?: string | null; expectedVersion?: number } }): Promise<RequestView> {
  const i = parseInput(WithdrawRequestInput, input);
  return withTransaction(ctx, async (tx) => {
    const row = await mustGetRequest(tx, input.id, true);
    await requirePermission(tx, "delegation:request.write", provinceScope(row.provinceCode));
    requireState(row, ["draft", "returned"], i.expectedVersion, "ถอนคำขอ", "withdraw the request");
    const after = await transition(tx, row, { action: "withdraw", to: "withdrawn", comment: i.comment, set: { returnedStage: null } });
    return loadRequestView(tx, after);
  });
}
