import { and, eq } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { lookupArea } from "../registry/index.js";
import type { RoundReport } from "./report-model.js";
import { agreementScope, itemKpiInfo, loadAgreementItems, mustGetAgreement } from "./rules.js";
import { scoreRoundNow } from "./score-rounds.js";
import type { RoundScore } from "./scoring.js";
import { agreementRounds } from "./tables.js";
import { NotFoundError } from "../../platform/errors.js";

/** Everything a round report shows: the frozen score of a closed round, or the score so far of an open one. */
export async function getRoundReport({ ctx, input }: { ctx: Ctx; input: { id: string; round: number } }): Promise<RoundReport> {
  const a = await mustGetAgreement(ctx, input.id);
  await requirePermission(ctx, "performance:read", agreementScope(a));
  const [r] = await ctx.db.select().from(agreementRounds).where(and(eq(agreementRounds.agreementId, a.id), eq(agreementRounds.round, input.round))).limit(1);
  if (!r) throw new NotFoundError("agreement-round", `${a.id}/${input.round}`);
  const items = await loadAgreementItems(ctx, a.id);
  const score = r.status === "closed" && r.score ? (r.score as RoundScore) : await scoreRoundNow(ctx, a, items, r);
  const area = await lookupArea(ctx, a.areaId);
  const parties = a.parties as { role: string; nameTh: string; nameEn?: string }[];
  return {
    agreement: {
      id: a.id,
      titleTh: a.titleTh,
      titleEn: a.titleEn,
      fiscalYear: a.fiscalYear,
      kind: a.kind as "provincial" | "cluster",
      areaNameTh: area?.nameTh ?? a.areaId,
      areaNameEn: area?.nameEn ?? a.areaId,
      provinceCode: a.provinceCode,
      parties: parties.map((p) => ({ role: p.role, nameTh: p.nameTh, nameEn: p.nameEn ?? "" })),
      status: a.status as "draft" | "signed",
      version: a.version,
      signedAt: a.signedAt?.toISOString() ?? null,
      schemeType: (a.scheme as { type: "five-level" | "pb-pt" }).type,
      isDemo: a.isDemo,
    },
    round: {
      round: r.round as 6 | 9 | 12,
      periodEnd: r.periodEnd,
      dueDate: r.dueDate,
      status: r.status as "open" | "submitted" | "closed",
      selfAssessmentTh: r.selfAssessmentTh,
      evidence: (r.evidence as { name: string; url: string | null }[]) ?? [],
      closedAt: r.closedAt?.toISOString() ?? null,
    },
    itemInfo: await itemKpiInfo(ctx, items),
    score,
    generatedAt: ctx.now().toISOString(),
    generatedByName: ctx.actor.name,
  };
}
