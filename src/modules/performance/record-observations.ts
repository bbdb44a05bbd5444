import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError, type FieldError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { RecordPilotObservationsInput } from "./contracts.js";
import { mustGetOutcome, mustGetProgramme, pilotRule, programmeRoles, provinceScope, todayOf } from "./pilot-rules.js";
import { pilotObservations } from "./tables.js";

type Programme = { id: string; periodStart: string; periodEnd: string };
type Row = { provinceCode: string; periodEnd: string };

/** Rows must name a province of the programme and a period that lies in the programme's period and has ended. */
export function checkPanelRows(ctx: Ctx, programme: Programme, roles: Map<string, string>, rows: readonly Row[], pathOf: (n: number) => string): void {
  const notMember: FieldError[] = [];
  const outOfRange: FieldError[] = [];
  const today = todayOf(ctx);
  for (const [n, r] of rows.entries()) {
    if (!roles.has(r.provinceCode)) notMember.push({ path: `${pathOf(n)}provinceCode`, code: "performance.pilot.province-not-in-programme", messageTh: `จังหวัด ${r.provinceCode} ไม่ได้อยู่ในโครงการนี้ (ไม่ใช่ทั้งจังหวัดนำร่องและจังหวัดเปรียบเทียบ)`, messageEn: `Province ${r.provinceCode} is neither a pilot nor a comparison province of this programme` });
    if (r.periodEnd < programme.periodStart || r.periodEnd > programme.periodEnd) {
      outOfRange.push({ path: `${pathOf(n)}periodEnd`, code: "performance.pilot.period-out-of-range", messageTh: `ช่วงเวลา ${r.periodEnd} อยู่นอกช่วงที่โครงการติดตาม (${programme.periodStart} ถึง ${programme.periodEnd})`, messageEn: `Period ${r.periodEnd} lies outside the programme's period (${programme.periodStart} to ${programme.periodEnd})` });
    } else if (r.periodEnd > today) {
      outOfRange.push({ path: `${pathOf(n)}periodEnd`, code: "performance.pilot.period-in-future", messageTh: `ช่วงเวลาที่สิ้นสุด ${r.periodEnd} ยังมาไม่ถึง จึงยังไม่มีผล`, messageEn: `The period ending ${r.periodEnd} has not ended yet` });
    }
  }
  if (notMember.length) {
    throw pilotRule("performance.pilot.province-not-in-programme", "บันทึกข้อมูลได้เฉพาะจังหวัดนำร่องและจังหวัดเปรียบเทียบของโครงการ", "Observations are recorded only for the programme's pilot and comparison provinces", { fields: notMember.slice(0, 50) });
  }
  if (outOfRange.length) {
    throw pilotRule(outOfRange[0]!.code, "ช่วงเวลาของข้อมูลต้องอยู่ในช่วงที่โครงการติดตามและสิ้นสุดแล้ว", "Each period must lie within the programme's period and have ended", { fields: outOfRange.slice(0, 50) });
  }
}

/**
 * Records measured values of an outcome for provinces and periods (one value per outcome × province × period end;
 * a second value for the same cell replaces the first, and the audit record keeps what it was).
 */
export async function recordObservations({ ctx, input }: { ctx: Ctx; input: { programmeId: string } & z.input<typeof RecordPilotObservationsInput> & { isDemo?: boolean } }): Promise<{ outcomeId: string; inserted: number; updated: number }> {
  const i = parseInput(RecordPilotObservationsInput, input);
  await requirePermission(ctx, "performance:pilot.write", [...new Set(i.rows.map((r) => r.provinceCode))].map(provinceScope));
  const dup: FieldError[] = [];
  const keys = new Set<string>();
  for (const [n, r] of i.rows.entries()) {
    const k = `${r.provinceCode}|${r.periodEnd}`;
    if (keys.has(k)) dup.push({ path: `rows.${n}`, code: "performance.pilot.duplicate-row", messageTh: `มีค่าของจังหวัด ${r.provinceCode} ช่วง ${r.periodEnd} ซ้ำในคำขอเดียวกัน`, messageEn: `Province ${r.provinceCode}, period ${r.periodEnd} appears twice` });
    keys.add(k);
  }
  if (dup.length) throw new ValidationError(dup.slice(0, 50));
  return withTransaction(ctx, async (tx) => {
    const programme = await mustGetProgramme(tx, input.programmeId);
    const outcome = await mustGetOutcome(tx, programme.id, i.outcomeId);
    if (outcome.kind !== "outcome") {
      throw pilotRule("performance.pilot.outcome-kind", "ตัวชี้วัดนี้เป็นผลสำรวจความพึงพอใจ ให้บันทึกเป็นผลสำรวจ (ค่าเฉลี่ย จำนวนผู้ตอบ และส่วนเบี่ยงเบนมาตรฐาน)", "This outcome is a satisfaction survey: record surveys (mean, respondents and standard deviation) instead");
    }
    checkPanelRows(tx, programme, await programmeRoles(tx, programme.id), i.rows, (n) => `rows.${n}.`);
    const provinces = [...new Set(i.rows.map((r) => r.provinceCode))];
    const existing = await tx.db.select().from(pilotObservations).where(and(eq(pilotObservations.outcomeId, outcome.id), inArray(pilotObservations.provinceCode, provinces)));
    const old = new Map(existing.map((e) => [`${e.provinceCode}|${e.periodEnd}`, e]));
    const replaced = i.rows.filter((r) => old.has(`${r.provinceCode}|${r.periodEnd}`)).map((r) => {
      const e = old.get(`${r.provinceCode}|${r.periodEnd}`)!;
      return { provinceCode: e.provinceCode, periodEnd: e.periodEnd, value: e.value, source: e.source };
    });
    for (let k = 0; k < i.rows.length; k += 500) {
      const chunk = i.rows.slice(k, k + 500);
      await tx.db
        .insert(pilotObservations)
        .values(chunk.map((r) => ({ outcomeId: outcome.id, provinceCode: r.provinceCode, periodEnd: r.periodEnd, value: r.value, respondents: null, sd: null, source: r.source ?? null, isDemo: input.isDemo ?? false })))
        .onConflictDoUpdate({
          target: [pilotObservations.outcomeId, pilotObservations.provinceCode, pilotObservations.periodEnd],
          set: { value: sql`excluded.value`, source: sql`excluded.source`, respondents: sql`null`, sd: sql`null`, isDemo: sql`excluded.is_demo` },
        });
    }
    const result = { outcomeId: outcome.id, inserted: i.rows.length - replaced.length, updated: replaced.length };
    await writeAudit(tx, {
      action: "performance.pilot.observations.record",
      entityType: "pilot-programme",
      entityId: programme.id,
      before: replaced.length ? { outcomeId: outcome.id, rows: replaced } : null,
      after: { ...result, rows: i.rows.map((r) => ({ provinceCode: r.provinceCode, periodEnd: r.periodEnd, value: r.value, source: r.source ?? null })) },
    });
    return result;
  });
}
