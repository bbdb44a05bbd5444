import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import type { EmergencyRequestDetail } from "./contracts-funds.js";
import { emergencyViews, mustGetEmergency } from "./emergency-rules.js";
import { mayReadPlanningHistory, planningScopesOf } from "./history-scopes.js";
import { historyOf } from "./funds-rules.js";

/** One emergency request with its history (submission, screening, decisions). */
export async function getEmergencyRequest({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<EmergencyRequestDetail> {
  const r = await mustGetEmergency(ctx, input.id);
  await requirePermission(ctx, "planning:read", provinceScope(r.provinceCode));
  return { ...(await emergencyViews(ctx, [r]))[0]!, history: await historyOf(ctx, "emergency-request", r.id), may: { history: await mayReadPlanningHistory(ctx, planningScopesOf.emergencyRequest(r)) } };
}
