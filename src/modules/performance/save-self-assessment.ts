import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { SelfAssessmentInput } from "./contracts.js";
import { agreementScope, mustGetAgreement, mustGetOpenRound } from "./rules.js";
import { agreementRounds } from "./tables.js";

/** The province (or cluster) writes its self-assessment for a round with evidence, as a draft or submitted. */
export async function saveSelfAssessment({ ctx, input }: { ctx: Ctx; input: { id: string; round: number } & z.input<typeof SelfAssessmentInput> }): Promise<{ round: number; status: string }> {
  const i = parseInput(SelfAssessmentInput, input);
  const a0 = await mustGetAgreement(ctx, input.id);
  await requirePermission(ctx, "performance:round.self-assess", agreementScope(a0));
  return withTransaction(ctx, async (tx) => {
    const a = await mustGetAgreement(tx, input.id, true);
    const r = await mustGetOpenRound(tx, a, input.round);
    const status = i.submit ? "submitted" : r.status;
    const evidence = i.evidence.map((e) => ({ name: e.name, url: e.url ?? null }));
    await tx.db
      .update(agreementRounds)
      .set({ selfAssessmentTh: i.selfAssessmentTh, evidence, status, ...(i.submit ? { submittedAt: tx.now(), submittedBy: tx.actor.id ?? tx.actor.kind, submittedByName: tx.actor.name } : {}) })
      .where(and(eq(agreementRounds.agreementId, a.id), eq(agreementRounds.round, r.round)));
    await writeAudit(tx, {
      action: i.submit ? "performance.round.submit" : "performance.round.self-assess",
      entityType: "agreement",
      entityId: a.id,
      provinceCode: a.provinceCode,
      before: { round: r.round, status: r.status, selfAssessmentTh: r.selfAssessmentTh, evidence: r.evidence },
      after: { round: r.round, status, selfAssessmentTh: i.selfAssessmentTh, evidence },
    });
    return { round: r.round, status };
  });
}
