import { and, asc, eq, lt, ne } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import { roundScoreView, scoreRoundNow } from "./score-rounds.js";
import { agreementScope, loadAgreementItems, mustGetAgreement, mustGetOpenRound } from "./rules.js";
import { agreementRounds, agreements } from "./tables.js";

/** Closes a round and freezes its score (OPDC may close early; the scheduled job closes rounds on their due date). */
export async function closeRound({ ctx, input }: { ctx: Ctx; input: { id: string; round: number } }): Promise<{ round: number; total: number | null }> {
  const a0 = await mustGetAgreement(ctx, input.id);
  await requirePermission(ctx, "performance:round.assess", agreementScope(a0));
  return withTransaction(ctx, async (tx) => {
    const a = await mustGetAgreement(tx, input.id, true);
    const r = await mustGetOpenRound(tx, a, input.round);
    const score = await scoreRoundNow(tx, a, await loadAgreementItems(tx, a.id), r);
    const view = roundScoreView(score);
    await tx.db
      .update(agreementRounds)
      // the engine's whole explained score is kept, so the round report shows what was frozen
      .set({ status: "closed", closedAt: tx.now(), closedBy: tx.actor.id ?? tx.actor.kind, score, total: view.total })
      .where(and(eq(agreementRounds.agreementId, a.id), eq(agreementRounds.round, r.round)));
    await writeAudit(tx, { action: "performance.round.close", entityType: "agreement", entityId: a.id, provinceCode: a.provinceCode, before: { round: r.round, status: r.status }, after: { round: r.round, status: "closed", total: view.total, version: a.version } });
    await emitEvent(tx, { type: "agreement.round-scored", provinceCode: a.provinceCode, entityType: "agreement", entityId: a.id, isDemo: a.isDemo, data: { agreement: { id: a.id, fiscalYear: a.fiscalYear, kind: a.kind, areaId: a.areaId, provinceCode: a.provinceCode }, round: { round: r.round, periodEnd: r.periodEnd, status: "closed", total: view.total } } });
    return { round: r.round, total: view.total };
  });
}

/** Closes every round of a signed agreement whose due date has passed (Bangkok time); each in its own transaction. */
export async function closeDueRounds({ ctx }: { ctx: Ctx }): Promise<{ closed: { id: string; round: number; total: number | null }[] }> {
  const today = bangkokToday(ctx.now());
  const due = await ctx.db
    .select({ id: agreementRounds.agreementId, round: agreementRounds.round })
    .from(agreementRounds)
    .innerJoin(agreements, eq(agreements.id, agreementRounds.agreementId))
    .where(and(ne(agreementRounds.status, "closed"), lt(agreementRounds.dueDate, today), eq(agreements.status, "signed")))
    .orderBy(asc(agreementRounds.dueDate));
  const closed = [];
  for (const d of due) closed.push({ id: d.id, ...(await closeRound({ ctx, input: d })) });
  return { closed };
}
