import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import type { MatchingFundDetail } from "./contracts-funds.js";
import { mayReadPlanningHistory, planningScopesOf } from "./history-scopes.js";
import { historyOf } from "./funds-rules.js";
import { entriesOf, matchingViews, mustGetMatching } from "./matching-rules.js";

/** One matching fund: shares, commitments and transfers per party, and its history. */
export async function getMatchingFund({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<MatchingFundDetail> {
  const r = await mustGetMatching(ctx, input.id);
  await requirePermission(ctx, "planning:read", provinceScope(r.provinceCode));
  const entries = await entriesOf(ctx, [r.id]);
  return {
    ...(await matchingViews(ctx, [r]))[0]!,
    entries: entries.map((e) => ({ id: e.id, party: e.party as "province" | "local", kind: e.kind as "commitment" | "transfer", amount: e.amount, entryOn: e.entryOn, referenceTh: e.referenceTh, recordedBy: e.recordedBy })),
    history: await historyOf(ctx, "matching-fund", r.id),
    may: { history: await mayReadPlanningHistory(ctx, planningScopesOf.matchingFund(r)) },
  };
}
