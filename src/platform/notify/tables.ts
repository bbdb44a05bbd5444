import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Reminders and notices addressed to a scope (an organisation, an area) or a user. `dedupe_key` is unique, so a
 * scheduled job that runs twice (after a restart, or in two processes) never sends the same reminder twice.
 * Delivery (in-app inbox, e-mail digest) reads from here; `sent_at` marks what the mailer has handed on, and
 * `claimed_until` what a run is handing on now (notify.ts#deliverPending).
 */
export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    dedupeKey: text("dedupe_key").notNull(),
    /** scope key ("area:province:57", "org:…") or "user:<id>" */
    recipient: text("recipient").notNull(),
    provinceCode: text("province_code"),
    kind: text("kind").notNull(),
    subjectTh: text("subject_th").notNull(),
    subjectEn: text("subject_en").notNull(),
    bodyTh: text("body_th"),
    bodyEn: text("body_en"),
    link: text("link"),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** set once the mailer took it (or found no address): done */
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** being handed on by a run until then; a run cut off by a crash leaves it to the next run after this */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    /** hand-overs begun (a crash or a failed send makes more than one) */
    attempts: integer("attempts").notNull().default(0),
    /** how the mailer handed it on: "sent", or "no-address" (nobody to mail: done, not retried); null before */
    delivery: text("delivery"),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_uq").on(t.dedupeKey),
    index("notifications_recipient_idx").on(t.recipient, t.createdAt),
    index("notifications_province_idx").on(t.provinceCode),
    // the ones still to hand to the mailer: deliverPending's scan and the /metrics backlog (a small index, rows leave it once sent)
    index("notifications_unsent_idx").on(t.createdAt).where(sql`sent_at is null`),
  ],
);
