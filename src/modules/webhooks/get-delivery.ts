import { asc, eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { webhookAttempts, webhookDeliveries, webhookEvents } from "../../platform/webhooks/index.js";
import type { AttemptView, DeliveryDetail } from "./contracts.js";
import { deliveryView, mustGetSubscription } from "./webhook-rules.js";

/** One delivery with the body sent and every attempt (status code, latency, the start of the answer). */
export async function getDelivery({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<DeliveryDetail> {
  const [r] = await ctx.db.select({ d: webhookDeliveries, type: webhookEvents.type, payload: webhookEvents.payload }).from(webhookDeliveries).innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId)).where(eq(webhookDeliveries.id, input.id)).limit(1);
  if (!r) throw new NotFoundError("webhook-delivery", input.id);
  await mustGetSubscription(ctx, r.d.subscriptionId);
  const attempts = await ctx.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, r.d.id)).orderBy(asc(webhookAttempts.at), asc(webhookAttempts.id));
  const attemptsLog: AttemptView[] = attempts.map((a) => ({ attempt: a.attempt, trigger: a.trigger as AttemptView["trigger"], at: a.at.toISOString(), ok: a.ok, statusCode: a.statusCode, latencyMs: a.latencyMs, error: a.error, responseExcerpt: a.responseExcerpt }));
  return { ...deliveryView(r.d, r.type), payload: r.payload, attemptsLog };
}
