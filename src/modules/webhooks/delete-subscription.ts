import { invalidateCached } from "../../platform/cache.js";
import { WEBHOOK_CACHE } from "../../platform/webhooks/index.js";
import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { webhookAttempts, webhookDeliveries, webhookSubscriptions } from "../../platform/webhooks/index.js";
import { mustGetSubscription } from "./webhook-rules.js";

/** Removes a subscription with its deliveries and their log (the events stay for other subscriptions). */
export async function deleteSubscription({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const s = await mustGetSubscription(tx, input.id, { lock: true });
    await tx.db.delete(webhookAttempts).where(eq(webhookAttempts.subscriptionId, s.id));
    await tx.db.delete(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, s.id));
    await tx.db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, s.id));
    await writeAudit(tx, { action: "webhooks.subscription.delete", entityType: "webhook-subscription", entityId: s.id, provinceCode: s.provinceCode, before: { url: s.url, eventTypes: s.eventTypes, status: s.status } });
  });
  invalidateCached(ctx, WEBHOOK_CACHE);
}
