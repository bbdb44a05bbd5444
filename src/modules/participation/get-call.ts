import { desc, eq } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import type { CallDetail } from "./contracts.js";
import { callSummaries } from "./list-calls.js";
import { proposalSummaries } from "./presenters.js";
import { mustGetCall, viewerOf } from "./rules.js";
import { participationProposals } from "./tables.js";

/** A call with its proposals, most supported first (hidden ones last, with the province's reason), and what the viewer may do. Public. */
export async function getCall({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<CallDetail> {
  await requirePermission(ctx, "participation:public", NATION);
  const c = await mustGetCall(ctx, input.id);
  const rows = await ctx.db.select().from(participationProposals).where(eq(participationProposals.callId, c.id)).orderBy(desc(participationProposals.supportCount), participationProposals.createdAt).limit(500);
  rows.sort((a, b) => Number(!!a.hiddenAt) - Number(!!b.hiddenAt));
  const [summary] = await callSummaries(ctx, [c]);
  return { ...summary!, descriptionTh: c.descriptionTh, descriptionEn: c.descriptionEn, proposalsList: await proposalSummaries(ctx, rows), viewer: await viewerOf(ctx, c.provinceCode) };
}
