import { writeAudit } from "../../platform/audit/audit.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { accountNames } from "../accounts/index.js";
import { ProposeInput } from "./contracts.js";
import { checkRateLimit, mustGetCall, requireCitizen, requireOpenCall } from "./rules.js";
import { participationProposals } from "./tables.js";

/** A logged-in citizen proposes something on an open call (limited per account per day); shown as "ประชาชน" unless they chose to show their name. */
export async function submitProposal({ ctx, input }: { ctx: Ctx; input: { callId: string } & ProposeInput & { id?: string; isDemo?: boolean } }): Promise<{ id: string }> {
  const i = parseInput(ProposeInput, input);
  const c0 = await mustGetCall(ctx, input.callId);
  const accountId = await requireCitizen(ctx, c0.provinceCode);
  return withTransaction(ctx, async (tx) => {
    const c = await mustGetCall(tx, input.callId);
    requireOpenCall(c, tx.now());
    await checkRateLimit(tx, "proposal", accountId);
    const authorName = i.showName ? ((await accountNames(tx, [accountId])).get(accountId) ?? null) : null;
    const id = input.id ?? newId(tx.now().getTime());
    await tx.db.insert(participationProposals).values({ id, callId: c.id, provinceCode: c.provinceCode, authorAccountId: accountId, authorName, titleTh: i.titleTh, bodyTh: i.bodyTh, isDemo: input.isDemo ?? false, createdAt: tx.now(), updatedAt: tx.now() });
    // the audit names the proposal and its call; the author is the audit row's actor (staff-only reading)
    await writeAudit(tx, { action: "participation.proposal.submit", entityType: "participation-proposal", entityId: id, provinceCode: c.provinceCode, after: { callId: c.id, titleTh: i.titleTh, showName: i.showName } });
    return { id };
  });
}
