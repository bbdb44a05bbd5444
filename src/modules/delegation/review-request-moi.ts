import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ReviewRequestMoiInput, type RequestView } from "./contracts-requests.js";
import { loadRequestView } from "./requests-presenters.js";
import { MOI_SCOPE, mustGetRequest, requireNotAuthor, requireState, transition } from "./requests-rules.js";

/** The Ministry of Interior forwards a submitted request to OPDC, or returns it to the province with a comment. */
export async function reviewRequestMoi({ ctx, input }: { ctx: Ctx; input: { id: string } & ReviewRequestMoiInput }): Promise<RequestView> {
  const i = parseInput(ReviewRequestMoiInput, input);
  await requirePermission(ctx, "delegation:request.review.moi", MOI_SCOPE);
  return withTransaction(ctx, async (tx) => {
    const row = await mustGetRequest(tx, input.id, true);
    requireState(row, ["submitted"], i.expectedVersion, "พิจารณาในขั้นกระทรวงมหาดไทย", "review it at the Ministry of Interior's stage");
    await requireNotAuthor(tx, row.id);
    const after =
      i.decision === "forward"
        ? await transition(tx, row, { action: "moi-forward", to: "moi-forwarded", comment: i.comment })
        : await transition(tx, row, { action: "moi-return", to: "returned", comment: i.comment, set: { returnedStage: "moi" } });
    return loadRequestView(tx, after);
  });
}
