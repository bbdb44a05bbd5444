import { z } from "zod";
import { readHistory } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";

export const ListHistoryInput = z.object({
  entityType: z.enum(["area", "organization", "person", "post", "membership", "account", "api-key", "holiday", "import", "registry"]),
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

/** An entity's change history for staff whose scope covers it. */
export async function listHistory({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListHistoryInput> }): Promise<{ items: z.infer<typeof HistoryItem>[] }> {
  const i = ListHistoryInput.parse(input);
  const scope: ScopeRef =
    i.entityType === "area" ? { kind: "area", id: i.entityId } : i.entityType === "organization" ? { kind: "org", id: i.entityId } : { kind: "nation" };
  await requirePermission(ctx, i.entityType === "account" || i.entityType === "api-key" ? "accounts:read" : "audit:read", scope);
  const rows = await readHistory(ctx, i.entityType, i.entityId, { limit: i.limit, beforeId: i.beforeId });
  return { items: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorKind: r.actorKind, actorName: r.actorName, action: r.action, before: r.before, after: r.after, requestId: r.requestId })) };
}
