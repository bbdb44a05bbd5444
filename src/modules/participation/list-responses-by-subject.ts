import { eq, inArray, or } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { ResponsesBySubject } from "./contracts.js";
import { responseViews } from "./presenters.js";
import { participationCalls, participationChanges, participationProposals, participationResponses } from "./tables.js";

/**
 * Official responses that concern a KPI or a strategy node (goal, agenda): those to proposals on calls about it and
 * those that changed it, newest first — what a KPI or goal page shows as "changed after public input". Public data.
 */
export async function responsesBySubject(ctx: Ctx, subjectId: string): Promise<ResponsesBySubject> {
  const viaChange = ctx.db.select({ id: participationChanges.responseId }).from(participationChanges).where(eq(participationChanges.subjectId, subjectId));
  const viaCall = ctx.db.select({ id: participationCalls.id }).from(participationCalls).where(eq(participationCalls.subjectId, subjectId));
  const rows = await ctx.db
    .select({ proposalId: participationResponses.proposalId, dueOn: participationProposals.responseDueOn, title: participationProposals.titleTh, callTitle: participationCalls.titleTh, callTitleEn: participationCalls.titleEn, hidden: participationProposals.hiddenAt, publishedAt: participationResponses.publishedAt })
    .from(participationResponses)
    .innerJoin(participationProposals, eq(participationProposals.id, participationResponses.proposalId))
    .innerJoin(participationCalls, eq(participationCalls.id, participationResponses.callId))
    .where(or(inArray(participationResponses.id, viaChange), inArray(participationResponses.callId, viaCall)))
    .limit(200);
  const views = await responseViews(ctx, rows.map((r) => r.proposalId));
  return {
    items: rows
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
      .map((r) => ({ ...views.get(r.proposalId)!, proposalTitleTh: r.hidden ? "" : r.title, callTitleTh: r.callTitle, callTitleEn: r.callTitleEn })),
  };
}
