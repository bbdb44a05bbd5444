import { asc, eq } from "drizzle-orm";
import { hasPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { MOI_SCOPE, mustGetAssignment, proposalIssues, provinceScope, requireReadProposals, versionState } from "./agenda-rules.js";
import { EMPTY_PROPOSAL, type AgendaAssignmentDetail } from "./contracts.js";
import { assignmentSummary, nodeSummary, proposalContent, reviewView, versionView } from "./presenters.js";
import { agendaProposalReviews, agendaProposalVersions, strategyNodes } from "./tables.js";

/** An assignment with its agenda, every version of the proposal, every review, and what the caller may do next. */
export async function getAssignment({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<AgendaAssignmentDetail> {
  const a = await mustGetAssignment(ctx, input.id);
  await requireReadProposals(ctx, a.provinceCode);
  const [node] = await ctx.db.select().from(strategyNodes).where(eq(strategyNodes.id, a.agendaNodeId)).limit(1);
  if (!node) throw new NotFoundError("strategy-node", a.agendaNodeId);
  const versions = await ctx.db.select().from(agendaProposalVersions).where(eq(agendaProposalVersions.assignmentId, a.id)).orderBy(asc(agendaProposalVersions.version));
  // one review per stage per version at most, and the ministry's always comes first ("moi" < "opdc")
  const reviews = await ctx.db.select().from(agendaProposalReviews).where(eq(agendaProposalReviews.assignmentId, a.id)).orderBy(asc(agendaProposalReviews.version), asc(agendaProposalReviews.stage), asc(agendaProposalReviews.reviewedAt));
  const current = versions.find((v) => v.version === a.currentVersion);
  const me = ctx.actor.id ?? ctx.actor.kind;
  const scope = provinceScope(a.provinceCode);
  const write = ctx.actor.kind !== "anonymous" && (await hasPermission(ctx, "strategy:proposal.write", scope));
  const notMine = !!current && current.editedBy !== me;
  return {
    ...assignmentSummary(a, node),
    agenda: nodeSummary(node),
    versions: versions.map((v) => versionView(v, versionState(v.submittedAt, reviews.filter((r) => r.version === v.version).map((r) => r.decision)))),
    reviews: reviews.map(reviewView),
    issues: a.status === "draft" ? proposalIssues(current ? proposalContent(current.content) : EMPTY_PROPOSAL) : [],
    may: {
      edit: write && (a.status === "draft" || a.status === "returned"),
      submit: write && a.status === "draft" && !!current,
      reviewMoi: a.status === "submitted" && notMine && ctx.actor.kind !== "anonymous" && (await hasPermission(ctx, "strategy:proposal.review.moi", MOI_SCOPE)),
      reviewOpdc: a.status === "under_review" && notMine && ctx.actor.kind !== "anonymous" && (await hasPermission(ctx, "strategy:proposal.review.opdc", scope)),
    },
  };
}
