import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { MOI_SCOPE, mustGetAssignment, provinceScope, summaryOf } from "./agenda-rules.js";
import { ReviewProposalInput, type AgendaAssignmentSummary, type AgendaStatus } from "./contracts.js";
import { agendaAssignments, agendaProposalReviews, agendaProposalVersions } from "./tables.js";

const NEXT: Record<string, AgendaStatus> = { forward: "under_review", approve: "approved", return: "returned" };
const STAGE_TH = { moi: "กระทรวงมหาดไทย", opdc: "สำนักงาน ก.พ.ร." } as const;
const STAGE_EN = { moi: "the Ministry of Interior", opdc: "OPDC" } as const;

/**
 * Reviews the submitted version: the Ministry of Interior first (forward to OPDC, or return), then OPDC (approve,
 * or return). A return needs a comment; each reviewer acts only at their own stage, never on a version they wrote.
 */
export async function reviewProposal({ ctx, input }: { ctx: Ctx; input: { id: string } & z.input<typeof ReviewProposalInput> }): Promise<AgendaAssignmentSummary> {
  const i = parseInput(ReviewProposalInput, input);
  return withTransaction(ctx, async (tx) => {
    const a = await mustGetAssignment(tx, input.id, true);
    if (i.stage === "moi") await requirePermission(tx, "strategy:proposal.review.moi", MOI_SCOPE);
    else await requirePermission(tx, "strategy:proposal.review.opdc", provinceScope(a.provinceCode));
    const expected = i.stage === "moi" ? "submitted" : "under_review";
    if (a.status !== expected) {
      throw new RuleViolation(
        "strategy.proposal.wrong-stage",
        `ข้อเสนอนี้ไม่ได้อยู่ในขั้นพิจารณาของ${STAGE_TH[i.stage]}`,
        `The proposal is ${a.status}: it is not at ${STAGE_EN[i.stage]}'s stage of review`,
        { status: a.status, stage: i.stage },
      );
    }
    const [v] = await tx.db.select().from(agendaProposalVersions).where(and(eq(agendaProposalVersions.assignmentId, a.id), eq(agendaProposalVersions.version, a.currentVersion))).limit(1);
    if (v && v.editedBy === (tx.actor.id ?? tx.actor.kind)) {
      throw new RuleViolation("strategy.proposal.self-review", "ผู้จัดทำข้อเสนอพิจารณาข้อเสนอของตนเองไม่ได้", "You cannot review a proposal you wrote");
    }
    const status = NEXT[i.decision]!;
    const comment = i.comment?.trim() || null;
    await tx.db.insert(agendaProposalReviews).values({
      id: newId(),
      assignmentId: a.id,
      version: a.currentVersion,
      provinceCode: a.provinceCode,
      stage: i.stage,
      decision: i.decision,
      commentTh: comment,
      reviewedBy: tx.actor.id ?? tx.actor.kind,
      reviewedByName: tx.actor.name,
      reviewedAt: tx.now(),
    });
    const [row] = await tx.db.update(agendaAssignments).set({ status, updatedAt: tx.now() }).where(eq(agendaAssignments.id, a.id)).returning();
    await writeAudit(tx, {
      action: `strategy.proposal.${i.decision}`,
      entityType: "agenda-assignment",
      entityId: a.id,
      provinceCode: a.provinceCode,
      before: { status: a.status },
      after: { status, stage: i.stage, version: a.currentVersion, comment },
    });
    return summaryOf(tx, row!);
  });
}
