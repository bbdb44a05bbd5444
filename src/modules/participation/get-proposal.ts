import { asc, eq } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import type { ProposalDetail } from "./contracts.js";
import { callSummaries } from "./list-calls.js";
import { commentView, proposalSummaries, responseViews } from "./presenters.js";
import { mustGetCall, mustGetProposal, viewerOf } from "./rules.js";
import { participationComments } from "./tables.js";

/** A proposal with its comments, the official response and what it changed (before → after). Public. */
export async function getProposal({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<ProposalDetail> {
  await requirePermission(ctx, "participation:public", NATION);
  const p = await mustGetProposal(ctx, input.id);
  const c = await mustGetCall(ctx, p.callId);
  const [[summary], [call], comments, responses, viewer] = await Promise.all([
    proposalSummaries(ctx, [p]),
    callSummaries(ctx, [c]),
    ctx.db.select().from(participationComments).where(eq(participationComments.proposalId, p.id)).orderBy(asc(participationComments.createdAt), asc(participationComments.id)).limit(1000),
    responseViews(ctx, [p.id]),
    viewerOf(ctx, p.provinceCode),
  ]);
  const me = ctx.actor.kind === "user" ? ctx.actor.id : null;
  return {
    ...summary!,
    bodyTh: p.hiddenAt ? "" : p.bodyTh,
    call: { id: c.id, titleTh: c.titleTh, titleEn: c.titleEn, provinceCode: c.provinceCode, provinceNameTh: call!.provinceNameTh, provinceNameEn: call!.provinceNameEn, isOpen: call!.isOpen, supportThreshold: c.supportThreshold, responseDays: c.responseDays, subject: call!.subject },
    commentsList: comments.map((x) => commentView(x, me)),
    response: responses.get(p.id) ?? null,
    viewer,
  };
}
