import { invalidateCached } from "../../platform/cache.js";
import { WEBHOOK_CACHE } from "../../platform/webhooks/index.js";
import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { checkUrlTarget, webhookSettings, webhookSubscriptions } from "../../platform/webhooks/index.js";
import { UpdateSubscriptionInput, type SubscriptionView } from "./contracts.js";
import { assertVersion, mustGetSubscription, subscriptionView } from "./webhook-rules.js";

/**
 * Changes a subscription's URL, event types or description, or pauses / resumes it. Resuming clears its
 * failure streak, so a subscription paused for failing gets a fresh three days.
 */
export async function updateSubscription({ ctx, input }: { ctx: Ctx; input: { id: string } & Record<string, unknown> }): Promise<SubscriptionView> {
  const { id, ...rest } = input;
  const i = parseInput(UpdateSubscriptionInput, rest);
  await mustGetSubscription(ctx, id);
  if (i.url !== undefined) {
    const s = webhookSettings();
    await checkUrlTarget(i.url, { allowPrivate: s.allowPrivate, resolve: s.resolve });
  }
  const result = await withTransaction(ctx, async (tx) => {
    const s = await mustGetSubscription(tx, id, { lock: true });
    assertVersion(s, i.version);
    const now = tx.now();
    const resume = i.status === "active" && s.status !== "active";
    const pause = i.status === "paused" && s.status !== "paused";
    const [after] = await tx.db
      .update(webhookSubscriptions)
      .set({
        ...(i.url !== undefined ? { url: i.url } : {}),
        ...(i.eventTypes !== undefined ? { eventTypes: i.eventTypes } : {}),
        ...(i.descriptionTh !== undefined ? { descriptionTh: i.descriptionTh } : {}),
        ...(pause ? { status: "paused", pausedReason: "manual" } : {}),
        ...(resume ? { status: "active", pausedReason: null, consecutiveFailures: 0, failingSince: null } : {}),
        version: s.version + 1,
        updatedAt: now,
      })
      .where(eq(webhookSubscriptions.id, s.id))
      .returning();
    await writeAudit(tx, {
      action: pause ? "webhooks.subscription.pause" : resume ? "webhooks.subscription.resume" : "webhooks.subscription.update",
      entityType: "webhook-subscription",
      entityId: s.id,
      provinceCode: s.provinceCode,
      before: { url: s.url, eventTypes: s.eventTypes, status: s.status, version: s.version },
      after: { url: after!.url, eventTypes: after!.eventTypes, status: after!.status, version: after!.version },
    });
    return subscriptionView(after!, now);
  });
  invalidateCached(ctx, WEBHOOK_CACHE);
  return result;
}
