import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { parseInput } from "../../platform/validation.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { SetTargetsInput } from "./contracts.js";
import { kpiScope, levelsOrdered, mustGetKpi } from "./rules.js";
import { kpiTargets } from "./tables.js";

/** Sets the five score-level targets of a KPI for one round of a fiscal year (replacing earlier ones, audited). */
export async function setTargets({ ctx, input }: { ctx: Ctx; input: { kpiId: string } & z.input<typeof SetTargetsInput> }): Promise<{ kpiId: string; fiscalYear: number; round: number; levels: number[] }> {
  const i = parseInput(SetTargetsInput, input);
  const kpi = await mustGetKpi(ctx, input.kpiId);
  await requirePermission(ctx, "performance:kpi.write", kpiScope(kpi));
  if (!levelsOrdered(kpi.direction, i.levels)) {
    throw new ValidationError([{ path: "levels", code: "performance.levels-order", messageTh: kpi.direction === "higher" ? "ค่าเป้าหมายระดับ 1 ถึง 5 ต้องเพิ่มขึ้นตามลำดับ" : "ค่าเป้าหมายระดับ 1 ถึง 5 ต้องลดลงตามลำดับ (ยิ่งน้อยยิ่งดี)", messageEn: `Targets for levels 1 to 5 must ${kpi.direction === "higher" ? "increase" : "decrease"} strictly` }]);
  }
  return withTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(kpiTargets).where(and(eq(kpiTargets.kpiId, kpi.id), eq(kpiTargets.fiscalYear, i.fiscalYear), eq(kpiTargets.round, i.round))).limit(1);
    await tx.db
      .insert(kpiTargets)
      .values({ kpiId: kpi.id, fiscalYear: i.fiscalYear, round: i.round, levels: i.levels, updatedAt: tx.now() })
      .onConflictDoUpdate({ target: [kpiTargets.kpiId, kpiTargets.fiscalYear, kpiTargets.round], set: { levels: i.levels, updatedAt: tx.now() } });
    await writeAudit(tx, { action: "performance.targets.set", entityType: "kpi", entityId: kpi.id, provinceCode: kpi.provinceCode, before: before ? { fiscalYear: i.fiscalYear, round: i.round, levels: before.levels } : null, after: { fiscalYear: i.fiscalYear, round: i.round, levels: i.levels } });
    return { kpiId: kpi.id, fiscalYear: i.fiscalYear, round: i.round, levels: [...i.levels] };
  });
}
