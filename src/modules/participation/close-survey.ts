import { eq } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ForbiddenError, RuleViolation } from "../../platform/errors.js";
import { notify } from "../../platform/notify/notify.js";
import { reviewMeasurement, submitMeasurement } from "../performance/index.js";
import type { SurveyView } from "./contracts.js";
import { surveyViews } from "./list-surveys.js";
import { notFound } from "./rules.js";
import { participationSurveyAnswers, participationSurveys } from "./tables.js";

/** Who reports a survey's result to the KPI: the platform itself, so a person of the office can verify it (never their own). */
const SURVEY_REPORTER: Actor = { kind: "system", id: null, name: "บอกเราถึงรัฐ: แบบสำรวจความพึงพอใจ", grants: [{ role: "administrator", scope: "nation" }] };

/** Mean, sample standard deviation and counts per score of 1–5 answers. */
export function tally(scores: number[]): { respondents: number; mean: number | null; sd: number | null; distribution: number[] } {
  const distribution = [0, 0, 0, 0, 0];
  for (const s of scores) distribution[s - 1]!++;
  const n = scores.length;
  if (!n) return { respondents: 0, mean: null, sd: null, distribution };
  const mean = scores.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : null;
  return { respondents: n, mean: Math.round(mean * 100) / 100, sd: sd === null ? null : Math.round(sd * 1000) / 1000, distribution };
}

/**
 * Closes a survey (the office, or the job once its closing time has passed) and records its mean as the linked
 * KPI's result for the period through the performance module: submitted by the platform, and verified at once when
 * the person closing it may verify the KPI's results; otherwise it waits for the strategy office's verification.
 */
export async function closeSurvey({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<SurveyView> {
  const [s0] = await ctx.db.select().from(participationSurveys).where(eq(participationSurveys.id, input.id)).limit(1);
  if (!s0) throw notFound("survey", input.id);
  await requirePermission(ctx, "participation:manage", provinceScope(s0.provinceCode));
  return withTransaction(ctx, async (tx) => {
    const [s] = await tx.db.select().from(participationSurveys).where(eq(participationSurveys.id, input.id)).for("update").limit(1);
    if (s!.closedAt) throw new RuleViolation("participation.survey-closed", "แบบสำรวจนี้ปิดแล้ว", "This survey is already closed");
    const now = tx.now();
    const answers = await tx.db.select({ score: participationSurveyAnswers.score }).from(participationSurveyAnswers).where(eq(participationSurveyAnswers.surveyId, s!.id));
    const t = tally(answers.map((a) => a.score));
    let measurementId: string | null = null;
    let recordedAs: "verified" | "submitted" | "none" = "none";
    if (t.mean !== null) {
      const m = await submitMeasurement({ ctx: { ...tx, actor: SURVEY_REPORTER }, input: { kpiId: s!.kpiId, fiscalYear: s!.fiscalYear, periodEnd: s!.periodEnd, value: t.mean, isDemo: s!.isDemo, note: `ผลสำรวจความพึงพอใจ (บอกเราถึงรัฐ): ค่าเฉลี่ย ${t.mean} จาก 5 ผู้ตอบ ${t.respondents} คน${t.sd !== null ? ` ส่วนเบี่ยงเบนมาตรฐาน ${t.sd}` : ""}`, evidence: [{ name: `แบบสำรวจ "${s!.questionTh.slice(0, 150)}" (${s!.id})` }] } });
      measurementId = m.id;
      recordedAs = "submitted";
      if (tx.actor.kind === "user") {
        try {
          await reviewMeasurement({ ctx: tx, input: { id: m.id, decision: "verify", comment: "ผลสำรวจจากระบบบอกเราถึงรัฐ" } });
          recordedAs = "verified";
        } catch (e) {
          if (!(e instanceof ForbiddenError)) throw e;
        }
      }
      if (recordedAs === "submitted") await notify(tx, { dedupeKey: `participation-survey-verify:${s!.id}`, recipient: `area:province:${s!.provinceCode}`, provinceCode: s!.provinceCode, kind: "participation.survey-result", subjectTh: `ผลสำรวจความพึงพอใจรอตรวจสอบเป็นผลตัวชี้วัด (ค่าเฉลี่ย ${t.mean})`, subjectEn: `A satisfaction survey's result awaits verification as a KPI result (mean ${t.mean})`, link: `/kpis/${s!.kpiId}`, entityType: "participation-survey", entityId: s!.id });
    }
    await tx.db.update(participationSurveys).set({ closedAt: now, closesAt: now < s!.closesAt ? now : s!.closesAt, respondents: t.respondents, resultMean: t.mean, resultSd: t.sd, distribution: t.distribution, measurementId, recordedAs, updatedAt: now }).where(eq(participationSurveys.id, s!.id));
    await writeAudit(tx, { action: "participation.survey.close", entityType: "participation-survey", entityId: s!.id, provinceCode: s!.provinceCode, after: { ...t, measurementId, recordedAs } });
    const [row] = await tx.db.select().from(participationSurveys).where(eq(participationSurveys.id, s!.id));
    return (await surveyViews(tx, [row!]))[0]!;
  });
}
