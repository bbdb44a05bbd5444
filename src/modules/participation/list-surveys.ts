import { and, desc, eq, gt, inArray, isNull, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { lookupKpis } from "../performance/index.js";
import type { SurveyView } from "./contracts.js";
import { notFound, provinceNames } from "./rules.js";
import { participationSurveyAnswers, participationSurveys } from "./tables.js";

type SurveyRow = typeof participationSurveys.$inferSelect;
const Input = z.object({ provinceCode: z.string().regex(/^\d{2}$/).optional(), state: z.enum(["open", "closed", "all"]).default("all"), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** Surveys as the public reads them: counts and results only; `answeredByMe` for the logged-in viewer. */
export async function surveyViews(ctx: Ctx, rows: SurveyRow[]): Promise<SurveyView[]> {
  if (!rows.length) return [];
  const me = ctx.actor.kind === "user" ? ctx.actor.id : null;
  const [kpis, names, mine] = await Promise.all([
    lookupKpis(ctx, rows.map((r) => r.kpiId)),
    provinceNames(ctx, rows.map((r) => r.provinceCode)),
    me ? ctx.db.select({ id: participationSurveyAnswers.surveyId }).from(participationSurveyAnswers).where(and(inArray(participationSurveyAnswers.surveyId, rows.map((r) => r.id)), eq(participationSurveyAnswers.accountId, me))) : Promise.resolve([]),
  ]);
  const answered = new Set(mine.map((m) => m.id));
  const now = ctx.now();
  return rows.map((s) => {
    const k = kpis.get(s.kpiId);
    return {
      id: s.id,
      provinceCode: s.provinceCode,
      provinceNameTh: names.get(s.provinceCode)?.nameTh ?? s.provinceCode,
      provinceNameEn: names.get(s.provinceCode)?.nameEn ?? s.provinceCode,
      kpi: { id: s.kpiId, code: k?.code ?? "", nameTh: k?.nameTh ?? s.kpiId, nameEn: k?.nameEn ?? "", unit: k?.unit ?? "" },
      questionTh: s.questionTh,
      questionEn: s.questionEn,
      periodEnd: s.periodEnd,
      fiscalYear: s.fiscalYear,
      opensAt: s.opensAt.toISOString(),
      closesAt: s.closesAt.toISOString(),
      isOpen: !s.closedAt && s.opensAt <= now && now < s.closesAt,
      respondents: s.respondents,
      result: s.closedAt && s.resultMean !== null ? { mean: s.resultMean, sd: s.resultSd, respondents: s.respondents, distribution: (s.distribution as number[] | null) ?? [], recordedAs: (s.recordedAs ?? "none") as "verified" | "submitted" | "none" } : null,
      answeredByMe: answered.has(s.id),
      isDemo: s.isDemo,
    };
  });
}

/** Satisfaction surveys of a province (or all), newest first. Public. */
export async function listSurveys({ ctx, input }: { ctx: Ctx; input: z.input<typeof Input> }): Promise<{ items: SurveyView[] }> {
  const i = parseInput(Input, input);
  await requirePermission(ctx, "participation:public", NATION);
  const now = ctx.now();
  const where: SQL[] = [];
  if (i.provinceCode) where.push(eq(participationSurveys.provinceCode, i.provinceCode));
  if (i.state === "open") where.push(and(isNull(participationSurveys.closedAt), lte(participationSurveys.opensAt, now), gt(participationSurveys.closesAt, now))!);
  if (i.state === "closed") where.push(or(lte(participationSurveys.closesAt, now), gt(participationSurveys.opensAt, now))!);
  const rows = await ctx.db.select().from(participationSurveys).where(where.length ? and(...where) : undefined).orderBy(desc(participationSurveys.opensAt), desc(participationSurveys.id)).limit(i.limit);
  return { items: await surveyViews(ctx, rows) };
}

/** One survey. Public. */
export async function getSurvey({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<SurveyView> {
  await requirePermission(ctx, "participation:public", NATION);
  const [s] = await ctx.db.select().from(participationSurveys).where(eq(participationSurveys.id, input.id)).limit(1);
  if (!s) throw notFound("survey", input.id);
  return (await surveyViews(ctx, [s]))[0]!;
}
