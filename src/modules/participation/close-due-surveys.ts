import { and, isNull, lte } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { closeSurvey } from "./close-survey.js";
import { participationSurveys } from "./tables.js";

/** The survey job: surveys past their closing time are closed and their results recorded (idempotent: closed ones are skipped). */
export async function closeDueSurveys({ ctx }: { ctx: Ctx }): Promise<{ closed: number }> {
  const due = await ctx.db.select({ id: participationSurveys.id }).from(participationSurveys).where(and(isNull(participationSurveys.closedAt), lte(participationSurveys.closesAt, ctx.now()))).limit(1000);
  for (const s of due) await closeSurvey({ ctx, input: { id: s.id } });
  return { closed: due.length };
}
