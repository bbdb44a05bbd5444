import { and, eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { z } from "zod";
import { mustGetAssignment, proposalIssues, provinceScope, summaryOf } from "./agenda-rules.js";
import type { AgendaAssignmentSummary } from "./contracts.js";
import { proposalContent } from "./presenters.js";
import { agendaAssignments, agendaProposalVersions } from "./tables.js";

const SubmitInput = z.object({ id: z.string().min(1).max(120) });

/** Sends the current draft to the Ministry of Interior, once it is complete; from then on that version never changes. */
export async function submitProposal({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<AgendaAssignmentSummary> {
  const i = parseInput(SubmitInput, input);
  return withTransaction(ctx, async (tx) => {
    const a = await mustGetAssignment(tx, i.id, true);
    await requirePermission(tx, "strategy:proposal.write", provinceScope(a.provinceCode));
    if (a.status !== "draft") {
      throw new RuleViolation("strategy.proposal.not-draft", "ส่งได้เฉพาะฉบับร่าง (ข้อเสนอที่ถูกส่งกลับต้องบันทึกฉบับแก้ไขก่อน)", `Only a draft can be submitted; this proposal is ${a.status} (a returned proposal is revised into a new version first)`, { status: a.status });
    }
    const [v] = await tx.db.select().from(agendaProposalVersions).where(and(eq(agendaProposalVersions.assignmentId, a.id), eq(agendaProposalVersions.version, a.currentVersion))).for("update").limit(1);
    const issues = proposalIssues(proposalContent(v?.content));
    if (issues.length) {
      throw new RuleViolation(
        "strategy.proposal.incomplete",
        `ข้อเสนอยังไม่พร้อมส่ง: ${issues.map((x) => x.messageTh).join("; ")}`,
        `The proposal is not ready to submit: ${issues.map((x) => x.messageEn).join("; ")}`,
        { issues },
      );
    }
    await tx.db.update(agendaProposalVersions).set({ submittedAt: tx.now() }).where(and(eq(agendaProposalVersions.assignmentId, a.id), eq(agendaProposalVersions.version, a.currentVersion)));
    const [row] = await tx.db.update(agendaAssignments).set({ status: "submitted", updatedAt: tx.now() }).where(eq(agendaAssignments.id, a.id)).returning();
    await writeAudit(tx, { action: "strategy.proposal.submit", entityType: "agenda-assignment", entityId: a.id, provinceCode: a.provinceCode, before: { status: a.status }, after: { status: "submitted", version: a.currentVersion } });
    return summaryOf(tx, row!);
  });
}
