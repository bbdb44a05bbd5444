import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { HideInput } from "./contracts.js";
import { mustGetProposal } from "./rules.js";
import { participationProposals } from "./tables.js";

/** The governor's office hides a proposal with a reason (audited); the public then reads "hidden by the province: <reason>". An answered proposal cannot be hidden (409). */
export async function hideProposal({ ctx, input }: { ctx: Ctx; input: { id: string } & HideInput }): Promise<{ id: string; hiddenReasonTh: string }> {
  const i = parseInput(HideInput, input);
  const p0 = await mustGetProposal(ctx, input.id);
  await requirePermission(ctx, "participation:manage", provinceScope(p0.provinceCode));
  return withTransaction(ctx, async (tx) => {
    const p = await mustGetProposal(tx, input.id, true);
    if (p.hiddenAt) throw new RuleViolation("participation.already-hidden", "ข้อเสนอนี้ถูกซ่อนไว้แล้ว", "This proposal is already hidden");
    // an answered proposal is part of the public record of what the province was asked and what it changed
    if (p.respondedAt) throw new ConflictError("participation.responded-not-hideable", "ข้อเสนอนี้มีคำตอบอย่างเป็นทางการแล้ว เป็นส่วนหนึ่งของบันทึกสาธารณะ จึงซ่อนไม่ได้", "This proposal has an official response and is part of the public record, so it cannot be hidden");
    const now = tx.now();
    await tx.db.update(participationProposals).set({ hiddenAt: now, hiddenReasonTh: i.reasonTh, hiddenBy: tx.actor.id, updatedAt: now }).where(eq(participationProposals.id, p.id));
    await writeAudit(tx, { action: "participation.proposal.hide", entityType: "participation-proposal", entityId: p.id, provinceCode: p.provinceCode, before: { titleTh: p.titleTh, bodyTh: p.bodyTh }, after: { hiddenReasonTh: i.reasonTh } });
    return { id: p.id, hiddenReasonTh: i.reasonTh };
  });
}
