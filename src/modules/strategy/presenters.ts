import type { StrategyNodeSummary } from "./contracts.js";
import type { strategyNodes } from "./tables.js";

export function nodeSummary(r: typeof strategyNodes.$inferSelect): StrategyNodeSummary {
  return {
    id: r.id,
    kind: r.kind as StrategyNodeSummary["kind"],
    code: r.code,
    nameTh: r.nameTh,
    nameEn: r.nameEn,
    areaId: r.areaId,
    provinceCode: r.provinceCode,
    mission: (r.mission ?? null) as StrategyNodeSummary["mission"],
    fromYear: r.fromYear,
    toYear: r.toYear,
    status: r.status as StrategyNodeSummary["status"],
    isDemo: r.isDemo,
  };
}
