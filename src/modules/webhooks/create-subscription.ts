import { invalidateCached } from "../../platform/cache.js";
import { WEBHOOK_CACHE } from "../../platform/webhooks/index.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { fieldError, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { checkUrlTarget, newWebhookSecret, sealedSecretColumns, webhookSettings, webhookSubscriptions } from "../../platform/webhooks/index.js";
import { lookupArea } from "../registry/index.js";
import { CreateSubscriptionInput, type CreatedSubscription } from "./contracts.js";
import { requireManage, subscriptionView } from "./webhook-rules.js";

/**
 * Registers another system's URL for events of a province (or, for administrators, of the nation). The URL
 * must be https and reach a public address; the signing secret is generated here and returned this once.
 */
export async function createSubscription({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CreatedSubscription> {
  const i = parseInput(CreateSubscriptionInput, input);
  await requireManage(ctx, i.provinceCode);
  if (i.provinceCode && (await lookupArea(ctx, `province:${i.provinceCode}`))?.classification !== "province") {
    throw new ValidationError([fieldError("provinceCode", "ref.unknown-area", `ไม่พบจังหวัดรหัส ${i.provinceCode}`, `Unknown province ${i.provinceCode}`)]);
  }
  const s = webhookSettings();
  await checkUrlTarget(i.url, { allowPrivate: s.allowPrivate, resolve: s.resolve });
  const result = await withTransaction(ctx, async (tx) => {
    const now = tx.now();
    const secret = newWebhookSecret();
    const id = newId(now.getTime());
    // stored sealed (AES-256-GCM under WEBHOOKS_SECRET_KEY); the clear secret is in this answer only
    const [row] = await tx.db
      .insert(webhookSubscriptions)
      .values({ id, provinceCode: i.provinceCode, url: i.url, descriptionTh: i.descriptionTh, eventTypes: i.eventTypes, status: "active", ...sealedSecretColumns(id, secret, null), createdBy: tx.actor.id ?? "system", createdAt: now, updatedAt: now })
      .returning();
    // the audit names the subscription, never its secret
    await writeAudit(tx, { action: "webhooks.subscription.create", entityType: "webhook-subscription", entityId: row!.id, provinceCode: i.provinceCode, after: { url: i.url, eventTypes: i.eventTypes, provinceCode: i.provinceCode } });
    return { ...subscriptionView(row!, now), secret };
  });
  invalidateCached(ctx, WEBHOOK_CACHE);
  return result;
}
