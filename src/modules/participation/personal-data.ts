import { desc, eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { PersonalDataSection } from "../../platform/module.js";
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
