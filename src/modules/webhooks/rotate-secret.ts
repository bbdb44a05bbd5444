import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { newWebhookSecret, webhookSubscriptions } from "../../platform/webhooks/index.js";
import type { RotatedSecret } from "./contracts.js";
import { mustGetSubscription } from "./webhook-rules.js";

/** How long a rotated-out secret keeps signing beside the new one, so receivers can switch without a gap. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

/** Issues a new signing secret (shown once); for 24 h every request carries signatures by both secrets. */
export async function rotateSecret({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<RotatedSecret> {
  return withTransaction(ctx, async (tx) => {
    const s = await mustGetSubscription(tx, input.id, { lock: true });
    const now = tx.now();
    const secret = newWebhookSecret();
    const until = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    await tx.db.update(webhookSubscriptions).set({ secret, previousSecret: s.secret, previousSecretExpiresAt: until, version: s.version + 1, updatedAt: now }).where(eq(webhookSubscriptions.id, s.id));
    await writeAudit(tx, { action: "webhooks.subscription.rotate-secret", entityType: "webhook-subscription", entityId: s.id, provinceCode: s.provinceCode, after: { previousSecretExpiresAt: until.toISOString(), version: s.version + 1 } });
    return { id: s.id, secret, previousSecretExpiresAt: until.toISOString(), version: s.version + 1 };
  });
}
