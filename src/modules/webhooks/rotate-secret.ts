import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { newWebhookSecret, openSubscriptionSecrets, sealedSecretColumns, SecretUnreadableError, webhookSubscriptions } from "../../platform/webhooks/index.js";
import type { RotatedSecret } from "./contracts.js";
import { mustGetSubscription } from "./webhook-rules.js";

/** How long a rotated-out secret keeps signing beside the new one, so receivers can switch without a gap. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

/**
 * Issues a new signing secret (shown once); for 24 h every request carries signatures by both secrets. When the
 * stored secret cannot be opened (WEBHOOKS_SECRET_KEY lost or changed), the new one replaces it at once (no
 * overlap: the old one cannot sign anyway) — rotating is how an owner recovers such a subscription.
 */
export async function rotateSecret({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<RotatedSecret> {
  return withTransaction(ctx, async (tx) => {
    const s = await mustGetSubscription(tx, input.id, { lock: true });
    const now = tx.now();
    let old: string | null;
    try {
      old = openSubscriptionSecrets(s).secret;
    } catch (e) {
      if (!(e instanceof SecretUnreadableError)) throw e;
      old = null;
    }
    const secret = newWebhookSecret();
    const until = old === null ? now : new Date(now.getTime() + ROTATION_OVERLAP_MS);
    await tx.db
      .update(webhookSubscriptions)
      .set({ ...sealedSecretColumns(s.id, secret, old), previousSecretExpiresAt: old === null ? null : until, version: s.version + 1, updatedAt: now })
      .where(eq(webhookSubscriptions.id, s.id));
    await writeAudit(tx, { action: "webhooks.subscription.rotate-secret", entityType: "webhook-subscription", entityId: s.id, provinceCode: s.provinceCode, after: { previousSecretExpiresAt: until.toISOString(), overlap: old !== null, version: s.version + 1 } });
    return { id: s.id, secret, previousSecretExpiresAt: until.toISOString(), version: s.version + 1 };
  });
}
