import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { HideInput } from "./contracts.js";
import { notFound } from "./rules.js";
import { participationComments } from "./tables.js";

/** The governor's office hides a comment with a reason (audited); the public then reads "hidden by the province: <reason>". */
export async function hideComment({ ctx, input }: { ctx: Ctx; input: { id: string } & HideInput }): Promise<{ id: string; hiddenReasonTh: string }> {
  const i = parseInput(HideInput, input);
  const [c0] = await ctx.db.select().from(participationComments).where(eq(participationComments.id, input.id)).limit(1);
  if (!c0) throw notFound("comment", input.id);
  await requirePermission(ctx, "participation:manage", provinceScope(c0.provinceCode));
  return withTransaction(ctx, async (tx) => {
    const [c] = await tx.db.select().from(participationComments).where(eq(participationComments.id, input.id)).for("update").limit(1);
    if (c!.hiddenAt) throw new RuleViolation("participation.already-hidden", "ความคิดเห็นนี้ถูกซ่อนไว้แล้ว", "This comment is already hidden");
    await tx.db.update(participationComments).set({ hiddenAt: tx.now(), hiddenReasonTh: i.reasonTh, hiddenBy: tx.actor.id }).where(eq(participationComments.id, c!.id));
    await writeAudit(tx, { action: "participation.comment.hide", entityType: "participation-proposal", entityId: c!.proposalId, provinceCode: c!.provinceCode, before: { commentId: c!.id, bodyTh: c!.bodyTh }, after: { commentId: c!.id, hiddenReasonTh: i.reasonTh } });
    return { id: c!.id, hiddenReasonTh: i.reasonTh };
  });
}
