import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { DefinePilotOutcomeInput, type PilotOutcomeView } from "./contracts.js";
import { mustGetProgramme, PROGRAMME_SCOPE } from "./pilot-rules.js";
import { kpis, pilotOutcomes } from "./tables.js";

/**
 * Adds an outcome a programme is judged on: a measured outcome (optionally following a KPI of this module) or a
 * citizen-satisfaction survey (a mean on the 1–5 scale, higher is better).
 */
export async function defineOutcome({ ctx, input }: { ctx: Ctx; input: { programmeId: string } & z.input<typeof DefinePilotOutcomeInput> & { id?: string } }): Promise<PilotOutcomeView> {
  const i = parseInput(DefinePilotOutcomeInput, input);
  await requirePermission(ctx, "performance:pilot.write", PROGRAMME_SCOPE);
  if (i.kind === "satisfaction" && i.direction !== "higher") {
    throw new ValidationError([{ path: "direction", code: "performance.pilot.satisfaction-direction", messageTh: "ความพึงพอใจ (มาตรวัด 1–5) ยิ่งสูงยิ่งดี", messageEn: "Satisfaction (1–5 scale) is better when higher" }]);
  }
  return withTransaction(ctx, async (tx) => {
    const programme = await mustGetProgramme(tx, input.programmeId, true);
    let kpiCode: string | null = null;
    if (i.kpiId) {
      const [k] = await tx.db.select({ code: kpis.code }).from(kpis).where(eq(kpis.id, i.kpiId)).limit(1);
      if (!k) throw new ValidationError([{ path: "kpiId", code: "ref.unknown-kpi", messageTh: `ไม่พบตัวชี้วัด ${i.kpiId}`, messageEn: `Unknown KPI ${i.kpiId}` }]);
      kpiCode = k.code;
    }
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(pilotOutcomes).where(eq(pilotOutcomes.programmeId, programme.id))) as [{ n: number }];
    const id = input.id ?? newId();
    const position = i.position ?? n;
    await tx.db.insert(pilotOutcomes).values({ id, programmeId: programme.id, kind: i.kind, kpiId: i.kpiId ?? null, nameTh: i.nameTh, nameEn: i.nameEn, unit: i.unit, direction: i.direction, position });
    const out: PilotOutcomeView = { id, kind: i.kind, nameTh: i.nameTh, nameEn: i.nameEn, unit: i.unit, direction: i.direction, kpiId: i.kpiId ?? null, kpiCode, position, observations: 0 };
    await writeAudit(tx, { action: "performance.pilot.outcome.define", entityType: "pilot-programme", entityId: programme.id, after: out });
    return out;
  });
}
