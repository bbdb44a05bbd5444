import { sql } from "drizzle-orm";
import { boolean, index, integer, json, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Another system's standing order for events: an https URL, the event types wanted ("case.*" for all case
 * events), the province it covers (null: the nation, administrators only). The signing secret (HMAC needs it
 * itself) is sealed with AES-256-GCM under WEBHOOKS_SECRET_KEY (secret-box.ts) and never leaves the server after
 * creation; during a rotation the previous secret also signs until `previous_secret_expires_at`.
 */
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: text("id").primaryKey(),
    /** two-digit province code; null = every province (nation-wide, administrators) */
    provinceCode: text("province_code"),
    url: text("url").notNull(),
    descriptionTh: text("description_th").notNull().default(""),
    eventTypes: text("event_types").array().notNull(),
    /** active | paused */
    status: text("status").notNull().default("active"),
    /** why it is paused: manual | failing */
    pausedReason: text("paused_reason"),
    /** plaintext of rows written before migration 0016: sealed (and nulled) at start-up or on first use */
    secret: text("secret"),
    previousSecret: text("previous_secret"),
    /** the key both sealed secrets are under (secret-box.ts#secretKeyId) */
    secretKeyId: text("secret_key_id"),
    /** AES-256-GCM of the current secret (base64): ciphertext, 12-byte nonce, 16-byte tag */
    secretCiphertext: text("secret_ciphertext"),
    secretNonce: text("secret_nonce"),
    secretTag: text("secret_tag"),
    /** the same for the rotated-out secret while it still signs */
    previousSecretCiphertext: text("previous_secret_ciphertext"),
    previousSecretNonce: text("previous_secret_nonce"),
    previousSecretTag: text("previous_secret_tag"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
    /** health: failures in a row since the last success; the first of them */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    failingSince: timestamp("failing_since", { withTimezone: true }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  // province first (the list of a province's subscriptions; emission looks up a province's and the nation's active ones)
  (t) => [index("webhook_subscriptions_province_idx").on(t.provinceCode, t.status)],
);

/** The outbox: one row per emitted event, written in the transaction of the change it reports. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    /** also the `webhook-id` header: the same on every attempt, so receivers can drop repeats */
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    provinceCode: text("province_code"),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    /** the whole JSON body sent ({ type, timestamp, data }); json, not jsonb, so its keys keep their order */
    payload: json("payload").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  // the event feed reads a province's events in (occurred_at, id) order after a cursor
  (t) => [index("webhook_events_entity_idx").on(t.entityType, t.entityId), index("webhook_events_occurred_idx").on(t.occurredAt), index("webhook_events_province_idx").on(t.provinceCode, t.occurredAt, t.id)],
);

/**
 * One event for one subscription. `status`: pending (due at `next_attempt_at`), sending (claimed until
 * `claimed_until`), succeeded, gave_up. A run claims due rows with one UPDATE … RETURNING over
 * FOR UPDATE SKIP LOCKED, so two processes never send the same attempt.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    subscriptionId: text("subscription_id").notNull(),
    provinceCode: text("province_code"),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    lastStatusCode: integer("last_status_code"),
    lastLatencyMs: integer("last_latency_ms"),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`status in ('pending', 'sending')`),
    index("webhook_deliveries_subscription_idx").on(t.subscriptionId, t.createdAt),
    index("webhook_deliveries_event_idx").on(t.eventId),
    /** retention (purge.ts): settled deliveries by the time they settled */
    index("webhook_deliveries_settled_idx").on(sql`(coalesce(delivered_at, last_attempt_at, created_at))`).where(sql`status in ('succeeded', 'gave_up') and not is_demo`),
  ],
);

/** Every HTTP attempt of a delivery: status code, latency and the first 2 KB of the answer (the delivery log). */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id").notNull(),
    subscriptionId: text("subscription_id").notNull(),
    attempt: integer("attempt").notNull(),
    /** scheduled | manual (a redelivery by hand) */
    trigger: text("trigger").notNull().default("scheduled"),
    at: timestamp("at", { withTimezone: true }).notNull(),
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms"),
    responseExcerpt: text("response_excerpt").notNull().default(""),
    error: text("error"),
    ok: boolean("ok").notNull(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.at)],
);
