import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError } from "../../platform/errors.js";
import { deliverNow, insertEvent, webhookDeliveries } from "../../platform/webhooks/index.js";
import { and, eq } from "drizzle-orm";
import { WEBHOOK_TEST_EVENT, type SendResult } from "./contracts.js";
import { assertSendable, mustGetSubscription } from "./webhook-rules.js";

/** Sends a signed `webhook.test` event to one subscription now, so its owner can check the receiver and its verification. */
export async function sendTestEvent({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<SendResult> {
  const deliveryId = await withTransaction(ctx, async (tx) => {
    const s = await mustGetSubscription(tx, input.id);
    assertSendable(s);
    const eventId = await insertEvent(tx, { type: WEBHOOK_TEST_EVENT, provinceCode: s.provinceCode, entityType: "webhook-subscription", entityId: s.id, data: { subscriptionId: s.id, messageTh: "เหตุการณ์ทดสอบจากระบบบริหารงานจังหวัด (Changwat)", messageEn: "A test event from Changwat" } }, [s.id]);
    await writeAudit(tx, { action: "webhooks.subscription.test", entityType: "webhook-subscription", entityId: s.id, provinceCode: s.provinceCode, after: { eventId } });
    const [d] = await tx.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(and(eq(webhookDeliveries.eventId, eventId), eq(webhookDeliveries.subscriptionId, s.id)));
    return d!.id;
  });
  const r = await deliverNow(ctx, deliveryId);
  if (!r) throw new ConflictError("webhooks.delivery-in-flight", "กำลังส่งรายการนี้อยู่ กรุณารอสักครู่", "This delivery is being sent right now; try again shortly");
  return r;
}
