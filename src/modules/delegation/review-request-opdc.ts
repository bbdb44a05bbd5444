import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ReviewRequestOpdcInput, type RequestView } from "./contracts-requests.js";
import { loadRequestView } from "./requests-presenters.js";
import { mustGetRequest, provinceScope, requireNotAuthor, requireState, transition } from "./requests-rules.js";

/**
 * OPDC recommends a forwarded request to the Cabinet with its opinion (support or not: the Cabinet decides either
 * way), or returns it to the province with a comment.
 */
export async function reviewRequestOpdc({ ctx, input }: { ctx: Ctx; input: { id: string } & ReviewRequestOpdcInput }): Promise<RequestView> {
  const i = parseInput(ReviewRequestOpdcInput, input);
  return withTransaction(ctx, async (tx) => {
    const row = await mustGetRequest(tx, input.id, true);
    await requirePermission(tx, "delegation:request.review.opdc", provinceScope(row.provinceCode));
    requireState(row, ["moi-forwarded"], i.expectedVersion, "พิจารณาในขั้นสำนักงาน ก.พ.ร.", "review it at OPDC's stage");
    await requireNotAuthor(tx, row.id);
    const after =
      i.decision === "recommend"
        ? await transition(tx, row, { action: "opdc-recommend", to: "opdc-recommended", comment: i.comment, details: { opinion: i.opinion! }, set: { opdcOpinion: i.opinion! } })
        : await transition(tx, row, { action: "opdc-return", to: "returned", comment: i.comment, set: { returnedStage: "opdc", opdcOpinion: null } });
    return loadRequestView(tx, after);
  });
}
