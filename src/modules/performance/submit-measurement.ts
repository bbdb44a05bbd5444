import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { parseInput } from "../../platform/validation.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { SubmitMeasurementInput, type MeasurementView } from "./contracts.js";
import { measurementView } from "./presenters.js";
import { mustGetKpi, reporterScopes } from "./rules.js";
import { measurements } from "./tables.js";

/** The KPI's owner (or, for a joint KPI, the bound ministry or department) reports a value with its evidence. */
export async function submitMeasurement({ ctx, input }: { ctx: Ctx; input: { kpiId: string } & z.input<typeof SubmitMeasurementInput> & { id?: string; isDemo?: boolean } }): Promise<MeasurementView> {
  const i = parseInput(SubmitMeasurementInput, input);
  const kpi = await mustGetKpi(ctx, input.kpiId);
  await requireAnyPermission(ctx, "performance:measurement.submit", reporterScopes(kpi));
  return withTransaction(ctx, async (tx) => {
    const id = input.id ?? newId();
    const [row] = await tx.db
      .insert(measurements)
      .values({
        id,
        kpiId: kpi.id,
        fiscalYear: i.fiscalYear,
        periodEnd: i.periodEnd,
        value: i.value,
        note: i.note ?? null,
        evidence: i.evidence.map((e) => ({ name: e.name, url: e.url ?? null })),
        status: "submitted",
        submittedBy: tx.actor.id ?? tx.actor.kind,
        submittedByName: tx.actor.name,
        submittedAt: tx.now(),
        isDemo: input.isDemo ?? false,
      })
      .returning();
    const out = measurementView(row!);
    await writeAudit(tx, { action: "performance.measurement.submit", entityType: "kpi", entityId: kpi.id, provinceCode: kpi.provinceCode, after: out });
    await emitEvent(tx, { type: "kpi.result-recorded", provinceCode: kpi.provinceCode, entityType: "kpi", entityId: kpi.id, isDemo: input.isDemo ?? false, data: { kpi: { id: kpi.id, code: kpi.code, level: kpi.level, unit: kpi.unit, provinceCode: kpi.provinceCode, ownerOrgId: kpi.ownerOrgId }, measurement: { id, fiscalYear: i.fiscalYear, periodEnd: i.periodEnd, value: i.value, status: "submitted" } } });
    return out;
  });
}
