import { and, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { webhookDeliveries, webhookEvents } from "../../platform/webhooks/index.js";
import { ListDeliveriesInput, type DeliveryList } from "./contracts.js";
import { deliveryView, manageableProvinces, mustGetSubscription } from "./webhook-rules.js";

/**
 * The delivery log, newest first, filtered by subscription, status and event type: of one subscription the
 * actor manages, or of every subscription in the provinces they manage.
 */
export async function listDeliveries({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<DeliveryList> {
  const i = parseInput(ListDeliveriesInput, input);
  const conds: SQL[] = [];
  if (i.subscriptionId) {
    await mustGetSubscription(ctx, i.subscriptionId);
    conds.push(eq(webhookDeliveries.subscriptionId, i.subscriptionId));
  } else {
    const provinces = manageableProvinces(ctx);
    if (provinces !== null) conds.push(inArray(webhookDeliveries.provinceCode, provinces));
  }
  if (i.status) conds.push(eq(webhookDeliveries.status, i.status));
  if (i.eventType) conds.push(eq(webhookEvents.type, i.eventType));
  const where = conds.length ? and(...conds) : undefined;
  const [{ n }] = (await ctx.db.select({ n: count() }).from(webhookDeliveries).innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId)).where(where)) as [{ n: number }];
  const rows = await ctx.db
    .select({ d: webhookDeliveries, type: webhookEvents.type })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(where)
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(i.pageSize)
    .offset((i.page - 1) * i.pageSize);
  return { items: rows.map((r) => deliveryView(r.d, r.type)), total: Number(n), page: i.page, pageSize: i.pageSize };
}
