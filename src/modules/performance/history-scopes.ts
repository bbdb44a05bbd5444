import { eq } from "drizzle-orm";
import { NATION, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { agreementScope, kpiScope, reporterScopes } from "./rules.js";
import { agreements, kpis, sandboxes } from "./tables.js";

/**
 * Where a performance record's history may be read: a KPI at its province and by its reporters, an agreement at
 * its area, a sandbox at its province, a pilot programme (designed nationally) at the nation. Unknown ids: the nation.
 */
export async function performanceHistoryScopes(ctx: Ctx, entityType: "kpi" | "agreement" | "sandbox" | "pilot-programme", id: string): Promise<ScopeRef[]> {
  if (entityType === "kpi") {
    const [k] = await ctx.db.select().from(kpis).where(eq(kpis.id, id)).limit(1);
    return k ? [kpiScope(k), ...reporterScopes(k)] : [NATION];
  }
  if (entityType === "agreement") {
    const [a] = await ctx.db.select({ areaId: agreements.areaId }).from(agreements).where(eq(agreements.id, id)).limit(1);
    return [a ? agreementScope(a) : NATION];
  }
  if (entityType === "sandbox") {
    const [s] = await ctx.db.select({ provinceCode: sandboxes.provinceCode }).from(sandboxes).where(eq(sandboxes.id, id)).limit(1);
    return [s ? { kind: "area", id: `province:${s.provinceCode}` } : NATION];
  }
  return [NATION];
}
