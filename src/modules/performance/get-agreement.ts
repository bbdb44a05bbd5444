import { asc, eq } from "drizzle-orm";
import { hasPermission, requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import type { AgreementDetail, RoundScoreView } from "./contracts.js";
import { agreementSummary } from "./presenters.js";
import { agreementScope, itemKpiInfo, loadAgreementItems, mustGetAgreement } from "./rules.js";
import { roundScoreView, scoreRoundNow } from "./score-rounds.js";
import type { RoundScore } from "./scoring.js";
import { agreementAmendments, agreementItemResults, agreementRounds } from "./tables.js";

/** An agreement with its items, each round's score (frozen when closed, live so far when open), amendments and what the actor may do. */
export async function getAgreement({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<AgreementDetail> {
  const a = await mustGetAgreement(ctx, input.id);
  const scope = agreementScope(a);
  await requirePermission(ctx, "performance:read", scope);
  const items = await loadAgreementItems(ctx, a.id);
  const info = await itemKpiInfo(ctx, items);
  const rounds = await ctx.db.select().from(agreementRounds).where(eq(agreementRounds.agreementId, a.id)).orderBy(asc(agreementRounds.round));
  const results = await ctx.db.select().from(agreementItemResults).where(eq(agreementItemResults.agreementId, a.id));
  const amendments = await ctx.db.select().from(agreementAmendments).where(eq(agreementAmendments.agreementId, a.id)).orderBy(asc(agreementAmendments.version));
  const may = async (op: Parameters<typeof hasPermission>[1]) => ctx.actor.kind !== "anonymous" && (await hasPermission(ctx, op, scope));
  const [edit, sign, amend, selfAssess, assess] = await Promise.all([
    may("performance:agreement.write"),
    may("performance:agreement.sign"),
    may("performance:agreement.amend"),
    may("performance:round.self-assess"),
    may("performance:round.assess"),
  ]);
  const roundViews = [];
  for (const r of rounds) {
    const closed = r.status === "closed" && r.score;
    const score: RoundScoreView = roundScoreView(closed ? (r.score as RoundScore) : await scoreRoundNow(ctx, a, items, r));
    roundViews.push({
      round: r.round as 6 | 9 | 12,
      periodEnd: r.periodEnd,
      dueDate: r.dueDate,
      status: r.status as "open" | "submitted" | "closed",
      selfAssessmentTh: r.selfAssessmentTh,
      evidence: (r.evidence as { name: string; url: string | null }[]) ?? [],
      submittedAt: r.submittedAt?.toISOString() ?? null,
      submittedByName: r.submittedByName,
      closedAt: r.closedAt?.toISOString() ?? null,
      score,
      live: !closed,
      itemResults: results.filter((x) => x.round === r.round).map((x) => ({ itemId: x.itemId, value: x.value, note: x.note, enteredByName: x.enteredByName })),
    });
  }
  return {
    ...agreementSummary(a),
    parties: (a.parties as AgreementDetail["parties"]).map((p) => ({ role: p.role, nameTh: p.nameTh, nameEn: p.nameEn ?? "" })),
    scheme: a.scheme as Record<string, unknown>,
    roundDueDays: a.roundDueDays,
    signedByName: a.signedByName,
    items: items.map((i) => ({
      itemId: i.itemId,
      kpiId: i.kpiId,
      kpiCode: info[i.itemId]!.kpiCode,
      unit: info[i.itemId]!.unit,
      nameTh: i.nameTh,
      nameEn: i.nameEn,
      weight: i.weight,
      component: i.component as "performance" | "potential" | null,
      criteria: i.criteria as Record<string, unknown>,
    })),
    rounds: roundViews,
    amendments: amendments.map((m) => ({ version: m.version, reasonTh: m.reasonTh, createdByName: m.createdByName, createdAt: m.createdAt.toISOString(), before: m.before, after: m.after })),
    may: { edit: edit && a.status === "draft", sign: sign && a.status === "draft", amend: amend && a.status === "signed", selfAssess: selfAssess && a.status === "signed", assess: assess && a.status === "signed" },
  };
}
