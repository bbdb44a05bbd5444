import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, NotFoundError } from "../../platform/errors.js";
import { deliverNow, webhookDeliveries } from "../../platform/webhooks/index.js";
import type { SendResult } from "./contracts.js";
import { assertSendable, mustGetSubscription } from "./webhook-rules.js";

/**
 * Sends a delivery again now, by hand (e.g. after the receiver was fixed): the same webhook-id, so a receiver
 * that already had it can drop it; a failure starts the retry schedule again. The request is audited first.
 */
export async function redeliver({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<SendResult> {
  const d = await withTransaction(ctx, async (tx) => {
    const [d] = await tx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, input.id)).limit(1);
    if (!d) throw new NotFoundError("webhook-delivery", input.id);
    const s = await mustGetSubscription(tx, d.subscriptionId);
    assertSendable(s);
    await writeAudit(tx, { action: "webhooks.delivery.redeliver", entityType: "webhook-delivery", entityId: d.id, provinceCode: s.provinceCode, before: { status: d.status, attempts: d.attempts } });
    return d;
  });
  const r = await deliverNow(ctx, d.id);
  if (!r) throw new ConflictError("webhooks.delivery-in-flight", "กำลังส่งรายการนี้อยู่ กรุณารอสักครู่", "This delivery is being sent right now; try again shortly");
  return r;
}
