import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError, type FieldError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { SetPilotProvincesInput, type PilotProvinceView } from "./contracts.js";
import { mustGetProgramme, pilotRule, PROGRAMME_SCOPE, provinceNames, requireProvince } from "./pilot-rules.js";
import { pilotIncentives, pilotObservations, pilotOutcomes, pilotProvinces } from "./tables.js";

/**
 * Sets a programme's provinces (replacing the list): pilot provinces and comparison provinces, a comparison
 * province optionally paired with the pilot it was matched to. A province that already has observations keeps
 * its role (changing it would silently change every estimate), and one with incentives stays a pilot.
 */
export async function setProgrammeProvinces({ ctx, input }: { ctx: Ctx; input: { programmeId: string } & z.input<typeof SetPilotProvincesInput> }): Promise<PilotProvinceView[]> {
  const i = parseInput(SetPilotProvincesInput, input);
  await requirePermission(ctx, "performance:pilot.write", PROGRAMME_SCOPE);
  return withTransaction(ctx, async (tx) => {
    const programme = await mustGetProgramme(tx, input.programmeId, true);
    const fields: FieldError[] = [];
    const seen = new Set<string>();
    const roleOf = new Map(i.provinces.map((p) => [p.provinceCode, p.role]));
    for (const [n, p] of i.provinces.entries()) {
      if (seen.has(p.provinceCode)) fields.push({ path: `provinces.${n}.provinceCode`, code: "performance.pilot.duplicate-province", messageTh: `จังหวัด ${p.provinceCode} ซ้ำในรายการ`, messageEn: `Province ${p.provinceCode} is listed twice` });
      seen.add(p.provinceCode);
      if (p.pairedWith) {
        if (p.role !== "comparison") fields.push({ path: `provinces.${n}.pairedWith`, code: "performance.pilot.pairing", messageTh: "จับคู่ได้เฉพาะจังหวัดเปรียบเทียบกับจังหวัดนำร่อง", messageEn: "Only a comparison province is paired (with a pilot province)" });
        else if (roleOf.get(p.pairedWith) !== "pilot") fields.push({ path: `provinces.${n}.pairedWith`, code: "performance.pilot.pairing", messageTh: `จังหวัดคู่เทียบ ${p.pairedWith} ไม่ใช่จังหวัดนำร่องในรายการนี้`, messageEn: `The paired province ${p.pairedWith} is not a pilot province of this list` });
      }
    }
    if (fields.length) throw new ValidationError(fields);
    for (const [n, p] of i.provinces.entries()) await requireProvince(tx, p.provinceCode, `provinces.${n}.provinceCode`);
    if (![...roleOf.values()].includes("pilot") || ![...roleOf.values()].includes("comparison")) {
      throw pilotRule("performance.pilot.needs-both-groups", "โครงการนำร่องต้องมีทั้งจังหวัดนำร่องและจังหวัดเปรียบเทียบอย่างน้อยกลุ่มละหนึ่งจังหวัด", "A programme needs at least one pilot and one comparison province");
    }

    const before = await tx.db.select().from(pilotProvinces).where(eq(pilotProvinces.programmeId, programme.id));
    const outcomeIds = (await tx.db.select({ id: pilotOutcomes.id }).from(pilotOutcomes).where(eq(pilotOutcomes.programmeId, programme.id))).map((o) => o.id);
    const withData = new Set(
      outcomeIds.length ? (await tx.db.selectDistinct({ p: pilotObservations.provinceCode }).from(pilotObservations).where(inArray(pilotObservations.outcomeId, outcomeIds))).map((r) => r.p) : [],
    );
    const withIncentives = new Set((await tx.db.selectDistinct({ p: pilotIncentives.provinceCode }).from(pilotIncentives).where(eq(pilotIncentives.programmeId, programme.id))).map((r) => r.p));
    for (const b of before) {
      const next = roleOf.get(b.provinceCode);
      if (withData.has(b.provinceCode) && next !== b.role) {
        throw pilotRule("performance.pilot.province-has-data", `จังหวัด ${b.provinceCode} มีข้อมูลผลลัพธ์ในโครงการแล้ว จึงนำออกหรือเปลี่ยนกลุ่มไม่ได้`, `Province ${b.provinceCode} already has observations in this programme: it cannot be removed or change group`, { details: { provinceCode: b.provinceCode } });
      }
      if (withIncentives.has(b.provinceCode) && next !== "pilot") {
        throw pilotRule("performance.pilot.province-has-incentives", `จังหวัด ${b.provinceCode} ได้รับสิ่งจูงใจในฐานะจังหวัดนำร่องแล้ว จึงต้องเป็นจังหวัดนำร่องต่อไป`, `Province ${b.provinceCode} has been granted pilot incentives: it stays a pilot province`, { details: { provinceCode: b.provinceCode } });
      }
    }

    await tx.db.delete(pilotProvinces).where(and(eq(pilotProvinces.programmeId, programme.id)));
    await tx.db.insert(pilotProvinces).values(i.provinces.map((p) => ({ programmeId: programme.id, provinceCode: p.provinceCode, role: p.role, pairedWith: p.pairedWith ?? null })));
    const names = await provinceNames(tx, i.provinces.map((p) => p.provinceCode));
    const out: PilotProvinceView[] = i.provinces.map((p) => ({ provinceCode: p.provinceCode, ...names.get(p.provinceCode)!, role: p.role, pairedWith: p.pairedWith ?? null }));
    await writeAudit(tx, {
      action: "performance.pilot.provinces.set",
      entityType: "pilot-programme",
      entityId: programme.id,
      before: { provinces: before.map((b) => ({ provinceCode: b.provinceCode, role: b.role, pairedWith: b.pairedWith })) },
      after: { provinces: i.provinces.map((p) => ({ provinceCode: p.provinceCode, role: p.role, pairedWith: p.pairedWith ?? null })) },
    });
    return out;
  });
}
