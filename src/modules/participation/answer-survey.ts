import { eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { AnswerSurveyInput } from "./contracts.js";
import { notFound, requireCitizen, requireVerified } from "./rules.js";
import { participationSurveyAnswers, participationSurveys } from "./tables.js";

/** A verified citizen answers an open survey once (1–5); only the count is ever shown, never an answer. */
export async function answerSurvey({ ctx, input }: { ctx: Ctx; input: { id: string } & AnswerSurveyInput & { isDemo?: boolean } }): Promise<{ id: string; respondents: number }> {
  const i = parseInput(AnswerSurveyInput, input);
  const [s0] = await ctx.db.select().from(participationSurveys).where(eq(participationSurveys.id, input.id)).limit(1);
  if (!s0) throw notFound("survey", input.id);
  const accountId = await requireCitizen(ctx, s0.provinceCode);
  await requireVerified(ctx, accountId);
  return withTransaction(ctx, async (tx) => {
    const [s] = await tx.db.select().from(participationSurveys).where(eq(participationSurveys.id, input.id)).for("update").limit(1);
    const now = tx.now();
    if (s!.closedAt || now < s!.opensAt || now >= s!.closesAt) throw new RuleViolation("participation.survey-closed", "แบบสำรวจนี้ปิดรับคำตอบแล้ว", "This survey is closed");
    const ins = await tx.db.insert(participationSurveyAnswers).values({ surveyId: s!.id, accountId, provinceCode: s!.provinceCode, score: i.score, isDemo: input.isDemo ?? false, createdAt: now }).onConflictDoNothing().returning({ id: participationSurveyAnswers.surveyId });
    if (!ins.length) throw new ConflictError("participation.already-answered", "ท่านตอบแบบสำรวจนี้แล้ว (ตอบได้ครั้งเดียว)", "You have already answered this survey (one answer per account)");
    await tx.db.update(participationSurveys).set({ respondents: sql`${participationSurveys.respondents} + 1`, updatedAt: now }).where(eq(participationSurveys.id, s!.id));
    // the audit row records that the account answered, not the score: answers stay out of every record but the tally
    await writeAudit(tx, { action: "participation.survey.answer", entityType: "participation-survey", entityId: s!.id, provinceCode: s!.provinceCode, after: { respondents: s!.respondents + 1 } });
    return { id: s!.id, respondents: s!.respondents + 1 };
  });
}
