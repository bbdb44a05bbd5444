import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { mustGetAssignment, provinceScope } from "./agenda-rules.js";
import { ProposalContent, type ProposalVersionView } from "./contracts.js";
import { versionView } from "./presenters.js";
import { agendaAssignments, agendaProposalVersions } from "./tables.js";

/**
 * The governor's office writes the proposal: a save replaces the current draft's content. After a return, the
 * first save starts the next version as a draft; a version once submitted is never changed.
 */
export async function saveProposal({ ctx, input }: { ctx: Ctx; input: { id: string } & z.input<typeof ProposalContent> }): Promise<ProposalVersionView> {
  const content = parseInput(ProposalContent, input);
  return withTransaction(ctx, async (tx) => {
    const a = await mustGetAssignment(tx, input.id, true);
    await requirePermission(tx, "strategy:proposal.write", provinceScope(a.provinceCode));
    if (a.status !== "draft" && a.status !== "returned") {
      throw new RuleViolation("strategy.proposal.not-editable", "ข้อเสนอนี้ส่งแล้ว แก้ไขได้อีกเมื่อถูกส่งกลับเท่านั้น", `The proposal is ${a.status}: it can be edited again only once it is returned`, { status: a.status });
    }
    const version = a.status === "returned" ? a.currentVersion + 1 : a.currentVersion;
    const [existing] = await tx.db.select().from(agendaProposalVersions).where(and(eq(agendaProposalVersions.assignmentId, a.id), eq(agendaProposalVersions.version, version))).for("update").limit(1);
    if (existing?.submittedAt) {
      throw new RuleViolation("strategy.proposal.version-locked", "ฉบับที่ส่งแล้วแก้ไขไม่ได้", `Version ${version} was submitted and can no longer change`);
    }
    const values = { content, editedBy: tx.actor.id ?? tx.actor.kind, editedByName: tx.actor.name, editedAt: tx.now() };
    const [row] = existing
      ? await tx.db.update(agendaProposalVersions).set(values).where(and(eq(agendaProposalVersions.assignmentId, a.id), eq(agendaProposalVersions.version, version))).returning()
      : await tx.db.insert(agendaProposalVersions).values({ assignmentId: a.id, version, provinceCode: a.provinceCode, submittedAt: null, ...values }).returning();
    await tx.db.update(agendaAssignments).set({ status: "draft", currentVersion: version, updatedAt: tx.now() }).where(eq(agendaAssignments.id, a.id));
    await writeAudit(tx, {
      action: "strategy.proposal.save",
      entityType: "agenda-assignment",
      entityId: a.id,
      provinceCode: a.provinceCode,
      before: existing ? { version, content: existing.content } : { status: a.status, version: a.currentVersion },
      after: { version, newVersion: !existing, content },
    });
    return versionView(row!, "draft");
  });
}
