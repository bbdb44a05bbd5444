import { and, desc, eq, gt, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ListCallsInput, type CallSummary } from "./contracts.js";
import { isCallOpen, provinceNames, type CallRow } from "./rules.js";
import { subjectKey, subjectViews } from "./subjects.js";
import { participationCalls, participationProposals } from "./tables.js";

/** Calls as list rows: their subject, counts of proposals, supports and answers owed. */
export async function callSummaries(ctx: Ctx, calls: CallRow[]): Promise<CallSummary[]> {
  if (!calls.length) return [];
  const ids = calls.map((c) => c.id);
  const counts = await ctx.db
    .select({
      callId: participationProposals.callId,
      proposals: sql<number>`count(*) filter (where ${participationProposals.hiddenAt} is null)::int`,
      supports: sql<number>`coalesce(sum(${participationProposals.supportCount}) filter (where ${participationProposals.hiddenAt} is null), 0)::int`,
      awaiting: sql<number>`count(*) filter (where ${participationProposals.hiddenAt} is null and ${participationProposals.thresholdReachedAt} is not null and ${participationProposals.respondedAt} is null)::int`,
      responded: sql<number>`count(*) filter (where ${participationProposals.respondedAt} is not null)::int`,
    })
    .from(participationProposals)
    .where(inArray(participationProposals.callId, ids))
    .groupBy(participationProposals.callId);
  const byCall = new Map(counts.map((c) => [c.callId, c]));
  const [subjects, names] = await Promise.all([subjectViews(ctx, calls.map((c) => ({ kind: c.subjectKind as never, id: c.subjectId, fiscalYear: c.fiscalYear }))), provinceNames(ctx, calls.map((c) => c.provinceCode))]);
  const now = ctx.now();
  return calls.map((c) => {
    const n = byCall.get(c.id);
    return {
      id: c.id,
      provinceCode: c.provinceCode,
      provinceNameTh: names.get(c.provinceCode)?.nameTh ?? c.provinceCode,
      provinceNameEn: names.get(c.provinceCode)?.nameEn ?? c.provinceCode,
      subject: subjects.get(subjectKey({ kind: c.subjectKind as never, id: c.subjectId, fiscalYear: c.fiscalYear }))!,
      titleTh: c.titleTh,
      titleEn: c.titleEn,
      opensAt: c.opensAt.toISOString(),
      closesAt: c.closesAt.toISOString(),
      isOpen: isCallOpen(c, now),
      supportThreshold: c.supportThreshold,
      responseDays: c.responseDays,
      proposals: n?.proposals ?? 0,
      supports: n?.supports ?? 0,
      awaitingResponse: n?.awaiting ?? 0,
      responded: n?.responded ?? 0,
      isDemo: c.isDemo,
    };
  });
}

/** Calls for input of a province (or all provinces), open ones by default, newest first. Public. */
export async function listCalls({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListCallsInput> }): Promise<{ items: CallSummary[] }> {
  const i = parseInput(ListCallsInput, input);
  await requirePermission(ctx, "participation:public", NATION);
  const now = ctx.now();
  const where: SQL[] = [];
  if (i.provinceCode) where.push(eq(participationCalls.provinceCode, i.provinceCode));
  if (i.state === "open") where.push(and(lte(participationCalls.opensAt, now), gt(participationCalls.closesAt, now))!);
  if (i.state === "closed") where.push(or(lte(participationCalls.closesAt, now), gt(participationCalls.opensAt, now))!);
  const rows = await ctx.db.select().from(participationCalls).where(where.length ? and(...where) : undefined).orderBy(desc(participationCalls.opensAt), desc(participationCalls.id)).limit(i.limit);
  return { items: await callSummaries(ctx, rows) };
}
