import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import { requirePermission, scopesFor } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { bangkokDateOf, diffDays } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import type { QueueItem } from "./contracts.js";
import { proposalSummaries } from "./presenters.js";
import { participationCalls, participationProposals } from "./tables.js";

const Input = z.object({ provinceCode: z.string().regex(/^\d{2}$/).optional(), include: z.enum(["awaiting", "all"]).default("awaiting") });

/** The governor's office's queue: proposals past their threshold, soonest deadline first (overdue on top), with days left. */
export async function listResponseQueue({ ctx, input }: { ctx: Ctx; input: z.input<typeof Input> }): Promise<{ items: QueueItem[] }> {
  const i = parseInput(Input, input);
  let provinces: string[] | null;
  if (i.provinceCode) {
    await requirePermission(ctx, "participation:manage", provinceScope(i.provinceCode));
    provinces = [i.provinceCode];
  } else {
    // without a province: every province the actor manages (a provincial grant names its province)
    const keys = scopesFor(ctx, "participation:manage");
    if (keys !== null && !keys.length) throw ctx.actor.kind === "anonymous" ? new UnauthorizedError() : new ForbiddenError("participation:manage");
    provinces = keys === null ? null : keys.map((k) => /^area:province:(\d{2})$/.exec(k)?.[1]).filter((x): x is string => !!x);
  }
  const rows = await ctx.db
    .select({ p: participationProposals, title: participationCalls.titleTh })
    .from(participationProposals)
    .innerJoin(participationCalls, eq(participationCalls.id, participationProposals.callId))
    .where(and(provinces ? inArray(participationProposals.provinceCode, provinces) : undefined, isNotNull(participationProposals.thresholdReachedAt), isNull(participationProposals.hiddenAt), i.include === "awaiting" ? isNull(participationProposals.respondedAt) : undefined))
    .orderBy(asc(participationProposals.responseDueOn), asc(participationProposals.id))
    .limit(500);
  const summaries = await proposalSummaries(ctx, rows.map((r) => r.p));
  const today = bangkokDateOf(ctx.now());
  return { items: summaries.map((s, n) => ({ ...s, callTitleTh: rows[n]!.title, daysLeft: s.responseDueOn && !s.respondedAt ? diffDays(today, s.responseDueOn) : null })) };
}
