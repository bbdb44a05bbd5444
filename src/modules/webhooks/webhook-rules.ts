import { eq } from "drizzle-orm";
import { requirePermission, scopesFor } from "../../platform/auth/permissions.js";
import type { ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation, UnauthorizedError } from "../../platform/errors.js";
import { webhookDeliveries, webhookSubscriptions } from "../../platform/webhooks/index.js";
import type { DeliveryView, SubscriptionView } from "./contracts.js";

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** Where a subscription sits: its province, or the nation for nation-wide ones. */
export const subscriptionScope = (provinceCode: string | null): ScopeRef => (provinceCode ? { kind: "area", id: `province:${provinceCode}` } : { kind: "nation" });

/** The governor's office manages its own province's subscriptions; nation-wide ones need a nation-wide grant. */
export const requireManage = (ctx: Ctx, provinceCode: string | null) => requirePermission(ctx, "webhooks:manage", subscriptionScope(provinceCode));

/**
 * The provinces whose subscriptions the actor may see: null for all (a nation-wide grant); a 401/403 for
 * someone who manages none.
 */
export function manageableProvinces(ctx: Ctx): string[] | null {
  const keys = scopesFor(ctx, "webhooks:manage");
  if (keys === null) return null;
  const codes = keys.map((k) => /^area:province:(\d{2})$/.exec(k)?.[1]).filter((c): c is string => !!c);
  if (codes.length === 0) throw ctx.actor.kind === "anonymous" ? new UnauthorizedError() : new ForbiddenError("webhooks:manage");
  return codes;
}

/** The subscription (row-locked when asked) after checking the actor manages it; 404 when unknown. */
export async function mustGetSubscription(ctx: Ctx, id: string, opts: { lock?: boolean } = {}): Promise<SubscriptionRow> {
  const q = ctx.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).limit(1);
  const [s] = opts.lock ? await q.for("update") : await q;
  if (!s) throw new NotFoundError("webhook-subscription", id);
  await requireManage(ctx, s.provinceCode);
  return s;
}

export function assertVersion(s: SubscriptionRow, version: number | undefined): void {
  if (version !== undefined && version !== s.version) {
    throw new ConflictError("webhooks.stale", "รายการนี้ถูกแก้ไขไปแล้วโดยผู้อื่น กรุณาโหลดใหม่", "Someone else changed this subscription meanwhile: reload it", { current: s.version });
  }
}

/** Sending by hand needs an active, real subscription (a demo one is never called). */
export function assertSendable(s: SubscriptionRow): void {
  if (s.isDemo) throw new RuleViolation("webhooks.demo-not-sent", "รายการสาธิตไม่ส่งจริง", "Demo subscriptions are never called");
  if (s.status !== "active") throw new RuleViolation("webhooks.subscription-paused", "รายการนี้หยุดไว้อยู่ กรุณาเปิดใช้งานก่อนส่ง", "This subscription is paused: resume it before sending");
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A subscription as its managers see it: never its secrets. */
export function subscriptionView(s: SubscriptionRow, now: Date): SubscriptionView {
  return {
    id: s.id,
    provinceCode: s.provinceCode,
    url: s.url,
    descriptionTh: s.descriptionTh,
    eventTypes: s.eventTypes,
    status: s.status as SubscriptionView["status"],
    pausedReason: (s.pausedReason as SubscriptionView["pausedReason"]) ?? null,
    health: { lastSuccessAt: iso(s.lastSuccessAt), lastFailureAt: iso(s.lastFailureAt), consecutiveFailures: s.consecutiveFailures, failingSince: iso(s.failingSince) },
    previousSecretExpiresAt: (s.previousSecretCiphertext || s.previousSecret) && s.previousSecretExpiresAt && s.previousSecretExpiresAt > now ? s.previousSecretExpiresAt.toISOString() : null,
    version: s.version,
    isDemo: s.isDemo,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function deliveryView(d: DeliveryRow, eventType: string): DeliveryView {
  const settled = d.status === "succeeded" || d.status === "gave_up";
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    eventId: d.eventId,
    eventType,
    provinceCode: d.provinceCode,
    status: d.status as DeliveryView["status"],
    attempts: d.attempts,
    nextAttemptAt: settled ? null : d.nextAttemptAt.toISOString(),
    lastStatusCode: d.lastStatusCode,
    lastLatencyMs: d.lastLatencyMs,
    lastError: d.lastError,
    lastAttemptAt: iso(d.lastAttemptAt),
    deliveredAt: iso(d.deliveredAt),
    createdAt: d.createdAt.toISOString(),
    isDemo: d.isDemo,
  };
}
