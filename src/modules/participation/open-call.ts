import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { fieldError, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { requireProvince } from "../registry/index.js";
import { OpenCallInput } from "./contracts.js";
import { requireSubject } from "./subjects.js";
import { participationCalls } from "./tables.js";

const DEFAULT_DAYS_OPEN = 60;

/** The governor's office opens a call for input on an agenda, goal, KPI or KPI target of its province. */
export async function openCall({ ctx, input }: { ctx: Ctx; input: OpenCallInput & { id?: string; isDemo?: boolean; opensAt?: Date } }): Promise<{ id: string }> {
  const i = parseInput(OpenCallInput, input);
  await requirePermission(ctx, "participation:manage", provinceScope(i.provinceCode));
  await requireProvince(ctx, i.provinceCode);
  await requireSubject(ctx, i.provinceCode, i.subjectKind, i.subjectId);
  const opensAt = input.opensAt ?? ctx.now();
  const closesAt = i.closesAt ? new Date(i.closesAt) : new Date(opensAt.getTime() + DEFAULT_DAYS_OPEN * 86_400_000);
  if (closesAt.getTime() <= ctx.now().getTime()) throw new ValidationError([fieldError("closesAt", "participation.closes-in-past", "วันปิดรับฟังต้องอยู่หลังเวลาปัจจุบัน", "The closing time must be in the future")]);
  return withTransaction(ctx, async (tx) => {
    const id = input.id ?? newId(tx.now().getTime());
    const row = { id, provinceCode: i.provinceCode, subjectKind: i.subjectKind, subjectId: i.subjectId, fiscalYear: i.subjectKind === "target" ? (i.fiscalYear ?? null) : null, titleTh: i.titleTh, titleEn: i.titleEn, descriptionTh: i.descriptionTh, descriptionEn: i.descriptionEn, opensAt, closesAt, supportThreshold: i.supportThreshold, responseDays: i.responseDays, isDemo: input.isDemo ?? false, createdBy: tx.actor.id, createdAt: tx.now(), updatedAt: tx.now() };
    await tx.db.insert(participationCalls).values(row);
    await writeAudit(tx, { action: "participation.call.open", entityType: "participation-call", entityId: id, provinceCode: i.provinceCode, after: { ...row, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), createdAt: undefined, updatedAt: undefined } });
    return { id };
  });
}
