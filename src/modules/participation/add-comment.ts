import { writeAudit } from "../../platform/audit/audit.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { accountNames } from "../accounts/index.js";
import { CommentInput, type CommentView } from "./contracts.js";
import { commentView } from "./presenters.js";
import { checkRateLimit, mustGetCall, mustGetProposal, requireCitizen, requireOpenCall } from "./rules.js";
import { participationComments } from "./tables.js";

/** A logged-in citizen comments on a proposal of an open call (limited per account per hour). */
export async function addComment({ ctx, input }: { ctx: Ctx; input: { proposalId: string } & CommentInput & { id?: string; isDemo?: boolean } }): Promise<CommentView> {
  const i = parseInput(CommentInput, input);
  const p0 = await mustGetProposal(ctx, input.proposalId);
  const accountId = await requireCitizen(ctx, p0.provinceCode);
  return withTransaction(ctx, async (tx) => {
    const p = await mustGetProposal(tx, input.proposalId);
    if (p.hiddenAt) throw new RuleViolation("participation.proposal-hidden", "ข้อเสนอนี้ถูกจังหวัดซ่อนไว้ จึงแสดงความคิดเห็นไม่ได้", "This proposal was hidden by the province and takes no comments");
    requireOpenCall(await mustGetCall(tx, p.callId), tx.now());
    await checkRateLimit(tx, "comment", accountId);
    const authorName = i.showName ? ((await accountNames(tx, [accountId])).get(accountId) ?? null) : null;
    const id = input.id ?? newId(tx.now().getTime());
    const [row] = await tx.db.insert(participationComments).values({ id, proposalId: p.id, provinceCode: p.provinceCode, authorAccountId: accountId, authorName, bodyTh: i.bodyTh, isDemo: input.isDemo ?? false, createdAt: tx.now() }).returning();
    await writeAudit(tx, { action: "participation.comment.add", entityType: "participation-proposal", entityId: p.id, provinceCode: p.provinceCode, after: { commentId: id, showName: i.showName } });
    return commentView(row!, accountId);
  });
}
