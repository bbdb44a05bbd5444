import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { bangkokDateOf } from "../../platform/thai/dates.js";
import type { ChangeView, CommentView, ProposalSummary, ResponseView } from "./contracts.js";
import { proposalState, type CommentRow, type ProposalRow } from "./rules.js";
import { participationChanges, participationComments, participationResponses, participationSupports } from "./tables.js";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const excerpt = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);

/** Proposal rows as the public reads them: a hidden one keeps only the province's reason; no author id ever. */
export async function proposalSummaries(ctx: Ctx, rows: ProposalRow[]): Promise<ProposalSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const me = ctx.actor.kind === "user" ? ctx.actor.id : null;
  const [comments, mine, responses] = await Promise.all([
    ctx.db.select({ id: participationComments.proposalId, n: count() }).from(participationComments).where(and(inArray(participationComments.proposalId, ids), isNull(participationComments.hiddenAt))).groupBy(participationComments.proposalId),
    me ? ctx.db.select({ id: participationSupports.proposalId }).from(participationSupports).where(and(inArray(participationSupports.proposalId, ids), eq(participationSupports.accountId, me))) : Promise.resolve([]),
    ctx.db.select({ id: participationResponses.proposalId, decision: participationResponses.decision }).from(participationResponses).where(inArray(participationResponses.proposalId, ids)),
  ]);
  const nComments = new Map(comments.map((c) => [c.id, Number(c.n)]));
  const supported = new Set(mine.map((m) => m.id));
  const decisions = new Map(responses.map((r) => [r.id, r.decision]));
  return rows.map((p) => {
    const hidden = !!p.hiddenAt;
    return {
      id: p.id,
      callId: p.callId,
      provinceCode: p.provinceCode,
      titleTh: hidden ? "" : p.titleTh,
      excerptTh: hidden ? "" : excerpt(p.bodyTh),
      authorName: hidden ? null : p.authorName,
      supportCount: p.supportCount,
      state: proposalState(p),
      thresholdReachedAt: iso(p.thresholdReachedAt),
      responseDueOn: p.responseDueOn,
      respondedAt: iso(p.respondedAt),
      decision: (decisions.get(p.id) as ProposalSummary["decision"]) ?? null,
      comments: nComments.get(p.id) ?? 0,
      hiddenReasonTh: p.hiddenReasonTh,
      supportedByMe: supported.has(p.id),
      mine: !!me && p.authorAccountId === me,
      createdAt: p.createdAt.toISOString(),
    };
  });
}

/** A comment as the public reads it. */
export function commentView(c: CommentRow, me: string | null): CommentView {
  const hidden = !!c.hiddenAt;
  return { id: c.id, authorName: hidden ? null : c.authorName, bodyTh: hidden ? "" : c.bodyTh, hiddenReasonTh: c.hiddenReasonTh, mine: !!me && c.authorAccountId === me, createdAt: c.createdAt.toISOString() };
}

const show = (v: unknown): string => (v === null || v === undefined ? "" : Array.isArray(v) ? v.join(" · ") : typeof v === "object" ? JSON.stringify(v) : String(v));

/** Responses (with their changes, in order) by proposal id. */
export async function responseViews(ctx: Ctx, proposalIds: string[], dueByProposal: Map<string, string | null> = new Map()): Promise<Map<string, ResponseView>> {
  if (!proposalIds.length) return new Map();
  const rs = await ctx.db.select().from(participationResponses).where(inArray(participationResponses.proposalId, proposalIds));
  if (!rs.length) return new Map();
  const ch = await ctx.db.select().from(participationChanges).where(inArray(participationChanges.responseId, rs.map((r) => r.id))).orderBy(asc(participationChanges.responseId), asc(participationChanges.seq));
  const out = new Map<string, ResponseView>();
  for (const r of rs) {
    const due = r.dueOn ?? dueByProposal.get(r.proposalId) ?? null;
    const changes: ChangeView[] = ch
      .filter((c) => c.responseId === r.id)
      .map((c) => ({ kind: c.kind as ChangeView["kind"], subjectKind: c.subjectKind as ChangeView["subjectKind"], subjectId: c.subjectId, subjectNameTh: c.subjectNameTh, subjectNameEn: c.subjectNameEn, fieldTh: c.fieldTh, fieldEn: c.fieldEn, fiscalYear: c.fiscalYear, round: c.round, before: show(c.before), after: show(c.after), applied: c.applied }));
    out.set(r.proposalId, {
      id: r.id,
      proposalId: r.proposalId,
      callId: r.callId,
      provinceCode: r.provinceCode,
      decision: r.decision as ResponseView["decision"],
      reasoningTh: r.reasoningTh,
      reasoningEn: r.reasoningEn,
      publishedAt: r.publishedAt.toISOString(),
      onTime: due ? bangkokDateOf(r.publishedAt) <= due : null,
      changes,
    });
  }
  return out;
}
