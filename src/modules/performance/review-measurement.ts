import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { parseInput } from "../../platform/validation.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { NotFoundError, RuleViolation } from "../../platform/errors.js";
import { ReviewMeasurementInput, type MeasurementView } from "./contracts.js";
import { measurementView } from "./presenters.js";
import { kpiScope, mustGetKpi } from "./rules.js";
import { measurements } from "./tables.js";

/** The provincial strategy office or OPDC verifies a submitted measurement or returns it with a reason; never its own. */
export async function reviewMeasurement({ ctx, input }: { ctx: Ctx; input: { id: string } & z.input<typeof ReviewMeasurementInput> }): Promise<MeasurementView> {
  const i = parseInput(ReviewMeasurementInput, input);
  return withTransaction(ctx, async (tx) => {
    const [m] = await tx.db.select().from(measurements).where(eq(measurements.id, input.id)).for("update").limit(1);
    if (!m) throw new NotFoundError("measurement", input.id);
    const kpi = await mustGetKpi(tx, m.kpiId);
    await requirePermission(tx, "performance:measurement.verify", kpiScope(kpi));
    if (m.submittedBy === (tx.actor.id ?? tx.actor.kind)) {
      throw new RuleViolation("performance.self-review", "ผู้รายงานผลตรวจสอบผลของตนเองไม่ได้ ต้องให้ผู้อื่นตรวจสอบ", "You cannot verify or return a measurement you submitted yourself");
    }
    if (m.status !== "submitted") throw new RuleViolation("performance.already-reviewed", "ผลนี้ได้รับการตรวจสอบแล้ว", `This measurement is already ${m.status}`);
    const status = i.decision === "verify" ? "verified" : "returned";
    const [row] = await tx.db
      .update(measurements)
      .set({ status, reviewedBy: tx.actor.id ?? tx.actor.kind, reviewedByName: tx.actor.name, reviewedAt: tx.now(), reviewComment: i.comment ?? null })
      .where(eq(measurements.id, m.id))
      .returning();
    const out = measurementView(row!);
    await emitEvent(tx, { type: "kpi.result-reviewed", provinceCode: kpi.provinceCode, entityType: "kpi", entityId: kpi.id, isDemo: m.isDemo, data: { kpi: { id: kpi.id, code: kpi.code, level: kpi.level, unit: kpi.unit, provinceCode: kpi.provinceCode, ownerOrgId: kpi.ownerOrgId }, measurement: { id: m.id, fiscalYear: m.fiscalYear, periodEnd: m.periodEnd, value: m.value, status } } });
    await writeAudit(tx, { action: `performance.measurement.${i.decision}`, entityType: "kpi", entityId: kpi.id, provinceCode: kpi.provinceCode, before: { id: m.id, status: m.status }, after: { id: m.id, status, comment: i.comment ?? null } });
    return out;
  });
}
