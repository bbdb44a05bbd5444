import { eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import type { SupportResult } from "./contracts.js";
import { mustGetCall, mustGetProposal, proposalState, requireCitizen, requireOpenCall, requireVerified, responseDueOn } from "./rules.js";
import { participationProposals, participationSupports } from "./tables.js";

/**
 * A verified citizen supports a proposal. Idempotent: a second support by the same account changes nothing and
 * answers `counted: false` (the unique index on (proposal, account) is the guard). The support that reaches the
 * call's threshold fixes the official response deadline. Supports serialise on the proposal's row lock.
 */
export async function supportProposal({ ctx, input }: { ctx: Ctx; input: { id: string; isDemo?: boolean } }): Promise<SupportResult> {
  const p0 = await mustGetProposal(ctx, input.id);
  const accountId = await requireCitizen(ctx, p0.provinceCode);
  await requireVerified(ctx, accountId);
  return withTransaction(ctx, async (tx) => {
    const p = await mustGetProposal(tx, input.id, true);
    const c = await mustGetCall(tx, p.callId);
    if (p.hiddenAt) throw new RuleViolation("participation.proposal-hidden", "ข้อเสนอนี้ถูกจังหวัดซ่อนไว้ จึงสนับสนุนไม่ได้", "This proposal was hidden by the province and cannot be supported");
    requireOpenCall(c, tx.now());
    const now = tx.now();
    const inserted = await tx.db.insert(participationSupports).values({ proposalId: p.id, accountId, provinceCode: p.provinceCode, isDemo: input.isDemo ?? false, createdAt: now }).onConflictDoNothing().returning({ id: participationSupports.proposalId });
    if (!inserted.length) return { proposalId: p.id, supportCount: p.supportCount, counted: false, supportedByMe: true, state: proposalState(p), responseDueOn: p.responseDueOn };
    const supportCount = p.supportCount + 1;
    const reaches = !p.thresholdReachedAt && supportCount >= c.supportThreshold;
    const dueOn = reaches ? await responseDueOn(tx, now, c.responseDays) : p.responseDueOn;
    await tx.db.update(participationProposals).set({ supportCount: sql`${participationProposals.supportCount} + 1`, ...(reaches ? { thresholdReachedAt: now, responseDueOn: dueOn } : {}), updatedAt: now }).where(eq(participationProposals.id, p.id));
    await writeAudit(tx, { action: "participation.proposal.support", entityType: "participation-proposal", entityId: p.id, provinceCode: p.provinceCode, before: { supportCount: p.supportCount }, after: { supportCount, ...(reaches ? { thresholdReachedAt: now.toISOString(), responseDueOn: dueOn } : {}) } });
    const next = { ...p, thresholdReachedAt: reaches ? now : p.thresholdReachedAt };
    return { proposalId: p.id, supportCount, counted: true, supportedByMe: true, state: proposalState(next), responseDueOn: dueOn };
  });
}
