import { and, desc, eq, inArray, lte } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { RoundScoreView } from "./contracts.js";
import { scoringDefinition } from "./rules.js";
import { scoreRound, type Round, type RoundScore } from "./scoring.js";
import { agreementItemResults, agreementItems, agreements, agreementRounds, measurements } from "./tables.js";

type Agreement = typeof agreements.$inferSelect;
type ItemRow = typeof agreementItems.$inferSelect;
type RoundRow = typeof agreementRounds.$inferSelect;

/**
 * The results a round is scored on: for a KPI item, the latest verified measurement of the agreement's fiscal
 * year up to the round's period end; for other items, what the assessor entered for that round.
 */
export async function roundResults(ctx: Ctx, a: Agreement, items: readonly ItemRow[], round: Pick<RoundRow, "round" | "periodEnd">): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = Object.fromEntries(items.map((i) => [i.itemId, null]));
  const kpiIds = [...new Set(items.map((i) => i.kpiId).filter((k): k is string => !!k))];
  if (kpiIds.length) {
    const rows = await ctx.db
      .selectDistinctOn([measurements.kpiId], { kpiId: measurements.kpiId, value: measurements.value })
      .from(measurements)
      .where(and(inArray(measurements.kpiId, kpiIds), eq(measurements.fiscalYear, a.fiscalYear), eq(measurements.status, "verified"), lte(measurements.periodEnd, round.periodEnd)))
      .orderBy(measurements.kpiId, desc(measurements.periodEnd), desc(measurements.reviewedAt));
    const byKpi = new Map(rows.map((r) => [r.kpiId, r.value]));
    for (const i of items) if (i.kpiId && byKpi.has(i.kpiId)) out[i.itemId] = byKpi.get(i.kpiId)!;
  }
  const manual = await ctx.db
    .select()
    .from(agreementItemResults)
    .where(and(eq(agreementItemResults.agreementId, a.id), eq(agreementItemResults.round, round.round)));
  for (const m of manual) if (m.itemId in out && !items.find((i) => i.itemId === m.itemId)?.kpiId) out[m.itemId] = m.value;
  return out;
}

/** Scores a round as it stands now (the live score of an open round, or the score a closing round freezes). */
export async function scoreRoundNow(ctx: Ctx, a: Agreement, items: readonly ItemRow[], round: Pick<RoundRow, "round" | "periodEnd">): Promise<RoundScore> {
  return scoreRound(scoringDefinition(a, items), round.round as Round, await roundResults(ctx, a, items, round));
}

/** The part of the engine's RoundScore the API shows. */
export function roundScoreView(s: RoundScore): RoundScoreView {
  return {
    schemeType: s.schemeType,
    final: s.final,
    scale: s.scale,
    decimals: s.decimals,
    total: s.total,
    reportedWeight: s.reportedWeight,
    countedWeight: s.countedWeight,
    complete: s.complete,
    components: s.components,
    rating: s.rating,
    explanation: s.explanation,
    items: s.items.map((i) => ({ itemId: i.itemId, weight: i.weight, result: i.result, score: i.score, status: i.status, weightedScore: i.weightedScore, targetsUsed: i.targetsUsed ? [...i.targetsUsed] : null, explanation: i.explanation })),
  };
}
