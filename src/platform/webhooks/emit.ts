import { and, arrayOverlaps, eq, isNull, or } from "drizzle-orm";
import { insertRows, type RowsWrite } from "../db/one-statement.js";
import { cached } from "../cache.js";
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
 * caller's transaction: a change that rolls back emits nothing, and a committed change is never lost. The event
 * is recorded even when no subscription wants it: the outbox is also the event feed (`GET /events`) that other
 * systems poll, and retention (purge.ts) deletes it after WEBHOOKS_RETENTION_DAYS.
 */
export async function emitEvent(ctx: Ctx, e: WebhookEventInput): Promise<{ eventId: string; deliveries: number }> {
  if (!ctx.inTransaction) throw new EmitOutsideTransactionError(`webhook event ${e.type} must be emitted inside the change's transaction`);
  const subs = await subscriptionsFor(ctx, e.type, e.provinceCode);
  const eventId = await insertEvent(ctx, e, subs);
  return { eventId, deliveries: subs.length };
}

/**
 * Records many events of one change at once (an alert run raises hundreds): one subscription look-up per
 * (type, province), then one statement for the events and one for their deliveries, in the caller's transaction.
 */
export async function emitEvents(ctx: Ctx, events: readonly WebhookEventInput[]): Promise<{ eventIds: string[]; deliveries: number }> {
  if (!ctx.inTransaction) throw new EmitOutsideTransactionError(`webhook events must be emitted inside the change's transaction`);
  const subs = new Map<string, string[]>();
  const eventRows: unknown[] = [];
  const deliveryRows: unknown[] = [];
  const eventIds: string[] = [];
  for (const e of events) {
    const key = `${e.type}|${e.provinceCode ?? ""}`;
    if (!subs.has(key)) subs.set(key, await subscriptionsFor(ctx, e.type, e.provinceCode));
    const { eventId: id, writes } = await eventWrites(ctx, e, subs.get(key)!);
    eventIds.push(id);
    for (const w of writes) (w.table === webhookEvents ? eventRows : deliveryRows).push(...(w.rows as unknown[]));
  }
  // batches keep each statement's parameter count well under PostgreSQL's 65,535
  for (let i = 0; i < eventRows.length; i += 1000) await ctx.db.insert(webhookEvents).values(eventRows.slice(i, i + 1000) as never);
  for (let i = 0; i < deliveryRows.length; i += 1000) await ctx.db.insert(webhookDeliveries).values(deliveryRows.slice(i, i + 1000) as never);
  return { eventIds, deliveries: deliveryRows.length };
}

/** Prefix of the cached subscription matches (dropped when a subscription is created, changed or deleted). */
export const WEBHOOK_CACHE = "webhooks:subs:";

/** The active subscriptions that want an event of this type and province (through the read cache outside transactions). */
export function subscriptionsFor(ctx: Ctx, type: string, provinceCode: string | null): Promise<string[]> {
  return cached(ctx, `${WEBHOOK_CACHE}${type}|${provinceCode ?? ""}`, async () =>
    (
      await ctx.db
        .select({ id: webhookSubscriptions.id })
        .from(webhookSubscriptions)
        .where(
          and(
            eq(webhookSubscriptions.status, "active"),
            provinceCode === null ? isNull(webhookSubscriptions.provinceCode) : or(isNull(webhookSubscriptions.provinceCode), eq(webhookSubscriptions.provinceCode, provinceCode)),
            arrayOverlaps(webhookSubscriptions.eventTypes, matchingPatterns(type)),
          ),
        )
    ).map((r) => r.id),
  );
}

/** Writes the event and a due delivery for each of the given subscriptions (also used for test events). */
export async function insertEvent(ctx: Ctx, e: WebhookEventInput, subscriptionIds: readonly string[]): Promise<string> {
  const { eventId, writes } = await eventWrites(ctx, e, subscriptionIds);
  for (const w of writes) await ctx.db.insert(w.table).values(w.rows as never);
  return eventId;
}

let lastMs = -1;
let counter = 0;
/**
 * A UUIDv7 whose 12 bits after the version count up within a millisecond in this process (RFC 9562, method 1):
 * a change's events (case.created, then case.routed) share a timestamp, and the feed orders by (time, id).
 */
export function eventId(ms: number): string {
  counter = ms === lastMs ? Math.min(counter + 1, 0xfff) : 0;
  lastMs = ms;
  const id = newId(ms);
  return `${id.slice(0, 15)}${counter.toString(16).padStart(3, "0")}${id.slice(18)}`;
}

/**
 * The statements that record an event and its deliveries, not yet run: for callers that send a change's writes to
 * the database as one statement (executeAsOne). The payload is made here (its size checked).
 */
export async function eventWrites(ctx: Ctx, e: WebhookEventInput, subscriptionIds: readonly string[]): Promise<{ eventId: string; writes: RowsWrite[] }> {
  const now = ctx.now();
  const id = eventId(now.getTime());
  const data = typeof e.data === "function" ? await e.data(ctx) : e.data;
  const payload = { type: e.type, timestamp: now.toISOString(), data };
  const size = Buffer.byteLength(JSON.stringify(payload));
  if (size > MAX_PAYLOAD_BYTES) throw new Error(`webhook event ${e.type} is ${size} bytes, over the ${MAX_PAYLOAD_BYTES}-byte cap`);
  const writes: RowsWrite[] = [insertRows(webhookEvents, { id, type: e.type, provinceCode: e.provinceCode, entityType: e.entityType, entityId: e.entityId, payload, occurredAt: now, isDemo: e.isDemo ?? false })];
  if (subscriptionIds.length) {
    writes.push(insertRows(webhookDeliveries, subscriptionIds.map((subscriptionId) => ({ id: newId(now.getTime()), eventId: id, subscriptionId, provinceCode: e.provinceCode, status: "pending", nextAttemptAt: now, isDemo: e.isDemo ?? false, createdAt: now }))));
  }
  return { eventId: id, writes };
}
