import { and, arrayOverlaps, eq, isNull, or } from "drizzle-orm";
import { newId, type Ctx } from "../ctx.js";
import { webhookDeliveries, webhookEvents, webhookSubscriptions } from "./tables.js";

/** Largest JSON body sent to a receiver (64 KB): events describe a change and link to it, they carry no files. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

export type WebhookEventInput = {
  /** "case.created", "case.accepted", … (see docs/API.md, Webhooks) */
  type: string;
  /** the province the event belongs to; subscriptions of that province and nation-wide ones receive it */
  provinceCode: string | null;
  entityType: string;
  entityId: string;
  /** the event's `data`, or a function making it: called only when some subscription wants the event */
  data: Record<string, unknown> | ((ctx: Ctx) => Promise<Record<string, unknown>>);
  isDemo?: boolean;
};

export class EmitOutsideTransactionError extends Error {}

/** The types a subscription may name to receive `type`: itself, its family ("case.*") and everything ("*"). */
export function matchingPatterns(type: string): string[] {
  const family = type.includes(".") ? `${type.slice(0, type.indexOf("."))}.*` : null;
  return [type, ...(family ? [family] : []), "*"];
}

/**
 * Records an event in the outbox and one pending delivery per active subscription that wants it, inside the
 * caller's transaction: a change that rolls back emits nothing, and a committed change is never lost.
 * Returns the event id (null when no subscription wanted it: nothing is written then).
 */
export async function emitEvent(ctx: Ctx, e: WebhookEventInput): Promise<{ eventId: string | null; deliveries: number }> {
  if (!ctx.inTransaction) throw new EmitOutsideTransactionError(`webhook event ${e.type} must be emitted inside the change's transaction`);
  const subs = await ctx.db
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.status, "active"),
        e.provinceCode === null ? isNull(webhookSubscriptions.provinceCode) : or(isNull(webhookSubscriptions.provinceCode), eq(webhookSubscriptions.provinceCode, e.provinceCode)),
        arrayOverlaps(webhookSubscriptions.eventTypes, matchingPatterns(e.type)),
      ),
    );
  if (subs.length === 0) return { eventId: null, deliveries: 0 };
  const eventId = await insertEvent(ctx, e, subs.map((s) => s.id));
  return { eventId, deliveries: subs.length };
}

/** Writes the event and a due delivery for each of the given subscriptions (also used for test events). */
export async function insertEvent(ctx: Ctx, e: WebhookEventInput, subscriptionIds: readonly string[]): Promise<string> {
  const now = ctx.now();
  const id = newId(now.getTime());
  const data = typeof e.data === "function" ? await e.data(ctx) : e.data;
  const payload = { type: e.type, timestamp: now.toISOString(), data };
  const size = Buffer.byteLength(JSON.stringify(payload));
  if (size > MAX_PAYLOAD_BYTES) throw new Error(`webhook event ${e.type} is ${size} bytes, over the ${MAX_PAYLOAD_BYTES}-byte cap`);
  await ctx.db.insert(webhookEvents).values({ id, type: e.type, provinceCode: e.provinceCode, entityType: e.entityType, entityId: e.entityId, payload, occurredAt: now, isDemo: e.isDemo ?? false });
  if (subscriptionIds.length) {
    await ctx.db.insert(webhookDeliveries).values(subscriptionIds.map((subscriptionId) => ({ id: newId(now.getTime()), eventId: id, subscriptionId, provinceCode: e.provinceCode, status: "pending", nextAttemptAt: now, isDemo: e.isDemo ?? false, createdAt: now })));
  }
  return id;
}
