import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { UnhideInput, type UnhideResult } from "./contracts.js";
import { notFound } from "./rules.js";
import { participationComments } from "./tables.js";

/** The governor's office puts a hidden comment back on public view, saying why (audited with the reason it had been hidden for). */
export async function unhideComment({ ctx, input }: { ctx: Ctx; input: { id: string } & UnhideInput }): Promise<UnhideResult> {
  const i = parseInput(UnhideInput, input);
  const [c0] = await ctx.db.select().from(participationComments).where(eq(participationComments.id, input.id)).limit(1);
  if (!c0) throw notFound("comment", input.id);
  await requirePermission(ctx, "participation:manage", provinceScope(c0.provinceCode));
  return withTransaction(ctx, async (tx) => {
    const [c] = await tx.db.select().from(participationComments).where(eq(participationComments.id, input.id)).for("update").limit(1);
    if (!c!.hiddenAt) throw new RuleViolation("participation.not-hidden", "ความคิดเห็นนี้ไม่ได้ถูกซ่อนไว้", "This comment is not hidden");
    await tx.db.update(participationComments).set({ hiddenAt: null, hiddenReasonTh: null, hiddenBy: null }).where(eq(participationComments.id, c!.id));
    await writeAudit(tx, { action: "participation.comment.unhide", entityType: "participation-proposal", entityId: c!.proposalId, provinceCode: c!.provinceCode, before: { commentId: c!.id, hiddenReasonTh: c!.hiddenReasonTh }, after: { commentId: c!.id, unhideReasonTh: i.reasonTh } });
    return { id: c!.id, hidden: false as const };
  });
}
