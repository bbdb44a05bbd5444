import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { GrantPilotIncentiveInput, type PilotIncentiveView } from "./contracts.js";
import { pilotIncentiveView } from "./pilot-presenters.js";
import { mustGetProgramme, pilotRule, programmeRoles, PROGRAMME_SCOPE, todayOf } from "./pilot-rules.js";
import { pilotIncentives } from "./tables.js";

const DEFAULT_UNIT: Record<string, string | null> = { "staff-development-budget": "บาท", "salary-step-quota": "ราย", other: null };

/**
 * Records an incentive granted to a pilot province (a staff-development budget in baht, an extra salary-step
 * quota …); comparison provinces get none, or the comparison would no longer be fair.
 */
export async function grantIncentive({ ctx, input }: { ctx: Ctx; input: { programmeId: string } & z.input<typeof GrantPilotIncentiveInput> & { id?: string; isDemo?: boolean } }): Promise<PilotIncentiveView> {
  const i = parseInput(GrantPilotIncentiveInput, input);
  await requirePermission(ctx, "performance:pilot.write", PROGRAMME_SCOPE);
  if (i.kind !== "other" && (i.amount === null || i.amount === undefined)) {
    throw new ValidationError([{ path: "amount", code: "performance.pilot.incentive-amount", messageTh: i.kind === "staff-development-budget" ? "ระบุจำนวนเงินงบประมาณพัฒนาบุคลากร (บาท)" : "ระบุจำนวนโควตาการเลื่อนเงินเดือนที่เพิ่ม", messageEn: i.kind === "staff-development-budget" ? "Give the staff-development budget in baht" : "Give the size of the extra salary-step quota" }]);
  }
  if (i.kind === "staff-development-budget" && i.unit && i.unit !== "บาท") {
    throw new ValidationError([{ path: "unit", code: "performance.pilot.incentive-unit", messageTh: "งบประมาณระบุเป็นบาท", messageEn: "A budget is given in baht (บาท)" }]);
  }
  return withTransaction(ctx, async (tx) => {
    const programme = await mustGetProgramme(tx, input.programmeId);
    const role = (await programmeRoles(tx, programme.id)).get(i.provinceCode);
    if (role === undefined) {
      throw pilotRule("performance.pilot.province-not-in-programme", `จังหวัด ${i.provinceCode} ไม่ได้อยู่ในโครงการนี้`, `Province ${i.provinceCode} is not in this programme`, { fields: [{ path: "provinceCode", code: "performance.pilot.province-not-in-programme", messageTh: "ไม่ได้อยู่ในโครงการนี้", messageEn: "Not in this programme" }] });
    }
    if (role !== "pilot") {
      throw pilotRule("performance.pilot.incentive-not-pilot", `จังหวัด ${i.provinceCode} เป็นจังหวัดเปรียบเทียบ สิ่งจูงใจให้เฉพาะจังหวัดนำร่อง`, `Province ${i.provinceCode} is a comparison province: incentives go to pilot provinces only`, { fields: [{ path: "provinceCode", code: "performance.pilot.incentive-not-pilot", messageTh: "เป็นจังหวัดเปรียบเทียบ", messageEn: "A comparison province" }] });
    }
    if (i.grantedOn < programme.periodStart || i.grantedOn > todayOf(tx)) {
      throw pilotRule("performance.pilot.period-out-of-range", `วันที่ให้สิ่งจูงใจต้องไม่ก่อนเริ่มช่วงเวลาของโครงการ (${programme.periodStart}) และไม่เลยวันนี้`, `The grant date must not be before the programme's period (${programme.periodStart}) nor in the future`, { fields: [{ path: "grantedOn", code: "performance.pilot.period-out-of-range", messageTh: "วันที่อยู่นอกช่วงที่รับได้", messageEn: "Date out of range" }] });
    }
    const [row] = await tx.db
      .insert(pilotIncentives)
      .values({ id: input.id ?? newId(), programmeId: programme.id, provinceCode: i.provinceCode, kind: i.kind, descriptionTh: i.descriptionTh, amount: i.amount === null || i.amount === undefined ? null : i.amount.toFixed(2), unit: i.unit ?? DEFAULT_UNIT[i.kind] ?? null, grantedOn: i.grantedOn, isDemo: input.isDemo ?? false })
      .returning();
    const out = pilotIncentiveView(row!);
    await writeAudit(tx, { action: "performance.pilot.incentive.grant", entityType: "pilot-programme", entityId: programme.id, provinceCode: i.provinceCode, after: out });
    return out;
  });
}
