import { readHistory } from "../../platform/audit/audit.js";
import { hasPermission, requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import type { ProcurementDetail } from "./contracts-procurement.js";
import { mayReadPlanningHistory, planningScopesOf } from "./history-scopes.js";
import { procurementDetail, procurementNames } from "./procurement-presenters.js";
import { loadGraphs, mustGetProcurement } from "./procurement-rules.js";

/** A procurement process as its page shows it (public, like its OCDS release); the audit trail only for staff who may read its history (its buyer, its province). */
export async function getProcurement({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<ProcurementDetail> {
  await requirePermission(ctx, "planning:public", { kind: "nation" });
  const p = await mustGetProcurement(ctx, input.id);
  const [g] = await loadGraphs(ctx, [p]);
  const buyer = { kind: "org" as const, id: p.buyerOrgId };
  const mayHistory = await mayReadPlanningHistory(ctx, planningScopesOf.procurement(p));
  const history = mayHistory ? (await readHistory(ctx, "procurement", p.id, { limit: 100 })).map((h) => ({ at: h.at.toISOString(), action: h.action, actorName: h.actorName })) : [];
  return procurementDetail(g!, await procurementNames(ctx, [g!]), { canWrite: await hasPermission(ctx, "planning:procurement.write", buyer), history, may: { history: mayHistory } });
}
