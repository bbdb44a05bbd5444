import type { Ctx } from "../../platform/ctx.js";
import { withTransaction } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { BulkAssignInput } from "./contracts.js";
import { mustGetCase } from "./case-rules.js";
import { assignOne } from "./assign-case.js";

/** Assigns many cases at once, all or none: one refused case (permission, status, assignee) changes nothing. */
export async function bulkAssignCases({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ assigned: number }> {
  const i = parseInput(BulkAssignInput, input);
  return withTransaction(ctx, async (tx) => {
    for (const id of [...new Set(i.caseIds)]) await assignOne(tx, await mustGetCase(tx, id, { lock: true }), i.accountId);
    return { assigned: new Set(i.caseIds).size };
  });
}
