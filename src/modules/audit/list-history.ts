import { z } from "zod";
import { readHistory } from "../../platform/audit/audit.js";
import { requireAnyPermission, requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { historyScopes } from "../registry/index.js";
import { performanceHistoryScopes } from "../performance/index.js";
import { delegationHistoryScopes } from "../delegation/index.js";
import { committeeHistoryScopes } from "../committees/index.js";
import { partnerHistoryScopes } from "../networks/index.js";
import { PLANNING_HISTORY_TYPES, planningHistoryScopes, type PlanningHistoryType } from "../planning/index.js";
import { assignmentHistoryScopes, strategyHistoryScopes } from "../strategy/index.js";
import type { Ctx } from "../../platform/ctx.js";

export const ListHistoryInput = z.object({
  entityType: z.enum(["area", "organization", "person", "post", "membership", "account", "api-key", "holiday", "import", "registry", "strategy-node", "kpi", "agreement", "sandbox", "pilot-programme", "agenda-assignment", "delegation", "committee", "partner", ...PLANNING_HISTORY_TYPES]),
  entityId: z.string().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  beforeId: z.coerce.number().int().positive().optional(),
});

export const HistoryItem = z.object({
  id: z.number(),
  at: z.string(),
  actorKind: z.string(),
  actorName: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string(),
});

const isPlanning = (t: string): t is PlanningHistoryType => (PLANNING_HISTORY_TYPES as readonly string[]).includes(t);

/** An entity's change history for staff whose scope covers it (a person: any organisation they serve(d) in). */
export async function listHistory({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListHistoryInput> }): Promise<{ items: z.infer<typeof HistoryItem>[] }> {
  const i = ListHistoryInput.parse(input);
  if (i.entityType === "account" || i.entityType === "api-key") await requirePermission(ctx, "accounts:read", NATION);
  else if (i.entityType === "strategy-node") await requireAnyPermission(ctx, "audit:read", await strategyHistoryScopes(ctx, i.entityId));
  else if (i.entityType === "agenda-assignment") await requireAnyPermission(ctx, "audit:read", await assignmentHistoryScopes(ctx, i.entityId));
  else if (i.entityType === "kpi" || i.entityType === "agreement" || i.entityType === "sandbox" || i.entityType === "pilot-programme")
    await requireAnyPermission(ctx, "audit:read", await performanceHistoryScopes(ctx, i.entityType, i.entityId));
  else if (i.entityType === "committee") await requireAnyPermission(ctx, "audit:read", await committeeHistoryScopes(ctx, i.entityId));
  else if (i.entityType === "partner") await requireAnyPermission(ctx, "audit:read", await partnerHistoryScopes(ctx, i.entityId));
  else if (i.entityType === "delegation") await requireAnyPermission(ctx, "audit:read", await delegationHistoryScopes(ctx, i.entityId));
  else if (isPlanning(i.entityType)) await requireAnyPermission(ctx, "audit:read", await planningHistoryScopes(ctx, i.entityType, i.entityId));
  else await requireAnyPermission(ctx, "audit:read", await historyScopes(ctx, i.entityType, i.entityId));
  const rows = await readHistory(ctx, i.entityType, i.entityId, { limit: i.limit, beforeId: i.beforeId });
  return { items: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorKind: r.actorKind, actorName: r.actorName, action: r.action, before: r.before, after: r.after, requestId: r.requestId })) };
}
