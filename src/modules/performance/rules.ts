import { eq } from "drizzle-orm";
import type { ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { kpis } from "./tables.js";

type Kpi = typeof kpis.$inferSelect;

/** Where a KPI is governed: its province for provincial and joint KPIs, its owner organisation for national ones. */
export function kpiScope(k: Pick<Kpi, "level" | "provinceCode" | "ownerOrgId">): ScopeRef {
  return k.level !== "national" && k.provinceCode ? { kind: "area", id: `province:${k.provinceCode}` } : { kind: "org", id: k.ownerOrgId };
}

/** Who reports a KPI: its owner, and for a joint KPI the ministry or department bound to it as well. */
export function reporterScopes(k: Pick<Kpi, "ownerOrgId" | "jointOrgId">): ScopeRef[] {
  return [{ kind: "org", id: k.ownerOrgId }, ...(k.jointOrgId ? [{ kind: "org" as const, id: k.jointOrgId }] : [])];
}

export async function mustGetKpi(ctx: Ctx, id: string, lock = false): Promise<Kpi> {
  const q = ctx.db.select().from(kpis).where(eq(kpis.id, id)).limit(1);
  const [k] = lock ? await q.for("update") : await q;
  if (!k) throw new NotFoundError("kpi", id);
  return k;
}

/** Target levels must run strictly in the KPI's direction: up when higher is better, down when lower is. */
export function levelsOrdered(direction: string, levels: readonly number[]): boolean {
  for (let i = 1; i < levels.length; i++) {
    if (direction === "higher" ? !(levels[i]! > levels[i - 1]!) : !(levels[i]! < levels[i - 1]!)) return false;
  }
  return true;
}
