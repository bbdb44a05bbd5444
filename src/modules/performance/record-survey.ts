import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { RecordPilotSurveyInput, SATISFACTION_SCALE, type PilotObservationView } from "./contracts.js";
import { pilotObservationView } from "./pilot-presenters.js";
import { mustGetOutcome, mustGetProgramme, pilotRule, programmeRoles, provinceScope } from "./pilot-rules.js";
import { checkPanelRows } from "./record-observations.js";
import { pilotObservations } from "./tables.js";

/**
 * The largest sample standard deviation answers on the 1–5 scale can have with this mean and number of
 * respondents: the population variance is at most (m − min)(max − m) (Bhatia–Davis), times n/(n − 1).
 */
export function maxSurveySd(mean: number, respondents: number): number {
  if (respondents < 2) return 0;
  const v = Math.max(0, (mean - SATISFACTION_SCALE.min) * (SATISFACTION_SCALE.max - mean)) * (respondents / (respondents - 1));
  return Math.sqrt(v);
}

/** Records a citizen-satisfaction survey of a province for a period: the mean on the 1–5 scale, respondents and spread. */
export async function recordSurvey({ ctx, input }: { ctx: Ctx; input: { programmeId: string } & z.input<typeof RecordPilotSurveyInput> & { isDemo?: boolean } }): Promise<PilotObservationView> {
  const i = parseInput(RecordPilotSurveyInput, input);
  await requirePermission(ctx, "performance:pilot.write", provinceScope(i.provinceCode));
  const sd = i.sd ?? null;
  if (sd !== null && sd > maxSurveySd(i.mean, i.respondents) + 1e-9) {
    const max = maxSurveySd(i.mean, i.respondents);
    throw new ValidationError([{ path: "sd", code: "performance.pilot.survey-sd-impossible", messageTh: `ส่วนเบี่ยงเบนมาตรฐาน ${sd} เป็นไปไม่ได้สำหรับค่าเฉลี่ย ${i.mean} จากผู้ตอบ ${i.respondents} คนบนมาตรวัด 1–5 (สูงสุด ${max.toFixed(3)})`, messageEn: `A standard deviation of ${sd} is impossible for a mean of ${i.mean} from ${i.respondents} respondent(s) on a 1–5 scale (at most ${max.toFixed(3)})` }]);
  }
  return withTransaction(ctx, async (tx) => {
    const programme = await mustGetProgramme(tx, input.programmeId);
    const outcome = await mustGetOutcome(tx, programme.id, i.outcomeId);
    if (outcome.kind !== "satisfaction") {
      throw pilotRule("performance.pilot.outcome-kind", "ตัวชี้วัดนี้ไม่ใช่ผลสำรวจความพึงพอใจ ให้บันทึกเป็นค่าผลลัพธ์", "This outcome is not a satisfaction survey: record observations instead");
    }
    checkPanelRows(tx, programme, await programmeRoles(tx, programme.id), [i], () => "");
    const key = and(eq(pilotObservations.outcomeId, outcome.id), eq(pilotObservations.provinceCode, i.provinceCode), eq(pilotObservations.periodEnd, i.periodEnd));
    const [before] = await tx.db.select().from(pilotObservations).where(key).limit(1);
    const values = { value: i.mean, respondents: i.respondents, sd, source: i.source ?? null, isDemo: input.isDemo ?? false };
    const [row] = await tx.db
      .insert(pilotObservations)
      .values({ outcomeId: outcome.id, provinceCode: i.provinceCode, periodEnd: i.periodEnd, ...values })
      .onConflictDoUpdate({ target: [pilotObservations.outcomeId, pilotObservations.provinceCode, pilotObservations.periodEnd], set: values })
      .returning();
    const out = pilotObservationView(row!);
    await writeAudit(tx, { action: "performance.pilot.survey.record", entityType: "pilot-programme", entityId: programme.id, provinceCode: i.provinceCode, before: before ? pilotObservationView(before) : null, after: out });
    return out;
  });
}
