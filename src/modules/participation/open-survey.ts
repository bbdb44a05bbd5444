import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { fieldError, ValidationError } from "../../platform/errors.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { OpenSurveyInput } from "./contracts.js";
import { requireSubject } from "./subjects.js";
import { participationSurveys } from "./tables.js";

/** The governor's office opens a 1–5 satisfaction survey whose result becomes a KPI's result for a period when it closes. */
export async function openSurvey({ ctx, input }: { ctx: Ctx; input: OpenSurveyInput & { id?: string; isDemo?: boolean; opensAt?: Date } }): Promise<{ id: string }> {
  const i = parseInput(OpenSurveyInput, input);
  await requirePermission(ctx, "participation:manage", provinceScope(i.provinceCode));
  await requireSubject(ctx, i.provinceCode, "kpi", i.kpiId, "kpiId");
  const closesAt = new Date(i.closesAt);
  if (closesAt.getTime() <= ctx.now().getTime()) throw new ValidationError([fieldError("closesAt", "participation.closes-in-past", "วันปิดแบบสำรวจต้องอยู่หลังเวลาปัจจุบัน", "The closing time must be in the future")]);
  return withTransaction(ctx, async (tx) => {
    const id = input.id ?? newId(tx.now().getTime());
    const row = { id, provinceCode: i.provinceCode, kpiId: i.kpiId, questionTh: i.questionTh, questionEn: i.questionEn, periodEnd: i.periodEnd, fiscalYear: fiscalYearOf(i.periodEnd), opensAt: input.opensAt ?? tx.now(), closesAt, isDemo: input.isDemo ?? false, createdBy: tx.actor.id, createdAt: tx.now(), updatedAt: tx.now() };
    await tx.db.insert(participationSurveys).values(row);
    await writeAudit(tx, { action: "participation.survey.open", entityType: "participation-survey", entityId: id, provinceCode: i.provinceCode, after: { kpiId: i.kpiId, questionTh: i.questionTh, periodEnd: i.periodEnd, closesAt: closesAt.toISOString() } });
    return { id };
  });
}
