import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { newWebhookSecret, sealedSecretColumns, webhookAttempts, webhookDeliveries, webhookEvents, webhookSubscriptions } from "../../platform/webhooks/index.js";
import { WEBHOOK_TEST_EVENT } from "./contracts.js";

/** The demo subscription's URL: `.invalid` never resolves (RFC 6761), and the subscription is paused besides. */
export const DEMO_WEBHOOK_URL = "https://example.invalid/changwat-demo/chiang-rai-dashboard";

/**
 * Demo: Chiang Rai's strategy office registered its provincial dashboard for case events, tested it three
 * times (a success; a receiver error, then a success; seven timeouts, given up) and paused it. Never called.
 */
export async function seedDemoWebhooks({ ctx }: { ctx: Ctx }): Promise<void> {
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(webhookSubscriptions).where(sql`${webhookSubscriptions.isDemo}`)) as [{ n: number }];
  if (n > 0) return;
  await withTransaction(ctx, async (tx) => {
    const now = tx.now();
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000);
    const subId = newId(at(72).getTime());
    await tx.db.insert(webhookSubscriptions).values({
      id: subId,
      provinceCode: "57",
      url: DEMO_WEBHOOK_URL,
      descriptionTh: "แดชบอร์ดจังหวัดเชียงราย (ตัวอย่าง: หยุดไว้ ไม่ส่งจริง)",
      eventTypes: ["case.*"],
      status: "paused",
      pausedReason: "manual",
      ...sealedSecretColumns(subId, newWebhookSecret(), null),
      consecutiveFailures: 7,
      failingSince: at(48),
      lastSuccessAt: at(60 - 1 / 60),
      lastFailureAt: at(48 - 1956 / 60),
      isDemo: true,
      createdBy: "demo-strategy.chiangrai",
      createdAt: at(72),
      updatedAt: at(23),
    });
    const runs: { hoursAgo: number; attempts: { after: number; statusCode: number | null; latencyMs: number | null; error: string | null; excerpt: string }[]; status: "succeeded" | "gave_up" }[] = [
      { hoursAgo: 71, attempts: [{ after: 0, statusCode: 200, latencyMs: 182, error: null, excerpt: '{"received":true}' }], status: "succeeded" },
      { hoursAgo: 60, attempts: [{ after: 0, statusCode: 503, latencyMs: 95, error: "http-error", excerpt: "Service Unavailable" }, { after: 1 / 60, statusCode: 200, latencyMs: 210, error: null, excerpt: '{"received":true}' }], status: "succeeded" },
      // the receiver went silent: seven attempts on the retry schedule (0, +1 min, +5, +30, +2 h, +6 h, +24 h), then given up
      { hoursAgo: 48, attempts: [0, 1 / 60, 6 / 60, 36 / 60, 156 / 60, 516 / 60, 1956 / 60].map((after) => ({ after, statusCode: null, latencyMs: null, error: "timeout", excerpt: "" })), status: "gave_up" },
    ];
    for (const r of runs) {
      const t = at(r.hoursAgo);
      const eventId = newId(t.getTime());
      await tx.db.insert(webhookEvents).values({ id: eventId, type: WEBHOOK_TEST_EVENT, provinceCode: "57", entityType: "webhook-subscription", entityId: subId, payload: { type: WEBHOOK_TEST_EVENT, timestamp: t.toISOString(), data: { subscriptionId: subId, messageTh: "เหตุการณ์ทดสอบจากระบบบริหารงานจังหวัด (Changwat)", messageEn: "A test event from Changwat" } }, occurredAt: t, isDemo: true });
      const deliveryId = newId(t.getTime());
      const last = r.attempts[r.attempts.length - 1]!;
      const lastAt = new Date(t.getTime() + last.after * 3600_000);
      await tx.db.insert(webhookDeliveries).values({ id: deliveryId, eventId, subscriptionId: subId, provinceCode: "57", status: r.status, attempts: r.attempts.length, nextAttemptAt: lastAt, lastStatusCode: last.statusCode, lastLatencyMs: last.latencyMs, lastError: last.error, lastAttemptAt: lastAt, deliveredAt: r.status === "succeeded" ? lastAt : null, isDemo: true, createdAt: t });
      await tx.db.insert(webhookAttempts).values(r.attempts.map((a, k) => ({ id: newId(t.getTime() + k), deliveryId, subscriptionId: subId, attempt: k + 1, trigger: k === 0 ? "manual" : "scheduled", at: new Date(t.getTime() + a.after * 3600_000), statusCode: a.statusCode, latencyMs: a.latencyMs, responseExcerpt: a.excerpt, error: a.error, ok: a.error === null })));
    }
    await writeAudit(tx, { action: "webhooks.seed.demo", entityType: "webhook-subscription", entityId: subId, provinceCode: "57", after: { url: DEMO_WEBHOOK_URL, status: "paused", deliveries: runs.length } });
  });
}
