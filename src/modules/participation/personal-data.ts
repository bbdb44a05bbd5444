import { and, desc, eq, isNotNull } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import type { Ctx } from "../../platform/ctx.js";
import type { ErasureSubject, PersonalDataSection } from "../../platform/module.js";
import { participationComments, participationProposals, participationSupports, participationSurveyAnswers } from "./tables.js";

/**
 * What participation holds about one account, for "my data" (PDPA right of access): the proposals and comments they
 * wrote (hidden ones included, with the province's reason), what they supported and their survey answers — which no
 * public page shows one by one.
 */
export async function participationPersonalData(ctx: Ctx, accountId: string): Promise<PersonalDataSection[]> {
  const [proposals, comments, supports, answers] = await Promise.all([
    ctx.db.select().from(participationProposals).where(eq(participationProposals.authorAccountId, accountId)).orderBy(desc(participationProposals.createdAt)),
    ctx.db.select().from(participationComments).where(eq(participationComments.authorAccountId, accountId)).orderBy(desc(participationComments.createdAt)),
    ctx.db.select().from(participationSupports).where(eq(participationSupports.accountId, accountId)).orderBy(desc(participationSupports.createdAt)),
    ctx.db.select().from(participationSurveyAnswers).where(eq(participationSurveyAnswers.accountId, accountId)).orderBy(desc(participationSurveyAnswers.createdAt)),
  ]);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return [
    {
      key: "participation.proposals",
      titleTh: "ข้อเสนอของฉัน (บอกเราถึงรัฐ)",
      titleEn: "My proposals (Tell the state)",
      rows: proposals.map((p) => ({ proposalId: p.id, callId: p.callId, provinceCode: p.provinceCode, title: p.titleTh, text: p.bodyTh, nameShown: p.authorName, supportCount: p.supportCount, responseDueOn: p.responseDueOn, respondedAt: iso(p.respondedAt), hiddenAt: iso(p.hiddenAt), hiddenReason: p.hiddenReasonTh, createdAt: iso(p.createdAt) })),
    },
    {
      key: "participation.comments",
      titleTh: "ความคิดเห็นของฉัน",
      titleEn: "My comments",
      rows: comments.map((c) => ({ commentId: c.id, proposalId: c.proposalId, provinceCode: c.provinceCode, text: c.bodyTh, nameShown: c.authorName, hiddenAt: iso(c.hiddenAt), hiddenReason: c.hiddenReasonTh, createdAt: iso(c.createdAt) })),
    },
    {
      key: "participation.supports",
      titleTh: "ข้อเสนอที่ฉันสนับสนุน",
      titleEn: "Proposals I supported",
      rows: supports.map((s) => ({ proposalId: s.proposalId, provinceCode: s.provinceCode, supportedAt: iso(s.createdAt) })),
    },
    {
      key: "participation.survey-answers",
      titleTh: "คำตอบแบบสำรวจของฉัน",
      titleEn: "My survey answers",
      rows: answers.map((a) => ({ surveyId: a.surveyId, provinceCode: a.provinceCode, score: a.score, answeredAt: iso(a.createdAt) })),
    },
  ];
}

/**
 * Participation's part of closing an account (inside its transaction): the name shown on the holder's proposals and
 * comments is removed, so they read as an anonymous citizen's. Their text stays (it is public and answered); supports
 * and survey answers stay counted under the closed account's id, which now identifies nobody. One audit record per
 * proposal touched, without the name.
 */
export async function eraseParticipationPersonalData(ctx: Ctx, { accountId }: ErasureSubject): Promise<Record<string, number>> {
  const proposals = await ctx.db
    .update(participationProposals)
    .set({ authorName: null, updatedAt: ctx.now() })
    .where(and(eq(participationProposals.authorAccountId, accountId), isNotNull(participationProposals.authorName)))
    .returning({ id: participationProposals.id, provinceCode: participationProposals.provinceCode });
  const comments = await ctx.db
    .update(participationComments)
    .set({ authorName: null })
    .where(and(eq(participationComments.authorAccountId, accountId), isNotNull(participationComments.authorName)))
    .returning({ proposalId: participationComments.proposalId, provinceCode: participationComments.provinceCode });
  const touched = new Map<string, { provinceCode: string; proposal: boolean; comments: number }>();
  for (const p of proposals) touched.set(p.id, { provinceCode: p.provinceCode, proposal: true, comments: 0 });
  for (const c of comments) {
    const t = touched.get(c.proposalId) ?? { provinceCode: c.provinceCode, proposal: false, comments: 0 };
    t.comments++;
    touched.set(c.proposalId, t);
  }
  for (const [id, t] of touched) {
    await writeAudit(ctx, { action: "participation.proposal.erase-author-name", entityType: "participation-proposal", entityId: id, provinceCode: t.provinceCode, after: { reason: "account closed at request", proposalName: t.proposal, commentNames: t.comments } });
  }
  const out: Record<string, number> = {};
  if (proposals.length) out["participation.proposal-names"] = proposals.length;
  if (comments.length) out["participation.comment-names"] = comments.length;
  return out;
}
