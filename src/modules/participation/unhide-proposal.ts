import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { UnhideInput, type UnhideResult } from "./contracts.js";
import { mustGetProposal } from "./rules.js";
import { participationProposals } from "./tables.js";

/** The governor's office puts a hidden proposal back on public view, saying why (audited with the reason it had been hidden for). */
export async function unhideProposal({ ctx, input }: { ctx: Ctx; input: { id: string } & UnhideInput }): Promise<UnhideResult> {
  const i = parseInput(UnhideInput, input);
  const p0 = await mustGetProposal(ctx, input.id);
  await requirePermission(ctx, "participation:manage", provinceScope(p0.provinceCode));
  return withTransaction(ctx, async (tx) => {
    const p = await mustGetProposal(tx, input.id, true);
    if (!p.hiddenAt) throw new RuleViolation("participation.not-hidden", "ข้อเสนอนี้ไม่ได้ถูกซ่อนไว้", "This proposal is not hidden");
    const now = tx.now();
    await tx.db.update(participationProposals).set({ hiddenAt: null, hiddenReasonTh: null, hiddenBy: null, updatedAt: now }).where(eq(participationProposals.id, p.id));
    await writeAudit(tx, { action: "participation.proposal.unhide", entityType: "participation-proposal", entityId: p.id, provinceCode: p.provinceCode, before: { hiddenAt: p.hiddenAt.toISOString(), hiddenReasonTh: p.hiddenReasonTh }, after: { hiddenAt: null, unhideReasonTh: i.reasonTh } });
    return { id: p.id, hidden: false as const };
  });
}
